"""The dashboard's other figures (R-4.6-KPI): releases by status and stage, CMDB within 24 h
(R-4.4.2-CMDB24H), rollback decisions against 30 minutes (R-4.5.2-DECIDE30) and overdue items,
each against hand-computed rows (inserted directly, see tests/test_kpi.py) and each with the
exact list of releases behind it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert
from test_kpi import _bj, _release

from relgui.services import kpi, register
from relgui.store.models import Problem

H = dt.timedelta(hours=1)


def _problem(world, release_id: int, detected: dt.datetime, minutes: float | None, late: bool = False) -> None:
    decided = None if minutes is None else detected + dt.timedelta(minutes=minutes)
    with world.db.engine.begin() as conn:
        conn.execute(insert(Problem.__table__), dict(
            release_id=release_id, detected_at=detected, description="关键功能报错", triggers=["key_function"],
            decision=None if minutes is None else "rollback", decided_at=decided, decision_reason="",
            decision_late=late))


@pytest.fixture
def deadlines(world):
    """Now is 2026-11-27 10:00 in Beijing (2026Q4). By hand, in 2026Q4:
    CMDB deadlines: 2 met, 1 met late, 1 missed and open (overdue), 1 open and not yet due
      → compliance 2 / 4 = 50 %.
    Rollback decisions on problems detected in Q4: 10 min, 29 min (in time), 45 min (late),
      one undecided → 3 decisions, avg 28.0, max 45.0; bins 10, 25, 45.
    Overdue now: 1 CMDB update (normal), 1 rollback decision (major).
    """
    now = world.clock.now()
    due = _bj(2026, 11, 2, 12, 0)
    ids = {}
    ids["in_time"] = [_release(world, status="closed", cmdb_due_at=due, cmdb_done_at=due - 2 * H,
                               closed_at=due + H) for _ in range(2)]
    ids["late"] = [_release(world, cmdb_due_at=due, cmdb_done_at=due + 3 * H, closed_at=due + 4 * H)]
    ids["overdue"] = [_release(world, status="config_update", outcome=None, cmdb_due_at=now - H)]
    ids["open"] = [_release(world, status="config_update", outcome=None, cmdb_due_at=now + H)]
    detected = _bj(2026, 10, 20, 22, 0)
    r1, r2, r3 = (_release(world, outcome="rolled_back", closed_at=detected + 20 * H) for _ in range(3))
    _problem(world, r1, detected, 10)
    _problem(world, r2, detected, 29)
    _problem(world, r3, detected, 45, late=True)
    waiting = _release(world, type_="major", status="verifying", outcome=None, decision_due_at=now - 5 * H / 60)
    _problem(world, waiting, now - H, None)
    ids["decision_overdue"] = [waiting]
    ids["decisions"] = (r1, r2, r3)
    return world, ids


def test_cmdb_compliance_per_quarter_r_4_4_2_cmdb24h(deadlines):
    world, ids = deadlines
    d = kpi.dashboard(world.ctx("lina"), "2026Q3", "2026Q4")
    q3, q4 = d.cmdb
    assert (q3.in_time, q3.late, q3.overdue, q3.open) == (0, 0, 0, 0) and q3.rate is None
    assert (q4.in_time, q4.late, q4.overdue, q4.open) == (2, 1, 1, 1) and q4.rate == 0.5
    for part in ("in_time", "late", "overdue", "open"):
        drill = kpi.releases_behind(world.ctx(), kpi.FigureKey("cmdb", "2026Q4", "2026Q4", "", part))
        assert set(drill.ids) == set(ids[part]), part


def test_rollback_decision_times_against_30_minutes_r_4_5_2_decide30(deadlines):
    world, ids = deadlines
    d = kpi.dashboard(world.ctx("lina"), "2026Q4", "2026Q4")
    (q4,) = d.decisions
    assert (q4.in_time, q4.late, q4.avg_minutes, q4.max_minutes) == (2, 1, 28.0, 45.0)
    assert {b.low: b.count for b in d.decision_bins if b.count} == {10: 1, 25: 1, 45: 1}
    assert d.decision_limit == 30
    late = kpi.releases_behind(world.ctx(), kpi.FigureKey("decision", "2026Q4", "2026Q4", "", "late"))
    assert late.ids == (ids["decisions"][2],)
    in_time = kpi.releases_behind(world.ctx(), kpi.FigureKey("decision", "2026Q4", "2026Q4", "", "in_time"))
    assert set(in_time.ids) == set(ids["decisions"][:2])
    bin_25 = kpi.releases_behind(world.ctx(), kpi.FigureKey("decision_bin", "2026Q4", "2026Q4", "", "25"))
    assert bin_25.ids == (ids["decisions"][1],)


def test_overdue_items_now_r_4_4_2_cmdb24h_r_4_5_2_decide30(deadlines):
    world, ids = deadlines
    d = kpi.dashboard(world.ctx("lina"), "2026Q4", "2026Q4")
    assert d.overdue.cmdb == {"emergency": 0, "major": 0, "normal": 1}
    assert d.overdue.decision == {"emergency": 0, "major": 1, "normal": 0}
    assert d.overdue.total == 2
    both = kpi.releases_behind(world.ctx(), kpi.FigureKey("overdue"))
    assert set(both.ids) == set(ids["overdue"] + ids["decision_overdue"])
    major = kpi.releases_behind(world.ctx(), kpi.FigureKey("overdue", type="major", part="decision"))
    assert major.ids == tuple(ids["decision_overdue"])
    # the register's own 'overdue' filter selects the same releases
    rows = register.page(world.ctx("lina"), register.RegisterQuery(overdue=True, limit=1000)).rows
    assert {r.id for r in rows} == set(both.ids)


def test_status_and_stage_counts_match_the_register_r_4_6_kpi(world, with_demo):
    with_demo(world, 150, 9)
    ctx = world.ctx("lina")
    d = kpi.dashboard(ctx)
    assert sum(d.statuses.by_status.values()) == 150
    for status, n in d.statuses.by_status.items():
        drill = kpi.releases_behind(ctx, kpi.FigureKey("status", part=status))
        assert len(drill.ids) == n
        assert register.page(ctx, drill.query).total == n
    for stage, n in d.statuses.by_stage.items():
        drill = kpi.releases_behind(ctx, kpi.FigureKey("stage", part=stage))
        assert len(drill.ids) == n == register.page(ctx, drill.query).total


def test_every_dashboard_figure_has_its_exact_releases_r_4_6_kpi(world, with_demo):
    """For demo data: every success-rate and CMDB figure equals the length of its drill-down."""
    with_demo(world, 150, 9)
    ctx = world.ctx("lina")
    d = kpi.dashboard(ctx)
    for r in d.rates:
        q = str(r.quarter)
        for t, rate in [*r.by_type.items(), ("", r.overall)]:
            assert len(kpi.releases_behind(ctx, kpi.FigureKey("success", q, q, t, "counted")).ids) == rate.total
    for c in d.cmdb:
        q = str(c.quarter)
        for part in ("in_time", "late", "overdue", "open"):
            assert len(kpi.releases_behind(ctx, kpi.FigureKey("cmdb", q, q, "", part)).ids) == getattr(c, part)


def test_unknown_figure_is_refused(world):
    from relgui.domain.errors import InvalidInput

    for key in (kpi.FigureKey("nonsense"), kpi.FigureKey("success"),
                kpi.FigureKey("cmdb", "2026Q4", "2026Q4", "", "bogus"), kpi.FigureKey("status", part="bogus")):
        with pytest.raises(InvalidInput):
            kpi.releases_behind(world.ctx(), key)
