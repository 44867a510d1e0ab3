"""An approver's view (issue 15): the whole 发布计划 read-only with the differences from the last
signed revision (services.plan_review.plan, gui/dialogs/plan_view.py), reached from the release
detail, from the sign dialog and from 我的待办; the 发布变更报告 previewed inside the close dialog
before signing; and sign dialogs that keep what was typed on a wrong password (R-DOC-SIGN)."""

from __future__ import annotations

import copy
import dataclasses
import os
from pathlib import Path

import pytest
from flows import PASSWORD, full_plan, release_at, rv, save
from gui_support import gui_context, settle

from relgui.domain.states import Status
from relgui.services import details, documents, plan_review, plans

# RELGUI_SCREENS=docs/screens: the screenshots docs/architecture.md shows are (re)made there;
# otherwise they go to a temporary folder (a test run leaves the checkout as it was).
SCREENS = Path(os.environ["RELGUI_SCREENS"]) if os.environ.get("RELGUI_SCREENS") else None


# ---------------------------------------------------------------- a plan with a signed revision
def resubmitted(world) -> str:
    """V1 approved by 李娜; then the engineer edits it (the approval is voided, R-DOC-SIGN) —
    the purpose reworded, a step added and one changed, the optional 工具 emptied — and submits V2."""
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    plan = full_plan(world)
    save(world, number, "purpose", {"text": "修复已知缺陷，并升级数据库驱动。"})
    steps = copy.deepcopy(plan["steps"])
    steps["steps"][1]["minutes"] = 20
    steps["steps"].append({"action": "验证服务状态", "owner": "王芳", "minutes": 5})
    save(world, number, "steps", steps)
    save(world, number, "schedule", {**plan["schedule"], "tools": ""})
    plans.submit(world.ctx("zhangwei"), number, "补充驱动升级", expected_version=rv(world, number))
    return number


def test_first_submission_is_shown_whole_with_nothing_to_compare(world):
    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    view = plan_review.plan(world.ctx("lina"), number)
    assert (view.shown, view.revision, view.base, view.changes) == ("revision", 1, None, ())
    assert view.submitted_by == "张伟" and view.zone == "UTC+08:00"
    purpose = next(s for s in view.sections if s.key == "purpose")
    assert purpose.label == "发布目的" and purpose.fields[0].value == "修复已知缺陷。"
    steps = next(s for s in view.sections if s.key == "steps").tables[0]
    assert [r.cells[0] for r in steps.rows] == ["停止服务", "部署新版本"] and not any(r.change for r in steps.rows)
    schedule = next(s for s in view.sections if s.key == "schedule")
    start = next(f for f in schedule.fields if f.key == "window_start")
    # the company's time (Asia/Shanghai), whatever this computer's zone
    assert start.value == plan_review.fmt.when(full_plan(world)["schedule"]["window_start"],
                                               plan_review.company.zone("Asia/Shanghai"), plan_review.SHOWN)


def test_differences_from_the_last_signed_revision(world):
    number = resubmitted(world)
    view = plan_review.plan(world.ctx("lina"), number)
    assert (view.shown, view.revision, view.base) == ("revision", 2, 1)
    assert view.base_approval.signer == "李娜" and view.base_approval.state == "voided"
    assert view.base_approval.void_reason  # in words (the edit after approval)
    assert view.approval is None
    by = {s.key: s for s in view.sections}
    assert by["purpose"].change == "changed"
    f = by["purpose"].fields[0]
    assert (f.change, f.before, f.value) == ("changed", "修复已知缺陷。", "修复已知缺陷，并升级数据库驱动。")
    rows = by["steps"].tables[0].rows
    assert [(r.number, r.change) for r in rows] == [(1, ""), (2, "changed"), (3, "added")]
    assert rows[1].before[2] == "10" and rows[1].cells[2] == "20" and rows[1].changed_cells() == (2,)
    tools = next(f for f in by["schedule"].fields if f.key == "tools")
    assert (by["schedule"].change, tools.change, tools.before, tools.value) == ("changed", "removed", "堡垒机", "")
    assert by["risks"].change == "" and by["baseline"].change == ""
    kinds = sorted((c.section, c.change) for c in view.changes)
    assert kinds == [("purpose", "changed"), ("schedule", "removed"), ("steps", "added"), ("steps", "changed")]
    where = next(c.where for c in view.changes if c.section == "purpose")
    assert where == "发布目的"  # a one-field section is named once
    english = plan_review.plan(dataclasses.replace(world.ctx("lina"), lang="en"), number)
    assert next(s for s in english.sections if s.key == "purpose").label == "Purpose"


def test_a_draft_back_in_planning_is_compared_with_the_signed_revision(world):
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    save(world, number, "purpose", {"text": "新的目的"})
    assert details.show_json(world.ctx(), number, audit_limit=0)["status"] == "planning"
    view = plan_review.plan(world.ctx("wangfang"), number)
    assert (view.shown, view.revision, view.base) == ("draft", None, 1)
    assert [c.section for c in view.changes] == ["purpose"]


def test_an_approved_revision_shows_its_approval(world):
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    view = plan_review.plan(world.ctx("auditor"), number)  # anyone who may read the release
    assert view.revision == 1 and view.approval.state == "valid" and view.approval.signer == "李娜"
    assert view.base is None


def test_no_plan_yet(world):
    number = release_at(world, Status.REQUESTED)
    view = plan_review.plan(world.ctx("lina"), number)
    assert view.shown == "none" and view.changes == () and all(s.empty for s in view.sections)


def test_report_preview_carries_the_typed_analysis_and_is_a_draft(world):
    from relgui.documents.pages import is_final

    number = release_at(world, Status.AWAITING_CLOSE)
    doc = plan_review.report_preview(world.ctx("lina"), number, "部署顺利，\n监控无异常。")
    words = "\n".join(t for _, t in documents.body_units(doc))
    assert "部署顺利" in words and "监控无异常" in words
    assert not is_final(doc)
    assert details.show_json(world.ctx(), number, audit_limit=0)["closure"] is None  # nothing written


# ---------------------------------------------------------------- the GUI
def _shoot(widget, name: str, folder: Path) -> None:
    """<RELGUI_SCREENS or a temporary folder>/<name>.png, for a person to look at."""
    folder = SCREENS or folder
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def _detail(qtbot, gctx, number: str):
    from relgui.gui.detail_view import DetailView

    view = DetailView(gctx)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    view.show_release(details.show_json(gctx.app, number, audit_limit=0)["id"])
    settle()
    return view


def _plan_view(parent):
    from relgui.gui.dialogs.plan_view import PlanViewDialog

    found = [w for w in parent.findChildren(PlanViewDialog)]
    assert len(found) == 1
    return found[0]


@pytest.mark.gui
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_plan_view_from_the_detail_marks_what_changed_since_signed(world, qtbot, tmp_path, lang):
    from PySide6.QtWidgets import QPushButton

    number = resubmitted(world)
    gctx = gui_context(world, "lina", tmp_path, lang)
    detail = _detail(qtbot, gctx, number)
    button = detail.findChild(QPushButton, "open_plan_view")
    assert button is not None and button.isEnabled()
    button.click()
    settle()
    dialog = _plan_view(detail)
    html = dialog.html()
    header, note = dialog.header.text(), dialog.note.text()
    if lang == "zh_CN":
        assert "发布计划 V2，张伟 于" in header and "补充驱动升级" in header
        assert "与上次签署批准的 V1 相比，共有 4 处不同" in note and "已失效" in note and "李娜" in note
        for words in ("差异一览", "新增", "修改", "删除", "原为：", "修复已知缺陷，并升级数据库驱动。", "验证服务状态"):
            assert words in html, words
        assert "时间均为公司时区（UTC+08:00）" in header
    else:
        assert "Release plan V2, submitted by 张伟" in header
        assert "4 differences from V1, the last signed revision" in note and "Void" in note
        for words in ("Differences", "Added", "Changed", "Removed", "Was:", "Purpose"):
            assert words in html, words
        assert "发布目的" not in html and "新增" not in html  # no Chinese label left in English
    # only what changed: the unchanged sections are left out
    dialog.only_changes.setChecked(True)
    short = dialog.html()
    assert len(short) < len(html) and ("风险评估" not in short if lang == "zh_CN" else "Risk assessment" not in short)
    dialog.only_changes.setChecked(False)
    dialog.resize(1000, 900)
    dialog.text.scrollToAnchor("sec-steps")
    _shoot(dialog, f"plan_view_{'zh' if lang == 'zh_CN' else 'en'}", tmp_path)


@pytest.mark.gui
def test_plan_view_from_my_work(world, qtbot, tmp_path):
    from relgui.gui.execution.my_work import MyWorkWindow

    number = resubmitted(world)
    gctx = gui_context(world, "lina", tmp_path)
    window = MyWorkWindow(None, gctx, on_select=lambda rid: None)
    qtbot.addWidget(window)
    window.show()
    settle()
    row = next(i for i, t in enumerate(window.items) if t.number == number)
    assert window.items[row].action.value == "approve_plan"  # the approver's to-do
    button = window.findChild(QPushButtonType(), "view_plan")
    assert not button.isEnabled()  # nothing chosen yet
    window.table.setCurrentCell(row, 1)
    assert button.isEnabled()
    button.click()
    settle()
    dialog = _plan_view(window)
    assert dialog.review.number == number and dialog.review.base == 1 and len(dialog.review.changes) == 4


def QPushButtonType():
    from PySide6.QtWidgets import QPushButton

    return QPushButton


@pytest.fixture
def real_modals(monkeypatch):
    """The sign and plan dialogs run modally for real (conftest refuses exec so that an
    unanswered dialog cannot hang the run): shown application-modal in a local event loop that
    ends when they finish, or after 30 s whatever the steps did (then the test fails)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QDialog

    from relgui.gui.dialogs.plan_view import PlanViewDialog
    from relgui.gui.dialogs.sign import SignDialog

    def exec_(self):
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        self.setModal(True)
        self.show()
        loop.exec()
        if self.isVisible():
            self.reject()
            raise AssertionError(f"{self.windowTitle()} was left open")
        return self.result()

    for kind in (SignDialog, PlanViewDialog):
        monkeypatch.setattr(kind, "exec", exec_)
    assert QDialog.exec is not exec_


def _on_modal(qtbot, kind, steps: list) -> list:
    """Drive the modal dialog of ``kind`` the code under test opens: each step runs once the
    dialog is up and the previous step's condition holds. Returns what the steps recorded."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list = []
    pending = list(steps)

    def poll():
        modal = QApplication.activeModalWidget()
        if pending and isinstance(modal, kind):
            ready, act = pending[0]
            if ready(modal):
                pending.pop(0)
                seen.append(act(modal))
        if pending:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)
    return seen


@pytest.mark.gui
def test_wrong_password_keeps_the_reject_dialog_open_with_its_reason(world, qtbot, tmp_path, real_modals):
    """驳回 with a reason and a wrong password: the dialog stays, says why in words, the reason is
    still there; the right password then signs, with that reason (R-DOC-SIGN)."""
    from relgui.gui import simple_actions
    from relgui.gui.dialogs.sign import SignDialog

    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    gctx = gui_context(world, "lina", tmp_path)
    reason = "回退步骤缺少数据库恢复，请补充。"

    def first(d):
        d.reason.setPlainText(reason)
        d.password.setText("not-my-password")
        d.sign_button.click()

    def told(d):
        state = (d.isVisible(), d.reason.toPlainText(), d.password.text(), d.error.text())
        d.password.setText(PASSWORD)
        d.sign_button.click()
        return state

    seen = _on_modal(qtbot, SignDialog, [(lambda d: True, first), (lambda d: bool(d.error.text()), told)])
    assert simple_actions.reject_plan(None, gctx, details.show(gctx.app, number, audit_limit=0))
    visible, kept, password, error = seen[1]
    assert visible and kept == reason and password == ""
    assert error.startswith("密码不正确，未签署") and "您填写的内容仍保留在窗口中" in error
    shown = details.show_json(world.ctx(), number, audit_limit=0)
    assert shown["status"] == "planning"
    assert [(s["meaning"], s["reason"]) for s in shown["signatures"]] == [("reject", reason)]


@pytest.mark.gui
def test_wrong_password_keeps_the_approval_note_and_the_acknowledgement(world, qtbot, tmp_path, real_modals):
    from relgui.gui import simple_actions
    from relgui.gui.dialogs.sign import SignDialog

    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    gctx = gui_context(world, "lina", tmp_path)

    def first(d):
        d.reason.setPlainText("同意，注意监控交易量")
        if d.acknowledge is not None:
            d.acknowledge.setChecked(True)
        d.password.setText("wrong")
        d.sign_button.click()

    def told(d):
        state = (d.reason.toPlainText(), d.acknowledge is None or d.acknowledge.isChecked(), d.error.text())
        d.password.setText(PASSWORD)
        d.sign_button.click()
        return state

    seen = _on_modal(qtbot, SignDialog, [(lambda d: True, first), (lambda d: bool(d.error.text()), told)])
    assert simple_actions.approve_plan(None, gctx, details.show(gctx.app, number, audit_limit=0))
    note, acknowledged, error = seen[1]
    assert note == "同意，注意监控交易量" and acknowledged and "密码不正确" in error
    shown = details.show_json(world.ctx(), number, audit_limit=0)
    assert shown["status"] == "plan_approved" and shown["signatures"][0]["reason"] == "同意，注意监控交易量"


@pytest.mark.gui
def test_the_sign_dialog_opens_the_plan_it_signs(world, qtbot, tmp_path, real_modals):
    from relgui.gui import simple_actions
    from relgui.gui.dialogs.plan_view import PlanViewDialog
    from relgui.gui.dialogs.sign import SignDialog

    number = resubmitted(world)
    gctx = gui_context(world, "lina", tmp_path)

    def read(v):
        state = (v.review.number if v.review else None, len(v.review.changes) if v.review else None)
        v.reject()
        return state

    def cancel(d):
        d.reject()

    seen1 = _on_modal(qtbot, SignDialog, [(lambda d: True, lambda d: d.view_button.click())])
    seen2 = _on_modal(qtbot, PlanViewDialog, [(lambda v: v.review is not None, read)])
    seen3 = _on_modal(qtbot, SignDialog, [(lambda d: bool(seen2), cancel)])
    assert not simple_actions.approve_plan(None, gctx, details.show(gctx.app, number, audit_limit=0))
    assert seen1 == [None] and seen2 == [(number, 4)] and seen3 == [None]
    assert details.show_json(world.ctx(), number, audit_limit=0)["status"] == "plan_submitted"


@pytest.mark.gui
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_close_dialog_previews_the_report_and_keeps_the_analysis_on_a_wrong_password(world, qtbot, tmp_path, real_modals, lang):
    from relgui.gui.dialogs.sign import SignDialog
    from relgui.gui.execution.closure import CloseDialog

    number = release_at(world, Status.AWAITING_CLOSE)
    gctx = gui_context(world, "lina", tmp_path, lang)
    dialog = CloseDialog(None, gctx, details.show(gctx.app, number, audit_limit=1))
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert dialog.preview_pages >= 2 and dialog.preview_area.objectName() == "report_preview"
    assert ("草稿" if lang == "zh_CN" else "draft") in dialog.preview_state.text()
    analysis = "部署顺利，监控 24 小时无异常。"
    dialog.analysis.setPlainText(analysis)
    assert ("已修改" if lang == "zh_CN" else "changed") in dialog.preview_state.text()
    dialog.preview_button.click()
    settle()
    assert dialog._previewed == analysis
    # the preview opens on the page where 成败分析 begins, and prints the analysis as typed
    first = dialog.analysis_page
    assert first > 1 and any(analysis in t for t in dialog.preview_doc_pages.texts(first - 1)
                             + dialog.preview_doc_pages.texts(min(first, dialog.preview_pages - 1)))
    dialog.resize(1500, 900)
    settle()
    _shoot(dialog, f"close_preview_{'zh' if lang == 'zh_CN' else 'en'}", tmp_path)

    def first(d):
        d.password.setText("wrong")
        d.sign_button.click()

    def told(d):
        state = (d.error.text(), dialog.analysis.toPlainText())
        d.password.setText(PASSWORD)
        d.sign_button.click()
        return state

    seen = _on_modal(qtbot, SignDialog, [(lambda d: True, first), (lambda d: bool(d.error.text()), told)])
    assert dialog.sign()
    error, kept = seen[1]
    assert kept == analysis and ("密码不正确" in error if lang == "zh_CN" else "Wrong password" in error)
    closed = details.show_json(world.ctx(), number, audit_limit=0)
    assert closed["status"] == "closed" and closed["closure"]["analysis"] == analysis


@pytest.mark.gui
def test_the_other_password_dialogs_keep_what_was_typed_on_a_wrong_password(world, qtbot, tmp_path):
    """The login and the change of one's own password ask for a password too: a wrong one is
    said in the dialog, which stays open with the rest of what was typed."""
    from PySide6.QtWidgets import QDialog

    from relgui.gui.dialogs.change_password import ChangePasswordDialog
    from relgui.gui.dialogs.login import LoginDialog

    change = ChangePasswordDialog(gui_context(world, "zhangwei", tmp_path), world.actor("zhangwei"))
    qtbot.addWidget(change)
    change.old.setText("not-my-password")
    change.new.setText("Neues-Passwort-2026")
    change.again.setText("Neues-Passwort-2026")
    assert not change.save()
    assert change.error.text() and change.result() != QDialog.DialogCode.Accepted
    assert (change.new.text(), change.again.text()) == ("Neues-Passwort-2026", "Neues-Passwort-2026")
    login = LoginDialog(gui_context(world, None, tmp_path))
    qtbot.addWidget(login)
    login.ui.username.setText("lina")
    login.ui.password.setText("not-my-password")
    login.try_login()
    assert login.ui.error.text() and login.ui.username.text() == "lina" and login.actor is None
    assert login.result() != QDialog.DialogCode.Accepted


@pytest.mark.gui
def test_sign_dialog_says_a_locked_account_and_keeps_the_reason(world, qtbot, tmp_path):
    """Five wrong passwords lock the account (the lockout counts re-authentication too): the
    dialog says so in words and still holds the reason; nothing was signed."""
    from relgui.gui.dialogs.sign import SignDialog

    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    gctx = gui_context(world, "lina", tmp_path)
    app, seen = gctx.app, rv(world, number)

    def submit(password, reason, _acknowledged):
        return plans.reject(app, number, 1, password, reason, expected_version=seen)

    dialog = SignDialog(None, title="驳回发布计划", what=number, content_hash="-", meaning="驳回", signer="李娜",
                        role="运维管理部经理", reason_required=True, gctx=gctx, submit=submit)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sign_button.click()
    assert dialog.error.text() == "请填写驳回理由。" and dialog.attempts == 0  # said before anything runs
    dialog.reason.setPlainText("缺少回退演练记录")
    dialog.password.setText("wrong")
    dialog.sign_button.click()
    dialog.sign_button.click()  # clicked twice before it turned busy: signed (here: refused) once
    settle()
    assert dialog.attempts == 1 and "密码不正确" in dialog.error.text()
    for _ in range(4):
        dialog.password.setText("wrong")
        dialog.sign_button.click()
        settle()
    assert "锁定" in dialog.error.text() and dialog.isVisible() and dialog.attempts == 5
    assert dialog.reason.toPlainText() == "缺少回退演练记录" and dialog.password.text() == ""
    assert details.show_json(world.ctx(), number, audit_limit=0)["signatures"] == []
