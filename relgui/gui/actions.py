"""The commands a release detail offers, each bound to the domain action that decides whether
it is allowed. The button is enabled only when relgui.domain.lifecycle has no refusal; its
tooltip is the domain's own reason (not a second copy of the rule).

A command's handler is ``"module:function"``, imported when clicked, called as
``function(parent, gctx, release)`` where release is the dict of services.details.show; it
returns True when something changed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtCore import QCoreApplication

from relgui.domain.states import Action as A


@dataclass(frozen=True)
class Command:
    key: str
    label: str
    action: A
    handler: str
    primary: bool = False  # the step forward from this status


COMMANDS = [
    Command("accept", QT_TRANSLATE_NOOP("Commands", "受理"), A.ACCEPT, "relgui.gui.simple_actions:accept", True),
    Command("reject_request", QT_TRANSLATE_NOOP("Commands", "驳回请求…"), A.REJECT_REQUEST, "relgui.gui.simple_actions:reject_request"),
    Command("edit_request", QT_TRANSLATE_NOOP("Commands", "修改请求…"), A.EDIT_REQUEST, "relgui.gui.dialogs.release_request_edit:edit_request"),
    Command("start_planning", QT_TRANSLATE_NOOP("Commands", "开始制定计划"), A.START_PLANNING, "relgui.gui.simple_actions:start_planning", True),
    Command("edit_plan", QT_TRANSLATE_NOOP("Commands", "编辑发布计划…"), A.EDIT_PLAN, "relgui.gui.wizard.window:open_plan", True),
    Command("submit_plan", QT_TRANSLATE_NOOP("Commands", "提交审批…"), A.SUBMIT_PLAN, "relgui.gui.simple_actions:submit_plan", True),
    Command("withdraw_plan", QT_TRANSLATE_NOOP("Commands", "撤回计划"), A.WITHDRAW_PLAN, "relgui.gui.simple_actions:withdraw_plan"),
    Command("approve_plan", QT_TRANSLATE_NOOP("Commands", "批准…"), A.APPROVE_PLAN, "relgui.gui.simple_actions:approve_plan", True),
    Command("reject_plan", QT_TRANSLATE_NOOP("Commands", "驳回计划…"), A.REJECT_PLAN, "relgui.gui.simple_actions:reject_plan"),
    Command("precheck", QT_TRANSLATE_NOOP("Commands", "预发布验证…"), A.RECORD_PRECHECK, "relgui.gui.execution.checklists:open_precheck", True),
    Command("start_deployment", QT_TRANSLATE_NOOP("Commands", "开始发布实施"), A.START_DEPLOYMENT, "relgui.gui.simple_actions:start_deployment", True),
    Command("monitor", QT_TRANSLATE_NOOP("Commands", "执行监控…"), A.RECORD_MONITORING, "relgui.gui.execution.monitor:open_monitor", True),
    Command("report_problem", QT_TRANSLATE_NOOP("Commands", "报告严重问题…"), A.REPORT_PROBLEM, "relgui.gui.execution.rollback:report_problem"),
    Command("decide_rollback", QT_TRANSLATE_NOOP("Commands", "回退决策…"), A.DECIDE_ROLLBACK, "relgui.gui.execution.rollback:decide", True),
    Command("rollback", QT_TRANSLATE_NOOP("Commands", "执行回退…"), A.RECORD_ROLLBACK_STEP, "relgui.gui.execution.rollback:execute", True),
    Command("verification", QT_TRANSLATE_NOOP("Commands", "效果验证…"), A.RECORD_VERIFICATION, "relgui.gui.execution.checklists:open_verification", True),
    Command("declare_failed", QT_TRANSLATE_NOOP("Commands", "判定发布失败…"), A.DECLARE_FAILED, "relgui.gui.simple_actions:declare_failed"),
    Command("config_update", QT_TRANSLATE_NOOP("Commands", "配置更新…"), A.UPDATE_CMDB, "relgui.gui.execution.config_update:open_config_update", True),
    Command("close", QT_TRANSLATE_NOOP("Commands", "关闭发布…"), A.CLOSE, "relgui.gui.execution.closure:close_release", True),
    Command("cancel", QT_TRANSLATE_NOOP("Commands", "取消发布…"), A.CANCEL, "relgui.gui.simple_actions:cancel"),
]


def label(cmd: Command) -> str:
    return QCoreApplication.translate("Commands", cmd.label)


def resolve(cmd: Command) -> Callable | None:
    """The handler function, or None when that part of the application is not installed."""
    module, _, name = cmd.handler.partition(":")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
