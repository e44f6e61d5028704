"""A backup taken before the one records lifecycle (steering migration 0007) restores after it: a goal's
records state was `status`, an assignment's progress `status`, a steering document's validity
`status`, and documents and political intents held their decision reference inline (decided_by,
decided_on, paragraph, case_number). The archive is built in that shape from one of today's."""

import datetime
import hashlib
import io
import json
import zipfile
from pathlib import Path

from django.core.management import call_command

from styrkraft.steering.models import (
    Assignment,
    Decision,
    Goal,
    PoliticalIntent,
    RecordState,
    SteeringDocument,
)
from tests import factories as f

RENAMED = {
    "steering.goal": {"record_state": "status"},
    "steering.assignment": {"progress": "status"},
    "steering.steeringdocument": {"validity": "status"},
}
INLINE = ("steering.steeringdocument", "steering.politicalintent")


def _old_shape(src: Path, dst: Path) -> None:
    """`src` as the backup of the same data would have been before migration 0007."""
    with zipfile.ZipFile(src) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = {
            e["model"]: [json.loads(line) for line in archive.read(e["file"]).splitlines()]
            for e in manifest["models"]
        }
        others = {name: archive.read(name) for name in archive.namelist()}
    entries = {e["model"]: e for e in manifest["models"]}
    decision_fields = entries["steering.decision"]["fields"]
    decisions = {row[0]: dict(zip(decision_fields, row, strict=True)) for row in members["steering.decision"]}
    inline_ids = set()
    for model in INLINE:
        entry = entries[model]
        at = entry["fields"].index("decision_id")
        rows = []
        for row in members[model]:
            decision = decisions.get(row[at])
            inline_ids.add(row[at])
            reference = (
                [decision["body_id"], decision["decided_on"], decision["paragraph"], decision["case_number"]]
                if decision
                else [None, None, "", ""]
            )
            rows.append(row[:at] + row[at + 1 :] + reference)
        members[model] = rows
        entry["fields"] = [n for n in entry["fields"] if n != "decision_id"] + [
            "decided_by_id",
            "decided_on",
            "paragraph",
            "case_number",
        ]
    # Those decisions did not exist: the reference was inline.
    members["steering.decision"] = [row for row in members["steering.decision"] if row[0] not in inline_ids]
    for model, names in RENAMED.items():
        entries[model]["fields"] = [names.get(n, n) for n in entries[model]["fields"]]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in manifest["models"]:
            data = b"".join(
                json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                for row in members[entry["model"]]
            )
            entry["rows"], entry["sha256"] = len(members[entry["model"]]), hashlib.sha256(data).hexdigest()
            new.writestr(entry["file"], data)
        new.writestr("manifest.json", json.dumps(manifest))
        for name, data in others.items():
            if name != "manifest.json" and name not in {e["file"] for e in manifest["models"]}:
                new.writestr(name, data)


def test_a_backup_from_before_the_lifecycle_restores(db, tmp_path, board_a, target_areas):
    council = board_a.parent
    goal = f.GoalFactory(organ=board_a, target_area=target_areas[0], record_state=RecordState.READY)
    assignment = f.AssignmentFactory(giver=council, receiver=board_a, progress=Assignment.Progress.ONGOING)
    document = f.SteeringDocumentFactory(
        owner=board_a,
        decided_by=council,
        decided_on=datetime.date(2022, 6, 9),
        paragraph="88",
        case_number="KS 2022/301",
        validity=SteeringDocument.Validity.UNDER_REVISION,
    )
    draft = f.SteeringDocumentFactory(owner=board_a, decided_by=None, record_state=RecordState.DRAFT)
    intent = target_areas[0].intent
    intent.decision = Decision.objects.create(
        municipality=board_a.municipality, body=council, decided_on=datetime.date(2023, 4, 13), paragraph="45"
    )
    intent.save()
    other = Decision.objects.create(
        municipality=board_a.municipality, body=board_a, decided_on=datetime.date(2024, 1, 2), title="Annat"
    )
    today, before = tmp_path / "today.zip", tmp_path / "before.zip"
    call_command("backup", str(today), stdout=io.StringIO())
    _old_shape(today, before)
    call_command("restore", str(before), "--force", stdout=io.StringIO())

    assert Goal.objects.get(pk=goal.pk).record_state == "ready"
    assert Assignment.objects.get(pk=assignment.pk).progress == "ongoing"
    restored = SteeringDocument.objects.select_related("decision").get(pk=document.pk)
    assert (restored.validity, restored.record_state, str(restored.decision), restored.decision.title) == (
        "under_revision",
        "decided",
        f"{council.name}, 2022-06-09, § 88, dnr KS 2022/301",
        restored.title,
    )
    assert SteeringDocument.objects.get(pk=draft.pk).decision_id is None
    assert str(PoliticalIntent.objects.get(pk=intent.pk).decision) == f"{council.name}, 2023-04-13, § 45"
    assert Decision.objects.get(pk=other.pk).title == "Annat"  # the archive's own decisions keep their keys
    # Later decisions get fresh keys.
    assert Decision.objects.create(
        municipality=board_a.municipality, body=board_a, decided_on=datetime.date(2024, 2, 2)
    ).pk > max(Decision.objects.exclude(title="").values_list("pk", flat=True))
