"""From launch to the main window, step by step, each step able to say what went wrong."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy.engine import URL

from relgui.domain.errors import Refusal, RelguiError, StorageUnavailable
from relgui.domain.lifecycle import Actor
from relgui.domain.messages import render
from relgui.gui import dbconfig, gcguard, ops
from relgui.gui.context import GuiContext
from relgui.gui.dialogs.database import DatabaseDialog
from relgui.gui.dialogs.login import LoginDialog
from relgui.gui.i18n import Translations
from relgui.gui.settings import Settings
from relgui.services import users
from relgui.services.context import AppContext
from relgui.services.database import DatabaseClock, open_database
from relgui.store.engine import is_default_database, normalise_url

if TYPE_CHECKING:
    from relgui.gui.main_window import MainWindow

log = logging.getLogger(__name__)

# Refusals for which "create a new database here" is the answer the user may want.
CREATABLE = frozenset({"sqlite_missing", "sqlite_uninitialised"})


def _is_default(url: str | URL | None) -> bool:
    """The per-user database (no --db, no RELGUI_DB, no settings): a first run creates it."""
    try:
        return is_default_database(normalise_url(url))
    except RelguiError:
        return False


@dataclass(frozen=True)
class LoginResult:
    """How the login step ended: an ``actor`` logged in; or ``restart``: the user switched the
    database from the login dialog (open it and log in there); or neither: quit."""

    actor: Actor | None = None
    restart: bool = False

    @classmethod
    def quit(cls) -> LoginResult:
        return cls()


def _blocking(fn, *args, meanwhile=None, **kwargs):
    """Before the main window: run on a worker (a server's connect timeout never holds the GUI
    thread), waiting in a local event loop; the error, if any, is raised here. ``meanwhile``:
    called on this thread once the worker has started (work that needs no result of it)."""
    op = ops.run(None, None, fn, *args, quiet=True, **kwargs)
    if meanwhile is not None:
        meanwhile()
    op.wait()
    if op.error is not None:  # done: ok is "no error"
        raise op.error
    return op.result


def _load_main_window() -> None:
    """Import the main window's modules (~30 ms) while the password is checked: argon2id runs on
    a worker without the GIL, so both take the time of the longer (issue 17 item 8)."""
    # lazy: the main window's modules, ~30 ms, load while the login is checked (see the docstring)
    import relgui.gui.main_window  # noqa: F401


class Startup:
    def __init__(self, app: QApplication, args):
        self.app, self.args = app, args
        self.settings = Settings(args.settings)
        self.translations = Translations(app)
        self.translations.use(args.lang or self.settings.get("ui/language"))
        self.window: MainWindow | None = None

    def tr(self, text: str) -> str:
        return QApplication.translate("Startup", text)

    # ---------------------------------------------------------------- steps
    def open_database(self):
        """Open the configured database; on failure say why and offer to change the settings.
        A missing SQLite file is created only for the per-user default (first run) or when the
        user chooses "新建数据库" for the path named in the message."""
        create = None
        while True:
            url = self.args.db or dbconfig.url_from_settings(self.settings)
            try:
                db = _blocking(open_database, url, create=create if create is not None else _is_default(url))
            except RelguiError as exc:
                log.warning("database unavailable: %s", exc)
                if self.args.exit_when_ready:
                    print(exc.message(self.translations.lang), file=sys.stderr) if sys.stderr else None
                    return None
                codes = {r.code for r in exc.refusals}
                choice = self.offer_create(exc) if codes & CREATABLE else self._offer_settings(exc)
                if choice == "create":
                    create = True
                    continue
                if choice == "quit":
                    return None
                if choice == "settings" and self._database_settings():
                    self.args.db = None  # the settings chosen now, not --db / RELGUI_DB
                create = None  # "retry", or settings saved or not: open again
                continue
            return AppContext(db=db, clock=DatabaseClock(db), lang=self.translations.lang)

    def offer_create(self, exc: RelguiError) -> str:
        """A missing or empty SQLite file: "create" (a new database there), "settings" or "quit"."""
        lang = self.translations.lang
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("无法打开数据库"),
                          exc.message(lang) + "\n\n" + render(Refusal("db_create_here"), lang))
        create = box.addButton(render(Refusal("db_create_button"), lang), QMessageBox.ButtonRole.AcceptRole)
        settings = box.addButton(self.tr("数据库设置…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("退出"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {create: "create", settings: "settings"}.get(box.clickedButton(), "quit")

    def _database_settings(self) -> bool:
        """数据库设置… before any database is open: the dialog needs the settings and the
        language only (a GuiContext without an AppContext). True when the user saved."""
        dialog = DatabaseDialog(GuiContext(None, self.settings, self.translations), None)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _offer_settings(self, exc: RelguiError) -> str:
        """The database cannot be reached: "retry", "settings" or "quit"."""
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("无法打开数据库"),
                          exc.message(self.translations.lang) + "\n\n" + self.tr("请检查数据库设置或网络后重试。"))
        retry = box.addButton(self.tr("重试"), QMessageBox.ButtonRole.AcceptRole)
        settings = box.addButton(self.tr("数据库设置…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("退出"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {retry: "retry", settings: "settings"}.get(box.clickedButton(), "quit")

    def log_in(self, gctx: GuiContext) -> LoginResult:
        if self.args.user:
            password = sys.stdin.readline().rstrip("\r\n") if self.args.password_stdin and sys.stdin else ""
            try:
                return LoginResult(_blocking(users.login, gctx.app, self.args.user, password,
                                             meanwhile=_load_main_window))
            except RelguiError as exc:
                ops.tell(None, self.tr("登录失败"), exc.message(gctx.lang)) if not self.args.exit_when_ready else None
                return LoginResult.quit()
        if _blocking(users.count, gctx.app) == 0:
            if self.args.exit_when_ready:
                # smoke test of an empty database: read only
                return LoginResult(Actor(None, "", self.tr("（尚无用户）")))
            # lazy: the first-run wizard, ~3 ms, only on a first run (its demo generator ~110 ms more)
            from relgui.gui.dialogs.first_run import FirstRunWizard, stored_company

            wizard = FirstRunWizard(gctx, _blocking(stored_company, gctx.app))
            return LoginResult(wizard.actor) if wizard.exec() == QDialog.DialogCode.Accepted else LoginResult.quit()

        dialog = LoginDialog(gctx)
        QTimer.singleShot(0, _load_main_window)  # once the dialog shows, while the user types
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return LoginResult(dialog.actor)
        return LoginResult(restart=dialog.database_changed)

    # ---------------------------------------------------------------- run
    def run(self) -> int:
        while True:
            ctx = self.open_database()
            if ctx is None:
                return 1
            gctx = GuiContext(ctx, self.settings, self.translations)
            try:
                login = self.log_in(gctx)
            except StorageUnavailable as exc:
                ops.tell(None, self.tr("数据库不可用"), exc.message(gctx.lang))
                ctx.db.dispose()
                continue
            if login.restart:
                ctx.db.dispose()
                continue
            if login.actor is None:
                ctx.db.dispose()
                return 1
            gctx.use_actor(login.actor)
            outcome = self.show_main(gctx)
            ops.wait_all(10)  # reads the window started deliver (to no one) before its database goes
            ctx.db.dispose()
            if outcome != "restart":
                return outcome

    def _ready(self) -> None:
        """--exit-when-ready: the first page is painted. Its wall-clock time goes to standard
        output (benchmarks/bench_startup.py measures start → first page from it, apart from the
        exit that follows), then the application quits."""
        if sys.stdout is not None:
            print(f"first page painted at {time.time():.6f}", flush=True)
        QTimer.singleShot(0, self.app.quit)

    def show_main(self, gctx: GuiContext):
        # lazy: the main window's modules load after the login dialog is up (it shows sooner); see _load_main_window
        from relgui.gui.main_window import MainWindow

        self.window = window = MainWindow(gctx)
        restart: list[str] = []

        def restart_requested(why: str) -> None:
            restart.append(why)
            window.close()

        window.restart_requested.connect(restart_requested)
        if self.args.exit_when_ready:
            # Once: a second quit queued behind the first would be delivered after app.exec() has
            # returned and stop every event loop after it (the next start-up's dialogs, ops.call).
            window.first_page_painted.connect(self._ready, Qt.ConnectionType.SingleShotConnection)
        window.first_page_painted.connect(gcguard.settle, Qt.ConnectionType.SingleShotConnection)
        window.start()  # the register's first read runs on a worker while the window is shown
        window.show()
        code = self.app.exec()
        if restart:
            self.args.user = None
            return "restart"
        return code
