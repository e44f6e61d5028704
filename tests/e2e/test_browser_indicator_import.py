"""Own key figures and the Kolada catalogue in a real browser: the catalogue search answers through htmx
(no inline script, strict CSP) and choosing a hit fills the new-indicator form; a file uploaded on the
import page lands in the figures table."""

import pytest
from django.utils import timezone

from styrkraft.kolada.models import KoladaKpi
from tests.e2e import helpers

pytestmark = pytest.mark.browser

TITLE = "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)"


def test_catalogue_search_with_htmx_fills_the_new_indicator_form(page, base_url, world):
    KoladaKpi.objects.create(id="N15428", title=TITLE, unit="procent", fetched_at=timezone.now())
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    url = f"{base_url}/mal/{world.goal.pk}/nyckeltal/nytt/"
    helpers.open_page(page, url)
    page.get_by_label("Sök på id eller ord i titeln").fill("behöriga YRKESPROGRAM")
    page.get_by_role("button", name="Sök", exact=True).click()
    hit = page.locator("#kpi-results").get_by_role("link", name=f"N15428 {TITLE}")
    hit.wait_for()
    assert page.url == url  # answered in place by htmx, not by reloading the page
    assert (
        page.locator("#kpi-results").inner_text().startswith("1 nyckeltal matchar ”behöriga YRKESPROGRAM”.")
    )
    with page.expect_navigation():
        hit.click()
    helpers.assert_page_sound(page)
    assert (page.get_by_label("Kolada-id").input_value(), page.get_by_label("Enhet").input_value()) == (
        "N15428",
        "procent",
    )
    assert page.get_by_label("Kolada", exact=True).is_checked()
    helpers.assert_accessible(page)


def test_uploaded_file_lands_in_the_figures_table(page, base_url, world, tmp_path):
    helpers.sign_in_by_cookie(page, world.editor, base_url)
    helpers.open_page(page, f"{base_url}/nyckeltal/{world.indicator.pk}/importera/")
    data = tmp_path / "varden.csv"
    data.write_text("\ufeffår;utfall\n2020;71,5\n", encoding="utf-8")
    page.get_by_label("Fil").set_input_files(str(data))
    with page.expect_navigation():
        page.get_by_role("button", name="Importera").click()
    helpers.assert_page_sound(page)
    assert page.url == f"{base_url}/nyckeltal/{world.indicator.pk}/varden/"
    assert (
        page.get_by_role("status").inner_text()
        == "Filen är importerad: 1 nytt värde, 0 ändrade och 0 oförändrade."
    )
    assert page.get_by_label("Utfall 2020").input_value() == "71,5"
