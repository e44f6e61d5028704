"""Writes to users and their roles per organ. Each service runs in one transaction and writes its audit
record in it. Who may call them is the caller's check (styrkraft.org.permissions.can_manage_roles)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.org.models import Organ, OrganRole


def _role_changes(role_obj: OrganRole, *, granted: bool) -> dict:
    """Who has (or had) which role on which organ, as the audit record states it."""
    values = {
        "user": role_obj.user.get_username(),
        "role": str(role_obj.get_role_display()),
        "organ": str(role_obj.organ),
        "municipality": str(role_obj.organ.municipality),
    }
    return {k: [None, v] if granted else [v, None] for k, v in values.items()}


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
    user.full_clean()
    user.save()
    audit.record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        instance=user,
        changes={"username": [None, username], "email": [None, email]},
    )
    return user


@transaction.atomic
def role_grant(*, actor, user, organ: Organ, role: str) -> OrganRole:
    """Give `user` the role `role` (an OrganRole.Role value) on `organ`. A role the user already has
    is refused with a message that says so."""
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
        "organ": organ,
    }
    if OrganRole.objects.filter(user=user, organ=organ, role=role).exists():
        raise ValidationError(duplicate, code="role_exists")
    role_obj.full_clean(validate_constraints=False)
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
