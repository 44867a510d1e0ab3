"""Driving releases through the real services, step by step, for the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from relgui.domain.states import Status
from relgui.services import changes, closing, execution, plans, releases, rollback
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


def full_plan(world, start: dt.datetime | None = None, hours: int = 2) -> dict[str, dict[str, Any]]:
    start = start or (world.clock.now() + dt.timedelta(days=2))
    end = start + dt.timedelta(hours=hours)
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
        "post_work": {"text": "观察 24 小时，更新 CMDB。"},
    }


def write_plan(world, number: str, who: str = "zhangwei", content=None) -> None:
    ctx = world.ctx(who)
    for key, data in (content or full_plan(world)).items():
        plans.save_section(ctx, number, key, data)


def release_at(world, status: Status, type_: str = "normal", author: str = "zhangwei") -> str:
    """A release brought through the real services to ``status``; returns its number."""
    eng = world.ctx(author)
    approver = "wangfang" if type_ == "normal" else "lina"
    created = releases.create(eng, title="核心交易系统升级", type=type_, change_numbers=[approved_change(world)],
                              systems="核心交易系统")
    n = created.number
    if status is Status.REQUESTED:
        return n
    releases.accept(eng, n)
    if status is Status.ACCEPTED:
        return n
    releases.start_planning(eng, n)
    write_plan(world, n, author)
    if status is Status.PLANNING:
        return n
    plans.submit(eng, n)
    if status is Status.PLAN_SUBMITTED:
        return n
    plans.approve(world.ctx(approver), n, 1, PASSWORD, acknowledge_warnings=True)
    if status is Status.PLAN_APPROVED:
        return n
    for item in ("environment", "backup", "rollback_test", "contingency"):
        execution.record_item(eng, n, "precheck", item, "pass", evidence="已检查")
    execution.complete_precheck(eng, n)
    if status is Status.PRECHECKED:
        return n
    execution.start_deployment(eng, n)
    if status is Status.DEPLOYING:
        return n
    if status is Status.ROLLING_BACK:
        rollback.report_problem(eng, n, ["key_function"], "关键功能报错")
        rollback.decide(world.ctx("lina"), n, "rollback", "影响核心业务")
        return n
    for step in (1, 2):
        execution.record_step(eng, n, step, "done")
    execution.finish_deployment(eng, n)
    if status is Status.VERIFYING:
        return n
    verify_all(world, n, author)
    execution.complete_verification(eng, n)
    if status is Status.CONFIG_UPDATE:
        return n
    closing.apply_cmdb(eng, n)
    for item in ("cmdb", "archive", "knowledge"):
        execution.record_item(eng, n, "config_update", item, "pass")
    closing.complete_config_update(eng, n)
    if status is Status.AWAITING_CLOSE:
        return n
    closing.close(world.ctx("lina"), n, "发布按计划完成。", PASSWORD)
    assert status is Status.CLOSED
    return n


def verify_all(world, number: str, who: str = "zhangwei") -> None:
    eng = world.ctx(who)
    for item in ("functional", "performance", "business"):
        execution.record_item(eng, number, "verification", item, "pass")
    execution.record_item(eng, number, "verification", "acceptance", "pass",
                          confirmation=Confirmation("陈经理", "业务运营部", world.clock.now()))
