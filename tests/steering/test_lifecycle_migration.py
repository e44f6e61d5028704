"""One records lifecycle (issue 9, point 1): what was stored before migration steering 0007 — a goal's
records state in `status`, an assignment's progress and a document's validity in `status`, a steering
document's and a political intent's decision reference inline — is the same data after it, the
references as Decision rows (a reference without body or date kept in the audit trail)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from styrkraft.core.models import AuditRecord
from styrkraft.steering.models import Assignment, Goal, PoliticalIntent, SteeringDocument

BEFORE = ("steering", "0007_limits_of_texts_dates_and_decision_references")
AFTER = ("steering", "0008_one_lifecycle")


def _migrate(target) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_renames_the_fields_and_makes_decisions_of_inline_references():
    old = _migrate(BEFORE).loader.project_state([BEFORE]).apps
    try:
        town = old.get_model("org", "Municipality").objects.create(name="Testkommun", slug="testkommun")
        Organ = old.get_model("org", "Organ")
        council = Organ.objects.create(municipality=town, slug="kf", name="Kommunfullmäktige", kind="council")
        board = Organ.objects.create(
            municipality=town, slug="namnd", name="Nämnd A", kind="board", parent=council
        )
        term = old.get_model("org", "Term").objects.create(municipality=town, start_year=2023, end_year=2026)
        intent = old.get_model("steering", "PoliticalIntent").objects.create(
            term=term,
            title="Viljeinriktning",
            decided_by=council,
            decided_on=datetime.date(2023, 4, 13),
            paragraph="45",
        )
        area = old.get_model("steering", "TargetArea").objects.create(
            intent=intent, code="klimat", title="Klimat"
        )
        goal = old.get_model("steering", "Goal").objects.create(
            organ=board, year=2024, code="mal", title="Mål", target_area=area, status="ready"
        )
        assignment = old.get_model("steering", "Assignment").objects.create(
            municipality=town, code="u", year=2024, title="Uppdrag", giver=council, status="ongoing"
        )
        Document = old.get_model("steering", "SteeringDocument")
        decided = Document.objects.create(
            municipality=town,
            code="program",
            title="Program",
            doc_type="program",
            owner=board,
            status="under_revision",
            record_state="decided",
            decided_by=council,
            decided_on=datetime.date(2022, 6, 9),
            paragraph="88",
            case_number="KS 2022/301",
        )
        partial = Document.objects.create(
            municipality=town,
            code="policy",
            title="Policy",
            doc_type="policy",
            owner=board,
            case_number="KS 1",
        )
    finally:
        _migrate(AFTER)
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Goal.objects.get(pk=goal.pk).record_state == "ready"
    assert Assignment.objects.get(pk=assignment.pk).progress == "ongoing"
    document = SteeringDocument.objects.get(pk=decided.pk)
    assert (document.validity, document.record_state, str(document.decision), document.decision.title) == (
        "under_revision",
        "decided",
        "Kommunfullmäktige, 2022-06-09, § 88, dnr KS 2022/301",
        "Program",
    )
    assert str(PoliticalIntent.objects.get(pk=intent.pk).decision) == "Kommunfullmäktige, 2023-04-13, § 45"
    assert SteeringDocument.objects.get(pk=partial.pk).decision_id is None
    record = AuditRecord.objects.get(item_type="steering.steeringdocument", item_id=str(partial.pk))
    assert (record.actor_label, record.changes) == (
        "system",
        {"beslut (ofullständigt, utan beslutande organ eller datum)": ["dnr KS 1", None]},
    )
