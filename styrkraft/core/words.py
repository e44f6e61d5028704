"""Words formed from names, in the active language, in one place: the genitive ("Kulturnämndens mål").
Counts with nouns use ngettext / {% blocktranslate count %} where they are written."""

from django.utils.translation import get_language

# Swedish adds no s to a name that already ends in s, x or z ("Västerås", "Max", "Rodez").
_SWEDISH_SIBILANTS = ("s", "x", "z")


def genitive(name: str) -> str:
    """The genitive of a name (an organ, a municipality, a person) in the active language.

    Swedish: Kulturnämnden → Kulturnämndens, Västerås stad → Västerås stads; a name ending in s, x or z
    stays as it is (Västerås, Max, Rodez); an abbreviation or a letter in capitals, or a name ending in a
    digit, takes a colon (KF:s, Nämnd A:s, Agenda 2030:s). English: Kulturnämnden's, Västerås's, KF's."""
    name = str(name).strip()
    if not name:
        return name
    if not (get_language() or "sv").startswith("sv"):
        return f"{name}'s"
    last_word = name.split()[-1]
    if last_word[-1].isdigit() or last_word.isupper():
        return f"{name}:s"
    if last_word[-1].lower() in _SWEDISH_SIBILANTS:
        return name
    return f"{name}s"
