"""Writing a municipality out as a model file: the reverse of load, used by `styrkraft dump`.

Loading a dump reproduces the same chain (tested as a roundtrip). Optional keys are written only when
they differ from their default, so a dump reads like a hand-written file. A model file holds each goal,
assignment and steering document once, as the version in force: a version a newer one replaced and a
new version still in the works (versions.py) are left out; `styrkraft backup` keeps every version."""

from collections import defaultdict
from decimal import Decimal

import yaml
from django.db.models import Q

from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.org.models import Municipality, OrganRole
from styrkraft.steering.modelfile.schema import SCHEMA_VERSION
from styrkraft.steering.models import Assignment, CouncilGoal, Goal, RecordState, SteeringDocument, Vision


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def _put(target: dict, key: str, value, default="") -> None:
    if value is not None and value != default and value != []:
        target[key] = value


def in_force(queryset, state_field: str = "record_state"):
    """Leave out replaced versions and new versions in the works: one version of each item."""
    return queryset.exclude(**{state_field: "superseded"}).exclude(
        Q(supersedes__isnull=False) & ~Q(**{state_field: "decided"})
    )


def model_file_dump(municipality: Municipality, *, year: int | None = None) -> dict:
    """The model-file data of a municipality. With `year`, only that plan year's goals (with their
    indicators), council goals and assignments; indicator values are always written in full."""
    demo = municipality.is_demo
    data: dict = {"schema": SCHEMA_VERSION}
    head = {"id": municipality.slug, "name": municipality.name}
    _put(head, "kolada_id", municipality.kolada_id)
    _put(head, "kolada_peer_group", municipality.kolada_peer_group)
    head["max_goals_per_organ"] = municipality.max_goals_per_organ
    head["min_target_areas"] = municipality.min_target_areas
    if demo:
        head["demo"] = True
    data["municipality"] = head

    vision = Vision.objects.filter(municipality=municipality).first()
    if vision is not None:
        data["vision"] = {"title": vision.title}
        _put(data["vision"], "text", vision.text)

    data["terms"] = [_term(term) for term in _terms(municipality)]

    def demo_flag(target: dict, item) -> None:
        if item.is_demo != demo:
            target["demo"] = item.is_demo

    organs = list(municipality.organs.select_related("parent").order_by("order", "name", "pk"))
    goals = in_force(Goal.objects.filter(organ__municipality=municipality)).select_related(
        "target_area", "responsible_organ", "decision__body"
    )
    if year is not None:
        goals = goals.filter(year=year)
    goals = goals.prefetch_related("commitments", "council_goals", "sdg_goals", "sdg_targets").order_by(
        "year", "order", "pk"
    )
    goals_by_organ = defaultdict(list)
    for goal in goals:
        goals_by_organ[goal.organ_id].append(goal)
    goal_ids = {goal.pk for goal in goals}

    indicators = Indicator.objects.filter(organ__municipality=municipality).order_by("order", "pk")
    by_goal, by_organ = defaultdict(list), defaultdict(list)
    for indicator in indicators:
        if indicator.goal_id is None:
            by_organ[indicator.organ_id].append(indicator)
        elif indicator.goal_id in goal_ids:
            by_goal[indicator.goal_id].append(indicator)
    figures = {}
    for model, key in ((IndicatorValue, "values"), (IndicatorTarget, "targets")):
        rows = model.objects.filter(indicator__organ__municipality=municipality).order_by("year")
        for indicator_id, row_year, value in rows.values_list("indicator_id", "year", "value"):
            figures.setdefault((indicator_id, key), {})[row_year] = _number(value)

    def indicator_data(indicator: Indicator) -> dict:
        item = {"id": indicator.code, "title": indicator.title}
        _put(item, "unit", indicator.unit)
        item["direction"] = indicator.direction
        _put(item, "kolada", indicator.kolada_id)
        if indicator.has_baseline:
            item["baseline"] = {"year": indicator.baseline_year, "value": _number(indicator.baseline_value)}
        for key in ("values", "targets"):
            _put(item, key, figures.get((indicator.pk, key)), default=None)
        demo_flag(item, indicator)
        return item

    def goal_data(goal: Goal) -> dict:
        item = {"id": goal.code, "year": goal.year, "title": goal.title}
        _put(item, "rationale", goal.rationale)
        item["target_area"] = goal.target_area.code
        _put(item, "commitments", [c.code for c in sorted(goal.commitments.all(), key=lambda c: c.pk)])
        _put(item, "council_goals", [c.code for c in sorted(goal.council_goals.all(), key=lambda c: c.pk)])
        _put(item, "sdg_goals", sorted(s.number for s in goal.sdg_goals.all()))
        _put(
            item,
            "sdg_targets",
            [t.number for t in sorted(goal.sdg_targets.all(), key=lambda t: (t.goal_id, t.order))],
        )
        responsible = {}
        _put(responsible, "organ", goal.responsible_organ.slug if goal.responsible_organ else None)
        _put(responsible, "person", goal.responsible_person)
        _put(item, "responsible", responsible, default={})
        if goal.record_state != RecordState.DECIDED:  # a decided goal's state is its board's decisions'
            _put(item, "status", goal.record_state, default=RecordState.DRAFT)
        _put(item, "public", goal.is_public, default=True)
        demo_flag(item, goal)
        _put(item, "indicators", [indicator_data(i) for i in by_goal[goal.pk]])
        return item

    data["organs"], data["boards"] = [], []
    for organ in organs:
        item = {"id": organ.slug, "name": organ.name, "kind": organ.kind}
        _put(item, "parent", organ.parent.slug if organ.parent else None)
        _put(item, "mandate", organ.mandate)
        _put(item, "kolada_peer_group", organ.kolada_peer_group)
        demo_flag(item, organ)
        if organ.sets_goals:
            _put(item, "decisions", _plan_decisions(organ, goals_by_organ[organ.pk]))
            item["goals"] = [goal_data(goal) for goal in goals_by_organ[organ.pk]]
        _put(item, "indicators", [indicator_data(i) for i in by_organ[organ.pk]])
        data["boards" if organ.sets_goals else "organs"].append(item)

    council_goals = CouncilGoal.objects.filter(municipality=municipality).select_related("target_area")
    if year is not None:
        council_goals = council_goals.filter(year=year)
    data["council_goals"] = []
    for council_goal in council_goals.order_by("year", "order", "pk"):
        item = {"id": council_goal.code, "year": council_goal.year, "title": council_goal.title}
        _put(item, "description", council_goal.description)
        _put(item, "target_area", council_goal.target_area.code if council_goal.target_area else None)
        demo_flag(item, council_goal)
        data["council_goals"].append(item)

    assignments = in_force(Assignment.objects.filter(municipality=municipality)).select_related(
        "giver", "receiver", "goal", "decision__body"
    )
    if year is not None:
        assignments = assignments.filter(year=year)
    data["assignments"] = []
    for assignment in assignments.order_by("year", "pk"):
        item = {"id": assignment.code, "year": assignment.year, "title": assignment.title}
        _put(item, "description", assignment.description)
        item["giver"] = assignment.giver.slug
        _put(item, "receiver", assignment.receiver.slug if assignment.receiver else None)
        _put(item, "deadline", assignment.deadline)
        _put(item, "report_back", assignment.report_back)
        if assignment.goal is not None and assignment.goal.pk in goal_ids:
            item["goal"] = assignment.goal.code
        _put(item, "status", assignment.progress, default=Assignment.Progress.NOT_STARTED)
        if assignment.decision is not None:
            item["decision"] = _decision(assignment.decision)
        else:
            _put(item, "state", assignment.record_state, default=RecordState.READY)
        _put(item, "public", assignment.is_public, default=True)
        demo_flag(item, assignment)
        data["assignments"].append(item)

    documents = in_force(SteeringDocument.objects.filter(municipality=municipality)).select_related(
        "owner", "decision__body"
    )
    data["steering_documents"] = []
    for document in documents.order_by("pk"):
        item = {"id": document.code, "title": document.title, "type": document.doc_type}
        item["owner"] = document.owner.slug
        # Schema 1 keeps a document's decision inline (decided_by, decided_on, paragraph, case_number).
        if document.decision is not None:
            reference = _decision(document.decision)
            item["decided_by"], item["decided_on"] = reference.pop("body"), reference.pop("date")
            item.update(reference)
        _put(item, "next_review", document.next_review)
        _put(item, "status", document.validity, default=SteeringDocument.Validity.IN_FORCE)
        decided = document.decision is not None
        state_default = RecordState.DECIDED if decided else RecordState.DRAFT
        _put(item, "state", document.record_state, default=state_default)
        _put(item, "public", document.is_public, default=True)
        demo_flag(item, document)
        data["steering_documents"].append(item)

    # The site-wide administrators first (no organ: administrator for the whole municipality), then the
    # roles on the municipality's organs.
    admins = OrganRole.objects.filter(organ__isnull=True).select_related("user").order_by("user__username")
    roles = (
        OrganRole.objects.filter(organ__municipality=municipality)
        .select_related("user", "organ")
        .order_by("organ__order", "organ__name", "role", "user__username")
    )
    role_items = []
    for role in [*admins, *roles]:
        item = {"user": role.user.get_username(), "role": role.role}
        _put(item, "organ", role.organ.slug if role.organ_id else None)
        _put(item, "email", role.user.email)
        role_items.append(item)
    _put(data, "roles", role_items)
    return data


def _decision(decision) -> dict:
    item = {"body": decision.body.slug, "date": decision.decided_on}
    _put(item, "paragraph", decision.paragraph)
    _put(item, "case_number", decision.case_number)
    return item


def _plan_decisions(organ, goals) -> list[dict]:
    """The decisions on the organ's plan years, from its decided goals (one per year)."""
    by_year = {}
    for goal in goals:
        if goal.record_state == RecordState.DECIDED and goal.decision is not None:
            by_year.setdefault(goal.year, goal.decision)
    items = []
    for year, decision in sorted(by_year.items()):
        item = {"year": year, **_decision(decision)}
        if decision.body_id == organ.pk:
            del item["body"]
        default_title = f"Mål för {organ.name} {year}"
        _put(item, "title", decision.title, default=default_title)
        items.append(item)
    return items


def _terms(municipality: Municipality):
    return (
        municipality.terms.select_related("political_intent__decision__body")
        .prefetch_related(
            "political_intent__target_areas__sdg_goals", "political_intent__target_areas__commitments"
        )
        .order_by("start_year")
    )


def _term(term) -> dict:
    item = {"start_year": term.start_year, "end_year": term.end_year}
    intent = getattr(term, "political_intent", None)
    if intent is None:
        return item
    intent_data = {"title": intent.title}
    _put(intent_data, "text", intent.text)
    if intent.decision is not None:
        intent_data["decision"] = _decision(intent.decision)
    areas = []
    for area in intent.target_areas.all():
        area_data = {"id": area.code, "title": area.title}
        _put(area_data, "sdg_goals", sorted(s.number for s in area.sdg_goals.all()))
        _put(area_data, "commitments", [{"id": c.code, "text": c.text} for c in area.commitments.all()])
        areas.append(area_data)
    _put(intent_data, "target_areas", areas)
    item["political_intent"] = intent_data
    return item


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, except year maps and lists of numbers or short ids, which read best on one line."""


def _represent_dict(dumper, data):
    flow = bool(data) and all(isinstance(k, int) and not isinstance(k, bool) for k in data)
    return dumper.represent_mapping("tag:yaml.org,2002:map", list(data.items()), flow_style=flow)


def _represent_list(dumper, data):
    flow = bool(data) and all(isinstance(v, int | str) and len(str(v)) <= 40 for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def dump_yaml(data: dict) -> str:
    """Model-file data as YAML text, in the key order of the data."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
