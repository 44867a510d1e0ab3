"""Validation in the domain, enforced by the services, on both databases (issue 15): each refusal
in words in both languages, with its requirement in code; nothing written when refused."""

from __future__ import annotations

import datetime as dt

import pytest
from flows import (
    PASSWORD,
    approved_change,
    full_plan,
    release_at,
    rv,
    save,
    section_version,
    seen,
    step,
    step_v,
)
from sqlalchemy import func, select

from relgui.documents import report_parts
from relgui.domain.errors import InvalidInput, PolicyViolation, RelguiError
from relgui.domain.states import Status
from relgui.policy import current_profile
from relgui.services import (
    closing,
    closing_checks,
    company,
    details,
    execution,
    knowledge,
    plan_templates,
    plans,
    releases,
    rollback,
)
from relgui.services.context import reading
from relgui.store.models import Deviation, Release


def _codes(exc: RelguiError) -> list[str]:
    return [r.code for r in exc.refusals]


def _said(exc: RelguiError) -> tuple[str, str]:
    """The refusal in both languages: words, never a requirement ID or a raw code."""
    zh, en = exc.message("zh_CN", current_profile()), exc.message("en", current_profile())
    for text_ in (zh, en):
        assert "R-" not in text_ and not any(r.code in text_ for r in exc.refusals), text_
    return zh, en


def _deviations(world, number: str) -> list[Deviation]:
    with reading(world.ctx()) as s:
        rid = s.execute(select(Release.id).where(Release.number == number)).scalar_one()
        return list(s.execute(select(Deviation).where(Deviation.release_id == rid)).scalars())


# ------------------------------------------------------------------ step times (R-4.3.2-MONITOR)

def test_step_times_are_ordered_r_4_3_2_monitor(world):
    n = release_at(world, Status.DEPLOYING)
    now = world.clock.now()
    with pytest.raises(InvalidInput) as exc:  # 实际完成 a day before 实际开始
        step(world, n, 1, started_at=now, finished_at=now - dt.timedelta(days=1))
    assert _codes(exc.value) == ["step_finished_before_start"]
    zh, en = _said(exc.value)
    assert "实际完成时间" in zh and "不能早于实际开始时间" in zh and "cannot be before the actual start" in en
    assert seen(world, n).steps == ()  # nothing written
    world.clock.advance(minutes=30)
    step(world, n, 1, started_at=now, finished_at=now + dt.timedelta(minutes=20))
    with pytest.raises(InvalidInput) as exc:  # step 2 begun before step 1 ended
        step(world, n, 2, started_at=now + dt.timedelta(minutes=10), finished_at=now + dt.timedelta(minutes=25))
    assert _codes(exc.value) == ["step_before_previous"]
    assert "上一步骤的实际完成时间" in _said(exc.value)[0]
    with pytest.raises(InvalidInput) as exc:  # not yet happened
        step(world, n, 2, started_at=now + dt.timedelta(minutes=20), finished_at=now + dt.timedelta(hours=5))
    assert _codes(exc.value) == ["step_in_future"]
    step(world, n, 2, started_at=now + dt.timedelta(minutes=20), finished_at=now + dt.timedelta(minutes=29))
    assert [s.status for s in seen(world, n).steps] == ["done", "done"]


def test_a_step_outside_the_window_needs_a_reason_r_1_3_plan(world):
    n = release_at(world, Status.DEPLOYING)
    world.clock.advance(hours=80)  # the flows' window is three days from an hour before start
    with pytest.raises(InvalidInput) as exc:
        step(world, n, 1)
    assert _codes(exc.value) == ["step_outside_window"]
    zh, en = _said(exc.value)
    assert "发布窗口" in zh and "理由" in zh and "制度 1.3" in zh and "release window" in en
    assert execution.step_outside_window(world.ctx("zhangwei"), n, None, world.clock.now())
    assert _deviations(world, n) == []
    step(world, n, 1, reason="上游系统延迟交付，经经理同意顺延")
    found = _deviations(world, n)
    assert [(d.kind, d.subject, d.reason) for d in found] == [
        ("step_outside_window", "deploy.1", "上游系统延迟交付，经经理同意顺延")]


# ------------------------------------------------------------------ deployment start (R-1.3-PLAN)

def test_deployment_outside_the_window_or_in_a_freeze_needs_a_reason_and_is_flagged(world):
    n = release_at(world, Status.PRECHECKED)
    eng = world.ctx("zhangwei")
    assert execution.deployment_deviations(eng, n) == []  # inside the window: nothing to ask
    world.clock.advance(hours=75)  # past the window's end
    found = execution.deployment_deviations(eng, n)
    assert [r.code for r in found] == ["deploy_outside_window"]
    with pytest.raises(PolicyViolation) as exc:
        execution.start_deployment(eng, n, expected_version=rv(world, n))
    assert _codes(exc.value) == ["deploy_outside_window", "deviation_needs_reason"]
    zh, en = _said(exc.value)
    assert "不在已批准的发布窗口" in zh and "须记录理由" in zh and "《发布变更报告》中注明" in zh
    assert "outside the approved release window" in en
    assert seen(world, n).status == "prechecked"
    company.add_freeze(world.ctx("admin"), world.clock.now() - dt.timedelta(hours=1),
                       world.clock.now() + dt.timedelta(hours=1), "年终封网")
    with pytest.raises(PolicyViolation) as exc:
        execution.start_deployment(eng, n, reason="  ", expected_version=rv(world, n))
    assert _codes(exc.value) == ["deploy_outside_window", "deploy_in_freeze", "deviation_needs_reason"]
    assert "冻结期" in _said(exc.value)[0] and "年终封网" in _said(exc.value)[0]
    execution.start_deployment(eng, n, reason="监管要求当日生效，经经理批准", expected_version=rv(world, n))
    data = details.show_json(world.ctx(), n)
    assert data["status"] == "deploying"
    assert [(d["kind"], d["reason"]) for d in data["deviations"]] == [
        ("deploy_outside_window", "监管要求当日生效，经经理批准"), ("deploy_in_freeze", "监管要求当日生效，经经理批准")]
    # The report's part says so (report_parts.deviations, wired by the report's owner).
    from relgui.documents.form import Numbers, Source

    src = Source(release=data, profile=current_profile(), company="北京新都远景", department="运维管理部",
                 tz=dt.timezone(dt.timedelta(hours=8)))
    texts = repr(report_parts.deviations(src, Numbers()))
    assert "在已批准的发布窗口之外开始实施" in texts and "在冻结期内开始实施" in texts and "监管要求当日生效" in texts


# ------------------------------------------------------------------ plan (R-3.2-PLAN, R-1.3-COOP)

def test_downtime_longer_than_the_window_is_refused_and_a_gap_r_3_2_plan(world):
    n = release_at(world, Status.PLANNING)
    start = world.clock.now() + dt.timedelta(days=2)
    save(world, n, "schedule", {**full_plan(world)["schedule"], "window_start": start.isoformat(),
                                "window_end": (start + dt.timedelta(hours=3)).isoformat()})
    before = section_version(world, n, "scope")
    with pytest.raises(InvalidInput) as exc:
        save(world, n, "scope", {**full_plan(world)["scope"], "downtime_minutes": 999_999})
    assert _codes(exc.value) == ["downtime_exceeds_window"]
    zh, en = _said(exc.value)
    assert "999999 分钟" in zh and "180 分钟" in zh and "180 minutes" in en
    assert section_version(world, n, "scope") == before
    save(world, n, "scope", {**full_plan(world)["scope"], "downtime_minutes": 120})
    # shortening the window later leaves a gap, and the plan cannot be submitted
    save(world, n, "schedule", {**full_plan(world)["schedule"], "window_start": start.isoformat(),
                                "window_end": (start + dt.timedelta(hours=1)).isoformat()})
    gaps = [g for g in plans.get(world.ctx(), n).gaps if g.problem == "downtime_window"]
    assert gaps and gaps[0].detail == "60"
    with pytest.raises(PolicyViolation) as exc:
        plans.submit(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    assert "预计停机时间不能超过已安排的发布窗口（60 分钟）" in _said(exc.value)[0]


def test_baseline_before_follows_the_cmdb_on_copy_and_on_item_change_r_1_3_coop(world):
    target = release_at(world, Status.PLANNING)  # its baseline says 1.0.0 → 1.1.0, as the CMDB did
    assert not [g for g in plans.get(world.ctx(), target).gaps if g.problem == "stale_before"]
    done = release_at(world, Status.CLOSED)  # meanwhile another release took the item to 1.1.0
    view = plans.get(world.ctx(), target)
    assert view.content["baseline"]["items"][0]["before"] == "1.0.0"
    stale = [g for g in view.gaps if g.problem == "stale_before"]
    assert [(g.row, g.detail) for g in stale] == [(1, "1.1.0")]
    refusal = stale[0].refusal(current_profile())
    assert refusal.requirement == "R-1.3-COOP"
    with pytest.raises(PolicyViolation) as exc:
        plans.submit(world.ctx("zhangwei"), target, expected_version=rv(world, target))
    assert "配置管理数据库的当前版本（1.1.0）" in _said(exc.value)[0]
    # a copy of the closed release's baseline takes the CMDB's current version
    plan_templates.copy_sections(world.ctx("zhangwei"), target, done, ["baseline"],
                                 base_versions={"baseline": section_version(world, target, "baseline")})
    view = plans.get(world.ctx(), target)
    assert view.content["baseline"]["items"][0]["before"] == "1.1.0"
    assert not [g for g in view.gaps if g.problem == "stale_before"]
    # changing a row's item takes that item's current version
    from relgui.services import inventory
    inventory.add_config_item(world.ctx("zhangwei"), "测试专用-报表服务器", current_version="9.4.2")
    row = {**view.content["baseline"]["items"][0], "ci": "测试专用-报表服务器"}
    save(world, target, "baseline", {"items": [{k: v for k, v in row.items() if not k.endswith("_ref")}]})
    assert plans.get(world.ctx(), target).content["baseline"]["items"][0]["before"] == "9.4.2"


# ------------------------------------------------------------------ changes (R-4.2.1-CHANGE)

def test_a_change_delivered_by_a_closed_release_needs_confirmation_r_4_2_1_change(world):
    done = release_at(world, Status.CLOSED)
    change = seen(world, done).changes[0].number
    eng = world.ctx("zhangwei")
    before = releases.create(eng, title="补充发布", type="normal", change_numbers=[approved_change(world)]).number
    with pytest.raises(PolicyViolation) as exc:
        releases.create(eng, title="再次发布", type="normal", change_numbers=[change])
    assert _codes(exc.value) == ["change_already_delivered"]
    zh, en = _said(exc.value)
    assert change in zh and done in zh and "确认" in zh and "already delivered" in en
    with pytest.raises(PolicyViolation):
        releases.link_changes(eng, before, [change], expected_version=rv(world, before))
    releases.link_changes(eng, before, [change], confirm_delivered=True, expected_version=rv(world, before))
    assert [c.number for c in seen(world, before).changes] == [change]
    assert releases.create(eng, title="再次发布", type="normal", change_numbers=[change], confirm_delivered=True).number


# ------------------------------------------------------------------ titles

def test_an_overlong_title_is_refused_with_its_limit_never_cut(world):
    eng = world.ctx("zhangwei")
    with reading(world.ctx()) as s:
        count = s.execute(select(func.count()).select_from(Release)).scalar_one()
    with pytest.raises(InvalidInput) as exc:
        releases.create(eng, title="长" * 5000, type="normal")
    assert _codes(exc.value) == ["title_too_long"]
    zh, en = _said(exc.value)
    assert "5000 字" in zh and "最多 500 字" in zh and "未作任何截断" in zh and "at most 500" in en
    with reading(world.ctx()) as s:
        assert s.execute(select(func.count()).select_from(Release)).scalar_one() == count
    assert len(seen(world, releases.create(eng, title="长" * 500, type="normal").number).title) == 500


# ------------------------------------------------------------------ closure (R-4.2.2-CLOSE, R-4.4.2-KNOWLEDGE)

def test_closing_checks_before_the_password_and_requires_a_lesson_after_a_rollback(world):
    n = release_at(world, Status.DEPLOYING, type_="emergency")
    eng, mgr = world.ctx("zhangwei"), world.ctx("lina")
    rollback.report_problem(eng, n, ["key_function"], "关键功能不可用", expected_problem=details.seen_problem(seen(world, n)))
    rollback.decide(mgr, n, "rollback", "影响核心交易", expected_problem=details.seen_problem(seen(world, n)),
                    expected_version=details.seen_problem_version(seen(world, n)))
    for i in (1, 2):
        execution.record_step(eng, n, i, "done", kind="rollback", expected_version=step_v(world, n, "rollback", i))
    rollback.confirm_restored(eng, n, "新版本与生产数据不兼容", expected_version=details.seen_rollback(seen(world, n)))
    rollback.complete(eng, n, expected_version=rv(world, n))
    with pytest.raises(InvalidInput) as exc:  # no password involved at all
        closing_checks.check(mgr, n, "   ")
    assert _codes(exc.value) == ["closure_analysis_empty"]
    assert "成败分析" in _said(exc.value)[0]
    with pytest.raises(PolicyViolation) as exc:
        closing_checks.check(mgr, n, "已在时限内完成回退。")
    assert _codes(exc.value) == ["lesson_required"]
    zh, en = _said(exc.value)
    assert "经验总结" in zh and "知识库" in zh and "lesson" in en
    with pytest.raises(PolicyViolation):
        closing.close(mgr, n, "已在时限内完成回退。", PASSWORD, expected_version=rv(world, n))
    entry = knowledge.add_lesson(mgr, n, "紧急发布回退经验", "上线前须用生产数据副本演练数据迁移。")
    closing_checks.check(mgr, n, "已在时限内完成回退。")  # only the password is left
    closing.close(mgr, n, "已在时限内完成回退。", PASSWORD, expected_version=rv(world, n))
    hits = knowledge.search(world.ctx(), "回退").hits
    assert entry in [h.id for h in hits]
    hit = next(h for h in hits if h.id == entry)
    assert hit.release_number == n and "核心交易系统-应用服务器" in hit.tags and "回退" in hit.tags
    assert [h.id for h in knowledge.for_config_item(world.ctx(), "核心交易系统-应用服务器")].count(entry) == 1


# ------------------------------------------------------------------ request editing (R-4.2.1-CHANGE)

def test_a_request_without_a_change_is_edited_linked_and_accepted(world):
    eng = world.ctx("zhangwei")
    n = releases.create(eng, title="网银证书更新", type="normal").number
    with pytest.raises(PolicyViolation) as exc:
        releases.accept(eng, n, expected_version=rv(world, n))
    assert _codes(exc.value) == ["no_change_linked"]
    shown = rv(world, n)
    start = world.clock.now() + dt.timedelta(days=3)
    fields = dict(title="网银证书更新（含 CA 链）", description="更新到期证书", systems="网上银行系统",
                  planned_start=start, planned_end=start + dt.timedelta(hours=2))
    with pytest.raises(InvalidInput) as exc:  # a new type decides another approver: a reason first
        releases.edit_request(eng, n, type="major", expected_version=shown, **fields)
    assert _codes(exc.value) == ["type_change_needs_reason"]
    assert rv(world, n) == shown
    v = releases.edit_request(eng, n, type="major", type_reason="涉及全部网银用户", expected_version=shown, **fields)
    with pytest.raises(RelguiError) as exc:  # somebody who saw the old version: a conflict, not an overwrite
        releases.edit_request(world.ctx("liuyang"), n, type="normal", type_reason="误选", expected_version=shown,
                              **fields)
    assert _codes(exc.value) == ["conflict"]
    data = seen(world, n)
    assert (data.title, data.type, data.systems) == ("网银证书更新（含 CA 链）", "major", "网上银行系统")
    with pytest.raises(InvalidInput) as exc:
        releases.edit_request(eng, n, type="major", expected_version=v, **fields)
    assert _codes(exc.value) == ["nothing_changed"]
    v = releases.link_changes(eng, n, [approved_change(world)], expected_version=v)
    releases.accept(eng, n, expected_version=v)
    with pytest.raises(PolicyViolation) as exc:
        releases.edit_request(eng, n, type="major", expected_version=rv(world, n), **{**fields, "title": "改"})
    assert _codes(exc.value) == ["request_not_editable"]
    assert "受理后不能再修改" in _said(exc.value)[0]
    events = [e for e in details.show_json(world.ctx(), n)["audit"] if e["action"] == "release.edit_request"]
    assert len(events) == 1 and events[0]["actor"] and "relgui-admin" not in events[0]["actor"]


def test_changes_are_locked_once_the_plan_is_approved(world):
    n = release_at(world, Status.PLAN_APPROVED)
    with pytest.raises(PolicyViolation) as exc:
        releases.link_changes(world.ctx("zhangwei"), n, [approved_change(world)], expected_version=rv(world, n))
    assert _codes(exc.value) == ["changes_locked"]
    assert "批准后不能再关联" in _said(exc.value)[0]
