"""`styrkraft check`: Django's system checks, and with --year the rules of the steering model.

    styrkraft check --year 2024                 findings as text
    styrkraft check --year 2024 --format json   {"year": 2024, "findings": [...]}
    styrkraft check --rules                     the current plan year of each municipality

Exit status 0 when there is no finding of severity error, 1 when there is. --format json or
--municipality without --year check the current plan year as well (steering/plan_year.py, the one
rule). Without any of them this is Django's own `check` command (e.g. `styrkraft check --deploy`)."""

import json

from django.core.management import CommandError
from django.core.management.commands.check import Command as DjangoCheckCommand
from django.utils import timezone

from styrkraft.org.models import Municipality
from styrkraft.steering import rules
from styrkraft.steering.plan_year import current_plan_year


class Command(DjangoCheckCommand):
    help = "Runs Django's system checks, or with --year the rules of the steering model for a plan year."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--year", type=int, help="Plan year whose steering chain is checked against the rules."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")
        parser.add_argument("--municipality", help="Municipality slug (default: every municipality).")
        parser.add_argument(
            "--rules",
            action="store_true",
            help="The rules of the steering model for the current plan year (when --year is not given).",
        )

    def handle(self, *app_labels, **options):
        rules_asked = options["rules"] or options["format"] != "text" or options["municipality"]
        if options["year"] is None and not rules_asked:
            return super().handle(*app_labels, **options)
        municipalities = Municipality.objects.order_by("pk")
        if options["municipality"]:
            municipalities = municipalities.filter(slug=options["municipality"])
            if not municipalities.exists():
                raise CommandError(f"Okänd kommun: {options['municipality']!r}.")
        years = {m.pk: options["year"] or current_plan_year(m) for m in municipalities}
        findings = [f for m in municipalities for f in rules.findings_for_year(m, years[m.pk])]
        year = options["year"] or max(years.values(), default=timezone.localdate().year)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {"year": year, "findings": [f.as_dict() for f in findings]}, ensure_ascii=False, indent=2
                )
            )
        else:
            self._write_text(year, findings)
        if rules.has_errors(findings):
            raise SystemExit(1)

    def _write_text(self, year: int, findings: list) -> None:
        errors = sum(f.is_error for f in findings)
        warnings = len(findings) - errors
        for f in findings:
            label = "FEL" if f.is_error else "VARNING"
            self.stdout.write(f"{label} [{f.rule}] {f.organ}: {f.item}: {f.message}")
        warned = f"{warnings} varning" if warnings == 1 else f"{warnings} varningar"
        self.stdout.write(f"Planår {year}: {errors} fel, {warned}.")
