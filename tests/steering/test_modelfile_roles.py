"""Roles in the model file (`roles:`): users made when missing (without a usable password), roles given
through the role services with an audit record each, every mistake named with its place, and roles
dumped back so that load → dump → load keeps them."""

import pytest
from django.contrib.auth import get_user_model

from styrkraft.core.models import AuditRecord
from styrkraft.org.models import OrganRole
from styrkraft.steering.modelfile import (
    ModelFileError,
    dump_yaml,
    model_file_dump,
    model_file_load,
    parse_model_file,
    validate_model_file,
)
from tests import factories as f
from tests.steering.test_modelfile import example

ROLES = [
    {"user": "anna", "role": "editor", "organ": "skolnamnden", "email": "anna@liten.se"},
    {"user": "anna", "role": "läsare", "organ": "ks"},
    {"user": "bertil", "role": "admin"},
]


def with_roles(roles) -> dict:
    data = example()
    data["roles"] = roles
    return data


def role_rows() -> list[tuple]:
    return sorted(OrganRole.objects.values_list("user__username", "role", "organ__slug"), key=str)


def test_roles_load_and_users_are_created_without_password(db):
    model_file_load(actor="test", data=with_roles(ROLES))
    assert role_rows() == [
        ("anna", "editor", "skolnamnden"),
        ("anna", "reader", "ks"),
        ("bertil", "admin", None),
    ]
    users = get_user_model().objects.order_by("username")
    assert [(u.username, u.email, u.has_usable_password()) for u in users] == [
        ("anna", "anna@liten.se", False),
        ("bertil", "", False),
    ]
    records = AuditRecord.objects.exclude(action="load").order_by("id")
    assert [(r.item_type, r.action) for r in records] == [
        ("auth.user", "create"),
        ("org.organrole", "create"),
        ("org.organrole", "create"),
        ("auth.user", "create"),
        ("org.organrole", "create"),
    ]


def test_an_existing_user_keeps_the_password(db):
    anna = f.UserFactory(username="Anna", email="anna@annat.se")
    model_file_load(actor="test", data=with_roles(ROLES[:1]))
    anna.refresh_from_db()
    assert (anna.has_usable_password(), anna.email) == (True, "anna@annat.se")
    assert list(OrganRole.objects.values_list("user", flat=True)) == [anna.pk]


def test_role_mistakes_are_named_with_their_place(db):
    roles = [
        {"user": "anna", "role": "chef", "organ": "ks"},
        {"user": "anna", "role": "editor", "organ": "okand"},
        {"user": "a b", "role": "editor", "organ": "ks", "email": "inte-en-adress"},
        {"user": "anna", "role": "editor", "organ": "ks", "email": "anna@liten.se"},
        {"user": "ANNA", "role": "redigerare", "organ": "ks"},
        {"user": "anna", "role": "reader", "organ": "skolnamnden", "email": "anna@annat.se"},
        {"role": "editor", "organ": "ks", "rolle": "x"},
        "anna",
    ]
    problems = [str(p) for p in validate_model_file(with_roles(roles))]
    assert problems == [
        "roles[0].role: ogiltigt värde 'chef' (tillåtna värden: admin, administrator, administratör, "
        "editor, redigerare, reader, läsare)",
        "roles[1].organ: okänt organ 'okand'",
        "roles[2].user: ogiltigt användarnamn 'a b' (bokstäver, siffror och @ . + - _, högst 150 tecken)",
        "roles[2].email: ogiltig e-postadress 'inte-en-adress'",
        "roles[4]: dubblett: samma roll står redan i roles[3]",
        "roles[5].email: användaren 'anna' har en annan e-postadress i roles[3]",
        "roles[6].rolle: okänd nyckel (menade du 'role'?)",
        "roles[6].user: obligatorisk nyckel saknas",
        "roles[7]: förväntade ett objekt, fick en text ('anna')",
    ]
    with pytest.raises(ModelFileError):
        model_file_load(actor="test", data=with_roles(roles))
    assert (OrganRole.objects.count(), get_user_model().objects.count()) == (0, 0)


def test_roles_must_be_a_list(db):
    assert [str(p) for p in validate_model_file(with_roles({"user": "anna"}))] == [
        "roles: förväntade en lista, fick ett objekt"
    ]


def test_roles_roundtrip(db):
    municipality = model_file_load(actor="test", data=with_roles(ROLES))
    first = dump_yaml(model_file_dump(municipality))
    assert parse_model_file(first)["roles"] == [
        {"user": "bertil", "role": "admin"},
        {"user": "anna", "role": "reader", "organ": "ks", "email": "anna@liten.se"},
        {"user": "anna", "role": "editor", "organ": "skolnamnden", "email": "anna@liten.se"},
    ]
    municipality = model_file_load(actor="test", data=parse_model_file(first), replace=True)
    assert dump_yaml(model_file_dump(municipality)) == first
    assert role_rows() == [
        ("anna", "editor", "skolnamnden"),
        ("anna", "reader", "ks"),
        ("bertil", "admin", None),
    ]


def test_a_dump_without_roles_has_no_roles_key(db):
    municipality = model_file_load(actor="test", data=example())
    assert "roles" not in model_file_dump(municipality)


def test_an_administrator_is_for_the_whole_municipality_and_has_no_organ(db):
    """An administrator is site-wide: `organ` with admin is refused (it would say something false); an
    editor or reader needs its organ."""
    roles = [
        {"user": "bertil", "role": "administratör", "organ": "ks"},
        {"user": "anna", "role": "editor"},
    ]
    assert [str(p) for p in validate_model_file(with_roles(roles))] == [
        "roles[0].organ: en administratör gäller hela kommunen och ges utan organ; ta bort 'organ'",
        "roles[1].organ: obligatorisk nyckel saknas",
    ]
    with pytest.raises(ModelFileError):
        model_file_load(actor="test", data=with_roles(roles))
    assert OrganRole.objects.count() == 0


def test_an_administrator_twice_is_a_duplicate(db):
    roles = [{"user": "bertil", "role": "admin"}, {"user": "Bertil", "role": "administrator"}]
    assert [str(p) for p in validate_model_file(with_roles(roles))] == [
        "roles[1]: dubblett: samma roll står redan i roles[0]"
    ]


def test_a_site_wide_administrator_already_there_stays_without_a_second_grant(db):
    """Site-wide roles outlive a --replace of the municipality; the file's administrator is then already
    one, and the load neither fails nor grants twice."""
    bertil = f.UserFactory(username="bertil")
    f.OrganRoleFactory(user=bertil, organ=None, role=OrganRole.Role.ADMIN)
    municipality = model_file_load(actor="test", data=with_roles(ROLES))
    model_file_load(actor="test", data=model_file_dump(municipality), replace=True)
    assert role_rows() == [
        ("anna", "editor", "skolnamnden"),
        ("anna", "reader", "ks"),
        ("bertil", "admin", None),
    ]
    granted = AuditRecord.objects.filter(item_type="org.organrole", action="create")
    assert [r.item_label for r in granted if "bertil" in r.item_label] == []
