"""The tamper matrix: an insider with the schema owner's credentials edits, deletes and inserts
rows of every table the policy relies on — with and without recomputing the hashes the rows
carry — and cuts or rewrites the audit chain. `audit verify` (chain + records) must find it.

Each case runs inside the owner's transaction and is rolled back afterwards, so all cases share
one prepared database per backend. The test prints the matrix and fails below 95 % found.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from flows import decide, problem, release_at, restored, rv, step
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from relgui.domain.states import Status
from relgui.services import attachments, closing, company, execution, rollback, signing
from relgui.store import audit, evidence
from relgui.store.models import AuditEvent, Signature


def _prepare(world) -> None:
    """Rows in every evidence table, written through the services."""
    release_at(world, Status.CLOSED)
    running = release_at(world, Status.DEPLOYING)
    execution.observe(world.ctx("zhangwei"), running, "progress", "第一步完成")
    attachments.add(world.ctx("zhangwei"), running, b"evidence file", "截图", filename="evidence.txt")
    rolled = release_at(world, Status.DEPLOYING, type_="major")
    problem(world, rolled)
    decide(world, rolled)
    step(world, rolled, 1, "done", kind="rollback")
    step(world, rolled, 2, "done", kind="rollback")
    restored(world, rolled)
    rollback.complete(world.ctx("zhangwei"), rolled, expected_version=rv(world, rolled))
    closing.add_knowledge(world.ctx("zhangwei"), "回退经验", "先备份再发布。", release=rolled)
    start = world.clock.now() + dt.timedelta(days=30)
    company.add_freeze(world.ctx("admin"), start, start + dt.timedelta(days=2), "春节封网")
    release_at(world, Status.REQUESTED)


def _found(conn, anchor: tuple[int, str] | None = None) -> tuple[bool, set[str]]:
    """(chain intact, tables with record findings) as `audit verify` sees them, holding the
    chain against an anchor taken before the tampering (a backup's or the workstation's)."""
    with Session(bind=conn) as s:
        chain_ok = audit.verify(s).ok
        if anchor is not None:
            at = s.execute(select(AuditEvent.hash).where(AuditEvent.seq == anchor[0])).scalar()
            chain_ok = chain_ok and at == anchor[1]
    report = evidence.verify(conn, limit=50)
    return chain_ok, set(report.by_table)


def _pick(conn, table: str) -> dict:
    t = evidence.table(table)
    row = conn.execute(select(t).order_by(*t.primary_key.columns).limit(1)).mappings().first()
    assert row is not None, f"the prepared database has no {table} row"
    return dict(row)


def _where(table: str, row: dict):
    t = evidence.table(table)
    return [c == row[c.name] for c in t.primary_key.columns]


def _editable(table: str) -> str:
    """A column an insider would want to change: text first, then anything not a key (the
    columns that are not evidence — row_version, the wizard's last page — are left out)."""
    t = evidence.table(table)
    skip = {c.name for c in t.primary_key.columns} | set(t.columns.keys()) - set(evidence.columns(table))
    cols = [c for c in t.columns if c.name not in skip and not c.foreign_keys]
    for c in cols:
        if c.type.python_type is str and c.name not in ("sha256", "content_hash", "signature_hash"):
            return c.name
    return cols[0].name


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return (value[:-1] if value else "") + ("改" if not value.endswith("改") else "篡")
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(hours=1)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value) + b"!"
    if isinstance(value, dict):
        return {**value, "tampered": True}
    if isinstance(value, list):
        return [*value, "tampered"]
    return "篡改"


def _other_parent(conn, column, current):
    """Another existing row the foreign key ``column`` could point at."""
    target = next(iter(column.foreign_keys)).column
    return conn.execute(select(target).where(target != current).limit(1)).scalar()


def _is_link(table: str) -> bool:
    pk = list(evidence.table(table).primary_key.columns)
    return len(pk) > 1 and all(c.foreign_keys for c in pk)


def _link_column(table: str):
    """Of a link table (its key made of foreign keys only): the key column naming the other side."""
    t = evidence.table(table)
    return [c for c in t.primary_key.columns if c.name != "release_id"][0]


def edit(conn, table):
    row = _pick(conn, table)
    t = evidence.table(table)
    if _is_link(table):  # a link: point it elsewhere
        col = _link_column(table)
        conn.execute(t.update().where(*_where(table, row)).values({col.name: _other_parent(conn, col, row[col.name])}))
        return
    col = _editable(table)
    conn.execute(t.update().where(*_where(table, row)).values({col: _changed(row[col])}))


def delete(conn, table):
    row = _pick(conn, table)
    t = evidence.table(table)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET CONSTRAINTS ALL DEFERRED"))
    conn.execute(t.delete().where(*_where(table, row)))


def insert(conn, table):
    row = _pick(conn, table)
    t = evidence.table(table)
    new = dict(row)
    for c in t.primary_key.columns:
        if c.name in new and isinstance(new[c.name], int) and not c.foreign_keys:
            new[c.name] = new[c.name] + 100_000
    unique = {c.name for c in t.columns if c.unique}
    for constraint in t.constraints:  # one column of each unique constraint made different
        if constraint.__class__.__name__ == "UniqueConstraint":
            cols = [c for c in constraint.columns if not c.foreign_keys]
            if cols:
                unique.add(cols[-1].name)
    for name in unique | {"number", "username", "name"} & set(new):
        if isinstance(new.get(name), str):
            new[name] = new[name] + "-X"
        elif isinstance(new.get(name), int) and name not in {c.name for c in t.primary_key.columns}:
            new[name] = new[name] + 100_000
    pk = list(t.primary_key.columns)
    if _is_link(table):  # a link to another parent as well
        col = _link_column(table)
        new[col.name] = _other_parent(conn, col, row[col.name])
    elif len(pk) == 1 and pk[0].foreign_keys:  # one per release (plans, rollbacks, closures)
        releases = evidence.table("releases")
        new[pk[0].name] = conn.execute(select(releases.c.id).where(
            releases.c.id.not_in(select(pk[0]))).limit(1)).scalar()
    conn.execute(t.insert().values(new))


def edit_with_hashes(conn, table):
    """Edit what a hash covers, then recompute that hash so the row looks self-consistent."""
    if table == "signatures":
        with Session(bind=conn) as s:
            sig = s.execute(select(Signature).limit(1)).scalar_one()
            sig.signer_name = "王五"
            sig.signature_hash = signing.signature_hash(sig)
            s.flush()
    elif table == "plan_revisions":
        from relgui.domain import plan as plandom
        row = _pick(conn, table)
        content = {**row["content"], "purpose": {"text": "篡改后的目的"}}
        conn.execute(evidence.table(table).update().where(*_where(table, row)).values(
            content=content, content_hash=plandom.digest(content)))
    else:  # documents, attachments: new bytes, their SHA-256 recomputed
        row = _pick(conn, table)
        data = bytes(row["content"]) + b" tampered"
        conn.execute(evidence.table(table).update().where(*_where(table, row)).values(
            content=data, sha256=hashlib.sha256(data).hexdigest()))


def _drop_audit_protection(conn):
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
    else:
        for name in ("audit_events_no_update", "audit_events_no_delete"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def cut_tail(conn, table=None):
    _drop_audit_protection(conn)
    top = conn.execute(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    conn.execute(AuditEvent.__table__.delete().where(AuditEvent.seq > top - 3))


def rewrite_chain(conn, table=None):
    """Edit a release and rewrite the chain from the event that recorded it on: every later
    event's row image and hash recomputed, as a careful insider with the owner's rights would."""
    _drop_audit_protection(conn)
    row = _pick(conn, "releases")
    conn.execute(evidence.table("releases").update().where(*_where("releases", row)).values(title="伪造的标题"))
    new_row = dict(row, title="伪造的标题")
    key, img = evidence.key_of("releases", new_row), evidence.image("releases", new_row)
    events = conn.execute(select(AuditEvent).order_by(AuditEvent.seq)).all()
    prev = audit.GENESIS
    rewriting = False
    for ev in events:
        ev = ev[0] if isinstance(ev, tuple) else ev
        detail = dict(ev.detail or {})
        images = dict(detail.get(evidence.DETAIL_KEY) or {})
        if key in images:
            images[key] = img
            detail[evidence.DETAIL_KEY] = images
            rewriting = True
        if rewriting:
            payload = audit.canonical_event(ev.seq, ev.at, ev.actor_id, ev.actor_name, ev.action, ev.entity,
                                            ev.entity_key, ev.release_id, detail)
            new_hash = audit.chain_hash(prev, payload)
            conn.execute(AuditEvent.__table__.update().where(AuditEvent.seq == ev.seq).values(
                detail=detail, prev_hash=prev, hash=new_hash))
            prev = new_hash
        else:
            prev = ev.hash


HASHED = ("signatures", "plan_revisions", "documents", "attachments")


def cases():
    out = [(f"{kind} {table}", fn, table) for table in evidence.TABLES
           for kind, fn in (("edit", edit), ("delete", delete), ("insert", insert))]
    out += [(f"edit+rehash {table}", edit_with_hashes, table) for table in HASHED]
    out += [("cut the chain's last 3 events", cut_tail, None), ("rewrite the chain from an edit on", rewrite_chain, None)]
    return out


def test_the_tamper_matrix_is_found(world, capsys):
    _prepare(world)
    with world.owner_engine.connect() as conn:
        with conn.begin():
            assert _found(conn) == (True, set()), "the prepared database must verify before any tampering"
            with Session(bind=conn) as s:
                anchor = audit.head(s)  # e.g. the last backup's manifest, or this workstation's log
    results = []
    for name, fn, table in cases():
        with world.owner_engine.connect() as conn:
            tx = conn.begin()
            try:
                fn(conn, table)
            except DBAPIError as exc:  # the database itself refused the tampering
                if tx.is_active:
                    tx.rollback()
                results.append((name, "refused by the database", type(exc.orig).__name__))
                continue
            chain_ok, tables = _found(conn, anchor)
            tx.rollback()
        found = (not chain_ok) or bool(tables)
        results.append((name, "found" if found else "NOT FOUND", f"chain {'ok' if chain_ok else 'broken'}; {sorted(tables)}"))
    with capsys.disabled():
        print(f"\ntamper matrix on {world.backend}:")
        for name, verdict, why in results:
            print(f"  {verdict:24s} {name:42s} {why}")
    counted = [r for r in results if r[1] != "refused by the database"]
    found = sum(1 for r in counted if r[1] == "found")
    missed = [r[0] for r in counted if r[1] != "found"]
    print(f"found {found} of {len(counted)} ({100 * found / len(counted):.0f} %); refused by the database: "
          f"{len(results) - len(counted)}; not found: {missed}")
    assert found / len(counted) >= 0.95, missed
    assert len(counted) >= 60
