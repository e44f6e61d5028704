"""`styrkraft dump [--year 2024] [--municipality SLUG] [-o FILE]`: write a municipality as a model file.

The output is the format `styrkraft load` reads (docs/model-file.md). With --year only that plan year's
goals (with their indicators), council goals and assignments are written; indicator values in full."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styrkraft.org.models import Municipality
from styrkraft.steering.modelfile import dump_yaml, model_file_dump


class Command(BaseCommand):
    help = "Writes a municipality's steering chain as a model file (YAML), to stdout or a file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Only this plan year's goals, council goals and assignments."
        )
        parser.add_argument("--municipality", help="Municipality id (slug); needed when there are several.")
        parser.add_argument("-o", "--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, **options):
        municipalities = Municipality.objects.order_by("slug")
        if options["municipality"]:
            municipality = municipalities.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(_("Okänd kommun: '%(slug)s'.") % {"slug": options["municipality"]})
        else:
            found = list(municipalities[:2])
            if not found:
                raise CommandError(_("Det finns ingen kommun att skriva ut."))
            if len(found) > 1:
                slugs = ", ".join(municipalities.values_list("slug", flat=True))
                raise CommandError(
                    _("Det finns flera kommuner; välj en med --municipality (%(slugs)s).") % {"slugs": slugs}
                )
            municipality = found[0]
        text = dump_yaml(model_file_dump(municipality, year=options["year"]))
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
