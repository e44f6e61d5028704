"""The municipalities the browser tests look at, written to the live server's database through the
model-file loader (the same service as `styrkraft load`)."""

from dataclasses import dataclass
from pathlib import Path

from styrkraft.indicators.models import Indicator
from styrkraft.org.models import Municipality, Organ
from styrkraft.steering.modelfile import model_file_load, parse_model_file
from styrkraft.steering.models import Assignment, Goal
from tests import factories as f

BASE_DIR = Path(__file__).resolve().parents[2]
SMALL_FILE = BASE_DIR / "docs" / "examples" / "liten-kommun.yaml"
VASTERAS_FILE = BASE_DIR / "styrkraft" / "steering" / "demo" / "vasteras.yaml"


@dataclass
class SmallWorld:
    municipality: Municipality
    board: Organ  # Skolnämnden: two goals for 2024, edited by `editor`
    goal: Goal
    indicator: Indicator
    assignment: Assignment  # from KS to Skolnämnden
    editor: object  # a user with the editor role on `board` (password: helpers.PASSWORD)
    year: int = 2024


def load_model_file(path: Path) -> Municipality:
    return model_file_load(actor="browser tests", data=parse_model_file(path.read_text(encoding="utf-8")))


def build_small_world() -> SmallWorld:
    """Liten kommun (docs/examples/liten-kommun.yaml) and an editor of its Skolnämnden."""
    municipality = load_model_file(SMALL_FILE)
    board = Organ.objects.get(municipality=municipality, slug="skolnamnden")
    goal = Goal.objects.get(organ=board, year=2024, code="skola-behorighet")
    editor = f.OrganRoleFactory(organ=board, user__username="redaktor-skola").user
    return SmallWorld(
        municipality=municipality,
        board=board,
        goal=goal,
        indicator=Indicator.objects.get(goal=goal, code="n15428"),
        assignment=Assignment.objects.get(municipality=municipality, code="skolskjuts"),
        editor=editor,
    )
