"""`styrkraft kolada sync [--year-from Y] [--full] [--catalogue]` and `styrkraft kolada import FILE
[FILE...]`: keep the local Kolada data current, through the services in `styrkraft.kolada.sync`.
A progress bar on stderr when it is a terminal; a summary line at the end; exit 1 with the reason
(and nothing changed) on failure."""

import time

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core.templatetags.styrkraft_tags import format_number
from styrkraft.kolada import sync
from styrkraft.kolada.client import KoladaClient, KoladaError
from styrkraft.kolada.models import KoladaSync

ACTOR = "kommando"
BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Fetches key figures from Kolada (sync) or imports recorded Kolada responses from files (import)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        sync_parser = actions.add_parser(
            "sync", help="Fetch the values of every Kolada indicator (only what changed since the last sync)."
        )
        sync_parser.add_argument("--year-from", type=int, help="The first year to fetch, e.g. 2018.")
        sync_parser.add_argument("--full", action="store_true", help="Fetch everything, not only changes.")
        sync_parser.add_argument(
            "--catalogue",
            action="store_true",
            help="Refresh the local catalogue of KPIs, municipalities and groups first.",
        )
        import_parser = actions.add_parser("import", help="Import recorded Kolada responses from files.")
        import_parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, **options):
        started = time.monotonic()
        self.extra_requests = 0
        try:
            if options["action"] == "import":
                record = sync.import_files(options["files"], actor=ACTOR)
            else:
                record = self.sync(options)
        except (KoladaError, ValueError) as exc:
            raise CommandError(_("Inget ändrades: %(reason)s") % {"reason": exc}, returncode=1) from exc
        self.stdout.write(summary(record, time.monotonic() - started, record.requests + self.extra_requests))

    def sync(self, options) -> KoladaSync:
        with KoladaClient() as client:
            if options["catalogue"]:
                catalogue = sync.catalogue_sync(client, actor=ACTOR)
                self.extra_requests = catalogue.requests
                self.stdout.write(
                    _("Katalogen: %(added)s, %(changed)s.")
                    % {
                        "added": ngettext("%(n)s nytt", "%(n)s nya", catalogue.added)
                        % {"n": format_number(catalogue.added)},
                        "changed": ngettext("%(n)s ändrat", "%(n)s ändrade", catalogue.changed)
                        % {"n": format_number(catalogue.changed)},
                    }
                )
            return sync.values_sync(
                client,
                actor=ACTOR,
                year_from=options["year_from"],
                full=options["full"],
                progress=self.progress_bar(),
            )

    def progress_bar(self):
        """A few characters on stderr, redrawn in place, only when stderr is a terminal."""
        if not self.stderr.isatty():
            return None

        def draw(done: int, total: int) -> None:
            filled = BAR_WIDTH * done // max(total, 1)
            self.stderr.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending="")
            if done == total:
                self.stderr.write("")
            self.stderr.flush()

        return draw


def summary(record: KoladaSync, seconds: float, requests: int) -> str:
    """ "Klart på 3,2 s: 120 tillagda, 4 ändrade, 1 borttaget, 13 000 oförändrade (57 anrop)." """
    return _("Klart på %(seconds)s s: %(added)s, %(changed)s, %(deleted)s, %(unchanged)s (%(requests)s).") % {
        "seconds": format_number(seconds, 1),
        "added": ngettext("%(n)s tillagt", "%(n)s tillagda", record.added)
        % {"n": format_number(record.added)},
        "changed": ngettext("%(n)s ändrat", "%(n)s ändrade", record.changed)
        % {"n": format_number(record.changed)},
        "deleted": ngettext("%(n)s borttaget", "%(n)s borttagna", record.deleted)
        % {"n": format_number(record.deleted)},
        "unchanged": ngettext("%(n)s oförändrat", "%(n)s oförändrade", record.unchanged)
        % {"n": format_number(record.unchanged)},
        "requests": ngettext("%(n)s anrop", "%(n)s anrop", requests) % {"n": format_number(requests)},
    }
