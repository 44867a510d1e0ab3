"""Opening a database never creates one by accident; SQLite on a network mount is refused.

A mistyped ``--db`` made an empty database (with its folders) and ``audit verify`` on it said
"intact: 0 events". Now relgui-admin, RELGUI_DB and ``relgui --db`` refuse a missing or
empty file, a file that is not SQLite and another program's SQLite database, each naming the
path in one line, and change nothing; only ``init`` (and ``restore``, which fills a new
database), the GUI's first run of the per-user database and its "create new database" choice
create one. Real files, real relgui-admin and relgui subprocesses.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from relgui.domain.errors import StorageUnavailable
from relgui.services.database import open_database
from relgui.store import engine
from relgui.store.engine import Database, is_network_path


def _admin(*args: str, env: dict | None = None, home: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "RELGUI_DB"}
    if home is not None:
        environment["RELGUI_HOME"] = str(home)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "relgui.cli.main", *args], capture_output=True, text=True,
                          timeout=120, env=environment, input=stdin)


BOSS_PASSWORD = "first-admin-pw-7"
FIRST_ADMIN = ("init", "--admin", "boss", "--name", "老板", "--password-stdin")  # the password: stdin's line
AS_BOSS = ("--user", "boss", "--password-stdin")


def _one_line(result: subprocess.CompletedProcess, code: int, *needles: str) -> str:
    err = result.stderr.strip()
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


def _nothing_but_the_log(home: Path) -> bool:
    """Nothing was created but relgui-admin's own log folder (which records the refused command)."""
    made = sorted(p.name for p in home.iterdir())
    if made == ["logs"]:
        assert all(p.suffix.startswith(".log") for p in (home / "logs").iterdir())
        return True
    return made == []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------------------
# relgui-admin
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["audit", "verify"], ["user", "list"], ["release", "list"], ["demo"],
                                     ["backup", "{tmp}/out.zip"]])
def test_a_mistyped_db_path_is_refused_naming_it_and_nothing_is_created(tmp_path, command):
    command = [c.format(tmp=tmp_path) for c in command]
    typo = tmp_path / "relgiu" / "data" / "relgui.db"
    err = _one_line(_admin("--db", str(typo), *command, home=tmp_path), 3, str(typo), "找不到数据库文件", "没有新建")
    assert "init" in err
    assert _nothing_but_the_log(tmp_path)


def test_relgui_db_in_the_environment_and_english(tmp_path):
    typo = tmp_path / "nope.db"
    _one_line(_admin("--lang", "en", "audit", "verify", env={"RELGUI_DB": str(typo)}, home=tmp_path), 3,
              str(typo), "There is no database file", "nothing was created")
    assert not typo.exists()


def test_the_default_per_user_database_is_not_created_by_a_command_either(tmp_path):
    _one_line(_admin("audit", "verify", home=tmp_path), 3, str(tmp_path / "relgui.db"))
    assert _nothing_but_the_log(tmp_path)


def test_init_creates_it_with_its_folders_and_then_everything_works(tmp_path):
    db = tmp_path / "新建" / "子目录" / "relgui.db"
    made = _admin("--db", str(db), *FIRST_ADMIN, "--company", "北京新都远景网络技术有限公司", stdin=BOSS_PASSWORD)
    assert made.returncode == 0 and "数据库就绪" in made.stdout, made.stderr
    verified = _admin("--db", str(db), *AS_BOSS, "audit", "verify", stdin=BOSS_PASSWORD)
    assert verified.returncode == 0 and "head" in verified.stdout
    again = _admin("--db", str(db), "init")  # init on an existing relgui database: fine, nothing new
    assert again.returncode == 0, again.stderr


def test_restore_fills_a_new_file_the_user_names(tmp_path):
    source = tmp_path / "a.db"
    assert _admin("--db", str(source), *FIRST_ADMIN, stdin=BOSS_PASSWORD).returncode == 0
    assert _admin("--db", str(source), *AS_BOSS, "backup", str(tmp_path / "b.zip"), stdin=BOSS_PASSWORD).returncode == 0
    target = tmp_path / "restored" / "b.db"
    restored = _admin("--db", str(target), "restore", str(tmp_path / "b.zip"))  # no account there: no login
    assert restored.returncode == 0, restored.stderr
    assert _admin("--db", str(target), *AS_BOSS, "audit", "verify", stdin=BOSS_PASSWORD).returncode == 0


@pytest.mark.parametrize("kind", ["text", "empty", "foreign", "folder", "wal"])
def test_a_file_that_is_no_relgui_database_gets_one_line_and_stays_as_it_was(tmp_path, kind):
    target = tmp_path / {"text": "notes.txt", "empty": "empty.db", "foreign": "places.sqlite", "folder": "dir",
                         "wal": "relgui.db-wal"}[kind]
    if kind == "text":
        target.write_text("发布计划备忘\n", "utf-8")
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "foreign":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.commit()
        conn.close()
    elif kind == "folder":
        target.mkdir()
    else:
        target.write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    before = None if kind == "folder" else _digest(target)
    needle = {"text": "不是 SQLite 数据库文件", "empty": "还不是 relgui 数据库", "foreign": "其他程序的 SQLite 数据库",
              "folder": "不是 SQLite 数据库文件", "wal": "日志文件"}[kind]
    for command in (["audit", "verify"], ["init"]) if kind == "foreign" else (["audit", "verify"],):
        _one_line(_admin("--db", str(target), *command), 3, str(target), needle)
    if before is not None:
        assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no -wal, -shm or journal left


def test_an_empty_file_becomes_a_database_only_with_init(tmp_path):
    target = tmp_path / "empty.db"
    target.write_bytes(b"")
    assert _admin("--db", str(target), *FIRST_ADMIN, stdin=BOSS_PASSWORD).returncode == 0
    assert _admin("--db", str(target), *AS_BOSS, "audit", "verify", stdin=BOSS_PASSWORD).returncode == 0


# ------------------------------------------------------------------------------------------
# the services and the GUI
# ------------------------------------------------------------------------------------------

def test_open_database_refuses_in_process_and_leaves_no_file(tmp_path):
    missing = tmp_path / "x" / "y.db"
    with pytest.raises(StorageUnavailable) as refused:
        open_database(str(missing), create=False)
    assert str(missing) in refused.value.message("en") and not (tmp_path / "x").exists()
    with pytest.raises(StorageUnavailable):
        Database(f"sqlite:///{missing}", create=False)
    db = open_database(str(missing), create=True)
    db.dispose()
    assert missing.exists()


def _gui(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "RELGUI_DB"}, "QT_QPA_PLATFORM": "offscreen",
           "RELGUI_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "relgui.gui.main", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_relgui_with_a_mistyped_db_says_so_and_creates_nothing(tmp_path):
    typo = tmp_path / "typo" / "relgui.db"
    result = _gui("--db", str(typo), "--exit-when-ready", "--settings", str(tmp_path / "s.ini"), home=tmp_path)
    assert result.returncode == 1 and str(typo) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "typo").exists() and not (tmp_path / "relgui.db").exists()


def _startup(tmp_path, db: Path | None):
    from PySide6.QtWidgets import QApplication

    from relgui.gui.startup import Startup

    args = argparse.Namespace(db=str(db) if db else None, lang="zh_CN", user=None, password_stdin=False,
                              settings=str(tmp_path / "s.ini"), exit_when_ready=False, no_crash_dialog=True)
    return Startup(QApplication.instance() or QApplication([]), args)


def test_the_gui_offers_to_create_the_missing_database_and_creates_it_only_when_chosen(tmp_path, monkeypatch, qtbot):
    from relgui.gui.startup import Startup

    missing = tmp_path / "新的" / "relgui.db"
    asked = []
    monkeypatch.setattr(Startup, "offer_create", lambda self, exc: asked.append(exc.message("zh_CN")) or "quit")
    assert _startup(tmp_path, missing).open_database() is None
    assert str(missing) in asked[0] and not missing.parent.exists()
    monkeypatch.setattr(Startup, "offer_create", lambda self, exc: "create")
    ctx = _startup(tmp_path, missing).open_database()
    try:
        assert ctx is not None and missing.exists() and ctx.db.describe().endswith(str(missing))
    finally:
        ctx.db.dispose()


def test_the_gui_creates_the_per_user_database_on_first_run(tmp_path, monkeypatch, qtbot):
    from relgui.gui.startup import Startup

    monkeypatch.setenv("RELGUI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RELGUI_DB", raising=False)
    monkeypatch.setattr(Startup, "offer_create", lambda self, exc: pytest.fail("first run must not ask"))
    ctx = _startup(tmp_path, None).open_database()
    try:
        assert (tmp_path / "home" / "relgui.db").exists()
    finally:
        ctx.db.dispose()


# ------------------------------------------------------------------------------------------
# network paths (the one fake: a mount table, since no FUSE mount can be made here)
# ------------------------------------------------------------------------------------------

MOUNT_TABLE = """\
/dev/sda2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
fileserver:/export /mnt/nfs nfs4 rw,relatime,vers=4.2 0 0
//nas/share /mnt/smb cifs rw,relatime 0 0
user@host:/home/user /mnt/sshfs fuse.sshfs rw,nosuid,nodev,user_id=1000 0 0
gdrive: /mnt/rclone fuse.rclone rw,nosuid,nodev,user_id=1000 0 0
s3fs /mnt/s3 fuse.s3fs rw,nosuid,nodev,allow_other 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev,user_id=1000 0 0
g1:/gv0 /mnt/gluster fuse.glusterfs rw,relatime,allow_other 0 0
g1:/gv1 /mnt/gluster-kernel glusterfs rw,relatime 0 0
ceph-fuse /mnt/cephfuse fuse.ceph-fuse rw,nosuid,nodev 0 0
10.0.0.1:6789:/ /mnt/ceph ceph rw,relatime,name=admin 0 0
ceph /mnt/ceph-fuse-generic fuse.ceph rw 0 0
/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime 0 0
JuiceFS:vol /mnt/juicefs fuse.juicefs rw,relatime 0 0
bucket /mnt/gcs fuse.gcsfuse rw,nosuid,nodev 0 0
//nas/share2 /mnt/with\\040space cifs rw 0 0
/dev/sdc1 /mnt/usb fuseblk rw,nosuid,nodev 0 0
mergerfs /mnt/pool fuse.mergerfs rw,relatime 0 0
/dev/sdd1 /mnt/nfs/local-disk ext4 rw 0 0
overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0
"""

NETWORK = ["/mnt/nfs", "/mnt/smb", "/mnt/sshfs", "/mnt/rclone", "/mnt/s3", "/run/user/1000/gvfs/smb-share:server=nas",
           "/mnt/gluster", "/mnt/gluster-kernel", "/mnt/cephfuse", "/mnt/ceph", "/mnt/ceph-fuse-generic",
           "/mnt/ocfs2", "/mnt/juicefs", "/mnt/gcs", "/mnt/with space"]
LOCAL = ["/home/user", "/tmp", "/mnt/usb", "/mnt/pool", "/mnt/nfs/local-disk", "/var/lib/docker/overlay2/x/merged",
         "/mnt/nfsother", "/mnt/smb2"]


@pytest.fixture
def mounts(tmp_path):
    table = tmp_path / "mounts"
    table.write_text(MOUNT_TABLE)
    return table


@pytest.mark.parametrize("folder", NETWORK)
def test_network_and_fuse_network_mounts_are_recognised(mounts, folder):
    why = is_network_path(Path(folder) / "relgui.db", mounts=mounts)
    assert why is not None and why.endswith(folder.split("/smb-share")[0])


@pytest.mark.parametrize("folder", LOCAL)
def test_local_mounts_are_not(mounts, folder):
    assert is_network_path(Path(folder) / "relgui.db", mounts=mounts) is None


def test_a_database_on_a_fuse_mount_is_refused_with_advice(mounts, monkeypatch, tmp_path):
    """The mount table Database reads is the module's MOUNTS; here it says tmp_path is sshfs."""
    table = tmp_path / "mounts-here"
    table.write_text(MOUNT_TABLE + f"me@host:/srv {tmp_path} fuse.sshfs rw 0 0\n")
    monkeypatch.setattr(engine, "MOUNTS", str(table))
    with pytest.raises(StorageUnavailable) as refused:
        open_database(str(tmp_path / "relgui.db"))
    assert "fuse.sshfs" in refused.value.message("zh_CN") and "PostgreSQL" in refused.value.message("zh_CN")
    assert not (tmp_path / "relgui.db").exists()
