"""`styrkraft restore FILE [--force]`: read an archive written by `styrkraft backup` into an empty,
migrated database, in one transaction (docs/backup.md)."""

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styrkraft.core.backup import BackupError, manifest_counts
from styrkraft.core.restore import restore_read


class Command(BaseCommand):
    help = "Reads an archive written by `styrkraft backup` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive written by `styrkraft backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete all existing data first, in the same transaction as the restore.",
        )

    def handle(self, *args, **options):
        try:
            manifest = restore_read(actor="styrkraft restore", path=options["file"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Säkerhetskopian %(file)s från %(created)s lästes in: %(rows)s i %(models)s.")
            % {"file": options["file"], "created": manifest["created_at"], **manifest_counts(manifest)}
        )
