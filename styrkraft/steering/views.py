"""Reading pages of the steering chain. (Placeholders until the pages land.)"""

from django.http import HttpResponse


def chain(request):
    return HttpResponse("Styrkraft")


def responsibility(request):
    return HttpResponse("Vem kör?")


def organ(request, slug):
    return HttpResponse(slug)


def goal(request, pk):
    return HttpResponse(str(pk))


def assignment(request, pk):
    return HttpResponse(str(pk))
