"""The English UI: the committed catalogues are complete, compiled and in step with the code, and a browser
that asks for English (Accept-Language or the language cookie) gets English pages, while Swedish stays the
default."""

import gettext
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests import factories as f

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@dataclass(frozen=True)
class Entry:
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    msgstrs: tuple[str, ...]
    flags: tuple[str, ...]

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def _unquote(text: str) -> str:
    """The content of one quoted .po string, with the C escapes gettext writes."""
    assert text.startswith('"') and text.endswith('"'), text
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header and obsolete (#~) entries left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        flags: tuple[str, ...] = ()
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags = tuple(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key] += _unquote(line)
            else:
                key, _, value = line.partition(" ")
                fields[key] = _unquote(value)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        plural = "msgid_plural" in fields
        msgstrs = (fields["msgstr[0]"], fields["msgstr[1]"]) if plural else (fields["msgstr"],)
        entries.append(
            Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), msgstrs, flags)
        )
    return entries


def _catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def test_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = parse_po(_catalogue("en"))
    assert len(entries) > 400
    assert [e.msgid for e in entries if "" in e.msgstrs] == []
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []


def test_english_translations_keep_every_placeholder_and_tag():
    """A lost %(name)s breaks the page at run time, a lost tag breaks the markup."""
    mismatches = []
    for e in parse_po(_catalogue("en")):
        for i, msgstr in enumerate(e.msgstrs):
            # A plural's singular may leave out the number ("Trend det senaste året").
            source = e.msgid_plural if i and e.msgid_plural is not None else e.msgid
            for pattern in (PLACEHOLDER, re.compile(r"</?\w+[^>]*>")):
                if sorted(pattern.findall(source)) != sorted(pattern.findall(msgstr)):
                    mismatches.append((source, msgstr))
    assert mismatches == []


def test_swedish_catalogue_has_the_same_messages_and_leaves_them_as_written():
    """Swedish is the source language: its catalogue lists the same messages with empty msgstr."""
    english = parse_po(_catalogue("en"))
    swedish = parse_po(_catalogue("sv"))
    assert [e.key for e in swedish] == [e.key for e in english]
    assert [e.msgid for e in swedish if e.msgstrs != ("",) * len(e.msgstrs)] == []


def test_compiled_english_catalogue_matches_the_po_file():
    """`make run` uses the committed .mo without gettext, so it must hold what the .po says."""
    with (LOCALE / "en" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    differing = []
    for e in parse_po(_catalogue("en")):
        if e.msgid_plural is not None and e.msgctxt is not None:
            got = (
                compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 1),
                compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 2),
            )
        elif e.msgid_plural is not None:
            got = (
                compiled.ngettext(e.msgid, e.msgid_plural, 1),
                compiled.ngettext(e.msgid, e.msgid_plural, 2),
            )
        elif e.msgctxt is not None:
            got = (compiled.pgettext(e.msgctxt, e.msgid),)
        else:
            got = (compiled.gettext(e.msgid),)
        if got != e.msgstrs:
            differing.append((e.msgid, got, e.msgstrs))
    assert differing == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_catalogue_holds_every_string_marked_in_the_code(tmp_path, monkeypatch):
    """A string marked for translation but missing from the catalogue shows in Swedish on the English
    site. After adding strings: `make messages`, translate the new entries, commit the .po and .mo."""
    # makemessages writes into the locale directory nearest above each source file, so it runs in a
    # scratch tree that links to the code: the committed catalogues stay untouched.
    for name in ("config", "styrkraft"):
        (tmp_path / name).symlink_to(Path(settings.BASE_DIR) / name, target_is_directory=True)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["en"], symlinks=True, verbosity=0)
    fresh = {e.key for e in parse_po(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    committed = {e.key for e in parse_po(_catalogue("en"))}
    # Only what is missing fails: an entry whose string left the code is dead weight, not a Swedish text
    # on the English site, and the next `make messages` drops it.
    assert sorted(fresh - committed, key=str) == []


@pytest.fixture
def small_chain(municipality, target_areas, board_a):
    f.VisionFactory(municipality=municipality, title="Vision 2030 – Testkommun")
    goal = f.GoalFactory(
        organ=board_a,
        target_area=target_areas[0],
        title="Fler resor med kollektivtrafik",
        record_state="ready",
    )
    f.IndicatorFactory(goal=goal, title="Andel resor med kollektivtrafik", unit="%")
    return goal


def _start_page(client, **headers):
    response = client.get(reverse("steering:chain") + "?year=2024", **headers)
    assert response.status_code == 200
    return response, response.content.decode()


def test_start_page_is_english_for_an_english_browser(anonymous, small_chain):
    response, html = _start_page(anonymous, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "<h1>Steering chain 2024</h1>" in html
    assert ">Steering chain</a></li>" in html
    assert ">Who is driving?</a></li>" in html
    assert "<title>Steering chain 2024 – Testkommun – Styrkraft</title>" in html
    assert '<span class="status status-ready">finalised</span>' in html
    assert 'name="language" value="sv" lang="sv">Svenska</button>' in html
    for swedish in ("Styrkedjan", "Vem kör?", "Hoppa till innehållet", "Logga in", "Målområde"):
        assert (swedish, swedish in html) == (swedish, False)


def test_start_page_is_english_with_the_language_cookie(anonymous, small_chain):
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response, html = _start_page(anonymous, HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert ">Steering chain</a></li>" in html
    assert ">Who is driving?</a></li>" in html


@pytest.mark.parametrize("headers", [{}, {"HTTP_ACCEPT_LANGUAGE": "sv-SE,sv;q=0.9,en;q=0.5"}])
def test_start_page_is_swedish_by_default_and_for_a_swedish_browser(anonymous, small_chain, headers):
    response, html = _start_page(anonymous, **headers)
    assert response.headers["Content-Language"] == "sv"
    assert '<html lang="sv">' in html
    assert "<h1>Styrkedjan 2024</h1>" in html
    assert ">Styrkedjan</a></li>" in html
    assert ">Vem kör?</a></li>" in html
    assert '<span class="status status-ready">upprättad</span>' in html
    assert "Steering chain" not in html


def test_responsibility_and_organ_pages_are_english(anonymous, small_chain, board_a):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    html = anonymous.get(reverse("steering:responsibility") + "?year=2024", **english).content.decode()
    assert "<h1>Who is driving?</h1>" in html
    assert "Responsibility per body, plan year 2024</caption>" in html
    url = reverse("steering:organ", args=[board_a.slug]) + "?year=2024"
    html = anonymous.get(url, **english).content.decode()
    assert '<p class="eyebrow">Board</p>' in html
    assert "Steering documents owned by this body</h2>" in html


def test_agenda_2030_titles_follow_the_page_language(anonymous, small_chain, target_areas):
    from styrkraft.steering.models import SdgGoal, SdgTarget

    small_chain.sdg_goals.set([SdgGoal.objects.get(number=4)])
    small_chain.sdg_targets.set([SdgTarget.objects.get(number="4.1")])
    url = reverse("steering:goal", args=[small_chain.pk])
    swedish = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    english = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("God utbildning för alla" in swedish, "Quality education" in swedish) == (True, False)
    assert ("Quality education" in english, "God utbildning för alla" in english) == (True, False)
    assert "By 2030, ensure that all girls and boys complete free" in english
