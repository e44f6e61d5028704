"""The records states every document-like item moves through (goals, assignments, steering documents,
indicators' targets): generic, so that every app can name them without knowing the others."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordState(models.TextChoices):
    """The records state of a document-like item (public-records law distinguishes working drafts
    from finalised documents): utkast → upprättad → beslutad; a decided item whose new version has
    been decided is ersatt av ny version (still readable as it was decided)."""

    DRAFT = "draft", _("utkast")
    READY = "ready", _("upprättad")
    DECIDED = "decided", _("beslutad")
    SUPERSEDED = "superseded", _("ersatt av ny version")


# What a visitor who is not signed in may see: finalised, decided or superseded, and marked public.
PUBLIC_STATES = (RecordState.READY, RecordState.DECIDED, RecordState.SUPERSEDED)
# What is frozen (the model's rule 9): decided, or decided and then replaced by a newer decided version.
FROZEN_STATES = (RecordState.DECIDED, RecordState.SUPERSEDED)
