"""`styrkraft roles [--organ SLUG] [--municipality SLUG]`: who has which role. One line per role, tab-
separated: municipality, organ, role, user; a site-wide administrator has `*` for municipality and organ
(administrator for the whole municipality)."""

from django.core.management import BaseCommand
from django.utils.translation import gettext as _

from styrkraft.org.models import OrganRole


class Command(BaseCommand):
    help = (
        "Lists who has which role: administrators for the whole municipality (* *), then editors and "
        "readers per organ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organ", help="Only this organ's roles (its kortnamn); no administrators.")
        parser.add_argument("--municipality", help="Only this municipality's roles (its kortnamn).")

    def handle(self, *args, **options):
        roles = OrganRole.objects.select_related("user", "organ__municipality").order_by(
            "organ__municipality__name", "organ__order", "organ__name", "role", "user__username"
        )
        admins = roles.filter(organ__isnull=True)
        roles = roles.filter(organ__isnull=False)
        if options["organ"]:
            roles = roles.filter(organ__slug=options["organ"])
            admins = admins.none()
        if options["municipality"]:
            roles = roles.filter(organ__municipality__slug=options["municipality"])
        lines = [f"*\t*\t{role.role}\t{role.user.get_username()}" for role in admins]
        lines += [
            f"{role.organ.municipality.slug}\t{role.organ.slug}\t{role.role}\t{role.user.get_username()}"
            for role in roles
        ]
        self.stdout.write("\n".join(lines) if lines else _("Inga roller."))
