"""OpenID Connect single sign-on (Entra ID and other identity providers) through mozilla-django-oidc.

On only when OIDC_RP_CLIENT_ID is set (config/settings.py adds the backend, config/urls.py the URLs).
Every setting is read when it is used, so a test can change them with override_settings.

What this adds to the library:
- the provider's endpoints from its discovery document (STYRKRAFT_OIDC_ISSUER) when they are not given
  one by one;
- the id_token's audience (our client id) and issuer are verified, not only its signature and nonce;
- users are matched by e-mail (case-insensitive), then by subject (username "oidc:<sub>"), and created
  when missing (styrkraft.org.services.user_from_oidc_claims);
- roles from the provider's group claim (STYRKRAFT_OIDC_GROUP_ROLES, parsed by parse_group_roles);
- a refused sign-in (bad signature, audience, issuer or nonce, provider unreachable) returns to the
  sign-in page with a message instead of an error page.
"""

import json
import logging
import urllib.request
from dataclasses import dataclass
from functools import lru_cache

import jwt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from styrkraft.org import services
from styrkraft.org.models import OrganRole

log = logging.getLogger(__name__)

ACTOR = "oidc"
_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


@lru_cache(maxsize=8)
def _discovery(issuer: str) -> dict:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    timeout = getattr(settings, "OIDC_TIMEOUT", 10)
    with urllib.request.urlopen(url, timeout=timeout) as response:
        document = json.load(response)
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise ImproperlyConfigured(
            f"The discovery document at {url} names the issuer {document.get('issuer')!r}, not {issuer!r}."
        )
    return document


def endpoint(name: str) -> str:
    """An endpoint of the provider: the explicit setting, else the issuer's discovery document."""
    value = getattr(settings, name, "")
    if value:
        return value
    issuer = getattr(settings, "STYRKRAFT_OIDC_ISSUER", "")
    if not issuer:
        raise ImproperlyConfigured(f"Set {name} or STYRKRAFT_OIDC_ISSUER for single sign-on.")
    value = _discovery(issuer).get(_ENDPOINTS[name], "")
    if not value:
        raise ImproperlyConfigured(f"The provider's discovery document has no {_ENDPOINTS[name]}.")
    return value


def issuer() -> str:
    """The issuer id_tokens must name: STYRKRAFT_OIDC_ISSUER (empty: not checked, endpoints given one by one)."""
    return getattr(settings, "STYRKRAFT_OIDC_ISSUER", "")


@dataclass(frozen=True)
class GroupRole:
    group: str
    role: str
    organ: str  # an organ's slug, or "*" for the organs at the top of the municipality; "" for admin


def parse_group_roles(text: str) -> list[GroupRole]:
    """STYRKRAFT_OIDC_GROUP_ROLES: comma-separated entries GROUP=admin (administrator for the whole
    municipality) or GROUP=ROLE:ORGAN, where ROLE is editor or reader and ORGAN an organ's slug or * (the
    organs at the top, e.g. the council). An organ after admin (GROUP=admin:ORGAN, as written before
    administrators were site-wide) is ignored. A group may appear in several entries. Example:
    "a1b2=admin,c3d4=editor:kulturnamnden,c3d4=reader:ks"."""
    roles = set(OrganRole.Role.values)
    parsed = []
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        group, sep, target = entry.rpartition("=")
        role, sep2, organ = target.partition(":")
        group, role, organ = group.strip(), role.strip(), organ.strip()
        if role == OrganRole.Role.ADMIN and sep and group:
            parsed.append(GroupRole(group=group, role=role, organ=""))
            continue
        if not (sep and sep2 and group and organ) or role not in roles:
            raise ImproperlyConfigured(
                f"STYRKRAFT_OIDC_GROUP_ROLES: {entry!r} is neither GROUP=admin nor GROUP=ROLE:ORGAN with "
                f"ROLE one of {', '.join(sorted(OrganRole.ORGAN_ROLES))}."
            )
        parsed.append(GroupRole(group=group, role=role, organ=organ))
    return parsed


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with discovery, audience and issuer checks, our user matching and
    roles from the group claim."""

    def __init__(self, *args, **kwargs):
        # Django makes a backend for every sign-in and every request of a signed-in user: the provider's
        # endpoints are looked up only when a sign-in with the provider happens (authenticate).
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not (request.GET.get("code") and request.GET.get("state")):
            return None
        try:
            self.OIDC_OP_TOKEN_ENDPOINT = endpoint("OIDC_OP_TOKEN_ENDPOINT")
            self.OIDC_OP_USER_ENDPOINT = endpoint("OIDC_OP_USER_ENDPOINT")
            self.OIDC_OP_JWKS_ENDPOINT = endpoint("OIDC_OP_JWKS_ENDPOINT")
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, OSError) as exc:  # OSError: network, HTTP
            log.warning("Single sign-on refused: %s", exc)
            return None

    def _verify_jws(self, payload, key):
        """The library checks the signature (and expiry); we also check the audience and the issuer."""
        alg = jwt.get_unverified_header(payload).get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"The id_token is signed with {alg!r}, not {self.OIDC_RP_SIGN_ALGO!r}.")
        options = {"require": ["exp", "iat", "sub", "aud"]}
        expected_issuer = issuer()
        if expected_issuer:
            options["require"].append("iss")
        return jwt.decode(
            payload,
            key,
            algorithms=[alg],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=expected_issuer or None,
            options=options,
        )

    def get_userinfo(self, access_token, id_token, payload):
        """The id_token's claims (Entra ID puts the groups there) with the userinfo endpoint's on top; both
        must name the same subject."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo response names another subject than the id_token.")
        return {**payload, **userinfo}

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("The provider sent no subject.")
        user = services.user_from_oidc_claims(actor=ACTOR, claims=claims)
        mapping = parse_group_roles(getattr(settings, "STYRKRAFT_OIDC_GROUP_ROLES", ""))
        groups = claims.get(getattr(settings, "STYRKRAFT_OIDC_GROUP_CLAIM", "groups"))
        if mapping and groups is not None:
            if isinstance(groups, str):
                groups = [groups]
            services.roles_sync_from_claims(
                actor=ACTOR,
                user=user,
                groups=[str(g) for g in groups],
                mapping=[(m.group, m.role, m.organ) for m in mapping],
            )
        return user


class OIDCStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; the authorization endpoint may come from discovery."""

    def get(self, request):
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except OSError as exc:
            log.warning("Single sign-on provider unreachable: %s", exc)
            messages.error(request, _("Organisationens inloggningstjänst svarar inte. Försök igen senare."))
            return HttpResponseRedirect(reverse("login"))
        return super().get(request)


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """A refused sign-in returns to the sign-in page with a message."""

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Inloggningen med organisationens konto misslyckades. Försök igen eller kontakta en administratör."
            ),
        )
        return HttpResponseRedirect(reverse("login"))
