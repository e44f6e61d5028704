"""`styrkraft decide --organ SLUG [--year 2024] --body kf --date 2023-11-16 [--paragraph 212]
[--case-number "KS 2023/00456"] [--municipality SLUG]`: decide an organ's whole plan year in one step,
through the same service as the site's page Besluta planåret. Without --year: the municipality's current
plan year (styrkraft.steering.plan_year)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.org.forms.decisions import DECIDING_KINDS
from styrkraft.org.management.commands.grant import find_organ
from styrkraft.org.models import Organ
from styrkraft.steering import services
from styrkraft.steering.plan_year import current_plan_year

ACTOR = "kommando"


class Command(BaseCommand):
    help = (
        "Decides ORGAN's goals for YEAR (with their indicators and targets) in one step, recording one "
        "decision reference: the deciding body, the date, the paragraph and the case number."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organ", required=True, help="The kortnamn (slug) of the organ whose goals.")
        parser.add_argument(
            "--year", type=int, help="The plan year, e.g. 2024 (default: the current plan year)."
        )
        parser.add_argument("--body", required=True, help="The kortnamn of the deciding body, e.g. kf.")
        parser.add_argument("--date", required=True, help="The date of the decision, YYYY-MM-DD.")
        parser.add_argument("--paragraph", default="", help="The paragraph (§) of the minutes.")
        parser.add_argument("--case-number", default="", help="The case number (diarienummer).")
        parser.add_argument(
            "--municipality", help="The municipality's kortnamn, when several have the organ."
        )

    def handle(self, *args, **options):
        organ = find_organ(options["organ"], options["municipality"])
        body = self.find_body(organ, options["body"])
        year = options["year"] if options["year"] is not None else current_plan_year(organ.municipality)
        try:
            decided_on = datetime.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(
                _("Ogiltigt datum ”%(date)s”; skriv det som 2023-11-16.") % {"date": options["date"]}
            ) from exc
        try:
            decision = services.plan_year_decide(
                actor=ACTOR,
                organ=organ,
                year=year,
                body=body,
                decided_on=decided_on,
                paragraph=options["paragraph"],
                case_number=options["case_number"],
            )
        except ValidationError as exc:
            raise CommandError(
                "\n".join([_("Planåret beslutades inte:"), *exc.messages]), returncode=1
            ) from exc
        self.stdout.write(
            ngettext(
                "Målen för %(organ)s %(year)s är beslutade (%(count)s mål): %(decision)s.",
                "Målen för %(organ)s %(year)s är beslutade (%(count)s mål): %(decision)s.",
                count := decision.goals.count(),
            )
            % {
                "organ": organ.name,
                "year": year,
                "count": count,
                "decision": decision,
            }
        )

    def find_body(self, organ: Organ, slug: str) -> Organ:
        bodies = Organ.objects.filter(municipality=organ.municipality, kind__in=DECIDING_KINDS)
        body = bodies.filter(slug=slug).first()
        if body is None:
            raise CommandError(
                _("Det finns inget beslutande organ ”%(slug)s” i %(municipality)s. Välj ett av: %(choices)s.")
                % {
                    "slug": slug,
                    "municipality": organ.municipality,
                    "choices": ", ".join(sorted(bodies.values_list("slug", flat=True))) or _("(inga)"),
                }
            )
        return body
