"""Gathering what the lifecycle rules need to know about one release (ReleaseFacts)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import operator
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import LargeBinary, String, Text, and_, case, cast, func, literal, literal_column, or_, select, type_coerce
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from relgui.domain import closure, sealing, text
from relgui.domain import plan as plandom
from relgui.domain.errors import NotFound
from relgui.domain.lifecycle import ItemState, ReleaseFacts
from relgui.domain.states import Status
from relgui.policy import Profile, profile_for
from relgui.services import signing
from relgui.store.models import (
    AuditEvent,
    ChangeRequest,
    ChecklistEntry,
    Closure,
    ConfigItem,
    Document,
    KnowledgeEntry,
    Plan,
    PlanRevision,
    Problem,
    Release,
    ReleaseChange,
    ReleaseItem,
    Rollback,
    Signature,
    SoftwareVersion,
    StepRecord,
)


def load_release(s: Session, key: int | str, *, lock: bool = False) -> Release:
    """By id or by number (FB-2026-0001)."""
    stmt = select(Release)
    stmt = stmt.where(Release.id == key) if text.is_row_id(key) else stmt.where(Release.number == text.key(key))
    if lock:
        stmt = stmt.with_for_update()
    release = s.execute(stmt).scalar_one_or_none()
    if release is None:
        raise NotFound.of("release", key)
    return release


def latest_revision(s: Session, release_id: int) -> PlanRevision | None:
    return s.execute(select(PlanRevision).where(PlanRevision.release_id == release_id)
                     .order_by(PlanRevision.number.desc()).limit(1)).scalar_one_or_none()


def approval_state(s: Session, revision: PlanRevision | None) -> tuple[Signature | None, bool]:
    """The approval of ``revision`` and whether it is broken.

    An approval counts only while it verifies where it is used (R-DOC-SIGN): not voided, its
    own hash intact (signer, role, meaning, time, what was signed), over exactly the
    revision's content, and that content still hashing to what was signed. Returns (the valid
    signature or None, True when a live approval exists but fails one of these checks).
    """
    if revision is None:
        return None, False
    sig = s.execute(select(Signature).where(
        Signature.subject == "plan_revision", Signature.subject_id == revision.id,
        Signature.meaning == "approve", Signature.voided_at.is_(None),
    ).order_by(Signature.id.desc()).limit(1)).scalar_one_or_none()
    if sig is None:
        return None, False
    if (sig.content_hash != revision.content_hash or not signing.is_intact(sig)
            or sig.release_id != revision.release_id
            or plandom.digest(revision.content) != revision.content_hash):
        return None, True  # altered behind the application: it does not count, and says so
    return sig, False


_json_str = json.encoder.encode_basestring  # json.dumps of a str with ensure_ascii=False, in C
_SIGNED_KEYS = ("content_hash", "meaning", "reason", "release_id", "signed_at", "signer_id", "signer_name",
                "signer_role", "subject", "subject_id")  # signing.signature_payload's keys, sorted


def _j(value: Any) -> str:
    """A str, int or None exactly as plandom.canonical writes it; anything else: KeyError."""
    if value is None:
        return "null"
    kind = type(value)
    if kind is str:
        return _json_str(value)
    if kind is int:
        return str(value)
    raise KeyError(kind)


@functools.cache
def _fast_payload_ok() -> bool:
    """signing.signature_payload still has exactly these keys and closure.closure_digest this form
    (else only the slow path is used)."""
    probe = signing.SignedFields(0, "", 0, "", 0, "", "", dt.datetime(2000, 1, 1), "", "")
    legacy = '{"analysis":"a","outcome":"o","release":"n"}'
    return (tuple(sorted(signing.signature_payload(probe))) == _SIGNED_KEYS
            and closure.closure_digest("n", "o", "a") == hashlib.sha256(legacy.encode()).hexdigest())


def _intact(sig: Any) -> bool:
    """signing.is_intact, first from a canonical text put together by hand (many closures on the
    KPI: ~6× faster than json.dumps with sort_keys); a mismatch or an unusual value is decided
    by signing.is_intact itself, so the quick form can only save time, never accept."""
    if _fast_payload_ok():
        try:
            text_ = ('{"content_hash":' + _j(sig.content_hash) + ',"meaning":' + _j(sig.meaning)
                     + ',"reason":' + _j(sig.reason) + ',"release_id":' + _j(sig.release_id)
                     + ',"signed_at":' + _j(sig.signed_at.isoformat(timespec="microseconds"))
                     + ',"signer_id":' + _j(sig.signer_id) + ',"signer_name":' + _j(sig.signer_name)
                     + ',"signer_role":' + _j(sig.signer_role) + ',"subject":' + _j(sig.subject)
                     + ',"subject_id":' + _j(sig.subject_id) + "}")
            if hashlib.sha256(text_.encode("utf-8")).hexdigest() == sig.signature_hash:
                return True
        except (KeyError, AttributeError):
            pass
    return signing.is_intact(sig)


def closure_report_digest(s: Session, signature_id: int) -> str | None:
    """The signed digest of the 发布变更报告 a closing signature sealed, as the audit trail (whose
    chain `audit verify` holds) recorded it when the closure was signed; None for a closure
    signed before reports were sealed."""
    detail = s.execute(select(AuditEvent.detail).where(
        AuditEvent.entity == "signature", AuditEvent.entity_key == str(signature_id),
        AuditEvent.action == "signature.close").order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    value = detail.get("report_sha256") if isinstance(detail, dict) else None
    return value if isinstance(value, str) else None


def closure_covers(content_hash: str | None, number: str, outcome: str | None, analysis: str,
                   report: str | None = None) -> bool:
    """Whether what a closing signature signed (``content_hash``) is this closure as it reads now:
    the release, its result and the manager's analysis — with the sealed 发布变更报告's signed
    digest ``report`` (sealing.sealed_digest), or without it for a closure signed before reports
    were sealed (closure.closure_digest). The one place that says what a closure signature covers."""
    try:  # closure_digest's canonical text, by hand (as _intact); the slow form decides otherwise
        quick = ('{"analysis":' + _j(analysis) + ',"outcome":' + _j(outcome) + ',"release":' + _j(number) + "}")
        if hashlib.sha256(quick.encode("utf-8")).hexdigest() == content_hash:
            return True
    except KeyError:
        pass
    if content_hash == closure.closure_digest(number, outcome, analysis):
        return True
    return report is not None and content_hash == sealing.sealed_digest(number, outcome, analysis, report)


def closure_verifies(release_id: int, number: str, outcome: str | None, closure_row: Any, sig: Any,
                     s: Session | None = None) -> bool:
    """R-4.2.2-CLOSE, R-DOC-SIGN: a closure counts only while its signature verifies — the closure
    record and its signature are there, the signature is a live 关闭 signature on this release's
    closure, its own hash is intact (signer, role, meaning, time, what was signed), the closure
    states the release's result, and what was signed is the closure as it reads now
    (closure_covers; with ``s``, a sealed report's digest is looked up when the closure is not a
    legacy one). ``closure_row`` and ``sig`` are rows or ORM objects (attributes as the closures
    and signatures tables name them), or None."""
    if closure_row is None or sig is None:
        return False
    if (sig.meaning != "close" or sig.subject != "closure" or sig.subject_id != release_id
            or sig.release_id != release_id or sig.voided_at is not None
            or closure_row.signature_id != sig.id or closure_row.outcome != outcome):
        return False
    if not _intact(sig):
        return False
    if closure_covers(sig.content_hash, number, outcome, closure_row.analysis):
        return True
    report = closure_report_digest(s, sig.id) if s is not None else None
    return report is not None and closure_covers(sig.content_hash, number, outcome, closure_row.analysis, report)


# ------------------------------------------------------------------ closures verified in bulk

# What the database writes for closure_verifies' quick form, per dialect and engine version:
# whether its JSON quoting of text is json.dumps(ensure_ascii=False)'s, tried once per process.
_QUOTING_SAME: dict[tuple, bool] = {}
_PROBE = "".join(map(chr, range(1, 0x80))) + "\u0080\u009f\u00a0\u2028\u2029\ufeff\uffff中文𠀀\U0010ffff"
_SQLITE_STAMP = "[0-9]" * 4 + "-" + "[0-9]" * 2 + "-" + "[0-9]" * 2 + " " + ":".join(["[0-9]" * 2] * 3) + "." + "[0-9]" * 6
_NO = "-"  # stands for a stored hash where the quick form has no text: never a hex digest
_CHUNK = 500  # ids per IN list (SQLite's old limit of bound values is 999)
_sha256 = hashlib.sha256
_hexdigest = type(hashlib.sha256()).hexdigest


def _pg(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def _q(pg: bool, value: Any):
    """``value`` as the canonical JSON text (plandom.canonical) written by the database."""
    if pg:
        return func.coalesce(cast(func.to_json(value), Text), "null")
    return func.json_quote(value, type_=Text)


def _quoting_same(s: Session) -> bool:
    """Whether this database quotes text in JSON exactly as json.dumps(ensure_ascii=False) does
    (control characters, quotes, backslashes, the rest as is), on a probe of every ASCII
    character and the non-ASCII ones some encoders escape; asked once per process and engine
    version. tests/test_kpi_closure_signature.py holds every code point to it."""
    import sqlite3

    pg = _pg(s)
    key = ("postgresql", s.get_bind().dialect.server_version_info) if pg else ("sqlite", sqlite3.sqlite_version)
    if key not in _QUOTING_SAME:
        try:
            got = s.execute(select(_q(pg, cast(literal(_PROBE), Text)))).scalar()
        except Exception:  # noqa: BLE001 - no JSON functions in this SQLite: only the Python form is used
            got = None
        _QUOTING_SAME[key] = got == _json_str(_PROBE)
    return _QUOTING_SAME[key]


def _stamp_sql(pg: bool, col):
    """(the quoted canonical text of signed_at as signing.signature_payload writes it, the
    condition under which the stored value reads back as exactly that instant)."""
    if pg:
        return (literal('"', Text).concat(func.to_char(col, 'YYYY-MM-DD"T"HH24:MI:SS.US')).concat('+00:00"'),
                and_(col >= dt.datetime(1, 1, 1, tzinfo=dt.UTC),
                     col < dt.datetime(9999, 12, 31, tzinfo=dt.UTC)))
    raw = type_coerce(col, Text)  # SQLite's text, YYYY-MM-DD HH:MM:SS.ffffff, a valid date and time
    return (literal('"', Text).concat(func.replace(raw, " ", "T")).concat('+00:00"'),
            and_(func.typeof(raw) == "text", raw.op("GLOB")(_SQLITE_STAMP), raw >= "0001",
                 func.datetime(raw, "+0 seconds") == func.substr(raw, 1, 19)))


SHA256_SQL = "relgui_sha256"  # SQLite: the SQL function _with_sha256 gives a connection


def _sha256_hex(data: bytes) -> str:
    return _hexdigest(_sha256(data))


def _with_sha256(s: Session) -> bool:
    """SQLite has no hash function: give this session's connection hashlib's SHA-256 as the
    deterministic SQL function relgui_sha256(blob) → lowercase hex (PostgreSQL has sha256()).
    False when the driver cannot (broken_closures then hashes in Python)."""
    raw = getattr(s.connection().connection, "driver_connection", None)
    if raw is None:
        return False
    try:
        raw.create_function(SHA256_SQL, 1, _sha256_hex, deterministic=True)
    except (AttributeError, TypeError, NotImplementedError):  # not sqlite3's connection
        return False
    return True


def _sha256_sql(pg: bool, blob):
    """The lowercase hex SHA-256 of ``blob``, computed by the database."""
    return func.encode(func.sha256(blob), "hex") if pg else getattr(func, SHA256_SQL)(blob, type_=Text)


@functools.cache
def _quick_parts(pg: bool) -> tuple:
    """SQL for the quick form of closure_verifies over Release ⟕ Closure ⟕ Signature: (whether
    the checks without hashing hold, the signature's canonical payload and the legacy closure
    digest's canonical text — both as UTF-8 bytes —, the two hashes they must give). Built once
    per dialect: the expressions hold no values of a call."""
    r, c, g = Release, Closure, Signature
    stamp, stamp_ok = _stamp_sql(pg, g.signed_at)
    checks = [c.release_id.is_not(None), g.id.is_not(None), g.meaning == "close", g.subject == "closure",
              g.subject_id == r.id, g.release_id == r.id, g.voided_at.is_(None), c.outcome == r.outcome, stamp_ok]
    if not pg:  # SQLite keeps any value in any column: the integers must be integers (text columns
        # hold text or a BLOB, on which json_quote fails the query: broken_closures then goes row by row)
        checks += [func.typeof(x) == "integer" for x in (g.release_id, g.subject_id, g.signer_id)]
    payload = {"content_hash": _q(pg, g.content_hash), "meaning": _q(pg, g.meaning), "reason": _q(pg, g.reason),
               "release_id": _q(pg, g.release_id), "signed_at": stamp, "signer_id": _q(pg, g.signer_id),
               "signer_name": _q(pg, g.signer_name), "signer_role": _q(pg, g.signer_role),
               "subject": _q(pg, g.subject), "subject_id": _q(pg, g.subject_id)}
    legacy = {"analysis": _q(pg, c.analysis), "outcome": _q(pg, r.outcome), "release": _q(pg, r.number)}

    def obj(fields: dict):
        pieces = [literal(("{" if i == 0 else ",") + _json_str(k) + ":", Text).concat(v)
                  for i, (k, v) in enumerate(sorted(fields.items()))]
        text_ = functools.reduce(lambda a, b: a.concat(b), pieces).concat("}")
        blob = func.convert_to(text_, "UTF8") if pg else cast(text_, LargeBinary)
        return func.coalesce(type_coerce(blob, NullType), literal_column("'\\x'::bytea" if pg else "X''"))

    ok = case((and_(*checks), 1), else_=0)
    return ok, obj(payload), g.signature_hash, obj(legacy), g.content_hash, obj({**legacy, "report": _report_sql(pg)})


def _report_sql(pg: bool):
    """closure_report_digest in SQL, correlated to Signature: the quoted JSON text of the
    ``report_sha256`` of the signature's latest signature.close event when it is a JSON string,
    else NULL (the sealed text is then NULL, its hash too, and the row a suspect decided in Python)."""
    detail = AuditEvent.__table__.c.detail
    if pg:
        value = case((func.jsonb_typeof(detail.op("->")("report_sha256")) == "string",
                      detail.op("->>")("report_sha256")), else_=None)
    else:
        value = case((func.json_type(detail, "$.report_sha256") == "text",
                      func.json_extract(detail, "$.report_sha256")), else_=None)
    latest = (select(type_coerce(value, Text)).where(
        AuditEvent.entity == "signature", AuditEvent.entity_key == cast(Signature.id, String),
        AuditEvent.action == "signature.close").order_by(AuditEvent.seq.desc()).limit(1)
        .correlate(Signature).scalar_subquery())
    return _q(pg, latest) if pg else func.json_quote(latest, type_=Text)


@functools.cache
def _suspect_parts(pg: bool) -> tuple:
    """(intact, covered) as SQL, each 1 or 0, never NULL: the checks without hashing hold and the
    signature's payload hashes to its stored hash; what was signed is the closure's legacy text,
    or its sealed text with the sealed report's digest (sealing.sealed_digest; the digest as the
    audit trail recorded it at the closure, closure_report_digest). Hashed by the database, so only
    the suspects travel: before the sealed form was here, every sealed closure came back and was
    hashed in Python (≈29 µs each: 2.5 s for the dashboard's 87 000 closures)."""
    ok, sig_text, sig_hash, cover_text, cover_hash, sealed_text = _quick_parts(pg)
    intact = case((and_(ok == 1, _sha256_sql(pg, sig_text) == sig_hash), 1), else_=0)
    # A NULL report makes the sealed text NULL on PostgreSQL (|| with NULL); on SQLite
    # json_quote(NULL) is the text null, whose hash no sealed digest has. The sealed form is
    # tried first: every closure since the 发布变更报告 was sealed with it is one, and the legacy
    # text was hashed for nothing before it (a sixth of the check on 9 000 sealed closures).
    covered = case((_sha256_sql(pg, sealed_text) == cover_hash, 1),
                   (_sha256_sql(pg, cover_text) == cover_hash, 1), else_=0)
    return intact, covered


def broken_closures(s: Session, where: list) -> set[int]:
    """R-4.2.2-CLOSE, R-DOC-SIGN: the ids of the releases selected by ``where`` (conditions on
    Release) that were closed in relgui (a closure record, or a closer) and whose closure does not
    verify — the verdict of closure_verifies for each, in bulk.

    One query writes, per release, the signature's canonical payload and the legacy closure
    digest's canonical text in the database (JSON quoting, the time's ISO form), hashes both there
    (PostgreSQL's sha256(), on SQLite hashlib's as a SQL function) and checks what needs no hashing
    (record and live 关闭 signature present, on this release's closure, the result stated); only
    the releases where something does not hold come back. A release passes only when those checks
    hold and both hashes are the stored ones — then closure_verifies passes too, as its texts are
    these (a value the database would write otherwise fails the checks: _quoting_same, the stored
    time's form, SQLite's column types). A signature intact over another text is held against the
    sealed report's digest (the signature.close events, read in bulk) by closure_covers itself;
    anything else is decided by closure_verifies, row by row, so a refusal is always its own."""
    if not (_fast_payload_ok() and _quoting_same(s)):
        return _broken_one_by_one(s, where)
    pg = _pg(s)
    try:
        if pg or _with_sha256(s):
            intact, covered = _suspect_parts(pg)
            suspects: Sequence[Any] = s.connection().execute(  # rows unpack as (id, ...) tuples
                _closed_here(select(Release.id, intact), where).where(or_(intact == 0, covered == 0))).all()
        else:
            suspects = _suspects_hashed_here(s, pg, where)
    except DBAPIError:
        if pg:
            raise
        return _broken_one_by_one(s, where)  # a BLOB in a text column (put there by hand): json_quote refuses it
    if not suspects:
        return set()
    sealed = [rid for rid, ok in suspects if ok]  # intact, over another text: a sealed report's digest?
    left = sorted({rid for rid, ok in suspects if not ok} | (sealed_not_covered(s, sealed) if sealed else set()))
    out: set[int] = set()
    for i in range(0, len(left), _CHUNK):
        out |= _broken_one_by_one(s, [Release.id.in_(left[i:i + _CHUNK])])
    return out


def _suspects_hashed_here(s: Session, pg: bool, where: list) -> list[tuple[int, int]]:
    """broken_closures' suspects when the database cannot hash: the texts come back and hashlib
    hashes them, with no Python code per row."""
    rows = s.connection().execute(_closed_here(select(Release.id, *_quick_parts(pg)[:5]), where)).all()
    if not rows:
        return []
    ids, checked, sig_texts, sig_hashes, cover_texts, cover_hashes = zip(*rows)  # sealed ones: sealed_not_covered
    intact = list(map(operator.and_, checked, map(operator.eq, map(_hexdigest, map(_sha256, sig_texts)), sig_hashes)))
    covered = map(operator.eq, map(_hexdigest, map(_sha256, cover_texts)), cover_hashes)
    return list(itertools.compress(zip(ids, intact), map(operator.not_, map(operator.and_, intact, covered))))


def _closed_here(stmt, where: list):
    return (stmt.select_from(Release).outerjoin(Closure, Closure.release_id == Release.id)
            .outerjoin(Signature, Signature.id == Closure.signature_id)
            .where(*where, or_(Closure.release_id.is_not(None), Release.closed_by_id.is_not(None))))


def sealed_not_covered(s: Session, ids: list[int]) -> set[int]:
    """Of releases whose closing signature is intact but is no legacy closure digest: those whose
    closure is not what was signed with the sealed report's digest either (closure_covers with
    closure_report_digest's value, the latest signature.close event of each signature read in
    bulk)."""
    latest = (select(AuditEvent.detail).where(
        AuditEvent.entity == "signature", AuditEvent.entity_key == cast(Signature.id, String),
        AuditEvent.action == "signature.close").order_by(AuditEvent.seq.desc()).limit(1)
        .correlate(Signature).scalar_subquery())
    out = set()
    for i in range(0, len(ids), _CHUNK):
        for rid, number, outcome, analysis, content_hash, detail in s.execute(_closed_here(select(
                Release.id, Release.number, Release.outcome, Closure.analysis, Signature.content_hash,
                type_coerce(latest, AuditEvent.__table__.c.detail.type)), [Release.id.in_(ids[i:i + _CHUNK])])):
            value = detail.get("report_sha256") if isinstance(detail, dict) else None
            report = value if isinstance(value, str) else None
            if report is None or not closure_covers(content_hash, number, outcome, analysis, report):
                out.add(rid)
    return out


def _broken_one_by_one(s: Session, where: list) -> set[int]:
    """closure_verifies for each release selected by ``where`` that was closed in relgui."""
    sig = Signature.__table__.c
    stmt = _closed_here(select(Release.id.label("r_id"), Release.number.label("r_number"),
                               Release.outcome.label("r_outcome"), Closure.release_id.label("c_release"),
                               Closure.signature_id.label("c_signature"), Closure.outcome.label("c_outcome"),
                               Closure.analysis.label("c_analysis"), *sig), where)
    out = set()
    for row in s.execute(stmt):
        record = None if row.c_release is None else SimpleNamespace(
            signature_id=row.c_signature, outcome=row.c_outcome, analysis=row.c_analysis)
        if not closure_verifies(row.r_id, row.r_number, row.r_outcome, record, row if row.id is not None else None, s):
            out.add(row.r_id)
    return out


def closure_state(s: Session, release: Release) -> tuple[Closure | None, Signature | None, bool]:
    """The closure of ``release``, its signature, and whether it is broken: True when the
    release was closed in relgui (it has a closure record, or a closing date and a closer) but
    its closure does not verify (closure_verifies) — altered behind the application, it does not
    count. A release imported closed from the old register has neither record nor closer."""
    record = s.get(Closure, release.id)
    sig = s.get(Signature, record.signature_id) if record is not None and record.signature_id is not None else None
    if record is None and (release.closed_at is None or release.closed_by_id is None):
        return None, None, False  # not closed, or closed outside relgui (imported): nothing to verify
    return record, sig, not closure_verifies(release.id, release.number, release.outcome, record, sig, s)


def approval_of(s: Session, revision: PlanRevision | None) -> Signature | None:
    """The valid approval signature of ``revision`` (see approval_state)."""
    return approval_state(s, revision)[0]


def ref_gaps(s: Session, content: dict[str, Any], *, current: bool = True) -> list[plandom.Gap]:
    """R-3.3-DSL: each baseline row names a known configuration item and an approved version.
    ``current``: the plan is still being written, so its 发布前版本 must be the CMDB's current
    version of the item (R-1.3-COOP; else the rollback target is wrong): a stale one is a gap.
    Once approved the CMDB moves on by design (this release's own update), so it is not judged."""
    rows = (content.get("baseline") or {}).get("items") or []
    gaps = []
    ci_ids = {r.get("ci_ref") for r in rows if r.get("ci_ref")}
    sv_ids = {r.get("after_ref") for r in rows if r.get("after_ref")}
    versions = dict(s.execute(select(ConfigItem.id, ConfigItem.current_version)
                              .where(ConfigItem.id.in_(ci_ids))).all()) if ci_ids else {}
    known_ci = set(versions)
    sv_status = dict(s.execute(select(SoftwareVersion.id, SoftwareVersion.status)
                               .where(SoftwareVersion.id.in_(sv_ids))).all()) if sv_ids else {}
    for i, row in enumerate(rows, 1):
        if row.get("ci") and row.get("ci_ref") not in known_ci:
            gaps.append(plandom.Gap("baseline", "items", "ref_unknown", i, "ci_unknown"))
        elif current and row.get("ci") and versions.get(row.get("ci_ref")) and \
                str(row.get("before", "")) != versions[row["ci_ref"]]:
            gaps.append(plandom.Gap("baseline", "items", "stale_before", i, versions[row["ci_ref"]]))
        if row.get("after"):
            status = sv_status.get(row.get("after_ref"))
            if status is None:
                gaps.append(plandom.Gap("baseline", "items", "ref_unknown", i, "dsl_unknown"))
            elif status != "approved":
                gaps.append(plandom.Gap("baseline", "items", "ref_unknown", i, "dsl_not_approved"))
    return gaps


# While a plan is written its baseline is held against the CMDB as it is now (stale_before).
PLAN_BEING_WRITTEN = frozenset({Status.REQUESTED, Status.ACCEPTED, Status.PLANNING, Status.PLAN_SUBMITTED})


def plan_gaps(s: Session, profile: Profile, content: dict[str, Any], *, current: bool = True) -> list[plandom.Gap]:
    return plandom.gaps(profile, content) + ref_gaps(s, content, current=current)


WRITING_ACTIONS = ("plan.save_section", "plan.freeze")


def plan_writers(s: Session, release_id: int) -> frozenset[int]:
    """Who wrote content of this release's plan: every section author and every submitter,
    from the audit trail (R-4.1-FOUR-EYES). A section written early and kept is content of
    the revision under approval, so every writer counts, not only the last one."""
    return frozenset(a for a in s.execute(select(AuditEvent.actor_id).distinct().where(
        AuditEvent.release_id == release_id, AuditEvent.action.in_(WRITING_ACTIONS),
        AuditEvent.actor_id.is_not(None))).scalars() if a is not None)


def _table_len(content: dict[str, Any], section: str, table: str) -> int:
    return len(((content or {}).get(section) or {}).get(table) or [])


def closure_facts(s: Session, rid: int, checklists: dict[str, dict[str, ItemState]] | None = None
                  ) -> closure.ClosureFacts:
    """What the record's consistency rules need (relgui.domain.closure): the 知识更新 and 文档归档
    results, the release's lessons, its archived documents and its rollback decisions."""
    if checklists is None:
        checklists = {}
        for e in s.execute(select(ChecklistEntry).where(ChecklistEntry.release_id == rid)).scalars():
            checklists.setdefault(e.checklist, {})[e.item] = ItemState(e.result, e.reason)
    cu = checklists.get("config_update", {})
    lessons = s.execute(select(func.count()).select_from(KnowledgeEntry)
                        .where(KnowledgeEntry.release_id == rid)).scalar_one()
    archived = frozenset(s.execute(select(Document.kind).distinct().where(Document.release_id == rid)).scalars())
    decisions = tuple((tuple(p.triggers or ()), p.decision, p.decision_reason or "") for p in s.execute(
        select(Problem).where(Problem.release_id == rid, Problem.decision.is_not(None)).order_by(Problem.id)).scalars())
    outcome = s.execute(select(Release.outcome).where(Release.id == rid)).scalar()
    return closure.ClosureFacts(cu.get("knowledge", ItemState()).result, cu.get("archive", ItemState()).result,
                                lessons, archived, decisions, outcome)


def gather(s: Session, release: Release) -> ReleaseFacts:
    profile = profile_for(release.profile_ref)
    rid = release.id
    change_statuses = tuple(s.execute(
        select(ChangeRequest.status).join(ReleaseChange, ReleaseChange.change_id == ChangeRequest.id)
        .where(ReleaseChange.release_id == rid)).scalars())
    plan = s.get(Plan, rid)
    content = plan.content if plan else {}
    revision = latest_revision(s, rid)
    valid, broken = approval_state(s, revision)
    approved = valid is not None and release.status not in (
        Status.PLANNING, Status.PLAN_SUBMITTED, Status.ACCEPTED, Status.REQUESTED)
    basis = revision.content if (approved and revision) else content
    checklists: dict[str, dict[str, ItemState]] = {}
    for e in s.execute(select(ChecklistEntry).where(ChecklistEntry.release_id == rid)).scalars():
        checklists.setdefault(e.checklist, {})[e.item] = ItemState(
            e.result, e.reason, bool(e.confirmed_by and e.confirmed_dept and e.confirmed_at))
    done = dict(s.execute(select(StepRecord.kind, func.count()).where(
        StepRecord.release_id == rid, StepRecord.status.in_(("done", "skipped"))).group_by(StepRecord.kind)).all())
    rollback_done = s.execute(select(func.count()).select_from(StepRecord).where(
        StepRecord.release_id == rid, StepRecord.kind == "rollback", StepRecord.status == "done")).scalar_one()
    open_problem = s.execute(select(func.count()).select_from(Problem).where(
        Problem.release_id == rid, Problem.decision.is_(None))).scalar_one() > 0
    rb = s.get(Rollback, rid)
    writers = plan_writers(s, rid) if release.status == Status.PLAN_SUBMITTED else frozenset()
    cmdb_pending = s.execute(select(func.count()).select_from(ReleaseItem).where(
        ReleaseItem.release_id == rid, ReleaseItem.applied_at.is_(None))).scalar_one()
    return ReleaseFacts(
        record=closure_facts(s, rid, checklists),
        status=Status(release.status),
        type=release.type,
        profile=profile,
        requested_by=release.requested_by_id,
        change_statuses=change_statuses,
        plan_gaps=tuple(plan_gaps(s, profile, content, current=Status(release.status) in PLAN_BEING_WRITTEN))
        if plan else tuple(
            plandom.gaps(profile, plandom.empty_content(profile))),
        plan_author=revision.created_by_id if revision else None,
        plan_writers=writers,
        approval_valid=approved,
        approval_broken=broken,
        checklists=checklists,
        steps_total=_table_len(basis, "steps", "steps"),
        steps_done=done.get("deploy", 0),
        open_problem=open_problem,
        rollback_steps_total=_table_len(basis, "rollback", "steps"),
        rollback_steps_done=rollback_done,
        restored=bool(rb and rb.restored_at),
        rollback_cause=rb.cause if rb else "",
        cmdb_pending=cmdb_pending,
    )
