"""relgui — the desktop application's entry point.

Start-up: settings and language → open the database (say why and offer settings when it
cannot be reached) → first run on an empty database → log in → the main window.
python-docx, matplotlib and Alembic are not imported on this path unless needed.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from relgui import __version__


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="relgui", description="relgui 发布管理")
    p.add_argument("--db", help="数据库 URL 或 SQLite 文件路径 / database URL or SQLite file")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    p.add_argument("--user", help="log in as this user (with --password-stdin)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--settings", help="settings file (INI); default in the per-user data folder")
    p.add_argument("--exit-when-ready", action="store_true",
                   help="log in, show the main window, exit 0 once the register's first page is painted")
    p.add_argument("--no-crash-dialog", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--version", action="version", version=f"relgui {__version__}")
    return p.parse_args(argv)


def _load_core() -> None:
    """Import the Qt-free core before PySide6. Once PySide6 is loaded, its import hook (for
    ``from __feature__``) reads the source of every module imported after it
    (inspect.getsource): some 300 modules of SQLAlchemy and relgui's core on the way to the
    first page, 0.3 s of 1.7 s. A frozen app has no sources and does not pay it."""
    import logging.handlers  # noqa: F401 - the log file
    import sqlite3  # noqa: F401 - the local file (the default)

    import platformdirs  # noqa: F401 - the per-user folders
    import sqlalchemy.dialects.sqlite  # noqa: F401

    # lazy: imported before PySide6, whose import hook reads the source of every later module (~0.3 s, docstring)
    import relgui.services.auditing  # noqa: F401
    import relgui.services.calendar  # noqa: F401
    import relgui.services.database  # noqa: F401
    import relgui.services.details  # noqa: F401
    import relgui.services.register  # noqa: F401
    import relgui.services.users  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    # No automatic collection from here on: start-up's imports make ~100 000 long-lived objects
    # and the collector walked them 191 times (73–98 ms of the start). gcguard.install takes
    # over with the application, and gcguard.settle freezes what start-up made.
    gc.disable()
    args = parse_args(argv)
    _load_core()
    from PySide6.QtWidgets import QApplication

    # lazy: after _load_core: PySide6 and its import hook come after the core, ~0.3 s saved (see _load_core)
    from relgui.gui import crash

    existing = QApplication.instance()  # a test's, or a restart's in this process
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    # lazy: after _load_core: PySide6 and its import hook come after the core, ~0.3 s saved (see _load_core)
    from relgui.gui import gcguard

    gcguard.install(app)  # cycles are freed on this thread only, never on a worker (crashes)
    app.setOrganizationName("relgui")
    app.setApplicationName("relgui")
    app.setApplicationVersion(__version__)
    _set_icon(app)
    crash.setup_logging()
    _diagnostics()
    crash.install(show_dialog=not (args.no_crash_dialog or args.exit_when_ready))
    # lazy: after _load_core: PySide6 and its import hook come after the core, ~0.3 s saved (see _load_core)
    from relgui.gui import files
    from relgui.gui.single_instance import SingleInstance, bring_to_front, database_key
    from relgui.gui.startup import Startup

    startup = Startup(app, args)
    files.use_settings(startup.settings)  # dialogs remember their folders (relgui.gui.files)
    guard = SingleInstance(database_key(args.db, startup.settings))
    if not guard.claim():  # the running window for this user and database was asked to show itself
        logging.getLogger("relgui").info("relgui already runs for this database: its window was raised")
        return 0
    guard.activated.connect(lambda: bring_to_front(startup.window if startup.window is not None
                                                   and startup.window.isVisible() else _front_widget(app)))
    try:
        return startup.run()
    finally:
        guard.release()


def _front_widget(app):
    """What a second start should bring forward before the main window exists: the dialog open
    (login, first run, database settings)."""
    return app.activeModalWidget() or next((w for w in app.topLevelWidgets() if w.isVisible()), None)


def _diagnostics() -> None:
    """What the windowed build would otherwise lose (it has no stderr): a fatal signal's stack
    of every thread (faulthandler → logs/relgui-faults.log) and Qt's own warnings (→ the
    rotating log, logger "qt"). Not where faulthandler is on already (python -X
    faulthandler, pytest) or where a test's Qt message handler is installed."""
    import faulthandler

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    # lazy: relgui.applog + relgui.fsutil (logging.handlers), ~40 ms on `relgui --version` (0.04 s without)
    from relgui import applog

    if not faulthandler.is_enabled():
        applog.fault_log("relgui")
    applog.app_mutex()  # Windows: the installer's AppMutex sees relgui running
    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind, context, message):
        where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
        qt_log.log(levels.get(kind, logging.WARNING), "%s%s", message, where)
        if sys.stderr is not None and kind != QtMsgType.QtDebugMsg:  # a console run still shows them
            print(f"qt: {message}", file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    if previous is not None:  # someone (pytest-qt) listens already: give it back its handler
        qInstallMessageHandler(previous)


def _set_icon(app) -> None:
    import importlib.resources

    from PySide6.QtGui import QIcon

    svg = importlib.resources.files("relgui.resources").joinpath("icons").joinpath("relgui.svg")
    if svg.is_file():
        with importlib.resources.as_file(svg) as path:
            app.setWindowIcon(QIcon(str(path)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
