"""The attachments panel: add evidence, open a watched local copy in the system viewer, and tell
the user plainly when that copy was changed behind the application (R-1.3-TRACE)."""

from __future__ import annotations

import os

import pytest
from flows import release_at
from gui_support import Told, gui_context, settle
from test_execution_helpers import (  # noqa: F401 - fresh_translators is an autouse fixture
    data,
    drive,
    files_chosen,
    fresh_translators,
    opened_externally,
)

from relgui.domain.states import Status
from relgui.gui.execution import copy_watch
from relgui.gui.execution.attachments_panel import AttachmentsDialog, open_attachments
from relgui.services import attachments


@pytest.fixture
def copies(tmp_path, monkeypatch):
    folder = tmp_path / "copies"
    monkeypatch.setattr(copy_watch, "FOLDER", folder)
    return folder


def test_add_open_and_detect_a_changed_copy(world, tmp_path, qtbot, monkeypatch, copies):
    """R-4.3.1-PRECHECK evidence file with SHA-256, size, who; R-1.3-TRACE change detection."""
    told = Told(monkeypatch, answer=True)
    number = release_at(world, Status.PLAN_APPROVED)
    gctx = gui_context(world, "zhangwei", tmp_path)
    source = tmp_path / "环境检查截图.png"
    source.write_bytes(b"\x89PNG fake screenshot")
    files_chosen(monkeypatch, [source])
    opened = opened_externally(monkeypatch)
    dialog = AttachmentsDialog(None, gctx, data(world, number))
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.panel
    panel.note.setText("环境检查截图")
    assert [a.filename for a in panel.add_files()] == ["环境检查截图.png"]
    settle()  # the notice of the addition has the list read again, on a worker
    assert panel.table.rowCount() == 1 and panel.table.item(0, 3).text() == "张伟"
    assert panel.table.item(0, 2).toolTip() == attachments.list_for(world.ctx(), number)[0].sha256
    panel.table.selectRow(0)
    panel.open_selected()
    copy = opened[0]
    assert copy.parent == copies / number and copy.read_bytes() == source.read_bytes()
    assert copy_watch.watch().check(None, dialog.panel.release.id, gctx=gctx) == 0  # unchanged: nothing to say
    os.chmod(copy, 0o600)
    copy.write_bytes(b"\x89PNG edited in a viewer")
    assert copy_watch.watch().check(None, dialog.panel.release.id, gctx=gctx) == 1
    assert told.messages[-1][0] == "附件副本已被修改" and "数据库中的原件没有改变" in told.texts[-1]
    assert copy_watch.watch().check(None, dialog.panel.release.id, gctx=gctx) == 0  # told once per change
    names = [(a.filename, a.note) for a in attachments.list_for(world.ctx(), number)]
    assert names[1][0] == "环境检查截图.png" and names[1][1].startswith("由附件 #")
    settle()
    assert panel.table.rowCount() == 2
    panel.table.selectRow(0)
    panel.open_selected()  # re-opened: the stored original is written again
    assert copy.read_bytes() == source.read_bytes()
    assert dialog.panel.items[0].sha256 == attachments.list_for(world.ctx(), number)[0].sha256


def test_changed_copy_found_when_reopened_and_kept_only_if_asked(sqlite_world, tmp_path, qtbot, monkeypatch, copies):
    told = Told(monkeypatch, answer=False)
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    view = attachments.add(gctx.app, number, b"log line", filename="deploy.log")
    opened = opened_externally(monkeypatch)

    def script(d):
        settle()  # the list is read on a worker as the dialog opens
        d.panel.table.selectRow(0)
        d.panel.open_selected()
        opened[0].chmod(0o600)
        opened[0].write_bytes(b"log line, edited")
        d.panel.open_selected()
    drive(monkeypatch, AttachmentsDialog, script)
    assert open_attachments(None, gctx, data(sqlite_world, number)) is False
    assert len(told.messages) == 1 and "deploy.log" in told.texts[0]
    assert [a.id for a in attachments.list_for(sqlite_world.ctx(), number)] == [view.id]
    assert opened[1].read_bytes() == b"log line"
