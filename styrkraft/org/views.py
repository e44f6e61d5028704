"""The page Roller: administrators give and take away roles per organ. Each view is permission check
(styrkraft.org.permissions) -> form -> service -> redirect. Anonymous visitors are sent to the sign-in
page; a signed-in user who is not an administrator gets 403 with a message that says why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.org import permissions, services
from styrkraft.org.forms import RoleGrantForm
from styrkraft.org.models import OrganRole
from styrkraft.steering.queries import current_municipality


def _require_role_manager(request) -> None:
    if not permissions.can_manage_roles(request.user):
        raise PermissionDenied(_("Bara administratörer får ge och ta bort roller."))


@login_required
def roles(request):
    """Every role on the organs of the municipality the site shows, and the form to give one."""
    _require_role_manager(request)
    municipality = current_municipality(request)
    form = RoleGrantForm(request.POST if request.method == "POST" else None, municipality=municipality)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            role_obj = services.role_grant(
                actor=request.user, user=data["user"], organ=data["organ"], role=data["role"]
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
                    "organ": role_obj.organ,
                },
            )
            return redirect("org:roles")
    role_list = (
        OrganRole.objects.filter(organ__municipality=municipality)
        .select_related("user", "organ")
        .order_by("organ__order", "organ__name", "role", "user__username")
    )
    return render(request, "org/roles.html", {"form": form, "roles": role_list, "nav": "roles"})


@login_required
@require_POST
def role_revoke(request, pk):
    _require_role_manager(request)
    role_obj = get_object_or_404(OrganRole.objects.select_related("user", "organ"), pk=pk)
    try:
        services.role_revoke(actor=request.user, role_obj=role_obj)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(user)s är inte längre %(role)s för %(organ)s.")
            % {
                "user": role_obj.user.get_username(),
                "role": role_obj.get_role_display(),
                "organ": role_obj.organ,
            },
        )
    return redirect("org:roles")
