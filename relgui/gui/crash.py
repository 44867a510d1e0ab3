"""One crash dialog with copyable details, and the log file in the per-user log folder.

Only bugs arrive here: a user's mistake is a RelguiError and becomes a message (ops.py).
``--windowed`` builds have no stdout/stderr, so nothing here writes to them.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from relgui import __version__, applog
from relgui.store.engine import data_dir

log = logging.getLogger("relgui")


def log_dir() -> Path:
    return data_dir() / "logs"


def setup_logging() -> Path:
    """The GUI's rotating log relgui.log (0600, rotated copies too) in the folder relgui-admin
    logs to as well (relgui.applog)."""
    return applog.rotating_log("relgui", root_level=logging.INFO) or log_dir() / "relgui.log"


class CrashDialog(QDialog):
    def __init__(self, details: str):
        super().__init__(None)
        self.setWindowTitle(self.tr("程序错误"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("relgui 遇到了一个程序错误。您的数据已保存到最后一次成功的操作；"
                               "请把下面的详细信息复制给系统管理员。"))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("复制详细信息"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)


def details_of(exc_type, exc, tb) -> str:
    return "".join([f"relgui {__version__}, Python {platform.python_version()}, {platform.platform()}\n\n",
                    *traceback.format_exception(exc_type, exc, tb)])


def install(show_dialog: bool = True) -> None:
    def hook(exc_type, exc, tb):
        text = details_of(exc_type, exc, tb)
        log.critical("unhandled exception\n%s", text)
        app = QApplication.instance()
        if show_dialog and app is not None:
            CrashDialog(text).exec()
        elif app is not None:
            app.exit(70)  # unattended (smoke test): fail loudly, never hang

    sys.excepthook = hook
