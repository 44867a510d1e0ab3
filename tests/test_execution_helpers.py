"""Helpers for the execution GUI tests (no tests here): a main window per user, drive the real
dialogs without a blocking exec(), fill checklist items, read the release as the CLI shows it.
Test modules import the ``window`` fixture from here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flows import PASSWORD
from gui_support import gui_context, settle
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QRadioButton

from relgui.cli.main import main as admin
from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action
from relgui.gui.dialogs.sign import SignDialog
from relgui.gui.execution import monitor
from relgui.gui.execution.attachments_panel import AttachmentsPanel
from relgui.gui.execution.monitor_parts import StepDialog
from relgui.gui.execution.rollback_dialogs import DecisionDialog, ProblemDialog
from relgui.gui.main_window import MainWindow
from relgui.services import details

SHOTS = Path(__file__).parent.parent / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def fresh_translators():
    """Each gui_support context installs its own translators and none removes the ones before:
    after an English test anywhere earlier in the run, English would stay installed. Modules
    that import this fixture start and end with no translator from an earlier test."""
    _remove_translators()
    yield
    _remove_translators()


def _remove_translators() -> None:
    app = QApplication.instance()
    for translator in app.findChildren(QTranslator) if app is not None else ():
        app.removeTranslator(translator)


def data(world, number: str) -> ReleaseDetail:
    return details.show(world.ctx(), number)


def drive(monkeypatch, cls, script) -> list:
    """Replace ``cls.exec``: the dialog is shown, ``script(dialog)`` acts on its widgets, and
    exec returns Accepted when the script made the dialog accept. Returns the dialogs driven."""
    seen = []

    def fake_exec(self):
        seen.append(self)
        self.show()
        script(self)
        if self.isVisible():  # the script left it open: the user closes it
            self.reject()
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return seen


def record(dialog, key: str, result: str, reason: str = "", evidence: str = "", file_id=None) -> None:
    """Fill one checklist item's form and press its 记录 button."""
    editor = dialog.editors[key]
    editor.group.button(("pass", "fail", "na").index(result)).click()
    editor.reason.setText(reason)
    editor.evidence.setText(evidence)
    if file_id is not None:
        editor.file.setCurrentIndex(editor.file.findData(file_id))
    editor.dirty = True
    editor.record_button.click()


def confirm_acceptance(dialog, by: str, dept: str) -> None:
    by_edit, dept_edit, _at = dialog.editors["acceptance"].confirm
    by_edit.setText(by)
    dept_edit.setText(dept)


def sign_with(monkeypatch, password: str = PASSWORD) -> list[dict]:
    """Answer the signature dialog with ``password``; returns what it was shown."""
    shown = []

    def ask(cls, parent, gctx, submit, **kwargs):
        from relgui.gui import ops

        shown.append(kwargs)
        return ops.call(parent, gctx, submit, password, "", False)
    monkeypatch.setattr(SignDialog, "ask", classmethod(ask))
    return shown


def files_chosen(monkeypatch, paths: list) -> None:
    monkeypatch.setattr(AttachmentsPanel, "choose_files", classmethod(lambda cls, parent: [str(p) for p in paths]))


def opened_externally(monkeypatch) -> list:
    opened = []
    monkeypatch.setattr(AttachmentsPanel, "open_external", classmethod(lambda cls, path: opened.append(path) or True))
    return opened


def shoot(widget, name: str, folder: Path | None = None) -> Path:
    """Save what the widget looks like (offscreen), for a person to look at."""
    folder = folder or SHOTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


@pytest.fixture
def window(world, tmp_path, qtbot):
    def make(username: str):
        gctx = gui_context(world, username, tmp_path)
        win = MainWindow(gctx)
        qtbot.addWidget(win)
        win.show()
        win.start()
        settle()
        return win
    return make


def select(win, number: str) -> None:
    model = win.register.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == number)
    win.register.table.setCurrentIndex(model.index(row, 0))
    settle()
    assert win.detail.release.number == number


def click(win, key: str) -> None:
    button = win.detail.buttons[key]
    assert button.isEnabled(), button.toolTip()
    button.click()
    settle()


def answer_steps(monkeypatch, world) -> None:
    def ask(cls, parent, number, action, start, finish):
        return "done", start, world.clock.advance(minutes=5), f"第 {number} 步完成"
    monkeypatch.setattr(StepDialog, "ask", classmethod(ask))


def monitor_of(win) -> monitor.MonitorWindow:
    return monitor._windows[win.detail.release.id]


def cli_show(world, capsys, number: str) -> dict:
    capsys.readouterr()
    assert admin(["--db", world.db.url.render_as_string(hide_password=False), "release", "show", number, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def report(monkeypatch, mon, triggers: list[str], description: str) -> list:
    def script(d: ProblemDialog):
        for key in triggers:
            d.triggers[key].setChecked(True)
        d.description.setPlainText(description)
        d.buttons.button(d.buttons.StandardButton.Ok).click()
    seen = drive(monkeypatch, ProblemDialog, script)
    mon.commands[Action.REPORT_PROBLEM].click()
    settle()  # the windows that show the release hear the notice and read it again on a worker
    return seen


def decide(monkeypatch, win, choice: str, reason: str) -> list:
    def script(d: DecisionDialog):
        d.findChild(QRadioButton, f"decision_{choice}").click()
        d.reason.setPlainText(reason)
        d.buttons.button(d.buttons.StandardButton.Ok).click()
    seen = drive(monkeypatch, DecisionDialog, script)
    click(win, "decide_rollback")
    settle()
    return seen
