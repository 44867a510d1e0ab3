"""Backup and restore: proven by counts, checksums and the audit chain; across backends.

A restore is all or nothing: everything the backup claims (checksums, row counts, the audit
chain up to its head) is verified inside the transaction, before the commit; a refused
restore leaves an empty database empty. Bad input of every kind is a message in the user's
language, never a traceback: the crafted zips below, and random damage (hypothesis).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from empty_db import EmptyDatabases, empty_ctx, empty_dbs, empty_pg_template, empty_sqlite_template, is_empty  # noqa: F401
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgui import demo
from relgui.domain.errors import InvalidInput
from relgui.services import auditing, backup, details, register
from relgui.services.context import AppContext
from relgui.services.database import open_database
from relgui.services.register import RegisterQuery
from relgui.store import schema
from relgui.store.engine import Database


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
    a, b = details.show_json(world.ctx(), number), details.show_json(target, number)
    assert a["signatures"] == b["signatures"] and a["plan"] == b["plan"]
    target.db.dispose()


def test_restore_into_postgresql(source, pg_server, pg_template):
    """A local SQLite file moves to a shared server (and back) by backup and restore."""
    from sqlalchemy import text

    admin, _ = pg_template
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS restore_target WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE restore_target"))
    from conftest import OWNER_ROLE, WORKSTATION_LOGIN, WORKSTATION_ROLE
    from sqlalchemy import create_engine

    from relgui.store import pgroles

    engine = create_engine(pg_server.url("restore_target"))  # set up as relgui-admin init does
    assert pgroles.setup(engine, owner=OWNER_ROLE, workstation=WORKSTATION_ROLE).ok
    engine.dispose()
    world, report, path = source  # restored by a workstation
    target = AppContext(db=open_database(pg_server.url("restore_target", user=WORKSTATION_LOGIN)))
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
    assert exc.value.refusals[0].code == "restore_not_empty"
    assert "60 个发布" in exc.value.message("zh_CN") and "nothing was changed" in exc.value.message("en")


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
    assert "releases" in exc.value.message("en") and "checksum" in exc.value.message("en")
    assert register.page(target, RegisterQuery(limit=1)).total == 0  # nothing half-restored
    target.db.dispose()


def test_not_a_backup_is_refused(tmp_path, sqlite_world):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput):
        backup.restore(sqlite_world.ctx(), junk)
    (tmp_path / "some folder").mkdir()
    (tmp_path / "some folder" / "notes.txt").write_text("not a backup")
    shutil.make_archive(str(tmp_path / "empty"), "zip", tmp_path / "some folder")
    with pytest.raises(InvalidInput):
        backup.restore(sqlite_world.ctx(), tmp_path / "empty.zip")


# --------------------------------------------------------------------------- all or nothing

@pytest.fixture(scope="module")
def good_backup(sqlite_template, tmp_path_factory) -> Path:
    """One small, valid backup (demo data on the seeded template), made once for the module."""
    template, _ = sqlite_template
    folder = tmp_path_factory.mktemp("good_backup")
    shutil.copy(template, folder / "source.db")
    db = Database(f"sqlite:///{folder / 'source.db'}")
    ctx = AppContext(db=db)
    demo.generate(ctx, releases=12, seed=3)
    backup.backup(ctx, folder / "good.zip")
    db.dispose()
    return folder / "good.zip"


def _read(path: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        members = {i.filename: zf.read(i) for i in zf.infolist() if i.filename != "manifest.json"}
    return manifest, members


def _rows(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()]


def _lines(rows: list) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True).encode() + b"\n" for r in rows)


def _reseal(manifest: dict, members: dict[str, bytes]) -> None:
    """What a careful forger does: checksums and counts made to fit the altered data."""
    for name, meta in manifest["tables"].items():
        data = members.get(f"tables/{name}.jsonl", b"")
        meta["sha256"] = hashlib.sha256(data).hexdigest()
        meta["rows"] = len(data.splitlines())


def _write(out: Path, manifest: dict | bytes | None, members: dict[str, bytes] | list[tuple[str, bytes]]) -> None:
    items = list(members.items()) if isinstance(members, dict) else members
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
        if manifest is not None:
            zf.writestr("manifest.json", manifest if isinstance(manifest, bytes) else json.dumps(manifest))


def forge(table: str | None = None, edit: Callable[[list], list] | None = None, *,
          manifest: Callable[[dict], None] | None = None, reseal: bool = True) -> Callable[[Path, Path], None]:
    """A crafted backup: rows of one table edited, then (by default) checksums made to fit."""
    def make(good: Path, out: Path) -> None:
        m, members = _read(good)
        if table is not None:
            key = f"tables/{table}.jsonl"
            members[key] = _lines(edit(_rows(members[key])))
        if reseal:
            _reseal(m, members)
        if manifest is not None:
            manifest(m)
        _write(out, m, members)
    return make


def raw(edit: Callable[[dict, dict[str, bytes]], tuple]) -> Callable[[Path, Path], None]:
    """A crafted zip: the manifest and members edited freely; edit returns (manifest, members)."""
    def make(good: Path, out: Path) -> None:
        m, members = _read(good)
        _write(out, *edit(m, members))
    return make


def patch_bytes(edit: Callable[[bytes], bytes]) -> Callable[[Path, Path], None]:
    def make(good: Path, out: Path) -> None:
        out.write_bytes(edit(good.read_bytes()))
    return make


def _central(data: bytes, name: str) -> int:
    """Offset of the central directory entry of ``name`` (read from the end-of-directory record)."""
    end = data.rindex(b"PK\x05\x06")
    count, _, at = struct.unpack_from("<HII", data, end + 10)
    for _ in range(count):
        n, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46:at + 46 + n].decode() == name:
            return at
        at += 46 + n + extra + comment
    raise KeyError(name)


def central(name: str, offset: int, fmt: str, value: Callable[[int], int]) -> Callable[[Path, Path], None]:
    """A zip whose central directory says something else about one member: sizes, method, flags."""
    def edit(data: bytes) -> bytes:
        buf = bytearray(data)
        at = _central(data, name) + offset
        struct.pack_into(fmt, buf, at, value(struct.unpack_from(fmt, buf, at)[0]))
        return bytes(buf)
    return patch_bytes(edit)


def _local_data(data: bytes, name: str) -> tuple[int, int]:
    """(offset, length) of one member's compressed data."""
    at = _central(data, name)
    csize, = struct.unpack_from("<I", data, at + 20)
    local, = struct.unpack_from("<I", data, at + 42)
    n, extra = struct.unpack_from("<HH", data, local + 26)
    return local + 30 + n + extra, csize


def _garble(data: bytes) -> bytes:
    start, length = _local_data(data, "tables/releases.jsonl")
    buf = bytearray(data)
    for i in range(start + length // 3, start + length // 3 + 40):
        buf[i] ^= 0x5A
    return bytes(buf)


def _bomb(m, members):
    zeros = b"0" * (64 << 20)  # 64 MiB of one byte: deflates about 1000 to 1
    members["tables/releases.jsonl"] = zeros
    return m, members


def _set(table: str, column: str, value, row: int = 0) -> Callable[[list], list]:
    def edit(rows):
        rows[row][column] = value
        return rows
    return edit


def _flip(column: str, to: dict, wanted) -> Callable[[list], list]:
    """The first row whose ``column`` is ``wanted`` gets the value an insider would prefer."""
    def edit(rows):
        row = next(r for r in rows if r[column] == wanted)
        row[column] = to[wanted]
        return rows
    return edit


def _event(seq: int, **changes) -> Callable[[list], list]:
    def edit(rows):
        for r in rows:
            if r["seq"] == seq:
                r.update(changes)
        return rows
    return edit


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, Path], None]
    code: str
    reaches_db: bool = False  # refused inside the transaction (run on both databases)


def _raw_lines(table: str, edit: Callable[[bytes], bytes]) -> Callable[[Path, Path], None]:
    def make(good: Path, out: Path) -> None:
        m, members = _read(good)
        key = f"tables/{table}.jsonl"
        members[key] = edit(members[key])
        _reseal(m, members)
        _write(out, m, members)
    return make


def _manifest_edit(fn: Callable[[dict], None]) -> Callable[[Path, Path], None]:
    return forge(manifest=fn, reseal=False)


def _drop(name: str):
    return raw(lambda m, members: (None if name == "manifest.json" else m,
                                   {k: v for k, v in members.items() if k != name}))


def _add(name: str, data: bytes = b"x"):
    return raw(lambda m, members: (m, [*members.items(), (name, data)]))


def _schema(value):
    def edit(m):
        m["schema"] = value
    return edit


CASES = [
    # not a backup at all, or a damaged zip
    Case("not a zip", patch_bytes(lambda d: b"%PDF-1.7 this is no zip file" * 10), "backup_not_zip"),
    Case("empty file", patch_bytes(lambda d: b""), "backup_not_zip"),
    Case("truncated in half", patch_bytes(lambda d: d[: len(d) // 2]), "backup_damaged"),
    Case("last bytes cut", patch_bytes(lambda d: d[:-30]), "backup_damaged"),
    Case("compressed data garbled (zlib error)", patch_bytes(_garble), "backup_damaged"),
    Case("declared size smaller than the data", central("tables/releases.jsonl", 24, "<I", lambda v: v // 2), "backup_damaged"),
    Case("declared compressed size beyond the file", central("tables/users.jsonl", 20, "<I", lambda v: 0x7FFFFFFF), "backup_damaged"),
    Case("unknown compression method", central("tables/users.jsonl", 10, "<H", lambda v: 99), "backup_damaged"),
    Case("encrypted member", central("tables/users.jsonl", 8, "<H", lambda v: v | 1), "backup_damaged"),
    Case("CRC wrong", central("tables/releases.jsonl", 16, "<I", lambda v: v ^ 0xFFFF), "backup_damaged"),
    # members
    Case("manifest missing", _drop("manifest.json"), "backup_missing_member"),
    Case("table member missing", _drop("tables/releases.jsonl"), "backup_missing_member"),
    Case("path traversal", _add("../../../tmp/evil.sh"), "backup_unsafe_name"),
    Case("absolute path", _add("/etc/cron.d/evil"), "backup_unsafe_name"),
    Case("windows traversal", _add("tables\\..\\..\\evil.bat"), "backup_unsafe_name"),
    Case("drive letter", _add("C:/Windows/evil.dll"), "backup_unsafe_name"),
    Case("duplicate member", raw(lambda m, mem: (m, [*mem.items(), ("tables/users.jsonl", mem["tables/users.jsonl"])])),
         "backup_duplicate_member"),
    Case("unknown member", _add("tables/extra.jsonl"), "backup_unknown_member"),
    Case("zip bomb (64 MiB of zeros)", raw(_bomb), "backup_too_large"),
    Case("declared 4 GiB member", central("tables/users.jsonl", 24, "<I", lambda v: 0xFFFFFFF0), "backup_too_large"),
    Case("manifest over 1 MiB", raw(lambda m, mem: ({**m, "padding": "x" * (2 << 20)}, mem)), "backup_too_large"),
    # the manifest
    Case("manifest not JSON", raw(lambda m, mem: (b"{not json", mem)), "backup_manifest"),
    Case("manifest not UTF-8", raw(lambda m, mem: (b'{"format": "\xff\xfe"}', mem)), "backup_manifest"),
    Case("manifest a list", raw(lambda m, mem: (b"[1, 2, 3]", mem)), "backup_manifest"),
    Case("manifest of another program", _manifest_edit(lambda m: m.update(format="other-backup")), "backup_format"),
    Case("newer backup format", _manifest_edit(lambda m: m.update(version=2)), "backup_newer"),
    Case("newer schema", _manifest_edit(_schema("0099_from_the_future")), "backup_newer"),
    Case("older schema", _manifest_edit(_schema(schema.REVISIONS[0])), "backup_older"),
    Case("schema not text", _manifest_edit(_schema(["0001"])), "backup_manifest"),
    Case("tables not an object", _manifest_edit(lambda m: m.update(tables=[])), "backup_manifest"),
    Case("row count not a number", _manifest_edit(lambda m: m["tables"]["users"].update(rows="7")), "backup_manifest"),
    Case("negative row count", _manifest_edit(lambda m: m["tables"]["users"].update(rows=-1)), "backup_manifest"),
    Case("checksum not hex", _manifest_edit(lambda m: m["tables"]["users"].update(sha256="x" * 64)), "backup_manifest"),
    Case("manifest lacks a table", _manifest_edit(lambda m: m["tables"].pop("users")), "backup_missing_table"),
    Case("manifest names an unknown table", _manifest_edit(lambda m: m["tables"].update(evil={"rows": 0, "sha256": "0" * 64})),
         "backup_unknown_table"),
    Case("audit head malformed", _manifest_edit(lambda m: m.update(audit_head="12:abc")), "backup_manifest"),
    # what the manifest claims
    Case("wrong checksum", _manifest_edit(lambda m: m["tables"]["releases"].update(sha256="0" * 64)), "backup_checksum"),
    Case("altered rows, checksum not refitted", forge("releases", _set("releases", "title", "篡改"), reseal=False),
         "backup_checksum"),
    Case("wrong row count", _manifest_edit(lambda m: m["tables"]["users"].update(rows=m["tables"]["users"]["rows"] + 1)),
         "backup_row_count"),
    # rows that are not what the schema holds (checksums refitted: found by reading the rows)
    Case("row not JSON", _raw_lines("users", lambda d: d + b"{oops\n"), "backup_bad_row", True),
    Case("row a JSON list", _raw_lines("users", lambda d: d + b"[1, 2]\n"), "backup_bad_row", True),
    Case("blank line", _raw_lines("users", lambda d: b"\n" + d), "backup_bad_row", True),
    Case("row nested too deep", _raw_lines("users", lambda d: d + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
         "backup_bad_row", True),
    Case("unknown column", forge("users", _set("users", "is_superuser", True)), "backup_bad_row", True),
    Case("column missing", forge("users", lambda rows: [{k: v for k, v in r.items() if k != "roles"} for r in rows]),
         "backup_bad_row", True),
    Case("text in a number column", forge("users", _set("users", "id", "1; DROP TABLE users")), "backup_bad_row", True),
    Case("true in a number column", forge("releases", _set("releases", "row_version", True)), "backup_bad_row", True),
    Case("number in a text column", forge("releases", _set("releases", "title", 12)), "backup_bad_row", True),
    Case("text longer than its column", forge("releases", _set("releases", "number", "FB-" + "9" * 80)),
         "backup_bad_row", True),
    Case("NUL in text", forge("releases", _set("releases", "title", "a\x00b")), "backup_bad_row", True),
    Case("time not a time", forge("releases", _set("releases", "created_at", "yesterday")), "backup_bad_row", True),
    Case("time without a zone", forge("releases", _set("releases", "created_at", "2026-01-01T10:00:00")),
         "backup_bad_row", True),
    Case("binary not base64", forge("company_settings", _set("company_settings", "doc_template", {"$b64": "!!!"})),
         "backup_bad_row", True),
    Case("binary of the wrong shape", forge("company_settings", _set("company_settings", "doc_template", "UEsDBA==")),
         "backup_bad_row", True),
    Case("flag not true or false", forge("users", _set("users", "disabled", "no")), "backup_bad_row", True),
    # rows that do not fit together
    Case("duplicate key", forge("users", lambda rows: rows + rows[:1]), "backup_inconsistent", True),
    Case("dangling reference", forge("release_changes", _set("release_changes", "release_id", 999_999)),
         "backup_inconsistent", True),
    Case("missing required value", forge("releases", _set("releases", "title", None)), "backup_inconsistent", True),
    # the audit trail (checksums refitted: only the chain shows it)
    Case("audit event altered", forge("audit_events", _event(3, action="release.forged")), "backup_audit_broken", True),
    Case("audit event removed", forge("audit_events", lambda rows: [r for r in rows if r["seq"] != 5]),
         "backup_audit_broken", True),
    Case("audit events cut from the end", forge("audit_events", lambda rows: rows[:-3]), "backup_audit_broken", True),
    # records edited or deleted with every checksum refitted: found by their images in the chain
    Case("a release's type edited, checksums refitted", forge("releases", _flip("type", {"major": "normal"}, "major")),
         "backup_audit_broken", True),
    Case("a checklist result edited, checksums refitted",
         forge("checklist_entries", _flip("result", {"pass": "fail"}, "pass")), "backup_audit_broken", True),
    Case("a checklist entry deleted, checksums refitted", forge("checklist_entries", lambda rows: rows[:-1]),
         "backup_audit_broken", True),
    Case("audit head forged", forge(manifest=lambda m: m.update(audit_head=[m["audit_head"][0], "a" * 64])),
         "backup_audit_broken", True),
    Case("audit head beyond the chain", forge(manifest=lambda m: m.update(audit_head=[m["audit_head"][0] + 5, "b" * 64])),
         "backup_audit_broken", True),
]


def _assert_refused(ctx: AppContext, path: Path, code: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        backup.restore(ctx, path)
    codes = [r.code for r in exc.value.refusals]
    assert codes[0] == code, (codes, exc.value.message("en"))
    assert codes[-1] == "restore_untouched"
    zh, en = exc.value.message("zh_CN"), exc.value.message("en")
    assert re.search(r"[\u4e00-\u9fff]", zh) and "未作任何改动" in zh, zh
    assert not re.search(r"[\u4e00-\u9fff]", en) and "nothing was changed" in en, en
    assert "backup_" not in zh + en and "{" not in zh + en, (zh, en)  # every code has its text
    assert is_empty(ctx), "a refused restore wrote rows"


@pytest.mark.parametrize("case", [c for c in CASES if not c.reaches_db], ids=lambda c: c.name)
def test_a_crafted_zip_is_refused_in_words_and_nothing_is_written(case, good_backup, tmp_path, empty_sqlite_template):
    out = tmp_path / "crafted.zip"
    case.make(good_backup, out)
    target = tmp_path / "t.db"
    shutil.copy(empty_sqlite_template, target)
    ctx = AppContext(db=open_database(str(target)))
    try:
        _assert_refused(ctx, out, case.code)
    finally:
        ctx.db.dispose()


@pytest.mark.parametrize("case", [c for c in CASES if c.reaches_db], ids=lambda c: c.name)
def test_a_crafted_backup_found_inside_the_transaction_leaves_the_database_empty(case, good_backup, tmp_path,
                                                                                  empty_ctx):
    out = tmp_path / "crafted.zip"
    case.make(good_backup, out)
    _assert_refused(empty_ctx, out, case.code)


def test_the_crafted_table_covers_every_refusal(good_backup, tmp_path):
    """Each case's zip really is what its name says: the good backup itself restores."""
    assert len(CASES) >= 60
    assert {c.code for c in CASES} >= {
        "backup_not_zip", "backup_damaged", "backup_missing_member", "backup_unsafe_name", "backup_too_large",
        "backup_manifest", "backup_format", "backup_newer", "backup_older", "backup_checksum", "backup_row_count",
        "backup_bad_row", "backup_inconsistent", "backup_audit_broken"}


def test_a_broken_audit_chain_leaves_an_empty_database_empty_and_a_good_backup_then_restores(
        good_backup, tmp_path, empty_ctx):
    """The issue: the chain was verified after the commit, so a refused restore kept its
    rows and a second restore was refused as "not empty"."""
    bad = tmp_path / "broken_chain.zip"
    forge("audit_events", _event(4, actor_name="某人"))(good_backup, bad)
    _assert_refused(empty_ctx, bad, "backup_audit_broken")
    restored = backup.restore(empty_ctx, good_backup)
    assert auditing.verify(empty_ctx).ok and restored.audit_head == tuple(_read(good_backup)[0]["audit_head"])
    from relgui.services import releases

    releases.create(empty_ctx, title="恢复后新建", type="normal")  # ids and sequences continue after the restore


def test_restore_refuses_an_existing_file_that_is_a_folder_or_missing(tmp_path, empty_sqlite_template):
    target = tmp_path / "t.db"
    shutil.copy(empty_sqlite_template, target)
    ctx = AppContext(db=open_database(str(target)))
    try:
        for path, code in ((tmp_path, "backup_unreadable"), (tmp_path / "nope.zip", "backup_file_missing")):
            with pytest.raises(InvalidInput) as exc:
                backup.restore(ctx, path)
            assert exc.value.refusals[0].code == code and path.name in exc.value.message("zh_CN")
    finally:
        ctx.db.dispose()


# --------------------------------------------------------------------------- random damage

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_is_refused_in_words_or_restores_verified(data, good_backup, tmp_path, empty_sqlite_template):
    """Any damage to a backup file (bytes changed, cut short, bytes inserted): either the
    restore is refused with a message and writes nothing, or it restores data that verifies."""
    raw_bytes = bytearray(good_backup.read_bytes())
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "flip_tail"]))
    if kind == "cut":
        raw_bytes = raw_bytes[: data.draw(st.integers(0, len(raw_bytes) - 1))]
    elif kind == "insert":
        at = data.draw(st.integers(0, len(raw_bytes)))
        raw_bytes[at:at] = data.draw(st.binary(min_size=1, max_size=16))
    else:
        low = len(raw_bytes) - 4096 if kind == "flip_tail" else 0  # the tail: manifest and central directory
        for _ in range(data.draw(st.integers(1, 4))):
            at = data.draw(st.integers(max(low, 0), len(raw_bytes) - 1))
            raw_bytes[at] ^= data.draw(st.integers(1, 255))
    damaged = tmp_path / f"damaged_{data.draw(st.integers(0, 10**9))}.zip"
    damaged.write_bytes(bytes(raw_bytes))
    target = damaged.with_suffix(".db")
    shutil.copy(empty_sqlite_template, target)
    ctx = AppContext(db=open_database(str(target)))
    try:
        try:
            backup.restore(ctx, damaged)
        except InvalidInput as exc:
            assert exc.refusals[-1].code == "restore_untouched"
            assert "backup_" not in exc.message("zh_CN")
            assert is_empty(ctx)
        else:
            assert auditing.verify(ctx).ok
    finally:
        ctx.db.dispose()
        target.unlink()
        damaged.unlink()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seq=st.integers(1, 40), field=st.sampled_from(["action", "actor_name", "entity_key", "at", "prev_hash"]))
def test_any_altered_audit_event_is_refused_on_postgresql_too(seq, field, good_backup, tmp_path, request):
    """Forged (checksums refitted) audit events on the shared server: refused, nothing kept."""
    dbs = EmptyDatabases(request, "postgresql", tmp_path)
    try:
        ctx = dbs.new()
        value = {"at": "2020-01-01T00:00:00+00:00", "prev_hash": "c" * 64}.get(field, "改")
        bad = tmp_path / f"forged_{seq}_{field}.zip"
        forge("audit_events", _event(seq, **{field: value}))(good_backup, bad)
        _assert_refused(ctx, bad, "backup_audit_broken")
    finally:
        dbs.close()


# --------------------------------------------------------------------------- consistency of the backup itself

@pytest.mark.parametrize("world", ["postgresql"], indirect=True)
def test_a_backup_taken_while_others_write_is_one_consistent_moment(world, tmp_path, empty_ctx):
    """On PostgreSQL each statement of a READ COMMITTED transaction sees newer commits: a
    release and its change request committed while the backup runs could land half in it
    (the link without the change request) and the backup would never restore."""
    from flows import approved_change
    from sqlalchemy import event

    from relgui.services import releases

    demo.generate(world.ctx(), releases=10, seed=2)
    written: list = []

    def meanwhile(conn, cursor, statement, *args):
        if not written and "FROM change_requests" in statement and "release_changes" not in statement:
            # another workstation, between the dump of change_requests and of release_changes
            written.append("busy")
            written.append(releases.create(world.ctx("zhangwei"), title="备份期间新建", type="normal",
                                           change_numbers=[approved_change(world)]))

    engine = world.db.engine
    event.listen(engine, "after_cursor_execute", meanwhile)
    try:
        backup.backup(world.ctx(), tmp_path / "during.zip")
    finally:
        event.remove(engine, "after_cursor_execute", meanwhile)
    assert written, "the concurrent write did not happen"
    backup.restore(empty_ctx, tmp_path / "during.zip")
    assert auditing.verify(empty_ctx).ok
