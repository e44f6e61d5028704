"""The base of every editable item, and the audit record every service writes."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest free text a person writes in a form (a rationale, a description): about two pages.
TEXT_MAX = 4_000


class LimitedTextField(models.TextField):
    """A long text with a maximum length that full_clean() enforces (Django's TextField only passes
    max_length to the form's textarea). Every free text of the product has a limit: a text of 100,000
    characters is no one's rationale and breaks the page."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))


class EditableModel(models.Model):
    """An item people edit through the site. `version` grows with every save, so a service can refuse a
    save based on an older version instead of silently overwriting someone else's change."""

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class LiveManager(models.Manager):
    """The default manager of soft-deletable items: what has not been deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    """An item an editor may delete without losing it: deletion sets `deleted_at`; an administrator can
    restore it. `objects` sees the living items, `all_objects` every row."""

    deleted_at = models.DateTimeField(_("borttagen"), null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("borttagen av"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 (ruff takes a second manager for a field)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AuditRecord(models.Model):
    """One change, written in the same transaction as the change itself."""

    class Action(models.TextChoices):
        CREATE = "create", _("skapad")
        UPDATE = "update", _("ändrad")
        DELETE = "delete", _("borttagen")
        STATE = "state", _("ändrat läge")
        LOAD = "load", _("inläst från modellfil")
        RESTORE = "restore", _("återställd")
        DECIDE = "decide", _("beslutad")
        LOGIN_FAILED = "login_failed", _("misslyckad inloggning")
        BACKUP = "backup", _("säkerhetskopierad")

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vem"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("vem (text)"), max_length=150, blank=True)
    action = models.CharField(_("händelse"), max_length=20, choices=Action.choices)
    item_type = models.CharField(_("typ"), max_length=60)
    item_id = models.CharField(_("id"), max_length=60)
    item_label = models.CharField(_("vad"), max_length=300)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["item_type", "item_id"])]
        verbose_name = _("ändringspost")
        verbose_name_plural = _("ändringsposter")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.item_label}"
