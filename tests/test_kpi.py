"""发布成功率 (R-4.6-KPI): the quarterly rate against hand-computed figures, on both databases.

The fixtures insert release rows directly (SQLAlchemy Core, see ``_release``): the KPI reads
only type, status, outcome and closed_at, and hand-placed closing times are what the
quarter-boundary cases need. One test drives a release through the real services instead.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import insert

from relgui.domain.errors import InvalidInput
from relgui.domain.kpi import Quarter
from relgui.domain.states import Status
from relgui.services import company, kpi, register
from relgui.store.models import Release

UTC = dt.UTC
_seq = itertools.count(1)


def _release(world, *, type_="normal", status="closed", outcome="success", closed_at=None, **extra) -> int:
    """Insert one release row as the services would have left it (Core, not the services)."""
    now = world.clock.now()
    row = dict(number=f"KPI-{next(_seq):05d}", title="测试发布", type=type_, status=status, outcome=outcome,
               profile_ref="XDYJ-06-01@1.0", systems="", description="", created_at=now, updated_at=now,
               closed_at=closed_at, row_version=1, **extra)
    with world.db.engine.begin() as conn:
        rid = conn.execute(insert(Release.__table__).returning(Release.__table__.c.id), row).scalar_one()
        if closed_at is not None and outcome is not None:
            _signed_closure(conn, world, rid, row["number"], outcome, closed_at)
        return rid


def _signed_closure(conn, world, rid: int, number: str, outcome: str, closed_at: dt.datetime) -> None:
    """The closure record and the manager's closing signature over it, as closing.close signs
    them: a closure counts only while its signature verifies (R-4.2.2-CLOSE, R-DOC-SIGN)."""
    from relgui.domain.closure import closure_digest
    from relgui.services import signing
    from relgui.store.models import Closure, Signature

    analysis = "按计划完成。"
    manager = world.ids["lina"]
    sig = Signature(release_id=rid, subject="closure", subject_id=rid, meaning="close", signer_id=manager,
                    signer_name="李娜", signer_role="manager", signed_at=closed_at,
                    content_hash=closure_digest(number, outcome, analysis), reason="", voided_reason="")
    values = {c.name: getattr(sig, c.name) for c in Signature.__table__.columns if c.name != "id"}
    values["signature_hash"] = signing.signature_hash(sig)
    sid = conn.execute(insert(Signature.__table__).returning(Signature.__table__.c.id), values).scalar_one()
    conn.execute(insert(Closure.__table__), dict(release_id=rid, outcome=outcome, analysis=analysis,
                                                 closed_by_id=manager, closed_at=closed_at, signature_id=sid))


def _bj(*args) -> dt.datetime:
    """A Beijing wall-clock time as an aware UTC instant."""
    return dt.datetime(*args, tzinfo=company.zone("Asia/Shanghai")).astimezone(UTC)


@pytest.fixture
def q3(world):
    """2026Q3 in Beijing, by hand:
    emergency 19 success + 1 failed           → 20 counted, 19 successful, 95.0 % (met: 19/20 exactly)
    major      2 success + 1 rolled back      →  3 counted,  2 successful, 66.7 %
    normal     4 success + 1 failed + 1 rolled back → 6 counted, 4 successful
    overall   29 counted, 25 successful, 86.2 %, target missed.
    Not counted: a rejected and a cancelled request (even one with an outcome), a release
    awaiting closure, and releases closed just outside the quarter in Beijing time.
    """
    inside = _bj(2026, 8, 15, 10, 0)
    for _ in range(19):
        _release(world, type_="emergency", closed_at=inside)
    _release(world, type_="emergency", outcome="failed", closed_at=inside)
    _release(world, type_="major", closed_at=_bj(2026, 7, 1, 0, 0))  # the first instant of Q3
    _release(world, type_="major", closed_at=inside)
    _release(world, type_="major", outcome="rolled_back", closed_at=inside)
    for _ in range(3):
        _release(world, closed_at=inside)
    _release(world, closed_at=dt.datetime(2026, 9, 30, 15, 59, tzinfo=UTC))  # 23:59 in Beijing: Q3
    _release(world, outcome="failed", closed_at=inside)
    _release(world, outcome="rolled_back", closed_at=inside)
    _release(world, status="rejected", outcome=None, closed_at=inside)
    _release(world, status="cancelled", outcome="success", closed_at=inside)
    _release(world, status="awaiting_close", outcome="success", closed_at=None)
    _release(world, closed_at=dt.datetime(2026, 9, 30, 20, 0, tzinfo=UTC))  # 2026-10-01 04:00 Beijing: Q4
    _release(world, outcome="failed", closed_at=dt.datetime(2026, 6, 30, 15, 59, 59, tzinfo=UTC))  # Q2
    return world


def test_success_rate_per_type_matches_the_hand_count_r_4_6_kpi(q3):
    """R-4.6-KPI: successful / counted per type and overall, target 95 % compared exactly."""
    r = kpi.success_rate(q3.ctx("lina"), "2026Q3")
    assert (r.by_type["emergency"].total, r.by_type["emergency"].successful) == (20, 19)
    assert r.by_type["emergency"].met is True  # 19/20 is exactly 95 %
    assert (r.by_type["major"].total, r.by_type["major"].successful) == (3, 2)
    assert (r.by_type["normal"].total, r.by_type["normal"].successful) == (6, 4)
    assert (r.overall.total, r.overall.successful) == (29, 25)
    assert r.overall.met is False and kpi.percent(r.overall) == "86.2%"


def test_closing_date_in_beijing_places_the_quarter_r_4_6_kpi(q3):
    """R-4.6-KPI: closed 2026-09-30 20:00 UTC is 2026-10-01 in Beijing, so it counts in 2026Q4."""
    q4 = kpi.success_rate(q3.ctx(), "2026Q4")
    q2 = kpi.success_rate(q3.ctx(), "2026Q2")
    assert (q4.overall.total, q4.overall.successful) == (1, 1)
    assert (q2.overall.total, q2.overall.successful) == (1, 0)


def test_the_company_time_zone_decides_r_4_6_kpi(q3):
    """R-4.6-KPI: in a UTC company the 2026-09-30 20:00 UTC release falls in 2026Q3, and the
    one closed at Beijing's first instant of Q3 (06-30 16:00 UTC) falls in Q2."""
    c = company.get(q3.ctx())
    company.save(q3.ctx(), company_name=c.company_name, department=c.department,
                 number_pattern=c.number_pattern, timezone="UTC", expected_version=c.row_version)
    assert kpi.success_rate(q3.ctx(), "2026Q4").overall.total == 0
    assert [r.overall.total for r in kpi.success_rates(q3.ctx(), "2026Q2", "2026Q3")] == [2, 29]


def test_empty_quarter_neither_meets_nor_misses_r_4_6_kpi(world):
    r = kpi.success_rate(world.ctx(), "2025Q1")
    assert r.overall.total == 0 and r.overall.rate is None and r.overall.met is None
    assert kpi.percent(r.overall) == "—"


def test_all_rolled_back_is_zero_percent_r_4_6_kpi(world):
    for t in ("normal", "major"):
        _release(world, type_=t, outcome="rolled_back", closed_at=_bj(2026, 2, 1, 9, 0))
    r = kpi.success_rate(world.ctx(), "2026Q1")
    assert (r.overall.total, r.overall.successful, r.overall.rate, r.overall.met) == (2, 0, 0.0, False)


def test_a_release_across_the_quarter_boundary_counts_where_it_closed_r_4_6_kpi(world):
    """Requested and deployed in Q2, closed in Q3: it is a Q3 release."""
    _release(world, closed_at=_bj(2026, 7, 2, 9, 0), planned_start=_bj(2026, 6, 28, 22, 0),
             planned_end=_bj(2026, 6, 29, 2, 0), deployment_finished_at=_bj(2026, 6, 29, 1, 0))
    rates = kpi.success_rates(world.ctx(), "2026Q2", "2026Q3")
    assert [x.overall.total for x in rates] == [0, 1]


def test_a_release_closed_through_the_services_counts_r_4_6_kpi(world):
    from flows import release_at

    release_at(world, Status.CLOSED)
    r = kpi.success_rate(world.ctx(), kpi.current_quarter(world.ctx()))
    assert (r.overall.total, r.overall.successful) == (1, 1)


def test_rates_agree_with_a_recount_of_demo_data_r_4_6_kpi(world, with_demo):
    """The SQL aggregate against the definition applied row by row to the register."""
    with_demo(world, 150, 9)
    ctx = world.ctx("lina")
    first, last = kpi.default_range(ctx)
    rows = register.page(ctx, register.RegisterQuery(limit=1000)).rows
    spec = kpi.definition()
    tz = company.get(ctx).tz
    expected: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if row.closed_at is None or row.status in spec["excluded_statuses"] or row.outcome not in spec["counted_outcomes"]:
            continue
        cell = expected.setdefault((str(Quarter.of(row.closed_at.astimezone(tz))), row.type), [0, 0])
        cell[0] += 1
        cell[1] += row.outcome in spec["success_outcomes"]
    for r in kpi.success_rates(ctx, first, last):
        for t, rate in r.by_type.items():
            assert [rate.total, rate.successful] == expected.get((str(r.quarter), t), [0, 0])


def test_drill_down_lists_exactly_the_releases_counted_r_4_6_kpi(q3):
    ctx = q3.ctx("lina")
    r = kpi.success_rate(ctx, "2026Q3")
    for t, rate in [*r.by_type.items(), ("", r.overall)]:
        counted = kpi.releases_behind(ctx, kpi.FigureKey("success", "2026Q3", "2026Q3", t, "counted"))
        good = kpi.releases_behind(ctx, kpi.FigureKey("success", "2026Q3", "2026Q3", t, "successful"))
        bad = kpi.releases_behind(ctx, kpi.FigureKey("success", "2026Q3", "2026Q3", t, "unsuccessful"))
        assert len(counted.ids) == rate.total and len(good.ids) == rate.successful
        assert register.page(ctx, counted.query).total == rate.total  # the register opens at them
        assert set(good.ids) | set(bad.ids) == set(counted.ids) and not set(good.ids) & set(bad.ids)


def test_bad_quarters_are_refused_in_the_users_language(world):
    with pytest.raises(InvalidInput) as exc:
        kpi.success_rate(world.ctx(), "2026Q5")
    assert "2026Q3" in exc.value.message("zh_CN")
    with pytest.raises(InvalidInput) as exc:
        kpi.success_rates(world.ctx(), "2026Q4", "2026Q1")
    assert "2026Q4 晚于 2026Q1" in exc.value.message("zh_CN")
    with pytest.raises(InvalidInput):
        kpi.success_rates(world.ctx(), "2000Q1", "2026Q1")


def test_percent_never_rounds_up_to_the_target():
    from relgui.domain.kpi import Rate

    assert kpi.percent(Rate(896, 851, 0.95)) == "94.9%"  # 94.98 %: missed, so not '95.0%'
    assert kpi.percent(Rate(20, 19, 0.95)) == "95.0%"


def test_report_data_is_plain_and_complete_r_4_6_kpi(q3):
    import json

    data = kpi.report_data(q3.ctx("lina"), "2026Q3")
    json.dumps(data, ensure_ascii=False)  # plain data only
    assert data["quarter"] == "2026Q3" and data["timezone"] == "Asia/Shanghai"
    assert data["overall"] == {"total": 29, "successful": 25, "rate": 25 / 29, "percent": "86.2%", "met": False}
    assert [t["type"] for t in data["by_type"]] == ["emergency", "major", "normal"]
    assert len(data["unsuccessful"]) == 4
    assert {u["outcome"] for u in data["unsuccessful"]} == {"failed", "rolled_back"}
    assert [t["quarter"] for t in data["trend"]] == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    assert data["definition"]["excluded_statuses"] == ["rejected", "cancelled"]
    assert data["period"]["start"].startswith("2026-07-01T00:00:00+08:00")
