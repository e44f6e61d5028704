"""Factories for test data. They build through the ORM directly: they set up the world a test needs;
the behaviour under test always goes through the services."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.org.models import Municipality, Organ, OrganRole, Term
from styrkraft.steering.models import (
    Assignment,
    Commitment,
    CouncilGoal,
    Decision,
    Goal,
    PoliticalIntent,
    RecordState,
    SteeringDocument,
    TargetArea,
    Vision,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.PostGenerationMethodCall("set_password", "lösenord-för-test")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    kolada_id = "1980"


class OrganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organ

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Nämnd {n}")
    slug = factory.Sequence(lambda n: f"namnd-{n}")
    kind = Organ.Kind.BOARD
    mandate = "Nämndens uppdrag."


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    municipality = factory.SubFactory(MunicipalityFactory)
    start_year = 2023
    end_year = 2026


class PoliticalIntentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliticalIntent

    term = factory.SubFactory(TermFactory)
    title = "Politisk viljeinriktning för mandatperioden"


class TargetAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetArea

    intent = factory.SubFactory(PoliticalIntentFactory)
    code = factory.Sequence(lambda n: f"omrade-{n}")
    title = factory.Sequence(lambda n: f"Målområde {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    target_area = factory.SubFactory(TargetAreaFactory)
    code = factory.Sequence(lambda n: f"inriktning-{n}")
    text = factory.Sequence(lambda n: f"Under mandatperioden ökar något {n}.")


class CouncilGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilGoal

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2024
    code = factory.Sequence(lambda n: f"kf-mal-{n}")
    title = factory.Sequence(lambda n: f"Fullmäktiges mål {n}")


class VisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vision

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Vision 2026"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    organ = factory.SubFactory(OrganFactory)
    year = 2024
    code = factory.Sequence(lambda n: f"mal-{n}")
    title = factory.Sequence(lambda n: f"Mål {n}")
    rationale = "Därför att det behövs."
    target_area = factory.SubFactory(TargetAreaFactory)
    responsible_organ = factory.SelfAttribute("organ")
    responsible_person = "Förvaltningschef"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    organ = factory.SelfAttribute("goal.organ")
    goal = factory.SubFactory(GoalFactory)
    code = factory.Sequence(lambda n: f"nyckeltal-{n}")
    title = factory.Sequence(lambda n: f"Nyckeltal {n}")
    unit = "%"
    direction = Indicator.Direction.HIGHER
    baseline_year = 2022
    baseline_value = Decimal("50.0")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2023
    value = Decimal("52.0")


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    value = Decimal("60.0")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    municipality = factory.SelfAttribute("giver.municipality")
    giver = factory.SubFactory(OrganFactory, kind=Organ.Kind.EXECUTIVE)
    receiver = factory.SubFactory(OrganFactory, municipality=factory.SelfAttribute("..giver.municipality"))
    code = factory.Sequence(lambda n: f"uppdrag-{n}")
    year = 2024
    title = factory.Sequence(lambda n: f"Uppdrag {n}")
    deadline = datetime.date(2024, 10, 31)
    report_back = "Till kommunstyrelsen"
    record_state = RecordState.READY


class SteeringDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringDocument

    municipality = factory.SelfAttribute("owner.municipality")
    owner = factory.SubFactory(OrganFactory)
    decided_by = factory.SelfAttribute("owner")
    code = factory.Sequence(lambda n: f"dokument-{n}")
    title = factory.Sequence(lambda n: f"Program {n}")
    doc_type = SteeringDocument.Type.PROGRAM
    decided_on = datetime.date(2022, 6, 9)
    paragraph = ""
    case_number = ""
    record_state = RecordState.DECIDED

    @classmethod
    def _create(cls, model_class, *args, decided_by, decided_on, paragraph, case_number, **kwargs):
        """`decided_by`, `decided_on`, `paragraph`, `case_number`: the document's Decision (none when
        decided_by or decided_on is None)."""
        if decided_by is not None and decided_on is not None and "decision" not in kwargs:
            kwargs["decision"] = Decision.objects.create(
                municipality=kwargs["municipality"],
                body=decided_by,
                decided_on=decided_on,
                paragraph=paragraph,
                case_number=case_number,
                title=kwargs["title"],
            )
        return super()._create(model_class, *args, **kwargs)


class OrganRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganRole

    user = factory.SubFactory(UserFactory)
    organ = factory.SubFactory(OrganFactory)
    role = OrganRole.Role.EDITOR
