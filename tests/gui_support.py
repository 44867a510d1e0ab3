"""Helpers for GUI tests: a GuiContext on a test world, and answered dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from relgui.gui.context import GuiContext
from relgui.gui.i18n import Translations
from relgui.gui.settings import Settings


def gui_context(world, username: str | None, tmp_path: Path, lang: str = "zh_CN") -> GuiContext:
    """The GUI's context for ``username`` on the world's database; settings in tmp_path."""
    translations = Translations(QApplication.instance())
    translations.use(lang)
    gctx = GuiContext(world.ctx(username), Settings(tmp_path / f"{username or 'system'}-{lang}.ini"), translations)
    gctx.app.lang = lang
    return gctx


def settle(timeout: float = 20.0) -> None:
    """Let every operation the GUI started on a worker (gui/ops.py) deliver its result, and the
    reads those results start (a page after a count, a detail after a change notice)."""
    from relgui.gui import ops

    assert ops.wait_all(timeout), f"{ops.running()} operations still running after {timeout} s"


class Told:
    """Collects what ops.tell / ops.ask would have shown; ask answers ``answer``."""

    def __init__(self, monkeypatch, answer: bool = True):
        from relgui.gui import ops

        self.messages: list[tuple[str, str]] = []
        self.answer = answer
        monkeypatch.setattr(ops, "tell", lambda parent, title, text, icon=None: self.messages.append((title, text)))
        monkeypatch.setattr(ops, "ask", lambda parent, title, text: self.messages.append((title, text)) or self.answer)

    @property
    def texts(self) -> list[str]:
        return [t for _, t in self.messages]
