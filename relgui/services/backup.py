"""Backup and restore, the same on SQLite and PostgreSQL (and from one to the other).

A backup is a zip: manifest.json (schema revision, per-table row counts and SHA-256, the
audit chain head) and one JSON-lines file per table. A restore goes into an empty database
in one transaction, then proves itself: row counts, checksums and the audit chain must match.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import LargeBinary, func, insert, select, text

from relgui.domain.errors import InvalidInput, Refusal
from relgui.services.context import AppContext, reading, storage_errors
from relgui.store import audit, schema
from relgui.store.models import AuditEvent, Base, Release, User
from relgui.store.types import UTCDateTime

FORMAT = "relgui-backup"
FORMAT_VERSION = 1


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


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value["$b64"])
    return value


def backup(ctx: AppContext, path: str | Path) -> BackupReport:
    path = Path(path)
    counts: dict[str, int] = {}
    digests: dict[str, str] = {}
    tmp = path.with_suffix(path.suffix + ".part")
    with reading(ctx) as s, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
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
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    tmp.replace(path)
    return BackupReport(str(path), counts, head)


def _bad(detail: str) -> InvalidInput:
    return InvalidInput(Refusal("bad_backup", params={"detail": detail}))


def _manifest(zf: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError):
        raise _bad("manifest.json") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise _bad(f"format {manifest.get('format')} {manifest.get('version')}")
    if manifest.get("schema") != schema.HEAD:
        raise _bad(f"schema {manifest.get('schema')} ≠ {schema.HEAD}")
    return manifest


def restore(ctx: AppContext, path: str | Path) -> BackupReport:
    """Restore into an empty database; refuses one that already holds data."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise _bad(path.name) from None
    with zf:
        manifest = _manifest(zf)
        with reading(ctx) as s:
            used = sum(s.execute(select(func.count()).select_from(t)).scalar_one() for t in (Release, User, AuditEvent))
        if used:
            raise _bad("target database is not empty")
        counts: dict[str, int] = {}
        with storage_errors(), ctx.db.engine.begin() as conn:
            for table in Base.metadata.sorted_tables:
                meta = manifest["tables"].get(table.name)
                if meta is None:
                    raise _bad(f"missing table {table.name}")
                data = zf.read(f"tables/{table.name}.jsonl")
                if hashlib.sha256(data).hexdigest() != meta["sha256"]:
                    raise _bad(f"checksum of {table.name}")
                rows = [json.loads(line) for line in data.splitlines() if line.strip()]
                if len(rows) != meta["rows"]:
                    raise _bad(f"row count of {table.name}")
                cols = table.columns
                decoded = [{k: _decode(cols[k], v) for k, v in row.items()} for row in rows]
                for i in range(0, len(decoded), 5000):
                    conn.execute(insert(table), decoded[i:i + 5000])
                counts[table.name] = len(rows)
            if conn.dialect.name == "postgresql":
                for table in Base.metadata.sorted_tables:
                    if "id" in table.columns and table.columns["id"].primary_key:
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    with reading(ctx) as s:
        result = audit.verify(s, tuple(manifest["audit_head"]) if manifest["audit_head"][0] else None)
    if not result.ok:
        raise _bad(result.describe("en"))
    return BackupReport(str(path), counts, (result.head_seq, result.head_hash))
