"""Helpers for the execution GUI tests (no tests here): drive the real dialogs without a
blocking exec(), fill checklist items, and look at the window of a release."""

from __future__ import annotations

from pathlib import Path

from flows import PASSWORD
from relgui.gui.dialogs.sign import SignDialog
from relgui.gui.execution.attachments_panel import AttachmentsPanel
from relgui.services import details

SHOTS = Path(__file__).parent.parent / "docs" / "screenshots"


def data(world, number: str) -> dict:
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

    def ask(cls, parent, **kwargs):
        shown.append(kwargs)
        return password, "", False
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
