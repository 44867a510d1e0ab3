"""The release register: pages filtered and sorted in the database, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from relgui.services import register
from relgui.services.register import RegisterQuery


@pytest.fixture
def filled(world, with_demo):
    with_demo(world, 120, 7)
    return world


def _all(world, **kw):
    return register.page(world.ctx("lina"), RegisterQuery(limit=1000, **kw))


def test_pages_never_exceed_the_limit_and_total_counts_all(filled):
    page = register.page(filled.ctx("lina"), RegisterQuery(limit=25))
    assert len(page.rows) == 25 and page.total == 120
    second = register.page(filled.ctx("lina"), RegisterQuery(limit=25, offset=25))
    assert not {r.id for r in page.rows} & {r.id for r in second.rows}


@pytest.mark.parametrize("sort", sorted(register.SORTS))
def test_every_column_sorts_both_ways(filled, sort):
    for descending in (False, True):
        rows = _all(filled, sort=sort, descending=descending).rows
        keys = [getattr(r, sort) if hasattr(r, sort) else None for r in rows]
        present = [k for k in keys if k is not None]
        assert present == sorted(present, reverse=descending), sort


def test_filters_by_type_status_stage_and_text(filled):
    majors = _all(filled, types=("major",)).rows
    assert majors and all(r.type == "major" for r in majors)
    closed = _all(filled, statuses=("closed",)).rows
    assert closed and all(r.status == "closed" for r in closed)
    planning = _all(filled, stages=("planning",)).rows
    assert {r.status for r in planning} <= {"planning", "plan_submitted"}
    one = closed[0]
    hits = _all(filled, text=one.number).rows
    assert [r.number for r in hits] == [one.number]
    title_word = one.title[:4]
    assert all(title_word in r.title or title_word in r.systems or title_word in r.number
               for r in _all(filled, text=title_word).rows)


def test_date_range_filters_on_planned_start(filled):
    now = filled.clock.now()
    rows = _all(filled, date_from=now - dt.timedelta(days=30), date_to=now + dt.timedelta(days=30)).rows
    assert rows and all(now - dt.timedelta(days=30) <= r.planned_start < now + dt.timedelta(days=30) for r in rows)


def test_needs_my_action_follows_roles(filled):
    manager = register.page(filled.ctx("lina"), RegisterQuery(needs_action=True, limit=1000)).rows
    assert any(r.status == "awaiting_close" for r in manager)
    # A manager's approval authority covers 一般 plans too (R-4.1-APPROVER).
    assert any(r.status == "plan_submitted" and r.type == "normal" for r in manager)
    engineer = register.page(filled.ctx("wangfang"), RegisterQuery(needs_action=True, limit=1000)).rows
    assert not any(r.status == "plan_submitted" and r.type == "major" for r in engineer)
    auditor = register.page(filled.ctx("auditor"), RegisterQuery(needs_action=True)).rows
    assert auditor == []


def test_overdue_flags_cmdb_and_rollback_decisions(filled):
    filled.clock.advance(days=3)
    rows = _all(filled, overdue=True).rows
    assert rows
    for r in rows:
        assert {"cmdb_overdue", "decision_overdue"} & set(r.flags)


def test_unknown_sort_is_refused(filled):
    from relgui.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        register.page(filled.ctx(), RegisterQuery(sort="password_hash"))


def test_exact_ids_filter_for_a_drill_down(filled):
    """R-4.6-KPI: the list behind a figure shows in the register, however long."""
    everyone = _all(filled).rows
    wanted = tuple(r.id for r in everyone[::3])
    rows = _all(filled, ids=wanted).rows
    assert {r.id for r in rows} == set(wanted)
    many = tuple(range(1, 40_000)) + wanted  # beyond SQLite's bound-parameter limit
    assert register.count(filled.ctx(), RegisterQuery(ids=many)) == len(everyone)


def test_needs_my_action_leaves_out_my_own_plans_to_approve(world):
    """R-4.1-FOUR-EYES: a plan its author submitted is not on the author's list to approve."""
    from flows import release_at

    from relgui.domain.states import Status

    own = release_at(world, Status.PLAN_SUBMITTED, type_="normal", author="liuyang")
    other = release_at(world, Status.PLAN_SUBMITTED, type_="normal", author="zhangwei")
    mine = {r.number for r in register.page(world.ctx("liuyang"), RegisterQuery(needs_action=True)).rows}
    assert other in mine and own not in mine
