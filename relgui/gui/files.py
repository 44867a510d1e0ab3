"""Every file dialog of the app: QFileDialog is created here and nowhere else.

Qt's own file dialog, listing a folder (and its completer, as a file name is typed), asks
QFileIconProvider for each entry's type: Qt reads the first bytes of the file to tell its
MIME type. For relgui.db, -wal and -shm that one open()+close() drops every POSIX lock this
process's SQLite holds on them, and the next relgui-admin (or second GUI) to disconnect deletes
the -wal/-shm this process still writes to (sqlite.org/howtocorrupt.html §2.2). Measured: the
dialog on the database's folder opens relgui.db, -wal and -shm (strace); with the provider
below it opens none of them. So here:

- the dialog is Qt's widget dialog everywhere but on Windows (GTK's in-process dialog sniffs
  contents too; Windows locks belong to the handle, so another open does not touch SQLite's);
- its icon provider names icons and types from the file name alone, never opening a file;
- the live database's files are not listed (the database itself only where a database is
  being chosen), and a chosen live file is refused in words rather than returned.

Where a dialog starts (Windows programs start in Documents, not in the program's folder,
which is the working directory when started from the Start menu): the folder last used for
the same purpose (documents, spreadsheets, backups, attachments …), kept in the settings,
else the user's Documents (QStandardPaths). A suggested file name passes the one sanitizer
(relgui.fsutil.safe_filename) for that folder.

A file that cannot be written (open in Word, read-only, no permission, disk full, path too
long) is said in words with Retry and Save as… (write_with_retry), never the crash dialog.

Tests replace the get_* functions and ``after_failure`` (a real dialog would wait for a user).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QFileInfo, QLocale, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel, QMessageBox, QWidget

from relgui.domain.errors import Refusal
from relgui.domain.messages import render
from relgui.fsutil import safe_filename, write_problem
from relgui.gui import ops
from relgui.store.engine import SIDE_SUFFIXES, live_database_file

log = logging.getLogger(__name__)
T = TypeVar("T")

Option = QFileDialog.Option
NATIVE = sys.platform == "win32"

# Purposes whose last folder is remembered (settings keys files/<purpose>); a dialog without one
# is given one from its filter.
PURPOSES = ("documents", "spreadsheets", "backups", "attachments", "database", "certificates", "files")
_BY_SUFFIX = {".docx": "documents", ".pdf": "documents", ".doc": "documents", ".png": "documents",
              ".xlsx": "spreadsheets", ".xls": "spreadsheets", ".csv": "spreadsheets", ".ods": "spreadsheets",
              ".et": "spreadsheets", ".zip": "backups", ".db": "database", ".pem": "certificates",
              ".crt": "certificates", ".cer": "certificates"}
_settings = None  # relgui.gui.settings.Settings once the app has them (use_settings)
_remembered: dict[str, str] = {}  # this session's folders, also without settings


def use_settings(settings) -> None:
    """Remember folders in ``settings`` (relgui.gui.settings.Settings) from now on."""
    global _settings
    _settings = settings


def documents_folder() -> str:
    """The user's Documents folder (Windows: the shell's Documents, OneDrive-redirected or not)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and os.path.isdir(found) else str(Path.home())


def purpose_of(filter: str) -> str:  # noqa: A002 - Qt's word
    """The purpose a dialog serves, from the first file pattern of its filter."""
    import re

    for suffix in re.findall(r"\*(\.[A-Za-z0-9]+)", filter or ""):
        if suffix.lower() in _BY_SUFFIX:
            return _BY_SUFFIX[suffix.lower()]
    return "files"


def last_folder(purpose: str) -> str:
    """The folder last used for ``purpose`` when it still exists, else Documents."""
    folder = _remembered.get(purpose, "")
    if not folder and _settings is not None:
        try:
            folder = _settings.get(f"files/{purpose}")
        except KeyError:
            folder = ""
    return folder if folder and os.path.isdir(folder) else documents_folder()


def remember(purpose: str, chosen: str) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder itself) for the next dialog of ``purpose``."""
    folder = chosen if os.path.isdir(chosen) else os.path.dirname(chosen)
    if not folder:
        return
    _remembered[purpose] = folder
    if _settings is not None:
        try:
            _settings.set(f"files/{purpose}", folder)
        except KeyError:
            pass


def start_path(directory: str, purpose: str) -> str:
    """Where the dialog opens: ``directory`` when it names a folder or a path in one; a bare
    suggested name (``FB-2026-0001 发布计划.docx``) is made safe and put in the last folder."""
    if not directory:
        return last_folder(purpose)
    if os.path.isabs(directory) or os.path.dirname(directory):
        return directory

    folder = last_folder(purpose)
    return os.path.join(folder, safe_filename(directory, folder=folder))

# Qt's own translations (qtbase_*.qm) of the type names its provider would have given; held in
# variables so lupdate does not copy them into relgui's catalogue.
_QT_CONTEXT = "QFileDialog"
_FOLDER, _FOLDER_NOTE = "Folder", "All other platforms"
_FILE = "File"
_SUFFIX_FILE, _SUFFIX_NOTE = "%1 File", "%1 is a file name suffix, for example txt"


def _lang() -> str:
    return "en" if QLocale().language() == QLocale.Language.English else "zh_CN"


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file name: never opens (or MIME-sniffs) a file.

    The file system model calls it from its gatherer thread, so the icons are made once, here."""

    def __init__(self):
        super().__init__()
        base = QFileIconProvider()
        self._icons = {kind: base.icon(kind) for kind in (QFileIconProvider.IconType.Folder,
                                                         QFileIconProvider.IconType.File,
                                                         QFileIconProvider.IconType.Drive,
                                                         QFileIconProvider.IconType.Computer,
                                                         QFileIconProvider.IconType.Network)}

    def icon(self, what):  # noqa: D102 - QFileInfo or IconType, as Qt's
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return self._icons[QFileIconProvider.IconType.Drive]
            return self._icons[QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File]
        return self._icons.get(what) or super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt's name
        translate = QCoreApplication.translate
        if info.isDir():
            return translate(_QT_CONTEXT, _FOLDER, _FOLDER_NOTE)
        suffix = info.suffix()
        return translate(_QT_CONTEXT, _SUFFIX_FILE, _SUFFIX_NOTE).replace("%1", suffix) if suffix \
            else translate(_QT_CONTEXT, _FILE)


class _HideLiveDatabase(QSortFilterProxyModel):
    """The listing without the files of the database this process has open (its -wal, -shm,
    -journal; the database itself too unless a database is being chosen)."""

    def __init__(self, parent, show_database: bool):
        super().__init__(parent)
        self._show_database = show_database

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt's name
        model = self.sourceModel()
        if not isinstance(model, QFileSystemModel):
            return True
        path = model.filePath(model.index(row, 0, parent))
        return not _refused(path, self._show_database)


def _refused(path: str, database: bool) -> bool:
    """Whether ``path`` is a file of the live database that may not be listed or chosen here."""
    if not path or live_database_file(path) is None:
        return False
    return not database or path.endswith(SIDE_SUFFIXES)


def dialog(parent: QWidget | None, caption: str = "", directory: str = "", filter: str = "",  # noqa: A002
           *, options=QFileDialog.Option(0), database: bool = False) -> QFileDialog:
    """A file dialog that cannot drop the database's locks (see the module's description).
    ``database``: a database file is being chosen, so the live one is listed (not its -wal/-shm)."""
    dlg = QFileDialog(parent, caption, directory, filter)
    if not NATIVE:
        dlg.setOption(Option.DontUseNativeDialog)
        dlg.setIconProvider(NameOnlyIconProvider())
        dlg.setProxyModel(_HideLiveDatabase(dlg, database))
    for flag in (Option.DontConfirmOverwrite, Option.ShowDirsOnly, Option.ReadOnly, Option.HideNameFilterDetails):
        if options & flag:
            dlg.setOption(flag)
    return dlg


def _run(dlg: QFileDialog, database: bool) -> list[str]:
    if not dlg.exec():
        return []
    chosen = [p for p in dlg.selectedFiles() if p]
    refused = [p for p in chosen if _refused(p, database)]
    if refused:
        lang = _lang()
        ops.tell(dlg.parentWidget(), render(Refusal("db_file_refused_title"), lang),
                 render(Refusal("db_file_in_use", params={"path": refused[0]}), lang))
        return []
    return chosen


def get_open_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                       filter: str = "", selectedFilter: str = "", options=QFileDialog.Option(0),  # noqa: A002,N803
                       *, purpose: str = "") -> tuple[str, str]:
    purpose = purpose or purpose_of(filter)
    dlg = dialog(parent, caption, start_path(dir, purpose), filter, options=options)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
    if selectedFilter:
        dlg.selectNameFilter(selectedFilter)
    chosen = _run(dlg, False)
    if chosen:
        remember(purpose, chosen[0])
    return (chosen[0], dlg.selectedNameFilter()) if chosen else ("", "")


def get_open_file_names(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                        filter: str = "", selectedFilter: str = "", options=QFileDialog.Option(0),  # noqa: A002,N803
                        *, purpose: str = "") -> tuple[list[str], str]:
    purpose = purpose or purpose_of(filter)
    dlg = dialog(parent, caption, start_path(dir, purpose), filter, options=options)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if selectedFilter:
        dlg.selectNameFilter(selectedFilter)
    chosen = _run(dlg, False)
    if chosen:
        remember(purpose, chosen[0])
    return (chosen, dlg.selectedNameFilter()) if chosen else ([], "")


def get_save_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                       filter: str = "", selectedFilter: str = "", options=QFileDialog.Option(0),  # noqa: A002,N803
                       *, database: bool = False, purpose: str = "") -> tuple[str, str]:
    """Where to save; ``database``: the dialog chooses a database file (not written by Qt)."""
    purpose = purpose or ("database" if database else purpose_of(filter))
    dlg = dialog(parent, caption, start_path(dir, purpose), filter, options=options, database=database)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    if selectedFilter:
        dlg.selectNameFilter(selectedFilter)
    chosen = _run(dlg, database)
    if chosen:
        remember(purpose, chosen[0])
    return (chosen[0], dlg.selectedNameFilter()) if chosen else ("", "")


def get_existing_directory(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                           options=Option.ShowDirsOnly, *, purpose: str = "documents") -> str:
    dlg = dialog(parent, caption, dir or last_folder(purpose), options=options)
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    chosen = _run(dlg, False)
    if chosen:
        remember(purpose, chosen[0])
    return chosen[0] if chosen else ""


# ------------------------------------------------------------------------------ writing files
def after_failure(parent: QWidget | None, text: str, *, may_save_elsewhere: bool) -> str:
    """Ask what to do after a failed write: "retry", "save_as" or "cancel"."""
    lang = _lang()
    box = QMessageBox(QMessageBox.Icon.Warning, render(Refusal("file_write_title"), lang), text,
                      QMessageBox.StandardButton.NoButton, parent)
    retry = box.addButton(render(Refusal("file_retry"), lang), QMessageBox.ButtonRole.AcceptRole)
    elsewhere = box.addButton(render(Refusal("file_save_elsewhere"), lang), QMessageBox.ButtonRole.ActionRole) \
        if may_save_elsewhere else None
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return "retry" if clicked is retry else "save_as" if elsewhere is not None and clicked is elsewhere else "cancel"


def write_with_retry(parent: QWidget | None, path: str | os.PathLike, write: Callable[[Path], T], *,
                     caption: str = "", filter: str = "") -> tuple[Path, T] | None:  # noqa: A002
    """``write(path)`` until it succeeds or the user gives up: a failure (relgui.fsutil.
    write_problem: open in Word, read-only, no permission, disk full, path too long) is said in
    words with Retry, Save as… (a save dialog) and Cancel. (where it went, what write returned),
    or None when the user cancelled. Nothing half-written is left (write goes through
    relgui.fsutil.private_output)."""
    target = Path(path)
    while True:
        try:
            return target, write(target)
        except OSError as exc:
            refusal = write_problem(exc, target)
            log.warning("cannot write %s: %s (%s)", target, exc, refusal.code)
            choice = after_failure(parent, render(refusal, _lang()), may_save_elsewhere=True)
            if choice == "cancel":
                return None
            if choice == "save_as":
                chosen, _ = get_save_file_name(parent, caption or render(Refusal("file_save_elsewhere"), _lang()),
                                               str(target), filter)
                if not chosen:
                    return None
                target = Path(chosen)
