"""Steering documents (styrdokument) on the site: the document's page, the form that adds or changes it,
deleting it, the button that moves it between utkast and upprättad, the page where an administrator
records the decision that makes it beslutad (its own decision reference: body, date, § and dnr), and a
new version of a decided one.

Every write goes through a service (styrkraft.steering.documents, styrkraft.steering.states); who may
act is asked of styrkraft.org.permissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styrkraft.core.refusals import refuse_unseen, refused_by
from styrkraft.core.web import change_state, confirm_delete, new_version, require
from styrkraft.org import permissions
from styrkraft.org.queries import current_municipality
from styrkraft.org.web import decide_page, organ_or_404
from styrkraft.steering import documents, states, versions
from styrkraft.steering.forms.documents import DocumentForm
from styrkraft.steering.models import RecordState, SteeringDocument


def _document_or_404(request, pk: int) -> SteeringDocument:
    """A steering document of the municipality the site shows, with what its page and the permission
    checks read (the owner and the organ above it, the deciding body)."""
    document = (
        SteeringDocument.objects.filter(municipality=current_municipality(request), pk=pk)
        .select_related("owner__municipality", "owner__parent", "decision__body")
        .first()
    )
    if document is None:
        raise Http404(_("Styrdokumentet finns inte."))
    return document


def _page(document: SteeringDocument) -> str:
    return reverse("steering:document", args=[document.pk])


def _not_allowed(document: SteeringDocument) -> str:
    return _("Du har inte behörighet att ändra styrdokumentet ”%(item)s”.") % {"item": document}


def document(request, pk):
    item = _document_or_404(request, pk)
    if not permissions.visibility(request.user).can_see_document(item):
        return refuse_unseen(request)
    user = request.user
    may_edit = permissions.can_edit_document(user, item)
    context = {
        "document": item,
        "versions": versions.version_context(item, permissions.visibility(user)),
        "may": {
            "edit": may_edit and not item.is_frozen,
            "set_state": may_edit,
            "decide": permissions.can_decide(user, item.owner),
        },
    }
    return render(request, "steering/document.html", context)


@login_required
def document_create(request, slug):
    owner = organ_or_404(request, slug)
    require(
        permissions.can_create_document(request.user, owner),
        _("Du har inte behörighet att lägga till styrdokument för %(organ)s.") % {"organ": owner},
    )
    form = DocumentForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            item = documents.steering_document_create(
                actor=request.user, owner=owner, **form.service_values()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Styrdokumentet ”%(item)s” är sparat.") % {"item": item})
            return redirect(_page(item))
    return render(
        request, "steering/edit/document_form.html", {"form": form, "owner": owner, "document": None}
    )


@login_required
def document_edit(request, pk):
    """Change a draft or finalised document. A decided (or replaced) one is frozen: GET and POST go back
    to its page with the service's refusal."""
    item = _document_or_404(request, pk)
    require(permissions.can_edit_document(request.user, item), _not_allowed(item))
    if frozen := refused_by(request, lambda: documents.refuse_if_decided(item), _page(item)):
        return frozen
    heading = str(item)
    form = DocumentForm(request.POST if request.method == "POST" else None, document=item)
    if (
        form.is_bound
        and form.is_valid()
        and form.save_through(documents.steering_document_update, actor=request.user, document=item)
    ):
        messages.success(
            request, _("Ändringarna i styrdokumentet ”%(item)s” är sparade.") % {"item": heading}
        )
        return redirect(_page(item))
    context = {"form": form, "owner": item.owner, "document": item, "heading": heading}
    return render(request, "steering/edit/document_form.html", context)


@login_required
def document_delete(request, pk):
    item = _document_or_404(request, pk)
    if not permissions.can_edit_document(request.user, item):
        raise PermissionDenied(
            _("Du har inte behörighet att ta bort styrdokumentet ”%(item)s”.") % {"item": item}
        )
    return confirm_delete(
        request,
        delete=lambda: documents.steering_document_delete(actor=request.user, document=item),
        back=_page(item),
        refuse=lambda: documents.refuse_if_decided(item),
        done=reverse("steering:organ", args=[item.owner.slug]) + "#styrdokument",
        success=_("Styrdokumentet ”%(item)s” är borttaget.") % {"item": item.title},
        heading=_("Ta bort styrdokumentet ”%(item)s”?") % {"item": item.title},
        button=_("Ta bort styrdokumentet"),
    )


@login_required
@require_POST
def document_state(request, pk):
    """POST only: a document utkast → upprättad, or back to utkast."""
    item = _document_or_404(request, pk)
    require(
        permissions.can_edit_document(request.user, item),
        _("Bara ägaren %(organ)s kan upprätta styrdokumentet ”%(item)s”.")
        % {"organ": item.owner, "item": item},
    )
    return change_state(
        request,
        service=states.steering_document_set_state,
        back=_page(item),
        done={
            RecordState.READY: _("Styrdokumentet är upprättat."),
            RecordState.DRAFT: _("Styrdokumentet är återställt till utkast."),
        },
        document=item,
    )


@login_required
def document_decide(request, pk):
    """The decision that adopts a finalised document (administrators): body, date, § and dnr, stored as
    the document's own decision reference."""
    item = _document_or_404(request, pk)
    require(
        permissions.can_decide(request.user, item.owner),
        _("Bara administratörer kan registrera beslut om styrdokument."),
    )
    return decide_page(
        request,
        item=item,
        organ=item.owner,
        decide=lambda item, **decision: states.steering_document_decide(document=item, **decision),
        success=lambda document: (
            _("Styrdokumentet ”%(item)s” är beslutat: %(decision)s.")
            % {"item": document, "decision": document.decision_reference}
        ),
        state=lambda document: (document.record_state, document.get_record_state_display()),
        heading=str(item),
        kind=_("Styrdokument"),
        explanation=_(
            "Beslutet registreras med beslutande organ, datum, paragraf och diarienummer. Därefter kan "
            "styrdokumentet inte ändras; en ändring görs i en ny version."
        ),
        back_url=_page(item),
        action_url=reverse("steering:document_decide", args=[item.pk]),
    )


@login_required
@require_POST
def document_new_version(request, pk):
    document = _document_or_404(request, pk)
    return new_version(
        request,
        document,
        allowed=permissions.can_edit_document(request.user, document),
        refusal=_("Du har inte behörighet att ändra styrdokumentet ”%(item)s”.") % {"item": document},
        start=lambda actor, item: versions.steering_document_new_version(actor=actor, document=item),
        page="steering:document",
        done=_(
            "En ny version av styrdokumentet är skapad som utkast. Den beslutade versionen gäller tills den "
            "nya beslutas."
        ),
    )
