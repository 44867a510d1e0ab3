"""Driving releases through the real services, step by step, for the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Status
from relgui.services import changes, closing, details, execution, plans, releases, rollback
from relgui.services.execution import Confirmation

PASSWORD = "correct-horse-9"
_n = 0


def approved_change(world, title: str = "数据库参数调整") -> str:
    global _n
    _n += 1
    number = f"CHG-T{_n:05d}"
    changes.record(world.ctx("zhangwei"), number=number, title=title, status="approved",
                   decided_by="变更管理委员会")
    return number


def full_plan(world, start: dt.datetime | None = None, hours: int | None = None) -> dict[str, dict[str, Any]]:
    # By default the approved window holds the test's clock for three days from an hour ago, so a
    # release started and stepped through "now" (and after the clock advanced) is inside it:
    # deploying outside the window needs a recorded reason (R-1.3-PLAN, test_validation.py).
    if start is None:
        start, hours = world.clock.now() - dt.timedelta(hours=1), 72 if hours is None else hours
    end = start + dt.timedelta(hours=2 if hours is None else hours)
    return {
        "correlation": {"merge_decision": "单一变更", "rationale": "仅一个变更，无依赖。"},
        "resources": {"technical": "预发布环境", "human": "张伟、王芳", "time": "2 小时窗口"},
        "risks": {"risks": [
            {"category": "技术风险", "description": "版本不兼容", "likelihood": 2, "impact": 4,
             "response": "预发布验证", "owner": "张伟"},
            {"category": "业务风险", "description": "交易中断", "likelihood": 2, "impact": 3,
             "response": "低峰时段", "owner": "王芳"},
            {"category": "管理风险", "description": "人员不到位", "likelihood": 1, "impact": 2,
             "response": "值班表", "owner": "李娜"}]},
        "purpose": {"text": "修复已知缺陷。"},
        "scope": {"systems": "核心交易系统", "users": "全体柜员", "downtime_minutes": 10},
        "parties": {"parties": [{"party": "运维管理部", "role": "组织", "duties": "协调", "contact": "6001"}]},
        "schedule": {"window_start": start.isoformat(), "window_end": end.isoformat(), "people": "张伟",
                     "tools": "堡垒机"},
        "steps": {"steps": [{"action": "停止服务", "owner": "张伟", "minutes": 5},
                            {"action": "部署新版本", "owner": "张伟", "minutes": 10}]},
        "baseline": {"items": [{"ci": "核心交易系统-应用服务器", "before": "1.0.0", "after": "1.1.0"}]},
        "risk_measures": {"measures": [{"risk": "版本不兼容", "measure": "回退", "owner": "张伟"}]},
        "rollback": {"performance_threshold": "响应时间 > 2 秒", "max_minutes": 30,
                     "steps": [{"action": "恢复旧版本", "owner": "张伟", "minutes": 5},
                               {"action": "重启服务", "owner": "张伟", "minutes": 5}]},
        "contingency": {"scenarios": [{"situation": "部署后服务无法启动", "response": "按回退措施恢复旧版本",
                                       "owner": "张伟", "escalation": "李娜"}]},
        "monitoring": {"items": [
            {"kind": "进度监控", "target": "实施步骤完成情况", "threshold": "每步超时 10 分钟上报", "watcher": "张伟", "hours": 2},
            {"kind": "性能监控", "target": "交易响应时间", "threshold": "响应时间 > 2 秒", "watcher": "王芳", "hours": 24},
            {"kind": "日志监控", "target": "应用错误日志", "threshold": "ERROR 每分钟 > 5 条", "watcher": "王芳", "hours": 24},
            {"kind": "用户反馈", "target": "客服热线与工单", "threshold": "同类投诉 ≥ 3 起", "watcher": "李娜", "hours": 24}]},
        "acceptance": {"criteria": [
            {"kind": "功能验证", "criterion": "核心交易可正常办理", "measure": "冒烟测试用例全部通过", "accepted_by": "张伟"},
            {"kind": "性能验证", "criterion": "响应时间不劣于发布前", "measure": "平均响应时间 ≤ 2 秒", "accepted_by": "王芳"},
            {"kind": "业务验证", "criterion": "业务流程正常运行", "measure": "抽查 10 笔交易", "accepted_by": "王芳"},
            {"kind": "用户验收", "criterion": "业务部门正式确认", "measure": "签字确认", "accepted_by": "陈经理"}]},
        "post_work": {"text": "观察 24 小时，更新 CMDB。"},
    }


def rv(world, number: str) -> int:
    """The release's version as a user would see it now (what their next write carries)."""
    return details.show_json(world.ctx(), number, audit_limit=0)["row_version"]


def seen(world, number: str) -> ReleaseDetail:
    """The release as displayed now: pass details.seen_*(it, …) as the version a write saw."""
    return details.show(world.ctx(), number, audit_limit=0)


def section_version(world, number: str, section: str) -> int:
    return plans.get(world.ctx(), number).section_versions.get(section, 0)


def save(world, number: str, section: str, data, who: str = "zhangwei") -> int:
    """Save a plan section as a user who has just looked at it."""
    return plans.save_section(world.ctx(who), number, section, data,
                              base_version=section_version(world, number, section))


def record(world, number: str, checklist: str, item: str, result: str = "pass", who: str = "zhangwei",
           **kwargs) -> int:
    """Record a checklist item as a user who has just looked at it."""
    return execution.record_item(world.ctx(who), number, checklist, item, result,
                                 expected_version=details.seen_entry(seen(world, number), checklist, item),
                                 **kwargs)


def step(world, number: str, step_no: int, status: str = "done", who: str = "zhangwei", kind: str = "deploy",
         **kwargs) -> int:
    return execution.record_step(world.ctx(who), number, step_no, status, kind=kind,
                                 expected_version=details.seen_step(seen(world, number), kind, step_no),
                                 **kwargs)


def problem(world, number: str, triggers=("key_function",), text: str = "关键功能报错",
            who: str = "zhangwei") -> int:
    return rollback.report_problem(world.ctx(who), number, list(triggers), text,
                                   expected_problem=details.seen_problem(seen(world, number)))


def decide(world, number: str, decision: str = "rollback", reason: str = "影响核心业务", who: str = "lina"):
    shown = seen(world, number)
    return rollback.decide(world.ctx(who), number, decision, reason, expected_problem=details.seen_problem(shown),
                           expected_version=details.seen_problem_version(shown))


def restored(world, number: str, cause: str = "版本缺陷", who: str = "zhangwei") -> None:
    rollback.confirm_restored(world.ctx(who), number, cause,
                              expected_version=details.seen_rollback(seen(world, number)))


def write_plan(world, number: str, who: str = "zhangwei", content=None) -> None:
    for key, data in (content or full_plan(world)).items():
        save(world, number, key, data, who)


def release_at(world, status: Status, type_: str = "normal", author: str = "zhangwei") -> str:
    """A release brought through the real services to ``status``; returns its number."""
    eng = world.ctx(author)
    approver = "wangfang" if type_ == "normal" else "lina"
    created = releases.create(eng, title="核心交易系统升级", type=type_, change_numbers=[approved_change(world)],
                              systems="核心交易系统")
    n = created.number
    if status is Status.REQUESTED:
        return n
    releases.accept(eng, n, expected_version=rv(world, n))
    if status is Status.ACCEPTED:
        return n
    releases.start_planning(eng, n, expected_version=rv(world, n))
    write_plan(world, n, author)
    if status is Status.PLANNING:
        return n
    plans.submit(eng, n, expected_version=rv(world, n))
    if status is Status.PLAN_SUBMITTED:
        return n
    plans.approve(world.ctx(approver), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    if status is Status.PLAN_APPROVED:
        return n
    for item in ("environment", "backup", "rollback_test", "contingency"):
        record(world, n, "precheck", item, "pass", author, evidence="已检查")
    execution.complete_precheck(eng, n, expected_version=rv(world, n))
    if status is Status.PRECHECKED:
        return n
    execution.start_deployment(eng, n, expected_version=rv(world, n))
    if status is Status.DEPLOYING:
        return n
    if status is Status.ROLLING_BACK:
        problem(world, n, who=author)
        decide(world, n)
        return n
    for step_no in (1, 2):
        step(world, n, step_no, "done", author)
    execution.finish_deployment(eng, n, expected_version=rv(world, n))
    if status is Status.VERIFYING:
        return n
    verify_all(world, n, author)
    execution.complete_verification(eng, n, expected_version=rv(world, n))
    if status is Status.CONFIG_UPDATE:
        return n
    closing.apply_cmdb(eng, n, expected_version=rv(world, n))
    # 知识更新 通过 stands for a lesson of this release (R-4.4.2-KNOWLEDGE); 文档归档 通过 for the
    # approved plan archived at approval (R-4.4.2-ARCHIVE).
    closing.add_knowledge(eng, "核心交易系统升级经验", "数据库脚本须在预发布环境完整演练。", release=n)
    for item in ("cmdb", "archive", "knowledge"):
        record(world, n, "config_update", item, "pass", author)
    closing.complete_config_update(eng, n, expected_version=rv(world, n))
    if status is Status.AWAITING_CLOSE:
        return n
    closing.close(world.ctx("lina"), n, "发布按计划完成。", PASSWORD, expected_version=rv(world, n))
    assert status is Status.CLOSED
    return n


def verify_all(world, number: str, who: str = "zhangwei") -> None:
    for item in ("functional", "performance", "business"):
        record(world, number, "verification", item, "pass", who)
    record(world, number, "verification", "acceptance", "pass", who,
           confirmation=Confirmation("陈经理", "业务运营部", world.clock.now()))


# The version a user who has just looked would carry (tests of other things than conflicts).

def entry_v(world, number: str, checklist: str, item: str):
    return details.seen_entry(seen(world, number), checklist, item)


def step_v(world, number: str, kind: str, step_no: int):
    return details.seen_step(seen(world, number), kind, step_no)


def problem_seen(world, number: str):
    return details.seen_problem(seen(world, number))


def problem_v(world, number: str):
    return details.seen_problem_version(seen(world, number))


def rollback_v(world, number: str):
    return details.seen_rollback(seen(world, number))


def change_v(world, number: str) -> int:
    return changes.by_numbers(world.ctx(), [number])[0].row_version


def user_v(world, username: str) -> int:
    from relgui.services import users

    return users.get(world.ctx(), username).row_version


def company_v(world):
    from relgui.domain.versions import NEW
    from relgui.services import company

    view = company.get(world.ctx())
    return view.row_version if company.is_configured(world.ctx()) else NEW


def software_v(world, artifact: str, version: str) -> int:
    from relgui.services import inventory

    return next(v.row_version for v in inventory.versions(world.ctx(), artifact) if v.version == version)
