"""The WAL hazard: a SQLite database must not lose its -wal/-shm while relgui has it open.

What a user saw: with relgui's database in a folder browsed in a file dialog (最终软件库 →
登记版本 → 选择文件…), any relgui-admin command deleted the GUI's -wal and -shm; everything
the GUI wrote afterwards was invisible to other processes. POSIX advisory locks belong to
the process and the inode: one open()+close() of the database file anywhere in the process
(Qt sniffing its MIME type, Python hashing it) drops every lock SQLite holds on it, and the
next process that disconnects finds no other user, checkpoints and deletes -wal/-shm
(sqlite.org/howtocorrupt.html §2.2). These tests do what the user did, with real files, a
real Qt file dialog and real relgui-admin subprocesses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import START
from relgui.domain.errors import RelguiError
from relgui.domain.timeutil import FixedClock
from relgui.services import inventory
from relgui.services.context import AppContext, system_actor
from relgui.store.engine import Database

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd (Linux)")


def _open_files(path: Path) -> list[str]:
    """What /proc/self/fd says this process has open under ``path`` (with " (deleted)")."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith(str(path)):
            found.append(link)
    return sorted(found)


def _admin(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)


def _count_elsewhere(db: Path, artifact: str) -> int:
    """How many versions of ``artifact`` a fresh process sees."""
    code = ("import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "print(c.execute('select count(*) from software_versions where artifact = ?', (sys.argv[2],)).fetchone()[0])\n")
    out = subprocess.run([sys.executable, "-c", code, str(db), artifact], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


@pytest.fixture
def live(sqlite_template, tmp_path):
    """Process A: this test process, holding relgui's WAL database in a folder named like the user's."""
    template, _ = sqlite_template
    folder = tmp_path / "最终软件库"
    folder.mkdir()
    path = folder / "relgui.db"
    shutil.copy(template, path)
    db = Database(f"sqlite:///{path}")
    ctx = AppContext(db=db, actor=system_actor("tests"), clock=FixedClock(START))
    inventory.register_version(ctx, "pkg", "1.0.0", sha256="a" * 64, location="\\\\dsl\\pkg")
    assert [p for p in _open_files(folder) if p.endswith("-wal")], "A holds the WAL open"
    yield ctx, path
    db.dispose()


def _browse_in_a_file_dialog(qtbot, folder: Path) -> None:
    """The file dialog as the app shows it on Linux (Qt's own widget dialog), on the database's
    folder, in detail view, with the file name typed so the completer lists relgui.db*;
    returns when the model has gathered every entry's type."""
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLineEdit

    dialog = QFileDialog(None, "选择软件包", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.setText("rel")
    model = dialog.findChild(QFileSystemModel)

    def gathered() -> bool:
        parent = model.index(str(folder))
        rows = model.rowCount(parent)
        return rows >= 3 and all(model.index(r, 2, parent).data() for r in range(rows))

    qtbot.waitUntil(gathered, timeout=10_000)
    qtbot.wait(300)
    dialog.close()


def _then_another_process_connects(path: Path) -> None:
    """Process B: relgui-admin on the same file, then a plain open-and-dispose."""
    result = _admin(path, "audit", "verify")
    assert result.returncode == 0, result.stderr
    code = ("import sys\nfrom relgui.store.engine import Database\n"
            "db = Database('sqlite:///' + sys.argv[1])\n"
            "with db.engine.connect() as c: c.exec_driver_sql('select count(*) from audit_events').fetchone()\n"
            "db.dispose()\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


def _assert_nothing_lost(ctx, path: Path) -> None:
    assert not [p for p in _open_files(path.parent) if p.endswith("(deleted)")], _open_files(path.parent)
    before = _count_elsewhere(path, "pkg")
    inventory.register_version(ctx, "pkg", "2.0.0", sha256="b" * 64, location="\\\\dsl\\pkg2")
    assert _count_elsewhere(path, "pkg") == before + 1, "A's commit must be visible to a fresh process"


@pytest.mark.xfail(strict=True, reason="the hazard, before the fix")
def test_browsing_the_database_folder_in_a_file_dialog_loses_nothing(live, qtbot):
    ctx, path = live
    _browse_in_a_file_dialog(qtbot, path.parent)
    _then_another_process_connects(path)
    _assert_nothing_lost(ctx, path)


@pytest.mark.xfail(strict=True, reason="the hazard, before the fix")
def test_hashing_the_database_file_as_a_software_version_loses_nothing(live):
    ctx, path = live
    try:
        inventory.sha256_of(path)  # 登记版本 → 选择文件… → the database file itself
    except RelguiError:
        pass
    _then_another_process_connects(path)
    _assert_nothing_lost(ctx, path)


@pytest.mark.xfail(strict=True, reason="the hazard, before the fix")
def test_what_the_user_did_loses_nothing(live, qtbot):
    """最终软件库 → 登记版本 → 选择文件… in the database's folder, the database picked by mistake,
    relgui-admin run meanwhile, work goes on in the GUI for 8 minutes."""
    ctx, path = live
    _browse_in_a_file_dialog(qtbot, path.parent)
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            inventory.sha256_of(name)
        except RelguiError:
            pass
    _then_another_process_connects(path)
    time.sleep(0.1)
    _assert_nothing_lost(ctx, path)
