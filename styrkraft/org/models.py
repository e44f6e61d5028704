"""Municipalities, their organs (KF, KS, boards, companies, ...), terms of office and roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from styrkraft.core.models import TEXT_MAX, EditableModel, LimitedTextField

slug_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$", _("Endast små bokstäver a–z, siffror och bindestreck.")
)

kolada_group_validator = RegexValidator(r"^G\d+$", _("Ett grupp-id i Kolada ser ut som G37588."))


class Municipality(EditableModel):
    name = models.CharField(_("namn"), max_length=100)
    slug = models.CharField(_("kortnamn"), max_length=60, unique=True, validators=[slug_validator])
    kolada_id = models.CharField(
        _("Kolada-id"), max_length=4, blank=True, validators=[RegexValidator(r"^\d{4}$", _("Fyra siffror."))]
    )
    kolada_peer_group = models.CharField(
        _("liknande kommuner i Kolada (övergripande)"),
        max_length=12,
        blank=True,
        validators=[kolada_group_validator],
    )
    max_goals_per_organ = models.PositiveSmallIntegerField(
        _("högst antal mål per nämnd och år"), default=3, validators=[MinValueValidator(1)]
    )
    min_target_areas = models.PositiveSmallIntegerField(
        _("minst antal målområden per nämnd"), default=2, validators=[MinValueValidator(1)]
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organ(EditableModel):
    class Kind(models.TextChoices):
        COUNCIL = "kf", _("Kommunfullmäktige")
        EXECUTIVE = "ks", _("Kommunstyrelse")
        BOARD = "board", _("Nämnd")
        COMPANY = "company", _("Bolag")
        JOINT = "joint", _("Gemensamt organ")
        ADMINISTRATION = "administration", _("Förvaltning")
        UNIT = "unit", _("Enhet")

    # Organs that set goals of their own under the model's rules 1-2 (at most 3 goals, 2 target areas).
    GOAL_SETTING_KINDS = (Kind.EXECUTIVE, Kind.BOARD, Kind.COMPANY)

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="organs")
    slug = models.CharField(_("kortnamn"), max_length=60, validators=[slug_validator])
    name = models.CharField(_("namn"), max_length=150)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnat organ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    mandate = LimitedTextField(_("uppdrag (reglemente/ägardirektiv)"), max_length=TEXT_MAX, blank=True)
    kolada_peer_group = models.CharField(
        _("liknande kommuner i Kolada för verksamheten"),
        max_length=12,
        blank=True,
        validators=[kolada_group_validator],
        help_text=_("T.ex. G36128 för grundskola. Tomt: kommunens övergripande grupp."),
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    is_demo = models.BooleanField(_("demodata"), default=False)

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="organ_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sets_goals(self) -> bool:
        return self.kind in self.GOAL_SETTING_KINDS

    @property
    def mandate_label(self):
        return _("Ägardirektiv") if self.kind == self.Kind.COMPANY else _("Reglemente")

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Ett organ kan inte vara överordnat sig självt.")})
        if self.parent_id and self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("Det överordnade organet hör till en annan kommun.")})


class Term(EditableModel):
    """A term of office (mandatperiod); its plan years run from start_year to end_year."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="terms")
    start_year = models.PositiveSmallIntegerField(_("första planår"))
    end_year = models.PositiveSmallIntegerField(_("sista planår"))

    class Meta:
        verbose_name = _("mandatperiod")
        verbose_name_plural = _("mandatperioder")
        ordering = ["start_year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "start_year"], name="term_unique_start"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="term_years"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def plan_years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class OrganRole(EditableModel):
    """What a user may do. An *administrator* may do everything, everywhere: the role is site-wide and has
    no organ ("administratör för hela kommunen"). An *editor* or a *reader* holds the role on one organ
    (and, through it, on the organs below it). The database keeps it so: admin <=> no organ."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("administratör")
        EDITOR = "editor", _("redigerare")
        READER = "reader", _("läsare")

    # The roles given per organ; the administrator's is site-wide.
    ORGAN_ROLES = (Role.EDITOR, Role.READER)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organ_roles")
    organ = models.ForeignKey(
        Organ,
        verbose_name=_("organ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
        help_text=_("Redigerare och läsare har sin roll för ett organ; en administratör för hela kommunen."),
    )
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(fields=["user", "organ", "role"], name="organrole_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(role="admin"), name="organrole_unique_admin"
            ),
            models.CheckConstraint(
                condition=models.Q(role="admin", organ__isnull=True)
                | (~models.Q(role="admin") & models.Q(organ__isnull=False)),
                name="organrole_admin_without_organ",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.title}"

    @property
    def title(self) -> str:
        """ "redigerare för Kulturnämnden", "administratör för hela kommunen"."""
        return str(_("%(role)s för %(scope)s") % {"role": self.get_role_display(), "scope": self.scope_label})

    @property
    def scope_label(self) -> str:
        """Where the role holds: the organ's name, or "hela kommunen" for an administrator."""
        return str(_("hela kommunen")) if self.organ_id is None else str(self.organ)

    def clean(self):
        if self.role == self.Role.ADMIN and self.organ_id is not None:
            raise ValidationError(
                {"organ": _("En administratör gäller hela kommunen och ges utan organ. Lämna organ tomt.")},
                code="admin_with_organ",
            )
        if self.role in self.ORGAN_ROLES and self.organ_id is None:
            raise ValidationError(
                {"organ": _("Välj organet som rollen gäller.")},
                code="organ_missing",
            )

    @classmethod
    def upgrade_archived_rows(cls, rows, using=None):
        """Rows of a backup taken before administrators were site-wide (styrkraft.core.restore): an
        administrator role on an organ becomes the user's one site-wide administrator role (the first
        row kept, later ones merged into it), as migration 0003 did with the database."""
        admins = set()
        for row in rows:
            if row["role"] == cls.Role.ADMIN:
                if row["user_id"] in admins:
                    continue
                admins.add(row["user_id"])
                row["organ_id"] = None
            yield row
