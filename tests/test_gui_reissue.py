"""重新签发 in the GUI (R-4.4.2-ARCHIVE, R-DOC-SIGN): a report whose records changed after closure
shows the command in the detail's 文档 tab; the manager signs (reason required) and V2 is
archived, V1 kept; nothing stale, no command."""

from __future__ import annotations

import pytest
from flows import PASSWORD, release_at, rv
from gui_support import Told, gui_context, settle
from sqlalchemy import select

from relgui.domain.states import Status
from relgui.gui import ops
from relgui.gui.dialogs.sign import SignDialog
from relgui.gui.documents_panel import DocumentsPanel
from relgui.gui.main_window import MainWindow
from relgui.services import closing, details, documents
from relgui.store.models import Document, Release

pytestmark = pytest.mark.gui


def _closed_with_a_later_lesson(world) -> str:
    n = release_at(world, Status.AWAITING_CLOSE)
    closing.close(world.ctx("lina"), n, "发布按计划完成。", PASSWORD, expected_version=rv(world, n))
    closing.add_knowledge(world.ctx("zhangwei"), "回退包须提前校验", "证书过期导致回退。", release=n)
    return n


def _panel(world, tmp_path, qtbot, username: str, number: str) -> DocumentsPanel:
    gctx = gui_context(world, username, tmp_path, "zh_CN")
    win = MainWindow(gctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    settle()
    win.register.search.setText(number)
    qtbot.waitUntil(lambda: win.register.model.rowCount() == 1, timeout=3000)
    win.register.table.setCurrentIndex(win.register.model.index(0, 0))
    settle()
    panel = win.detail.findChild(DocumentsPanel)
    qtbot.waitUntil(lambda: "V1" in panel.states["report"].text() or "V2" in panel.states["report"].text(),
                    timeout=5000)
    return panel


def test_the_manager_reissues_a_changed_report_from_the_documents_tab(world, tmp_path, qtbot, monkeypatch):
    n = _closed_with_a_later_lesson(world)
    told = Told(monkeypatch)
    asked = {}

    def ask(cls, parent, gctx, submit, **kw):
        asked.update(kw)
        return ops.call(parent, gctx, submit, PASSWORD, "补充经验总结：回退包须提前校验", False)

    monkeypatch.setattr(SignDialog, "ask", classmethod(ask))
    panel = _panel(world, tmp_path, qtbot, "lina", n)
    assert not panel.reissue.isHidden() and panel.reissue.isEnabled()
    assert "重新签发" in panel.states["report"].text()  # the records changed since V1
    panel.reissue.click()
    settle()
    assert asked["meaning"] == "重新签发" and asked["reason_required"]
    assert asked["reason_prompt"] == "重新签发理由（必填）"
    assert told.texts and "V2" in told.texts[-1]
    state = documents.report_state(world.ctx(), n)
    assert state.version == "V2" and not state.stale
    with world.db.read() as s:  # V1 kept beside V2
        rid = s.execute(select(Release.id).where(Release.number == n)).scalar_one()
        kept = s.execute(select(Document.revision_no).where(Document.release_id == rid, Document.kind == "report")
                         .order_by(Document.id)).scalars().all()
    assert kept == [1, 2]
    assert details.show(world.ctx(), n).status == "closed"


def test_an_engineer_sees_why_not_and_a_current_report_offers_nothing(world, tmp_path, qtbot):
    n = _closed_with_a_later_lesson(world)
    panel = _panel(world, tmp_path, qtbot, "zhangwei", n)
    assert not panel.reissue.isHidden() and not panel.reissue.isEnabled()
    assert panel.reissue.toolTip() == "重新签发发布变更报告须由运维管理部经理执行"
    current = release_at(world, Status.AWAITING_CLOSE)
    closing.close(world.ctx("lina"), current, "发布按计划完成。", PASSWORD, expected_version=rv(world, current))
    panel = _panel(world, tmp_path, qtbot, "lina", current)
    assert panel.reissue.isHidden()


def test_the_sign_dialog_asks_for_the_reissue_reason_in_its_own_words(world, tmp_path, qtbot):
    gctx = gui_context(world, "lina", tmp_path, "zh_CN")
    signed = []
    dialog = SignDialog(None, gctx=gctx, submit=lambda *a: signed.append(a), title="t", what="w", content_hash="h",
                        meaning="重新签发", signer="李娜", role="运维管理部经理", reason_required=True,
                        reason_prompt="重新签发理由（必填）", reason_missing="请填写重新签发理由。")
    qtbot.addWidget(dialog)
    assert dialog.reason.placeholderText() == "重新签发理由（必填）"
    dialog.password.setText(PASSWORD)
    dialog.sign_button.click()
    assert dialog.error.text() == "请填写重新签发理由。" and signed == []
