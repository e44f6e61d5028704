"""What is frozen and which version is in force, and the one refusal every service gives for a frozen
item (the rule itself: steering.models.Versioned). A decided item says it is decided; a replaced one
("ersatt av ny version") says so and names the version in force, so nobody is told "beslutat" about a
version that no longer applies."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styrkraft.steering.models import RecordState, SteeringDocument


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
    decided = [item for item in versions if item.state == RecordState.DECIDED]
    return decided[-1] if decided else None


def decision_label(item) -> str:
    """The decision reference of a decided version, in words."""
    if isinstance(item, SteeringDocument):
        return item.decision_reference
    return str(item.decision) if item.decision_id else ""


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
    if item.is_replaced:
        raise ValidationError(replaced_message(item), code="replaced")


def refuse_if_frozen(item, decided: str) -> None:
    """Raise ValidationError when `item` (a goal, assignment or steering document) is frozen: with
    `decided` (the kind's own words) when it is decided, naming the version in force when replaced."""
    refuse_if_replaced(item)
    if item.is_frozen:
        raise ValidationError(decided, code="decided")
