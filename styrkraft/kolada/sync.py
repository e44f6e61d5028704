"""Every write of Kolada data (docs/kolada.md, "Synkronisering" and "Import från fil"): the catalogue,
values synced from the API or imported from recorded files; then the followers (styrkraft.kolada.followers:
the indicators) copy a municipality's own values into their series.

A run fetches (or reads) everything first and then writes in one transaction, so a failure changes no
value; the failed run is then recorded as a `KoladaSync` with `ok=False` and the message. A revised
value is updated with an audit record (old and new), a value Kolada deleted is marked `is_deleted`
(audited), never dropped; the values a run adds are summed up in the run's one audit record."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from styrkraft.core import audit
from styrkraft.core.models import AuditRecord
from styrkraft.kolada import followers
from styrkraft.kolada.client import KoladaClient, KoladaError, KoladaRow
from styrkraft.kolada.models import KoladaArea, KoladaKpi, KoladaSync, KoladaValue
from styrkraft.kolada.recorded import Recorded, read_file

BATCH = 1000
YEARS_BACK = 10  # without --year-from, a sync asks for this many years before the current one
CENT = Decimal("0.01")
CHANGING = ["value", "count", "status", "is_deleted"]  # what a revision or a deletion changes
VALUE_FIELDS = [*CHANGING, "fetched_at", "changed_at"]
KPI_FIELDS = {
    "title": 500,
    "description": None,
    "unit": 40,
    "operating_area": 300,
    "perspective": 100,
    "municipality_type": 4,
    "publ_period": 20,
}
KPI_FLAGS = ["is_divided_by_gender", "has_ou_data"]
KPI_DATES = ["prel_publication_date", "publication_date"]
RECORD_FIELDS = ["kind", "ok", "full", "from_date", "source", "added", "changed", "deleted", "unchanged"]

Progress = Callable[[int, int], None]


@dataclass
class Counts:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0

    def add(self, other: "Counts") -> None:
        for name in ("added", "changed", "deleted", "unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


# --- the three runs ---------------------------------------------------------------------------------


def catalogue_sync(client: KoladaClient, *, actor) -> KoladaSync:
    """Refresh the local catalogue: every KPI (ids and titles of KPIs only named in a KPI group are
    seeded too), every municipality and region, and every municipality group with its members."""
    run = _Run(KoladaSync.Kind.CATALOGUE, actor=actor, source=client.base_url, client=client)
    try:
        recorded = Recorded(
            kpis=client.kpis(),
            kpi_groups=client.kpi_groups(),
            municipalities=client.municipalities(),
            groups=client.municipality_groups(),
        )
    except KoladaError as exc:
        raise run.failed(exc) from exc
    return run.write(lambda: _store_catalogue(recorded, run.now))


def values_sync(
    client: KoladaClient,
    *,
    actor,
    year_from: int | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> KoladaSync:
    """Fetch the values of every live Kolada indicator's KPI: all municipalities (for ranks), each
    municipality's own values, its peer groups (the organ's, else the municipality's) and Riket. Only
    what changed since the last successful sync unless `full`; a KPI or area with no stored values yet
    is always fetched whole. Then copy each municipality's own values into its indicators."""
    series = followers.followed()
    last = KoladaSync.objects.filter(kind=KoladaSync.Kind.SYNC, ok=True).order_by("-started_at").first()
    since = None if full or last is None else timezone.localdate(last.started_at)
    run = _Run(
        KoladaSync.Kind.SYNC, actor=actor, source=client.base_url, client=client, full=full, from_date=since
    )
    kpis = sorted({s.kpi for s in series})
    own = {s.area for s in series} - {""}
    groups = sorted({s.peer_group for s in series} - {""})
    areas = sorted(own | {KoladaArea.RIKET, *groups})
    this_year = timezone.localdate(run.now).year
    years = list(range(year_from or this_year - YEARS_BACK, this_year + 1))
    plan = _plan(kpis, areas, years, since) if kpis else []
    try:
        recorded = Recorded(
            municipalities=client.municipalities() if kpis else [],
            groups=client.municipality_groups(groups) if groups else [],
        )
        for done, (path, from_date) in enumerate(plan, start=1):
            recorded.rows += client.rows(path, from_date=from_date)
            if progress:
                progress(done, len(plan))
    except KoladaError as exc:
        raise run.failed(exc) from exc
    return run.write(lambda: _store_recorded(recorded, actor=actor, now=run.now))


def import_files(paths: Iterable[str | Path], *, actor) -> KoladaSync:
    """Import recorded files (v3 envelope, bare `values` arrays, the hoor-kommunval file): all are
    read and checked first, then written in one transaction; a bad file changes nothing."""
    paths = [Path(p) for p in paths]
    run = _Run(KoladaSync.Kind.IMPORT, actor=actor, source=", ".join(p.name for p in paths)[:500])
    recorded = Recorded()
    try:
        for path in paths:
            recorded.extend(read_file(path))
    except ValueError as exc:
        raise run.failed(exc) from exc
    return run.write(lambda: _store_recorded(recorded, actor=actor, now=run.now))


def import_file(path: str | Path, *, actor) -> KoladaSync:
    return import_files([path], actor=actor)


def _store_recorded(recorded: Recorded, *, actor, now) -> Counts:
    """Areas and KPIs, then the values (the last of two rows with the same key wins), then the
    followers' own series (the indicators'); the counts are the values'."""
    _store_catalogue(recorded, now)
    counts = _store_values({row.key: row for row in recorded.rows}.values(), actor=actor, now=now)
    followers.copy_values(actor=actor)
    return counts


# --- what a run fetches -----------------------------------------------------------------------------


def _plan(
    kpis: list[str], areas: list[str], years: list[int], since: date | None
) -> list[tuple[str, date | None]]:
    """The data paths of a sync with their `from_date`: everything is incremental, except KPIs with no
    stored value (a new indicator) and areas with none (a new peer group), which are fetched whole."""
    paths = KoladaClient.data_paths
    if since is None:
        return [(p, None) for p in paths(kpis, None, years) + paths(kpis, areas, years)]
    known_kpis = set(KoladaValue.objects.filter(kpi__in=kpis).values_list("kpi", flat=True).distinct())
    known_areas = set(
        KoladaValue.objects.filter(kpi__in=kpis, area__in=areas).values_list("area", flat=True).distinct()
    )
    old = [k for k in kpis if k in known_kpis]
    new = [k for k in kpis if k not in known_kpis]
    old_areas = [a for a in areas if a in known_areas]
    new_areas = [a for a in areas if a not in known_areas]
    plan = []
    for kpi_list, area_list, from_date in (
        (old, None, since),
        (new, None, None),
        (old, old_areas, since),
        (old, new_areas, None),
        (new, areas, None),
    ):
        if kpi_list and (area_list is None or area_list):
            plan += [(p, from_date) for p in paths(kpi_list, area_list, years)]
    return plan


# --- writing ----------------------------------------------------------------------------------------


class _Run:
    """One run: its start, what to record, and the record of a failure written after the rollback."""

    def __init__(
        self, kind, *, actor, source: str, client: KoladaClient | None = None, full=False, from_date=None
    ):
        self.now = timezone.now()
        self.actor = actor
        self.client = client
        self.requests_before = client.requests if client else 0
        self.record = KoladaSync(
            kind=kind, started_at=self.now, full=full, from_date=from_date, source=source
        )

    def _finish(self, *, ok: bool, message: str = "", counts: Counts | None = None) -> KoladaSync:
        record = self.record
        record.ok, record.message, record.finished_at = ok, message, timezone.now()
        record.requests = (self.client.requests - self.requests_before) if self.client else 0
        for name, value in vars(counts or Counts()).items():
            setattr(record, name, value)
        record.full_clean()
        record.save()
        audit.record(
            actor=self.actor,
            action=AuditRecord.Action.CREATE,
            instance=record,
            changes=audit.created(record, [*RECORD_FIELDS, "requests"]),
        )
        return record

    def write(self, store: Callable[[], Counts]) -> KoladaSync:
        try:
            with transaction.atomic():
                return self._finish(ok=True, counts=store())
        except Exception as exc:
            raise self.failed(exc) from exc

    def failed(self, exc: Exception) -> Exception:
        """Record the failed run (outside the rolled-back transaction) and give the error to raise."""
        with transaction.atomic():
            self.record.pk = None
            self._finish(ok=False, message=str(exc)[:2000])
        return exc


def _store_values(rows: Iterable[KoladaRow], *, actor, now) -> Counts:
    """Add new values, update revised ones (audited, old and new), mark deleted ones (audited)."""
    rows = list(rows)
    counts = Counts()
    existing = {}
    kpis = sorted({r.kpi for r in rows})
    for start in range(0, len(kpis), 500):
        for pk, *key, value, count, status, is_deleted in KoladaValue.objects.filter(
            kpi__in=kpis[start : start + 500]
        ).values_list("id", "kpi", "area", "year", "gender", "value", "count", "status", "is_deleted"):
            existing[tuple(key)] = (pk, value, count, status, is_deleted)
    creates, updates, seen = [], [], []
    for row in rows:
        _check(row)
        key = {"kpi": row.kpi, "area": row.area, "year": row.year, "gender": row.gender}
        if row.key not in existing:
            if not row.is_deleted:  # a value deleted before we ever had it: nothing to keep
                creates.append(
                    KoladaValue(
                        **key,
                        value=row.value,
                        count=row.count,
                        status=row.status,
                        fetched_at=now,
                        changed_at=now,
                    )
                )
            continue
        pk, *stored = existing[row.key]
        before = dict(zip(CHANGING, stored, strict=True))
        if row.is_deleted:
            after = {**before, "is_deleted": True}
        else:
            after = {"value": row.value, "count": row.count, "status": row.status, "is_deleted": False}
        if before == after:
            seen.append(pk)
            continue
        obj = KoladaValue(id=pk, **key, **after, fetched_at=now, changed_at=now)
        updates.append(obj)
        if row.is_deleted:
            counts.deleted += 1
        else:
            counts.changed += 1
        audit.record(
            actor=actor,
            action=AuditRecord.Action.DELETE if row.is_deleted else AuditRecord.Action.UPDATE,
            instance=obj,
            changes=audit.diff(before, after),
        )
    KoladaValue.objects.bulk_create(creates, batch_size=BATCH)
    KoladaValue.objects.bulk_update(updates, VALUE_FIELDS, batch_size=BATCH)
    for start in range(0, len(seen), BATCH):
        KoladaValue.objects.filter(id__in=seen[start : start + BATCH]).update(fetched_at=now)
    counts.added, counts.unchanged = len(creates), len(seen)
    return counts


def _check(row: KoladaRow) -> None:
    """The field limits of `KoladaValue` (instead of a `full_clean()` per value, which costs seconds on a
    hundred thousand values)."""
    if not (
        0 < len(row.kpi) <= 10
        and 0 < len(row.area) <= 12
        and 0 <= row.year <= 32767
        and len(row.status) <= 40
        and (row.count is None or row.count >= 0)
    ):
        raise ValueError(_("Ett Kolada-värde går inte att spara: %(row)s") % {"row": row})


def _store_catalogue(recorded: Recorded, now) -> Counts:
    """KPIs (a field missing from the source keeps its stored value), KPIs known only from a KPI
    group (id and title, only when not stored), municipalities, regions, Riket and groups."""
    counts = _upsert(KoladaKpi, {k["id"]: _kpi_fields(k) for k in recorded.kpis}, now)
    full = {k["id"] for k in recorded.kpis}
    seeds = {
        m["member_id"]: {"title": m["member_title"][:500]}
        for group in recorded.kpi_groups
        for m in group["members"]
        if m["member_id"] not in full
    }
    counts.add(_upsert(KoladaKpi, seeds, now, only_new=True))
    areas = {m["id"]: _area_kind(m) | {"title": m["title"][:300]} for m in recorded.municipalities}
    for group in recorded.groups:
        members = [m["member_id"] for m in group["members"]]
        areas[group["id"]] = {
            "title": group["title"][:300],
            "kind": KoladaArea.Kind.GROUP,
            "members": members,
        }
    counts.add(_upsert(KoladaArea, areas, now))
    return counts


def _kpi_fields(item: dict) -> dict:
    fields = {name: str(item[name] or "")[:limit] for name, limit in KPI_FIELDS.items() if name in item}
    fields |= {name: bool(item[name]) for name in KPI_FLAGS if name in item}
    fields |= {name: parse_date(item[name] or "") or None for name in KPI_DATES if name in item}
    return fields


def _area_kind(item: dict) -> dict:
    if item["id"] == KoladaArea.RIKET:
        return {"kind": KoladaArea.Kind.COUNTRY}
    return {"kind": KoladaArea.Kind.REGION if item.get("type") == "L" else KoladaArea.Kind.MUNICIPALITY}


def _upsert(model, items: dict[str, dict], now, *, only_new: bool = False) -> Counts:
    """Create or update catalogue rows by id; `fetched_at` is set on every row written."""
    counts = Counts()
    stored = model.objects.in_bulk(list(items)) if items else {}
    creates, updates, fields = [], [], set()
    for pk, values in items.items():
        obj = stored.get(pk)
        if obj is None:
            creates.append(model(pk=pk, fetched_at=now, **values))
            continue
        changed = {name: v for name, v in values.items() if getattr(obj, name) != v}
        if only_new or not changed:
            counts.unchanged += 1
            continue
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.fetched_at = now
        fields |= set(changed)
        updates.append(obj)
    model.objects.bulk_create(creates, batch_size=BATCH)
    if updates:
        model.objects.bulk_update(updates, sorted(fields | {"fetched_at"}), batch_size=BATCH)
    counts.added, counts.changed = len(creates), len(updates)
    return counts
