"""The steering chain: vision, Agenda 2030, political intent with target areas and commitments,
council goals, organ goals, targeted assignments and steering documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from styrkraft.core import validators
from styrkraft.core.models import TEXT_MAX, EditableModel, LimitedTextField, SoftDeleteModel
from styrkraft.core.records import FROZEN_STATES, PUBLIC_STATES, RecordState  # noqa: F401 (named here too)
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


class DecisionFields(models.Model):
    """A decision reference: which body decided, when, under which paragraph and case number."""

    decided_by = models.ForeignKey(
        Organ,
        verbose_name=_("beslutat av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(
        _("beslutsdatum"), null=True, blank=True, validators=[validators.validate_decision_date]
    )
    paragraph = models.CharField(
        _("paragraf"), max_length=20, blank=True, validators=[validators.validate_paragraph]
    )
    case_number = models.CharField(
        _("diarienummer"), max_length=40, blank=True, validators=[validators.validate_case_number]
    )

    class Meta:
        abstract = True

    @property
    def decision_reference(self) -> str:
        parts = [
            str(self.decided_by) if self.decided_by_id else "",
            f"{self.decided_on:%Y-%m-%d}" if self.decided_on else "",
        ]
        if self.paragraph:
            parts.append(f"§ {self.paragraph}")
        if self.case_number:
            parts.append(f"dnr {self.case_number}")
        return ", ".join(p for p in parts if p)


class PoliticalIntent(DecisionFields, EditableModel):
    """Politisk viljeinriktning för mandatperioden."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="political_intent")
    title = models.CharField(_("rubrik"), max_length=200)
    text = LimitedTextField(_("beskrivning"), max_length=LONG_TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("politisk viljeinriktning")
        verbose_name_plural = _("politiska viljeinriktningar")

    def __str__(self) -> str:
        return self.title


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


class Decision(EditableModel):
    """A decision: which body decided what, when, under which paragraph (§) and case number
    (diarienummer). A decided item points at its decision and is frozen."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="decisions")
    body = models.ForeignKey(
        Organ, verbose_name=_("beslutande organ"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("beslutsdatum"), validators=[validators.validate_decision_date])
    paragraph = models.CharField(
        _("paragraf"), max_length=20, blank=True, validators=[validators.validate_paragraph]
    )
    case_number = models.CharField(
        _("diarienummer"), max_length=40, blank=True, validators=[validators.validate_case_number]
    )
    title = models.CharField(_("ärende"), max_length=300, blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    def __str__(self) -> str:
        parts = [self.body.name, f"{self.decided_on:%Y-%m-%d}"]
        if self.paragraph:
            parts.append(f"§ {self.paragraph}")
        if self.case_number:
            parts.append(f"dnr {self.case_number}")
        return ", ".join(parts)

    def clean(self):
        if self.body_id and self.municipality_id and self.body.municipality_id != self.municipality_id:
            raise ValidationError({"body": _("Det beslutande organet hör till en annan kommun.")})


class Versioned:
    """The one rule of what is frozen and what is in force, for every item with a records state and new
    versions (goals, assignments, steering documents; an indicator follows its goal). A decided item is
    frozen; a change to it is a new version (steering.versions), a draft beside it. The decided version
    stays in force until the new one is decided; then it is replaced ("ersatt av ny version"): read-only
    everywhere, not offered in imports, templates or pickers, and never called beslutad alone."""

    STATE_FIELD = "record_state"  # the field that holds the records state (goals: `status`)

    @property
    def state(self) -> str:
        return getattr(self, self.STATE_FIELD)

    @property
    def is_frozen(self) -> bool:
        """Decided or replaced: its content cannot change (edit pages redirect, services refuse)."""
        return self.state in FROZEN_STATES

    @property
    def is_replaced(self) -> bool:
        """Replaced by a newer decided version: read-only everywhere, follow-up included."""
        return self.state == RecordState.SUPERSEDED

    @classmethod
    def replaced_q(cls, prefix: str = "") -> models.Q:
        """The replaced items as a query (`prefix`: the path to the item, e.g. "goal__")."""
        return models.Q(**{f"{prefix}{cls.STATE_FIELD}": RecordState.SUPERSEDED})

    @property
    def is_new_version(self) -> bool:
        """A draft (or upprättad) new version of a decided item, not yet decided."""
        return self.supersedes_id is not None and not self.is_frozen


class Goal(Versioned, SoftDeleteModel, EditableModel):
    """Nämndens (eller bolagets) mål: one of at most three per organ and plan year.

    Its status is its records state: utkast (draft) → upprättad (finalised, ready for decision) →
    beslutad (decided, with a Decision; frozen)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("utkast")
        READY = "ready", _("upprättad")
        DECIDED = "decided", _("beslutad")
        SUPERSEDED = "superseded", _("ersatt av ny version")

    STATE_FIELD = "status"

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
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
    )
    is_public = models.BooleanField(
        _("offentlig"),
        default=True,
        help_text=_("Besökare som inte är inloggade ser upprättade och beslutade mål som är offentliga."),
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("ny version av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newer_versions",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        ordering = ["organ__order", "organ__name", "order", "id"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [models.UniqueConstraint(fields=["organ", "year", "code"], name="goal_unique_code")]

    def __str__(self) -> str:
        return self.title

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
        if self.status in (self.Status.DECIDED, self.Status.SUPERSEDED) and not self.decision_id:
            errors["status"] = _("Ett beslutat mål behöver en beslutsreferens.")
        if self.organ_id and not self.organ.sets_goals:
            errors["organ"] = _(
                "%(organ)s är inte en nämnd, ett bolag eller kommunstyrelsen och sätter inte egna mål."
            ) % {"organ": self.organ}
        if errors:
            raise ValidationError(errors)


class Assignment(Versioned, SoftDeleteModel, EditableModel):
    """Riktat uppdrag: from a giver organ to a receiver organ, with a deadline and a report-back."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("ej påbörjat")
        ONGOING = "ongoing", _("pågår")
        REPORTED = "reported", _("återrapporterat")
        CLOSED = "closed", _("avslutat")

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
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    record_state = models.CharField(
        _("handlingens läge"), max_length=10, choices=RecordState.choices, default=RecordState.DRAFT
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    is_public = models.BooleanField(_("offentlig"), default=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("ny version av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newer_versions",
    )
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


class SteeringDocument(Versioned, DecisionFields, SoftDeleteModel, EditableModel):
    # Its decision reference (decided_by, decided_on, paragraph, case_number) is DecisionFields.
    """Stadens styrdokument: program, policy, handlingsplan, riktlinje."""

    class Type(models.TextChoices):
        PROGRAM = "program", _("program")
        POLICY = "policy", _("policy")
        ACTION_PLAN = "handlingsplan", _("handlingsplan")
        GUIDELINE = "riktlinje", _("riktlinje")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("gällande")
        UNDER_REVISION = "under_revision", _("under revidering")
        REPEALED = "repealed", _("upphävd")

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
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.IN_FORCE)
    record_state = models.CharField(
        _("handlingens läge"), max_length=10, choices=RecordState.choices, default=RecordState.DRAFT
    )
    is_public = models.BooleanField(_("offentlig"), default=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("ny version av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newer_versions",
    )
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

    def clean(self):
        errors = {}
        if self.record_state == RecordState.DECIDED and not (self.decided_by_id and self.decided_on):
            errors["record_state"] = _("Ett beslutat styrdokument behöver beslutande organ och datum.")
        next_review = validators.next_review_error(self.next_review, decided_on=self.decided_on)
        if next_review:
            errors["next_review"] = next_review
        if errors:
            raise ValidationError(errors)
