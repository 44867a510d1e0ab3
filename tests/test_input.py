"""Bad input: a clear refusal in the user's language, nothing half-written."""

from __future__ import annotations

import pytest
from flows import approved_change, change_v, entry_v, problem_seen, problem_v, release_at, rv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation
from relgui.domain.states import Status
from relgui.services import auditing, changes, details, execution, register, releases, rollback
from relgui.services.register import RegisterQuery


def _count(world):
    return register.page(world.ctx(), RegisterQuery(limit=1)).total


@pytest.mark.parametrize("kwargs, code", [
    ({"title": "", "type": "normal"}, "empty"),
    ({"title": "   \x00\x01  ", "type": "normal"}, "empty"),
    ({"title": "长" * 501, "type": "normal"}, "title_too_long"),  # refused with its limit, never cut (issue 15)
    ({"title": "t", "type": "超级发布"}, "not_a_choice"),
    ({"title": "t", "type": "normal", "planned_start": "明天"}, "bad_datetime"),
    ({"title": "t", "type": "normal", "planned_start": "2026-02-30 10:00"}, "bad_datetime"),
    ({"title": "t", "type": "normal", "planned_start": "2026-12-01 10:00", "planned_end": "2026-12-01 09:00"},
     "end_before_start"),
    ({"title": "t", "type": "normal", "change_numbers": ["CHG-NOPE"]}, "not_found_change"),
])
def test_bad_release_requests_are_refused_and_nothing_is_written(world, kwargs, code):
    before = _count(world)
    with pytest.raises(InvalidInput) as exc:
        releases.create(world.ctx("zhangwei"), **kwargs)
    assert exc.value.refusals[0].code == code
    assert exc.value.message("zh_CN") and exc.value.message("en")
    assert _count(world) == before
    assert auditing.verify(world.ctx()).ok


def test_control_characters_are_removed_before_storing(world):
    n = releases.create(world.ctx("zhangwei"), title="升级\x0b核心\x07系统\ufffe", type="一般发布",
                        change_numbers=[approved_change(world)]).number
    assert details.show_json(world.ctx(), n)["title"] == "升级核心系统"


def test_the_type_may_be_given_in_either_language(world):
    n = releases.create(world.ctx("zhangwei"), title="t", type="Major release").number
    assert details.show_json(world.ctx(), n)["type"] == "major"


def test_unknown_release_is_not_found(world):
    with pytest.raises(NotFound) as exc:
        releases.accept(world.ctx("zhangwei"), "FB-1999-9999", expected_version=rv(world, "FB-1999-9999"))
    assert "FB-1999-9999" in exc.value.message("zh_CN")


def test_accept_without_approved_change_is_refused(world):
    """R-4.2.1-CHANGE and R-1.3-COOP through the services."""
    ctx = world.ctx("zhangwei")
    changes.record(ctx, number="CHG-S1", title="待审批的变更", status="submitted")
    n = releases.create(ctx, title="t", type="normal", change_numbers=["CHG-S1"]).number
    with pytest.raises(PolicyViolation) as exc:
        releases.accept(ctx, n, expected_version=rv(world, n))
    assert exc.value.requirements == ("R-4.2.1-CHANGE",)
    changes.set_status(world.ctx("lina"), "CHG-S1", "已批准", expected_version=change_v(world, "CHG-S1"))
    releases.accept(ctx, n, expected_version=rv(world, n))


def test_checklist_input_is_checked(world):
    n = release_at(world, Status.PLAN_APPROVED)
    eng = world.ctx("zhangwei")
    for kwargs, code in (({"result": "ok"}, "not_a_choice"), ({"result": "na"}, "na_needs_reason")):
        with pytest.raises(InvalidInput) as exc:
            execution.record_item(eng, n, "precheck", "backup", **kwargs, expected_version=entry_v(world, n, "precheck", "backup"))
        assert exc.value.refusals[0].code == code
    with pytest.raises(InvalidInput):
        execution.record_item(eng, n, "precheck", "no_such_item", "pass", expected_version=entry_v(world, n, "precheck", "no_such_item"))
    execution.record_item(eng, n, "precheck", "backup", "na", reason="本次无数据变更",
                          expected_version=entry_v(world, n, "precheck", "backup"))


def test_rollback_needs_a_trigger_and_a_reasoned_decision(world):
    n = release_at(world, Status.DEPLOYING)
    eng = world.ctx("zhangwei")
    with pytest.raises(InvalidInput) as exc:
        rollback.report_problem(eng, n, [], "出错", expected_problem=problem_seen(world, n))
    assert exc.value.refusals[0].requirement == "R-4.5.1-TRIGGERS"
    with pytest.raises(InvalidInput):
        rollback.report_problem(eng, n, ["meteor"], "出错", expected_problem=problem_seen(world, n))
    rollback.report_problem(eng, n, ["data"], "数据不一致", expected_problem=problem_seen(world, n))
    with pytest.raises(InvalidInput):
        rollback.decide(world.ctx("lina"), n, "rollback", "", expected_problem=problem_seen(world, n), expected_version=problem_v(world, n))
    with pytest.raises(InvalidInput):
        rollback.decide(world.ctx("lina"), n, "maybe", "理由", expected_problem=problem_seen(world, n),
                        expected_version=problem_v(world, n))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=600))
def test_any_title_is_stored_cleanly_or_refused(sqlite_world, title):
    try:
        n = releases.create(sqlite_world.ctx("zhangwei"), title=title, type="normal").number
    except InvalidInput:
        return
    stored = details.show_json(sqlite_world.ctx(), n)["title"]
    assert stored and "\x00" not in stored and len(stored) <= 500


def test_linking_changes_follows_the_roles_and_stage(world):
    """R-4.2.1-CORRELATION: an auditor cannot relink; an engineer can while planning."""
    n = release_at(world, Status.REQUESTED)
    change = approved_change(world)
    with pytest.raises(PolicyViolation):
        releases.link_changes(world.ctx("auditor"), n, [change], expected_version=rv(world, n))
    releases.link_changes(world.ctx("zhangwei"), n, [change], expected_version=rv(world, n))
    assert [c["number"] for c in details.show_json(world.ctx(), n)["changes"]] == [change]


def test_only_engineers_and_managers_write_lessons_learned(world):
    """R-4.4.2-KNOWLEDGE."""
    from relgui.services import closing

    with pytest.raises(PolicyViolation):
        closing.add_knowledge(world.ctx("auditor"), "标题", "内容")
    assert closing.add_knowledge(world.ctx("zhangwei"), "回退包须提前校验", "教训……") > 0
