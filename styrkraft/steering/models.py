"""The steering chain: vision, Agenda 2030, political intent with target areas and commitments,
council goals, organ goals, targeted assignments and steering documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from styrkraft.core import validators
from styrkraft.core.models import TEXT_MAX, EditableModel, LimitedTextField, SoftDeleteModel
from styrkraft.lifecycle import (  # noqa: F401  (the lifecycle's names, where models were)
    FROZEN_STATES,
    INLINE_DECISION_FIELDS,
    PUBLIC_STATES,
    Decision,
    RecordState,
    Versioned,
    decision_field,
    record_state_field,
    supersedes_field,
    upgrade_inline_decisions,
)
from styrkraft.org.models import Municipality, Organ, Term, slug_validator

# The longest texts of the chain (a vision's or a political intent's description) and a commitment
# ("Under mandatperioden …", a sentence or two); the other free texts have core.models.TEXT_MAX.
LONG_TEXT_MAX = 10_000
COMMITMENT_MAX = 1_000


def get_language_code() -> str:
    return (get_language() or "sv").split("-")[0]


class Vision(EditableModel):
    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="vision")
    title = models.CharField(_("vision"), max_length=200)
    text = LimitedTextField(_("beskrivning"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visioner")

    def __str__(self) -> str:
        return self.title


class SdgGoal(models.Model):
    """One of Agenda 2030's 17 goals (shipped as data by a migration)."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title_sv = models.TextField(_("mål"))
    title_en = models.TextField(_("mål (engelska)"))
    short_title_sv = models.CharField(_("kortnamn"), max_length=100)
    short_title_en = models.CharField(_("kortnamn (engelska)"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("globalt mål")
        verbose_name_plural = _("globala mål")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title_sv}"

    @property
    def short_title(self) -> str:
        """The short title in the language of the page (Swedish unless English is active)."""
        return self.short_title_en if get_language_code() == "en" else self.short_title_sv


class SdgTarget(models.Model):
    """One of Agenda 2030's 169 targets, numbered like the UN ('1.1', '1.a')."""

    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    number = models.CharField(_("nummer"), max_length=6, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title_sv = models.TextField(_("delmål"))
    title_en = models.TextField(_("delmål (engelska)"))
    short_title_sv = models.CharField(_("rubrik"), max_length=200, blank=True)

    class Meta:
        ordering = ["goal__number", "order"]
        verbose_name = _("delmål i Agenda 2030")
        verbose_name_plural = _("delmål i Agenda 2030")

    def __str__(self) -> str:
        return f"{self.number} {self.short_title_sv or self.title_sv[:60]}"

    @property
    def heading(self) -> str:
        """A heading in the language of the page: the Swedish short heading (globalamalen.se), or the
        full UN text in English, which has no short form."""
        if get_language_code() == "en":
            return self.title_en
        return self.short_title_sv or self.title_sv


class PoliticalIntent(EditableModel):
    """Politisk viljeinriktning för mandatperioden (with the decision that adopted it, if any)."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="political_intent")
    title = models.CharField(_("rubrik"), max_length=200)
    text = LimitedTextField(_("beskrivning"), max_length=LONG_TEXT_MAX, blank=True)
    decision = decision_field("political_intents")

    class Meta:
        verbose_name = _("politisk viljeinriktning")
        verbose_name_plural = _("politiska viljeinriktningar")

    def __str__(self) -> str:
        return self.title

    ARCHIVED_FIELDS = INLINE_DECISION_FIELDS  # backups taken before it pointed at a Decision

    @property
    def decision_reference(self) -> str:
        return str(self.decision) if self.decision_id else ""

    @classmethod
    def upgrade_archived_rows(cls, rows, using):
        """Rows of a backup taken before the intent pointed at a Decision (core.restore)."""
        return upgrade_inline_decisions(
            rows,
            using=using,
            municipality_of=lambda row: Term.objects.using(using).get(pk=row["term_id"]).municipality_id,
        )


class TargetArea(EditableModel):
    """Målområde."""

    intent = models.ForeignKey(PoliticalIntent, on_delete=models.CASCADE, related_name="target_areas")
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    title = models.CharField(_("målområde"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, verbose_name=_("globala mål"))

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        constraints = [models.UniqueConstraint(fields=["intent", "code"], name="targetarea_unique_code")]

    def __str__(self) -> str:
        return self.title


class Commitment(EditableModel):
    """Inriktning: 'Under mandatperioden ...'."""

    target_area = models.ForeignKey(TargetArea, on_delete=models.CASCADE, related_name="commitments")
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    text = LimitedTextField(_("inriktning"), max_length=COMMITMENT_MAX)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("inriktning")
        verbose_name_plural = _("inriktningar")
        constraints = [models.UniqueConstraint(fields=["target_area", "code"], name="commitment_unique_code")]

    def __str__(self) -> str:
        return self.text


class CouncilGoal(EditableModel):
    """Kommunfullmäktiges mål for a plan year."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="council_goals")
    year = models.PositiveSmallIntegerField(_("planår"))
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    title = models.CharField(_("mål"), max_length=300)
    description = LimitedTextField(_("beskrivning"), max_length=TEXT_MAX, blank=True)
    target_area = models.ForeignKey(
        TargetArea,
        verbose_name=_("målområde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_goals",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        ordering = ["year", "order", "id"]
        verbose_name = _("kommunfullmäktiges mål")
        verbose_name_plural = _("kommunfullmäktiges mål")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "code"], name="councilgoal_unique_code")
        ]

    def __str__(self) -> str:
        return self.title


class Goal(Versioned, SoftDeleteModel, EditableModel):
    """Nämndens (eller bolagets) mål: one of at most three per organ and plan year.

    Its records state (styrkraft.lifecycle): utkast (draft) → upprättad (finalised, ready for decision)
    → beslutad (decided with its plan year, with a Decision; frozen)."""

    # Older names of fields (audit records, backups and model files written before the rename).
    FORMER_FIELD_NAMES = {"status": "record_state"}

    organ = models.ForeignKey(
        Organ, verbose_name=_("nämnd/bolag"), on_delete=models.CASCADE, related_name="goals"
    )
    year = models.PositiveSmallIntegerField(_("planår"))
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    title = models.CharField(_("mål"), max_length=300)
    rationale = LimitedTextField(_("motivering"), max_length=TEXT_MAX, blank=True)
    target_area = models.ForeignKey(
        TargetArea, verbose_name=_("målområde"), on_delete=models.PROTECT, related_name="goals"
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, verbose_name=_("inriktningar"), related_name="goals"
    )
    council_goals = models.ManyToManyField(
        CouncilGoal, blank=True, verbose_name=_("kommunfullmäktiges mål"), related_name="goals"
    )
    sdg_goals = models.ManyToManyField(
        SdgGoal, blank=True, verbose_name=_("globala mål"), related_name="goals"
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, verbose_name=_("delmål i Agenda 2030"), related_name="goals"
    )
    responsible_organ = models.ForeignKey(
        Organ,
        verbose_name=_("ansvarigt organ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_for_goals",
    )
    responsible_person = models.CharField(_("ansvarig person eller roll"), max_length=150, blank=True)
    record_state = record_state_field(_("status"))
    decision = decision_field("goals")
    is_public = models.BooleanField(
        _("offentlig"),
        default=True,
        help_text=_("Besökare som inte är inloggade ser upprättade och beslutade mål som är offentliga."),
    )
    supersedes = supersedes_field()
    order = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        ordering = ["organ__order", "organ__name", "order", "id"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [models.UniqueConstraint(fields=["organ", "year", "code"], name="goal_unique_code")]

    def __str__(self) -> str:
        return self.title

    def decided_message(self) -> str:
        """Why a decided goal (and what is decided with it: its indicators and targets) cannot change."""
        return _("Målet ”%(goal)s” är beslutat (%(decision)s) och kan inte ändras.") % {
            "goal": self.title,
            "decision": self.decision,
        }

    def get_absolute_url(self) -> str:
        return reverse("steering:goal", args=[self.pk])

    def clean(self):
        errors = {}
        if self.organ_id and self.target_area_id:
            term = self.target_area.intent.term
            if term.municipality_id != self.organ.municipality_id:
                errors["target_area"] = _("Målområdet hör till en annan kommun.")
            elif self.year is not None and self.year not in term.plan_years:
                errors["year"] = _("Planåret %(year)s ligger utanför mandatperioden %(term)s.") % {
                    "year": self.year,
                    "term": term,
                }
        if self.is_frozen and not self.decision_id:
            errors["record_state"] = _("Ett beslutat mål behöver en beslutsreferens.")
        if self.organ_id and not self.organ.sets_goals:
            errors["organ"] = _(
                "%(organ)s är inte en nämnd, ett bolag eller kommunstyrelsen och sätter inte egna mål."
            ) % {"organ": self.organ}
        if errors:
            raise ValidationError(errors)


class Assignment(Versioned, SoftDeleteModel, EditableModel):
    """Riktat uppdrag: from a giver organ to a receiver organ, with a deadline and a report-back."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("ej påbörjat")
        ONGOING = "ongoing", _("pågår")
        REPORTED = "reported", _("återrapporterat")
        CLOSED = "closed", _("avslutat")

    # Older names of fields (audit records, backups and model files written before the rename).
    FORMER_FIELD_NAMES = {"status": "progress"}

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="assignments")
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    year = models.PositiveSmallIntegerField(_("planår"))
    title = models.CharField(_("uppdrag"), max_length=300)
    description = LimitedTextField(_("beskrivning"), max_length=TEXT_MAX, blank=True)
    giver = models.ForeignKey(
        Organ, verbose_name=_("uppdragsgivare"), on_delete=models.PROTECT, related_name="assignments_given"
    )
    receiver = models.ForeignKey(
        Organ,
        verbose_name=_("mottagare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments_received",
    )
    deadline = models.DateField(
        _("senast"), null=True, blank=True, validators=[validators.validate_plausible_date]
    )
    report_back = models.CharField(_("återrapportering"), max_length=300, blank=True)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("bidrar till mål"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    progress = models.CharField(
        _("status"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    record_state = record_state_field()
    decision = decision_field("assignments")
    is_public = models.BooleanField(_("offentlig"), default=True)
    supersedes = supersedes_field()
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("riktat uppdrag")
        verbose_name_plural = _("riktade uppdrag")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="assignment_unique_code")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        for field in ("giver", "receiver"):
            organ = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if organ and self.municipality_id and organ.municipality_id != self.municipality_id:
                errors[field] = _("Organet hör till en annan kommun.")
        if self.giver_id and self.receiver_id and self.giver_id == self.receiver_id:
            errors["receiver"] = _("Ett uppdrag ges till ett annat organ än uppdragsgivaren.")
        if self.goal_id and self.receiver_id and self.goal.organ_id != self.receiver_id:
            errors["goal"] = _("Målet hör till ett annat organ än mottagaren.")
        elif self.goal_id and self.goal.is_replaced and not self.is_replaced:
            errors["goal"] = _(
                "Målet ”%(goal)s” är ersatt av en ny version; ett uppdrag bidrar till den version som gäller."
            ) % {"goal": self.goal}
        if self.record_state == RecordState.DECIDED and not self.decision_id:
            errors["record_state"] = _("Ett beslutat uppdrag behöver en beslutsreferens.")
        deadline = validators.deadline_error(
            self.deadline, year=self.year, decided_on=self.decision.decided_on if self.decision_id else None
        )
        if deadline:
            errors["deadline"] = deadline
        if errors:
            raise ValidationError(errors)


class SteeringDocument(Versioned, SoftDeleteModel, EditableModel):
    """Stadens styrdokument: program, policy, handlingsplan, riktlinje. Its records state and decision
    are the lifecycle's (styrkraft.lifecycle); its validity (gällande, under revidering, upphävd) is its own."""

    class Type(models.TextChoices):
        PROGRAM = "program", _("program")
        POLICY = "policy", _("policy")
        ACTION_PLAN = "handlingsplan", _("handlingsplan")
        GUIDELINE = "riktlinje", _("riktlinje")

    class Validity(models.TextChoices):
        IN_FORCE = "in_force", _("gällande")
        UNDER_REVISION = "under_revision", _("under revidering")
        REPEALED = "repealed", _("upphävd")

    # Older names of fields (audit records, backups and model files written before the rename), and the
    # inline decision reference of backups taken before it pointed at a Decision.
    FORMER_FIELD_NAMES = {"status": "validity"}
    ARCHIVED_FIELDS = INLINE_DECISION_FIELDS

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="steering_documents"
    )
    code = models.CharField(_("id"), max_length=60, validators=[slug_validator])
    title = models.CharField(_("titel"), max_length=300)
    doc_type = models.CharField(_("typ"), max_length=15, choices=Type.choices)
    owner = models.ForeignKey(
        Organ, verbose_name=_("ägare"), on_delete=models.PROTECT, related_name="steering_documents"
    )
    next_review = models.DateField(
        _("nästa översyn"), null=True, blank=True, validators=[validators.validate_plausible_date]
    )
    validity = models.CharField(
        _("status"), max_length=15, choices=Validity.choices, default=Validity.IN_FORCE
    )
    record_state = record_state_field()
    decision = decision_field("steering_documents")
    is_public = models.BooleanField(_("offentlig"), default=True)
    supersedes = supersedes_field()
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        ordering = ["doc_type", "title"]
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="steeringdoc_unique_code")
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def upgrade_archived_rows(cls, rows, using):
        """Rows of a backup taken before the document pointed at a Decision (core.restore)."""
        return upgrade_inline_decisions(rows, using=using, municipality_of=lambda row: row["municipality_id"])

    def clean(self):
        errors = {}
        if self.record_state == RecordState.DECIDED and not self.decision_id:
            errors["record_state"] = _("Ett beslutat styrdokument behöver beslutande organ och datum.")
        decided_on = self.decision.decided_on if self.decision_id else None
        next_review = validators.next_review_error(self.next_review, decided_on=decided_on)
        if next_review:
            errors["next_review"] = next_review
        if errors:
            raise ValidationError(errors)
