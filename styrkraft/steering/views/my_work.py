"""Mitt arbete: where a signed-in user lands after signing in (styrkraft.steering.my_work reads it)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from styrkraft.org.queries import current_municipality
from styrkraft.steering.forms.my_work import MyWorkFilterForm
from styrkraft.steering.my_work import MyWorkFilter, my_work_page
from styrkraft.steering.plan_year import year_for_request


@login_required
def my_work(request):
    municipality = current_municipality(request)
    if municipality is None:
        return render(request, "steering/empty.html", {"nav": "my_work"})
    year, years = year_for_request(request, municipality)
    form = MyWorkFilterForm(request.GET)
    wanted = form.wanted() if form.is_valid() else MyWorkFilter()
    page = my_work_page(municipality, request.user, year, wanted)
    context = {"page": page, "year": year, "years": years, "nav": "my_work", "form": form, "wanted": wanted}
    return render(request, "steering/my_work.html", context)
