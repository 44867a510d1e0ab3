"""The commands a release detail offers, each bound to the domain action that decides whether
it is allowed. The button is enabled only when relgui.domain.lifecycle has no refusal; its
tooltip is the domain's own reason (not a second copy of the rule).

A command's handler is called as ``function(parent, gctx, release)`` where release is what
services.details.show returns (a ReleaseDetail); it returns True when something changed.

The wiring is explicit: each command names its handler through a real import (below), never a
``"module:function"`` string, and nothing is swallowed — ``handler(cmd)`` raises when a handler
is missing, and tests/test_wiring.py resolves every command, so a broken one fails the suite.
Most handler modules are imported at the first click, not with this module: importing all of
them when the main window loads costs 190–430 ms on this machine (111 more modules: the plan
wizard, the execution windows, services.alerts with smtplib and urllib …) against a start-up
floor of about 1.4 s (benchmarks/bench_startup.py, target ≤ 1.5× the floor). The cheap ones
(a few ms) are imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from PySide6.QtCore import QCoreApplication

from relgui.domain.states import Action as A
from relgui.gui.dialogs import release_request_edit
from relgui.gui.i18n import QT_TRANSLATE_NOOP

Handler = Callable[..., bool]


# Each returns its handler module, imported at the first click (start-up cost: module docstring).
def _simple() -> ModuleType:
    from relgui.gui import simple_actions  # lazy: at the click: 50–60 ms (services.execution → smtplib)

    return simple_actions


def _wizard() -> ModuleType:
    from relgui.gui.wizard import window  # lazy: at the click: 57–144 ms, 40 modules

    return window


def _checklists() -> ModuleType:
    from relgui.gui.execution import checklists  # lazy: at the click: the execution windows, 190–240 ms

    return checklists


def _monitor() -> ModuleType:
    from relgui.gui.execution import monitor  # lazy: at the click: the execution windows

    return monitor


def _rollback() -> ModuleType:
    from relgui.gui.execution import rollback  # lazy: at the click: the execution windows

    return rollback


def _config_update() -> ModuleType:
    from relgui.gui.execution import config_update  # lazy: at the click: the execution windows

    return config_update


def _closure() -> ModuleType:
    from relgui.gui.execution import closure  # lazy: at the click: the execution windows

    return closure


@dataclass(frozen=True)
class Command:
    key: str
    label: str
    action: A
    handler: Callable[[], Handler]  # gives the handler (importing its module at the first call)
    primary: bool = False  # the step forward from this status


COMMANDS = [
    Command("accept", QT_TRANSLATE_NOOP("Commands", "受理"), A.ACCEPT, lambda: _simple().accept, True),
    Command("reject_request", QT_TRANSLATE_NOOP("Commands", "驳回请求…"), A.REJECT_REQUEST,
            lambda: _simple().reject_request),
    Command("edit_request", QT_TRANSLATE_NOOP("Commands", "修改请求…"), A.EDIT_REQUEST,
            lambda: release_request_edit.edit_request),
    Command("start_planning", QT_TRANSLATE_NOOP("Commands", "开始制定计划"), A.START_PLANNING,
            lambda: _simple().start_planning, True),
    Command("edit_plan", QT_TRANSLATE_NOOP("Commands", "编辑发布计划…"), A.EDIT_PLAN, lambda: _wizard().open_plan, True),
    Command("submit_plan", QT_TRANSLATE_NOOP("Commands", "提交审批…"), A.SUBMIT_PLAN, lambda: _simple().submit_plan, True),
    Command("withdraw_plan", QT_TRANSLATE_NOOP("Commands", "撤回计划"), A.WITHDRAW_PLAN, lambda: _simple().withdraw_plan),
    Command("approve_plan", QT_TRANSLATE_NOOP("Commands", "批准…"), A.APPROVE_PLAN, lambda: _simple().approve_plan, True),
    Command("reject_plan", QT_TRANSLATE_NOOP("Commands", "驳回计划…"), A.REJECT_PLAN, lambda: _simple().reject_plan),
    Command("precheck", QT_TRANSLATE_NOOP("Commands", "预发布验证…"), A.RECORD_PRECHECK,
            lambda: _checklists().open_precheck, True),
    Command("start_deployment", QT_TRANSLATE_NOOP("Commands", "开始发布实施"), A.START_DEPLOYMENT,
            lambda: _simple().start_deployment, True),
    Command("monitor", QT_TRANSLATE_NOOP("Commands", "执行监控…"), A.RECORD_MONITORING,
            lambda: _monitor().open_monitor, True),
    Command("report_problem", QT_TRANSLATE_NOOP("Commands", "报告严重问题…"), A.REPORT_PROBLEM,
            lambda: _rollback().report_problem),
    Command("decide_rollback", QT_TRANSLATE_NOOP("Commands", "回退决策…"), A.DECIDE_ROLLBACK,
            lambda: _rollback().decide, True),
    Command("rollback", QT_TRANSLATE_NOOP("Commands", "执行回退…"), A.RECORD_ROLLBACK_STEP,
            lambda: _rollback().execute, True),
    Command("verification", QT_TRANSLATE_NOOP("Commands", "效果验证…"), A.RECORD_VERIFICATION,
            lambda: _checklists().open_verification, True),
    Command("declare_failed", QT_TRANSLATE_NOOP("Commands", "判定发布失败…"), A.DECLARE_FAILED,
            lambda: _simple().declare_failed),
    Command("config_update", QT_TRANSLATE_NOOP("Commands", "配置更新…"), A.UPDATE_CMDB,
            lambda: _config_update().open_config_update, True),
    Command("close", QT_TRANSLATE_NOOP("Commands", "关闭发布…"), A.CLOSE, lambda: _closure().close_release, True),
    Command("cancel", QT_TRANSLATE_NOOP("Commands", "取消发布…"), A.CANCEL, lambda: _simple().cancel),
]


def label(cmd: Command) -> str:
    return QCoreApplication.translate("Commands", cmd.label)


def handler(cmd: Command) -> Handler:
    """The command's handler function. A missing one raises (ImportError, AttributeError):
    it is a defect, reaching the crash dialog, never a quietly disabled button."""
    return cmd.handler()

