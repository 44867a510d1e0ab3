"""发布成功率 and the other dashboard figures (R-4.6-KPI), aggregated in SQL.

One definition serves the dashboard, `relgui-admin kpi` and the KPI report: the profile's
[kpi] section says which outcomes count and which succeed, which statuses are excluded and
which date places a release in a quarter; quarters run in the company's time zone (a
release closed 2026-09-30 20:00 UTC is 2026-10-01 in Beijing, so it counts in 2026Q4).

Every figure carries a FigureKey; ``releases_behind`` selects exactly the releases behind it
with the same SQL expressions the figure was counted with, so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, extract, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from relgui.domain import text
from relgui.domain.errors import InvalidInput, Refusal
from relgui.domain.kpi import (  # the value types live in the domain; named here for callers of kpi.X
    CMDB_PARTS,
    DECISION_BINS,
    BrokenClosure,
    CmdbQuarter,
    Dashboard,
    DecisionBin,
    DecisionQuarter,
    FigureKey,
    Overdue,
    Period,
    Quarter,
    QuarterRate,
    Rate,
    StatusCounts,
    back,
    percent,
)
from relgui.domain.profile import KpiSpec, Profile
from relgui.domain.timeutil import iso
from relgui.policy import current_profile
from relgui.services import company
from relgui.services.context import AppContext, reading
from relgui.services.facts import broken_closures
from relgui.services.register import RegisterQuery
from relgui.store.models import Problem, Release

MAX_QUARTERS = 40  # the quarter bucket is one CASE branch per quarter: keep it bounded
DASHBOARD_QUARTERS = 8


# ------------------------------------------------------------------ periods

def _quarter(value: Quarter | str) -> Quarter:
    """A quarter as given (a Quarter, or text such as 2026Q3), refused in words if it is none."""
    return value.checked() if isinstance(value, Quarter) else Quarter.parse(value)


def _tz(s: Session) -> dt.tzinfo:
    return company.zone(company.load(s).timezone or "Asia/Shanghai")


def _period(s: Session, first: Quarter | str, last: Quarter | str | None) -> Period:
    a = _quarter(first)
    b = _quarter(last) if last is not None else a
    if b < a:
        raise InvalidInput(Refusal("kpi_range_order", "R-4.6-KPI", {"first": str(a), "last": str(b)}))
    if (b.year - a.year) * 4 + b.q - a.q >= MAX_QUARTERS:
        raise InvalidInput(Refusal("kpi_range_long", "R-4.6-KPI", {"limit": MAX_QUARTERS}))
    return Period(a, b, _tz(s))


def current_quarter(ctx: AppContext) -> Quarter:
    """The quarter 'now' falls in, in the company's time zone."""
    return Quarter.of(ctx.clock.now().astimezone(company.get(ctx).tz))


def default_range(ctx: AppContext, quarters: int = DASHBOARD_QUARTERS) -> tuple[Quarter, Quarter]:
    return ending(current_quarter(ctx), quarters)


def ending(last: Quarter, quarters: int = DASHBOARD_QUARTERS) -> tuple[Quarter, Quarter]:
    """The first and the last of ``quarters`` quarters ending with ``last`` (no read: the GUI
    gives the quarter of now in the company's zone as it last read it, gui/zone.py)."""
    quarters = text.clamp(quarters, "quarter", 1, MAX_QUARTERS)
    return back(last, quarters - 1), last


def _bucket(col, period: Period):
    """The quarter label of ``col`` as one SQL CASE (boundaries computed in the company's
    zone, so daylight-saving zones are right too); NULL outside the period."""
    return case(*[(and_(col >= a, col < b), str(q)) for q in period.quarters() for a, b in [period.bounds(q)]],
                else_=None)


def _within(col, period: Period) -> list:
    return [col >= period.start, col < period.end]


# ------------------------------------------------------------------ keys and drill-down

@dataclass(frozen=True)
class Drill:
    """The releases behind a figure: their ids, and the RegisterQuery that opens the register
    at exactly them (by status or stage where the register has those words, else by ids)."""

    key: FigureKey
    ids: tuple[int, ...]
    query: RegisterQuery


def _date_col(spec: KpiSpec):
    # The loader admits closed_at only; named here so a new date field is one line.
    return {"closed_at": Release.closed_at}[spec.date_field]


def _counted(spec: KpiSpec) -> list:
    """R-4.6-KPI: what 发布总次数 counts (cancelled and rejected requests never count)."""
    return [Release.status.not_in(spec.excluded_statuses), Release.outcome.in_(spec.counted_outcomes)]


def _success_part(spec: KpiSpec):
    """R-4.6-KPI: a rolled-back or failed release is not a success."""
    return case((Release.outcome.in_(spec.success_outcomes), "successful"), else_="unsuccessful")


def _cmdb_parts(now: dt.datetime) -> dict[str, Any]:
    """R-4.4.2-CMDB24H, for a release with a CMDB deadline: done by it, done late, still
    open and past it, still open. Exactly one holds."""
    done, due = Release.cmdb_done_at, Release.cmdb_due_at
    return {"in_time": done <= due, "late": done > due, "overdue": and_(done.is_(None), due < now),
            "open": and_(done.is_(None), due >= now)}


def _decision_part():
    """R-4.5.2-DECIDE30: as recorded when the decision was taken."""
    return case((Problem.decision_late.is_(True), "late"), else_="in_time")


def _minutes(s: Session, start, end):
    """Minutes between two stored times, in the database (the dialects differ here)."""
    if s.get_bind().dialect.name == "postgresql":
        return extract("epoch", end - start) / 60.0
    return (func.julianday(end) - func.julianday(start)) * 1440.0


def _decision_bin(s: Session):
    minutes = _minutes(s, Problem.detected_at, Problem.decided_at)
    edges = DECISION_BINS
    return case(*[(minutes < hi, str(lo)) for lo, hi in zip(edges, edges[1:])], else_=str(edges[-1]))


# ------------------------------------------------------------------ 发布成功率

def _per_quarter(period: Period, col, columns: list, where: list, group_by: list | None = None):
    """One SELECT per quarter, joined by UNION ALL, each reading only its quarter's range of
    an index on ``col``; the first column is the quarter's position in the period. (One
    CASE over all quarters cost SQLite three times as much on 100 000 releases.)"""
    selects = []
    for i, q in enumerate(period.quarters()):
        a, b = period.bounds(q)
        selects.append(select(literal(i).label("quarter"), *columns)
                       .where(*where, col >= a, col < b).group_by(*(group_by or [])))
    return union_all(*selects)


def _closure_broken(s: Session, spec: KpiSpec, period: Period) -> list[BrokenClosure]:
    """R-4.2.2-CLOSE, R-DOC-SIGN: the releases the KPI would count in ``period`` whose closure does
    not verify (facts.closure_verifies: the closure record or its signature missing, the
    signature's hash broken, or the closure it covers changed since it was signed), in the order
    of their closing dates. Every counted release's closure is checked, in bulk
    (facts.broken_closures: one query, hashed without Python code per row; a refusal is always
    closure_verifies' own). A release closed outside relgui (imported from the old register: no
    closure record, no closer) has no closure here to verify and counts as before (docs/kpi.md)."""
    col = _date_col(spec)
    ids = sorted(broken_closures(s, [*_counted(spec), *_within(col, period)]))
    out = []
    for i in range(0, len(ids), 500):  # few, but never more bound values than SQLite takes
        out += [BrokenClosure(*row) for row in s.execute(
            select(Release.id, Release.number, Release.title, Release.type, Release.outcome, col)
            .where(Release.id.in_(ids[i:i + 500])))]
    return sorted(out, key=lambda b: (b.closed_at, b.number))


def _rates(s: Session, profile: Profile, period: Period) -> list[QuarterRate]:
    """R-4.6-KPI per quarter and type; a release whose closure signature does not verify counts
    neither as released nor as a success, and is listed in its quarter's ``closure_broken``
    (R-4.2.2-CLOSE, R-DOC-SIGN)."""
    spec = profile.kpi
    part = _success_part(spec)
    stmt = _per_quarter(period, _date_col(spec),
                        [Release.type, func.count(), func.sum(case((part == "successful", 1), else_=0))],
                        _counted(spec), [Release.type])
    cells = {(i, t): [int(n), int(ok or 0)] for i, t, n, ok in s.execute(stmt).all()}
    quarters = period.quarters()
    index = {q: i for i, q in enumerate(quarters)}
    broken: dict[int, list[BrokenClosure]] = {}
    for b in _closure_broken(s, spec, period):
        i = index[Quarter.of(b.closed_at.astimezone(period.tz))]
        broken.setdefault(i, []).append(b)
        cell = cells[(i, b.type)]
        cell[0] -= 1
        cell[1] -= b.outcome in spec.success_outcomes

    def rate(i: int, t: str) -> Rate:
        total, good = cells.get((i, t), (0, 0))
        return Rate(total, good, spec.target)

    out = []
    for i, q in enumerate(quarters):
        by_type = {t: rate(i, t) for t in profile.release_types}
        total = sum(r.total for r in by_type.values())
        good = sum(r.successful for r in by_type.values())
        out.append(QuarterRate(q, Rate(total, good, spec.target), by_type, tuple(broken.get(i, ()))))
    return out


def success_rates(ctx: AppContext, first: Quarter | str, last: Quarter | str | None = None) -> list[QuarterRate]:
    """发布成功率 for each quarter first..last, overall and per release type (R-4.6-KPI)."""
    with reading(ctx) as s:
        return _rates(s, current_profile(), _period(s, first, last))


def success_rate(ctx: AppContext, quarter: Quarter | str) -> QuarterRate:
    return success_rates(ctx, quarter)[0]


# ------------------------------------------------------------------ the other figures

def _status_counts(s: Session, profile: Profile) -> StatusCounts:
    found = dict(s.execute(select(Release.status, func.count()).group_by(Release.status)).all())
    by_status = {k: int(found.get(k, 0)) for k in profile.statuses}
    by_stage = {st.key: 0 for st in profile.stages}
    for key, n in by_status.items():  # a dozen statuses, already counted: no rows here
        stage = profile.statuses[key].stage
        if stage:
            by_stage[stage] += n
    return StatusCounts(by_status, by_stage)


def _cmdb(s: Session, period: Period, now: dt.datetime) -> list[CmdbQuarter]:
    parts = _cmdb_parts(now)
    sums = [func.sum(case((parts[p], 1), else_=0)) for p in CMDB_PARTS]
    rows = dict((i, values) for i, *values in s.execute(_per_quarter(period, Release.cmdb_due_at, sums, [])).all())
    return [CmdbQuarter(q, *(int(v or 0) for v in rows.get(i, (0,) * len(CMDB_PARTS))))
            for i, q in enumerate(period.quarters())]


def _decided_in(period: Period) -> list:
    return [Problem.decided_at.is_not(None), *_within(Problem.detected_at, period)]


def _decision_quarters(s: Session, period: Period) -> list[DecisionQuarter]:
    bucket = _bucket(Problem.detected_at, period).label("quarter")
    part = _decision_part().label("part")
    minutes = _minutes(s, Problem.detected_at, Problem.decided_at)
    rows = s.execute(select(bucket, part, func.count(), func.sum(minutes), func.max(minutes))
                     .where(*_decided_in(period)).group_by(bucket, part)).all()
    acc: dict[str, dict[str, Any]] = {}
    for q, p, n, total, top in rows:  # at most two groups per quarter
        a = acc.setdefault(q, {"in_time": 0, "late": 0, "sum": 0.0, "max": 0.0})
        a[p] = int(n)
        a["sum"] += float(total or 0)
        a["max"] = max(float(top or 0), a["max"])
    out = []
    for q in period.quarters():
        got = acc.get(str(q))
        n = got["in_time"] + got["late"] if got is not None else 0
        out.append(DecisionQuarter(q, got["in_time"], got["late"], round(got["sum"] / n, 1), round(got["max"], 1))
                   if got is not None and n else DecisionQuarter(q))
    return out


def _decision_bins(s: Session, period: Period) -> list[DecisionBin]:
    bin_ = _decision_bin(s).label("bin")
    found: dict[str, int] = dict(s.execute(select(bin_, func.count()).where(*_decided_in(period)).group_by(bin_)).all())
    edges = DECISION_BINS
    return [DecisionBin(lo, hi, int(found.get(str(lo), 0))) for lo, hi in zip(edges, (*edges[1:], None))]


def _overdue_cond(kind: str, now: dt.datetime):
    if kind == "cmdb":
        return and_(Release.cmdb_due_at < now, Release.cmdb_done_at.is_(None))
    return Release.decision_due_at < now


def _overdue(s: Session, profile: Profile, now: dt.datetime) -> Overdue:
    # A sum per type, not GROUP BY type: grouping made SQLite walk the whole type index
    # instead of the few rows the deadline indexes hold.
    types = list(profile.release_types)
    counts = {}
    for kind in ("cmdb", "decision"):
        sums = [func.sum(case((Release.type == t, 1), else_=0)) for t in types]
        row = s.execute(select(*sums).where(_overdue_cond(kind, now))).one()
        counts[kind] = {t: int(n or 0) for t, n in zip(types, row)}
    return Overdue(**counts)


# ------------------------------------------------------------------ the dashboard

def dashboard(ctx: AppContext, first: Quarter | str | None = None, last: Quarter | str | None = None) -> Dashboard:
    """Every figure of the KPI dashboard, in one read (R-4.6-KPI)."""
    if first is None:
        first, last = default_range(ctx)
    with reading(ctx) as s:
        profile, now = current_profile(), ctx.clock.now()
        spec = profile.kpi
        period = _period(s, first, last)
        return Dashboard(period, spec.target, _rates(s, profile, period), _status_counts(s, profile),
                         _cmdb(s, period, now), _decision_quarters(s, period), _decision_bins(s, period),
                         profile.deadlines.rollback_decision_minutes, _overdue(s, profile, now), now)


# ------------------------------------------------------------------ drill-down

def _parts(key: FigureKey, known) -> None:
    if key.part and key.part not in known:
        raise InvalidInput.of("kind", "unknown_choice", value=f"{key.chart}/{key.part}"[:40])


def _success_cond(s, key, profile, now, period) -> list:
    """The releases behind a success figure; a release whose closure signature does not verify
    is behind none of counted/successful/unsuccessful, only behind its own part closure_broken."""
    spec = profile.kpi
    _parts(key, ("counted", "successful", "unsuccessful", "closure_broken"))
    broken = [b.id for b in _closure_broken(s, spec, period)]
    if key.part == "closure_broken":
        return [Release.id.in_(broken)]
    share = [_success_part(spec) == key.part] if key.part in ("successful", "unsuccessful") else []
    return [*_counted(spec), *_within(_date_col(spec), period), *share, Release.id.not_in(broken)]


def _status_cond(s, key, profile, now, period) -> list:
    _parts(key, profile.statuses)
    return [Release.status == key.part]


def _stage_cond(s, key, profile, now, period) -> list:
    _parts(key, {st.key for st in profile.stages})
    return [Release.status.in_([k for k, st in profile.statuses.items() if st.stage == key.part])]


def _cmdb_cond(s, key, profile, now, period) -> list:
    parts = _cmdb_parts(now)
    _parts(key, parts)
    return [*_within(Release.cmdb_due_at, period), *([parts[key.part]] if key.part else [])]


def _overdue_drill(s, key, profile, now, period) -> list:
    _parts(key, ("cmdb", "decision"))
    kinds = [key.part] if key.part else ["cmdb", "decision"]
    return [or_(*[_overdue_cond(k, now) for k in kinds])]


def _decision_cond(s, key, profile, now, period) -> list:
    part = _decision_part() if key.chart == "decision" else _decision_bin(s)
    _parts(key, ("in_time", "late") if key.chart == "decision" else [str(b) for b in DECISION_BINS])
    problems = select(Problem.release_id).where(*_decided_in(period), *([part == key.part] if key.part else []))
    return [Release.id.in_(problems)]


# chart → (conditions, whether the figure belongs to a period of quarters)
_DRILLS = {"success": (_success_cond, True), "status": (_status_cond, False), "stage": (_stage_cond, False),
           "cmdb": (_cmdb_cond, True), "overdue": (_overdue_drill, False), "decision": (_decision_cond, True),
           "decision_bin": (_decision_cond, True)}


def _checked_key(key: FigureKey) -> FigureKey:
    """A figure's key as the drill-down may use it: its parts clean text (they reach SQL)."""
    if not isinstance(key, FigureKey):
        raise InvalidInput.of("kind", "not_a_value", value=type(key).__name__[:40])
    return FigureKey(*(text.key(getattr(key, f.name), "kind", limit=40) for f in dataclasses.fields(FigureKey)))


def _release_conditions(s: Session, key: FigureKey, profile: Profile, now: dt.datetime) -> list:
    if key.chart not in _DRILLS:
        raise InvalidInput.of("kind", "unknown_choice", value=key.chart[:20])
    conditions, periodic = _DRILLS[key.chart]
    period = _period(s, key.first, key.last or key.first) if periodic else None
    return [*([Release.type == key.type] if key.type else []), *conditions(s, key, profile, now, period)]


def _query_for(key: FigureKey, ids: tuple[int, ...]) -> RegisterQuery:
    """The register's filter for the same releases: its own words where it has them (status,
    stage: the register then stays live), otherwise exactly these ids."""
    types = (key.type,) if key.type else ()
    if key.chart == "status":
        return RegisterQuery(statuses=(key.part,), types=types)
    if key.chart == "stage":
        return RegisterQuery(stages=(key.part,), types=types)
    return RegisterQuery(ids=ids)


def releases_behind(ctx: AppContext, key: FigureKey) -> Drill:
    """Exactly the releases a figure counts (R-4.6-KPI: 'the list behind each figure')."""
    key = _checked_key(key)
    with reading(ctx) as s:
        profile, now = current_profile(), ctx.clock.now()
        cond = _release_conditions(s, key, profile, now)
        ids = tuple(s.execute(select(Release.id).where(*cond).order_by(Release.id)).scalars())
    return Drill(key, ids, _query_for(key, ids))


# ------------------------------------------------------------------ the quarterly report

def _rate_dict(rate: Rate) -> dict[str, Any]:
    return {"total": rate.total, "successful": rate.successful, "rate": rate.rate, "percent": percent(rate),
            "met": rate.met}


def definition(profile: Profile | None = None) -> dict[str, Any]:
    """The KPI definition as data, for the report, the CLI's JSON and docs/kpi.md."""
    profile = profile or current_profile()
    k = profile.kpi
    return {"name": k.name, "name_en": k.name_en, "formula": k.formula, "period": k.period,
            "target": k.target, "date_field": k.date_field, "success_outcomes": list(k.success_outcomes),
            "counted_outcomes": list(k.counted_outcomes), "excluded_statuses": list(k.excluded_statuses),
            "profile": profile.ref}


def _unsuccessful(s: Session, spec: KpiSpec, period: Period, broken: tuple[BrokenClosure, ...] = ()
                  ) -> list[dict[str, Any]]:
    col = _date_col(spec)
    skip = {b.number for b in broken}
    rows = s.execute(select(Release.number, Release.title, Release.type, Release.outcome, col)
                     .where(*_counted(spec), *_within(col, period), _success_part(spec) == "unsuccessful")
                     .order_by(col, Release.number)).all()
    return [{"number": n, "title": t, "type": ty, "outcome": o, "closed_at": c.astimezone(period.tz).isoformat()}
            for n, t, ty, o, c in rows if n not in skip]


CLOSURE_BROKEN = ("关闭签署已失效", "closure signature broken")


def broken_dicts(broken: tuple[BrokenClosure, ...], tz: dt.tzinfo) -> list[dict[str, Any]]:
    """The releases not counted because their closure signature does not verify, as plain data."""
    return [{"number": b.number, "title": b.title, "type": b.type, "outcome": b.outcome,
             "closed_at": b.closed_at.astimezone(tz).isoformat()} for b in broken]


def report_data(ctx: AppContext, quarter: Quarter | str) -> dict[str, Any]:
    """Plain data for the quarterly KPI report (.docx, issue 6): the rate overall and per
    type, the releases that were not successful, the trend of the last four quarters and
    the two deadline figures of the quarter."""
    q = _quarter(quarter)
    with reading(ctx) as s:
        profile, now = current_profile(), ctx.clock.now()
        spec = profile.kpi
        settings = company.load(s)
        period = _period(s, q, q)
        trend_period = _period(s, back(q, 3), q)
        rates = _rates(s, profile, trend_period)
        this = rates[-1]
        cmdb = _cmdb(s, period, now)[0]
        decisions = _decision_quarters(s, period)
        start, end = period.bounds(q)
        return {
            "quarter": str(q), "company": settings.company_name, "department": settings.department,
            "timezone": settings.timezone or "Asia/Shanghai", "generated_at": iso(now),
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "definition": definition(profile),
            "overall": _rate_dict(this.overall),
            "by_type": [{"type": t, "name": profile.release_types[t].name, "name_en": profile.release_types[t].name_en,
                         **_rate_dict(r)} for t, r in this.by_type.items()],
            "unsuccessful": _unsuccessful(s, spec, period, this.closure_broken),
            # R-4.2.2-CLOSE, R-DOC-SIGN: neither counted nor a success, listed (关闭签署已失效)
            "closure_broken": broken_dicts(this.closure_broken, period.tz),
            "trend": [{"quarter": str(r.quarter), **_rate_dict(r.overall),
                       "by_type": {t: _rate_dict(x) for t, x in r.by_type.items()}} for r in rates],
            "cmdb": {"in_time": cmdb.in_time, "late": cmdb.late, "overdue": cmdb.overdue, "open": cmdb.open,
                     "rate": cmdb.rate},
            "decisions": {"in_time": decisions[0].in_time, "late": decisions[0].late,
                          "avg_minutes": decisions[0].avg_minutes, "max_minutes": decisions[0].max_minutes,
                          "limit_minutes": profile.deadlines.rollback_decision_minutes, "rate": decisions[0].rate},
        }
