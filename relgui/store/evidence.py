"""Row evidence: every record the policy relies on is under the audit chain.

Each audit event carries, in ``detail["row_images"]``, the after-image of every row its unit of work
wrote: ``{"<table>:<key>": "<row hash>.<field digests>"}`` (``null`` for a row it deleted).
``audit verify`` recomputes the image of every live row of these tables and compares it with
the last image the chain holds for it, so a row changed, inserted or deleted behind the
application is found, and the field that differs is named.

The image is the row's canonical JSON (RFC 8785 style: keys sorted, no whitespace, UTF-8, no
escapes beyond JSON's own; the values this schema holds are strings, integers, booleans,
null, UTC times written as ISO 8601 with microseconds, JSON documents, and binary content as
its SHA-256), hashed with SHA-256 and kept to 128 bits. The field digests are 16 bits per
column, in sorted column order: enough to say which field changed, while the row hash decides
whether anything did. Columns that are not evidence are left out: ``row_version`` (a counter
for optimistic locking; changing it only causes a conflict) and the wizard's ``last_page``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from relgui.store.models import Base

# The tables the policy relies on, in a stable order (also the order verify reports in).
TABLES: tuple[str, ...] = (
    "users", "company_settings", "freeze_periods", "change_requests", "config_items",
    "config_item_history", "software_versions", "releases", "release_changes", "release_items",
    "plans", "plan_revisions", "signatures", "checklist_entries", "step_records", "observations",
    "problems", "rollbacks", "closures", "attachments", "documents", "knowledge_entries",
)
SKIPPED_COLUMNS: dict[str, frozenset[str]] = {"plans": frozenset({"last_page"})}
ALWAYS_SKIPPED = frozenset({"row_version"})
DETAIL_KEY = "row_images"  # where an audit event's detail holds the images
HASH_HEX = 32  # 128 bits
FIELD_HEX = 4  # 16 bits per column


def table(name: str) -> Table:
    return Base.metadata.tables[name]


@functools.cache
def columns(name: str) -> list[str]:
    """The evidence columns of a table, sorted by name (the order of the field digests)."""
    skip = ALWAYS_SKIPPED | SKIPPED_COLUMNS.get(name, frozenset())
    return sorted(c.name for c in table(name).columns if c.name not in skip)


def key_of(name: str, row: Mapping[str, Any]) -> str:
    """``<table>:<primary key>`` (several key columns joined by commas, in key order)."""
    pk = [str(row[c.name]) for c in table(name).primary_key.columns]
    return f"{name}:{','.join(pk)}"


def plain(value: Any) -> Any:
    """A column value as the canonical form writes it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)  # stored naive UTC (store.types)
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def image(name: str, row: Mapping[str, Any]) -> str:
    """``<row hash>.<field digests>`` of one row (a mapping of column name to value)."""
    cols = columns(name)
    values = {c: plain(row.get(c)) for c in cols}
    whole = hashlib.sha256(canonical(values)).hexdigest()[:HASH_HEX]
    fields = "".join(hashlib.sha256(canonical(values[c])).hexdigest()[:FIELD_HEX] for c in cols)
    return f"{whole}.{fields}"


def hash_only(name: str, row: Mapping[str, Any]) -> str:
    """The row hash alone (what verification compares; field digests only on a mismatch)."""
    values = {c: plain(row.get(c)) for c in columns(name)}
    return hashlib.sha256(canonical(values)).hexdigest()[:HASH_HEX]


def row_hash(evidence: str | None) -> str | None:
    return None if evidence is None else evidence.split(".", 1)[0]


def differing_fields(name: str, stored: str, expected: str) -> list[str]:
    """Which columns differ between two images (by their 16-bit digests)."""
    cols = columns(name)
    a, b = stored.split(".", 1)[1], expected.split(".", 1)[1]
    if len(a) != len(b):
        return cols  # the table's columns changed since the image was made
    return [c for i, c in enumerate(cols) if a[i * FIELD_HEX:(i + 1) * FIELD_HEX] != b[i * FIELD_HEX:(i + 1) * FIELD_HEX]]


def image_of_object(obj: Any) -> tuple[str, str] | None:
    """(key, image) of an ORM object of an evidence table, as it is now in the session."""
    name = obj.__table__.name
    if name not in TABLES:
        return None
    row = {c.name: getattr(obj, _attr(obj, c.name)) for c in obj.__table__.columns}
    return key_of(name, row), image(name, row)


def deleted_key(obj: Any) -> str | None:
    name = obj.__table__.name
    if name not in TABLES:
        return None
    return key_of(name, {c.name: getattr(obj, _attr(obj, c.name)) for c in obj.__table__.primary_key.columns})


def _attr(obj: Any, column: str) -> str:
    """The mapped attribute of a column (they share names in this schema, checked by a test)."""
    return column


def live_rows(conn: Connection, name: str, batch: int = 5000, *, full: bool = True
              ) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(key, image, row) of every row of a table, streamed in primary-key order; with
    ``full=False`` the image is the row hash alone."""
    t = table(name)
    # Per statement: Connection.execution_options would change the connection itself.
    result = conn.execute(select(t).order_by(*t.primary_key.columns)
                          .execution_options(stream_results=True, yield_per=batch))
    make = image if full else hash_only
    for row in result.mappings():
        yield key_of(name, row), make(name, row), row


# ------------------------------------------------------------------ verification

PROBLEMS = ("changed", "no_event", "deleted", "resurrected")


class Finding:
    """One live row that does not match the chain, in terms a reader can check by hand."""

    __slots__ = ("table", "key", "problem", "fields", "seq", "stored", "expected")

    def __init__(self, table: str, key: str, problem: str, fields: tuple[str, ...] = (),
                 seq: int | None = None, stored: dict[str, Any] | None = None,
                 expected: dict[str, Any] | None = None):
        self.table, self.key, self.problem, self.fields, self.seq = table, key, problem, fields, seq
        self.stored, self.expected = stored or {}, expected or {}

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "record": self.key.split(":", 1)[1], "problem": self.problem,
                "fields": list(self.fields), "last_event": self.seq,
                "stored": {k: plain(v) for k, v in self.stored.items()},
                "expected": {k: plain(v) for k, v in self.expected.items()}}


class RowReport:
    def __init__(self) -> None:
        self.checked = 0
        self.by_table: dict[str, int] = {}
        self.findings: list[Finding] = []

    @property
    def ok(self) -> bool:
        return not self.findings


def last_images(conn: Connection, batch: int = 5000) -> dict[str, tuple[str | None, int]]:
    """The last image the chain holds for every row key, with the event that wrote it."""
    from relgui.store.models import AuditEvent

    last: dict[str, tuple[str | None, int]] = {}
    after = 0
    while True:
        rows = conn.execute(select(AuditEvent.seq, AuditEvent.detail).where(AuditEvent.seq > after)
                            .order_by(AuditEvent.seq).limit(batch)).all()
        if not rows:
            break
        for seq, detail in rows:
            images = detail.get(DETAIL_KEY) if isinstance(detail, dict) else None
            if isinstance(images, dict):
                for key, value in images.items():
                    last[key] = (value, seq)
        after = rows[-1][0]
    return last


def _changes_of(conn: Connection, seq: int) -> dict[str, Any]:
    from relgui.store.models import AuditEvent

    detail = conn.execute(select(AuditEvent.detail).where(AuditEvent.seq == seq)).scalar()
    changes = (detail or {}).get("changes") or {}
    return {k: v[1] for k, v in changes.items() if isinstance(v, list) and len(v) == 2}


def verify(conn: Connection, tables: tuple[str, ...] = TABLES, limit: int = 1000) -> RowReport:
    """Every live row of ``tables`` against its last image in the chain. ``limit`` bounds the
    findings kept in detail (all are counted in ``by_table``)."""
    report = RowReport()
    last = last_images(conn)
    for name in tables:
        checked = 0
        for key, rhash, row in live_rows(conn, name, full=False):
            checked += 1
            recorded = last.pop(key, None)
            if recorded is None:
                problem = Finding(name, key, "no_event")
            elif recorded[0] is None:
                problem = Finding(name, key, "resurrected", seq=recorded[1])
            elif row_hash(recorded[0]) != rhash:
                fields = tuple(differing_fields(name, image(name, row), recorded[0]))
                expected = {f: v for f, v in _changes_of(conn, recorded[1]).items() if f in fields} if \
                    len(report.findings) < limit else {}
                problem = Finding(name, key, "changed", fields, recorded[1],
                                  {f: row.get(f) for f in fields}, expected)
            else:
                continue
            report.by_table[name] = report.by_table.get(name, 0) + 1
            if len(report.findings) < limit:
                report.findings.append(problem)
        report.checked += checked
    wanted = set(tables)
    for key, (value, seq) in last.items():
        name = key.split(":", 1)[0]
        if value is not None and name in wanted:
            report.by_table[name] = report.by_table.get(name, 0) + 1
            if len(report.findings) < limit:
                report.findings.append(Finding(name, key, "deleted", seq=seq))
    return report


def unrecorded(conn: Connection, tables: tuple[str, ...] = TABLES) -> dict[str, str]:
    """Live rows whose image the chain does not hold (never recorded, or changed since): key →
    image. For bulk writers that record their rows' evidence after writing them."""
    last = last_images(conn)
    out: dict[str, str] = {}
    for name in tables:
        for key, rhash, row in live_rows(conn, name, full=False):
            recorded = last.pop(key, None)
            if recorded is None or recorded[0] is None or row_hash(recorded[0]) != rhash:
                out[key] = image(name, row)
    return out


def record_bulk(w, images: dict[str, str], action: str, chunk: int = 1000, **detail: Any) -> int:
    """Put the images of rows a bulk writer wrote under the chain, ``chunk`` rows per event
    (an ordinary audit event of ``w``, so it is chained like any other). Returns the events."""
    keys = sorted(images)
    events = 0
    for i in range(0, len(keys), chunk):
        part = {k: images[k] for k in keys[i:i + chunk]}
        w.audit(action, "evidence", f"{i // chunk + 1}", **{DETAIL_KEY: part}, **detail)
        events += 1
    return events
