"""The WAL hazard: a SQLite database must not lose its -wal/-shm while relgui has it open.

What a user saw: with relgui's database in a folder browsed in a file dialog (最终软件库 →
登记版本 → 选择文件…), any relgui-admin command deleted the GUI's -wal and -shm; everything
the GUI wrote afterwards was invisible to other processes. POSIX advisory locks belong to
the process and the inode: one open()+close() of the database file anywhere in the process
(Qt sniffing its MIME type, Python hashing it) drops every lock SQLite holds on it, and the
next process that disconnects finds no other user, checkpoints and deletes -wal/-shm
(sqlite.org/howtocorrupt.html §2.2). These tests do what the user did, with real files, a
real Qt file dialog and real relgui-admin subprocesses; then each layer of the fix alone
(relgui/gui/files.py, the audit hook, the detector in relgui/store/engine.py).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import START
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLineEdit

from relgui.domain.errors import InvalidInput, RelguiError, StorageUnavailable
from relgui.domain.timeutil import FixedClock
from relgui.gui import files
from relgui.services import attachments, backup, inventory
from relgui.services.context import AppContext, system_actor
from relgui.store.engine import Database, LiveDatabaseFile

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd (Linux)")
ROOT = Path(__file__).parent.parent


def _open_files(folder: Path) -> list[str]:
    """What /proc/self/fd says this process has open under ``folder`` (with " (deleted)")."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith(str(folder)):
            found.append(link)
    return sorted(found)


def _deleted(folder: Path) -> list[str]:
    return [p for p in _open_files(folder) if p.endswith("(deleted)")]


def _admin(db: Path, *args: str) -> subprocess.CompletedProcess:
    """relgui-admin as the seeded administrator (audit verify needs a login)."""
    from conftest import PASSWORD

    return subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", str(db), "--user", "admin",
                           "--password-stdin", *args], capture_output=True, text=True, timeout=120, input=PASSWORD)


def _count_elsewhere(db: Path, artifact: str) -> int:
    """How many versions of ``artifact`` a fresh process sees."""
    code = ("import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "print(c.execute('select count(*) from software_versions where artifact = ?', (sys.argv[2],)).fetchone()[0])\n")
    out = subprocess.run([sys.executable, "-c", code, str(db), artifact], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


def _register(ctx, version: str) -> None:
    inventory.register_version(ctx, "pkg", version, sha256=hashlib.sha256(version.encode()).hexdigest(),
                               location=f"\\\\dsl\\pkg\\{version}")


@pytest.fixture
def live(sqlite_template, tmp_path):
    """Process A: this test process, holding relgui's WAL database in a folder named like the user's."""
    template, _ = sqlite_template
    folder = tmp_path / "最终软件库"
    folder.mkdir()
    path = folder / "relgui.db"
    shutil.copy(template, path)
    db = Database(f"sqlite:///{path}", create=False)
    ctx = AppContext(db=db, actor=system_actor("tests"), clock=FixedClock(START))
    _register(ctx, "1.0.0")
    assert [p for p in _open_files(folder) if p.endswith("-wal")], "A holds the WAL open"
    yield ctx, path
    db.dispose()


def _browse(qtbot, dlg: QFileDialog, folder: Path) -> list[str]:
    """Show ``dlg`` on the database's folder in detail view, type a file name so the completer
    lists relgui.db*, and return once the model has gathered every entry's type; the names listed."""
    qtbot.addWidget(dlg)
    dlg.setViewMode(QFileDialog.ViewMode.Detail)
    dlg.show()
    dlg.findChild(QLineEdit, "fileNameEdit").setText("rel")
    model = dlg.findChild(QFileSystemModel)

    def gathered() -> bool:
        parent = model.index(str(folder))
        rows = model.rowCount(parent)
        return rows >= 3 and all(model.index(r, 2, parent).data() for r in range(rows))

    qtbot.waitUntil(gathered, timeout=10_000)
    qtbot.wait(300)
    shown = dlg.proxyModel() or model
    root = shown.mapFromSource(model.index(str(folder))) if dlg.proxyModel() else model.index(str(folder))
    names = [shown.index(r, 0, root).data() for r in range(shown.rowCount(root))]
    dlg.close()
    return names


def _then_another_process_connects(path: Path) -> None:
    """Process B: relgui-admin on the same file, then a plain open-and-dispose."""
    result = _admin(path, "audit", "verify")
    assert result.returncode == 0, result.stderr
    code = ("import sys\nfrom relgui.store.engine import Database\n"
            "db = Database('sqlite:///' + sys.argv[1], create=False)\n"
            "with db.engine.connect() as c: c.exec_driver_sql('select count(*) from audit_events').fetchone()\n"
            "db.dispose()\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


def _assert_nothing_lost(ctx, path: Path) -> None:
    assert not _deleted(path.parent), _open_files(path.parent)
    before = _count_elsewhere(path, "pkg")
    _register(ctx, "2.0.0")
    assert _count_elsewhere(path, "pkg") == before + 1, "A's commit must be visible to a fresh process"


# ------------------------------------------------------------------------------------------
# What the user did
# ------------------------------------------------------------------------------------------

def test_what_the_user_did_loses_nothing(live, qtbot, tmp_path):
    """最终软件库 → 登记版本 → 选择文件… in the database's folder (the dialog the app makes), the
    database and its -wal/-shm picked by mistake as the package and as evidence, relgui-admin
    run meanwhile, and work goes on: nothing is deleted, every commit is seen by others."""
    ctx, path = live
    listed = _browse(qtbot, files.dialog(None, "选择软件包", str(path.parent)), path.parent)
    assert not any(n.startswith("relgui.db") for n in listed)  # the live files are not offered
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with pytest.raises(LiveDatabaseFile) as refused:
            inventory.sha256_of(name)
        assert "正在使用的数据库文件" in refused.value.message("zh_CN") and str(name) in refused.value.message("zh_CN")
        with pytest.raises(InvalidInput) as refused:
            attachments.add(ctx, "FB-2026-0001", name)
        assert "is a database file relgui is using" in refused.value.message("en")
    _then_another_process_connects(path)
    _assert_nothing_lost(ctx, path)
    result = _admin(path, "audit", "verify")
    assert result.returncode == 0 and "head" in result.stdout


def test_a_plain_qt_dialog_on_the_folder_does_lose_the_wal_and_the_detector_refuses_to_write(live, qtbot):
    """Why files.dialog exists: Qt's own dialog (not made by it) sniffs relgui.db and its -wal/-shm,
    and the next process deletes them. The detector then refuses the next write in words,
    instead of writing into a deleted file, and nothing A committed before is lost."""
    ctx, path = live
    dlg = QFileDialog(None, "选择软件包", str(path.parent))
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    _browse(qtbot, dlg, path.parent)
    _then_another_process_connects(path)
    assert _deleted(path.parent), "Qt's own provider opened the files: the hazard is real"
    with pytest.raises(StorageUnavailable) as refused:
        _register(ctx, "2.0.0")
    assert "被删除或替换" in refused.value.message("zh_CN") and "start it again" in refused.value.message("en")
    with pytest.raises(StorageUnavailable):  # and it stays refused, reads included
        inventory.versions(ctx)
    assert _count_elsewhere(path, "pkg") == 1  # 1.0.0, committed before: checkpointed by B, not lost
    ctx.db.dispose()  # must not checkpoint the deleted WAL into the new file or unlink the new -wal
    result = _admin(path, "audit", "verify")
    assert result.returncode == 0, result.stderr
    check = subprocess.run([sys.executable, "-c", "import sqlite3,sys;print(sqlite3.connect(sys.argv[1])"
                            ".execute('pragma integrity_check').fetchone()[0])", str(path)],
                           capture_output=True, text=True, timeout=60)
    assert check.stdout.strip() == "ok"


def test_a_reopened_database_in_the_same_process_is_refused_after_the_hazard(live, qtbot):
    """Once the files were replaced under this process, its SQLite keeps the deleted -shm for
    every new connection to the file: opening it again here is refused; a restart is the cure."""
    ctx, path = live
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.open(str(path).encode(), os.O_RDONLY)  # what a C library in the process (Qt, GTK) does
    assert fd >= 0
    libc.close(fd)
    _then_another_process_connects(path)
    with pytest.raises(StorageUnavailable):
        _register(ctx, "2.0.0")
    with pytest.raises(StorageUnavailable):
        Database(f"sqlite:///{path}", create=False)
    fresh = _admin(path, "audit", "verify")
    assert fresh.returncode == 0, fresh.stderr  # another process is fine


def test_locks_lost_before_anyone_deletes_anything_are_detected_at_the_next_write(live):
    """Linux: /proc/locks shows this process's SQLite locks gone right after the stray close();
    the next write is refused before another process could delete or interleave anything."""
    ctx, path = live
    if ctx.db._live.lock_inodes is None:
        pytest.skip("/proc/locks does not show the locks under stat()'s inode numbers on this file system")
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.open(str(path).encode(), os.O_RDONLY)
    libc.close(fd)
    with pytest.raises(StorageUnavailable) as refused:
        _register(ctx, "2.0.0")
    assert "锁被意外释放" in refused.value.message("zh_CN")
    assert _count_elsewhere(path, "pkg") == 1


# ------------------------------------------------------------------------------------------
# Layer a: the app's file dialogs never open a file to name it
# ------------------------------------------------------------------------------------------

def test_the_apps_dialog_alone_keeps_the_locks(live, qtbot):
    """files.dialog without help from the audit hook (Qt's opens are not Python's): browsing
    the folder keeps SQLite's locks, so another process's disconnect deletes nothing."""
    ctx, path = live
    dlg = files.dialog(None, "选择数据库文件", str(path.parent), database=True)
    listed = _browse(qtbot, dlg, path.parent)
    assert "relgui.db" in listed and not {"relgui.db-wal", "relgui.db-shm"} & set(listed)
    _then_another_process_connects(path)
    _assert_nothing_lost(ctx, path)


def test_type_names_come_from_the_name(qtbot, tmp_path):
    from PySide6.QtCore import QFileInfo

    provider = files.NameOnlyIconProvider()
    (tmp_path / "a.PDF").write_bytes(b"%PDF")
    (tmp_path / "noext").write_bytes(b"x")
    assert "PDF" in provider.type(QFileInfo(str(tmp_path / "a.PDF")))
    assert provider.type(QFileInfo(str(tmp_path / "noext")))
    assert provider.type(QFileInfo(str(tmp_path))) != provider.type(QFileInfo(str(tmp_path / "noext")))
    assert not provider.icon(QFileInfo(str(tmp_path / "a.PDF"))).isNull()


def test_a_live_database_file_chosen_in_a_dialog_is_refused_in_words(live, qtbot, monkeypatch):
    from gui_support import Told
    from PySide6.QtWidgets import QDialog

    ctx, path = live
    told = Told(monkeypatch)
    monkeypatch.setattr(QDialog, "exec", lambda self: 1)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [f"{path}-wal"])
    assert files.get_open_file_name(None, "选择软件包", str(path.parent)) == ("", "")
    assert "正在使用的数据库文件" in told.texts[-1]
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(path)])
    assert files.get_save_file_name(None, "导出 PDF", str(path.parent)) == ("", "")  # Qt would overwrite it
    assert files.get_save_file_name(None, "选择数据库文件", str(path), database=True)[0] == str(path)


def test_no_file_dialog_is_made_outside_files_py():
    """Every QFileDialog of the app comes from relgui/gui/files.py (a guard for new code)."""
    offenders = []
    for source in (ROOT / "relgui").rglob("*.py"):
        if source.name == "files.py" or "forms" in source.parts:
            continue
        text = source.read_text("utf-8")
        if re.search(r"\bQFileDialog\b|\bQFileSystemModel\b|\bQFileIconProvider\b", text):
            offenders.append(str(source.relative_to(ROOT)))
    assert offenders == []


# ------------------------------------------------------------------------------------------
# Layer b: no Python-level open, copy, rename or removal of the live files
# ------------------------------------------------------------------------------------------

def test_python_cannot_open_copy_replace_or_remove_the_live_files(live, tmp_path):
    ctx, path = live
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    hard = tmp_path / "hard-link.bin"
    os.link(path, hard)
    soft = tmp_path / "soft-link.bin"
    soft.symlink_to(shm)
    attempts = [lambda: open(path, "rb"), lambda: path.read_bytes(), lambda: open(wal, "rb"),
                lambda: os.open(str(shm), os.O_RDONLY), lambda: open(hard, "rb"), lambda: soft.read_bytes(),
                lambda: open(os.fsencode(path), "rb"), lambda: shutil.copy(path, tmp_path / "copy.db"),
                lambda: os.replace(tmp_path / "x", path), lambda: os.remove(wal),
                lambda: open(f"{path}-journal", "wb"), lambda: os.truncate(path, 0)]
    (tmp_path / "x").write_bytes(b"x")
    for i, attempt in enumerate(attempts):
        with pytest.raises(LiveDatabaseFile, match="正在使用") as refused:
            print(i)
            attempt()
        assert isinstance(refused.value, PermissionError) and "正在使用的数据库文件" in str(refused.value)
    assert not Path(f"{path}-journal").exists()
    _then_another_process_connects(path)
    _assert_nothing_lost(ctx, path)


def test_backup_onto_the_database_itself_is_refused_and_the_database_stays(live):
    ctx, path = live
    with pytest.raises(RelguiError):
        backup.backup(ctx, path)
    _then_another_process_connects(path)
    _assert_nothing_lost(ctx, path)


def test_other_files_open_as_before_and_the_guard_ends_with_the_database(sqlite_template, tmp_path):
    template, _ = sqlite_template
    path = tmp_path / "relgui.db"
    shutil.copy(template, path)
    (tmp_path / "relgui.db.txt").write_text("notes")
    db = Database(f"sqlite:///{path}", create=False)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("select 1")
    assert (tmp_path / "relgui.db.txt").read_text() == "notes"
    with pytest.raises(LiveDatabaseFile):
        path.read_bytes()
    db.dispose()
    assert path.read_bytes().startswith(b"SQLite format 3")  # closed: an ordinary file again


def test_the_hook_costs_little(live, tmp_path):
    """Every Python open() in the process pays a stat() while a SQLite database is open."""
    import time

    target = tmp_path / "plain.txt"
    target.write_text("x")
    started = time.perf_counter()
    for _ in range(2000):
        with open(target, "rb"):
            pass
    per_open = (time.perf_counter() - started) / 2000
    assert per_open < 0.002, per_open
