"""Every gate of the execution windows refuses an out-of-order action with the domain's own
reason — as a disabled button with the reason shown, or as the service's refusal told to the
user while the window keeps what was typed. On SQLite and PostgreSQL."""

from __future__ import annotations

from flows import PASSWORD, problem_seen, release_at
from gui_support import Told, gui_context, settle
from test_execution_helpers import data, fresh_translators, record, sign_with  # noqa: F401 - autouse fixture

from relgui.domain.states import Action, Status
from relgui.gui.execution.checklists import PrecheckDialog, VerificationDialog
from relgui.gui.execution.closure import CloseDialog
from relgui.gui.execution.common import ReleaseState
from relgui.gui.execution.config_update import ConfigUpdateDialog
from relgui.gui.execution.monitor import MonitorWindow
from relgui.gui.execution.rollback_dialogs import DecisionDialog, ProblemDialog
from relgui.gui.execution.rollback_exec import RollbackDialog
from relgui.services import plans, rollback


def _open(qtbot, cls, world, number, gctx):
    plan = (plans.approved(gctx.app, number),) if cls in (MonitorWindow, RollbackDialog) else ()
    widget = cls(None, gctx, data(world, number), *plan)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _state(world, number, gctx):
    state = ReleaseState(gctx, data(world, number))
    state.reload()
    return state


def test_precheck_gates(world, tmp_path, qtbot, monkeypatch):
    """R-4.3.1-PRECHECK, R-1.3-PLAN: deployment cannot start while an item failed or is open;
    only the engineer's role records; a failure after completion re-opens the verification."""
    told = Told(monkeypatch)
    number = release_at(world, Status.PLAN_APPROVED)
    mgr = _open(qtbot, PrecheckDialog, world, number, gui_context(world, "lina", tmp_path))
    assert not mgr.editors["backup"].record_button.isEnabled()
    assert mgr.editors["backup"].record_button.toolTip() == "记录预发布验证须由运维工程师执行"
    d = _open(qtbot, PrecheckDialog, world, number, gui_context(world, "zhangwei", tmp_path))
    assert d.blockers.text() == ("不能开始发布实施：“环境检查”尚未完成；“备份验证”尚未完成；"
                                 "“回退测试”尚未完成；“应急预案”尚未完成")
    record(d, "environment", "na")
    assert told.texts == ["“环境检查”选择不适用时须说明理由"]
    assert d.editors["environment"].reason.text() == "" and d.editors["environment"].result() == "na"
    for key in ("environment", "backup", "rollback_test"):
        record(d, key, "pass")
    record(d, "contingency", "fail", reason="应急预案未经评审")
    assert not d.complete_button.isEnabled() and "“应急预案”未通过" in d.complete_button.toolTip()
    assert not d.start_button.isEnabled()
    record(d, "contingency", "pass")
    d.complete_button.click()
    assert d.start_button.isEnabled() and d.blockers.text() == "预发布验证已完成，可以开始发布实施。"
    record(d, "backup", "fail", reason="备份文件校验失败")
    assert data(world, number).status == "plan_approved"
    assert not d.start_button.isEnabled() and "“备份验证”未通过" in d.blockers.text()


def test_monitor_gates(world, tmp_path, qtbot, monkeypatch):
    """R-4.3.2-MONITOR and R-4.5.2-DECIDE30: deployment finishes only with every step recorded
    and no undecided severe problem; an empty observation or report is refused, input kept."""
    told = Told(monkeypatch)
    number = release_at(world, Status.DEPLOYING)
    gctx = gui_context(world, "zhangwei", tmp_path)
    mon = _open(qtbot, MonitorWindow, world, number, gctx)
    finish = mon.commands[Action.FINISH_DEPLOYMENT]
    assert not finish.isEnabled() and finish.toolTip() == "还有 2 个实施步骤未记录进度"
    assert not mon.commands[Action.DECIDE_ROLLBACK].isEnabled()
    assert mon.commands[Action.DECIDE_ROLLBACK].toolTip() == "没有待决策的严重问题"
    assert not mon.observe("logs", "  ")
    assert told.texts[-1] == "“内容”不能为空"
    problem = ProblemDialog(None, _state(world, number, gctx), plans.approved(gctx.app, number))
    qtbot.addWidget(problem)
    problem.description.setPlainText("登录失败")
    problem.submit()
    assert told.texts[-1] == "须选择至少一个回退触发条件"
    assert problem.result_value is None and problem.description.toPlainText() == "登录失败"
    problem.triggers["key_function"].setChecked(True)
    problem.submit()
    assert problem.result_value is not None
    settle()  # the monitor heard the notice and reads the release again on a worker
    assert mon.commands[Action.REPORT_PROBLEM].toolTip() == "已报告严重问题，须先作出回退决策"
    assert not finish.isEnabled() and "已报告严重问题，须先作出回退决策" in finish.toolTip()
    assert mon.countdown.running()


def test_decision_and_rollback_gates(world, tmp_path, qtbot, monkeypatch):
    """R-4.5.2-DECIDE30 and R-4.5.2-EXEC: a decision needs a choice and a reason; restoration
    cannot be confirmed before every rollback step is done; completion needs all three."""
    told = Told(monkeypatch)
    number = release_at(world, Status.DEPLOYING, type_="emergency")
    rollback.report_problem(world.ctx("zhangwei"), number, ["data"], "数据不一致", expected_problem=problem_seen(world, number))
    gctx = gui_context(world, "lina", tmp_path)
    decision = DecisionDialog(None, _state(world, number, gctx))
    qtbot.addWidget(decision)
    decision.submit()
    assert decision.late.text() == "请选择回退或继续发布。"
    decision.group.button(0).click()
    decision.submit()
    assert told.texts[-1] == "“理由”不能为空" and decision.result_value is None
    decision.reason.setPlainText("数据风险不可接受")
    decision.submit()
    assert decision.result_value.decision == "rollback"
    eng = gui_context(world, "zhangwei", tmp_path)
    d = _open(qtbot, RollbackDialog, world, number, eng)
    assert not d.complete_button.isEnabled()
    assert d.blockers.text() == "尚不能完成回退：还有 2 个回退步骤未执行；尚未确认系统已完全恢复到发布前状态；尚未记录回退原因"
    assert not d.restore_button.isEnabled()  # the user has not ticked the confirmation yet
    d.restored.setChecked(True)
    d.cause.setPlainText("数据不一致")
    assert not d.confirm_restored()
    assert told.texts[-1] == "还有 2 个回退步骤未执行" and d.cause.toPlainText() == "数据不一致"


def test_verification_config_and_close_gates(world, tmp_path, qtbot, monkeypatch):
    """R-4.4.1-VERIFY (用户验收 never 'not applicable'), R-4.2.2-CMDB, R-4.2.2-CLOSE: the close
    needs an analysis and the right password; nothing typed is lost."""
    told = Told(monkeypatch)
    verifying = release_at(world, Status.VERIFYING)
    eng = gui_context(world, "zhangwei", tmp_path)
    v = _open(qtbot, VerificationDialog, world, verifying, eng)
    na = v.editors["acceptance"].group.button(2)
    assert not na.isEnabled() and na.toolTip() == "制度规定此项不能标为不适用"
    number = release_at(world, Status.CONFIG_UPDATE)
    c = _open(qtbot, ConfigUpdateDialog, world, number, eng)
    assert not c.complete_button.isEnabled()
    assert c.complete_button.toolTip().startswith("还有 1 个配置项未更新")
    closing_number = release_at(world, Status.AWAITING_CLOSE)
    close = _open(qtbot, CloseDialog, world, closing_number, gui_context(world, "lina", tmp_path))
    sign_with(monkeypatch, PASSWORD)
    assert not close.sign()
    assert told.texts[-1].startswith("请先填写成败分析")  # said before the password is asked for
    close.analysis.setPlainText("顺利完成。")
    sign_with(monkeypatch, "wrong-password")
    assert not close.sign()
    assert told.texts[-1] == "密码不正确，未签署" and close.analysis.toPlainText() == "顺利完成。"
    assert data(world, closing_number).status == "awaiting_close"


def test_reasons_in_english(sqlite_world, tmp_path, qtbot):
    """The domain's reasons follow the user's language (they come from the message catalogue)."""
    number = release_at(sqlite_world, Status.DEPLOYING)
    mon = _open(qtbot, MonitorWindow, sqlite_world, number, gui_context(sqlite_world, "zhangwei", tmp_path, "en"))
    assert mon.commands[Action.FINISH_DEPLOYMENT].toolTip() == "2 implementation steps have no recorded progress"
    assert mon.log.kind.itemText(0) == "Progress"


def test_enter_records_the_item_it_was_typed_in(sqlite_world, tmp_path, qtbot):
    """Keyboard: Enter in an item's field records that item, never another button's action."""
    from PySide6.QtCore import Qt

    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    d = _open(qtbot, PrecheckDialog, sqlite_world, number, gui_context(sqlite_world, "zhangwei", tmp_path))
    editor = d.editors["rollback_test"]
    editor.group.button(0).click()
    editor.evidence.setText("测试环境演练通过")
    qtbot.keyClick(editor.evidence, Qt.Key.Key_Return)
    recorded = {e.item: e.evidence for e in data(sqlite_world, number).checklists["precheck"]}
    assert recorded == {"rollback_test": "测试环境演练通过"} and d.isVisible()


def test_a_use_case_of_an_execution_window_is_followed_by_its_notices_read_only(world, tmp_path, qtbot, monkeypatch):
    """One change notice, one refresh (issue 17 item 2): after the window's own use case the
    state is the release as it left it, from the read the use case's notice started — the
    window does not read again itself; a refused use case (no notice) reads once, to show what
    is there now."""
    from relgui.domain.versions import NEW
    from relgui.gui.dialogs.conflict import ConflictDialog
    from relgui.gui.execution import common
    from relgui.services import execution

    conflicts: list = []
    monkeypatch.setattr(ConflictDialog, "show_for", classmethod(lambda cls, parent, gctx, exc: conflicts.append(exc)))
    number = release_at(world, Status.PLAN_APPROVED)
    gctx = gui_context(world, "zhangwei", tmp_path)
    state = _state(world, number, gctx)
    own: list[int] = []
    monkeypatch.setattr(common.ReleaseState, "reload", lambda self: own.append(1) or True)
    reads = state.reading.reads
    ok, _ = state.call(None, execution.record_item, state.id, "precheck", "backup", "pass", expected_version=NEW)
    assert ok and state.reading.reads == reads + 1 and own == []
    assert state.data.checklists["precheck"][0].result == "pass"  # what the notice's read brought
    ok, _ = state.call(None, execution.record_item, state.id, "precheck", "backup", "fail", reason="x",
                       expected_version=NEW)  # a stale write: refused, no notice
    assert not ok and conflicts and own == [1] and state.reading.reads == reads + 1
    state.detach()
    settle()
