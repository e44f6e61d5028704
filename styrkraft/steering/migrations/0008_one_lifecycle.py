"""One records lifecycle (steering.lifecycle): the records state is `record_state` on every item (a
goal's was `status`); an assignment's progress is `progress` and a steering document's validity is
`validity` (both were `status`); a steering document and a political intent point at a Decision like
every decided item, instead of holding the reference inline (decided_by, decided_on, paragraph,
case_number)."""

import django.db.models.deletion
from django.db import migrations, models


def inline_references_to_decisions(apps, schema_editor):
    """A Decision for every inline reference that names its body and date. A reference without one
    of them cannot be a Decision; it is kept in the audit trail, so nothing is lost."""
    Decision = apps.get_model("steering", "Decision")
    AuditRecord = apps.get_model("core", "AuditRecord")
    items = [
        (apps.get_model("steering", "SteeringDocument").objects.all(), "steering.steeringdocument"),
        (
            apps.get_model("steering", "PoliticalIntent").objects.select_related("term"),
            "steering.politicalintent",
        ),
    ]
    for queryset, item_type in items:
        for item in queryset.select_related("decided_by"):
            if not (item.decided_by_id or item.decided_on or item.paragraph or item.case_number):
                continue
            municipality_id = (
                item.municipality_id if hasattr(item, "municipality_id") else item.term.municipality_id
            )
            if item.decided_by_id and item.decided_on:
                item.decision = Decision.objects.create(
                    municipality_id=municipality_id,
                    body_id=item.decided_by_id,
                    decided_on=item.decided_on,
                    paragraph=item.paragraph,
                    case_number=item.case_number,
                    title=item.title[:300],
                )
                item.save(update_fields=["decision"])
                continue
            parts = [
                item.decided_by.name if item.decided_by_id else "",
                f"{item.decided_on:%Y-%m-%d}" if item.decided_on else "",
                f"§ {item.paragraph}" if item.paragraph else "",
                f"dnr {item.case_number}" if item.case_number else "",
            ]
            AuditRecord.objects.create(
                actor=None,
                actor_label="system",
                action="update",
                item_type=item_type,
                item_id=str(item.pk),
                item_label=item.title[:300],
                changes={
                    "beslut (ofullständigt, utan beslutande organ eller datum)": [
                        ", ".join(p for p in parts if p),
                        None,
                    ]
                },
            )


def decisions_to_inline_references(apps, schema_editor):
    for name in ("SteeringDocument", "PoliticalIntent"):
        for item in (
            apps.get_model("steering", name).objects.exclude(decision=None).select_related("decision")
        ):
            decision = item.decision
            item.decided_by_id, item.decided_on = decision.body_id, decision.decided_on
            item.paragraph, item.case_number = decision.paragraph, decision.case_number
            item.save(update_fields=["decided_by", "decided_on", "paragraph", "case_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_actions"),
        ("steering", "0007_limits_of_texts_dates_and_decision_references"),
    ]

    operations = [
        migrations.RenameField(model_name="goal", old_name="status", new_name="record_state"),
        migrations.RenameField(model_name="assignment", old_name="status", new_name="progress"),
        migrations.RenameField(model_name="steeringdocument", old_name="status", new_name="validity"),
        migrations.AddField(
            model_name="steeringdocument",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="steering_documents",
                to="steering.decision",
                verbose_name="beslut",
            ),
        ),
        migrations.AddField(
            model_name="politicalintent",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="political_intents",
                to="steering.decision",
                verbose_name="beslut",
            ),
        ),
        migrations.RunPython(inline_references_to_decisions, decisions_to_inline_references),
        migrations.RemoveField(model_name="steeringdocument", name="decided_by"),
        migrations.RemoveField(model_name="steeringdocument", name="decided_on"),
        migrations.RemoveField(model_name="steeringdocument", name="paragraph"),
        migrations.RemoveField(model_name="steeringdocument", name="case_number"),
        migrations.RemoveField(model_name="politicalintent", name="decided_by"),
        migrations.RemoveField(model_name="politicalintent", name="decided_on"),
        migrations.RemoveField(model_name="politicalintent", name="paragraph"),
        migrations.RemoveField(model_name="politicalintent", name="case_number"),
    ]
