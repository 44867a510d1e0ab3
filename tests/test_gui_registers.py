"""Side registers: change requests (create, decide, import), 最终软件库 (SHA-256 from a file), CIs."""

from __future__ import annotations

import hashlib
import threading

from gui_support import Told, gui_context, settle
from sqlalchemy import event

from relgui.gui.registers.changes import ChangesDialog
from relgui.gui.registers.config_items import ConfigItemsDialog
from relgui.gui.registers.forms import FormDialog
from relgui.gui.registers.software import SoftwareDialog
from relgui.services import changes, inventory
from relgui.services.context import Changes


def _fill_and_accept(monkeypatch, values: dict):
    """Replace FormDialog.exec: fill the widgets by key, press OK, report acceptance."""
    def exec_(self):
        for key, value in values.items():
            w = self.widgets[key]
            if hasattr(w, "setPlainText"):
                w.setPlainText(value)
            elif hasattr(w, "findData") and w.findData(value) >= 0:
                w.setCurrentIndex(w.findData(value))
            else:
                w.setText(value)
        self._ok()
        exec_.errors.append(self.error.text())
        return self.result() == 1
    exec_.errors = []
    monkeypatch.setattr(FormDialog, "exec", exec_)
    return exec_


def test_change_requests_create_and_decide(sqlite_world, tmp_path, qtbot, monkeypatch):
    """R-1.3-COOP: the change management decision is recorded in the app."""
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    dialog = ChangesDialog(None, gctx)
    qtbot.addWidget(dialog)
    _fill_and_accept(monkeypatch, {"number": "CHG-100", "title": "扩容", "status": "submitted"})
    settle()
    dialog.create_entry()
    settle()
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    _fill_and_accept(monkeypatch, {"status": "approved", "decided_by": "变更管理委员会"})
    dialog.change_status()
    assert changes.search(gctx.app, "CHG-100")[0].status == "approved"


def test_bad_input_keeps_the_form_open_with_the_reason(sqlite_world, tmp_path, qtbot, monkeypatch):
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    dialog = ChangesDialog(None, gctx)
    qtbot.addWidget(dialog)
    form = _fill_and_accept(monkeypatch, {"number": "", "title": "无编号", "status": "approved"})
    settle()
    dialog.create_entry()
    settle()
    assert "编号" in form.errors[-1] and dialog.table.rowCount() == 0


def test_import_with_problems_imports_nothing(sqlite_world, tmp_path, qtbot, monkeypatch):
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    told = Told(monkeypatch)
    path = tmp_path / "c.csv"
    path.write_text("编号,标题,状态\nCHG-1,好,已批准\nCHG-2,坏,不知道\n", "utf-8")
    from relgui.gui import files

    monkeypatch.setattr(files, "get_open_file_name", staticmethod(lambda *a, **k: (str(path), "")))
    dialog = ChangesDialog(None, gctx)
    qtbot.addWidget(dialog)
    dialog.import_file()
    assert "第 3 行" in told.texts[-1]
    assert changes.count(gctx.app) == 0


def test_software_version_registered_with_the_files_sha256(sqlite_world, tmp_path, qtbot, monkeypatch):
    """R-3.3-DSL: the checksum is computed from the chosen file, not typed."""
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    package = tmp_path / "app-3.0.0.tar.gz"
    package.write_bytes(b"release package" * 1000)
    digest, size = inventory.sha256_of(package)
    assert digest == hashlib.sha256(package.read_bytes()).hexdigest()
    dialog = SoftwareDialog(None, gctx)
    qtbot.addWidget(dialog)
    _fill_and_accept(monkeypatch, {"artifact": "core-trade-app", "version": "3.0.0", "sha256": digest,
                                   "location": "\\\\dsl\\core-trade-app\\3.0.0"})
    dialog.register_version()
    found = [v for v in inventory.versions(gctx.app, "core-trade-app") if v.version == "3.0.0"]
    assert found and found[0].sha256 == digest and found[0].status == "pending"


def test_config_items_and_history(sqlite_world, tmp_path, qtbot, monkeypatch):
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    told = Told(monkeypatch)
    dialog = ConfigItemsDialog(None, gctx)
    qtbot.addWidget(dialog)
    _fill_and_accept(monkeypatch, {"name": "短信平台-应用服务器", "current_version": "2.1.0"})
    dialog.create_entry()
    settle()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "短信平台-应用服务器" in names
    dialog.table.selectRow(names.index("短信平台-应用服务器"))
    dialog.history()
    assert "2.1.0" in told.texts[-1]


def test_a_forms_use_case_refreshes_the_register_once_from_its_notice(sqlite_world, tmp_path, qtbot, monkeypatch):
    """One change notice, one refresh: 新建 runs its use case on a worker, then the register reads
    its rows once, started by the use case's notice (the window does not reload itself). Nothing
    is sent to the database from the GUI thread, and the selected row stays selected."""
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    changes.record(sqlite_world.ctx("zhangwei"), number="CHG-1", title="已有", status="submitted")
    dialog = ChangesDialog(None, gctx)
    qtbot.addWidget(dialog)
    settle()
    dialog.table.selectRow(0)
    assert dialog.current_key() == "CHG-1"
    on_gui_thread: list[str] = []

    def heard(_conn, _cursor, statement, *_):
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append(statement)
    event.listen(sqlite_world.db.engine, "before_cursor_execute", heard)
    try:
        before = dialog.reads
        _fill_and_accept(monkeypatch, {"number": "CHG-2", "title": "扩容", "status": "submitted"})
        dialog.create_entry()
        settle()
        assert dialog.reads == before + 1
        assert on_gui_thread == []
    finally:
        event.remove(sqlite_world.db.engine, "before_cursor_execute", heard)
    assert dialog.table.rowCount() == 2 and dialog.current_key() == "CHG-1"
    # A notice of what it does not show reads nothing; another workstation's change reads once.
    gctx.notifier.changed.emit(Changes(frozenset({"release"}), frozenset({1}), 0))
    settle()
    assert dialog.reads == before + 1
    gctx.notifier.changed.emit(Changes(frozenset({"*"}), frozenset(), 0))
    settle()
    assert dialog.reads == before + 2


def test_a_refused_form_reads_nothing_again(sqlite_world, tmp_path, qtbot, monkeypatch):
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    dialog = ConfigItemsDialog(None, gctx)
    qtbot.addWidget(dialog)
    settle()
    before = dialog.reads
    form = _fill_and_accept(monkeypatch, {"name": ""})
    dialog.create_entry()
    settle()
    assert form.errors[-1] and dialog.reads == before
