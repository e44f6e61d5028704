from django.db import migrations


def follow_new_versions(apps, schema_editor):
    """Assignments linked to a goal that a newer decided version replaced before this migration: they
    contribute to the version in force now (as steering.services.plan_year_decide moves them from now
    on), each move recorded in the audit trail. A replaced assignment stays as it was decided."""
    Goal = apps.get_model("steering", "Goal")
    Assignment = apps.get_model("steering", "Assignment")
    AuditRecord = apps.get_model("core", "AuditRecord")
    moved = Assignment.objects.filter(goal__status="superseded").exclude(record_state="superseded")
    for assignment in moved.select_related("goal"):
        old, current = assignment.goal, assignment.goal
        while current is not None and current.status == "superseded":
            current = Goal.objects.filter(supersedes=current, status="decided", deleted_at__isnull=True).first()
        if current is None:
            continue
        Assignment.objects.filter(pk=assignment.pk).update(goal=current, version=assignment.version + 1)
        AuditRecord.objects.create(
            actor=None,
            actor_label="system",
            action="update",
            item_type="steering.assignment",
            item_id=str(assignment.pk),
            item_label=assignment.title[:300],
            changes={"goal": [f"{old.title} (version som ersätts)", f"{current.title} (ny version, beslutad)"]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_actions"),
        ("steering", "0005_versions_of_assignments_and_documents"),
    ]

    operations = [migrations.RunPython(follow_new_versions, migrations.RunPython.noop)]
