"""Indicators (nyckeltal): what is measured for a goal, its yearly values, baseline and targets."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styrkraft.core.models import EditableModel, SoftDeleteModel
from styrkraft.core.records import RecordState
from styrkraft.org.models import Organ, slug_validator

kolada_id_validator = RegexValidator(r"^[NU]\d{5}$", _("Ett Kolada-id ser ut som N15419 eller U23401."))


class Indicator(SoftDeleteModel, EditableModel):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("högre är bättre")
        LOWER = "lower", _("lägre är bättre")

    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        OWN = "own", _("egen mätning")

    # Its targets have a records state of their own (styrkraft.lifecycle): the lifecycle's one
    # declaration of where (an indicator is not itself a document; its targets are).
    state_field = "targets_state"
    decision_field = "targets_decision"

    organ = models.ForeignKey(
        Organ, verbose_name=_("organ"), on_delete=models.CASCADE, related_name="indicators"
    )
    goal = models.ForeignKey(
        "steering.Goal",  # by name: the steering chain sits above the indicators (docs/architecture.md)
        verbose_name=_("mål"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    title = models.CharField(_("nyckeltal"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    direction = models.CharField(_("riktning"), max_length=6, choices=Direction.choices)
    source = models.CharField(_("källa"), max_length=6, choices=Source.choices, default=Source.OWN)
    kolada_id = models.CharField(_("Kolada-id"), max_length=6, blank=True, validators=[kolada_id_validator])
    baseline_year = models.PositiveSmallIntegerField(_("utgångsår"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("utgångsvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    targets_state = models.CharField(
        _("målvärdenas läge"), max_length=10, choices=RecordState.choices, default=RecordState.DRAFT
    )
    targets_decision = models.ForeignKey(
        "steering.Decision",
        verbose_name=_("beslut om målvärdena"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    decided_targets = models.JSONField(
        _("beslutade målvärden"),
        default=dict,
        blank=True,
        help_text=_("Målvärdena som de beslutades ({år: värde}); de gäller tills en ny version beslutas."),
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("ny version av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newer_versions",
        help_text=_("Samma nyckeltal i den version av målet som den här versionen ersätter."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        constraints = [models.UniqueConstraint(fields=["organ", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])

    @staticmethod
    def targets_snapshot(pairs) -> dict:
        """{year: value} of (year, value) pairs as decided_targets keeps them (JSON: text keys and
        values, two decimals like the targets' column)."""
        return {str(year): f"{Decimal(value):.2f}" for year, value in sorted(pairs)}

    def snapshot_targets(self) -> None:
        """Keep the targets as they are now as the decided ones (when they are decided)."""
        self.decided_targets = self.targets_snapshot(self.targets.values_list("year", "value"))

    def decided_fields(self) -> list[str]:
        """When the targets are decided (styrkraft.lifecycle.decide), they are kept as decided, in force
        until a new version is decided."""
        self.snapshot_targets()
        return ["decided_targets"]

    @property
    def decision_reference(self) -> str:
        return str(self.targets_decision) if self.targets_decision_id else ""

    @property
    def decided_target_list(self) -> list[tuple[int, Decimal]]:
        """The decided targets in force, by year (for pages)."""
        return sorted((int(year), Decimal(value)) for year, value in self.decided_targets.items())

    # What may change, by the one rule of steering.models.Versioned (the indicator follows its goal): its
    # definition and targets are frozen with a decided goal; its outcomes only when the goal is replaced.

    @property
    def is_replaced(self) -> bool:
        """Its goal is replaced by a newer decided version: nothing of it changes any more."""
        return self.goal_id is not None and self.goal.is_replaced

    @staticmethod
    def replaced_q() -> models.Q:
        """The indicators whose goal is replaced (is_replaced, as a query)."""
        return models.Q(goal__record_state=RecordState.SUPERSEDED)

    @property
    def definition_frozen(self) -> bool:
        return self.goal_id is not None and self.goal.is_frozen

    @property
    def has_baseline(self) -> bool:
        return self.baseline_year is not None and self.baseline_value is not None

    def clean(self):
        errors = {}
        if self.source == self.Source.KOLADA and not self.kolada_id:
            errors["kolada_id"] = _("Ett nyckeltal från Kolada behöver ett Kolada-id.")
        if self.source == self.Source.OWN and self.kolada_id:
            errors["kolada_id"] = _("Ett eget nyckeltal har inget Kolada-id.")
        if (self.baseline_year is None) != (self.baseline_value is None):
            errors["baseline_value"] = _("Utgångsläget behöver både år och värde.")
        if self.targets_state == RecordState.DECIDED and not self.targets_decision_id:
            errors["targets_state"] = _("Beslutade målvärden behöver en beslutsreferens.")
        if self.goal_id and self.organ_id and self.goal.organ_id != self.organ_id:
            errors["goal"] = _("Målet hör till ett annat organ.")
        if errors:
            raise ValidationError(errors)


class IndicatorValue(EditableModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["year"]
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatorvalue_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class IndicatorTarget(EditableModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["year"]
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatortarget_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
