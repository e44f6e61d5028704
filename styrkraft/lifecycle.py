"""The records lifecycle, in one place, for every document-like item that has a records state: goals,
assignments, steering documents, an indicator's targets (and later the nulägeskoll, reports, the annual
plan).

    utkast (draft) ⇄ upprättad (ready) → beslutad (decided, with a Decision; frozen)
                                          → ersatt av ny version (superseded, when a new version is decided)

What an item needs: the `Versioned` rules and its three fields, declared with `record_state_field()`,
`decision_field()` and `supersedes_field()` (record_state, decision, supersedes), or — for an item that keeps its state under another name, like an indicator's
targets — the two class attributes `state_field` and `decision_field` naming its own fields. The
services here read the fields from that one declaration:

- `set_state`: utkast ⇄ upprättad (refused when frozen; upprättad refused while there are errors);
- `create_decision`: the one place a Decision row is made;
- `decide`: an upprättad item gets a decision and is frozen; a new version's decision `supersede`s the
  version it was made from;
- `new_version`: a draft copy of a decided item that points at it;
- `refuse_if_frozen` / `refuse_if_replaced`: the one refusal for "decided, so frozen" and the one for
  "replaced by a newer decided version" (naming the version in force).

This module knows no views or forms; steering.states, steering.services, steering.versions and
steering.documents are the per-kind callers.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrkraft.core import audit, validators
from styrkraft.core.models import AuditRecord, EditableModel
from styrkraft.core.records import FROZEN_STATES, PUBLIC_STATES, RecordState  # noqa: F401 (named here too)
from styrkraft.core.services import create, save_versioned, unique_code
from styrkraft.org.models import Municipality, Organ


class Decision(EditableModel):
    """A decision: which body decided what, when, under which paragraph (§) and case number
    (diarienummer). A decided item points at its decision and is frozen."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="decisions")
    body = models.ForeignKey(
        Organ, verbose_name=gettext_lazy("beslutande organ"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(
        gettext_lazy("beslutsdatum"), validators=[validators.validate_decision_date]
    )
    paragraph = models.CharField(
        gettext_lazy("paragraf"), max_length=20, blank=True, validators=[validators.validate_paragraph]
    )
    case_number = models.CharField(
        gettext_lazy("diarienummer"), max_length=40, blank=True, validators=[validators.validate_case_number]
    )
    title = models.CharField(gettext_lazy("ärende"), max_length=300, blank=True)

    class Meta:
        app_label = "steering"
        ordering = ["-decided_on", "-id"]
        verbose_name = gettext_lazy("beslut")
        verbose_name_plural = gettext_lazy("beslut")

    def __str__(self) -> str:
        parts = [self.body.name, f"{self.decided_on:%Y-%m-%d}"]
        if self.paragraph:
            parts.append(f"§ {self.paragraph}")
        if self.case_number:
            parts.append(f"dnr {self.case_number}")
        return ", ".join(parts)

    def clean(self):
        if self.body_id and self.municipality_id and self.body.municipality_id != self.municipality_id:
            raise ValidationError({"body": gettext_lazy("Det beslutande organet hör till en annan kommun.")})


def record_state_field(verbose_name=None) -> models.CharField:
    """The records state of an item (`record_state`), declared in the item's model."""
    return models.CharField(
        verbose_name or gettext_lazy("handlingens läge"),
        max_length=10,
        choices=RecordState.choices,
        default=RecordState.DRAFT,
    )


def decision_field(related_name: str) -> models.ForeignKey:
    """The Decision that froze the item (`decision`), declared in the item's model."""
    return models.ForeignKey(
        Decision,
        verbose_name=gettext_lazy("beslut"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def supersedes_field() -> models.ForeignKey:
    """The decided version a new version replaces (`supersedes`), declared in the item's model."""
    return models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("ny version av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newer_versions",
    )


# The inline decision reference steering documents and political intents held before they pointed at a
# Decision (backups taken before still restore: upgrade_inline_decisions).
INLINE_DECISION_FIELDS = ("decided_by_id", "decided_on", "paragraph", "case_number")


def upgrade_inline_decisions(rows, *, using: str, municipality_of, title: str = "title"):
    """Archived rows (core.restore) with an inline decision reference: each reference that names its
    body and date becomes a Decision row (its id after the archive's decisions), which the row points
    at; a reference without them cannot be a Decision and is left out, as migration steering 0007
    does (which keeps it in the audit trail). `municipality_of(row)`: the row's municipality id."""
    next_pk = (Decision.objects.using(using).aggregate(models.Max("pk"))["pk__max"] or 0) + 1
    for row in rows:
        body, decided_on, paragraph, case_number = (row.pop(name, None) for name in INLINE_DECISION_FIELDS)
        if body is not None and decided_on is not None:
            decision = Decision(
                pk=next_pk,
                municipality_id=municipality_of(row),
                body_id=body,
                decided_on=decided_on,
                paragraph=paragraph or "",
                case_number=case_number or "",
                title=(row.get(title) or "")[:300],
            )
            decision.save(using=using, force_insert=True)
            row["decision_id"], next_pk = next_pk, next_pk + 1
        yield row


class Versioned:
    """The one rule of what is frozen and what is in force, for every item with a records state and new
    versions (goals, assignments, steering documents; an indicator follows its goal). A decided item is
    frozen; a change to it is a new version, a draft beside it. The decided version stays in force until
    the new one is decided; then it is replaced ("ersatt av ny version"): read-only everywhere, not
    offered in imports, templates or pickers, and never called beslutad alone."""

    state_field = "record_state"
    decision_field = "decision"

    @property
    def state(self) -> str:
        return getattr(self, self.state_field)

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
        return models.Q(**{f"{prefix}{cls.state_field}": RecordState.SUPERSEDED})

    @property
    def is_new_version(self) -> bool:
        """A draft (or upprättad) new version of a decided item, not yet decided."""
        return self.supersedes_id is not None and not self.is_frozen

    @property
    def decision_reference(self) -> str:
        """The decision that froze this version, in words ("" when it has none)."""
        decision = getattr(self, self.decision_field)
        return str(decision) if decision is not None else ""

    def decided_fields(self) -> list[str]:
        """More fields `decide` saves when the item is decided (an indicator snapshots its targets)."""
        return []


def state_of(item) -> str:
    return getattr(item, type(item).state_field)


# --- What is frozen, which version is in force --------------------------------------------------------


def lineage(item) -> list:
    """Every version of the item, oldest first (deleted drafts left out)."""
    model, first = type(item), item
    while first.supersedes_id is not None:
        first = model.all_objects.get(pk=first.supersedes_id)
    versions, current = [first], first
    while True:
        newer = model.objects.filter(supersedes=current).order_by("pk").first()
        if newer is None:
            return versions
        versions.append(newer)
        current = newer


def in_force(versions: list):
    """The decided version in force: the newest decided one."""
    decided = [item for item in versions if state_of(item) == RecordState.DECIDED]
    return decided[-1] if decided else None


def decision_label(item) -> str:
    """The decision reference of a decided version, in words."""
    return item.decision_reference


def replaced_message(item) -> str:
    """Why a replaced version cannot change, naming the version in force."""
    chain = lineage(item)
    current = in_force(chain)
    if current is None:  # cannot happen by the services; said plainly if the data says otherwise
        return _("”%(item)s” är ersatt av en ny version och kan varken ändras eller tas bort.") % {
            "item": item
        }
    return _(
        "”%(item)s” är ersatt av en ny version och kan varken ändras eller tas bort. Den version som gäller är "
        "”%(current)s” (version %(number)s, beslutad %(decision)s)."
    ) % {
        "item": item,
        "current": current,
        "number": chain.index(current) + 1,
        "decision": decision_label(current),
    }


def refuse_if_replaced(item) -> None:
    """Raise ValidationError naming the version in force when `item` is replaced."""
    if isinstance(item, Versioned) and item.is_replaced:
        raise ValidationError(replaced_message(item), code="replaced")


def refuse_if_frozen(item, decided=None) -> None:
    """THE refusal for "decided, so frozen": raise ValidationError when `item` is decided (with
    `decided`, the kind's own words — text, or a function giving it, called only then — or ”X” är
    beslutat och kan inte ändras), naming the version in force when it is replaced."""
    if state_of(item) not in FROZEN_STATES:
        return
    refuse_if_replaced(item)
    message = decided() if callable(decided) else decided
    raise ValidationError(
        message or _("”%(item)s” är beslutat och kan inte ändras.") % {"item": item}, code="decided"
    )


# --- The services --------------------------------------------------------------------------------------


def set_state(*, actor, item, state: str, expected_version: int, not_ready: str = "", decide_refusal=""):
    """utkast ⇄ upprättad. Refused when frozen, for any other state (a decision is registered with its
    reference: `decide`), and for upprättad when `not_ready` (the reasons) is given."""
    refuse_if_frozen(item)
    if state not in (RecordState.DRAFT, RecordState.READY):
        raise ValidationError(
            decide_refusal
            or _("Ett beslut registreras med beslutsreferens, inte genom en ändring av läget."),
            code="decide_via_decision",
        )
    if state == RecordState.READY and not_ready:
        raise ValidationError(not_ready, code="not_ready")
    field = type(item).state_field
    before = getattr(item, field)
    setattr(item, field, state)
    save_versioned(item, fields=[field], expected_version=expected_version)
    audit.record(
        actor=actor, action=AuditRecord.Action.STATE, instance=item, changes={field: [before, state]}
    )
    return item


def not_ready_message(item, reasons: list[str]) -> str:
    """Why an item cannot be upprättad ("" when nothing stops it): the reasons after its name."""
    if not reasons:
        return ""
    return _("”%(item)s” kan inte upprättas: %(reasons)s") % {"item": item, "reasons": " ".join(reasons)}


def create_decision(
    *,
    actor,
    municipality,
    body: Organ,
    decided_on,
    paragraph: str = "",
    case_number: str = "",
    title: str = "",
) -> Decision:
    """The one place a decision is made (validated and audited)."""
    decision = Decision(
        municipality=municipality,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        case_number=case_number,
        title=title[:300],
    )
    create(decision, actor=actor, changes={"beslut": [None, str(decision)]})
    return decision


def mark_decided(*, actor, item, decision: Decision, expected_version: int) -> None:
    """`item` is decided by `decision` (made by create_decision): its state, decision and the fields
    its `decided_fields` names are saved and audited."""
    model = type(item)
    before_state, before = getattr(item, model.state_field), getattr(item, model.decision_field)
    setattr(item, model.state_field, RecordState.DECIDED)
    setattr(item, model.decision_field, decision)
    fields = [model.state_field, model.decision_field, *item.decided_fields()]
    save_versioned(item, fields=fields, expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.DECIDE,
        instance=item,
        changes={
            model.state_field: [before_state, RecordState.DECIDED],
            "decision": [str(before) if before else None, str(decision)],
        },
    )


def decide(*, actor, item, expected_version: int, municipality, title: str, **reference) -> Decision:
    """Record the decision on an upprättad item (`reference`: body, decided_on, paragraph,
    case_number); it is then frozen, and the version it is a new version of is replaced."""
    refuse_if_frozen(item)
    if state_of(item) != RecordState.READY:
        raise ValidationError(
            _("”%(item)s” måste vara upprättat innan det kan beslutas.") % {"item": item}, code="not_ready"
        )
    decision = create_decision(actor=actor, municipality=municipality, title=title, **reference)
    mark_decided(actor=actor, item=item, decision=decision, expected_version=expected_version)
    if isinstance(item, Versioned):
        supersede(actor=actor, item=item)
    return decision


def supersede(*, actor, item, decision: Decision | None = None) -> None:
    """A new version was just decided: the decided version it replaces is now ersatt av ny version
    (`decision`, when given, is named in the audit record)."""
    if item.supersedes_id is None:
        return
    model = type(item)
    old = model.objects.select_for_update().get(pk=item.supersedes_id)
    if state_of(old) != RecordState.DECIDED:
        return
    field = model.state_field
    setattr(old, field, RecordState.SUPERSEDED)
    save_versioned(old, fields=[field], expected_version=old.version)
    changes = {field: [RecordState.DECIDED, RecordState.SUPERSEDED]}
    if decision is not None:
        changes["decision"] = [None, str(decision)]
    audit.record(actor=actor, action=AuditRecord.Action.STATE, instance=old, changes=changes)


def new_version_in_place(*, actor, item, expected_version: int):
    """A new version of a decided item that keeps no copy (an indicator's targets): it goes back to
    utkast; what was decided stays beside it (e.g. decided_targets) until the new version is decided."""
    field = type(item).state_field
    setattr(item, field, RecordState.DRAFT)
    save_versioned(item, fields=[field], expected_version=expected_version)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.STATE,
        instance=item,
        changes={field: [RecordState.DECIDED, RecordState.DRAFT]},
    )
    return item


def version_number(item) -> int:
    """1 for an item that is no new version; n + 1 for a new version of version n (walks the chain)."""
    model, n, current = type(item), 1, item
    while current.supersedes_id is not None:
        n += 1
        current = model.all_objects.only("supersedes_id").get(pk=current.supersedes_id)
    return n


def refuse_new_version(item, what: str, decided: str) -> int:
    """Refuse a new version of an item that is not decided, or whose new version is under way; else
    the new version's number."""
    if state_of(item) != RecordState.DECIDED:
        raise ValidationError(
            _("Bara %(decided)s får en ny version; ändra utkastet direkt.") % {"decided": decided},
            code="not_decided",
        )
    existing = type(item).objects.filter(supersedes=item).first()
    if existing is not None:
        raise ValidationError(
            _("En ny version av %(what)s är redan under arbete: ”%(item)s”.")
            % {"what": what, "item": existing},
            code="version_exists",
        )
    return version_number(item) + 1


def new_version(*, actor, item, what: str, decided: str, copied: list[str], audited: list[str], codes):
    """A draft copy of the decided `item` pointing at it: the `copied` fields (foreign keys by id), a
    code unique in `codes`, state, decision and version afresh (the model's defaults); its creation
    is audited with the `audited` fields. Returns the copy, saved."""
    model = type(item)
    old = model.objects.select_for_update().get(pk=item.pk)
    number = refuse_new_version(old, what, decided)
    attnames = [model._meta.get_field(name).attname for name in copied]
    copy = model(
        **{name: getattr(old, name) for name in attnames},
        code=unique_code(codes, f"{old.code}-v{number}"),
        supersedes=old,
    )
    create(
        copy,
        actor=actor,
        changes={"supersedes": [None, f"{old} (version {number - 1})"], **audit.created(copy, audited)},
    )
    return copy
