"""The checks of a model file's records beside the goal chain: council goals, assignments, steering
documents and the roles given to users."""

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.utils.translation import gettext as _

from styrkraft.core import validators
from styrkraft.org.models import OrganRole
from styrkraft.org.roles import ROLE_NAMES, parse_role
from styrkraft.steering.modelfile.plan import PlannedRole
from styrkraft.steering.modelfile.references import ReferenceChecker
from styrkraft.steering.modelfile.typecheck import Node
from styrkraft.steering.models import Assignment, CouncilGoal, Decision, RecordState, SteeringDocument


class RecordChecker(ReferenceChecker):
    """Reference checks plus the checks of council goals, assignments, steering documents and roles."""

    def __init__(self, data):
        super().__init__(data)
        self.demo = False  # the file's default for `demo` (the municipality's)
        self.role_emails: dict[str, tuple[str, str]] = {}  # username -> (e-mail, where first given)

    def record_state(self, node: Node, instance, *, default: str, decided: bool, missing: str) -> None:
        """The records state of an assignment or steering document: `state` (utkast/upprättad/beslutad
        as draft/ready/decided; a file holds the version in force, never a replaced one); `decided` says
        whether the file gives the decision reference."""
        states = [RecordState.DRAFT, RecordState.READY, RecordState.DECIDED]
        state = self.choice(node, "state", states, default=default)
        if state == RecordState.DECIDED and not decided:
            self.add(node.at("state"), missing)
        instance.record_state = state
        instance.is_public = node.get("public", True)

    def file_decision(self, node: Node, *, title: str, body: str = "body", date: str = "date") -> Decision:
        """A decision reference given in the file (`body` and `date` name its keys: a decision's
        body/date, a steering document's decided_by/decided_on), kept to be written before the items
        that point at it. Both the deciding body and the date are needed."""
        decision = Decision(
            municipality=self.plan.municipality,
            decided_on=self.date(node, date, validators.validate_decision_date),
            paragraph=self.text(node, "paragraph", Decision),
            case_number=self.text(node, "case_number", Decision),
            title=title[:300],
        )
        if body in node:
            self.organ_ref(node, body, decision, "body")
        else:
            self.add(node.path, _("beslutet behöver %(key)s (det beslutande organet)") % {"key": body})
        if node.get(date) is None:
            self.add(node.path, _("beslutet behöver %(key)s (beslutsdatum)") % {"key": date})
        self.keep(self.plan.decisions, decision, node.path)
        return decision

    def check_council_goal(self, raw, path: str, order: int) -> None:
        node = self.shape(raw, path, "council_goal")
        if node is None:
            return
        code = self.ident(node, "council_goal")
        year = self.year(node, "year")
        goal = CouncilGoal(
            municipality=self.plan.municipality,
            year=year,
            code=code or "",
            title=self.text(node, "title", CouncilGoal),
            description=self.text(node, "description", CouncilGoal),
            order=order,
            is_demo=node.get("demo", self.demo),
        )
        self.keep(self.plan.council_goals, goal, path, "council_goal", code)
        self.year_within(node, year, self.area_ref(node, goal))

    def check_assignment(self, raw, path: str) -> None:
        node = self.shape(raw, path, "assignment")
        if node is None:
            return
        code = self.ident(node, "assignment")
        assignment = Assignment(
            municipality=self.plan.municipality,
            code=code or "",
            year=self.year(node, "year"),
            title=self.text(node, "title", Assignment),
            description=self.text(node, "description", Assignment),
            deadline=self.date(node, "deadline", validators.validate_plausible_date),
            report_back=self.text(node, "report_back", Assignment),
            progress=self.choice(  # its key in the file: status
                node, "status", Assignment.Progress.values, default=Assignment.Progress.NOT_STARTED
            ),
            is_demo=node.get("demo", self.demo),
        )
        self.keep(self.plan.assignments, assignment, path)
        decision = (
            self.shape(node["decision"], node.at("decision"), "decision") if "decision" in node else None
        )
        if decision is not None:
            assignment.decision = self.file_decision(decision, title=assignment.title)
        # The same words as Assignment.clean().
        deadline = validators.deadline_error(
            assignment.deadline,
            year=assignment.year,
            decided_on=assignment.decision.decided_on if decision is not None else None,
        )
        if deadline:
            self.add(node.at("deadline"), deadline)
        self.record_state(
            node,
            assignment,
            default=RecordState.DECIDED if decision is not None else RecordState.READY,
            decided=decision is not None,
            missing=_("ett beslutat uppdrag behöver decision (beslutande organ och datum)"),
        )
        giver = self.organ_ref(node, "giver", assignment, "giver")
        receiver = self.organ_ref(node, "receiver", assignment, "receiver")
        if giver and receiver and giver == receiver:
            # The same words as Assignment.clean().
            self.add(node.at("receiver"), _("Ett uppdrag ges till ett annat organ än uppdragsgivaren."))
        goal = node.get("goal")
        if goal is not None:
            if goal not in self.goal_organ:
                self.add(node.at("goal"), _("okänt mål '%(id)s'") % {"id": goal})
            else:
                self.links.append((assignment, "goal", "goal", goal))
                if receiver and self.goal_organ[goal] != receiver:
                    self.add(node.at("goal"), _("Målet hör till ett annat organ än mottagaren."))

    def check_steering_document(self, raw, path: str) -> None:
        node = self.shape(raw, path, "steering_document")
        if node is None:
            return
        code = self.ident(node, "steering_document")
        document = SteeringDocument(
            municipality=self.plan.municipality,
            code=code or "",
            title=self.text(node, "title", SteeringDocument),
            doc_type=self.choice(node, "type", SteeringDocument.Type.values),
            next_review=self.date(node, "next_review", validators.validate_plausible_date),
            validity=self.choice(  # its key in the file: status
                node, "status", SteeringDocument.Validity.values, default=SteeringDocument.Validity.IN_FORCE
            ),
            is_demo=node.get("demo", self.demo),
        )
        self.keep(self.plan.steering_documents, document, path)
        self.organ_ref(node, "owner", document, "owner")
        # Schema 1 gives a document's decision inline: decided_by, decided_on, paragraph, case_number.
        decided = "decided_by" in node and "decided_on" in node
        if decided:
            document.decision = self.file_decision(
                node, title=document.title, body="decided_by", date="decided_on"
            )
        elif node.get("state") != RecordState.DECIDED and any(
            key in node for key in ("decided_by", "decided_on", "paragraph", "case_number")
        ):
            self.add(node.path, _("ett beslut behöver både decided_by och decided_on"))
        # The same words as SteeringDocument.clean().
        decided_on = document.decision.decided_on if decided else None
        next_review = validators.next_review_error(document.next_review, decided_on=decided_on)
        if next_review:
            self.add(node.at("next_review"), next_review)
        self.record_state(
            node,
            document,
            default=RecordState.DECIDED if decided else RecordState.DRAFT,
            decided=decided,
            missing=_("ett beslutat styrdokument behöver decided_by och decided_on"),
        )

    def check_role(self, raw, path: str) -> None:
        node = self.shape(raw, path, "role")
        if node is None:
            return
        username, email = node.get("user"), node.get("email", "")
        if username is not None:
            try:
                UnicodeUsernameValidator()(username)
                MaxLengthValidator(150)(username)
            except ValidationError:
                self.add(
                    node.at("user"),
                    _("ogiltigt användarnamn '%(user)s' (bokstäver, siffror och @ . + - _, högst 150 tecken)")
                    % {"user": username},
                )
                username = None
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.add(node.at("email"), _("ogiltig e-postadress '%(email)s'") % {"email": email})
                email = ""
        role = None
        if "role" in node:
            role = parse_role(node["role"])
            if role is None:
                self.add(
                    node.at("role"),
                    _("ogiltigt värde '%(value)s' (tillåtna värden: %(choices)s)")
                    % {"value": node["role"], "choices": ", ".join(ROLE_NAMES)},
                )
        organ = node.get("organ")
        if role == OrganRole.Role.ADMIN and organ is not None:
            self.add(
                node.at("organ"),
                _("en administratör gäller hela kommunen och ges utan organ; ta bort 'organ'"),
            )
            return
        if role is not None and role != OrganRole.Role.ADMIN and organ is None and "organ" not in node:
            self.add(node.at("organ"), _("obligatorisk nyckel saknas"))
            return
        if organ is not None and organ not in self.organ_names:
            self.add(node.at("organ"), _("okänt organ '%(id)s'") % {"id": organ})
            return
        if username is None or role is None or (organ is None and role != OrganRole.Role.ADMIN):
            return
        key = (username.lower(), role, organ)
        first = self.seen["role"].get(key)
        if first is not None:
            self.add(path, _("dubblett: samma roll står redan i %(first)s") % {"first": first})
            return
        self.seen["role"][key] = path
        if email:
            earlier = self.role_emails.setdefault(username.lower(), (email, path))
            if earlier[0].lower() != email.lower():
                self.add(
                    node.at("email"),
                    _("användaren '%(user)s' har en annan e-postadress i %(first)s")
                    % {"user": username, "first": earlier[1]},
                )
                return
        self.plan.roles.append(PlannedRole(user=username, email=email, role=role, organ=organ))
