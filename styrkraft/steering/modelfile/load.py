"""Writing a model file: the service behind `styrkraft load` and `styrkraft load_demo`.

The whole file is checked in memory first (validate.build_plan); only a file without problems is
written, in one transaction, with bulk inserts (a Göteborg-size municipality is some 35,000 rows), and
one audit record with action "load" (and, for the file's roles, one per user created and role given)."""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from styrkraft.org import services as org_services
from styrkraft.org.models import Municipality, Organ, OrganRole, Term
from styrkraft.steering.modelfile.parsing import ModelFileError, Problem
from styrkraft.steering.modelfile.plan import Plan
from styrkraft.steering.modelfile.validate import check_model_file
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
)

BATCH_SIZE = 1000


@transaction.atomic
def model_file_load(*, actor, data, replace: bool = False) -> Municipality:
    """Write the municipality that a model file's data describes. Refuses (ModelFileError, nothing
    written) a file with any problem, and a municipality whose id already exists unless `replace`, in
    which case the old municipality is deleted in the same transaction."""
    checker = check_model_file(data)
    problems = list(checker.problems)
    slug = checker.plan.municipality.slug if checker.plan.municipality else ""
    existing = Municipality.objects.select_for_update().filter(slug=slug).first() if slug else None
    if existing is not None and not replace:
        problems.insert(
            0,
            Problem(
                "municipality.id",
                _("kommunen '%(id)s' finns redan; använd --replace för att ersätta den") % {"id": slug},
            ),
        )
    if problems:
        raise ModelFileError(problems)
    plan = checker.plan
    if existing is not None:
        _delete_municipality(existing)
    _write(plan)
    _grant_roles(plan, actor=actor)
    audit.record(
        actor=actor,
        action=AuditRecord.Action.LOAD,
        instance=plan.municipality,
        changes={"replaced": existing is not None, "counts": plan.counts()},
    )
    return plan.municipality


def _delete_municipality(municipality: Municipality) -> None:
    """Delete a municipality and its whole chain. Several references are PROTECT (so that a single
    organ or target area in use cannot be deleted by mistake): delete from the leaves up."""
    # Version chains protect their older versions; the whole municipality goes, so unlink them first.
    Assignment.all_objects.filter(municipality=municipality).update(supersedes=None)
    SteeringDocument.all_objects.filter(municipality=municipality).update(supersedes=None)
    Goal.all_objects.filter(organ__municipality=municipality).update(supersedes=None)
    Assignment.all_objects.filter(municipality=municipality).delete()
    SteeringDocument.all_objects.filter(municipality=municipality).delete()
    Indicator.all_objects.filter(organ__municipality=municipality).delete()
    Goal.all_objects.filter(organ__municipality=municipality).delete()
    PoliticalIntent.objects.filter(term__municipality=municipality).update(decision=None)
    Decision.objects.filter(municipality=municipality).delete()
    CouncilGoal.objects.filter(municipality=municipality).delete()
    Term.objects.filter(municipality=municipality).delete()
    Organ.objects.filter(municipality=municipality).update(parent=None)
    municipality.delete()


def _depth(organ: Organ) -> int:
    depth, parent = 0, organ.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _write(plan: Plan) -> None:
    plan.municipality.save()
    if plan.vision is not None:
        plan.vision.save()
    # Parents before children, one insert per level of the organ tree.
    levels: dict[int, list[Organ]] = {}
    for organ in plan.organs:
        levels.setdefault(_depth(organ), []).append(organ)
    for depth in sorted(levels):
        Organ.objects.bulk_create(levels[depth], batch_size=BATCH_SIZE)
    Term.objects.bulk_create(plan.terms, batch_size=BATCH_SIZE)
    # Every decision before the items that point at it (intents, goals, targets, assignments, documents).
    Decision.objects.bulk_create(plan.decisions, batch_size=BATCH_SIZE)
    PoliticalIntent.objects.bulk_create(plan.intents, batch_size=BATCH_SIZE)
    TargetArea.objects.bulk_create(plan.target_areas, batch_size=BATCH_SIZE)
    through = TargetArea.sdg_goals.through
    through.objects.bulk_create(
        [through(targetarea_id=area.pk, sdggoal_id=pk) for area, pk in plan.target_area_sdg_goals],
        batch_size=BATCH_SIZE,
    )
    Commitment.objects.bulk_create(plan.commitments, batch_size=BATCH_SIZE)
    CouncilGoal.objects.bulk_create(plan.council_goals, batch_size=BATCH_SIZE)
    Goal.objects.bulk_create(plan.goals, batch_size=BATCH_SIZE)
    links: dict[str, list] = {}
    for name, goal, target in plan.goal_links:
        links.setdefault(name, []).append((goal.pk, target if isinstance(target, int) else target.pk))
    for name, pairs in links.items():
        m2m = Goal._meta.get_field(name)
        model = m2m.remote_field.through
        own, other = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
        model.objects.bulk_create([model(**{own: a, other: b}) for a, b in pairs], batch_size=BATCH_SIZE)
    decided = {id(i): [] for i in plan.indicators if i.targets_state == RecordState.DECIDED}
    for indicator, year, value in plan.targets:
        if id(indicator) in decided:
            decided[id(indicator)].append((year, value))
    for indicator in plan.indicators:
        if id(indicator) in decided:
            indicator.decided_targets = Indicator.targets_snapshot(decided[id(indicator)])
    Indicator.objects.bulk_create(plan.indicators, batch_size=BATCH_SIZE)
    _insert_figures(IndicatorValue, plan.values)
    _insert_figures(IndicatorTarget, plan.targets)
    Assignment.objects.bulk_create(plan.assignments, batch_size=BATCH_SIZE)
    SteeringDocument.objects.bulk_create(plan.steering_documents, batch_size=BATCH_SIZE)


def _grant_roles(plan: Plan, *, actor) -> None:
    """The file's roles, through the same services as `styrkraft grant` (an audit record each). A user
    that does not exist is created without a usable password. An administrator is site-wide: one who
    already is stays so (a site-wide role outlives a --replace of the municipality), without a second
    grant."""
    organs = {organ.slug: organ for organ in plan.organs}
    users = {}
    for planned in plan.roles:
        key = planned.user.lower()
        if key not in users:
            users[key] = get_user_model().objects.filter(username__iexact=planned.user).first() or (
                org_services.user_create(actor=actor, username=planned.user, email=planned.email)
            )
        organ = organs[planned.organ] if planned.organ is not None else None
        if (
            organ is None
            and OrganRole.objects.filter(user=users[key], role=planned.role, organ=None).exists()
        ):
            continue
        org_services.role_grant(actor=actor, user=users[key], organ=organ, role=planned.role)


def _insert_figures(model, rows: list[tuple]) -> None:
    """Insert yearly values or targets, (Indicator, year, Decimal) each, with one executemany per batch.

    A large municipality has some 30,000 of them; building a model instance per row for bulk_create
    took most of the load's time. The rows were checked like clean_fields() would (validate.py)."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ["indicator_id", "year", "value", "created_at", "updated_at", "version"]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        table, ", ".join(connection.ops.quote_name(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    value_field = model._meta.get_field("value")
    now = model._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            cursor.executemany(
                sql,
                [
                    (indicator.pk, year, value_field.get_db_prep_save(value, connection), now, now, 1)
                    for indicator, year, value in batch
                ],
            )


def model_file_counts(municipality: Municipality) -> dict[str, int]:
    """What a municipality holds, for the one-line summary of the load commands."""
    return {
        "organs": Organ.objects.filter(municipality=municipality).count(),
        "goals": Goal.objects.filter(organ__municipality=municipality).count(),
        "indicators": Indicator.objects.filter(organ__municipality=municipality).count(),
        "values": IndicatorValue.objects.filter(indicator__organ__municipality=municipality).count(),
        "assignments": Assignment.objects.filter(municipality=municipality).count(),
    }


def summary_line(municipality: Municipality) -> str:
    n = model_file_counts(municipality)
    counts = {
        "organs": ngettext("%(n)s organ", "%(n)s organ", n["organs"]) % {"n": n["organs"]},
        "goals": ngettext("%(n)s mål", "%(n)s mål", n["goals"]) % {"n": n["goals"]},
        "indicators": ngettext("%(n)s nyckeltal", "%(n)s nyckeltal", n["indicators"])
        % {"n": n["indicators"]},
        "values": ngettext("%(n)s utfall", "%(n)s utfall", n["values"]) % {"n": n["values"]},
        "assignments": ngettext("%(n)s uppdrag", "%(n)s uppdrag", n["assignments"]) % {"n": n["assignments"]},
    }
    return _(
        "Inläst: %(name)s (%(slug)s): %(organs)s, %(goals)s, %(indicators)s, %(values)s, %(assignments)s."
    ) % {
        "name": municipality.name,
        "slug": municipality.slug,
        **counts,
    }
