"""Backup and restore, the same on SQLite and PostgreSQL (and from one to the other).

A backup is a zip: manifest.json (format, schema revision, per-table row counts and SHA-256,
the audit chain head) and one JSON-lines file per table, all read from one snapshot of the
database (REPEATABLE READ on PostgreSQL; SQLite's read transaction is one already).

A restore is all or nothing. Before the database is touched, the zip itself is checked: only
the names a backup has (no paths, no duplicates, nothing else), sizes bounded (the manifest
1 MiB, a member at most MAX_RATIO times its compressed size, a row MAX_LINE), the manifest's
form, format and schema revision, and every table's checksum and row count. Then, in one
write transaction on a database that must be empty (no row in any table): rows are read a
line at a time, each value checked against its column (type, length, time zone), inserted
in batches and hashed again; the audit chain is verified up to exactly the manifest's head;
only then is the transaction committed. Any refusal rolls it back: an empty database stays
empty, and the message says what is wrong with the file in the user's language.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from sqlalchemy import Boolean, Integer, LargeBinary, String, func, insert, literal, select, text
from sqlalchemy.exc import DataError, IntegrityError

from relgui.domain import text as text_
from relgui.domain.errors import InvalidInput, Refusal
from relgui.fsutil import private_output
from relgui.services import anchors, files
from relgui.services.auditing import describe_finding
from relgui.services.context import AppContext, reading, storage_errors
from relgui.store import audit, evidence, schema
from relgui.store.models import Base
from relgui.store.types import UTCDateTime

FORMAT = "relgui-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST = 1 << 20  # a manifest is a few KiB
MAX_LINE = 128 << 20  # one row; the largest is an attachment (50 MiB) in base64
MAX_RATIO = 200  # real backups deflate at most about 30 to 1; a zip bomb about 1000 to 1
RATIO_FROM = 1 << 20  # members smaller than this are not judged by their ratio
BATCH_ROWS, BATCH_BYTES = 5000, 32 << 20
INT64 = 1 << 63
_HEX64 = re.compile(r"[0-9a-f]{64}")
_MEMBER = re.compile(r"tables/([a-z_][a-z0-9_]*)\.jsonl")
# What reading a damaged or crafted zip can raise (zipfile, zlib and struct say it in many ways).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
               ValueError, struct.error, OverflowError, OSError)


@dataclass(frozen=True)
class BackupReport:
    path: str
    tables: dict[str, int]
    audit_head: tuple[int, str]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def backup(ctx: AppContext, path: str | Path) -> BackupReport:
    path = files.to_write(path)  # a path, in an existing folder: refused in words otherwise
    counts: dict[str, int] = {}
    digests: dict[str, str] = {}
    # A 0600 temporary file renamed onto ``path`` when complete (relgui.fsutil): a backup holds
    # password hashes and every record, and a half-written one never replaces a good one.
    with private_output(path) as tmp:
        with reading(ctx, snapshot=True) as s, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            if s.get_bind().dialect.name == "postgresql":  # one snapshot for every table, as SQLite has
                s.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            head = audit.head(s)
            for table in Base.metadata.sorted_tables:
                pk = list(table.primary_key.columns)
                digest, n = hashlib.sha256(), 0
                with zf.open(f"tables/{table.name}.jsonl", "w") as out:
                    for row in s.execute(select(table).order_by(*pk)).mappings():
                        line = json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False,
                                          sort_keys=True).encode() + b"\n"
                        digest.update(line)
                        out.write(line)
                        n += 1
                counts[table.name], digests[table.name] = n, digest.hexdigest()
            manifest = {"format": FORMAT, "version": FORMAT_VERSION, "schema": schema.HEAD,
                        "created_at": ctx.clock.now().isoformat(), "source": ctx.db.describe(),
                        "tables": {t: {"rows": counts[t], "sha256": digests[t]} for t in counts},
                        "audit_head": list(head)}
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))

    anchors.remember(ctx, head, f"backup:{Path(path).name}")
    return BackupReport(str(path), counts, head)


# --------------------------------------------------------------------------- restore

def restore(ctx: AppContext, path: str | Path) -> BackupReport:
    """Restore into an empty database, all or nothing (see the module's description)."""
    try:
        return _restore(ctx, text_.path(path, "file"))  # a path at all (NUL, surrogates, None: in words)
    except InvalidInput as exc:
        raise InvalidInput(*exc.refusals, Refusal("restore_untouched")) from None


def _refused(*refusals: Refusal) -> InvalidInput:
    return InvalidInput(*refusals)


def _restore(ctx: AppContext, path: Path) -> BackupReport:
    with contextlib.ExitStack() as stack:
        zf, size = _open(path, stack)
        members = _names(zf, size)
        if MANIFEST not in members:
            raise _refused(Refusal("backup_missing_member", params={"member": MANIFEST}))
        manifest = _manifest(zf, members[MANIFEST])
        tables = _tables(manifest, members)
        for table in Base.metadata.sorted_tables:  # checksums and counts, before the database is touched
            _check_member(zf, tables[table.name], table.name, manifest["tables"][table.name])
        counts: dict[str, int] = {}
        with storage_errors():
            session = ctx.db.write_session()  # BEGIN IMMEDIATE on SQLite: no other writer meanwhile
            try:
                with session.begin():
                    conn = session.connection()
                    pg = conn.dialect.name == "postgresql"
                    if pg:  # audit writers wait for the restore (they take the same lock)
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": audit.ADVISORY_KEY})
                    _require_empty(conn)
                    for table in Base.metadata.sorted_tables:
                        counts[table.name] = _load(conn, zf, tables[table.name], table, manifest["tables"][table.name])
                    head = _verify_chain(session, manifest["audit_head"])
                    _verify_records(conn)
                    if pg:  # last: setval is not undone by a rollback
                        _continue_sequences(conn)
            finally:
                session.close()

    anchors.remember(ctx, head, f"restore:{path.name}")
    return BackupReport(str(path), counts, head)


def _open(path: Path, stack: contextlib.ExitStack) -> tuple[zipfile.ZipFile, int]:
    try:
        f = stack.enter_context(path.open("rb"))
        size = path.stat().st_size
        magic = f.read(4)
        f.seek(0)
    except FileNotFoundError:
        raise _refused(Refusal("backup_file_missing", params={"file": str(path)})) from None
    except OSError as exc:
        raise _refused(Refusal("backup_unreadable", params={"file": str(path), "detail": exc.strerror or type(exc).__name__})) from None
    try:
        return stack.enter_context(zipfile.ZipFile(f)), size
    except _ZIP_ERRORS:
        if not magic.startswith(b"PK"):
            raise _refused(Refusal("backup_not_zip", params={"file": path.name})) from None
        raise _refused(Refusal("backup_damaged", params={"member": path.name})) from None


@contextlib.contextmanager
def _reading(member: str) -> Iterator[None]:
    """Whatever a damaged or crafted zip makes zipfile raise, said as a damaged backup."""
    try:
        yield
    except _ZIP_ERRORS:
        raise _refused(Refusal("backup_damaged", params={"member": member})) from None


def _safe(name: str) -> bool:
    """A plain relative name: no drive, no absolute path, no backslash, no . or .. parts."""
    if not name or name.startswith("/") or "\\" in name or ":" in name or any(ord(c) < 32 for c in name):
        return False
    parts = name.rstrip("/").split("/")
    return all(p not in ("", ".", "..") for p in parts)


def _mib(n: int) -> str:
    return f"{n / (1 << 20):,.1f} MiB"


def _names(zf: zipfile.ZipFile, archive_size: int) -> dict[str, zipfile.ZipInfo]:
    """The members by name, each name safe, once, and one a backup has; sizes bounded."""
    found: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        name = info.filename
        if not _safe(name):
            raise _refused(Refusal("backup_unsafe_name", params={"member": name[:120]}))
        if name == "tables/" and info.is_dir():  # re-zipped by a tool that adds folders
            continue
        if name in found:
            raise _refused(Refusal("backup_duplicate_member", params={"member": name[:120]}))
        if name != MANIFEST and not _MEMBER.fullmatch(name):
            raise _refused(Refusal("backup_unknown_member", params={"member": name[:120]}))
        found[name] = info
    for name, info in found.items():
        if info.compress_size > archive_size:
            raise _refused(Refusal("backup_damaged", params={"member": name}))
        limit = MAX_MANIFEST if name == MANIFEST else max(RATIO_FROM, info.compress_size * MAX_RATIO)
        if info.file_size > limit:
            raise _refused(Refusal("backup_too_large", params={"member": name, "size": _mib(info.file_size),
                                                              "limit": _mib(limit)}))
    return found


def _bad_manifest(part: str) -> InvalidInput:
    return _refused(Refusal("backup_manifest", params={"part": part}))


def _count(value: Any) -> TypeGuard[int]:
    return type(value) is int and 0 <= value < INT64


def _manifest(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict:
    with _reading(MANIFEST), zf.open(info) as f:
        data = f.read(MAX_MANIFEST + 1)
    if len(data) > MAX_MANIFEST:
        raise _refused(Refusal("backup_too_large", params={"member": MANIFEST, "size": _mib(len(data)),
                                                          "limit": _mib(MAX_MANIFEST)}))
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError):
        raise _bad_manifest("JSON") from None
    if not isinstance(manifest, dict):
        raise _bad_manifest("JSON")
    if manifest.get("format") != FORMAT:
        raise _refused(Refusal("backup_format", params={"format": str(manifest.get("format"))[:40]}))
    version = manifest.get("version")
    if not _count(version):
        raise _bad_manifest("version")
    if version > FORMAT_VERSION:
        raise _refused(Refusal("backup_newer", params={"version": f"{FORMAT} {version}"}))
    revision = manifest.get("schema")
    if not isinstance(revision, str):
        raise _bad_manifest("schema")
    if revision != schema.HEAD:
        if revision in schema.REVISIONS:
            raise _refused(Refusal("backup_older", params={"version": revision, "current": schema.HEAD}))
        raise _refused(Refusal("backup_newer", params={"version": revision[:60]}))
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        raise _bad_manifest("tables")
    for name, meta in tables.items():
        if not (isinstance(meta, dict) and _count(meta.get("rows")) and isinstance(meta.get("sha256"), str)
                and _HEX64.fullmatch(meta["sha256"])):
            raise _bad_manifest(f"tables.{str(name)[:60]}")
    known = {t.name for t in Base.metadata.sorted_tables}
    if known - set(tables):
        raise _refused(Refusal("backup_missing_table", params={"table": ", ".join(sorted(known - set(tables)))}))
    if set(tables) - known:
        unknown = ", ".join(sorted(str(t)[:60] for t in set(tables) - known))
        raise _refused(Refusal("backup_unknown_table", params={"table": unknown[:200]}))
    head = manifest.get("audit_head")
    if not (isinstance(head, list) and len(head) == 2 and _count(head[0]) and isinstance(head[1], str)
            and _HEX64.fullmatch(head[1])):
        raise _bad_manifest("audit_head")
    return manifest


def _table_of(member: str) -> str:
    """The table a member holds (_names let only table members and the manifest through)."""
    found = _MEMBER.fullmatch(member)
    if found is None:
        raise _refused(Refusal("backup_unknown_member", params={"member": member[:120]}))
    return found.group(1)


def _tables(manifest: dict, members: dict[str, zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """Each table's member: one for every table of the manifest, and no other."""
    by_table = {_table_of(name): info for name, info in members.items() if name != MANIFEST}
    for name in by_table:
        if name not in manifest["tables"]:
            raise _refused(Refusal("backup_unknown_member", params={"member": f"tables/{name}.jsonl"}))
    for name in manifest["tables"]:
        if name not in by_table:
            raise _refused(Refusal("backup_missing_member", params={"member": f"tables/{name}.jsonl"}))
    return by_table


def _check_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, table: str, meta: dict) -> None:
    """The checksum and row count the manifest claims, read in chunks (nothing kept)."""
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    with _reading(info.filename), zf.open(info) as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    lines += last != b"\n"
    if digest.hexdigest() != meta["sha256"]:
        raise _refused(Refusal("backup_checksum", params={"table": table}))
    if lines != meta["rows"]:
        raise _refused(Refusal("backup_row_count", params={"table": table, "actual": lines, "expected": meta["rows"]}))


def _lines(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's lines, each at most MAX_LINE + 1 bytes (a longer one comes back cut)."""
    with _reading(info.filename):
        f = zf.open(info)
    try:
        while True:
            with _reading(info.filename):
                line = f.readline(MAX_LINE + 1)
            if not line:
                return
            yield line
    finally:
        f.close()


class _BadValue(Exception):
    def __init__(self, refusal: Refusal):
        self.refusal = refusal


def _decoder(column) -> Callable[[Any], Any]:
    """A function that checks one stored value against its column and turns it into what the
    column takes; a value of another kind raises _BadValue."""
    name, kind = column.name, column.type
    if isinstance(kind, UTCDateTime):
        def time(value):
            if value is None:
                return None
            try:
                parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                parsed = None
            if parsed is None or parsed.tzinfo is None:
                raise _BadValue(Refusal("row_not_time", params={"column": name}))
            return parsed
        return time
    if isinstance(kind, LargeBinary):
        def binary(value):
            if value is None:
                return None
            if not (isinstance(value, dict) and set(value) == {"$b64"} and isinstance(value["$b64"], str)):
                raise _BadValue(Refusal("row_not_binary", params={"column": name}))
            try:
                return base64.b64decode(value["$b64"], validate=True)
            except (binascii.Error, ValueError):
                raise _BadValue(Refusal("row_not_binary", params={"column": name})) from None
        return binary
    if isinstance(kind, Boolean):
        def flag(value):
            if value is not None and type(value) is not bool:
                raise _BadValue(Refusal("row_not_flag", params={"column": name}))
            return value
        return flag
    if isinstance(kind, Integer):
        def integer(value):
            if value is not None and (type(value) is not int or not -INT64 <= value < INT64):
                raise _BadValue(Refusal("row_not_integer", params={"column": name}))
            return value
        return integer
    if isinstance(kind, String):
        limit = kind.length

        def string(value):
            if value is None:
                return None
            if type(value) is not str:
                raise _BadValue(Refusal("row_not_text", params={"column": name}))
            if "\x00" in value:
                raise _BadValue(Refusal("row_nul", params={"column": name}))
            if limit is not None and len(value) > limit:
                raise _BadValue(Refusal("row_text_too_long", params={"column": name, "limit": limit}))
            return value
        return string
    return lambda value: value  # JSON: any JSON value


def _load(conn, zf: zipfile.ZipFile, info: zipfile.ZipInfo, table, meta: dict) -> int:
    """Insert one table's rows, checked value by value, in bounded batches; returns the count."""
    decoders = {c.name: _decoder(c) for c in table.columns}
    columns = set(decoders)
    digest, n, batch, size = hashlib.sha256(), 0, [], 0
    for line in _lines(zf, info):
        n += 1
        digest.update(line)

        def bad(*why: Refusal, at: int = n) -> InvalidInput:  # this line's number (raised in the same turn)
            return _refused(Refusal("backup_bad_row", params={"table": table.name, "line": at}), *why)

        if len(line) > MAX_LINE:
            raise bad(Refusal("row_too_long", params={"limit": _mib(MAX_LINE)}))
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):
            raise bad(Refusal("row_not_json")) from None
        if not isinstance(row, dict):
            raise bad(Refusal("row_not_object"))
        if row.keys() != columns:
            missing, extra = sorted(columns - row.keys()), sorted(str(k)[:40] for k in row.keys() - columns)
            detail = " ".join([*(f"-{c}" for c in missing), *(f"+{c}" for c in extra)])
            raise bad(Refusal("row_columns", params={"detail": detail[:200]}))
        try:
            batch.append({k: decoders[k](v) for k, v in row.items()})
        except _BadValue as exc:
            raise bad(exc.refusal) from None
        size += len(line)
        if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
            _insert(conn, table, batch)
            batch, size = [], 0
    if batch:
        _insert(conn, table, batch)
    # Hashed again as inserted: the file cannot have changed since it was checked.
    if digest.hexdigest() != meta["sha256"]:
        raise _refused(Refusal("backup_checksum", params={"table": table.name}))
    if n != meta["rows"]:
        raise _refused(Refusal("backup_row_count", params={"table": table.name, "actual": n, "expected": meta["rows"]}))
    return n


def _insert(conn, table, rows: list[dict]) -> None:
    try:
        conn.execute(insert(table), rows)
    except IntegrityError:
        raise _refused(Refusal("backup_inconsistent", params={"table": table.name}), Refusal("rows_keys")) from None
    except DataError:
        raise _refused(Refusal("backup_inconsistent", params={"table": table.name}), Refusal("rows_range")) from None


def _require_empty(conn) -> None:
    """A restore goes only into a database with no row in any table (a new file or database)."""
    tables = Base.metadata.sorted_tables
    if not any(conn.execute(select(literal(1)).select_from(t).limit(1)).first() for t in tables):
        return
    counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
    raise _refused(Refusal("restore_not_empty", params={
        "releases": counts.get("releases", 0), "users": counts.get("users", 0),
        "events": counts.get("audit_events", 0), "rows": sum(counts.values())}))


def _verify_chain(session, claimed: list) -> tuple[int, str]:
    """The restored chain verifies, and ends exactly at the head the manifest names."""
    seq, head_hash = claimed
    result = audit.verify(session, (seq, head_hash) if seq else None)
    broken = Refusal("backup_audit_broken")
    if not result.ok:
        at = result.broken_seq
        why = {"missing": Refusal("audit_event_missing", params={"seq": at}),
               "prev_mismatch": Refusal("audit_event_relinked", params={"seq": at}),
               "hash_mismatch": Refusal("audit_event_altered", params={"seq": at}),
               "head_mismatch": Refusal("audit_events_cut", params={"seq": seq})}[result.problem]
        raise _refused(broken, why)
    if result.head_seq != seq:
        raise _refused(broken, Refusal("audit_events_extra", params={"actual": result.head_seq, "seq": seq}))
    if result.head_hash != head_hash:
        raise _refused(broken, Refusal("audit_event_altered", params={"seq": seq}))
    return result.head_seq, result.head_hash


def _verify_records(conn) -> None:
    """Every restored record matches its last image in the restored chain: a backup whose rows
    were edited (checksums recomputed or not) is refused. A backup from before row evidence
    (no event carries images) is restored as it is; `audit baseline` then takes its rows."""
    if not evidence.last_images(conn):
        return
    report = evidence.verify(conn, limit=1)
    if not report.ok:
        first = describe_finding(report.findings[0], "zh_CN") if report.findings else ""
        first_en = describe_finding(report.findings[0], "en") if report.findings else ""
        raise _refused(Refusal("backup_audit_broken"), Refusal("backup_records_altered", params={
            "count": sum(report.by_table.values()), "first": first, "first_en": first_en}))


def _continue_sequences(conn) -> None:
    """PostgreSQL's id sequences continue after the restored ids."""
    for table in Base.metadata.sorted_tables:
        if "id" in table.columns and table.columns["id"].primary_key:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
