"""Who may do what: the one permission module. Views, forms, templates, commands (and later the API)
ask these functions and nothing else.

An *administrator* may change everything, everywhere: the role is site-wide (an OrganRole without an
organ, "administratör för hela kommunen"), and Django superusers are administrators too. The other
roles are per organ: an *editor* may change the material of the organ and of the organs below it; a
*reader* reads.

What may be *seen* follows the records state (utkast → upprättad → beslutad): anyone, the visitor who
is not signed in included, sees what is finalised or decided and marked public; whoever holds a role on
an organ (administrator, editor or reader) also sees that organ's drafts and non-public material, and
that of the organs below it. `Visibility` turns this into query filters."""

from django.db.models import Q

from styrkraft.core.records import PUBLIC_STATES
from styrkraft.org.models import Organ, OrganRole


def _roles(user) -> dict[int | None, set[str]]:
    """The user's roles by organ id (None: the site-wide administrator role), read once per request and
    cached on the user object."""
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
    return user.is_superuser or OrganRole.Role.ADMIN in _roles(user).get(None, ())


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
    who is not also an editor of the giver only updates its progress."""
    return can_edit_organ(user, assignment.giver)


def can_create_document(user, owner: Organ) -> bool:
    """May add a steering document (program, policy, handlingsplan, riktlinje) that `owner` owns."""
    return can_edit_organ(user, owner)


def can_edit_document(user, document) -> bool:
    """May change, delete and set upprättad (or back to utkast) a steering document: its owner's editors
    (and those of the organs above it) and administrators. Its decision is recorded with can_decide."""
    return can_edit_organ(user, document.owner)


def can_manage_roles(user) -> bool:
    """May grant and revoke roles (the page Roller, `styrkraft grant`): administrators only."""
    return is_admin(user)


def can_view_history(user, item) -> bool:
    """May see the item's history (Ändringshistorik): who changed what and when. Anyone may, for what
    they may see (the Why of the model: anyone can see who changed what and when)."""
    view = visibility(user)
    label = item._meta.label_lower
    if label == "steering.goal":
        return view.can_see_goal(item)
    if label == "steering.assignment":
        return view.can_see_assignment(item)
    if label == "steering.steeringdocument":
        return view.can_see_document(item)
    if label == "indicators.indicator":
        return item.goal_id is None or view.sees_drafts_of(item.organ_id) or view.can_see_goal(item.goal)
    return True


def can_decide_plan_year(user, organ: Organ) -> bool:
    """May record the decision on an organ's whole plan year (its goals, indicators and targets):
    administrators only, and only for an organ that sets goals of its own."""
    return organ.sets_goals and is_admin(user)


def can_decide(user, organ: Organ) -> bool:
    """May record the decision (body, date, §, dnr) that makes an item of `organ` beslutad and freezes
    it: an assignment the organ gave, the targets of one of its indicators. Administrators only, like
    the decision on a plan year; the organ's editors move the item between utkast and upprättad."""
    return organ is not None and is_admin(user)


def _organs_below(organ_ids: set[int]) -> set[int]:
    """The given organs and every organ below them (one query)."""
    if not organ_ids:
        return set()
    children: dict[int, list[int]] = {}
    municipalities = Organ.objects.filter(pk__in=organ_ids).values("municipality_id")
    for pk, parent_id in Organ.objects.filter(municipality__in=municipalities).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), list(organ_ids)
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return found


class Visibility:
    """What one user may see. `everything` for administrators; otherwise the public material plus the
    drafts of `organ_ids` (the organs where the user holds a role, and those below them). Build it once
    per request with `visibility(user)`; its methods filter querysets without further queries."""

    def __init__(self, *, everything: bool, organ_ids: frozenset[int]):
        self.everything = everything
        self.organ_ids = organ_ids

    def sees_drafts_of(self, organ_id: int | None) -> bool:
        return self.everything or organ_id in self.organ_ids

    @property
    def sees_any_drafts(self) -> bool:
        return self.everything or bool(self.organ_ids)

    def _q(self, public: Q, *organ_fields: str) -> Q:
        q = public
        for name in organ_fields:
            q |= Q(**{f"{name}__in": self.organ_ids})
        return q

    def goal_q(self, prefix: str = "") -> Q:
        if self.everything:
            return Q()
        public = Q(**{f"{prefix}record_state__in": PUBLIC_STATES, f"{prefix}is_public": True})
        return self._q(public, f"{prefix}organ_id")

    def goals(self, queryset):
        return queryset if self.everything else queryset.filter(self.goal_q())

    def indicators(self, queryset):
        """An indicator is seen with its goal; one tied to no goal is seen with its organ's material."""
        if self.everything:
            return queryset
        return queryset.filter(Q(goal__isnull=True) | self.goal_q("goal__") | Q(organ_id__in=self.organ_ids))

    def assignments(self, queryset):
        if self.everything:
            return queryset
        public = Q(record_state__in=PUBLIC_STATES, is_public=True)
        return queryset.filter(self._q(public, "giver_id", "receiver_id"))

    def documents(self, queryset):
        if self.everything:
            return queryset
        public = Q(record_state__in=PUBLIC_STATES, is_public=True)
        return queryset.filter(self._q(public, "owner_id"))

    def can_see_goal(self, goal) -> bool:
        return self.sees_drafts_of(goal.organ_id) or (goal.record_state in PUBLIC_STATES and goal.is_public)

    def can_see_assignment(self, assignment) -> bool:
        return (
            self.sees_drafts_of(assignment.giver_id)
            or self.sees_drafts_of(assignment.receiver_id)
            or (assignment.record_state in PUBLIC_STATES and assignment.is_public)
        )

    def can_see_document(self, document) -> bool:
        return self.sees_drafts_of(document.owner_id) or (
            document.record_state in PUBLIC_STATES and document.is_public
        )


def visibility(user) -> Visibility:
    """What `user` may see (cached on the user object for the request)."""
    cached = getattr(user, "_styrkraft_visibility", None)
    if cached is not None:
        return cached
    if is_admin(user):
        result = Visibility(everything=True, organ_ids=frozenset())
    else:
        organ_ids = {organ_id for organ_id in _roles(user) if organ_id is not None}
        result = Visibility(everything=False, organ_ids=frozenset(_organs_below(organ_ids)))
    if getattr(user, "is_authenticated", False):
        user._styrkraft_visibility = result
    return result
