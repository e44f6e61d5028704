"""Single sign-on end to end: the live Django app (django.test.Client) against a real OpenID Connect
provider on 127.0.0.1 (tests/org/oidc_provider.py). The browser's hop to the provider is made with
urllib, so every request of the authorization code flow really happens."""

import importlib
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

import config.urls
from styrkraft.core.models import AuditRecord
from styrkraft.org.models import Organ, OrganRole
from styrkraft.org.oidc import GroupRole, parse_group_roles
from tests import factories as f
from tests.org.oidc_provider import Provider

CLIENT_ID = "styrkraft-test"
CLIENT_SECRET = "hemligt-för-test"
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "styrkraft.org.oidc.OIDCBackend",
    "django.contrib.auth.backends.ModelBackend",
]


@pytest.fixture(scope="module")
def provider():
    p = Provider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET).start()
    yield p
    p.stop()


@pytest.fixture
def idp(provider):
    provider.faults = set()
    provider.claims = {
        "sub": "a1B2-c3D4_e5",
        "email": "Anna.Andersson@Kommun.example.se",
        "given_name": "Anna",
        "family_name": "Andersson",
        "groups": ["grp-kultur"],
    }
    return provider


def _reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def oidc_on(idp, db):
    """Single sign-on configured as by the environment: settings read at call time, URLs re-read."""
    with override_settings(
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
        STYRKRAFT_OIDC_ISSUER=idp.issuer,
        AUTHENTICATION_BACKENDS=BACKENDS,
        STYRKRAFT_OIDC_GROUP_ROLES="grp-admin=admin:*, grp-kultur=editor:kulturnamnden",
    ):
        _reload_urls()
        yield idp
    _reload_urls()


@pytest.fixture
def organs(db):
    municipality = f.MunicipalityFactory(name="Testkommun", slug="testkommun")
    council = f.OrganFactory(municipality=municipality, slug="kf", name="Kommunfullmäktige", kind="kf")
    culture = f.OrganFactory(
        municipality=municipality, slug="kulturnamnden", name="Kulturnämnden", parent=council
    )
    return {"kf": council, "kulturnamnden": culture}


def _no_redirect_opener():
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(NoRedirect)


def sign_in_through_provider(client, next_path="/"):
    """Start at our sign-in URL, let the provider approve, come back to our callback. Returns the
    callback's response."""
    start = client.get(reverse("oidc_authentication_init"), {} if next_path is None else {"next": next_path})
    assert start.status_code == 302
    authorize_url = start["Location"]
    try:
        _no_redirect_opener().open(authorize_url, timeout=10)
        raise AssertionError("the provider did not redirect back")
    except urllib.error.HTTPError as back:
        assert back.code == 302
        callback = urlsplit(back.headers["Location"])
    assert (callback.scheme, callback.netloc, callback.path) == ("http", "testserver", "/oidc/callback/")
    return client.get(callback.path + "?" + callback.query)


def _roles(user) -> list[tuple[str, str]]:
    return sorted(OrganRole.objects.filter(user=user).values_list("organ__slug", "role"))


def test_oidc_sign_in_creates_the_user_with_mapped_roles(client, oidc_on, organs):
    response = sign_in_through_provider(client, next_path="/vem-kor/")
    user = get_user_model().objects.get(username="oidc:a1B2-c3D4_e5")
    assert (response.status_code, response["Location"]) == (302, "/vem-kor/")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.email, user.first_name, user.last_name, user.has_usable_password()) == (
        "Anna.Andersson@kommun.example.se",  # the domain normalised by User.clean()
        "Anna",
        "Andersson",
        False,
    )
    assert _roles(user) == [("kulturnamnden", "editor")]
    created = AuditRecord.objects.filter(item_type="auth.user", item_id=str(user.pk)).get()
    assert (created.action, created.actor_label) == ("create", "oidc")


def test_oidc_token_request_carries_the_client_and_the_callback(client, oidc_on, organs):
    oidc_on.token_requests.clear()
    sign_in_through_provider(client)
    request = oidc_on.token_requests[0]
    assert {k: request[k] for k in ("grant_type", "client_id", "client_secret", "redirect_uri")} == {
        "grant_type": "authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": "http://testserver/oidc/callback/",
    }


def test_oidc_second_sign_in_matches_the_same_user_and_follows_the_groups(client, oidc_on, organs):
    sign_in_through_provider(client)
    first = get_user_model().objects.get(username="oidc:a1B2-c3D4_e5")
    client.logout()
    oidc_on.claims["groups"] = ["grp-admin", "grp-unmapped"]
    oidc_on.claims["email"] = "anna.andersson@kommun.example.se"
    sign_in_through_provider(client)
    assert client.session["_auth_user_id"] == str(first.pk)
    assert get_user_model().objects.count() == 1
    assert _roles(first) == [(None, "admin")]  # "grp-admin=admin:*": the organ is ignored, admin is site-wide


def test_oidc_matches_an_existing_local_user_by_email_case_insensitively(client, oidc_on, organs):
    local = f.UserFactory(username="anna", email="anna.andersson@kommun.example.se")
    f.OrganRoleFactory(user=local, organ=organs["kf"], role="reader")
    sign_in_through_provider(client)
    assert client.session["_auth_user_id"] == str(local.pk)
    assert get_user_model().objects.count() == 1
    # The manually granted reader role is not the mapping's business; the group gives editor.
    assert _roles(local) == [("kf", "reader"), ("kulturnamnden", "editor")]


def test_oidc_without_email_matches_by_subject(client, oidc_on, organs):
    del oidc_on.claims["email"]
    sign_in_through_provider(client)
    client.logout()
    sign_in_through_provider(client)
    user = get_user_model().objects.get()
    assert (user.username, user.email, client.session["_auth_user_id"]) == (
        "oidc:a1B2-c3D4_e5",
        "",
        str(user.pk),
    )


def test_oidc_group_claim_name_is_configurable(client, oidc_on, organs):
    oidc_on.claims["roles"] = oidc_on.claims.pop("groups")
    with override_settings(STYRKRAFT_OIDC_GROUP_CLAIM="roles"):
        sign_in_through_provider(client)
    assert _roles(get_user_model().objects.get()) == [("kulturnamnden", "editor")]


def test_oidc_missing_group_claim_leaves_roles_alone(client, oidc_on, organs):
    sign_in_through_provider(client)
    client.logout()
    del oidc_on.claims["groups"]
    sign_in_through_provider(client)
    assert _roles(get_user_model().objects.get()) == [("kulturnamnden", "editor")]


@pytest.mark.parametrize("fault", ["other_key", "wrong_audience", "wrong_nonce", "wrong_issuer"])
def test_oidc_forged_id_token_is_refused(client, oidc_on, organs, fault):
    oidc_on.faults = {fault}
    response = sign_in_through_provider(client)
    assert (response.status_code, response["Location"]) == (302, reverse("login"))
    assert ("_auth_user_id" in client.session, get_user_model().objects.count()) == (False, 0)
    page = client.get(reverse("login")).content.decode()
    assert "Inloggningen med organisationens konto misslyckades." in page
    failure = AuditRecord.objects.get(item_type="auth.login")
    assert (failure.item_label, failure.changes["result"]) == ("oidc", ["", "misslyckad inloggning"])


def test_oidc_callback_with_unknown_state_signs_nobody_in(client, oidc_on, organs):
    client.get(reverse("oidc_authentication_init"))
    response = client.get(reverse("oidc_authentication_callback"), {"code": "x", "state": "not-ours"})
    assert (response.status_code, "_auth_user_id" in client.session) == (400, False)


def test_oidc_with_explicit_endpoints_and_no_issuer(client, oidc_on, organs):
    endpoints = oidc_on.discovery()
    with override_settings(
        STYRKRAFT_OIDC_ISSUER="",
        OIDC_OP_AUTHORIZATION_ENDPOINT=endpoints["authorization_endpoint"],
        OIDC_OP_TOKEN_ENDPOINT=endpoints["token_endpoint"],
        OIDC_OP_USER_ENDPOINT=endpoints["userinfo_endpoint"],
        OIDC_OP_JWKS_ENDPOINT=endpoints["jwks_uri"],
    ):
        sign_in_through_provider(client)
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get().pk)


def test_sign_in_page_offers_the_organisation_account_when_on(client, oidc_on):
    html = client.get(reverse("login"), {"next": "/vem-kor/"}).content.decode()
    assert (
        '<a class="button" href="/oidc/authenticate/?next=/vem-kor/">Logga in med organisationens konto</a>'
        in html
    )
    assert 'name="password"' in html


def test_oidc_is_off_without_a_client_id(client, db):
    assert settings.OIDC_RP_CLIENT_ID == ""
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    html = client.get(reverse("login")).content.decode()
    assert ("organisationens konto" in html, 'name="password"' in html) == (False, True)


def test_group_roles_setting_is_parsed():
    assert parse_group_roles(" g0=admin, g1=admin:* , g2=editor:kulturnamnden,=x=reader:ks,") == [
        GroupRole(group="g0", role="admin", organ=""),
        GroupRole(group="g1", role="admin", organ=""),
        GroupRole(group="g2", role="editor", organ="kulturnamnden"),
        GroupRole(group="=x", role="reader", organ="ks"),
    ]


@pytest.mark.parametrize("text", ["g1=boss:*", "g1=editor", "admin:*", "=admin", "g1=editor:"])
def test_group_roles_setting_malformed_is_refused(text):
    with pytest.raises(ImproperlyConfigured):
        parse_group_roles(text)


def test_unknown_organ_in_the_mapping_is_skipped(client, oidc_on, organs):
    with override_settings(STYRKRAFT_OIDC_GROUP_ROLES="grp-kultur=editor:finns-inte,grp-kultur=reader:kf"):
        sign_in_through_provider(client)
    assert _roles(get_user_model().objects.get()) == [("kf", "reader")]
    assert Organ.objects.count() == 2


def test_group_mapped_to_admin_without_organ_makes_a_site_wide_administrator(client, oidc_on, organs):
    """GROUP=admin (no organ): administrator for the whole municipality; leaving the group takes it away
    (a superuser exists, so it is not the last administrator)."""
    f.UserFactory(username="root", is_superuser=True)
    oidc_on.claims["groups"] = ["grp-stadsledning"]
    mapping = "grp-stadsledning=admin,grp-kultur=editor:kulturnamnden"
    with override_settings(STYRKRAFT_OIDC_GROUP_ROLES=mapping):
        sign_in_through_provider(client)
    user = get_user_model().objects.get(username="oidc:a1B2-c3D4_e5")
    assert _roles(user) == [(None, "admin")]
    grant = AuditRecord.objects.get(item_type="org.organrole")
    assert grant.changes == {
        "user": [None, user.username],
        "role": [None, "administratör"],
        "site_wide": True,
    }
    client.logout()
    oidc_on.claims["groups"] = ["grp-kultur"]
    with override_settings(STYRKRAFT_OIDC_GROUP_ROLES=mapping):
        sign_in_through_provider(client)
    assert _roles(user) == [("kulturnamnden", "editor")]


def test_oidc_sign_in_without_next_lands_on_mitt_arbete(client, oidc_on, organs):
    response = sign_in_through_provider(client, next_path=None)
    assert (response.status_code, response["Location"]) == (302, "/mitt-arbete/")
    page = client.get(response["Location"])
    assert [w.organ.slug for w in page.context["page"].organs] == ["kulturnamnden"]
