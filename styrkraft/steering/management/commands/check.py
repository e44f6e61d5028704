"""`styrkraft check`: Django's system checks, and with --year the rules of the steering model.

    styrkraft check --year 2024                 findings as text
    styrkraft check --year 2024 --format json   {"year": 2024, "findings": [...]}

Exit status 0 when there is no finding of severity error, 1 when there is. Without --year this is
Django's own `check` command (e.g. `styrkraft check --deploy`)."""

import json

from django.core.management import CommandError
from django.core.management.commands.check import Command as DjangoCheckCommand

from styrkraft.org.models import Municipality
from styrkraft.steering import rules


class Command(DjangoCheckCommand):
    help = "Runs Django's system checks, or with --year the rules of the steering model for a plan year."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--year", type=int, help="Plan year whose steering chain is checked against the rules."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")
        parser.add_argument("--municipality", help="Municipality slug (default: every municipality).")

    def handle(self, *app_labels, **options):
        if options["year"] is None:
            if options["format"] != "text" or options["municipality"]:
                raise CommandError("--format and --municipality need --year.")
            return super().handle(*app_labels, **options)
        year = options["year"]
        municipalities = Municipality.objects.order_by("pk")
        if options["municipality"]:
            municipalities = municipalities.filter(slug=options["municipality"])
            if not municipalities.exists():
                raise CommandError(f"Okänd kommun: {options['municipality']!r}.")
        findings = [f for m in municipalities for f in rules.findings_for_year(m, year)]
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
        self.stdout.write(f"Planår {year}: {errors} fel, {warnings} varningar.")
