"""Unit tests of the one permission module, styrkraft/org/permissions.py: every function, for
administrators (superuser and OrganRole admin), editors of the organ and of a parent organ, editors of
another organ, readers, inactive users and anonymous visitors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from styrkraft.org import permissions
from styrkraft.org.models import Organ, OrganRole
from tests import factories as f


@pytest.fixture
def unit_a(municipality, board_a):
    """A unit under board A's administration: material below board A."""
    administration = f.OrganFactory(
        municipality=municipality, slug="forvaltning-a", parent=board_a, kind=Organ.Kind.ADMINISTRATION
    )
    return f.OrganFactory(
        municipality=municipality, slug="enhet-a", parent=administration, kind=Organ.Kind.UNIT
    )


@pytest.fixture
def role_admin(board_b):
    """An administrator by role: site-wide, on no organ."""
    return f.OrganRoleFactory(organ=None, role=OrganRole.Role.ADMIN, user__username="roll-admin").user


@pytest.fixture
def reader_a(board_a):
    return f.OrganRoleFactory(organ=board_a, role=OrganRole.Role.READER, user__username="lasare-a").user


@pytest.fixture
def inactive_editor_a(board_a):
    return f.OrganRoleFactory(organ=board_a, user__username="slutat", user__is_active=False).user


@pytest.fixture
def goal_a(board_a, target_areas):
    return f.GoalFactory(organ=board_a, target_area=target_areas[0])


@pytest.fixture
def indicator_a(goal_a):
    return f.IndicatorFactory(goal=goal_a)


@pytest.fixture
def assignment_a_to_b(board_a, board_b):
    return f.AssignmentFactory(giver=board_a, receiver=board_b)


def test_is_admin_for_superuser_and_organ_role_admin_only(admin_user, role_admin, editor_a, reader_a):
    assert [
        permissions.is_admin(u) for u in (admin_user, role_admin, editor_a, reader_a, AnonymousUser())
    ] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_inactive_superuser_is_not_admin(db):
    user = f.UserFactory(is_superuser=True, is_active=False)
    assert permissions.is_admin(user) is False


def test_can_edit_organ(admin_user, role_admin, editor_a, editor_b, reader_a, inactive_editor_a, board_a):
    users = [admin_user, role_admin, editor_a, editor_b, reader_a, inactive_editor_a, AnonymousUser()]
    assert [permissions.can_edit_organ(u, board_a) for u in users] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_editor_of_a_parent_organ_edits_a_unit_below_but_not_the_other_way(editor_a, board_a, unit_a):
    unit_editor = f.OrganRoleFactory(organ=unit_a).user
    assert (
        permissions.can_edit_organ(editor_a, unit_a),
        permissions.can_edit_organ(unit_editor, unit_a),
        permissions.can_edit_organ(unit_editor, board_a),
    ) == (True, True, False)


def test_editor_of_the_council_edits_the_boards_below_it(council, board_a, board_b):
    council_editor = f.OrganRoleFactory(organ=council).user
    assert (
        permissions.can_edit_organ(council_editor, board_a),
        permissions.can_edit_organ(council_editor, board_b),
    ) == (
        True,
        True,
    )


def test_can_edit_anything(admin_user, editor_a, reader_a, inactive_editor_a):
    users = [admin_user, editor_a, reader_a, inactive_editor_a, AnonymousUser()]
    assert [permissions.can_edit_anything(u) for u in users] == [True, True, False, False, False]


def test_editable_organs(municipality, admin_user, editor_a, editor_b, board_a, board_b, council, unit_a):
    assert set(permissions.editable_organs(admin_user, municipality)) == {
        council,
        board_a,
        board_b,
        unit_a,
        unit_a.parent,
    }
    assert set(permissions.editable_organs(editor_a, municipality)) == {board_a, unit_a.parent, unit_a}
    assert set(permissions.editable_organs(editor_b, municipality)) == {board_b}
    assert list(permissions.editable_organs(AnonymousUser(), municipality)) == []


def test_can_add_goal_only_for_goal_setting_organs(admin_user, editor_a, editor_b, board_a, council, unit_a):
    assert [
        permissions.can_add_goal(admin_user, board_a),
        permissions.can_add_goal(editor_a, board_a),
        permissions.can_add_goal(editor_b, board_a),
        permissions.can_add_goal(AnonymousUser(), board_a),
        permissions.can_add_goal(admin_user, council),
        permissions.can_add_goal(editor_a, unit_a),
    ] == [True, True, False, False, False, False]


def test_can_edit_goal(admin_user, role_admin, editor_a, editor_b, reader_a, inactive_editor_a, goal_a):
    users = [admin_user, role_admin, editor_a, editor_b, reader_a, inactive_editor_a, AnonymousUser()]
    assert [permissions.can_edit_goal(u, goal_a) for u in users] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_can_edit_indicator(admin_user, editor_a, editor_b, inactive_editor_a, indicator_a):
    users = [admin_user, editor_a, editor_b, inactive_editor_a, AnonymousUser()]
    assert [permissions.can_edit_indicator(u, indicator_a) for u in users] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_can_create_assignment(admin_user, editor_a, editor_b, reader_a, board_a):
    users = [admin_user, editor_a, editor_b, reader_a, AnonymousUser()]
    assert [permissions.can_create_assignment(u, board_a) for u in users] == [True, True, False, False, False]


def test_giver_and_receiver_may_edit_an_assignment_others_not(
    admin_user, editor_a, editor_b, reader_a, assignment_a_to_b, municipality
):
    outsider = f.OrganRoleFactory(organ=f.OrganFactory(municipality=municipality)).user
    users = [admin_user, editor_a, editor_b, outsider, reader_a, AnonymousUser()]
    assert [permissions.can_edit_assignment(u, assignment_a_to_b) for u in users] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_assignment_without_receiver_is_edited_by_the_giver_only(editor_a, editor_b, board_a):
    assignment = f.AssignmentFactory(giver=board_a, receiver=None)
    assert (
        permissions.can_edit_assignment(editor_a, assignment),
        permissions.can_edit_assignment(editor_b, assignment),
    ) == (True, False)


def test_only_the_giver_edits_what_was_assigned(admin_user, editor_a, editor_b, assignment_a_to_b):
    users = [admin_user, editor_a, editor_b, AnonymousUser()]
    assert [permissions.can_edit_assignment_terms(u, assignment_a_to_b) for u in users] == [
        True,
        True,
        False,
        False,
    ]


def test_roles_are_read_once_per_user_object(editor_a, board_a, board_b, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert (
            permissions.can_edit_organ(editor_a, board_a),
            permissions.can_edit_organ(editor_a, board_b),
        ) == (
            True,
            False,
        )
