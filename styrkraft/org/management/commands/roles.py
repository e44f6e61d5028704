"""`styrkraft roles [--organ SLUG] [--municipality SLUG]`: who has which role on which organ."""

from django.core.management import BaseCommand
from django.utils.translation import gettext as _

from styrkraft.org.models import OrganRole


class Command(BaseCommand):
    help = "Lists who has which role (administrator, editor, reader) on which organ."

    def add_arguments(self, parser):
        parser.add_argument("--organ", help="Only this organ's roles (its kortnamn).")
        parser.add_argument("--municipality", help="Only this municipality's roles (its kortnamn).")

    def handle(self, *args, **options):
        roles = OrganRole.objects.select_related("user", "organ__municipality").order_by(
            "organ__municipality__name", "organ__order", "organ__name", "role", "user__username"
        )
        if options["organ"]:
            roles = roles.filter(organ__slug=options["organ"])
        if options["municipality"]:
            roles = roles.filter(organ__municipality__slug=options["municipality"])
        found = False
        for role in roles:
            found = True
            self.stdout.write(
                f"{role.organ.municipality.slug}\t{role.organ.slug}\t{role.role}\t{role.user.get_username()}"
            )
        if not found:
            self.stdout.write(_("Inga roller."))
