from django.db import migrations, models
import django.db.models.deletion


def link_copied_indicators(apps, schema_editor):
    """Indicators copied into a new version of a goal before this migration: link each to the indicator
    it was copied from (steering.versions.goal_new_version gave the copy the code `<code>-v<n>`, made
    unique), so a figure addressed to the replaced one can name the one in force."""
    Indicator = apps.get_model("indicators", "Indicator")
    Goal = apps.get_model("steering", "Goal")
    for goal in Goal.objects.filter(supersedes__isnull=False).only("pk", "supersedes_id"):
        older = list(Indicator.objects.filter(goal_id=goal.supersedes_id).only("pk", "code", "title"))
        for indicator in Indicator.objects.filter(goal_id=goal.pk, supersedes__isnull=True):
            by_code = [o for o in older if indicator.code.startswith(f"{o.code}-v")]
            by_title = [o for o in older if o.title == indicator.title]
            found = max(by_code, key=lambda o: len(o.code)) if by_code else (by_title or [None])[0]
            if found is not None:
                indicator.supersedes_id = found.pk
                indicator.save(update_fields=["supersedes"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_decided_targets"),
        ("steering", "0005_versions_of_assignments_and_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="supersedes",
            field=models.ForeignKey(
                blank=True,
                help_text="Samma nyckeltal i den version av målet som den här versionen ersätter.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="newer_versions",
                to="indicators.indicator",
                verbose_name="ny version av",
            ),
        ),
        migrations.RunPython(link_copied_indicators, migrations.RunPython.noop),
    ]
