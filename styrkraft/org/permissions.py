"""Who may do what: the one permission module. Views, forms, templates, commands (and later the API)
ask these functions and nothing else.

Roles are per organ (OrganRole): an *administrator* may change everything; an *editor* may change the
material of the organ and of the organs below it; a *reader* reads. Django superusers are
administrators. Anonymous visitors read what is public (the whole chain, for now)."""

from styrkraft.org.models import Organ, OrganRole


def _roles(user) -> dict[int, set[str]]:
    """The user's roles by organ id, read once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_styrkraft_roles", None)
    if cached is None:
        cached = {}
        for organ_id, role in OrganRole.objects.filter(user=user).values_list("organ_id", "role"):
            cached.setdefault(organ_id, set()).add(role)
        user._styrkraft_roles = cached
    return cached


def is_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(OrganRole.Role.ADMIN in r for r in _roles(user).values())


def _organ_and_ancestor_ids(organ: Organ) -> list[int]:
    ids, seen = [], set()
    while organ is not None and organ.pk not in seen:
        ids.append(organ.pk)
        seen.add(organ.pk)
        organ = organ.parent
    return ids


def can_edit_organ(user, organ: Organ) -> bool:
    """May change the organ's goals, indicators and assignments."""
    if is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = _roles(user)
    return any(OrganRole.Role.EDITOR in roles.get(oid, ()) for oid in _organ_and_ancestor_ids(organ))


def can_edit_anything(user) -> bool:
    """Whether to show editing affordances at all (the user edits at least one organ)."""
    if is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(OrganRole.Role.EDITOR in r for r in _roles(user).values())


def editable_organs(user, municipality):
    qs = municipality.organs.all()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=[o.pk for o in qs.select_related("parent") if can_edit_organ(user, o)])


def can_edit_goal(user, goal) -> bool:
    return can_edit_organ(user, goal.organ)


def can_add_goal(user, organ: Organ) -> bool:
    return organ.sets_goals and can_edit_organ(user, organ)


def can_edit_indicator(user, indicator) -> bool:
    return can_edit_organ(user, indicator.organ)


def can_search_kpi_catalogue(user) -> bool:
    """May search the locally stored Kolada KPI catalogue (when adding an indicator): whoever edits at
    least one organ. The catalogue is public data, but the search only serves the editing forms."""
    return can_edit_anything(user)


def can_create_assignment(user, giver: Organ) -> bool:
    return can_edit_organ(user, giver)


def can_edit_assignment(user, assignment) -> bool:
    """The giver writes the assignment; the receiver updates it as the work goes on."""
    if can_edit_organ(user, assignment.giver):
        return True
    return assignment.receiver_id is not None and can_edit_organ(user, assignment.receiver)


def can_edit_assignment_terms(user, assignment) -> bool:
    """What was assigned (title, receiver, deadline, report-back ...) is the giver's to change; a receiver
    who is not also an editor of the giver only updates the status."""
    return can_edit_organ(user, assignment.giver)


def can_manage_roles(user) -> bool:
    """May grant and revoke roles (the page Roller, `styrkraft grant`): administrators only."""
    return is_admin(user)


def can_view_history(user, item) -> bool:
    """May see the item's history (Ändringshistorik): who changed what and when.

    Everything is public for now, so everyone who may see the item may see its history. When drafts are
    no longer public (records states: utkast, upprättad, beslutad), this narrows to those who may see
    the item's drafts."""
    return True


def can_decide_plan_year(user, organ: Organ) -> bool:
    """May record the decision on an organ's whole plan year (its goals, indicators and targets):
    administrators only, and only for an organ that sets goals of its own."""
    return organ.sets_goals and is_admin(user)
