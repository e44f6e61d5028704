"""What a valid model file becomes: the `Plan` of unsaved objects that `model_file_load` writes."""

from dataclasses import dataclass, field

from styrkraft.org.models import Municipality
from styrkraft.steering.models import Vision


@dataclass(frozen=True)
class PlannedRole:
    """A role of the file: the user (created without a password when missing) has `role` on the organ
    with id `organ`, or (admin, `organ` None) for the whole municipality."""

    user: str
    email: str
    role: str
    organ: str | None


@dataclass
class Plan:
    """The unsaved objects of a valid model file, in the order they are written."""

    municipality: Municipality | None = None
    vision: Vision | None = None
    terms: list = field(default_factory=list)
    intents: list = field(default_factory=list)
    target_areas: list = field(default_factory=list)
    target_area_sdg_goals: list = field(default_factory=list)  # (TargetArea, SdgGoal pk)
    commitments: list = field(default_factory=list)
    organs: list = field(default_factory=list)
    council_goals: list = field(default_factory=list)
    decisions: list = field(default_factory=list)  # Decision: the boards' plan-year decisions
    goals: list = field(default_factory=list)
    goal_links: list = field(default_factory=list)  # (Goal m2m field name, Goal, object or pk)
    indicators: list = field(default_factory=list)
    values: list = field(default_factory=list)  # (Indicator, year, Decimal): IndicatorValue rows
    targets: list = field(default_factory=list)  # (Indicator, year, Decimal): IndicatorTarget rows
    assignments: list = field(default_factory=list)
    steering_documents: list = field(default_factory=list)
    roles: list = field(default_factory=list)  # PlannedRole: given after the chain is written

    def counts(self) -> dict[str, int]:
        return {
            "organs": len(self.organs),
            "goals": len(self.goals),
            "indicators": len(self.indicators),
            "values": len(self.values),
            "targets": len(self.targets),
            "council_goals": len(self.council_goals),
            "assignments": len(self.assignments),
            "steering_documents": len(self.steering_documents),
        }
