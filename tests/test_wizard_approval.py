"""Approval of plans written in the wizard (R-4.1-APPROVER, R-4.1-FOUR-EYES, R-DOC-SIGN):
refused for the wrong role, for the author, for a wrong password (told why, audited);
revisions compared; and the whole story as a new user would live it."""

from __future__ import annotations

import pytest
from flows import PASSWORD, release_at
from gui_support import Told, gui_context, settle
from PySide6.QtCore import QDateTime
from test_wizard_support import audit_actions, fill_table, open_wizard, planning_release, stored, type_text

from relgui.domain.states import Status
from relgui.gui import simple_actions
from relgui.gui.detail_view import DetailView
from relgui.gui.dialogs.sign import ReasonDialog, SignDialog
from relgui.gui.wizard.revisions import RevisionsDialog
from relgui.gui.wizard.start import TemplateDialog
from relgui.services import details, plans

pytestmark = pytest.mark.gui


@pytest.fixture
def signs(monkeypatch):
    """The sign dialog answered with ``signs.password``; what it was asked to show is kept."""
    class Answer:
        password = PASSWORD
        asked: list[dict] = []

    def ask(cls, parent, gctx, submit, **kwargs):
        from relgui.gui import ops

        Answer.asked.append(kwargs)
        return ops.call(parent, gctx, submit, Answer.password, kwargs.get("reason_required") and "理由" or "", True)

    Answer.asked = []
    monkeypatch.setattr(SignDialog, "ask", classmethod(ask))
    return Answer


def _approve(world, tmp_path, user, number) -> bool:
    gctx = gui_context(world, user, tmp_path)
    return simple_actions.approve_plan(None, gctx, details.show(gctx.app, number))


def test_approval_refused_for_the_wrong_role_and_audited(world, qapp, tmp_path, monkeypatch, signs):
    told = Told(monkeypatch)
    number = release_at(world, Status.PLAN_SUBMITTED, type_="major", author="zhangwei")
    assert not _approve(world, tmp_path, "wangfang", number)
    assert told.texts == ["批准发布计划须由运维管理部经理执行"]
    refused = [d for a, d in audit_actions(world) if a == "refused.approve_plan"]
    assert refused[-1]["refusals"][0]["code"] == "wrong_role"
    assert stored(world, number).status == "plan_submitted"


def test_approval_refused_for_the_plans_author_and_audited(world, qapp, tmp_path, monkeypatch, signs):
    told = Told(monkeypatch)
    number = release_at(world, Status.PLAN_SUBMITTED, type_="major", author="liuyang")  # engineer and manager
    assert not _approve(world, tmp_path, "liuyang", number)
    assert told.texts == ["审批人不能是发布计划的编制人"]
    assert [d for a, d in audit_actions(world) if a == "refused.approve_plan"][-1]["refusals"][0]["code"] == "own_plan"


def test_approval_refused_for_a_wrong_password_and_audited(world, qapp, tmp_path, monkeypatch, signs):
    told = Told(monkeypatch)
    signs.password = "not-my-password"
    number = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    assert not _approve(world, tmp_path, "lina", number)
    assert told.texts == ["密码不正确，未签署"]
    assert any(a == "auth.reauth_failed:approve_plan" for a, _ in audit_actions(world))
    assert stored(world, number).signatures == ()


def test_revisions_are_listed_with_their_signatures_and_compared(world, qtbot, tmp_path, monkeypatch):
    """V1 approved, edited in the wizard (the approval is voided), V2 submitted: V1 ↔ V2."""
    Told(monkeypatch, answer=True)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "补充监控项"))
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    w = open_wizard(qtbot, world, tmp_path, number)
    w.unlock()
    w.jump("purpose")
    type_text(qtbot, w.forms["purpose"].fields["text"], "并补充监控项。")
    w.jump("review")
    w.review.submit.click()
    assert [r.number for r in stored(world, number).revisions] == [1, 2]
    dialog = RevisionsDialog(w.gctx, plans.get(w.gctx.app, w.release.id), w)
    qtbot.addWidget(dialog)
    listed = dialog.list
    assert listed.item(0, 0).text() == "V1" and listed.item(1, 3).text() == "补充监控项"
    assert "批准 · 李娜" in listed.item(0, 5).text() and "已失效：计划在提交或批准后被修改" in listed.item(0, 5).text()
    assert dialog.diff.rowCount() == 1
    assert dialog.diff.item(0, 0).text() == "发布目的"
    assert dialog.diff.item(0, 1).text() == "修复已知缺陷。"
    assert dialog.diff.item(0, 2).text() == "修复已知缺陷。并补充监控项。"
    assert dialog.diff.horizontalHeaderItem(2).text() == "V2"
    assert dialog.note.text() == "V1 与 V2 有 1 处不同。"


# ------------------------------------------------------------------ the story, as a new user

OWNER_COLUMNS = {("risks", "risks"): 5, ("steps", "steps"): 1, ("risk_measures", "measures"): 2,
                 ("rollback", "steps"): 1, ("contingency", "scenarios"): 2, ("monitoring", "items"): 3,
                 ("acceptance", "criteria"): 3}


def _write_with_wizard(qtbot, world, tmp_path, number, ci_row: str, monkeypatch) -> None:
    """Template first, then the release's own facts, as someone without a manual would."""
    monkeypatch.setattr(TemplateDialog, "ask", classmethod(
        lambda cls, parent, gctx, rtype, current: (rtype, [s for s in current if s != "correlation"])))
    w = open_wizard(qtbot, world, tmp_path, number)
    w.commands.from_template()
    merge = w.forms["correlation"].fields["merge_decision"]
    merge.setCurrentIndex(merge.findData("单一变更"))
    type_text(qtbot, w.forms["correlation"].fields["rationale"], "仅一个变更，无依赖。")
    for (section, table), col in OWNER_COLUMNS.items():
        editor = w.forms[section].tables[table]
        editor.view.setCurrentIndex(editor.model.index(0, col))
        editor.paste_text("张伟\n" * editor.model.rowCount())
    w.jump("scope")
    scope = w.forms["scope"].fields
    type_text(qtbot, scope["systems"], "网上银行系统")
    type_text(qtbot, scope["users"], "网银用户")
    type_text(qtbot, scope["downtime_minutes"], "20")
    w.jump("schedule")
    start = QDateTime.currentDateTime().addDays(3)
    w.forms["schedule"].fields["window_start"].setDateTime(start)
    w.forms["schedule"].fields["window_end"].setDateTime(start.addSecs(7200))
    w.jump("baseline")
    fill_table(w, "baseline", "items", ci_row)
    w.jump("review")
    assert "发布计划完整" in w.review.gaps.text(), w.review.gaps.text()
    w.review.submit.click()
    assert w.review.result.text() == "已冻结为 V1 并提交审批。"
    w.done(1)


def test_engineers_write_plans_a_manager_and_another_engineer_approve(world, qtbot, tmp_path, monkeypatch, signs):
    """Done when: a normal and a major plan written in the wizard; the manager approves the
    major one, another engineer the normal one; the audit trail shows every step and hash."""
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: ""))
    normal = planning_release(world, type_="normal")
    major = planning_release(world, type_="major")
    _write_with_wizard(qtbot, world, tmp_path, normal, "网上银行系统-数据库\t1.0.0\t1.1.0\n", monkeypatch)
    _write_with_wizard(qtbot, world, tmp_path, major, "核心交易系统-应用服务器\t1.0.0\t2.0.0\n", monkeypatch)
    for user, number in (("wangfang", normal), ("lina", major)):
        gctx = gui_context(world, user, tmp_path)
        view = DetailView(gctx)
        qtbot.addWidget(view)
        view.show_release(details.show_json(gctx.app, number)["id"])
        settle()  # the detail is read on a worker
        view.buttons["approve_plan"].click()
        settle()
        assert details.show_json(gctx.app, number)["status"] == "plan_approved"
        asked = signs.asked[-1]
        assert asked["content_hash"] == stored(world, number).revisions[-1].content_hash
        assert asked["signer"] == gctx.app.actor.display_name
    assert signs.asked[0]["role"] == "运维工程师" and signs.asked[1]["role"] == "运维管理部经理"
    for number, signer in ((normal, "王芳"), (major, "李娜")):
        trail = details.show_json(world.ctx("auditor"), number)["audit"]
        actions = [e["action"] for e in trail]
        assert actions.count("plan.save_section") >= 10 and "plan.freeze" in actions
        sig = next(e["detail"] for e in trail if e["action"] == "signature.approve")
        view = stored(world, number)
        assert sig["signer"] == signer and sig["content_hash"] == view.revisions[0].content_hash
        assert sig["signature_hash"] == view.signatures[0].signature_hash and view.signatures[0].intact

