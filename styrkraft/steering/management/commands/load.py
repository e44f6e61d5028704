"""`styrkraft load FILE.yaml [--replace]`: write a municipality from a model file (docs/model-file.md).

The whole file is checked first; a file with problems changes nothing, and every problem is printed on
its own line as `<place in the file>: <message>`, with exit status 1."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.steering.modelfile import ModelFileError, model_file_load, parse_model_file, summary_line


def load_file(command: BaseCommand, path: Path, *, actor: str, replace: bool):
    """Parse, validate and write one model file; print its problems or a one-line summary."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CommandError(_("Filen finns inte: %(path)s") % {"path": path}) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(_("Filen är inte UTF-8-kodad: %(path)s") % {"path": path}) from exc
    try:
        municipality = model_file_load(actor=actor, data=parse_model_file(text), replace=replace)
    except ModelFileError as exc:
        for problem in exc.problems:
            command.stderr.write(str(problem))
        raise CommandError(
            ngettext(
                "%(path)s lästes inte in: %(count)s problem; inget ändrades.",
                "%(path)s lästes inte in: %(count)s problem; inget ändrades.",
                len(exc.problems),
            )
            % {"path": path, "count": len(exc.problems)}
        ) from exc
    command.stdout.write(summary_line(municipality))
    return municipality


class Command(BaseCommand):
    help = "Validates a municipality model file (YAML) and writes it in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The model file (docs/model-file.md).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the municipality if it already exists (deletes it and writes the file).",
        )

    def handle(self, *args, **options):
        load_file(self, options["file"], actor="styrkraft load", replace=options["replace"])
