from django.http import HttpResponse


def chain(request):
    return HttpResponse("Styrkraft")
