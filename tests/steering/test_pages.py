"""The reading pages: every page renders for the three users, edit links only for who may edit,
404 for what does not exist, a strict CSP and no inline script or style, Swedish by default."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from styrkraft.org.models import Organ
from styrkraft.steering.models import RecordState
from tests import factories as f


@pytest.fixture
def chain(municipality, target_areas, council, board_a, board_b):
    """A small chain for plan year 2024: a vision, council goal, goals, indicators, assignments, documents."""
    f.VisionFactory(municipality=municipality, title="Vision 2030 – Testkommun")
    f.CommitmentFactory(target_area=target_areas[0], text="Under mandatperioden minskar utsläppen.")
    council_goal = f.CouncilGoalFactory(
        municipality=municipality, target_area=target_areas[0], title="Fossilfri kommun 2030", is_demo=True
    )
    ks = f.OrganFactory(
        municipality=municipality,
        slug="ks",
        name="Kommunstyrelsen",
        kind=Organ.Kind.EXECUTIVE,
        parent=council,
    )
    goal_a = f.GoalFactory(
        organ=board_a,
        target_area=target_areas[0],
        title="Fler resor med kollektivtrafik",
        is_demo=True,
        record_state=RecordState.READY,
    )
    goal_a.council_goals.add(council_goal)
    goal_a.commitments.add(target_areas[0].commitments.first())
    indicator = f.IndicatorFactory(goal=goal_a, title="Andel resor med kollektivtrafik", unit="%")
    for year, value in ((2021, "1234.5"), (2022, "1240"), (2023, "1250.25")):
        f.IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(value))
    f.IndicatorTargetFactory(indicator=indicator, year=2025, value=Decimal("1300"))
    goal_b = f.GoalFactory(
        organ=board_b, target_area=target_areas[1], title="Tryggare skolvägar", record_state=RecordState.READY
    )
    assignment = f.AssignmentFactory(
        giver=ks, receiver=board_a, goal=goal_a, title="Utred fler busslinjer", is_demo=True
    )
    document = f.SteeringDocumentFactory(owner=board_a, decided_by=council, title="Trafikprogram")
    return {
        "goal_a": goal_a,
        "goal_b": goal_b,
        "indicator": indicator,
        "assignment": assignment,
        "document": document,
        "ks": ks,
    }


def _pages(chain, board_a, board_b):
    return [
        reverse("steering:chain"),
        reverse("steering:chain") + "?year=2024",
        reverse("steering:responsibility"),
        reverse("steering:organ", args=[board_a.slug]),
        reverse("steering:organ", args=[board_b.slug]) + "?year=2023",
        reverse("steering:organ", args=["kf"]),
        reverse("steering:goal", args=[chain["goal_a"].pk]),
        reverse("steering:goal", args=[chain["goal_b"].pk]),
        reverse("steering:assignment", args=[chain["assignment"].pk]),
    ]


@pytest.mark.parametrize("who", ["anonymous", "client_a", "client_b"])
def test_every_page_renders_for_every_user(request, who, chain, board_a, board_b):
    client = request.getfixturevalue(who)
    for url in _pages(chain, board_a, board_b):
        response = client.get(url)
        assert (url, response.status_code) == (url, 200)


def test_pages_send_csp_and_have_no_inline_script_or_style(anonymous, chain, board_a, board_b):
    for url in _pages(chain, board_a, board_b):
        response = anonymous.get(url)
        html = response.content.decode()
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], url
        assert re.findall(r"\sstyle=", html) == [], url
        assert re.findall(r"<style", html) == [], url
        assert re.findall(r"\son[a-z]+=", html) == [], url


def test_pages_are_swedish_by_default(anonymous, chain):
    response = anonymous.get(reverse("steering:chain"))
    assert response.headers["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.content.decode()


def test_chain_page_shows_the_chain(client_reader, chain, board_a, target_areas):
    response = client_reader.get(reverse("steering:chain"))
    html = response.content.decode()
    assert response.context["year"] == 2024
    assert "<h1>Styrkedjan 2024</h1>" in html
    for text in (
        "Vision 2030 – Testkommun",
        "En klimatsmart kommun",
        "Under mandatperioden minskar utsläppen.",
        "Fossilfri kommun 2030",
        "Fler resor med kollektivtrafik",
        "Tryggare skolvägar",
        "Utred fler busslinjer",
    ):
        assert text in html
    # Latest value with its year, the trend in words, the target for the year or the nearest later one,
    # in Swedish number format.
    assert '1\xa0250,25\xa0% <span class="muted">(2023)</span>' in html
    assert "förbättras" in html
    assert '1\xa0300\xa0% <span class="muted">(2025)</span>' in html
    # Down the chain: target area to its goals; goal to its organ page.
    assert 'href="#mal-klimat"' in html
    assert f'href="/organ/{board_a.slug}/?year=2024"' in html
    # Findings summary (board A covers 1 target area < 2) links to the organ.
    assert "Regelkontroll 2024" in html
    assert f'href="/organ/{board_a.slug}/?year=2024#regelkontroll"' in html


def test_chain_page_rows_escape_and_link(anonymous, chain, board_a, board_b):
    """The indicator and assignment rows (built in the view) escape what people typed and link to the
    assignment and both organs."""
    indicator = f.IndicatorFactory(goal=chain["goal_b"], title="Bilar & <cyklar>", unit="st", is_demo=True)
    f.IndicatorValueFactory(indicator=indicator, year=2022, value=Decimal("3"))
    f.IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("2"))
    assignment = f.AssignmentFactory(giver=board_b, receiver=None, deadline=None, title='Se "över" <a>')
    html = anonymous.get(reverse("steering:chain")).content.decode()
    assert "Bilar &amp; &lt;cyklar&gt;" in html
    assert "<cyklar>" not in html
    assert '2\xa0st <span class="muted">(2023)</span>' in html
    assert f'<a href="/uppdrag/{assignment.pk}/">Se &quot;över&quot; &lt;a&gt;</a>' in html
    assert f'<td><a href="/organ/{board_b.slug}/?year=2024">{board_b.name}</a></td>' in html
    assert f'<td><a href="/organ/{board_a.slug}/?year=2024">{board_a.name}</a></td>' in html
    assert html.count('<span class="muted">saknas</span>') == 2


def test_chain_page_year_selector_lists_the_plan_years(anonymous, chain):
    html = anonymous.get(reverse("steering:chain") + "?year=2023").content.decode()
    assert '<option value="2023" selected>2023</option>' in html
    assert re.findall(r'<option value="(\d+)"', html) == ["2023", "2024", "2025", "2026"]
    assert "0 mål, ordnade efter målområde." in html
    assert html.count("Inga mål under detta målområde.") == 3


def test_demo_items_are_marked(anonymous, chain):
    html = anonymous.get(reverse("steering:chain")).content.decode()
    badge = 'class="badge badge-demo" title="Exempelinnehåll, inte från offentliga källor"'
    # The council goal, the demo goal and the demo assignment; the non-demo goal has none.
    assert html.count(badge) == 3


@pytest.mark.parametrize("raw", ["abc", "1990", "2024x", ""])
def test_bad_year_gives_404(anonymous, chain, board_a, raw):
    if raw == "":
        assert anonymous.get(reverse("steering:chain") + "?year=").status_code == 200
        return
    for url in (
        reverse("steering:chain"),
        reverse("steering:responsibility"),
        reverse("steering:organ", args=[board_a.slug]),
    ):
        assert anonymous.get(url, {"year": raw}).status_code == 404


def test_unknown_organ_goal_and_assignment_give_404(anonymous, chain):
    assert anonymous.get(reverse("steering:organ", args=["finns-inte"])).status_code == 404
    assert anonymous.get(reverse("steering:goal", args=[999999])).status_code == 404
    assert anonymous.get(reverse("steering:assignment", args=[999999])).status_code == 404


def test_items_of_another_municipality_give_404(anonymous, chain, settings):
    other = f.OrganFactory(slug="annan-namnd")
    goal = f.GoalFactory(organ=other)
    settings.STYRKRAFT_MUNICIPALITY = "testkommun"
    assert anonymous.get(reverse("steering:organ", args=["annan-namnd"])).status_code == 404
    assert anonymous.get(reverse("steering:goal", args=[goal.pk])).status_code == 404


def test_start_page_without_municipality_tells_how_to_load_one(anonymous, db):
    response = anonymous.get(reverse("steering:chain"))
    assert response.status_code == 200
    assert "styrkraft load_demo" in response.content.decode()
    assert anonymous.get(reverse("steering:responsibility")).status_code == 200
    assert anonymous.get(reverse("steering:organ", args=["ks"])).status_code == 404


def test_edit_links_only_for_who_may_edit_the_organ(anonymous, client_a, client_b, chain, board_a):
    url = reverse("steering:organ", args=[board_a.slug])
    add_goal = reverse("steering:goal_create", args=[board_a.slug])
    edit_goal = reverse("steering:goal_edit", args=[chain["goal_a"].pk])
    give = reverse("steering:assignment_create", args=[board_a.slug])
    edit_assignment = reverse("steering:assignment_edit", args=[chain["assignment"].pk])
    figures = reverse("indicators:figures", args=[chain["indicator"].pk])
    html_a = client_a.get(url).content.decode()
    assert "Lägg till mål" in html_a
    for link in (add_goal, edit_goal, give, edit_assignment, figures):
        assert f'href="{link}' in html_a
    for client in (anonymous, client_b):
        html = client.get(url).content.decode()
        assert "Lägg till mål" not in html
        for link in (add_goal, edit_goal, give, edit_assignment, figures):
            assert f'href="{link}' not in html


def test_editor_a_sees_no_edit_links_on_board_b(client_a, chain, board_b):
    html = client_a.get(reverse("steering:organ", args=[board_b.slug])).content.decode()
    assert "Lägg till mål" not in html
    assert "Ge ett uppdrag" not in html
    html = client_a.get(reverse("steering:goal", args=[chain["goal_b"].pk])).content.decode()
    assert "Ändra mål" not in html
    assert "Lägg till nyckeltal" not in html


def test_goal_page_edit_links(anonymous, client_a, client_b, chain):
    url = reverse("steering:goal", args=[chain["goal_a"].pk])
    links = [
        f'href="{reverse("steering:goal_edit", args=[chain["goal_a"].pk])}"',
        # The status change is a POST form (the URL refuses GET), not a link.
        f'action="{reverse("steering:goal_status", args=[chain["goal_a"].pk])}"',
        f'href="{reverse("steering:goal_indicator_create", args=[chain["goal_a"].pk])}"',
        f'href="{reverse("indicators:edit", args=[chain["indicator"].pk])}"',
        f'href="{reverse("indicators:figures", args=[chain["indicator"].pk])}"',
    ]
    html_a = client_a.get(url).content.decode()
    assert [link in html_a for link in links] == [True] * 5
    for client in (anonymous, client_b):
        html = client.get(url).content.decode()
        assert [link in html for link in links] == [False] * 5


def test_assignment_page_edit_link_for_giver_and_receiver_only(anonymous, client_a, client_b, chain):
    url = reverse("steering:assignment", args=[chain["assignment"].pk])
    link = f'href="{reverse("steering:assignment_edit", args=[chain["assignment"].pk])}"'
    assert link in client_a.get(url).content.decode()  # board A receives it
    assert link not in client_b.get(url).content.decode()
    assert link not in anonymous.get(url).content.decode()


def test_goal_page_shows_who_drives_it_the_chain_and_the_chart(anonymous, chain, board_a):
    goal = chain["goal_a"]
    html = anonymous.get(reverse("steering:goal", args=[goal.pk])).content.decode()
    assert "<h1>Fler resor med kollektivtrafik</h1>" in html
    assert "Förvaltningschef" in html  # responsible person
    assert f'href="/organ/{board_a.slug}/?year=2024">Nämnd A</a>' in html
    assert 'href="/?year=2024#malomrade-klimat">En klimatsmart kommun</a>' in html
    assert "Under mandatperioden minskar utsläppen." in html
    assert "Fossilfri kommun 2030" in html
    # The chart and the same figures as a table.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 1
    assert html.count('class="chart-point"') == 3
    assert html.count('class="chart-target"') == 1
    assert '<tr><th scope="row">2025</th><td class="num"><span class="muted">–</span></td>' in html
    assert "Utfall och målvärden: Andel resor med kollektivtrafik" in html
    assert "Utred fler busslinjer" in html


def test_goal_page_lists_its_findings(client_reader, board_a, target_areas):
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], rationale="", responsible_person="")
    html = client_reader.get(reverse("steering:goal", args=[goal.pk])).content.decode()
    assert "Målet saknar en motivering i klartext." in html
    assert "Målet saknar nyckeltal." in html
    assert "Målet saknar en namngiven ansvarig person eller roll." in html


def test_organ_page_shows_mandate_goals_indicators_assignments_documents_findings(
    client_reader, chain, board_a
):
    html = client_reader.get(reverse("steering:organ", args=[board_a.slug])).content.decode()
    assert "<h1>Nämnd A</h1>" in html
    assert "Reglemente" in html
    assert "Nämndens uppdrag." in html
    assert 'href="/organ/kf/?year=2024">Kommunfullmäktige</a>' in html
    assert "Fler resor med kollektivtrafik" in html
    assert "Andel resor med kollektivtrafik" in html
    assert "Utred fler busslinjer" in html
    assert "Trafikprogram" in html
    assert "2022-06-09" in html
    assert "täcker 1 målområde; minst 2 krävs" in html


def test_company_mandate_is_called_agardirektiv(anonymous, municipality, council):
    f.OrganFactory(municipality=municipality, slug="bolaget", name="Bolaget AB", kind=Organ.Kind.COMPANY)
    html = anonymous.get(reverse("steering:organ", args=["bolaget"])).content.decode()
    assert "Ägardirektiv" in html


def test_responsibility_matrix(anonymous, chain, board_a):
    response = anonymous.get(reverse("steering:responsibility"))
    html = response.content.decode()
    assert '<caption id="matris-rubrik">Ansvar per organ, planår 2024</caption>' in html
    assert html.count('<th scope="col"') == 7
    assert f'<th scope="row"><a href="/organ/{board_a.slug}/?year=2024">Nämnd A</a></th>' in html
    assert f'href="/organ/{board_a.slug}/?year=2024#mal">1<' in html
    assert f'href="/organ/{board_a.slug}/?year=2024#uppdrag-mottagna">1<' in html
    assert f'href="/organ/{board_a.slug}/?year=2024#styrdokument">1<' in html


def test_sign_out_is_a_post_form_and_language_switch_posts(client_a, anonymous, chain):
    html = client_a.get(reverse("steering:chain")).content.decode()
    assert f'<form class="inline-form" method="post" action="{reverse("logout")}">' in html
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html
    assert f'href="{reverse("login")}' in anonymous.get(reverse("steering:chain")).content.decode()


def test_language_switch_to_english(anonymous, chain):
    response = anonymous.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = anonymous.get(reverse("steering:chain"))
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_messages_are_shown_with_role_status(client_a, chain, board_a):
    # The editing views add a message on success; here one is put in the framework's cookie storage.
    storage = CookieStorage(HttpRequest())
    storage.add(constants.SUCCESS, "Målet är sparat.")
    response = HttpResponse()
    storage.update(response)
    client_a.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    html = client_a.get(reverse("steering:chain")).content.decode()
    assert 'class="wrap messages" role="status"' in html
    assert "Målet är sparat." in html


def test_visitors_see_finalised_and_public_material_readers_see_drafts(
    anonymous, client_b, client_reader, board_a, target_areas
):
    """Visitors who are not signed in see what is finalised or decided and marked public; a reader of
    the organ sees its drafts too; an editor of another organ sees what visitors see of it."""
    draft = f.GoalFactory(organ=board_a, target_area=target_areas[0], title="Utkast om cyklar")
    hidden = f.GoalFactory(
        organ=board_a,
        target_area=target_areas[1],
        title="Sekretess",
        record_state=RecordState.READY,
        is_public=False,
    )
    shown = f.GoalFactory(
        organ=board_a, target_area=target_areas[1], title="Upprättat mål", record_state="ready"
    )
    draft_assignment = f.AssignmentFactory(giver=board_a, title="Uppdrag i utkast", record_state="draft")
    pages = [reverse("steering:chain"), reverse("steering:organ", args=[board_a.slug])]
    # An item one may not see: a visitor is sent to sign in, a signed-in user without a role gets 403.
    for client, sees_drafts, refusal in (
        (anonymous, False, 302),
        (client_b, False, 403),
        (client_reader, True, 0),
    ):
        for url in pages:
            html = client.get(url).content.decode()
            assert ("Upprättat mål" in html, "Utkast om cyklar" in html) == (True, sees_drafts), url
            assert "Sekretess" in html if sees_drafts else "Sekretess" not in html
            assert ("Uppdrag i utkast" in html) == sees_drafts or url == pages[0]
        assert client.get(reverse("steering:goal", args=[draft.pk])).status_code == (refusal or 200)
        assert client.get(reverse("steering:goal", args=[hidden.pk])).status_code == (refusal or 200)
        assert client.get(reverse("steering:goal", args=[shown.pk])).status_code == 200
        status = client.get(reverse("steering:assignment", args=[draft_assignment.pk])).status_code
        assert status == (refusal or 200)
