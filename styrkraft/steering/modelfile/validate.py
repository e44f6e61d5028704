"""Validating the municipality model file (docs/model-file.md).

`validate_model_file` checks a whole document in memory and returns every problem with its place in
the file (`boards[3].goals[1].target_area: okänt målområde 'x'`). `build_plan` does the same checks and,
when there is no problem, returns the unsaved model instances that `model_file_load` writes. The checks
are the in-memory equivalent of full_clean() on every object plus the model's rules, so nothing needs a
query per row (two queries read Agenda 2030). This module holds the checks of the goal chain; they build
on typecheck.py (keys and types), references.py (references, read ahead) and records.py (council goals,
assignments, steering documents, roles). parsing.py reads the YAML text.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styrkraft.core import validators
from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Municipality, Organ, Term
from styrkraft.steering import rules
from styrkraft.steering.modelfile.parsing import ModelFileError, Problem, join_path, term_label
from styrkraft.steering.modelfile.plan import Plan
from styrkraft.steering.modelfile.records import RecordChecker
from styrkraft.steering.modelfile.schema import (
    GOAL_SETTING_KINDS,
    KOLADA_KPI,
    KOLADA_MUNICIPALITY,
    NON_GOAL_SETTING_KINDS,
    ROOT_PATH,
    SCHEMA_VERSION,
)
from styrkraft.steering.modelfile.typecheck import Node
from styrkraft.steering.models import (
    Commitment,
    Decision,
    Goal,
    PoliticalIntent,
    RecordState,
    TargetArea,
    Vision,
)


class _Figures(list):
    """A list that answers .all() like a related manager, for rules.goal_findings in memory."""

    def all(self):
        return self


class _Checker(RecordChecker):
    """Every check of a model file: the goal chain here, the rest in the classes it builds on."""

    def __init__(self, data):
        super().__init__(data)
        self.max_goals = settings.STYRKRAFT_DEFAULT_MAX_GOALS

    # -- the document, in file order --

    def run(self) -> None:
        root = self.shape(self.data, "", "file")
        if root is None:
            return
        self.read_ahead()
        if "schema" in root and root["schema"] != SCHEMA_VERSION:
            self.add(
                "schema",
                _("okänd schemaversion %(version)s (Styrkraft läser version %(supported)s)")
                % {"version": root["schema"], "supported": SCHEMA_VERSION},
            )
        self.check_municipality(root.get("municipality"))
        if "vision" in root:
            self.check_vision(root["vision"])
        for path, raw in root.get("terms", []):
            self.check_term(raw, path)
        order = 0
        for section, kind in (("organs", "organ"), ("boards", "board")):
            for path, raw in root.get(section, []):
                self.check_organ(raw, path, kind, order)
                order += 1
        for order, (path, raw) in enumerate(root.get("council_goals", [])):
            self.check_council_goal(raw, path, order)
        for path, raw in root.get("assignments", []):
            self.check_assignment(raw, path)
        for path, raw in root.get("steering_documents", []):
            self.check_steering_document(raw, path)
        for path, raw in root.get("roles", []):
            self.check_role(raw, path)
        if not self.problems:
            self.resolve_links()
            self.clean_fields()

    def check_municipality(self, raw) -> None:
        node = self.shape(raw, "municipality", "municipality") if raw is not None else None
        node = node if node is not None else Node("municipality")
        slug = self.ident(node, "municipality")
        kolada_id = node.get("kolada_id", "")
        if kolada_id and not KOLADA_MUNICIPALITY.fullmatch(kolada_id):
            self.add(
                node.at("kolada_id"),
                _("ogiltigt kommun-id i Kolada '%(id)s' (fyra siffror, t.ex. '1980')") % {"id": kolada_id},
            )
        limits = {}
        for key, default in (
            ("max_goals_per_organ", settings.STYRKRAFT_DEFAULT_MAX_GOALS),
            ("min_target_areas", settings.STYRKRAFT_DEFAULT_MIN_TARGET_AREAS),
        ):
            limits[key] = node.get(key, default)
            if limits[key] < 1:
                self.add(node.at(key), _("måste vara minst 1"))
                limits[key] = default
        self.max_goals = limits["max_goals_per_organ"]
        self.demo = node.get("demo", False)
        self.plan.municipality = Municipality(
            slug=slug or "",
            name=self.text(node, "name", Municipality),
            kolada_id=kolada_id,
            kolada_peer_group=node.get("kolada_peer_group", ""),
            is_demo=self.demo,
            **limits,
        )
        self.paths[id(self.plan.municipality)] = node.path

    def check_vision(self, raw) -> None:
        node = self.shape(raw, "vision", "vision")
        if node is None:
            return
        self.plan.vision = Vision(
            municipality=self.plan.municipality,
            title=self.text(node, "title", Vision),
            text=self.text(node, "text", Vision),
        )
        self.paths[id(self.plan.vision)] = node.path

    def check_term(self, raw, path: str) -> None:
        node = self.shape(raw, path, "term")
        if node is None:
            return
        start, end = self.year(node, "start_year"), self.year(node, "end_year")
        term = Term(municipality=self.plan.municipality, start_year=start, end_year=end)
        if start is not None and end is not None:
            if end < start:
                self.add(
                    node.at("end_year"),
                    _("sista planåret %(end)s ligger före det första, %(start)s")
                    % {"end": end, "start": start},
                )
            else:
                for other in self.plan.terms:
                    if other.start_year <= end and start <= other.end_year:
                        self.add(
                            node.at("start_year"),
                            _("mandatperioden %(term)s överlappar mandatperioden %(other)s (%(path)s)")
                            % {
                                "term": term_label((start, end)),
                                "other": term_label((other.start_year, other.end_year)),
                                "path": self.paths[id(other)],
                            },
                        )
                        break
                else:
                    self.keep(self.plan.terms, term, path)
        if "political_intent" in node:
            self.check_intent(node["political_intent"], node.at("political_intent"), term)

    def check_intent(self, raw, path: str, term: Term) -> None:
        node = self.shape(raw, path, "political_intent")
        if node is None:
            return
        intent = PoliticalIntent(
            term=term,
            title=self.text(node, "title", PoliticalIntent),
            text=self.text(node, "text", PoliticalIntent),
        )
        if "decision" in node:
            decision = self.shape(node["decision"], node.at("decision"), "decision")
            if decision is not None:
                intent.decision = self.file_decision(decision, title=intent.title)
        self.keep(self.plan.intents, intent, path)
        for order, (area_path, area_raw) in enumerate(node.get("target_areas", [])):
            self.check_target_area(area_raw, area_path, intent, order)

    def check_target_area(self, raw, path: str, intent: PoliticalIntent, order: int) -> None:
        node = self.shape(raw, path, "target_area")
        if node is None:
            return
        code = self.ident(node, "target_area")
        area = TargetArea(
            intent=intent, code=code or "", title=self.text(node, "title", TargetArea), order=order
        )
        self.keep(self.plan.target_areas, area, path, "target_area", code)
        for pk in self.sdg_goal_refs(node):
            self.plan.target_area_sdg_goals.append((area, pk))
        for position, (commitment_path, commitment_raw) in enumerate(node.get("commitments", [])):
            commitment_node = self.shape(commitment_raw, commitment_path, "commitment")
            if commitment_node is None:
                continue
            commitment_code = self.ident(commitment_node, "commitment")
            commitment = Commitment(
                target_area=area,
                code=commitment_code or "",
                text=self.text(commitment_node, "text", Commitment),
                order=position,
            )
            self.keep(self.plan.commitments, commitment, commitment_path, "commitment", commitment_code)

    def check_organ(self, raw, path: str, kind: str, order: int) -> None:
        node = self.shape(raw, path, kind)
        if node is None:
            return
        slug = self.ident(node, "organ")
        if kind == "organ":
            allowed, hint = (
                NON_GOAL_SETTING_KINDS,
                _("; organ som sätter mål (ks, board, company) står under boards"),
            )
        else:
            allowed, hint = GOAL_SETTING_KINDS, _("; organ som inte sätter mål står under organs")
        organ = Organ(
            municipality=self.plan.municipality,
            slug=slug or "",
            name=self.text(node, "name", Organ),
            kind=self.choice(node, "kind", allowed, hint=hint),
            mandate=self.text(node, "mandate", Organ),
            kolada_peer_group=node.get("kolada_peer_group", ""),
            order=order,
            is_demo=node.get("demo", self.demo),
        )
        self.keep(self.plan.organs, organ, path, "organ", slug)
        self.organ_ref(node, "parent", organ, "parent")
        if slug in self.cycles and node.get("parent") is not None:
            self.add(
                node.at("parent"), _("organen bildar en cirkel: %(cycle)s") % {"cycle": self.cycles[slug]}
            )
        goals_per_year: dict[int, int] = defaultdict(int)
        decisions = self.check_plan_decisions(node, organ)
        for goal_path, goal_raw in node.get("goals", []):
            self.check_goal(goal_raw, goal_path, organ, goals_per_year, decisions)
        for position, (indicator_path, indicator_raw) in enumerate(node.get("indicators", [])):
            self.check_indicator(indicator_raw, indicator_path, organ, None, None, position)

    def check_plan_decisions(self, node: Node, organ: Organ) -> dict[int, Decision]:
        """A board's decisions on its plan years: the goals of a decided year load as decided (frozen,
        with their indicators' targets), with this decision reference."""
        decisions: dict[int, Decision] = {}
        for path, raw in node.get("decisions", []):
            item = self.shape(raw, path, "plan_decision")
            if item is None:
                continue
            year = self.year(item, "year")
            decision = Decision(
                municipality=self.plan.municipality,
                body=organ,
                decided_on=self.date(item, "date", validators.validate_decision_date),
                paragraph=self.text(item, "paragraph", Decision),
                case_number=self.text(item, "case_number", Decision),
                title=self.text(item, "title", Decision)
                or _("Mål för %(organ)s %(year)s") % {"organ": organ.name, "year": year},
            )
            self.organ_ref(item, "body", decision, "body")
            wrong_date = validators.plan_decision_error(decision.decided_on, year=year)
            if wrong_date:  # the same words as services.plan_year_decide
                self.add(item.at("date"), wrong_date)
            if year in decisions:
                self.add(item.at("year"), _("planåret %(year)s har redan ett beslut") % {"year": year})
            elif year is not None:
                decisions[year] = decision
            self.keep(self.plan.decisions, decision, path)
        return decisions

    def check_goal(self, raw, path: str, organ: Organ, goals_per_year: dict, decisions: dict) -> None:
        node = self.shape(raw, path, "goal")
        if node is None:
            return
        code = self.ident(node, "goal")
        year = self.year(node, "year")
        goal = Goal(
            organ=organ,
            year=year,
            code=code or "",
            title=self.text(node, "title", Goal),
            rationale=self.text(node, "rationale", Goal),
            record_state=self.choice(  # its key in the file: status
                node, "status", [RecordState.DRAFT, RecordState.READY], default=RecordState.DRAFT
            ),
            is_public=node.get("public", True),
            is_demo=node.get("demo", self.demo),
        )
        if year in decisions:
            if node.get("status", RecordState.READY) != RecordState.READY:
                self.add(
                    node.at("status"),
                    _("planåret %(year)s är beslutat (decisions); ett mål i det kan inte vara ett utkast")
                    % {"year": year},
                )
            goal.record_state, goal.decision = RecordState.DECIDED, decisions[year]
        self.keep(self.plan.goals, goal, path, "goal", code)
        years = self.area_ref(node, goal)
        self.year_within(node, year, years)
        if year is not None:
            if goals_per_year[year] >= self.max_goals:
                self.add(
                    path, rules.goal_limit_message(organ_name=organ.name, year=year, limit=self.max_goals)
                )
            goal.order = goals_per_year[year]
            goals_per_year[year] += 1
        for code_ in self.id_refs(node, "commitments", self.commitment_ids, _("okänd inriktning '%(id)s'")):
            self.plan.goal_links.append(("commitments", goal, ("commitment", code_)))
        for code_ in self.id_refs(
            node, "council_goals", self.council_goal_ids, _("okänt fullmäktigemål '%(id)s'")
        ):
            self.plan.goal_links.append(("council_goals", goal, ("council_goal", code_)))
        for pk in self.sdg_goal_refs(node):
            self.plan.goal_links.append(("sdg_goals", goal, pk))
        for number in self.id_refs(
            node, "sdg_targets", self.sdg_targets, _("okänt delmål i Agenda 2030 '%(id)s'")
        ):
            self.plan.goal_links.append(("sdg_targets", goal, self.sdg_targets[number]))
        has_responsible_organ = False
        if "responsible" in node:
            responsible = self.shape(node["responsible"], node.at("responsible"), "responsible")
            if responsible is not None:
                # An unknown organ is a problem of its own; rule 4 asks only that one is named.
                self.organ_ref(responsible, "organ", goal, "responsible_organ")
                has_responsible_organ = "organ" in responsible
                goal.responsible_person = self.text(responsible, "person", Goal, "responsible_person")
        views = []
        for position, (indicator_path, indicator_raw) in enumerate(node.get("indicators", [])):
            view = self.check_indicator(indicator_raw, indicator_path, organ, goal, years, position)
            if view is not None:
                views.append(view)
        if goal.record_state in (RecordState.READY, RecordState.DECIDED):
            self.check_ready(node, goal, has_responsible_organ, views)

    def check_ready(self, node: Node, goal: Goal, has_responsible_organ: bool, indicators: list) -> None:
        """Rule 4, as the service applies it: a goal with an error finding is not ready for decision."""
        view = SimpleNamespace(
            organ=SimpleNamespace(slug=goal.organ.slug),
            title=goal.title,
            responsible_organ_id=1 if has_responsible_organ else None,
            responsible_person=goal.responsible_person,
            rationale=goal.rationale,
        )
        errors = [f for f in rules.goal_findings(view, indicators) if f.is_error]
        if errors:
            self.add(
                node.at("status"),
                _("Målet kan inte sättas till ”upprättad”: %(reasons)s")
                % {"reasons": " ".join(f.message for f in errors)},
            )

    def check_indicator(self, raw, path: str, organ: Organ, goal, years, order: int):
        """One indicator of an organ (of one of its goals when `goal` is given, whose term's plan years
        are `years`). Returns what rule 4 needs to know of it."""
        node = self.shape(raw, path, "indicator")
        if node is None:
            return None
        code = self.ident(node, f"indicator in {self.paths[id(organ)]}")  # ids are unique per organ
        kolada = node.get("kolada", "")
        if kolada and not KOLADA_KPI.fullmatch(kolada):
            self.add(
                node.at("kolada"),
                _("ogiltigt Kolada-id '%(id)s' (ett Kolada-id ser ut som N15419 eller U23401)")
                % {"id": kolada},
            )
        indicator = Indicator(
            organ=organ,
            goal=goal,
            code=code or "",
            title=self.text(node, "title", Indicator),
            unit=self.text(node, "unit", Indicator),
            direction=self.choice(node, "direction", Indicator.Direction.values),
            source=Indicator.Source.KOLADA if kolada else Indicator.Source.OWN,
            kolada_id=kolada,
            order=order,
            is_demo=node.get("demo", self.demo),
        )
        if goal is not None and goal.record_state == RecordState.DECIDED:
            indicator.targets_state, indicator.targets_decision = RecordState.DECIDED, goal.decision
        self.keep(self.plan.indicators, indicator, path)
        if "baseline" in node:
            baseline = self.shape(node["baseline"], node.at("baseline"), "baseline")
            if baseline is not None:
                indicator.baseline_year = self.year(baseline, "year")
                indicator.baseline_value = baseline.get("value")
        for year, (_path, value) in sorted(node.get("values", {}).items()):
            self.plan.values.append((indicator, year, value))
        targets = _Figures()
        for year, (target_path, value) in sorted(node.get("targets", {}).items()):
            if years is not None and not years[0] <= year <= years[1]:
                self.add(
                    target_path,
                    _("målvärdet för %(year)s ligger utanför mandatperioden %(term)s")
                    % {"year": year, "term": term_label(years)},
                )
            self.plan.targets.append((indicator, year, value))
            targets.append(year)
        return SimpleNamespace(has_baseline=indicator.has_baseline, targets=targets)

    # -- after the checks --

    def clean_fields(self) -> None:
        """Every object's own field validation (what full_clean() does without queries), as a last net
        under the checks above. Yearly figures are checked above and skipped here for speed."""
        plan = self.plan
        objects = [plan.municipality, *([plan.vision] if plan.vision else []), *plan.terms, *plan.intents]
        objects += [*plan.target_areas, *plan.commitments, *plan.organs, *plan.council_goals, *plan.decisions]
        objects += plan.goals
        objects += [*plan.indicators, *plan.assignments, *plan.steering_documents]
        for instance in objects:
            relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
            try:
                instance.clean_fields(exclude=relations)
            except ValidationError as exc:
                path = self.paths.get(id(instance), ROOT_PATH)
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        self.add(join_path(path, name), message)


def build_plan(data) -> Plan:
    """The unsaved objects of a model file's data. Raises ModelFileError with every problem."""
    checker = check_model_file(data)
    if checker.problems:
        raise ModelFileError(checker.problems)
    return checker.plan


def check_model_file(data) -> "_Checker":
    """Run every check; the result has .problems and, when there are none, a complete .plan."""
    checker = _Checker(data)
    checker.run()
    return checker


def validate_model_file(data) -> list[Problem]:
    """Every problem of a model file's data (parsed YAML or a dict in the same form); [] when valid."""
    return check_model_file(data).problems
