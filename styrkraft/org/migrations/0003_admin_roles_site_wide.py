"""Administrators are site-wide: an administrator role has no organ (issue 8, point 9).

Before, an administrator role was given "for" an organ but gave power over the whole site. Each such
role keeps its power and is now stored as it works: without an organ. A user who was administrator on
several organs keeps one role (the first); the others are merged into it. Every changed row gets an
audit record (actor "styrkraft migrate") that carries the organ it named, so the organ's history and
the log say what happened. Then the database enforces it: admin <=> no organ, one admin role per user.
"""

import django.db.models.deletion
from django.db import migrations, models

ACTOR = "styrkraft migrate"


def admin_roles_site_wide(apps, schema_editor):
    OrganRole = apps.get_model("org", "OrganRole")
    AuditRecord = apps.get_model("core", "AuditRecord")
    roles = OrganRole.objects.filter(role="admin", organ__isnull=False).select_related(
        "user", "organ__municipality"
    )
    for role in roles.order_by("user_id", "pk"):
        username = role.user.username
        AuditRecord.objects.create(
            actor=None,
            actor_label=ACTOR,
            action="update",
            item_type="org.organrole",
            item_id=str(role.pk),
            item_label=f"{username} – administratör för hela kommunen"[:300],
            changes={
                "user": username,
                "role": "administratör",
                "organ": [role.organ.name, None],
                "municipality": role.organ.municipality.name,
                "organ_id": role.organ_id,
                "site_wide": True,
            },
        )
        if OrganRole.objects.filter(user_id=role.user_id, role="admin", organ__isnull=True).exists():
            role.delete()  # merged into the user's site-wide role
        else:
            role.organ = None
            role.save(update_fields=["organ"])


def admin_roles_on_an_organ(apps, schema_editor):
    """Back to the old shape: each administrator role on the first top-level organ (the power is the
    same); without any organ the role cannot be stored and is deleted."""
    OrganRole = apps.get_model("org", "OrganRole")
    Organ = apps.get_model("org", "Organ")
    first = Organ.objects.filter(parent__isnull=True).order_by("municipality_id", "order", "name").first()
    roles = OrganRole.objects.filter(role="admin", organ__isnull=True)
    if first is None:
        roles.delete()
    else:
        roles.update(organ=first)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_actions"),
        ("org", "0002_municipality_kolada_peer_group_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organrole",
            name="organ",
            field=models.ForeignKey(
                blank=True,
                help_text="Redigerare och läsare har sin roll för ett organ; en administratör för hela kommunen.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="roles",
                to="org.organ",
                verbose_name="organ",
            ),
        ),
        migrations.RunPython(admin_roles_site_wide, admin_roles_on_an_organ),
        migrations.AddConstraint(
            model_name="organrole",
            constraint=models.UniqueConstraint(
                condition=models.Q(role="admin"), fields=("user",), name="organrole_unique_admin"
            ),
        ),
        migrations.AddConstraint(
            model_name="organrole",
            constraint=models.CheckConstraint(
                condition=models.Q(role="admin", organ__isnull=True)
                | (~models.Q(role="admin") & models.Q(organ__isnull=False)),
                name="organrole_admin_without_organ",
            ),
        ),
    ]
