"""The start-up paths with their real dialogs (offscreen): a database that cannot be opened,
数据库设置… before any database is open, 重试, and the restart after switching the database
from the login dialog. Each modal dialog is answered by a script acting on the dialog shown."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from flows import PASSWORD
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from relgui.gui.dialogs.database import DatabaseDialog
from relgui.gui.dialogs.login import LoginDialog
from relgui.gui.settings import Settings
from relgui.gui.startup import LoginResult, Startup


class Script:
    """Answers the modal dialogs as they appear, one step each: a step is (kind, action)."""

    def __init__(self, steps):
        self.steps = list(steps)
        self.seen: list[str] = []
        self.errors: list[BaseException] = []
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or not self.steps:
            return
        kind, action = self.steps[0]
        if not isinstance(widget, kind):
            return
        self.steps.pop(0)
        self.seen.append(widget.windowTitle())
        # Acted on from the event loop, not inside this timer's slot: an action that opens a
        # dialog of its own waits there, and the timer must go on to answer it.
        QTimer.singleShot(0, lambda: self._act(action, widget))

    def _act(self, action, widget) -> None:
        try:
            action(widget)
        except BaseException as exc:  # noqa: BLE001 - reported by done()
            self.errors.append(exc)
            widget.reject() if isinstance(widget, QDialog) else None

    def done(self) -> None:
        self.timer.stop()
        assert not self.errors, self.errors
        assert not self.steps, f"dialogs never shown for {len(self.steps)} steps"


def press(text: str):
    def act(box: QMessageBox) -> None:
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()
    return act


def choose_file(path: Path, *, create: bool = False):
    def act(dialog: DatabaseDialog) -> None:
        dialog.ui.local_radio.setChecked(True)
        dialog.ui.sqlite_path.setText(str(path))
        dialog.ui.create_new.setChecked(create)
        dialog.save()
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.ui.status.text()
    return act


def _args(**kw) -> argparse.Namespace:
    base = dict(db=None, lang="zh_CN", user=None, password_stdin=False, settings=None, exit_when_ready=False)
    base.update(kw)
    return argparse.Namespace(**base)


@pytest.fixture(autouse=True)
def _scripted_dialogs(monkeypatch):
    """Modal dialogs really open here (conftest refuses them elsewhere): each waits in its own
    event loop for the script's answer, and one nobody answers within 20 s fails the test."""
    unanswered: list[str] = []

    def exec_(self) -> int:
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.show()
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        timer = QTimer(singleShot=True, interval=20_000)
        timer.timeout.connect(lambda: (unanswered.append(self.windowTitle()), self.reject()))
        timer.start()
        if self.isVisible():
            loop.exec()
        timer.stop()
        return self.result()

    monkeypatch.setattr(QDialog, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    yield
    assert not unanswered, f"dialogs nobody answered: {unanswered}"


@pytest.fixture
def startup(tmp_path, qtbot):
    def make(**kw) -> Startup:
        return Startup(QApplication.instance(), _args(settings=str(tmp_path / "relgui.ini"), **kw))
    return make


@pytest.fixture
def good_db(sqlite_template, tmp_path) -> Path:
    path = tmp_path / "good.db"
    shutil.copy(sqlite_template[0], path)
    return path


def test_cannot_open_then_database_settings_opens_the_chosen_file(startup, tmp_path, good_db):
    """A missing file → 数据库设置… (no database open yet: this used to raise AttributeError) →
    the file chosen there is opened."""
    s = startup()
    s.settings.set("db/sqlite_path", str(tmp_path / "missing.db"))
    script = Script([(QMessageBox, press("数据库设置…")), (DatabaseDialog, choose_file(good_db))])
    ctx = s.open_database()
    script.done()
    assert script.seen[0] == "无法打开数据库"
    assert ctx is not None and Path(ctx.db.url.database) == good_db
    assert not (tmp_path / "missing.db").exists()  # nothing created by accident
    ctx.db.dispose()


def test_cannot_open_then_retry_opens_it_once_it_is_there(startup, tmp_path, good_db):
    """Not a database (another program's file) → 重试 → still not → the file is put right → 重试."""
    target = tmp_path / "shared.db"
    target.write_bytes(b"not a database at all, some other program's file" * 100)

    def retry_after_fixing(box: QMessageBox) -> None:
        shutil.copy(good_db, target)
        press("重试")(box)

    s = startup(db=str(target))
    script = Script([(QMessageBox, press("重试")), (QMessageBox, retry_after_fixing)])
    ctx = s.open_database()
    script.done()
    assert ctx is not None and Path(ctx.db.url.database) == target
    ctx.db.dispose()


def test_cannot_open_then_quit(startup, tmp_path):
    target = tmp_path / "junk.db"
    target.write_bytes(b"junk" * 1000)
    s = startup(db=str(target))
    script = Script([(QMessageBox, press("退出"))])
    assert s.open_database() is None
    script.done()


def test_settings_cancelled_asks_again(startup, tmp_path, good_db):
    s = startup()
    s.settings.set("db/sqlite_path", str(tmp_path / "missing.db"))
    script = Script([(QMessageBox, press("数据库设置…")), (DatabaseDialog, lambda d: d.reject()),
                     (QMessageBox, press("退出"))])
    assert s.open_database() is None
    script.done()


def test_switching_the_database_at_the_login_restarts_on_the_new_one(startup, tmp_path, good_db, sqlite_template):
    """Login dialog → 更改数据库… → another file saved → the login closes with a restart
    (LoginResult(restart=True)) → the new database is opened and logged into."""
    other = tmp_path / "other.db"
    shutil.copy(sqlite_template[0], other)
    s = startup()
    s.settings.set("db/sqlite_path", str(good_db))
    shown = []
    s.show_main = lambda gctx: shown.append((Path(gctx.app.db.url.database), gctx.app.actor.username)) or 0

    def switch(login: LoginDialog) -> None:
        assert str(good_db) in login.ui.database.text()
        login.ui.database_button.click()  # opens the DatabaseDialog (modal), answered next

    def log_in(login: LoginDialog) -> None:
        assert str(other) in login.ui.database.text()
        login.ui.username.setText("lina")
        login.ui.password.setText(PASSWORD)
        login.try_login()

    script = Script([(LoginDialog, switch), (DatabaseDialog, choose_file(other)), (LoginDialog, log_in)])
    assert s.run() == 0
    script.done()
    assert shown == [(other, "lina")]
    assert Settings(tmp_path / "relgui.ini").get("db/sqlite_path") == str(other)


def test_log_in_returns_a_typed_result(startup, good_db):
    s = startup()
    s.settings.set("db/sqlite_path", str(good_db))
    ctx = s.open_database()
    from relgui.gui.context import GuiContext

    gctx = GuiContext(ctx, s.settings, s.translations)
    script = Script([(LoginDialog, lambda d: d.reject())])
    assert s.log_in(gctx) == LoginResult.quit()
    script.done()

    def wrong_then_right(login: LoginDialog) -> None:
        login.ui.username.setText("lina")
        login.ui.password.setText("wrong")
        login.try_login()
        assert login.isVisible() and login.ui.error.text()  # said in the dialog, what was typed kept
        assert login.ui.username.text() == "lina"
        login.ui.password.setText(PASSWORD)
        login.try_login()

    script = Script([(LoginDialog, wrong_then_right)])
    result = s.log_in(gctx)
    script.done()
    assert result.actor is not None and result.actor.username == "lina" and not result.restart
    ctx.db.dispose()
