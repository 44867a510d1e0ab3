"""`audit verify` with worker processes (relgui.store.rowhash) finds exactly what one process finds,
and what it reports is one snapshot even when someone writes while it reads.

Real worker processes (spawn, as on Windows and in the frozen build) on a real SQLite file; the
rows are damaged behind the app through the schema owner's engine, committed, so the workers see
them.
"""

from __future__ import annotations

from flows import release_at
from sqlalchemy import text

from relgui import demo
from relgui.domain.states import Status
from relgui.services import auditing
from relgui.store import evidence, rowhash


def _findings(report) -> list[dict]:
    return [f.as_dict() for f in report.findings]


def test_workers_find_exactly_what_one_process_finds(sqlite_world):
    world = sqlite_world
    demo.generate(world.ctx(), releases=40, seed=3)
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE checklist_entries SET evidence = evidence || '（改）' WHERE id % 7 = 0"))
        conn.execute(text("UPDATE releases SET title = '改过的标题' WHERE id IN (3, 17, 38)"))
        conn.execute(text("DELETE FROM step_records WHERE id IN (SELECT id FROM step_records ORDER BY id LIMIT 1 OFFSET 20)"))
        conn.execute(text("DELETE FROM release_changes WHERE rowid IN (SELECT rowid FROM release_changes LIMIT 1)"))
        conn.execute(text("INSERT INTO observations (release_id, at, kind, text, recorded_by_id) "
                          "SELECT release_id, at, kind, '凭空插入', recorded_by_id FROM observations LIMIT 1"))
    one_chain, one = auditing.verify_all(world.ctx(), limit=10 ** 6, workers=0)
    assert one_chain.ok
    problems = {f.problem for f in one.findings}
    assert {"changed", "deleted", "no_event"} <= problems, problems
    assert len(one.findings) > 20
    for workers in (1, 2):
        chain, many = auditing.verify_all(world.ctx(), limit=10 ** 6, workers=workers)
        assert chain == one_chain
        assert many.checked == one.checked
        assert many.by_table == one.by_table
        assert _findings(many) == _findings(one)  # the same findings, in the same order


def test_the_parts_of_a_table_cover_every_row(sqlite_world):
    """Cut into ranges of 7 keys, a table's parts hold each row once, in key order — and a row
    whose key SQLite holds as text (inserted by hand) is in the last part, not lost."""
    world = sqlite_world
    demo.generate(world.ctx(), releases=20, seed=4)
    with world.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # rolled back below: never committed
        conn.execute(text("INSERT INTO release_changes (release_id, change_id) VALUES ('x', 1)"))
        raw = conn.connection.driver_connection
        whole = rowhash.hash_part(raw, evidence.sqlite_parts(conn, ("release_changes",))[0][0])
        parts, _ = evidence.sqlite_parts(conn, ("release_changes",), rows=7)
        assert len(parts) > 3
        keys, hashes = [], []
        for p in parts:
            k, h = rowhash.hash_part(raw, p)
            keys += k
            hashes += h
        assert (keys, hashes) == whole
        assert keys[-1] == "release_changes:x,1"
        conn.rollback()


def test_a_write_while_workers_read_is_not_seen(sqlite_world):
    """The caller's transaction starts first; a release is then created through relgui; the
    workers read at the new chain head, so their parts are read again in the caller's snapshot."""
    world = sqlite_world
    demo.generate(world.ctx(), releases=20, seed=5)
    with world.db.engine.connect() as conn:
        head = tuple(conn.exec_driver_sql(rowhash.HEAD_SQL).first())  # the snapshot starts here
        raw = conn.connection.driver_connection
        parts, _ = evidence.sqlite_parts(conn, ("releases", "signatures"), rows=5)
        before = [rowhash.hash_part(raw, p) for p in parts]
        release_at(world, Status.REQUESTED)  # another session writes meanwhile
        hasher = rowhash.Hasher(world.db.sqlite_uri.replace("mode=rw", "mode=ro"), parts, 2)
        assert hasher.used_workers == 2
        assert hasher.results(raw, head) == before
    with world.db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        now = [rowhash.hash_part(raw, p) for p in evidence.sqlite_parts(conn, ("releases", "signatures"), rows=5)[0]]
    assert sum(len(k) for k, _ in now) > sum(len(k) for k, _ in before)


def test_no_worker_process_means_this_process_does_it_all(sqlite_world):
    world = sqlite_world
    demo.generate(world.ctx(), releases=10, seed=6)
    with world.db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        head = tuple(conn.exec_driver_sql(rowhash.HEAD_SQL).first())
        parts, _ = evidence.sqlite_parts(conn, rows=3)
        alone = rowhash.Hasher(None, parts, 0)
        assert alone.used_workers == 0
        mine = alone.results(raw, head)
        broken = rowhash.Hasher("file:/nonexistent/relgui.db?mode=ro", parts, 1)  # workers cannot read it
        assert broken.results(raw, head) == mine


def test_workers_is_checked(sqlite_world):
    import pytest

    from relgui.domain.errors import InvalidInput

    for bad in (-1, "2", True, 1000):
        with pytest.raises(InvalidInput):
            auditing.verify_all(sqlite_world.ctx(), workers=bad)
