"""Editing indicators, their values and targets. (Placeholders until the forms land.)"""

from django.http import HttpResponse


def indicator_create(request, goal_pk):
    return HttpResponse(status=501)


def indicator_edit(request, pk):
    return HttpResponse(status=501)


def indicator_figures(request, pk):
    return HttpResponse(status=501)
