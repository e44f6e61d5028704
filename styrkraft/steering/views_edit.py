"""Editing forms of the steering chain. (Placeholders until the forms land.)"""

from django.http import HttpResponse


def goal_create(request, slug):
    return HttpResponse(status=501)


def goal_edit(request, pk):
    return HttpResponse(status=501)


def goal_status(request, pk):
    return HttpResponse(status=501)


def assignment_create(request, slug):
    return HttpResponse(status=501)


def assignment_edit(request, pk):
    return HttpResponse(status=501)
