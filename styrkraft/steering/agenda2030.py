"""Agenda 2030's 17 goals and 169 targets, shipped as data (data/sdg.json, see data/SDG-SOURCE.md).

Loaded by migration 0002; `ensure_loaded` loads them again where a test flushed the database."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "sdg.json"


def load(SdgGoal, SdgTarget) -> None:
    """Create all goals and targets. Takes the model classes, so the migration can pass its historical ones."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for goal in data["goals"]:
        g = SdgGoal.objects.create(
            number=int(goal["number"]),
            title_sv=goal["title_sv"],
            title_en=goal["title_en"],
            short_title_sv=goal["short_title_sv"],
            short_title_en=goal["short_title_en"],
        )
        SdgTarget.objects.bulk_create(
            SdgTarget(
                goal=g,
                number=t["number"],
                order=i,
                title_sv=t["title_sv"],
                title_en=t["title_en"],
                short_title_sv=t.get("short_title_sv", ""),
            )
            for i, t in enumerate(goal["targets"])
        )


def ensure_loaded() -> None:
    # here, not at the top: the data migration imports this module and must not load today's models
    from styrkraft.steering.models import SdgGoal, SdgTarget

    if not SdgGoal.objects.exists():
        load(SdgGoal, SdgTarget)
