"""The audit trail (R-1.3-TRACE): append-only, each event chained to the previous one by hash.

hash(n) = SHA-256(prev_hash || canonical JSON of event n without its hash). Editing,
deleting or reordering rows breaks the chain at a point ``verify`` names. Writers are
serialised: on PostgreSQL by a transaction-scoped advisory lock, on SQLite by the write
transaction (BEGIN IMMEDIATE). Database triggers refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL); see the initial migration.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from relgui.domain.messages import pick, say
from relgui.store.models import AuditEvent

GENESIS = "0" * 64
ADVISORY_KEY = 0x72656C67  # 'relg'
KEY_WIDTH = 100  # audit_events.entity_key


def canonical_event(seq: int, at: dt.datetime, actor_id: int | None, actor_name: str, action: str,
                    entity: str, entity_key: str, release_id: int | None, detail: dict[str, Any]) -> bytes:
    body = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "release_id": release_id,
        "detail": detail,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


_json_text = json.encoder.encode_basestring  # a str as JSON, ensure_ascii=False, in C


def canonical_detail(detail: dict[str, Any]) -> str:
    """The detail's part of the canonical form (also valid to store as the detail column)."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def canonical_event_text(seq: int, at: dt.datetime, actor_id: int | None, actor_name: str, action: str,
                         entity: str, entity_key: str, release_id: int | None, detail_json: str) -> bytes:
    """Byte for byte what canonical_event gives, from a detail already in canonical JSON: for
    bulk writers (demo data) that store the same text. Keys in sorted order, by hand."""
    utc = at if at.tzinfo is dt.UTC else at.astimezone(dt.UTC)
    at_text = utc.replace(tzinfo=None).isoformat(timespec="microseconds")
    return ('{"action":' + _json_text(action)
            + ',"actor_id":' + ("null" if actor_id is None else str(int(actor_id)))
            + ',"actor_name":' + _json_text(actor_name)
            + ',"at":"' + at_text
            + '","detail":' + detail_json
            + ',"entity":' + _json_text(entity)
            + ',"entity_key":' + _json_text(entity_key)
            + ',"release_id":' + ("null" if release_id is None else str(int(release_id)))
            + ',"seq":' + str(int(seq)) + "}").encode()


def chain_hash(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + payload).hexdigest()


def _normalise_detail(detail: dict[str, Any]) -> dict[str, Any]:
    """What the database hands back must hash the same as what was written (JSON round trip)."""
    return json.loads(json.dumps(detail, ensure_ascii=False, default=str))


def head(session: Session) -> tuple[int, str]:
    row = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (0, GENESIS) if row is None else (row.seq, row.hash)


def append(session: Session, *, at: dt.datetime, actor_id: int | None, actor_name: str, action: str,
           entity: str, entity_key: str, release_id: int | None, detail: dict[str, Any]) -> AuditEvent:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_KEY})
    entity_key = str(entity_key)[:KEY_WIDTH]  # a long name (a configuration item's) fits its column
    prev_seq, prev_hash = head(session)
    seq = prev_seq + 1
    detail = _normalise_detail(detail)
    payload = canonical_event(seq, at, actor_id, actor_name, action, entity, entity_key, release_id, detail)
    event = AuditEvent(seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, action=action,
                       entity=entity, entity_key=entity_key, release_id=release_id, detail=detail,
                       prev_hash=prev_hash, hash=chain_hash(prev_hash, payload))
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    problem: str = ""  # missing | prev_mismatch | hash_mismatch | head_mismatch

    def describe(self, lang: str = "zh_CN") -> str:
        if self.ok:
            return say("audit_chain_intact", lang, count=self.checked, seq=self.head_seq, hash=self.head_hash[:12])
        what = {
            "missing": ("缺少事件", "event missing"),
            "prev_mismatch": ("与前一条的链接断开（被删除、插入或调换）",
                              "link to the previous event broken (deleted, inserted or reordered)"),
            "hash_mismatch": ("内容被修改", "content altered"),
            "head_mismatch": ("末尾的事件被删除", "events removed from the end"),
        }[self.problem]
        return say("audit_chain_broken", lang, seq=self.broken_seq, what=pick(what, lang))


def verify(session: Session, expect_head: tuple[int, str] | None = None, batch: int = 5000,
           on_detail=None) -> VerifyResult:
    """Walk the chain from the start; name the first broken or missing event.

    ``expect_head`` is a (seq, hash) seen earlier (e.g. cached by a workstation): a chain that no
    longer reaches it has lost events at its end. ``on_detail(seq, detail)`` sees every event's
    detail on the way (row evidence reads its images in the same pass).
    """
    if session.get_bind().dialect.name == "sqlite":
        return _verify_sqlite(session, expect_head, batch, on_detail)
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    cols = AuditEvent.__table__.c
    while True:
        rows = session.execute(
            select(cols.seq, cols.at, cols.actor_id, cols.actor_name, cols.action, cols.entity, cols.entity_key,
                   cols.release_id, cols.detail, cols.prev_hash, cols.hash)
            .where(cols.seq >= expected_seq).order_by(cols.seq).limit(batch)
        ).all()
        if not rows:
            break
        for ev in rows:
            if on_detail is not None:
                on_detail(ev.seq, ev.detail)
            if ev.seq != expected_seq:
                return VerifyResult(False, checked, last_seq, prev_hash, expected_seq, "missing")
            if ev.prev_hash != prev_hash:
                return VerifyResult(False, checked, last_seq, prev_hash, ev.seq, "prev_mismatch")
            payload = canonical_event(ev.seq, ev.at, ev.actor_id, ev.actor_name, ev.action, ev.entity,
                                      ev.entity_key, ev.release_id, ev.detail)
            if chain_hash(prev_hash, payload) != ev.hash:
                return VerifyResult(False, checked, last_seq, prev_hash, ev.seq, "hash_mismatch")
            prev_hash, last_seq, expected_seq, checked = ev.hash, ev.seq, ev.seq + 1, checked + 1
    if expect_head is not None:
        seq, h = expect_head
        if last_seq < seq:
            return VerifyResult(False, checked, last_seq, prev_hash, last_seq + 1, "head_mismatch")
        known = session.execute(select(AuditEvent.hash).where(AuditEvent.seq == seq)).scalar()
        if known != h:
            return VerifyResult(False, checked, last_seq, prev_hash, seq, "hash_mismatch")
    return VerifyResult(True, checked, last_seq, prev_hash)


def _verify_sqlite(session: Session, expect_head, batch: int, on_detail) -> VerifyResult:
    """The same walk on SQLite, from the driver's own values: the stored detail is already the
    canonical JSON (store.types.json_text), so an event's canonical form is put together as
    text (canonical_event_text) instead of decoding and encoding every detail again. An event
    stored otherwise (an older relgui) is hashed the slow way before it counts as altered."""
    raw = session.connection().connection.driver_connection
    assert raw is not None  # an open connection has its driver's (None only once closed)
    prev_hash, expected_seq, checked, last = GENESIS, 1, 0, 0
    sql = ("SELECT seq, at, actor_id, actor_name, action, entity, entity_key, release_id, detail, prev_hash, hash "
           "FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?")
    sha256 = hashlib.sha256
    while True:
        rows = raw.execute(sql, (expected_seq, batch)).fetchall()
        if not rows:
            break
        for seq, at, actor_id, actor_name, action, entity, entity_key, release_id, detail, prev, h in rows:
            if on_detail is not None:
                on_detail(seq, detail)
            if seq != expected_seq:
                return VerifyResult(False, checked, last, prev_hash, expected_seq, "missing")
            if prev != prev_hash:
                return VerifyResult(False, checked, last, prev_hash, seq, "prev_mismatch")
            at_text = f"{at[:10]}T{at[11:]}" if isinstance(at, str) and len(at) == 26 else ""
            payload = ('{"action":' + _json_text(action)
                       + ',"actor_id":' + ("null" if actor_id is None else str(actor_id))
                       + ',"actor_name":' + _json_text(actor_name)
                       + ',"at":"' + at_text
                       + '","detail":' + (detail or "{}")
                       + ',"entity":' + _json_text(entity)
                       + ',"entity_key":' + _json_text(entity_key)
                       + ',"release_id":' + ("null" if release_id is None else str(release_id))
                       + ',"seq":' + str(seq) + "}").encode()
            if sha256(prev_hash.encode("ascii") + payload).hexdigest() != h:
                when = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC) if isinstance(at, str) else at
                slow = canonical_event(seq, when, actor_id, actor_name, action, entity, entity_key, release_id,
                                       json.loads(detail) if isinstance(detail, str) else (detail or {}))
                if chain_hash(prev_hash, slow) != h:
                    return VerifyResult(False, checked, last, prev_hash, seq, "hash_mismatch")
            prev_hash, last, expected_seq, checked = h, seq, seq + 1, checked + 1
    if expect_head is not None:
        seq, h = expect_head
        if last < seq:
            return VerifyResult(False, checked, last, prev_hash, last + 1, "head_mismatch")
        known = raw.execute("SELECT hash FROM audit_events WHERE seq = ?", (seq,)).fetchone()
        if known is None or known[0] != h:
            return VerifyResult(False, checked, last, prev_hash, seq, "hash_mismatch")
    return VerifyResult(True, checked, last, prev_hash)


def last_seq(session: Session) -> int:
    """The change counter other workstations poll to know something changed."""
    return session.execute(select(func.max(AuditEvent.seq))).scalar() or 0
