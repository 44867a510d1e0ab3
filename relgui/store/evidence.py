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
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import repeat
from operator import attrgetter, countOf, itemgetter, methodcaller, ne
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from relgui.store.models import AuditEvent, Base
from relgui.store.rowhash import Part, hash_part
from relgui.store.types import UTCDateTime, json_text

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
BEFORE_KEY = "row_before"  # … and the hash of each row it changed, as it read it before
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
        return _utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    if isinstance(value, float):  # as JSON writes and reads it back (1.0 stays 1.0)
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def _utc_text(value: dt.datetime) -> str:
    """A time as UTC ISO 8601 with microseconds and a Z (stored naive UTC: store.types)."""
    if value.tzinfo is not None:  # aware UTC writes '+00:00' where the canonical form has 'Z'
        return value.astimezone(dt.UTC).isoformat("T", "microseconds")[:-6] + "Z"
    return value.isoformat("T", "microseconds") + "Z"  # (positional: keywords cost here a µs a value)


def _stored_time(value: Any) -> Any:
    """A time as the database driver hands it back (SQLite's text, a datetime) → _utc_text."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":  # SQLAlchemy's SQLite format, microseconds always
            return f"{value[:10]}T{value[11:]}Z"
        value = dt.datetime.fromisoformat(value)
    return _utc_text(value)


def canonical(value: Any) -> bytes:
    return json_text(value).encode("utf-8")


def _hash(values: dict[str, Any]) -> str:
    """The row hash over every evidence column, nulls included (a migration that adds a column
    to an evidence table records the rows' new images after verifying the old ones)."""
    return hashlib.sha256(canonical(values)).hexdigest()[:HASH_HEX]


def _image_of(name: str, values: dict[str, Any]) -> str:
    fields = "".join(hashlib.sha256(canonical(values[c])).hexdigest()[:FIELD_HEX] for c in columns(name))
    return f"{_hash(values)}.{fields}"


def image(name: str, row: Mapping[str, Any]) -> str:
    """``<row hash>.<field digests>`` of one row (a mapping of column name to value)."""
    return _image_of(name, {c: plain(row.get(c)) for c in columns(name)})


def hash_only(name: str, row: Mapping[str, Any]) -> str:
    """The row hash alone (what verification compares; field digests only on a mismatch)."""
    return _hash({c: plain(row.get(c)) for c in columns(name)})


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


def before_image(obj: Any) -> tuple[str, str] | None:
    """(key, row hash) of an ORM object as it was read from the database, before this unit
    of work changed it (its attributes' history). Verification holds it against the chain's
    last image of the row: a row changed behind relgui and then written through it is found,
    not whitewashed by the later write."""
    from sqlalchemy import inspect as sa_inspect

    name = obj.__table__.name
    if name not in TABLES:
        return None
    state = sa_inspect(obj)
    row = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.deleted:
            row[attr.key] = hist.deleted[0]
        elif hist.unchanged:
            row[attr.key] = hist.unchanged[0]
        else:
            row[attr.key] = getattr(obj, attr.key)
    return key_of(name, row), hash_only(name, row)


def deleted_key(obj: Any) -> str | None:
    name = obj.__table__.name
    if name not in TABLES:
        return None
    return key_of(name, {c.name: getattr(obj, _attr(obj, c.name)) for c in obj.__table__.primary_key.columns})


def _attr(obj: Any, column: str) -> str:
    """The mapped attribute of a column (they share names in this schema, checked by a test)."""
    return column


def _json_value(value: Any) -> Any:
    """A JSON column holds only JSON's own types: decoded, it is its canonical value already."""
    if isinstance(value, (str, bytes)):
        return json.loads(value)
    return value


class _Raw(str):
    """SQLite's stored JSON text, spliced into the row's canonical text as it is (relgui stores
    JSON in the canonical form, store.types.json_text); a row whose text is not canonical
    (stored by an older relgui) is hashed again the slow way before it counts as changed."""


def _bool(value: Any) -> Any:
    return None if value is None else bool(value)


def _binary(value: Any) -> Any:
    return None if value is None else {"sha256": hashlib.sha256(bytes(value)).hexdigest()}


@functools.cache
def _readers(name: str) -> tuple:
    """Per evidence column, what turns the driver's raw value into the canonical one."""
    from sqlalchemy import JSON, Boolean, LargeBinary


    out: list[Callable[[Any], Any] | None] = []
    for c in columns(name):
        kind = table(name).c[c].type
        if isinstance(kind, UTCDateTime):
            out.append(_stored_time)
        elif isinstance(kind, Boolean):
            out.append(_bool)
        elif isinstance(kind, LargeBinary):
            out.append(_binary)
        elif isinstance(kind, JSON) or "JSON" in type(kind).__name__:
            out.append(_json_value)
        elif kind.python_type in (str, int):
            out.append(None)  # the driver's value is the canonical one
        else:
            out.append(plain)
    return tuple(out)


@functools.cache
def _sqlite_text_sql(name: str) -> str | None:
    """SQLite builds a row's canonical text itself with json_object (the row hash's input,
    byte for byte what json_text gives for the same values): every evidence column in sorted
    order, times rewritten from SQLAlchemy's stored form, booleans as true/false, JSON columns
    embedded as stored (canonical since store.types.json_text). None for tables with binary
    columns (hashed in Python). Where SQLite's text could differ from Python's (an old row's
    JSON, a time in another form), the row hash differs and verification recomputes it the
    slow way before anything counts as changed."""
    from sqlalchemy import JSON, Boolean, LargeBinary


    t = table(name)
    args = []
    for c in columns(name):
        kind = t.c[c].type
        q = f'"{c}"'
        if isinstance(kind, LargeBinary):
            return None
        if isinstance(kind, UTCDateTime):
            expr = f"CASE WHEN {q} IS NULL THEN NULL ELSE substr({q}, 1, 10) || 'T' || substr({q}, 12) || 'Z' END"
        elif isinstance(kind, Boolean):
            expr = f"CASE WHEN {q} IS NULL THEN NULL WHEN {q} THEN json('true') ELSE json('false') END"
        elif isinstance(kind, JSON) or "JSON" in type(kind).__name__:
            expr = f"json({q})"
        else:
            expr = q
        args.append(f"'{c}', {expr}")
    return f"json_object({', '.join(args)})"


def live_rows(conn: Connection, name: str, batch: int = 5000, *, full: bool = True
              ) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(key, image, row) of every row of a table, streamed in primary-key order; with
    ``full=False`` the image is the row hash alone. Read through the driver itself, without
    SQLAlchemy's result processing (3 million rows: the difference between ~25 s and ~5 s)."""
    t = table(name)
    cols = columns(name)
    pk = [c.name for c in t.primary_key.columns]
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"SELECT {', '.join(quote(c) for c in pk + cols)} FROM {quote(name)} "
           f"ORDER BY {', '.join(quote(c) for c in pk)}")
    readers = _readers(name)
    raw = conn.connection.driver_connection
    assert raw is not None  # an open connection has its driver's (None only once closed)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT 1")  # inside the connection's transaction: a named cursor needs one
        cursor = raw.cursor(name=f"relgui_evidence_{name}")
        cursor.itersize = batch
    else:
        cursor = raw.cursor()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:  # JSON columns: keep the stored text, splice it into the row's text below
        readers = tuple(_Raw if r is _json_value else r for r in readers)
    pairs = list(zip(cols, readers))
    spliced = sqlite and _Raw in readers
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode
    sha256 = hashlib.sha256
    try:
        cursor.execute(sql)
        n = len(pk)
        for record in cursor:
            values = {c: v if v is None or read is None else read(v) for (c, read), v in zip(pairs, record[n:])}
            key = f"{name}:{record[0]}" if n == 1 else f"{name}:{','.join(str(v) for v in record[:n])}"
            if spliced:
                text = "{" + ",".join(f'"{c}":{v}' if type(v) is _Raw else f'"{c}":{dumps(v)}'
                                      for c, v in values.items()) + "}"
            else:
                text = dumps(values)
            if full:
                values = {c: (json.loads(v) if type(v) is _Raw else v) for c, v in values.items()}
                img = _image_of(name, values)
            else:  # as _hash
                img = sha256(text.encode("utf-8")).hexdigest()[:HASH_HEX]
            yield key, img, _Row(pk, record, n, values)
    finally:
        cursor.close()


def _key_sql(name: str, pk: list[str]) -> str:
    """The row's key as key_of writes it, built by SQLite (integers as digits)."""
    return f"'{name}:' || " + " || ',' || ".join(f"ifnull(\"{c}\", 'None')" for c in pk)


def sqlite_parts(conn: Connection, tables: tuple[str, ...] = TABLES, rows: int = 0) -> tuple[list, list[str]]:
    """(parts, other tables): the tables whose canonical text SQLite builds, cut into primary-key
    ranges of about ``rows`` rows each (0: a table is one part) for rowhash; and the tables it
    cannot build (binary columns), which are hashed in Python. Together the ranges of a table
    cover every row whatever its key holds: a NULL in a composite key, text where an integer
    belongs (SQLite orders it after every number)."""
    raw = conn.connection.driver_connection
    assert raw is not None  # an open connection has its driver's (None only once closed)
    parts, others = [], []
    for name in tables:
        built = _sqlite_text_sql(name)
        if built is None:
            others.append(name)
            continue
        pk = [c.name for c in table(name).primary_key.columns]
        first, order = f'"{pk[0]}"', ", ".join(f'"{c}"' for c in pk)
        head = f'SELECT {_key_sql(name, pk)}, CAST({built} AS BLOB) FROM "{name}"'
        low, high = raw.execute(f'SELECT min({first}), max({first}) FROM "{name}" '  # the numbers' range
                                f"WHERE {first} BETWEEN -9223372036854775808 AND 9223372036854775807").fetchone()
        if not rows or type(low) is not int or type(high) is not int or high - low < rows:
            parts.append(Part(name, f"{head} ORDER BY {order}", (), (high - low + 1) if type(low) is type(high) is int else 0))
            continue
        cuts = list(range(low - 1 + rows, high, rows))  # part i: cuts[i-1] < key <= cuts[i]
        if len(pk) > 1:  # SQLite lets a composite key hold NULL
            parts.append(Part(name, f"{head} WHERE {first} IS NULL ORDER BY {order}"))
        parts.append(Part(name, f"{head} WHERE {first} <= ? ORDER BY {order}", (cuts[0],), cuts[0] - low + 1))
        for lo, hi in zip(cuts, cuts[1:]):
            parts.append(Part(name, f"{head} WHERE {first} > ? AND {first} <= ? ORDER BY {order}", (lo, hi), hi - lo))
        parts.append(Part(name, f"{head} WHERE {first} > ? ORDER BY {order}", (cuts[-1],), high - cuts[-1]))
    return parts, others


def hashed_rows(conn: Connection, name: str) -> tuple[list[str], list[str]]:
    """(keys, row hashes) of every live row of a table, in primary-key order (this connection)."""
    if conn.dialect.name == "sqlite" and _sqlite_text_sql(name) is not None:
        parts, _ = sqlite_parts(conn, (name,))
        raw = conn.connection.driver_connection
        assert raw is not None  # an open connection has its driver's (None only once closed)
        return hash_part(raw, parts[0])
    keys, hashes = [], []
    for key, rhash, _row in live_rows(conn, name, full=False):
        keys.append(key)
        hashes.append(rhash)
    return keys, hashes


class _LazyRow(dict):
    """A live row read again by its key only when it is looked at (a finding)."""

    def __init__(self, conn, name, pk, key):
        super().__init__()
        self._where: tuple[Any, Any, Any, Any] | None = (conn, name, pk, key)  # None once read

    def _fill(self):
        if self._where is not None:
            conn, name, pk, key = self._where
            self._where = None
            t = table(name)
            row = conn.execute(select(t).where(*[t.c[c] == v for c, v in zip(pk, key)])).mappings().first()
            if row is not None:
                self.update({k: plain(v) if k in columns(name) else v for k, v in row.items()})

    def get(self, key, default=None):
        self._fill()
        return super().get(key, default)

    def __getitem__(self, key):
        self._fill()
        return super().__getitem__(key)

    def items(self):
        self._fill()
        return super().items()


class _Row(dict):
    """A live row as verification reports it: built only when it is looked at."""

    def __init__(self, pk, record, n, values):
        super().__init__()
        self._parts: tuple[Any, Any, Any, Any] | None = (pk, record, n, values)  # None once built

    def _fill(self):
        if self._parts is not None:
            pk, record, n, values = self._parts
            self._parts = None
            self.update(zip(pk, record[:n]))
            self.update({c: (json.loads(v) if type(v) is _Raw else v) for c, v in values.items()})

    def get(self, key, default=None):
        self._fill()
        return super().get(key, default)

    def __getitem__(self, key):
        self._fill()
        return super().__getitem__(key)

    def items(self):
        self._fill()
        return super().items()


# ------------------------------------------------------------------ verification

PROBLEMS = ("changed", "no_event", "deleted", "resurrected", "changed_between")


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


def _details(conn: Connection, batch: int = 5000):

    after = 0
    while True:
        rows = conn.execute(select(AuditEvent.seq, AuditEvent.detail).where(AuditEvent.seq > after)
                            .order_by(AuditEvent.seq).limit(batch)).all()
        if not rows:
            break
        yield from rows
        after = rows[-1][0]


def collect(conn: Connection, batch: int = 5000) -> ImageCollector:
    collector = ImageCollector()
    for seq, detail in _details(conn, batch):
        collector(seq, detail)
    return collector


def last_images(conn: Connection, batch: int = 5000) -> dict[str, str]:
    """The row hash of the last image the chain holds for every row key ('' for a row it
    deleted)."""
    return collect(conn, batch).hashes


def _detail_of(conn: Connection, seq: int) -> dict[str, Any]:

    detail = conn.execute(select(AuditEvent.detail).where(AuditEvent.seq == seq)).scalar()
    if isinstance(detail, str):
        detail = json.loads(detail)
    return detail if isinstance(detail, dict) else {}


def _changes_of(detail: dict[str, Any]) -> dict[str, Any]:
    changes = detail.get("changes") or {}
    return {k: v[1] for k, v in changes.items() if isinstance(v, list) and len(v) == 2}


_IMAGES_AT = f'"{DETAIL_KEY}":{{'
_BEFORE_AT = f'"{BEFORE_KEY}":{{'
# One entry of an event's row images as canonical JSON writes them: "table:key":"image" or null
# (keys and images are ASCII without quotes or braces, so the object ends at the first "}"),
# taken as (key, row hash) — the row hash is the image up to its "." ('' for null).
_IMAGE_PAIR = re.compile(r'"([^"]+)":(?:"([0-9a-f]*)[.0-9a-f]*"|null)')
_first = itemgetter(0)


class ImageCollector:
    """Fed each audit event's detail in chain order (audit.verify's ``on_detail``): the row hash
    of the last image of every row key and the event that wrote it, so the chain and the records
    are checked in one pass. The images of a bulk event go into the dicts without Python code per
    image (dict.update from the regular expression's pairs)."""

    def __init__(self) -> None:
        self.hashes: dict[str, str] = {}  # key → row hash of its last image ('' : deleted)
        self.seqs: dict[str, int] = {}  # key → the event that wrote that image
        # Rows an event found otherwise than the chain's last image of them: (key, event seq,
        # the event that last recorded it) — changed behind relgui before that write.
        self.between: list[tuple[str, int, int]] = []

    def _before(self, seq: int, pairs) -> None:
        hashes = self.hashes
        for key, value in pairs:
            recorded = hashes.get(key)
            if recorded and recorded != value:
                self.between.append((key, seq, self.seqs[key]))

    def _images(self, seq: int, pairs: list) -> None:
        self.hashes.update(pairs)
        self.seqs.update(dict.fromkeys(map(_first, pairs), seq))

    def __call__(self, seq: int, detail: Any) -> None:
        if isinstance(detail, str):  # SQLite's stored text: the images without decoding the rest
            start = detail.find(_BEFORE_AT)
            if start >= 0:
                start += len(_BEFORE_AT)
                self._before(seq, _IMAGE_PAIR.findall(detail, start, detail.index("}", start) + 1))
            start = detail.find(_IMAGES_AT)
            if start >= 0:
                start += len(_IMAGES_AT)
                self._images(seq, _IMAGE_PAIR.findall(detail, start, detail.index("}", start) + 1))
            return
        if not isinstance(detail, dict):
            return
        before = detail.get(BEFORE_KEY)
        if isinstance(before, dict):
            self._before(seq, [(k, row_hash(v) or "") for k, v in before.items()])
        images = detail.get(DETAIL_KEY)
        if isinstance(images, dict):
            self._images(seq, [(k, row_hash(v) or "") for k, v in images.items()])


def _key_values(key: str) -> list[Any]:
    """The primary key's values of a row key (integers as integers)."""
    out: list[Any] = []
    for v in key.split(":", 1)[1].split(","):
        out.append(int(v) if v.lstrip("-").isdigit() else v)
    return out


def verify(conn: Connection, tables: tuple[str, ...] = TABLES, limit: int = 1000,
           recorded: ImageCollector | None = None,
           hashed: dict[str, list[tuple[list[str], list[str]]]] | None = None) -> RowReport:
    """Every live row of ``tables`` against its last image in the chain (``recorded``, read here
    unless given), and the rows a later write found changed behind relgui (its ``between``).
    ``hashed``: per table, the (keys, row hashes) of its parts in primary-key order, already
    taken (rowhash's workers); else they are read here. ``limit`` bounds the findings kept in
    detail (all are counted in ``by_table``).

    Rows are compared by C iterators (map over the keys, no Python code per row); only a part
    where some row differs is looked at row by row, and a row hash that differs is recomputed the
    slow way from the row's values before it counts as changed (SQLite's text of an old row may
    differ from Python's). Rows gone: every row key the chain holds as live must have been seen —
    counted, and only when the count falls short, looked for key by key."""
    report = RowReport()
    if recorded is None:
        recorded = collect(conn)
    rec, seqs = recorded.hashes, recorded.seqs
    wanted = set(tables)
    details: dict[int, dict[str, Any]] = {}

    def detail(seq: int) -> dict[str, Any]:
        if seq not in details:
            details[seq] = _detail_of(conn, seq)
        return details[seq]

    def add(name: str, finding: Finding) -> None:
        report.by_table[name] = report.by_table.get(name, 0) + 1
        if len(report.findings) < limit:
            report.findings.append(finding)

    for key, seq, event_seq in recorded.between:
        name = key.split(":", 1)[0]
        if name in wanted:
            add(name, Finding(name, key, "changed_between", seq=seq, expected={"event": event_seq}))
    present = 0  # live rows whose key the chain holds as live
    seen: list[list[str]] = []
    for name in tables:
        parts = hashed[name] if hashed is not None and name in hashed else [hashed_rows(conn, name)]
        pk = None
        for keys, hashes in parts:
            report.checked += len(keys)
            seen.append(keys)
            if not any(map(ne, hashes, map(rec.get, keys))):
                present += len(keys)
                continue
            pk = pk or [c.name for c in table(name).primary_key.columns]
            for key, rhash in zip(keys, hashes):  # in primary-key order
                was = rec.get(key)
                if was:
                    present += 1
                if was == rhash:
                    continue
                if was is None:
                    add(name, Finding(name, key, "no_event"))
                    continue
                if was == "":
                    add(name, Finding(name, key, "resurrected", seq=seqs[key]))
                    continue
                row = _LazyRow(conn, name, pk, _key_values(key))
                if hash_only(name, row) == was:
                    continue  # the same values; SQLite's text of them differs from Python's
                seq = seqs[key]
                fields: tuple[str, ...] = ()
                expected: dict[str, Any] = {}
                if len(report.findings) < limit:
                    image_was = (detail(seq).get(DETAIL_KEY) or {}).get(key) or ""
                    fields = tuple(differing_fields(name, image(name, row), image_was) if "." in image_was
                                   else columns(name))
                    expected = {f: v for f, v in _changes_of(detail(seq)).items() if f in fields}
                add(name, Finding(name, key, "changed", fields, seq, {f: row.get(f) for f in fields}, expected))
    if present != len(rec) - countOf(rec.values(), ""):  # some row the chain holds is not there
        gone = {k for k, v in rec.items() if v and k.split(":", 1)[0] in wanted}
        for keys in seen:
            gone.difference_update(keys)
        for key in (k for k in rec if k in gone):  # in the order the chain first recorded them
            name = key.split(":", 1)[0]
            add(name, Finding(name, key, "deleted", seq=seqs[key]))
    return report


def unrecorded(conn: Connection, tables: tuple[str, ...] = TABLES) -> dict[str, str]:
    """Live rows whose image the chain does not hold (never recorded, or changed since): key →
    image. For bulk writers that record their rows' evidence after writing them."""
    last = last_images(conn)
    out: dict[str, str] = {}
    for name in tables:  # full images straight from each row (a bulk writer's rows: most of them)
        for key, img, _row in live_rows(conn, name, full=True):
            recorded = last.get(key)
            if not recorded or recorded != row_hash(img):
                out[key] = img
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


class Same:
    """A column holding one value in every row (``column_images``): its text and digest are
    made once."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


_NONE = type(None)
_to_utc = methodcaller("astimezone", dt.UTC)
_iso = methodcaller("isoformat", "T", "microseconds")
_tzinfo = attrgetter("tzinfo")
_microsecond = attrgetter("microsecond")
_whole_second_time = '"{}.000000Z"'.format
_quoted_time = '"{}Z"'.format  # a time's ISO text (ASCII, nothing to escape) as its JSON string
_hexdigest = methodcaller("hexdigest")
_field_hex = itemgetter(slice(None, FIELD_HEX))
_hash_hex = itemgetter(slice(None, HASH_HEX))
_string = json.encoder.encode_basestring  # a str as json_text writes it (ensure_ascii=False)


def _value_text(value: Any) -> str:
    """One value's canonical text, as ``canonical(plain(value))`` gives it."""
    p = plain(value)
    return _string(p) if p.__class__ is str else "null" if p is None else (
        int.__repr__(p) if p.__class__ is int else json_text(p))


def naive_utc(times: list[dt.datetime]) -> list[dt.datetime]:
    """Aware UTC times as naive UTC ones (combine of the date and the naive time, as the store's
    bind makes them; by C's map). An aware time's isoformat asks its zone for the offset: twice
    the naive one's time."""
    return list(map(dt.datetime.combine, times, map(dt.datetime.time, times)))


def _time_texts(naive: list[dt.datetime]) -> list[str]:
    """Naive UTC times as their canonical JSON strings ('"…T…ffffffZ"', as _utc_text): the plain
    isoformat (twice as fast as one given a timespec) where every time or none has microseconds,
    which the plain one writes only when there are some."""
    fractions = sum(map(bool, map(_microsecond, naive)))
    if fractions == 0:
        return list(map(_whole_second_time, map(dt.datetime.isoformat, naive)))
    if fractions == len(naive):
        return list(map(_quoted_time, map(dt.datetime.isoformat, naive)))
    return list(map(_quoted_time, map(_iso, naive)))


def _column_texts(values: list[Any]) -> list[str]:
    """The canonical text of every value of a column, made by C iterators for the kinds a bulk
    writer's columns hold (text, integers, times, each possibly with nulls) — character for
    character what ``_value_text`` makes of each value (tested); anything else value by value."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(_string, values))
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds == {dt.datetime}:
        zones = set(map(_tzinfo, values))
        if zones == {None}:  # naive: stored UTC already (as _utc_text)
            return _time_texts(values)
        if None not in zones:
            return _time_texts(naive_utc(values if zones == {dt.UTC} else list(map(_to_utc, values))))
    if _NONE in kinds and len(kinds) > 1 and len(kinds) <= 2:
        known = iter(_column_texts([v for v in values if v is not None]))
        return ["null" if v is None else next(known) for v in values]
    if kinds == {_NONE}:
        return ["null"] * len(values)
    made: dict[Any, str] = {}
    out = []
    for v in values:  # other kinds (booleans, JSON documents, binary content …): one by one
        try:
            text = made.get((v.__class__, v))
            if text is None:
                text = made[(v.__class__, v)] = _value_text(v)
        except TypeError:  # not hashable (a JSON document)
            text = _value_text(v)
        out.append(text)
    return out


# A C iterator holds the GIL until it ends: over 20 000 rows that was 30 ms and more in which
# the GUI thread could not run (an Excel import on a worker, bench_stall.py). Slices of this
# many items give it the GIL between them (issue 17: no stall over 100 ms).
SLICE = 2048


def in_slices(fn: Callable[[list], list], items: list) -> list:
    """``fn(items)`` (a function of a list giving a list of the same length) slice by slice."""
    if len(items) <= SLICE:
        return fn(items)
    out: list = []
    for start in range(0, len(items), SLICE):
        out += fn(items[start:start + SLICE])
    return out


def _digests(texts: list[str], width: itemgetter) -> list[str]:
    """SHA-256 of each text's UTF-8 in hex, cut by ``width``, by C iterators (in slices); a text
    that repeats (types, statuses, systems of an old register) is hashed once."""
    def hexes(part: list[str]) -> list[str]:
        return list(map(width, map(_hexdigest, map(hashlib.sha256, map(str.encode, part)))))

    distinct = dict.fromkeys(texts)
    if len(distinct) * 2 <= len(texts):
        unique = list(distinct)
        table = dict(zip(unique, in_slices(hexes, unique)))
        return list(map(table.__getitem__, texts))
    return in_slices(hexes, texts)


def column_images(name: str, count: int, values: Mapping[str, Any]) -> dict[str, str]:
    """``key → image`` of ``count`` new rows of one table given column by column (each column a
    list of its ``count`` values, or ``Same(value)`` for one value in every row; a column not
    given is null in every row): each row's image exactly as ``image`` gives it, for a bulk
    writer that records its own rows. No Python code runs per row: each column's canonical
    texts are made by C iterators (``_column_texts``) and hashed for the field digests, each
    row's canonical text is put together from its values' texts by a template (keys are the
    sorted column names, as json_text sorts them) and hashed, and the keys are made the same
    way from the primary key's column."""
    if count <= 0:
        return {}
    body, fields = [], []  # the templates: a constant column's text, or %s
    texts, digests = [], []  # the varying columns', per row
    for c in columns(name):
        given = values.get(c, Same(None))
        if isinstance(given, Same):
            text = _value_text(given.value)
            body.append(f'"{c}":' + text.replace("%", "%%"))
            fields.append(_field_hex(hashlib.sha256(text.encode("utf-8")).hexdigest()))
            continue
        if len(given) != count:
            raise ValueError(f"column {c} of {name}: {len(given)} values for {count} rows")
        column = _column_texts(list(given))
        body.append(f'"{c}":%s')
        fields.append("%s")
        texts.append(column)
        digests.append(_digests(column, _field_hex))
    row_text = ("{" + ",".join(body) + "}").__mod__
    field_text = "".join(fields).__mod__
    bodies = in_slices(lambda rows: list(map(row_text, rows)), list(zip(*texts))) if texts else [row_text(())] * count
    hashes = _digests(bodies, _hash_hex)
    parts = map(field_text, zip(*digests)) if digests else repeat(field_text(()), count)
    pk = [k.name for k in table(name).primary_key.columns]
    if len(pk) == 1 and not isinstance(values.get(pk[0]), Same) and pk[0] in values:
        keys: Iterable[str] = map(f"{name}:".__add__, map(str, values[pk[0]]))
    else:  # a composite (or constant) key: as key_of writes it
        keys = [key_of(name, {k: (values[k].value if isinstance(values.get(k), Same) else values[k][i])
                              if k in values else None for k in pk}) for i in range(count)]
    return dict(zip(keys, map("{}.{}".format, hashes, parts)))


def images(name: str, rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``key → image`` of many rows of one table, each exactly as ``image`` gives it, for a bulk
    writer that records its own rows (every column given): ``column_images`` of the rows'
    columns."""
    rows = list(rows)
    return column_images(name, len(rows), {c: [row.get(c) for row in rows] for c in
                                            dict.fromkeys([*columns(name), *(k.name for k in table(name).primary_key.columns)])})
