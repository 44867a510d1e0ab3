"""Backup and restore: proven by counts, checksums and the audit chain; across backends."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from relgui.domain.errors import InvalidInput
from relgui.services import auditing, backup, demo, details, register
from relgui.services.context import AppContext
from relgui.services.database import open_database
from relgui.services.register import RegisterQuery


@pytest.fixture
def source(world, tmp_path):
    demo.generate(world.ctx(), releases=60, seed=5)
    report = backup.backup(world.ctx(), tmp_path / "b.zip")
    return world, report, tmp_path / "b.zip"


def test_restore_into_an_empty_sqlite_database_matches_the_source(source, tmp_path):
    world, report, path = source
    target = AppContext(db=open_database(f"sqlite:///{tmp_path / 'restored.db'}"))
    restored = backup.restore(target, path)
    assert restored.tables == report.tables
    assert restored.audit_head == report.audit_head
    assert auditing.verify(target).ok
    number = register.page(world.ctx(), RegisterQuery(statuses=("closed",), limit=1)).rows[0].number
    a, b = details.show(world.ctx(), number), details.show(target, number)
    assert a["signatures"] == b["signatures"] and a["plan"] == b["plan"]
    target.db.dispose()


def test_restore_into_postgresql(source, pg_server, pg_template):
    """A local SQLite file moves to a shared server (and back) by backup and restore."""
    from sqlalchemy import text

    admin, _ = pg_template
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS restore_target WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE restore_target"))
    world, report, path = source
    target = AppContext(db=open_database(pg_server.url("restore_target")))
    try:
        restored = backup.restore(target, path)
        assert restored.tables == report.tables and auditing.verify(target).ok
        from relgui.services import releases

        releases.create(target, title="恢复后新建", type="normal")  # sequences continue past restored ids
    finally:
        target.db.dispose()


def test_restore_refuses_a_database_that_holds_data(source):
    world, _, path = source
    with pytest.raises(InvalidInput) as exc:
        backup.restore(world.ctx(), path)
    assert "not empty" in exc.value.message("en")


def test_restore_refuses_a_corrupted_backup(source, tmp_path):
    world, _, path = source
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "tables/releases.jsonl":
                data = data.replace("已关闭".encode(), "已篡改".encode(), 1) + b"\n"
                data = data.replace(b'"closed"', b'"planning"', 1)
            dst.writestr(item, data)
    target = AppContext(db=open_database(f"sqlite:///{tmp_path / 't.db'}"))
    with pytest.raises(InvalidInput) as exc:
        backup.restore(target, bad)
    assert "checksum of releases" in exc.value.message("en")
    assert register.page(target, RegisterQuery(limit=1)).total == 0  # nothing half-restored
    target.db.dispose()


def test_not_a_backup_is_refused(tmp_path, sqlite_world):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput):
        backup.restore(sqlite_world.ctx(), junk)
    shutil.make_archive(str(tmp_path / "empty"), "zip", tmp_path / ".")
    with pytest.raises(InvalidInput):
        backup.restore(sqlite_world.ctx(), tmp_path / "empty.zip")
