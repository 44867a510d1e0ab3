"""Helpers shared by the plan wizard's tests (no tests here)."""

from __future__ import annotations

from flows import rv
from gui_support import gui_context
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from sqlalchemy import select

from relgui.domain.states import Status
from relgui.services import details, plans, releases
from relgui.store.models import AuditEvent


def planning_release(world, type_: str = "normal", author: str = "zhangwei") -> str:
    """A release in planning with an empty plan (release_at writes a full one)."""
    from flows import release_at

    number = release_at(world, Status.ACCEPTED, type_=type_, author=author)
    releases.start_planning(world.ctx(author), number, expected_version=rv(world, number))
    return number


def open_wizard(qtbot, world, tmp_path, number: str, user: str = "zhangwei", lang: str = "zh_CN"):
    from relgui.gui.wizard.window import PlanWizard

    gctx = gui_context(world, user, tmp_path, lang)
    wizard = PlanWizard(gctx, details.show(gctx.app, number))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)  # focus (and Tab) as a user has it
    wizard.autosaver.idle.setInterval(20)  # the 2 s pause, shortened
    return wizard


def stored(world, number: str) -> plans.PlanView:
    return plans.get(world.ctx("zhangwei"), number)


def enter_text(qtbot, widget, text: str) -> None:
    """Type into the focused widget: keys for ASCII, an input method's commit for Chinese
    (QTest cannot press keys for characters outside ASCII)."""
    widget.setFocus()
    if isinstance(widget, QPlainTextEdit):  # continue after what is there, as a click at the end would
        widget.moveCursor(QTextCursor.MoveOperation.End)
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user, then leave the field (Tab)."""
    enter_text(qtbot, widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def fill_table(wizard, section: str, table: str, block: str) -> None:
    editor = wizard.forms[section].tables[table]
    editor.view.setCurrentIndex(editor.model.index(0, 0))
    editor.paste_text(block)


def audit_actions(world) -> list[tuple[str, dict]]:
    with world.db.read() as s:
        return [(e.action, e.detail) for e in s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()]


def next_page(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def cell_editor(view, index, kind):
    """Open the editor of a cell as a double-click would; returns it (closed ones are hidden)."""
    view.setCurrentIndex(index)
    view.edit(index)
    return [w for w in view.findChildren(kind) if w.isVisible()][-1]
