"""Opening databases: SQLite settings, network paths refused, URLs understood."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from relgui.domain.errors import InvalidInput, StorageUnavailable
from relgui.store import engine
from relgui.store.engine import Database, normalise_url


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(sqlite_world):
    with sqlite_world.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


@pytest.mark.parametrize("path", ["//fileserver/share/relgui.db", "\\\\fileserver\\share\\relgui.db"])
def test_sqlite_on_a_network_path_is_refused_with_advice(path, tmp_path):
    for given in (f"sqlite:///{path}", path):  # as a URL and as a plain path (--db, settings)
        with pytest.raises(StorageUnavailable) as exc:
            Database(given)
    assert not Path(tmp_path.anchor, "fileserver").exists()  # no local look-alike folder was made
    assert "PostgreSQL" in exc.value.message("zh_CN") and "网络路径" in exc.value.message("zh_CN")


def test_network_mounts_are_recognised(monkeypatch, tmp_path):
    monkeypatch.setattr(engine, "_mount_fs_type", lambda p: "cifs: /mnt/share")
    assert engine.is_network_path(tmp_path / "x.db") == "cifs: /mnt/share"


def test_urls_and_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("RELGUI_HOME", str(tmp_path))
    assert normalise_url(None).database == str(tmp_path / "relgui.db")
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url(str(tmp_path / "a.db")).database == str(tmp_path / "a.db")
    for bad in ("mysql://x/y", "sqlite://", "sqlite:///:memory:"):
        with pytest.raises(InvalidInput):
            normalise_url(bad)


def test_describe_names_the_database(sqlite_world, world):
    assert sqlite_world.db.describe().startswith("SQLite: ")
    assert world.db.describe().split(":")[0] in ("SQLite", "PostgreSQL")


def test_portable_mode_keeps_data_beside_the_executable(tmp_path, monkeypatch):
    """A file named 'portable' next to the frozen relgui.exe: data and settings stay beside it."""
    import sys

    monkeypatch.delenv("RELGUI_HOME", raising=False)
    exe = tmp_path / "relgui" / "relgui.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert engine.data_dir() != exe.parent / "data"
    (exe.parent / "portable").write_text("")
    assert engine.data_dir() == exe.parent / "data"
