"""Agenda 2030's 17 goals and 169 targets, shipped as data (styrkraft/steering/data/sdg.json)."""

from django.db import migrations

from styrkraft.steering import agenda2030


def load(apps, schema_editor):
    agenda2030.load(apps.get_model("steering", "SdgGoal"), apps.get_model("steering", "SdgTarget"))


def unload(apps, schema_editor):
    apps.get_model("steering", "SdgGoal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("steering", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
