"""The permission matrix: every URL pattern of the project, and who may use it.

Every pattern that Django resolves (walked recursively through the included URLconfs, with single
sign-on switched on as well as off) must have an entry in MATRIX; a new URL without one makes
test_every_url_pattern_is_in_the_matrix fail with its name. Each entry says what kind of URL it is:

- "read": a reading page; GET answers 200 to the roles in `allowed` (to everyone, the anonymous visitor
  included, when the page is public), and refuses the others.
- "write": a URL whose POST changes data. For each of the five roles the test posts a valid form and
  asserts either that it was allowed (302 to the item, the change saved, an audit record written) or
  refused (anonymous: redirect to sign-in; signed in: 403; the data and the audit trail unchanged).
- "session": Django's sign-in, sign-out and language switch, which change only the visitor's own
  session, never data; each is checked for its own behaviour below.
- "sso": the OpenID Connect URLs of mozilla-django-oidc, present only when OIDC_RP_CLIENT_ID is set;
  their flow is tested end to end in tests/org/test_oidc.py.

The roles: an administrator (a superuser), the editor of the organ that owns the material (board A),
the editor of another organ (board B), a reader of the organ (OrganRole reader on board A) and an
anonymous visitor."""

import datetime
import importlib
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse
from django.utils import timezone

from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator
from styrkraft.org.models import OrganRole
from styrkraft.steering.models import Assignment, Decision, Goal, RecordState, SteeringDocument
from tests import factories as f
from tests.conftest import PASSWORD

ADMIN, EDITOR, OTHER_EDITOR, READER, ANONYMOUS = (
    "administrator",
    "editor",
    "other_editor",
    "reader",
    "anonymous",
)
ROLES = (ADMIN, EDITOR, OTHER_EDITOR, READER, ANONYMOUS)
EVERYONE = frozenset(ROLES)
ORGAN_EDITORS = frozenset({ADMIN, EDITOR})
ADMINS = frozenset({ADMIN})

CLIENTS = {
    ADMIN: "client_admin",
    EDITOR: "client_a",
    OTHER_EDITOR: "client_b",
    READER: "client_reader",
    ANONYMOUS: "anonymous",
}

LOGIN = "/konto/logga-in/"


@dataclass(frozen=True)
class Entry:
    kind: str  # "read", "write", "session" or "sso"
    allowed: frozenset = frozenset()
    post_only: bool = False  # a write URL without a page of its own: GET answers 405
    sso: bool = False  # present only when single sign-on is configured


MATRIX: dict[str, Entry] = {
    # Django's own: sign-in, sign-out and the language switch change the visitor's session only.
    "login": Entry("session", EVERYONE),
    "logout": Entry("session", EVERYONE, post_only=True),
    "set_language": Entry("session", EVERYONE),
    # mozilla-django-oidc, only with OIDC_RP_CLIENT_ID (tests/org/test_oidc.py runs the flow).
    "oidc_authentication_init": Entry("sso", EVERYONE, sso=True),
    "oidc_authentication_callback": Entry("sso", EVERYONE, sso=True),
    "oidc_logout": Entry("sso", EVERYONE, sso=True),
    # Reading the steering chain: public.
    "steering:chain": Entry("read", EVERYONE),
    "steering:responsibility": Entry("read", EVERYONE),
    "steering:organ": Entry("read", EVERYONE),
    # The world's goal is a draft: seen by those with a role on board A (tests/steering/test_pages.py
    # checks that visitors see finalised and public goals).
    "steering:goal": Entry("read", frozenset({ADMIN, EDITOR, READER})),
    "steering:assignment": Entry("read", EVERYONE),
    # Mitt arbete: every signed-in user's own page (one without a role is told how to get one).
    "steering:my_work": Entry("read", frozenset({ADMIN, EDITOR, OTHER_EDITOR, READER})),
    "indicators:detail": Entry("read", frozenset({ADMIN, EDITOR, READER})),  # seen with its goal
    # The audit trail: each item's history is public; the log of all changes is for administrators.
    "core:history": Entry("read", frozenset({ADMIN, EDITOR, READER})),  # the draft goal's history
    "core:log": Entry("read", ADMINS),
    "core:deleted": Entry("read", ADMINS),
    "core:restore": Entry("write", ADMINS, post_only=True),
    # Editing an organ's material: its editors (and those of organs above it) and administrators.
    "steering:goal_create": Entry("write", ORGAN_EDITORS),
    "steering:goal_edit": Entry("write", ORGAN_EDITORS),
    "steering:goal_status": Entry("write", ORGAN_EDITORS, post_only=True),
    "steering:assignment_create": Entry("write", ORGAN_EDITORS),
    "steering:assignment_edit": Entry("write", ORGAN_EDITORS),
    "steering:goal_indicator_create": Entry("write", ORGAN_EDITORS),
    "indicators:edit": Entry("write", ORGAN_EDITORS),
    "indicators:figures": Entry("write", ORGAN_EDITORS),
    # The records state of an indicator's targets: the organ's editors set them upprättade or back to
    # utkast; administrators record the decision on them.
    "indicators:targets_state": Entry("write", ORGAN_EDITORS, post_only=True),
    "indicators:targets_decide": Entry("write", ADMINS),
    # A new version of targets decided on their own: the organ's editors.
    "indicators:targets_new_version": Entry("write", ORGAN_EDITORS, post_only=True),
    # Importing values and targets from a file, and its template CSV: the organ's editors.
    "indicators:import": Entry("write", ORGAN_EDITORS),
    "indicators:organ_import": Entry("write", ORGAN_EDITORS),
    "indicators:import_template": Entry("read", ORGAN_EDITORS),
    "indicators:organ_import_template": Entry("read", ORGAN_EDITORS),
    # Searching Kolada's KPI catalogue (for the new-indicator form): whoever edits some organ.
    "indicators:kpi_search": Entry("read", frozenset({ADMIN, EDITOR, OTHER_EDITOR})),
    # Deleting (a soft delete): the organ's editors; an assignment only by its giver's editors.
    "steering:goal_delete": Entry("write", ORGAN_EDITORS),
    "steering:assignment_delete": Entry("write", ORGAN_EDITORS),
    "indicators:delete": Entry("write", ORGAN_EDITORS),
    # A new version of a decided goal: the organ's editors.
    "steering:goal_new_version": Entry("write", ORGAN_EDITORS, post_only=True),
    # A new version of a decided assignment: the giver's editors.
    "steering:assignment_new_version": Entry("write", ORGAN_EDITORS, post_only=True),
    # Deciding an organ's plan year: administrators only.
    "steering:plan_year_decide": Entry("write", ADMINS),
    # Records states of an assignment: the giver's editors move it utkast ⇄ upprättad; administrators
    # record the decision that makes it beslutad.
    "steering:assignment_state": Entry("write", ORGAN_EDITORS, post_only=True),
    "steering:assignment_decide": Entry("write", ADMINS),
    # Steering documents: a draft is seen by those with a role on its owner (tests/steering/
    # test_document_views.py checks that visitors see finalised and public ones); the owner's editors add,
    # change, delete and move them utkast ⇄ upprättad; administrators record the decision.
    "steering:document": Entry("read", frozenset({ADMIN, EDITOR, READER})),
    "steering:document_create": Entry("write", ORGAN_EDITORS),
    "steering:document_edit": Entry("write", ORGAN_EDITORS),
    "steering:document_delete": Entry("write", ORGAN_EDITORS),
    "steering:document_state": Entry("write", ORGAN_EDITORS, post_only=True),
    "steering:document_decide": Entry("write", ADMINS),
    "steering:document_new_version": Entry("write", ORGAN_EDITORS, post_only=True),
    # Roles: administrators only.
    "org:roles": Entry("write", ADMINS),
    "org:role_revoke": Entry("write", ADMINS, post_only=True),
}


# --- Every URL pattern ---------------------------------------------------------------------------


def url_patterns(patterns=None, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(key, route) of every URL pattern, walking included URLconfs; the key is the pattern's full name
    (namespace:name), or its route when it has no name."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            found += url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            found.append((name or route, route))
    return found


@pytest.fixture
def urlconf_with_sso():
    """The project's URL patterns as they are with single sign-on configured."""
    import config.urls

    with override_settings(OIDC_RP_CLIENT_ID="matrix-test"):
        importlib.reload(config.urls)
        clear_url_caches()
        patterns = url_patterns()
    importlib.reload(config.urls)
    clear_url_caches()
    return patterns


def test_every_url_pattern_is_in_the_matrix(urlconf_with_sso):
    patterns = dict(url_patterns()) | dict(urlconf_with_sso)
    missing = sorted(f"{key} ({route})" for key, route in patterns.items() if key not in MATRIX)
    assert missing == [], "URL patterns missing from MATRIX in tests/test_permission_matrix.py: " + ", ".join(
        missing
    )


def test_every_matrix_entry_is_a_url_pattern(urlconf_with_sso):
    """No entry outlives its URL. The single sign-on entries are checked by the test above (a pattern
    without an entry fails there); tests/org/test_oidc.py checks that single sign-on is wired."""
    without_sso = {key for key, _route in url_patterns()}
    with_sso = {key for key, _route in urlconf_with_sso}
    stale = sorted(key for key, entry in MATRIX.items() if not entry.sso and key not in without_sso)
    assert stale == [], "MATRIX entries without a URL pattern: " + ", ".join(stale)
    sso_entries = {key for key, entry in MATRIX.items() if entry.sso}
    assert sorted((with_sso - without_sso) - sso_entries) == []


def test_every_write_url_has_a_case_and_every_read_url_an_address():
    writes = {key for key, entry in MATRIX.items() if entry.kind == "write"}
    reads = {key for key, entry in MATRIX.items() if entry.kind == "read"}
    assert (sorted(writes - set(WRITE_CASES)), sorted(reads - set(READ_URLS))) == ([], [])


# --- The world the matrix acts on ----------------------------------------------------------------


@dataclass
class World:
    board_a: object
    board_c: object
    areas: list
    goal: Goal
    indicator: Indicator
    assignment: Assignment
    role_to_revoke: OrganRole


@pytest.fixture
def world(municipality, council, board_a, board_b, target_areas, editor_a, editor_b, reader_a, admin_user):
    """Board A's material: a goal complete enough to be ready for decision, its indicator with a target,
    an assignment from board A to board C (so the editor of board B has no part in any of it), and a
    reader role on board A to take away."""
    board_c = f.OrganFactory(municipality=municipality, slug="namnd-c", name="Nämnd C", parent=council)
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Fler cyklar", code="cyklar")
    indicator = f.IndicatorFactory(goal=goal, title="Andel som cyklar", code="andel-cykel")
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("60"))
    assignment = f.AssignmentFactory(
        giver=board_a, receiver=board_c, title="Utred cykelbanor", code="utred", year=2024
    )
    role = f.OrganRoleFactory(organ=board_a, role=OrganRole.Role.READER, user__username="ebba")
    f.UserFactory(username="dag")
    return World(board_a, board_c, target_areas, goal, indicator, assignment, role)


READ_URLS = {
    "steering:chain": lambda w: reverse("steering:chain"),
    "steering:responsibility": lambda w: reverse("steering:responsibility"),
    "steering:organ": lambda w: reverse("steering:organ", args=[w.board_a.slug]),
    "steering:goal": lambda w: reverse("steering:goal", args=[w.goal.pk]),
    "steering:assignment": lambda w: reverse("steering:assignment", args=[w.assignment.pk]),
    "steering:my_work": lambda w: reverse("steering:my_work"),
    "steering:document": lambda w: reverse("steering:document", args=[_document(w).pk]),
    "indicators:detail": lambda w: reverse("indicators:detail", args=[w.indicator.pk]),
    "core:history": lambda w: reverse("core:history", args=["steering.goal", w.goal.pk]),
    "core:log": lambda w: reverse("core:log"),
    "core:deleted": lambda w: reverse("core:deleted"),
    "indicators:import_template": lambda w: reverse("indicators:import_template", args=[w.indicator.pk]),
    "indicators:organ_import_template": lambda w: reverse(
        "indicators:organ_import_template", args=[w.board_a.slug]
    ),
    "indicators:kpi_search": lambda w: reverse("indicators:kpi_search") + "?q=cykel",
}


@dataclass
class Case:
    url: str
    data: dict
    state: object  # () -> the rows the POST changes, as plain values
    after: object  # the state after an allowed POST
    target: object  # () -> where an allowed POST redirects


def _goal_url(w: World, anchor: str = "") -> str:
    return reverse("steering:goal", args=[w.goal.pk]) + anchor


def _decided_goal(w: World) -> Goal:
    decision = Decision.objects.create(
        municipality=w.board_a.municipality, body=w.board_a, decided_on=datetime.date(2023, 12, 14)
    )
    return f.GoalFactory(
        organ=w.board_a,
        target_area=w.areas[1],
        record_state="decided",
        decision=decision,
        title="Beslutat mål",
    )


def _decided_assignment(w: World) -> Assignment:
    decision = Decision.objects.create(
        municipality=w.board_a.municipality, body=w.board_a, decided_on=datetime.date(2024, 2, 12)
    )
    return f.AssignmentFactory(
        giver=w.board_a,
        receiver=w.board_c,
        record_state="decided",
        decision=decision,
        title="Beslutat uppdrag",
    )


def _decided_targets(w: World) -> Indicator:
    """An indicator of board A tied to no goal, its targets decided on their own."""
    decision = Decision.objects.create(
        municipality=w.board_a.municipality, body=w.board_a, decided_on=datetime.date(2024, 2, 12)
    )
    indicator = f.IndicatorFactory(
        organ=w.board_a, goal=None, title="Egna målvärden", targets_state="decided", targets_decision=decision
    )
    f.IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("70"))
    return indicator


def _ready_plan_year(w: World) -> str:
    """Board A's plan year 2024 ready for decision (two goals, ready, in two target areas); its URL."""
    Goal.objects.filter(pk=w.goal.pk).update(record_state=RecordState.READY)
    f.GoalFactory(
        organ=w.board_a, target_area=w.areas[1], record_state=RecordState.READY, title="Tryggare vägar"
    )
    return reverse("steering:plan_year_decide", args=[w.board_a.slug]) + "?year=2024"


def _ready_targets(w: World) -> str:
    """The indicator's targets upprättade (ready for a decision); the URL of the decision page."""
    Indicator.objects.filter(pk=w.indicator.pk).update(targets_state="ready")
    return reverse("indicators:targets_decide", args=[w.indicator.pk])


def _restore_case(w: World) -> Case:
    """Restoring the assignment, deleted first (directly: the audit count is taken after this)."""
    Assignment.all_objects.filter(pk=w.assignment.pk).update(deleted_at=timezone.now())
    return Case(
        reverse("core:restore", args=["assignment", w.assignment.pk]),
        {},
        lambda: Assignment.objects.filter(pk=w.assignment.pk).exists(),
        True,
        lambda: reverse("core:deleted"),
    )


def _document(w: World, record_state: str = "draft") -> SteeringDocument:
    """Board A's program, not yet decided."""
    return f.SteeringDocumentFactory(
        owner=w.board_a,
        title="Cykelprogram",
        record_state=record_state,
        decided_by=None,
        decided_on=None,
    )


def _document_case(
    w: World, name: str, data: dict, field: str, after, *, record_state: str = "draft"
) -> Case:
    """A POST to the document URL `name` that changes `field` of the document to `after`; an allowed
    POST returns to the document's page."""
    document = _document(w, record_state)
    return Case(
        reverse(f"steering:{name}", args=[document.pk]),
        data,
        lambda: SteeringDocument.objects.values_list(field, flat=True).get(pk=document.pk),
        after,
        lambda: reverse("steering:document", args=[document.pk]),
    )


def _document_new_version_case(w: World) -> Case:
    document = _document(w, "decided")
    decision = Decision.objects.create(
        municipality=w.board_a.municipality, body=w.board_a, decided_on=datetime.date(2024, 3, 4)
    )
    SteeringDocument.objects.filter(pk=document.pk).update(decision=decision)
    return Case(
        reverse("steering:document_new_version", args=[document.pk]),
        {},
        lambda: SteeringDocument.objects.filter(supersedes=document).count(),
        1,
        lambda: reverse("steering:document", args=[SteeringDocument.objects.get(supersedes=document).pk]),
    )


def _document_delete_case(w: World) -> Case:
    document = _document(w)
    return Case(
        reverse("steering:document_delete", args=[document.pk]),
        {},
        lambda: SteeringDocument.objects.filter(pk=document.pk).exists(),
        False,
        lambda: reverse("steering:organ", args=[w.board_a.slug]) + "#styrdokument",
    )


DOCUMENT_FORM = {"title": "Cykelstrategi", "doc_type": "policy", "validity": "in_force", "is_public": "on"}

WRITE_CASES = {
    "steering:goal_create": lambda w: Case(
        reverse("steering:goal_create", args=[w.board_a.slug]) + "?year=2024",
        {"title": "Tryggare skolvägar", "target_area": w.areas[1].pk, "rationale": "Barn ska gå säkert."},
        lambda: list(Goal.objects.filter(organ=w.board_a).order_by("pk").values_list("title", flat=True)),
        ["Fler cyklar", "Tryggare skolvägar"],
        lambda: reverse("steering:goal", args=[Goal.objects.get(title="Tryggare skolvägar").pk]),
    ),
    "steering:goal_edit": lambda w: Case(
        reverse("steering:goal_edit", args=[w.goal.pk]),
        {"title": "Många fler cyklar", "target_area": w.areas[0].pk, "version": "1"},
        lambda: Goal.objects.get(pk=w.goal.pk).title,
        "Många fler cyklar",
        lambda: _goal_url(w),
    ),
    "steering:goal_status": lambda w: Case(
        reverse("steering:goal_status", args=[w.goal.pk]),
        {"status": "ready", "version": "1"},
        lambda: Goal.objects.get(pk=w.goal.pk).record_state,
        "ready",
        lambda: _goal_url(w),
    ),
    "steering:assignment_create": lambda w: Case(
        reverse("steering:assignment_create", args=[w.board_a.slug]) + "?year=2024",
        {
            "title": "Kartlägg parkeringar",
            "receiver": w.board_c.pk,
            "deadline": "2024-11-30",
            "report_back": "Till nämnd A i december",
            "progress": "not_started",
            "year": "2024",
        },
        lambda: list(
            Assignment.objects.filter(giver=w.board_a).order_by("pk").values_list("title", flat=True)
        ),
        ["Utred cykelbanor", "Kartlägg parkeringar"],
        lambda: reverse(
            "steering:assignment", args=[Assignment.objects.get(title="Kartlägg parkeringar").pk]
        ),
    ),
    "steering:assignment_edit": lambda w: Case(
        reverse("steering:assignment_edit", args=[w.assignment.pk]),
        {
            "title": "Utred säkra cykelbanor",
            "receiver": w.board_c.pk,
            "deadline": "2024-12-15",
            "report_back": "Till nämnd A",
            "progress": "ongoing",
            "year": "2024",
            "version": "1",
        },
        lambda: Assignment.objects.values_list("title", "progress").get(pk=w.assignment.pk),
        ("Utred säkra cykelbanor", "ongoing"),
        lambda: reverse("steering:assignment", args=[w.assignment.pk]),
    ),
    "steering:goal_indicator_create": lambda w: Case(
        reverse("steering:goal_indicator_create", args=[w.goal.pk]),
        {"title": "Antal cykelparkeringar", "unit": "antal", "direction": "higher", "source": "own"},
        lambda: list(w.goal.indicators.order_by("pk").values_list("title", flat=True)),
        ["Andel som cyklar", "Antal cykelparkeringar"],
        lambda: _goal_url(w, f"#nyckeltal-{Indicator.objects.get(title='Antal cykelparkeringar').pk}"),
    ),
    "indicators:edit": lambda w: Case(
        reverse("indicators:edit", args=[w.indicator.pk]),
        {
            "title": "Andel resor med cykel",
            "unit": "%",
            "direction": "higher",
            "source": "own",
            "version": "1",
        },
        lambda: Indicator.objects.get(pk=w.indicator.pk).title,
        "Andel resor med cykel",
        lambda: _goal_url(w, f"#nyckeltal-{w.indicator.pk}"),
    ),
    "indicators:figures": lambda w: Case(
        reverse("indicators:figures", args=[w.indicator.pk]),
        {"value_2023": "52,5", "target_2026": "60", "version": "1"},
        lambda: list(w.indicator.values.order_by("year").values_list("year", "value")),
        [(2023, Decimal("52.5"))],
        lambda: _goal_url(w, f"#nyckeltal-{w.indicator.pk}"),
    ),
    "indicators:targets_state": lambda w: Case(
        reverse("indicators:targets_state", args=[w.indicator.pk]),
        {"state": "ready", "version": "1"},
        lambda: Indicator.objects.get(pk=w.indicator.pk).targets_state,
        "ready",
        lambda: reverse("indicators:figures", args=[w.indicator.pk]),
    ),
    "indicators:targets_decide": lambda w: Case(
        _ready_targets(w),
        {"body": w.board_a.parent_id, "decided_on": "2024-03-04", "paragraph": "31", "version": "1"},
        lambda: Indicator.objects.values_list("targets_state", "targets_decision__paragraph").get(
            pk=w.indicator.pk
        ),
        ("decided", "31"),
        lambda: reverse("indicators:figures", args=[w.indicator.pk]),
    ),
    "indicators:import": lambda w: Case(
        reverse("indicators:import", args=[w.indicator.pk]),
        {"fil": SimpleUploadedFile("varden.csv", "år;utfall\n2023;52,5\n".encode())},
        lambda: list(w.indicator.values.order_by("year").values_list("year", "value")),
        [(2023, Decimal("52.5"))],
        lambda: reverse("indicators:figures", args=[w.indicator.pk]),
    ),
    "indicators:organ_import": lambda w: Case(
        reverse("indicators:organ_import", args=[w.board_a.slug]),
        {"fil": SimpleUploadedFile("organ.csv", "nyckeltal;år;utfall\nandel-cykel;2023;52,5\n".encode())},
        lambda: list(w.indicator.values.order_by("year").values_list("year", "value")),
        [(2023, Decimal("52.5"))],
        lambda: reverse("steering:organ", args=[w.board_a.slug]),
    ),
    "steering:plan_year_decide": lambda w: Case(
        _ready_plan_year(w),
        {"body": w.board_a.parent_id, "decided_on": "2023-11-16", "paragraph": "212", "case_number": ""},
        lambda: list(
            Goal.objects.filter(organ=w.board_a).order_by("pk").values_list("record_state", flat=True)
        ),
        ["decided", "decided"],
        lambda: reverse("steering:organ", args=[w.board_a.slug]) + "?year=2024",
    ),
    "steering:assignment_state": lambda w: Case(
        reverse("steering:assignment_state", args=[w.assignment.pk]),
        {"state": "draft", "version": "1"},
        lambda: Assignment.objects.get(pk=w.assignment.pk).record_state,
        "draft",
        lambda: reverse("steering:assignment", args=[w.assignment.pk]),
    ),
    "steering:assignment_decide": lambda w: Case(
        reverse("steering:assignment_decide", args=[w.assignment.pk]),
        {"body": w.board_a.parent_id, "decided_on": "2024-02-12", "paragraph": "17", "version": "1"},
        lambda: Assignment.objects.values_list("record_state", "decision__paragraph").get(pk=w.assignment.pk),
        ("decided", "17"),
        lambda: reverse("steering:assignment", args=[w.assignment.pk]),
    ),
    "steering:goal_new_version": lambda w: Case(
        reverse("steering:goal_new_version", args=[_decided_goal(w).pk]),
        {},
        lambda: Goal.objects.filter(supersedes__title="Beslutat mål").count(),
        1,
        lambda: reverse("steering:goal", args=[Goal.objects.get(supersedes__title="Beslutat mål").pk]),
    ),
    "indicators:targets_new_version": lambda w: Case(
        reverse("indicators:targets_new_version", args=[_decided_targets(w).pk]),
        {"version": "1"},
        lambda: Indicator.objects.get(title="Egna målvärden").targets_state,
        "draft",
        lambda: reverse("indicators:figures", args=[Indicator.objects.get(title="Egna målvärden").pk]),
    ),
    "steering:assignment_new_version": lambda w: Case(
        reverse("steering:assignment_new_version", args=[_decided_assignment(w).pk]),
        {},
        lambda: Assignment.objects.filter(supersedes__title="Beslutat uppdrag").count(),
        1,
        lambda: reverse(
            "steering:assignment", args=[Assignment.objects.get(supersedes__title="Beslutat uppdrag").pk]
        ),
    ),
    "steering:goal_delete": lambda w: Case(
        reverse("steering:goal_delete", args=[w.goal.pk]),
        {},
        lambda: Goal.objects.filter(pk=w.goal.pk).exists(),
        False,
        lambda: reverse("steering:organ", args=[w.board_a.slug]) + f"?year={w.goal.year}",
    ),
    "steering:assignment_delete": lambda w: Case(
        reverse("steering:assignment_delete", args=[w.assignment.pk]),
        {},
        lambda: Assignment.objects.filter(pk=w.assignment.pk).exists(),
        False,
        lambda: reverse("steering:organ", args=[w.board_a.slug]) + "?year=2024",
    ),
    "indicators:delete": lambda w: Case(
        reverse("indicators:delete", args=[w.indicator.pk]),
        {},
        lambda: Indicator.objects.filter(pk=w.indicator.pk).exists(),
        False,
        lambda: _goal_url(w),
    ),
    "steering:document_create": lambda w: Case(
        reverse("steering:document_create", args=[w.board_a.slug]),
        DOCUMENT_FORM,
        lambda: list(SteeringDocument.objects.filter(owner=w.board_a).values_list("title", flat=True)),
        ["Cykelstrategi"],
        lambda: reverse("steering:document", args=[SteeringDocument.objects.get(title="Cykelstrategi").pk]),
    ),
    "steering:document_edit": lambda w: _document_case(
        w, "document_edit", {**DOCUMENT_FORM, "version": "1"}, "title", "Cykelstrategi"
    ),
    "steering:document_delete": lambda w: _document_delete_case(w),
    "steering:document_state": lambda w: _document_case(
        w, "document_state", {"state": "ready", "version": "1"}, "record_state", "ready"
    ),
    "steering:document_decide": lambda w: _document_case(
        w,
        "document_decide",
        {"body": w.board_a.parent_id, "decided_on": "2024-03-04", "paragraph": "31", "version": "1"},
        "decision__paragraph",
        "31",
        record_state="ready",
    ),
    "steering:document_new_version": lambda w: _document_new_version_case(w),
    "core:restore": lambda w: _restore_case(w),
    "org:roles": lambda w: Case(
        reverse("org:roles"),
        {"user": "dag", "role": "editor", "organ": w.board_a.pk},
        lambda: list(OrganRole.objects.filter(user__username="dag").values_list("organ", "role")),
        [(w.board_a.pk, "editor")],
        lambda: reverse("org:roles"),
    ),
    "org:role_revoke": lambda w: Case(
        reverse("org:role_revoke", args=[w.role_to_revoke.pk]),
        {},
        lambda: OrganRole.objects.filter(pk=w.role_to_revoke.pk).exists(),
        False,
        lambda: reverse("org:roles"),
    ),
}


def _refused(response, role: str, *, method: str, post_only: bool) -> bool:
    if role == ANONYMOUS:
        return response.status_code == 302 and response["Location"].startswith(LOGIN + "?next=")
    if method == "get" and post_only:
        return response.status_code == 405
    return response.status_code == 403


# --- Reading pages ---------------------------------------------------------------------------------

READS = [key for key, entry in MATRIX.items() if entry.kind == "read"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", READS)
def test_read_url(request, world, key, role):
    client = request.getfixturevalue(CLIENTS[role])
    records = AuditRecord.objects.count()
    response = client.get(READ_URLS[key](world))
    if role in MATRIX[key].allowed:
        assert response.status_code == 200
    else:
        assert _refused(response, role, method="get", post_only=False), response.status_code
    assert AuditRecord.objects.count() == records


# --- Writing URLs ----------------------------------------------------------------------------------

WRITES = [key for key, entry in MATRIX.items() if entry.kind == "write"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", WRITES)
def test_write_url(request, world, key, role):
    entry = MATRIX[key]
    client = request.getfixturevalue(CLIENTS[role])
    case = WRITE_CASES[key](world)
    before, records = case.state(), AuditRecord.objects.count()
    assert before != case.after
    got = client.get(case.url)
    if role in entry.allowed:
        assert got.status_code == (405 if entry.post_only else 200)
        response = client.post(case.url, case.data)
        assert (response.status_code, response["Location"]) == (302, case.target())
        assert case.state() == case.after
        assert AuditRecord.objects.count() > records
    else:
        assert _refused(got, role, method="get", post_only=entry.post_only), got.status_code
        response = client.post(case.url, case.data)
        assert _refused(response, role, method="post", post_only=entry.post_only), response.status_code
        assert (case.state(), AuditRecord.objects.count()) == (before, records)


# --- Sign-in, sign-out, language ----------------------------------------------------------------


def test_login_page_answers_everyone(request, world):
    for role in ROLES:
        assert request.getfixturevalue(CLIENTS[role]).get(reverse("login")).status_code == 200


def test_login_signs_in_and_changes_no_data(anonymous, world):
    records = AuditRecord.objects.count()
    response = anonymous.post(reverse("login"), {"username": "redaktor-a", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("steering:my_work"))
    assert anonymous.get(reverse("steering:chain")).context["user"].get_username() == "redaktor-a"
    assert AuditRecord.objects.count() == records


@pytest.mark.parametrize("role", ROLES)
def test_logout_is_post_only_and_signs_out(request, world, role):
    client = request.getfixturevalue(CLIENTS[role])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert (response.status_code, response["Location"]) == (302, reverse("steering:chain"))
    assert client.get(reverse("steering:chain")).context["user"].is_authenticated is False


@pytest.mark.parametrize("role", ROLES)
def test_set_language_changes_only_the_session(request, world, role):
    client = request.getfixturevalue(CLIENTS[role])
    records = AuditRecord.objects.count()
    response = client.post(reverse("set_language"), {"language": "sv", "next": "/vem-kor/"})
    assert (response.status_code, response["Location"]) == (302, "/vem-kor/")
    assert AuditRecord.objects.count() == records
