"""`styrkraft load_demo [--if-empty] [--large] [--replace]`: load the demo municipality.

Without --large: the Västerås demo, styrkraft/steering/demo/vasteras.yaml. With --large: the generated
Göteborg-size municipality of styrkraft.steering.demo.large. Both go through the same loader as
`styrkraft load`. Then the Kolada data shipped in styrkraft/kolada/data/ (the catalogue and the recorded
values of Skåne and Höör's peers) is imported offline through the same service as `styrkraft kolada
import`, so the KPI search has a catalogue and the indicator pages real Kolada figures. --if-empty does
nothing when any municipality exists (`make run` uses it)."""

import time
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styrkraft.kolada.management.commands.kolada import summary
from styrkraft.kolada.server import DEFAULT_FILES as KOLADA_FILES  # the shipped recorded data, in order
from styrkraft.kolada.sync import import_files
from styrkraft.org.models import Municipality
from styrkraft.steering.management.commands.load import load_file
from styrkraft.steering.modelfile import ModelFileError, model_file_load, summary_line

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "vasteras.yaml"


class Command(BaseCommand):
    help = "Loads the Västerås demo (or with --large a generated Göteborg-size municipality)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any municipality already exists."
        )
        parser.add_argument(
            "--large", action="store_true", help="Load the generated Göteborg-size municipality instead."
        )
        parser.add_argument("--replace", action="store_true", help="Replace the municipality if it exists.")

    def handle(self, *args, **options):
        if options["if_empty"] and Municipality.objects.exists():
            self.stdout.write(_("Det finns redan en kommun i databasen; ingen demo lästes in."))
            return
        if not options["large"]:
            load_file(self, DEMO_FILE, actor="styrkraft load_demo", replace=options["replace"])
            self.import_kolada()
            return
        from styrkraft.steering.demo.large import build_large_model

        try:
            municipality = model_file_load(
                actor="styrkraft load_demo --large", data=build_large_model(), replace=options["replace"]
            )
        except ModelFileError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Den genererade kommunen lästes inte in: {len(exc.problems)} problem."
            ) from exc
        self.stdout.write(summary_line(municipality))
        self.import_kolada()

    def import_kolada(self) -> None:
        started = time.monotonic()
        try:
            record = import_files(KOLADA_FILES, actor="styrkraft load_demo")
        except ValueError as exc:
            raise CommandError(_("Kolada-data lästes inte in: %(reason)s") % {"reason": exc}) from exc
        self.stdout.write(
            _("Kolada-data (inspelad): %(summary)s")
            % {"summary": summary(record, time.monotonic() - started, 0)}
        )
