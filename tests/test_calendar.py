"""The release calendar: planned windows by month and week in the company's time zone,
conflicts on shared configuration items and freeze periods (R-4.2.2-SECTIONS checks),
flagged the same way as the plan wizard warns (relgui.services.plans.warnings_for).

Most windows are inserted directly (SQLAlchemy Core, as in tests/test_kpi.py); one test
drives two plans through the real services to compare with the wizard's warnings.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select
from test_kpi import _bj, _release

from relgui.domain.errors import InvalidInput
from relgui.domain.states import Status
from relgui.services import calendar, company, plans
from relgui.services.context import reading
from relgui.store.models import ConfigItem, ReleaseItem


def _ci(world, name="核心交易系统-应用服务器") -> int:
    with reading(world.ctx()) as s:
        return s.execute(select(ConfigItem.id).where(ConfigItem.name == name)).scalar_one()


def _planned(world, start, hours=2, *, status="plan_approved", type_="normal", items=("核心交易系统-应用服务器",)):
    rid = _release(world, status=status, outcome=None, type_=type_, planned_start=start,
                   planned_end=start + dt.timedelta(hours=hours))
    with world.db.engine.begin() as conn:
        for name in items:
            conn.execute(insert(ReleaseItem.__table__), dict(release_id=rid, ci_id=_ci(world, name),
                                                             version_before="1.0.0", version_after="1.1.0"))
    return rid


@pytest.fixture
def december(world):
    """In December 2026 (Beijing): A and B touch the core trade server in overlapping windows
    (a conflict); C touches it later (none); D overlaps A on another item (none); E is closed
    and overlaps A (ended: no conflict); F was cancelled (not shown); a freeze covers B."""
    ids = {
        "A": _planned(world, _bj(2026, 12, 7, 22, 0)),
        "B": _planned(world, _bj(2026, 12, 7, 23, 0), type_="major"),
        "C": _planned(world, _bj(2026, 12, 14, 22, 0)),
        "D": _planned(world, _bj(2026, 12, 7, 22, 0), items=("网上银行系统-数据库",), type_="emergency"),
        "E": _planned(world, _bj(2026, 12, 7, 21, 0), status="closed"),
        "F": _planned(world, _bj(2026, 12, 7, 22, 0), status="cancelled"),
    }
    company.add_freeze(world.ctx("admin"), _bj(2026, 12, 8, 0, 0), _bj(2026, 12, 9, 0, 0), "年终封网")
    return world, ids


def test_month_view_lists_windows_coloured_by_type_with_conflicts_and_freezes(december):
    world, ids = december
    view = calendar.month(world.ctx("lina"), 2026, 12)
    by_id = {e.id: e for e in view.entries}
    assert set(by_id) == {ids[k] for k in "ABCDE"}  # the cancelled request is not shown
    assert by_id[ids["A"]].color == "#2e7d32" and by_id[ids["D"]].color == "#c62828"
    assert [c.other_id for c in by_id[ids["A"]].conflicts] == [ids["B"]]
    assert [c.other_id for c in by_id[ids["B"]].conflicts] == [ids["A"]]
    assert by_id[ids["A"]].conflicts[0].config_item == "核心交易系统-应用服务器"
    assert by_id[ids["C"]].flags == frozenset() and by_id[ids["D"]].flags == frozenset()
    assert by_id[ids["E"]].conflicts == ()  # closed: no longer a conflict
    assert by_id[ids["B"]].flags == {"conflict", "freeze"}
    assert [f.reason for f in view.freezes] == ["年终封网"]


def test_week_view_runs_monday_to_sunday_in_beijing(december):
    world, ids = december
    week = calendar.week(world.ctx(), dt.date(2026, 12, 9))
    assert week.start == _bj(2026, 12, 7, 0, 0) and week.end == _bj(2026, 12, 14, 0, 0)
    assert ids["C"] not in {e.id for e in week.entries}
    next_week = calendar.week(world.ctx(), dt.date(2026, 12, 14))
    assert [e.id for e in next_week.entries] == [ids["C"]]  # Monday 22:00 Beijing is Monday 14:00 UTC


def test_a_window_at_midnight_beijing_belongs_to_that_month(world):
    rid = _planned(world, _bj(2027, 1, 1, 0, 30))  # 2026-12-31 16:30 UTC
    assert [e.id for e in calendar.month(world.ctx(), 2027, 1).entries] == [rid]
    assert calendar.month(world.ctx(), 2026, 12).entries == []


def test_register_flags_match_the_calendar(december):
    world, ids = december
    flags = calendar.flags(world.ctx(), ids.values())
    # A ends at 00:00 on the 8th, exactly when the freeze begins: windows are half-open
    assert flags == {ids["A"]: {"conflict"}, ids["B"]: {"conflict", "freeze"}}


def test_type_filter_and_bad_ranges(december):
    world, ids = december
    majors = calendar.month(world.ctx(), 2026, 12, types=("major",)).entries
    assert [e.id for e in majors] == [ids["B"]]
    assert majors[0].conflicts  # the conflict is with a release of another type
    with pytest.raises(InvalidInput):
        calendar.month(world.ctx(), 2026, 13)
    with pytest.raises(InvalidInput):
        calendar.between(world.ctx(), _bj(2026, 12, 2, 0, 0), _bj(2026, 12, 1, 0, 0))


def test_calendar_conflicts_equal_the_plan_wizards_warnings(world):
    """Two plans written through the services on the same item and window: the calendar
    flags the pair exactly as plans.warnings_for does for each (R-4.2.2-SECTIONS)."""
    from flows import release_at

    a, b = release_at(world, Status.PLAN_SUBMITTED), release_at(world, Status.PLANNING)
    company.add_freeze(world.ctx("admin"), world.clock.now(), world.clock.now() + dt.timedelta(days=5), "重保期")
    ctx = world.ctx("lina")
    for number in (a, b):
        view = plans.get(ctx, number)
        wizard = {(w.kind, w.detail.split(" ")[0]) for w in view.warnings if w.kind == "conflict"}
        entry = next(e for e in calendar.month(ctx, 2026, 11).entries + calendar.month(ctx, 2026, 12).entries
                     if e.number == number)
        assert {("conflict", c.other_number) for c in entry.conflicts} == wizard
        assert bool(entry.freezes) == any(w.kind == "freeze" for w in view.warnings)


def test_planned_and_actual_windows_side_by_side_with_overruns(world):
    """R-4.3.2-MONITOR: the calendar shows what happened beside what was planned — a deployment
    started early (with its recorded reason), one running past its planned end, one finished late."""
    from flows import full_plan, release_at, rv, write_plan

    from relgui.services import execution

    now = world.clock.now()
    n = release_at(world, Status.PRECHECKED)  # the flows' window: an hour ago, for three days
    world.clock.advance(hours=74)  # past the planned end: started with its reason
    execution.start_deployment(world.ctx("zhangwei"), n, reason="等待上游版本，经经理同意顺延", expected_version=rv(world, n))
    world.clock.advance(minutes=90)
    view = calendar.between(world.ctx(), now - dt.timedelta(days=1), now + dt.timedelta(days=10))
    e = next(x for x in view.entries if x.number == n)
    assert e.actual_start == now + dt.timedelta(hours=74) and e.actual_end is None and e.running
    assert e.overrun_minutes == 180 + 90 and e.timing == {"overrun"} and e.early_minutes == 0
    from flows import step
    for i in (1, 2):
        step(world, n, i, reason="顺延后执行")
    execution.finish_deployment(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    e = next(x for x in calendar.between(world.ctx(), now, now + dt.timedelta(days=10)).entries if x.number == n)
    assert e.actual_end == now + dt.timedelta(hours=74, minutes=90) and not e.running and e.overrun_minutes == 270
    # started 62 hours before its window: shown in the week it actually ran, though planned later
    early = release_at(world, Status.PLANNING)
    write_plan(world, early, content={**full_plan(world, start=world.clock.now() + dt.timedelta(hours=62), hours=3)})
    from relgui.services import plans
    plans.submit(world.ctx("zhangwei"), early, expected_version=rv(world, early))
    from flows import PASSWORD, record
    plans.approve(world.ctx("wangfang"), early, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, early))
    for item in ("environment", "backup", "rollback_test", "contingency"):
        record(world, early, "precheck", item, "pass", evidence="已检查")
    execution.complete_precheck(world.ctx("zhangwei"), early, expected_version=rv(world, early))
    execution.start_deployment(world.ctx("zhangwei"), early, reason="监管要求提前", expected_version=rv(world, early))
    here = world.clock.now()
    e = next(x for x in calendar.between(world.ctx(), here - dt.timedelta(hours=1), here + dt.timedelta(hours=1)).entries
             if x.number == early)
    assert e.early_minutes == 62 * 60 and "early" in e.timing and e.overrun_minutes == 0
