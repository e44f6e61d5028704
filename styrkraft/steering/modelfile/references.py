"""References inside a model file: what the file defines (organs, target areas and their terms,
commitments, council goals, goals), read before the checks so that a reference may point forward, and
the checks of references to them and to Agenda 2030. The links are resolved once every object is built."""

from collections import defaultdict

from django.utils.translation import gettext as _

from styrkraft.steering.modelfile.parsing import term_label
from styrkraft.steering.modelfile.plan import Plan
from styrkraft.steering.modelfile.typecheck import Node, TypeChecker
from styrkraft.steering.models import SdgGoal, SdgTarget


class ReferenceChecker(TypeChecker):
    """Type checks plus the file's references; builds its objects into `plan`."""

    def __init__(self, data):
        super().__init__()
        self.data = data
        self.plan = Plan()
        self.sdg_goals: dict[int, int] = {}
        self.sdg_targets: dict[str, int] = {}
        # what the file defines, read before the checks so references may point forward
        self.organ_names: dict[str, str] = {}
        self.parent_of: dict[str, str] = {}
        self.cycles: dict[str, str] = {}
        self.area_years: dict[str, tuple[int, int] | None] = {}
        self.commitment_ids: set[str] = set()
        self.council_goal_ids: set[str] = set()
        self.goal_organ: dict[str, str] = {}
        # built objects by id, and references to resolve once everything is built
        self.built = defaultdict(dict)
        self.links: list[tuple] = []  # (instance, attribute, kind, id)
        self.paths: dict[int, str] = {}  # id(instance) -> its place in the file

    def keep(self, objects: list, instance, path: str, kind: str = "", code: str | None = None) -> None:
        """Add a built object to its list of the plan and note its place in the file and, when it has
        a valid id (`code`), the object that references of `kind` to that id point to."""
        objects.append(instance)
        self.paths[id(instance)] = path
        if code:
            self.built[kind][code] = instance

    def organ_ref(self, node: Node, key: str, instance, attribute: str) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if value not in self.organ_names:
            self.add(node.at(key), _("okänt organ '%(id)s'") % {"id": value})
            return None
        self.links.append((instance, attribute, "organ", value))
        return value

    def area_ref(self, node: Node, instance) -> tuple[int, int] | None:
        """Link the object to its target area; return the plan years of the area's term when known."""
        value = node.get("target_area")
        if value is None:
            return None
        if value not in self.area_years:
            self.add(node.at("target_area"), _("okänt målområde '%(id)s'") % {"id": value})
            return None
        self.links.append((instance, "target_area", "target_area", value))
        return self.area_years[value]

    def year_within(self, node: Node, year: int | None, years: tuple[int, int] | None) -> None:
        if year is not None and years is not None and not years[0] <= year <= years[1]:
            # The same words as Goal.clean(), so the web form and the loader say the same.
            self.add(
                node.at("year"),
                _("Planåret %(year)s ligger utanför mandatperioden %(term)s.")
                % {"year": year, "term": term_label(years)},
            )

    def sdg_goal_refs(self, node: Node, key: str = "sdg_goals") -> list[int]:
        found = []
        for path, number in node.get(key, []):
            if number not in self.sdg_goals:
                self.add(
                    path, _("okänt globalt mål %(number)s (Agenda 2030 har mål 1–17)") % {"number": number}
                )
            elif number in found:
                self.add(path, _("globalt mål %(number)s står redan i listan") % {"number": number})
            else:
                found.append(number)
        return [self.sdg_goals[n] for n in found]

    def id_refs(self, node: Node, key: str, known, message: str) -> list[str]:
        found = []
        for path, value in node.get(key, []):
            if value not in known:
                self.add(path, message % {"id": value})
            elif value in found:
                self.add(path, _("'%(id)s' står redan i listan") % {"id": value})
            else:
                found.append(value)
        return found

    # -- reading ahead: what the file defines --

    @staticmethod
    def _items(container, key):
        if isinstance(container, dict) and isinstance(container.get(key), list):
            return [item for item in container[key] if isinstance(item, dict)]
        return []

    def read_ahead(self) -> None:
        """Agenda 2030's goals and targets (two queries) and the ids the file defines."""
        self.sdg_goals = dict(SdgGoal.objects.values_list("number", "pk"))
        self.sdg_targets = dict(SdgTarget.objects.values_list("number", "pk"))
        data = self.data
        for section in ("organs", "boards"):
            for raw in self._items(data, section):
                oid = raw.get("id")
                if isinstance(oid, str) and oid not in self.organ_names:
                    name = raw.get("name")
                    self.organ_names[oid] = name if isinstance(name, str) else oid
                    if isinstance(raw.get("parent"), str):
                        self.parent_of[oid] = raw["parent"]
        in_a_cycle: set[str] = set()
        for oid in self.organ_names:
            chain, current = [oid], self.parent_of.get(oid)
            while current is not None and current != oid and current not in chain:
                chain.append(current)
                current = self.parent_of.get(current)
            if current == oid and not in_a_cycle.intersection(chain):
                self.cycles[oid] = " → ".join([*chain, oid])
                in_a_cycle.update(chain)
        for term in self._items(data, "terms"):
            start, end = term.get("start_year"), term.get("end_year")
            valid = all(isinstance(y, int) and not isinstance(y, bool) for y in (start, end)) and start <= end
            intent = term.get("political_intent")
            for area in self._items(intent, "target_areas"):
                if isinstance(area.get("id"), str):
                    self.area_years.setdefault(area["id"], (start, end) if valid else None)
                for commitment in self._items(area, "commitments"):
                    if isinstance(commitment.get("id"), str):
                        self.commitment_ids.add(commitment["id"])
        for goal in self._items(data, "council_goals"):
            if isinstance(goal.get("id"), str):
                self.council_goal_ids.add(goal["id"])
        for board in self._items(data, "boards"):
            for goal in self._items(board, "goals"):
                if isinstance(goal.get("id"), str):
                    self.goal_organ.setdefault(goal["id"], board.get("id"))

    def resolve_links(self) -> None:
        """Point every reference at the object built for its id, once all are built."""
        for instance, attribute, kind, key in self.links:
            setattr(instance, attribute, self.built[kind][key])
        self.plan.goal_links = [
            (name, goal, self.built[target[0]][target[1]] if isinstance(target, tuple) else target)
            for name, goal, target in self.plan.goal_links
        ]
