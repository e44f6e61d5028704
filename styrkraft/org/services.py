"""Writes to users and their roles per organ. Each service runs in one transaction and writes its audit
record in it. Who may call them is the caller's check (styrkraft.org.permissions.can_manage_roles)."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.core.services import create
from styrkraft.org.models import Organ, OrganRole
from styrkraft.org.queries import current_municipality

log = logging.getLogger(__name__)


def _role_changes(role_obj: OrganRole, *, granted: bool) -> dict:
    """Who has (or had) which role on which organ, as the audit record states it: the names as they were
    (old and new value), and the organ's id, which is what the organ's history finds the record by
    (styrkraft.core.queries.role_changes_q), since a name can change or recur in another municipality.
    A site-wide administrator role names no organ: "site_wide" says so (the log tells it as
    "administratör för hela kommunen")."""
    values = {"user": role_obj.user.get_username(), "role": str(role_obj.get_role_display())}
    if role_obj.organ_id is not None:
        values["organ"] = str(role_obj.organ)
        values["municipality"] = str(role_obj.organ.municipality)
    changes = {k: [None, v] if granted else [v, None] for k, v in values.items()}
    if role_obj.organ_id is None:
        return {**changes, "site_wide": True}
    return {**changes, "organ_id": role_obj.organ_id}


def _forget_cached_roles(user) -> None:
    """styrkraft.org.permissions caches a user's roles on the user object; a change makes it stale."""
    user.__dict__.pop("_styrkraft_roles", None)


@transaction.atomic
def user_create(*, actor, username: str, email: str = ""):
    """A user without a usable password (it is set with `styrkraft changepassword`, or the user signs in
    through single sign-on)."""
    model = get_user_model()
    if model.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            _("Det finns redan en användare med användarnamnet ”%(username)s”.") % {"username": username},
            code="user_exists",
        )
    user = model(username=username, email=email)
    user.set_unusable_password()
    return create(user, actor=actor, changes={"username": [None, username], "email": [None, email]})


@transaction.atomic
def role_grant(*, actor, user, organ: Organ | None, role: str) -> OrganRole:
    """Give `user` the role `role` (an OrganRole.Role value): editor and reader on `organ`, admin for the
    whole site (`organ` None; an organ given with admin is refused). A role the user already has is
    refused with a message that says so."""
    if role not in OrganRole.Role.values:
        raise ValidationError(
            _("Okänd roll ”%(role)s”. Välj en av: %(choices)s.")
            % {"role": role, "choices": ", ".join(OrganRole.Role.values)},
            code="unknown_role",
        )
    role_obj = OrganRole(user=user, organ=organ, role=role)
    duplicate = _("%(user)s är redan %(role)s för %(organ)s.") % {
        "user": user.get_username(),
        "role": role_obj.get_role_display(),
        "organ": role_obj.scope_label,
    }
    role_obj.full_clean(validate_constraints=False)
    if OrganRole.objects.filter(user=user, organ=organ, role=role).exists():
        raise ValidationError(duplicate, code="role_exists")
    try:
        with transaction.atomic():
            role_obj.save()
    except IntegrityError as exc:  # granted by someone else between the check and the insert
        raise ValidationError(duplicate, code="role_exists") from exc
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=role_obj,
        changes=_role_changes(role_obj, granted=True),
    )
    _forget_cached_roles(user)
    return role_obj


@transaction.atomic
def role_revoke(*, actor, role_obj: OrganRole) -> None:
    """Take a role away. The last administrator role is kept while no superuser can administer the
    site, so that someone can always grant roles."""
    role_obj = OrganRole.objects.select_related("user", "organ__municipality").get(pk=role_obj.pk)
    # Administrators are site-wide: every other administrator role counts.
    if role_obj.role == OrganRole.Role.ADMIN:
        others = OrganRole.objects.filter(role=OrganRole.Role.ADMIN, user__is_active=True).exclude(
            pk=role_obj.pk
        )
        superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
        if not others.exists() and not superusers.exists():
            raise ValidationError(
                _(
                    "%(user)s är den enda administratören. Ge någon annan rollen administratör "
                    "innan du tar bort den här."
                )
                % {"user": role_obj.user.get_username()},
                code="last_admin",
            )
    changes = _role_changes(role_obj, granted=False)
    audit.record(actor=actor, action=AuditRecord.Action.DELETE, instance=role_obj, changes=changes)
    role_obj.delete()
    _forget_cached_roles(role_obj.user)


OIDC_USERNAME_PREFIX = "oidc:"


@transaction.atomic
def user_from_oidc_claims(*, actor, claims: dict):
    """The user a single sign-on stands for: the one with the claims' e-mail address (case-insensitive),
    else the one created earlier for the claims' subject (username "oidc:<sub>", a name no local account
    can have: usernames may not hold a colon), else a new user without a usable password. Refused
    (ValidationError) when the e-mail address belongs to several users or the subject is too long."""
    model = get_user_model()
    sub = str(claims["sub"])
    username = f"{OIDC_USERNAME_PREFIX}{sub}"
    if len(username) > model._meta.get_field("username").max_length:
        raise ValidationError(_("Identitetsleverantörens användar-id är för långt."), code="sub_too_long")
    email = str(claims.get("email") or "").strip()
    if email:
        by_email = list(model.objects.filter(email__iexact=email)[:2])
        if len(by_email) > 1:
            raise ValidationError(
                _("Flera användare har e-postadressen %(email)s.") % {"email": email}, code="email_ambiguous"
            )
        if by_email:
            return by_email[0]
    user = model.objects.filter(username=username).first()
    if user is not None:
        if email and user.email != email:
            before = user.email
            user.email = email
            user.save(update_fields=["email"])
            audit.record(
                actor=actor,
                action=AuditRecord.Action.UPDATE,
                instance=user,
                changes={"email": [before, email]},
            )
        return user
    user = model(
        username=username,
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    user.set_unusable_password()
    # The colon of an OIDC username is not allowed in a local username.
    changes = {"username": [None, username], "email": [None, email]}
    return create(user, actor=actor, changes=changes, exclude=["username", "password"])


@transaction.atomic
def roles_sync_from_claims(*, actor, user, groups: list[str], mapping: list[tuple[str, str, str]]) -> None:
    """Give `user` the roles their identity provider's groups map to, and take away mapped roles whose
    group they no longer are in. `mapping` holds (group, role, organ slug or "*" for the organs at the
    top of the site's municipality); the administrator role is site-wide and its organ is ignored. Roles
    that no mapping entry names (granted on the site or with `styrkraft grant`) are left alone; so is
    the last administrator role (role_revoke keeps it)."""
    municipality = current_municipality()
    if municipality is None:
        return
    organs = list(municipality.organs.all())
    by_pk = {o.pk: o for o in organs}
    by_slug = {o.slug: o for o in organs}
    managed, wanted = set(), set()
    for group, role, slug in mapping:
        if role == OrganRole.Role.ADMIN:
            targets = [None]
        elif slug == "*":
            targets = [o for o in organs if o.parent_id is None]
        elif slug in by_slug:
            targets = [by_slug[slug]]
        else:
            log.warning(
                "STYRKRAFT_OIDC_GROUP_ROLES names the organ %r, which %s does not have.", slug, municipality
            )
            continue
        pairs = {(o.pk if o else None, role) for o in targets}
        managed |= pairs
        if group in groups:
            wanted |= pairs
    held = {
        (r.organ_id, r.role): r
        for r in OrganRole.objects.filter(Q(organ__in=organs) | Q(organ__isnull=True), user=user)
    }
    for organ_id, role in sorted(wanted - held.keys(), key=_pair_order):
        role_grant(actor=actor, user=user, organ=by_pk.get(organ_id), role=role)
    for key in sorted((managed - wanted) & held.keys(), key=_pair_order):
        try:
            role_revoke(actor=actor, role_obj=held[key])
        except ValidationError as exc:
            log.warning("Kept %s: %s", held[key], exc.messages[0])


def _pair_order(pair: tuple[int | None, str]) -> tuple:
    """(organ id, role) pairs in a fixed order, the site-wide role (organ None) first."""
    return (pair[0] is not None, pair[0] or 0, pair[1])


@transaction.atomic
def login_failure_record(*, username: str, address: str) -> AuditRecord:
    """A refused sign-in in the audit trail: who tried (the name typed) and from which address."""
    return AuditRecord.objects.create(
        actor=None,
        actor_label=username[:150],
        action=AuditRecord.Action.LOGIN_FAILED,
        item_type="auth.login",
        item_id=username[:60],
        item_label=username[:300],
        changes={"result": ["", "misslyckad inloggning"], "username": username, "address": address},
    )
