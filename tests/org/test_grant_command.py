"""`styrkraft grant` and `styrkraft roles`: roles given and taken away from the command line, through the
same services as the site, with an audit record each; clear refusals that change nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from styrkraft.core.models import AuditRecord
from styrkraft.org.models import OrganRole
from tests import factories as f


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def anna(db):
    return f.UserFactory(username="anna", email="anna@kommun.se")


def test_grant_gives_the_role_and_records_it(anna, board_a):
    out = run("grant", "anna", "editor", "namnd-a")
    assert out == "anna är nu redigerare för Nämnd A (Testkommun).\n"
    role = OrganRole.objects.get()
    assert (role.user, role.organ, role.role) == (anna, board_a, "editor")
    record = AuditRecord.objects.get()
    assert record.action == "create"
    assert record.actor_label == "styrkraft grant"
    assert record.item_type == "org.organrole"
    assert record.changes == {
        "user": [None, "anna"],
        "role": [None, "redigerare"],
        "organ": [None, "Nämnd A"],
        "municipality": [None, "Testkommun"],
        "organ_id": board_a.pk,
    }


@pytest.mark.parametrize(
    ("written", "stored"),
    [("administratör", "admin"), ("Redigerare", "editor"), ("läsare", "reader"), ("reader", "reader")],
)
def test_grant_accepts_swedish_role_names(anna, board_a, written, stored):
    run("grant", "anna", written, "namnd-a")
    assert list(OrganRole.objects.values_list("role", flat=True)) == [stored]


def test_grant_finds_the_user_by_email(anna, board_a):
    run("grant", "ANNA@kommun.se", "reader", "namnd-a")
    assert list(OrganRole.objects.values_list("user__username", flat=True)) == ["anna"]


def test_grant_refuses_a_duplicate_and_changes_nothing(anna, board_a):
    run("grant", "anna", "editor", "namnd-a")
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "editor", "namnd-a")
    assert str(exc.value) == "anna är redan redigerare för Nämnd A."
    assert OrganRole.objects.count() == 1
    assert AuditRecord.objects.count() == 1


def test_grant_refuses_an_unknown_role_naming_the_valid_ones(anna, board_a):
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "chef", "namnd-a")
    assert str(exc.value) == (
        "Okänd roll ”chef”. Välj en av: admin, editor, reader (administratör, redigerare, läsare)."
    )
    assert OrganRole.objects.count() == 0


def test_grant_refuses_an_unknown_organ_naming_the_valid_ones(anna, board_a, board_b):
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "editor", "namnd-x")
    assert (
        str(exc.value)
        == "Det finns inget organ med kortnamnet ”namnd-x”. Organ som finns: kf, namnd-a, namnd-b."
    )
    assert OrganRole.objects.count() == 0


def test_grant_refuses_an_unknown_user(board_a):
    with pytest.raises(CommandError) as exc:
        run("grant", "bertil", "editor", "namnd-a")
    assert str(exc.value) == "Det finns ingen användare ”bertil”. Skapa den med --create-user."
    assert get_user_model().objects.count() == 0


def test_grant_asks_for_the_municipality_when_several_have_the_organ(anna, board_a):
    other = f.MunicipalityFactory(slug="annan")
    organ = f.OrganFactory(municipality=other, slug="namnd-a")
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "editor", "namnd-a")
    assert str(exc.value) == (
        "Flera kommuner har ett organ ”namnd-a”; ange kommunen med --municipality (annan, testkommun)."
    )
    run("grant", "anna", "editor", "namnd-a", "--municipality", "annan")
    assert list(OrganRole.objects.values_list("organ", flat=True)) == [organ.pk]


def test_grant_create_user_makes_a_user_without_password(board_a):
    out = run("grant", "cecilia@kommun.se", "reader", "namnd-a", "--create-user")
    assert out == (
        "Användaren cecilia@kommun.se är skapad utan lösenord; sätt lösenordet med "
        "`styrkraft changepassword cecilia@kommun.se`.\n"
        "cecilia@kommun.se är nu läsare för Nämnd A (Testkommun).\n"
    )
    user = get_user_model().objects.get()
    assert (user.username, user.email, user.has_usable_password()) == (
        "cecilia@kommun.se",
        "cecilia@kommun.se",
        False,
    )
    assert list(AuditRecord.objects.order_by("id").values_list("item_type", "action")) == [
        ("auth.user", "create"),
        ("org.organrole", "create"),
    ]


def test_revoke_takes_the_role_away_and_records_it(anna, board_a):
    run("grant", "anna", "editor", "namnd-a")
    out = run("grant", "anna", "redigerare", "namnd-a", "--revoke")
    assert out == "anna är inte längre redigerare för Nämnd A (Testkommun).\n"
    assert OrganRole.objects.count() == 0
    record = AuditRecord.objects.order_by("-id").first()
    assert record.action == "delete"
    assert record.changes == {
        "user": ["anna", None],
        "role": ["redigerare", None],
        "organ": ["Nämnd A", None],
        "municipality": ["Testkommun", None],
        "organ_id": board_a.pk,
    }


def test_revoke_of_a_role_the_user_lacks_is_refused(anna, board_a):
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "editor", "namnd-a", "--revoke")
    assert str(exc.value) == "anna är inte redigerare för Nämnd A; inget ändrades."
    assert AuditRecord.objects.count() == 0


def test_revoke_of_the_last_administrator_is_refused(anna, board_a):
    run("grant", "anna", "admin", "namnd-a")
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "admin", "namnd-a", "--revoke")
    assert str(exc.value) == (
        "anna är den enda administratören. Ge någon annan rollen administratör innan du tar bort den här."
    )
    assert OrganRole.objects.count() == 1


def test_roles_lists_who_has_which_role(anna, editor_a, editor_b, board_a):
    run("grant", "anna", "reader", "namnd-a")
    assert run("roles") == (
        "testkommun\tnamnd-a\teditor\tredaktor-a\n"
        "testkommun\tnamnd-a\treader\tanna\n"
        "testkommun\tnamnd-b\teditor\tredaktor-b\n"
    )
    assert run("roles", "--organ", "namnd-b") == "testkommun\tnamnd-b\teditor\tredaktor-b\n"
    assert run("roles", "--organ", "kf") == "Inga roller.\n"


def test_grant_command_exits_with_status_1_on_an_error(board_a):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["styrkraft", "grant", "nobody", "editor", "namnd-a"]).execute()
    assert exc.value.code == 1


def test_grant_admin_without_organ_makes_an_administrator_for_the_whole_municipality(anna, board_a):
    out = run("grant", "anna", "admin")
    assert out == "anna är nu administratör för hela kommunen.\n"
    role = OrganRole.objects.get()
    assert (role.user, role.organ, role.role) == (anna, None, "admin")
    record = AuditRecord.objects.get()
    assert (record.action, record.item_label) == ("create", "anna – administratör för hela kommunen")
    assert record.changes == {"user": [None, "anna"], "role": [None, "administratör"], "site_wide": True}


def test_grant_admin_with_an_organ_still_works_and_says_the_organ_is_not_used(anna, board_a):
    """The old form `grant USER admin ORGAN`: the administrator is site-wide, as the role always worked."""
    out = run("grant", "anna", "administratör", "namnd-a")
    assert out == (
        "En administratör gäller hela kommunen; organet ”namnd-a” används inte (skriv `styrkraft grant "
        "anna admin`).\n"
        "anna är nu administratör för hela kommunen.\n"
    )
    assert list(OrganRole.objects.values_list("organ", "role")) == [(None, "admin")]
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "admin")
    assert str(exc.value) == "anna är redan administratör för hela kommunen."
    assert OrganRole.objects.count() == 1


def test_revoke_admin_takes_the_site_wide_role_away(anna, board_a):
    f.UserFactory(username="root", is_superuser=True)
    run("grant", "anna", "admin")
    assert (
        run("grant", "anna", "admin", "--revoke") == "anna är inte längre administratör för hela kommunen.\n"
    )
    assert OrganRole.objects.count() == 0
    assert AuditRecord.objects.order_by("-id").first().changes == {
        "user": ["anna", None],
        "role": ["administratör", None],
        "site_wide": True,
    }


def test_grant_of_an_organ_role_without_organ_is_refused(anna, board_a):
    with pytest.raises(CommandError) as exc:
        run("grant", "anna", "editor")
    assert str(exc.value) == "Ange organet (ORGAN) som rollen redigerare gäller."
    assert OrganRole.objects.count() == 0


def test_roles_lists_administrators_for_the_whole_municipality_first(anna, editor_a):
    run("grant", "anna", "admin")
    assert run("roles") == "*\t*\tadmin\tanna\ntestkommun\tnamnd-a\teditor\tredaktor-a\n"
    assert run("roles", "--municipality", "testkommun") == run("roles")
    assert run("roles", "--organ", "namnd-a") == "testkommun\tnamnd-a\teditor\tredaktor-a\n"
