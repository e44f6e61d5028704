"""`styrkraft backup FILE`: write all data to a database-independent archive (docs/backup.md)."""

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styrkraft.core.backup import BackupError, backup_write, manifest_counts


class Command(BaseCommand):
    help = "Writes all data (history, users and roles included) to a database-independent archive FILE."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to write (a zip file; replaced if it exists).")

    def handle(self, *args, **options):
        try:
            manifest = backup_write(actor="styrkraft backup", path=options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Säkerhetskopian %(file)s skrevs: %(rows)s i %(models)s.")
            % {"file": options["file"], **manifest_counts(manifest)}
        )
