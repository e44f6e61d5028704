"""The audit trail in plain Swedish: pure functions from audit records to sentences.

An audit record (styrkraft.core.audit) stores who, when, what happened to which item and, per changed
field, the old and the new value as plain JSON (foreign keys as their text, dates as ISO strings,
decimals as strings). These functions turn that into sentences such as
"2024-05-12 14:03 – anna ändrade Mål från ”X” till ”Y”": field names by the model field's verbose
name, choices by their labels, numbers in the language's format. They read nothing from the database.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrkraft.core.models import AuditRecord
from styrkraft.core.templatetags.styrkraft_tags import format_number

# The item in a sentence, in the definite form: "skapade målet", "tog bort uppdraget".
ITEM_NOUNS = {
    "steering.goal": gettext_lazy("målet"),
    "steering.assignment": gettext_lazy("uppdraget"),
    "indicators.indicator": gettext_lazy("nyckeltalet"),
    "org.organ": gettext_lazy("organet"),
    "org.organrole": gettext_lazy("rollen"),
    "auth.user": gettext_lazy("användaren"),
    "org.municipality": gettext_lazy("kommunen"),
    "steering.steeringdocument": gettext_lazy("styrdokumentet"),
}

# Labels for fields whose model field has no verbose name of its own.
EXTRA_FIELD_LABELS = {"order": gettext_lazy("ordning")}
# Bookkeeping fields left out of the values an item was created with.
NOT_IN_DETAILS = {"order"}

# An indicator's yearly figures are recorded on the indicator, keyed "utfall 2023" / "målvärde 2026".
YEARLY_KEY = re.compile(r"^(utfall|målvärde) (\d{4})$")
YEARLY_LABELS = {"utfall": gettext_lazy("utfall"), "målvärde": gettext_lazy("målvärde")}

# What a model-file load reports it wrote (Plan.counts()), in the order shown.
LOAD_COUNTS = {
    "organs": gettext_lazy("organ"),
    "goals": gettext_lazy("mål"),
    "indicators": gettext_lazy("nyckeltal"),
    "values": gettext_lazy("utfall"),
    "targets": gettext_lazy("målvärden"),
    "council_goals": gettext_lazy("fullmäktigemål"),
    "assignments": gettext_lazy("uppdrag"),
    "steering_documents": gettext_lazy("styrdokument"),
}


@dataclass(frozen=True)
class HistoryLine:
    """One audit record as a sentence. `details` lists the values an item was created with."""

    at: object  # an aware datetime
    when: str
    actor: str
    text: str
    details: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.when} – {self.actor} {self.text}"


def model_for(item_type: str) -> type[models.Model] | None:
    """The model of an audit record's item type ("steering.goal"), or None for an unknown type."""
    try:
        return apps.get_model(item_type)
    except (LookupError, ValueError):
        return None


def item_noun(item_type: str) -> str:
    """The item in the definite form for sentences ("målet"); the model's verbose name otherwise."""
    if item_type in ITEM_NOUNS:
        return str(ITEM_NOUNS[item_type])
    model = model_for(item_type)
    return str(model._meta.verbose_name) if model else item_type


def type_label(item_type: str) -> str:
    """The item type as a heading word ("Mål", "Riktat uppdrag"); the raw type when unknown."""
    model = model_for(item_type)
    return capfirst(str(model._meta.verbose_name)) if model else item_type


def _model_field(model, name: str):
    if model is None:
        return None
    name = getattr(model, "FORMER_FIELD_NAMES", {}).get(name, name)  # audit records written before a rename
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model, name: str) -> str:
    """A field's name as people know it: "title" of a goal is "Mål", "deadline" of an assignment "Senast".
    An indicator's yearly figure ("utfall 2023") reads "Utfall 2023"; an unknown field keeps its name."""
    yearly = YEARLY_KEY.match(name)
    if yearly:
        return f"{capfirst(str(YEARLY_LABELS[yearly[1]]))} {yearly[2]}"
    model_field = _model_field(model, name)
    if model_field is None:
        return name
    verbose = str(model_field.verbose_name)
    if verbose == name.replace("_", " ") and name in EXTRA_FIELD_LABELS:
        verbose = str(EXTRA_FIELD_LABELS[name])
    return capfirst(verbose)


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def format_value(model, name: str, value) -> str:
    """A recorded value as people read it: a choice by its label ("utkast"), yes/no, a date as
    2024-10-31, a number in the language's format (1 234,5), other text in quotes (”X”)."""
    if _is_empty(value):
        return _("(tomt)")
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, list):
        return ", ".join(format_value(model, name, v) for v in value)
    model_field = _model_field(model, name)
    if model_field is not None and model_field.choices:
        labels = {str(k): str(v) for k, v in model_field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if YEARLY_KEY.match(name) or isinstance(model_field, (models.DecimalField, models.FloatField)):
        return format_number(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(model_field, models.DateField) or isinstance(value, date):
        return str(value)[:10]
    return f"”{value}”"


def change_phrase(model, name: str, old, new, *, lowercase: bool = False) -> str:
    """What happened to one field: "ändrade Mål från ”X” till ”Y”", "satte Senast till 2024-10-31",
    "tömde Ansvarig person eller roll (var ”X”)", and for lists "lade till ”X” i Inriktningar"."""
    label = field_label(model, name)
    if lowercase:
        label = label[:1].lower() + label[1:]
    if isinstance(old, list) or isinstance(new, list):
        before, after = list(old or []), list(new or [])
        added = [v for v in after if v not in before]
        removed = [v for v in before if v not in after]
        parts = []
        if added:
            parts.append(_("lade till %(values)s i %(field)s") % {"values": _quoted(added), "field": label})
        if removed:
            parts.append(
                _("tog bort %(values)s från %(field)s") % {"values": _quoted(removed), "field": label}
            )
        return join_phrases(parts)
    values = {
        "field": label,
        "old": format_value(model, name, old),
        "new": format_value(model, name, new),
    }
    if _is_empty(old):
        return _("satte %(field)s till %(new)s") % values
    if _is_empty(new):
        return _("tömde %(field)s (var %(old)s)") % values
    return _("ändrade %(field)s från %(old)s till %(new)s") % values


def _quoted(values: list) -> str:
    return join_phrases([f"”{v}”" for v in values])


def join_phrases(parts: list[str]) -> str:
    """ "a", "a och b", "a, b och c"."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s och %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def describe(item_type: str, action: str, changes: dict) -> str:
    """What the actor did, as the rest of a sentence after the actor's name."""
    model = model_for(item_type)
    noun = item_noun(item_type)
    changes = changes if isinstance(changes, dict) else {}
    if item_type == "org.organrole" and action in ROLE_ACTIONS:
        phrase = role_phrase(action, changes)
        if phrase:
            return phrase
    if action == AuditRecord.Action.CREATE:
        return _("skapade %(item)s") % {"item": noun}
    if action == AuditRecord.Action.LOAD:
        if changes.get("replaced"):
            return _("läste in modellfilen och ersatte det som fanns")
        return _("läste in modellfilen")
    if action == AuditRecord.Action.DELETE:
        yearly = {k: v for k, v in changes.items() if YEARLY_KEY.match(k)}
        if yearly and len(yearly) == len(changes):
            return _field_phrases(model, yearly)
        return _("tog bort %(item)s") % {"item": noun}
    if action == AuditRecord.Action.STATE:
        phrases = _field_phrases(model, changes, lowercase=True)
        return phrases or _("ändrade läge för %(item)s") % {"item": noun}
    if action == AuditRecord.Action.UPDATE:
        return _field_phrases(model, changes) or _("sparade %(item)s utan ändringar") % {"item": noun}
    if action == "restore":
        return _("återställde %(item)s") % {"item": noun}
    if action == "decide":
        decision = (changes.get("decision") or [None, None])[-1]
        if decision:
            return _("registrerade beslutet om %(item)s: ”%(decision)s”") % {
                "item": noun,
                "decision": decision,
            }
        return _("registrerade beslutet om %(item)s") % {"item": noun}
    if action == "login_failed":
        return _("försökte logga in utan att lyckas")
    label = AuditRecord.Action(action).label if action in AuditRecord.Action.values else action
    phrases = _field_phrases(model, changes)
    return f"{label}: {phrases}" if phrases else str(label)


ROLE_ACTIONS = (AuditRecord.Action.CREATE, AuditRecord.Action.DELETE, AuditRecord.Action.UPDATE)


def role_phrase(action: str, changes: dict) -> str:
    """A role granted or revoked (styrkraft.org.services): "gav anna rollen redigerare för Nämnd A",
    "tog bort rollen redigerare för Nämnd A från anna"; a site-wide administrator role ("site_wide")
    is "för hela kommunen". A grant records the new values, a revocation the old ones. An update is an
    administrator role on an organ made site-wide (org migration 0003): "ändrade rollen administratör
    för Nämnd A (anna) till administratör för hela kommunen". "" when the record does not hold them."""
    if action == AuditRecord.Action.UPDATE:
        organ = changes.get("organ")
        if not changes.get("site_wide") or not isinstance(organ, list | tuple) or _is_empty(organ[0]):
            return ""
        values = {"user": changes.get("user"), "role": changes.get("role"), "organ": organ[0]}
        return _("ändrade rollen %(role)s för %(organ)s (%(user)s) till %(role)s för hela kommunen") % values
    granted = action == AuditRecord.Action.CREATE
    keys = ("user", "role") if changes.get("site_wide") else ("user", "role", "organ")
    values = {"organ": _("hela kommunen")}
    for key in keys:
        pair = changes.get(key)
        if not isinstance(pair, list | tuple) or len(pair) != 2 or _is_empty(pair[1 if granted else 0]):
            return ""
        values[key] = pair[1 if granted else 0]
    if granted:
        return _("gav %(user)s rollen %(role)s för %(organ)s") % values
    return _("tog bort rollen %(role)s för %(organ)s från %(user)s") % values


def in_field_order(model, changes: dict) -> list[tuple[str, object]]:
    """The changes in the order of the model's fields, then the others (an indicator's yearly figures,
    outcomes before targets, by year) by name. PostgreSQL's jsonb does not keep the order the keys were
    written in, so the order is made here, the same on every database."""
    positions = {}
    if model is not None:
        for position, model_field in enumerate([*model._meta.fields, *model._meta.many_to_many]):
            positions[model_field.name] = position
        for former, name in getattr(model, "FORMER_FIELD_NAMES", {}).items():
            positions.setdefault(former, positions[name])

    def key(item):
        name = item[0]
        yearly = YEARLY_KEY.match(name)
        if yearly:
            return (len(positions), 0, list(YEARLY_LABELS).index(yearly[1]), yearly[2])
        return (positions.get(name, len(positions)), 1 if name not in positions else 0, 0, name)

    return sorted(changes.items(), key=key)


def _field_phrases(model, changes: dict, *, lowercase: bool = False) -> str:
    parts = []
    for name, pair in in_field_order(model, changes):
        if isinstance(pair, list | tuple) and len(pair) == 2:
            parts.append(change_phrase(model, name, pair[0], pair[1], lowercase=lowercase))
    return join_phrases(parts)


def details(item_type: str, action: str, changes: dict) -> list[str]:
    """The values an item was created with ("Mål: ”X”"), empty ones left out; what a load wrote."""
    model = model_for(item_type)
    if item_type == "org.organrole" and role_phrase(action, changes if isinstance(changes, dict) else {}):
        return []  # the sentence names the user, the role and the organ
    if action == AuditRecord.Action.CREATE and isinstance(changes, dict):
        lines = []
        for name, pair in in_field_order(model, changes):
            if name in NOT_IN_DETAILS or not isinstance(pair, list | tuple) or len(pair) != 2:
                continue
            if not _is_empty(pair[1]):
                lines.append(f"{field_label(model, name)}: {format_value(model, name, pair[1])}")
        return lines
    if action == AuditRecord.Action.LOAD and isinstance(changes, dict):
        counts = changes.get("counts") or {}
        return [
            f"{capfirst(str(label))}: {format_number(counts[key])}"
            for key, label in LOAD_COUNTS.items()
            if counts.get(key)
        ]
    return []


def format_when(at) -> str:
    """The time of a record in the site's time zone: 2024-05-12 14:03."""
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"


def history_line(record: AuditRecord) -> HistoryLine:
    return HistoryLine(
        at=record.at,
        when=format_when(record.at),
        actor=record.actor_label or _("okänd"),
        text=describe(record.item_type, record.action, record.changes),
        details=details(record.item_type, record.action, record.changes),
    )
