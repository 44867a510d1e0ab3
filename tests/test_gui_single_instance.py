"""One relgui per user and database: a second start raises the first window and exits; another
database starts its own. Qt's warnings and a fatal signal's stacks reach the log folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relgui.gui.single_instance import SingleInstance, bring_to_front, database_key


def test_second_claim_asks_the_first_to_show_itself(qtbot, tmp_path):
    key = database_key(str(tmp_path / "a.db"))
    first = SingleInstance(key)
    assert first.claim()
    try:
        raised = []
        first.activated.connect(lambda: raised.append(True))
        second = SingleInstance(key)
        assert not second.claim(wait_ms=200)  # held: the first is asked instead
        qtbot.waitUntil(lambda: raised == [True], timeout=5000)
        other = SingleInstance(database_key(str(tmp_path / "b.db")))
        assert other.claim()  # another database: its own window
        other.release()
    finally:
        first.release()
    again = SingleInstance(key)
    assert again.claim()  # released at exit: the next start is the first again
    again.release()


def test_the_key_names_the_database_never_its_password(tmp_path, monkeypatch):
    monkeypatch.delenv("RELGUI_DB", raising=False)
    a = database_key("postgresql+psycopg://ws:secret@db.example:5432/relgui")
    assert "secret" not in a and "db.example" in a
    assert database_key(str(tmp_path / "x.db")) == database_key(str(tmp_path / "." / "x.db"))


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no window stack
def test_bring_to_front_restores_a_minimised_window(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    w.showMinimized()
    bring_to_front(w)
    assert w.isVisible() and not w.windowState() & Qt.WindowState.WindowMinimized


def _gui(home: Path, db: Path, *args: str, stdin: str = "", **kw) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELGUI_HOME": str(home)}
    env.pop("RELGUI_DB", None)
    return subprocess.Popen([sys.executable, "-m", "relgui.gui.main", "--db", str(db), *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **kw)


def _log(home: Path) -> str:
    path = home / "logs" / "relgui.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.slow
def test_a_second_start_raises_the_running_window_and_exits(tmp_path, monkeypatch):
    home, db = tmp_path / "home", tmp_path / "relgui.db"
    home.mkdir()
    monkeypatch.setenv("RELGUI_HOME", str(home))  # the probe below computes the children's lock name
    made = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", str(db), "init", "--admin", "boss",
                           "--name", "老板", "--password-stdin"], input=b"single-instance-pw-1\n", capture_output=True,
                          env={**os.environ, "RELGUI_HOME": str(home)}, timeout=120)
    assert made.returncode == 0, made.stderr
    first = _gui(home, db, "--user", "boss", "--password-stdin")
    first.stdin.write(b"single-instance-pw-1\n")
    first.stdin.close()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if first.poll() is not None:
                pytest.fail(f"the first relgui ended: {first.stderr.read().decode('utf-8', 'replace')}")
            second_probe = SingleInstance(database_key(str(db)))
            if not second_probe._lock.tryLock(0):  # the first holds the key: it is up
                break
            second_probe._lock.unlock()
            time.sleep(0.2)
        else:
            pytest.fail("the first relgui never took the lock")
        second = _gui(home, db)
        second.stdin.close()
        assert second.wait(timeout=120) == 0  # exited at once, without a login dialog
        deadline = time.monotonic() + 60
        while "asked this window to show itself" not in _log(home) and time.monotonic() < deadline:
            time.sleep(0.2)
        text = _log(home)
        assert "asked this window to show itself" in text and "already runs for this database" in text
        assert first.poll() is None  # the first goes on
        other = _gui(home, tmp_path / "other.db", "--exit-when-ready")
        other.stdin.close()
        other.wait(timeout=120)
        assert "already runs" not in (other.stderr.read().decode("utf-8", "replace"))
        assert _log(home).count("already runs for this database") == 1  # another database: its own start
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_faults_and_qt_warnings_reach_the_log_folder(tmp_path):
    """A fatal signal in the windowed app leaves every thread's stack in logs/relgui-faults.log;
    a Qt warning lands in relgui.log (logger qt)."""
    code = ("import sys, faulthandler\n"
            "from relgui.gui import main as m\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from PySide6.QtCore import qWarning\n"
            "app = QApplication([])\n"
            "from relgui.gui import crash\n"
            "crash.setup_logging()\n"
            "m._diagnostics()\n"
            "qWarning('a Qt warning for the log')\n"
            "faulthandler._sigsegv()\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELGUI_HOME": str(tmp_path)}
    env.pop("PYTHONFAULTHANDLER", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120)
    assert result.returncode != 0  # it did die
    faults = (tmp_path / "logs" / "relgui-faults.log").read_text(encoding="utf-8")
    assert "relgui" in faults.splitlines()[0] and "Fatal Python error" in faults and "line 10" in faults
    assert "a Qt warning for the log" in (tmp_path / "logs" / "relgui.log").read_text(encoding="utf-8")
