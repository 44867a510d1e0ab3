"""Calling a use case from a slot: one place that turns expected errors into messages.

Slots stay thin: ``ops.call(widget, gctx, fn, *args)`` runs the use case and returns
``(True, result)``; on a refusal it shows the domain's own reason in the user's language
and returns ``(False, None)``, leaving the caller's form (and what the user typed) as it
was. A conflict opens the conflict dialog; an unreachable database says so. Anything else
is a bug and reaches the crash dialog. Message boxes go through ``ask``/``tell`` so tests
can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from relgui.domain.errors import AuthError, Conflict, RelguiError, StorageUnavailable

# Refusals that end the session: the account was disabled or removed since the login.
SESSION_ENDED = ("session_disabled", "session_gone")



def tell(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Warning) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def describe(gctx, exc: RelguiError) -> str:
    return exc.message(gctx.lang, gctx.profile)


def call(parent: QWidget | None, gctx, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return True, fn(*args, **kwargs)
    except Conflict as exc:
        QGuiApplication.restoreOverrideCursor()
        from relgui.gui.dialogs.conflict import ConflictDialog

        ConflictDialog.show_for(parent, gctx, exc)
        return False, exc
    except AuthError as exc:
        QGuiApplication.restoreOverrideCursor()
        code = exc.refusals[0].code
        if code in SESSION_ENDED:
            tell(parent, QCoreApplication.translate("ops", "会话已结束"), describe(gctx, exc))
            gctx.notifier.session_ended.emit(code)
        else:
            tell(parent, QCoreApplication.translate("ops", "不能执行"), describe(gctx, exc))
        return False, exc
    except StorageUnavailable as exc:
        QGuiApplication.restoreOverrideCursor()
        tell(parent, QCoreApplication.translate("ops", "数据库不可用"), describe(gctx, exc) + "\n\n" + QCoreApplication.translate("ops", "您的输入仍保留在窗口中，可稍后重试。"),
             QMessageBox.Icon.Critical)
        return False, exc
    except RelguiError as exc:
        QGuiApplication.restoreOverrideCursor()
        tell(parent, QCoreApplication.translate("ops", "不能执行"), describe(gctx, exc))
        return False, exc
    finally:
        if QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
