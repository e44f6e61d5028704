"""The page Roller: administrators give and take away roles (editor and reader per organ, administrator
for the whole municipality). Each view is permission check
(styrkraft.org.permissions) -> form -> service -> redirect. Anonymous visitors are sent to the sign-in
page; a signed-in user who is not an administrator gets 403 with a message that says why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.web import run_service
from styrkraft.org import permissions, services
from styrkraft.org.forms.roles import RoleGrantForm
from styrkraft.org.models import OrganRole
from styrkraft.org.queries import current_municipality


def _require_role_manager(request) -> None:
    if not permissions.can_manage_roles(request.user):
        raise PermissionDenied(_("Bara administratörer får ge och ta bort roller."))


@login_required
def roles(request):
    """The site-wide administrators, every role on the organs of the municipality the site shows, and
    the forms to give one: editor or reader for an organ, or administrator for the whole municipality."""
    _require_role_manager(request)
    municipality = current_municipality(request)
    data = request.POST if request.method == "POST" else None
    # A posted administrator without an organ came from the administrator form; anything else is shown
    # (with its errors, an organ given with the administrator role included) in the organ form.
    site_wide = data is not None and data.get("role") == OrganRole.Role.ADMIN and not data.get("organ")
    form = RoleGrantForm(data, municipality=municipality, site_wide=site_wide)
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        try:
            role_obj = services.role_grant(
                actor=request.user, user=cleaned["user"], organ=cleaned.get("organ"), role=cleaned["role"]
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("%(user)s är nu %(role)s för %(organ)s.")
                % {
                    "user": role_obj.user.get_username(),
                    "role": role_obj.get_role_display(),
                    "organ": role_obj.scope_label,
                },
            )
            return redirect("org:roles")
    other = RoleGrantForm(municipality=municipality, site_wide=not site_wide)
    organ_form, admin_form = (other, form) if site_wide else (form, other)
    organ_roles = (
        OrganRole.objects.filter(organ__municipality=municipality)
        .select_related("user", "organ")
        .order_by("organ__order", "organ__name", "role", "user__username")
    )
    admins = OrganRole.objects.filter(organ__isnull=True).select_related("user").order_by("user__username")
    context = {
        "organ_form": organ_form,
        "admin_form": admin_form,
        "roles": organ_roles,
        "admins": admins,
        "nav": "roles",
    }
    return render(request, "org/roles.html", context)


@login_required
@require_POST
def role_revoke(request, pk):
    _require_role_manager(request)
    role_obj = get_object_or_404(OrganRole.objects.select_related("user", "organ"), pk=pk)
    done = _("%(user)s är inte längre %(role)s för %(organ)s.") % {
        "user": role_obj.user.get_username(),
        "role": role_obj.get_role_display(),
        "organ": role_obj.scope_label,
    }
    run_service(request, lambda: services.role_revoke(actor=request.user, role_obj=role_obj), done)
    return redirect("org:roles")
