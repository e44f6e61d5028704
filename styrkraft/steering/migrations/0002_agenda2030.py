"""Agenda 2030's 17 goals and 169 targets, shipped as data (styrkraft/steering/data/sdg.json)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "sdg.json"


def load(apps, schema_editor):
    SdgGoal = apps.get_model("steering", "SdgGoal")
    SdgTarget = apps.get_model("steering", "SdgTarget")
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


def unload(apps, schema_editor):
    apps.get_model("steering", "SdgGoal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("steering", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
