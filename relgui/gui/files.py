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

Tests replace the get_* functions (a real dialog would wait for a user).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QFileInfo, QLocale, QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel, QWidget

from relgui.domain.errors import Refusal
from relgui.domain.messages import render
from relgui.store.engine import SIDE_SUFFIXES, live_database_file

Option = QFileDialog.Option
NATIVE = sys.platform == "win32"

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

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt's name
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
           *, options=Option(0), database: bool = False) -> QFileDialog:
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
        from relgui.gui import ops

        lang = _lang()
        ops.tell(dlg.parentWidget(), render(Refusal("db_file_refused_title"), lang),
                 render(Refusal("db_file_in_use", params={"path": refused[0]}), lang))
        return []
    return chosen


def get_open_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                       filter: str = "", selectedFilter: str = "", options=Option(0)) -> tuple[str, str]:  # noqa: A002,N803
    dlg = dialog(parent, caption, dir, filter, options=options)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
    if selectedFilter:
        dlg.selectNameFilter(selectedFilter)
    chosen = _run(dlg, False)
    return (chosen[0], dlg.selectedNameFilter()) if chosen else ("", "")


def get_open_file_names(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                        filter: str = "", selectedFilter: str = "", options=Option(0)) -> tuple[list[str], str]:  # noqa: A002,N803
    dlg = dialog(parent, caption, dir, filter, options=options)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if selectedFilter:
        dlg.selectNameFilter(selectedFilter)
    chosen = _run(dlg, False)
    return (chosen, dlg.selectedNameFilter()) if chosen else ([], "")


def get_save_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                       filter: str = "", selectedFilter: str = "", options=Option(0),  # noqa: A002,N803
                       *, database: bool = False) -> tuple[str, str]:
    """Where to save; ``database``: the dialog chooses a database file (not written by Qt)."""
    dlg = dialog(parent, caption, dir, filter, options=options, database=database)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    if selectedFilter:
        dlg.selectNameFilter(selectedFilter)
    chosen = _run(dlg, database)
    return (chosen[0], dlg.selectedNameFilter()) if chosen else ("", "")


def get_existing_directory(parent: QWidget | None = None, caption: str = "", dir: str = "",  # noqa: A002
                           options=Option.ShowDirsOnly) -> str:
    dlg = dialog(parent, caption, dir, options=options)
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    chosen = _run(dlg, False)
    return chosen[0] if chosen else ""
