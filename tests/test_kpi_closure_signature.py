"""A closure counts only while its signature verifies (issue 13; R-4.2.2-CLOSE, R-DOC-SIGN, R-4.6-KPI).

Releases closed through the real services; then, behind the app as the schema owner, one
closure's signature row is edited (its hash no longer matches) and another closure's analysis
is rewritten (the signature no longer covers it). The quarterly KPI refuses to count either —
neither as released nor as a success — and lists them as 关闭签署已失效; the release detail says
so too. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from flows import release_at
from sqlalchemy import text

from relgui.domain.kpi import FigureKey, Quarter
from relgui.domain.states import Status
from relgui.services import company, details, kpi
from relgui.services.context import reading


def _quarter(world, number: str) -> Quarter:
    """The quarter the release closed in, in the company's time zone (as the KPI places it)."""
    from sqlalchemy import select

    from relgui.store.models import Release

    with world.db.engine.connect() as conn:
        closed = conn.execute(select(Release.closed_at).where(Release.number == number)).scalar_one()
    return Quarter.of(closed.astimezone(company.get(world.ctx()).tz))


def _owner_may_edit_signatures(conn, on: bool) -> None:
    """PostgreSQL's trigger lets a signature only be voided; the schema's owner can switch it off."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"ALTER TABLE signatures {'DISABLE' if on else 'ENABLE'} TRIGGER USER"))


def test_a_closure_whose_signature_no_longer_verifies_is_not_counted(world):
    a, b, c = (release_at(world, Status.CLOSED) for _ in range(3))
    q = _quarter(world, a)
    before = kpi.success_rate(world.ctx(), q)
    assert (before.overall.total, before.overall.successful) == (3, 3)
    assert before.closure_broken == ()
    assert not details.show_json(world.ctx(), a)["closure_signature_broken"]

    ids = {n: details.show_json(world.ctx(), n)["id"] for n in (a, b, c)}
    with world.owner_engine.begin() as conn:  # behind the app, as the schema's owner
        _owner_may_edit_signatures(conn, True)
        conn.execute(text("UPDATE signatures SET signer_name = '冒名顶替' WHERE meaning = 'close' AND release_id = :r"),
                     {"r": ids[a]})
        _owner_may_edit_signatures(conn, False)
        conn.execute(text("UPDATE closures SET analysis = '事后改写的分析' WHERE release_id = :r"), {"r": ids[b]})

    after = kpi.success_rate(world.ctx(), q)
    assert (after.overall.total, after.overall.successful) == (1, 1)  # only c counts
    assert sorted(x.number for x in after.closure_broken) == sorted([a, b])
    assert sum(r.total for r in after.by_type.values()) == 1

    shown = {n: details.show_json(world.ctx(), n) for n in (a, b, c)}
    assert shown[a]["closure_signature_broken"] and shown[a]["closure"]["signature_broken"]
    assert shown[b]["closure_signature_broken"]
    assert not shown[c]["closure_signature_broken"]

    # The figure's drill-down: counted lists c only, the broken part lists a and b.
    counted = kpi.releases_behind(world.ctx(), FigureKey("success", str(q), str(q), part="counted"))
    assert counted.ids == (ids[c],)
    broken = kpi.releases_behind(world.ctx(), FigureKey("success", str(q), str(q), part="closure_broken"))
    assert set(broken.ids) == {ids[a], ids[b]}

    data = kpi.report_data(world.ctx(), q)
    assert data["overall"]["total"] == 1
    assert sorted(x["number"] for x in data["closure_broken"]) == sorted([a, b])
    from relgui.documents import kpi_report  # the quarterly report names them, in words

    text_ = "\n".join(t for _, t in kpi_report.build(data).units())
    assert "关闭签署已失效的发布（2 个）" in text_ and a in text_ and b in text_


def test_a_deleted_closure_record_or_a_voided_signature_does_not_count_either(world):
    a, b = (release_at(world, Status.CLOSED) for _ in range(2))
    q = _quarter(world, a)
    ids = {n: details.show_json(world.ctx(), n)["id"] for n in (a, b)}
    with world.owner_engine.begin() as conn:
        conn.execute(text("DELETE FROM closures WHERE release_id = :r"), {"r": ids[a]})
        conn.execute(text("UPDATE signatures SET voided_at = signed_at, voided_reason = 'x' "
                          "WHERE meaning = 'close' AND release_id = :r"), {"r": ids[b]})
    r = kpi.success_rate(world.ctx(), q)
    assert r.overall.total == 0
    assert sorted(x.number for x in r.closure_broken) == sorted([a, b])
    assert details.show_json(world.ctx(), a)["closure_signature_broken"] is True


def test_kpi_cli_says_how_many_and_which(world, capsys):
    import json

    from test_cli import run

    a, b = (release_at(world, Status.CLOSED) for _ in range(2))
    q = _quarter(world, a)
    rid = details.show_json(world.ctx(), a)["id"]
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE closures SET analysis = analysis || '（改）' WHERE release_id = :r"), {"r": rid})
    code, out, _ = run(world, capsys, "kpi", "--quarter", str(q), "--json")
    assert code == 0
    got = json.loads(out)
    assert got["total"] == 1 and got["closure_broken"] == [a]
    code, out, _ = run(world, capsys, "kpi", "--quarter", str(q))
    assert code == 0
    assert f"1 次发布的关闭签署已失效，未计入：{a}" in out


# ------------------------------------------------------------------ the bulk check is closure_verifies' own verdict

def _code_points():
    return "".join(chr(i) for i in range(1, 0x110000) if not 0xD800 <= i < 0xE000)


def test_the_database_quotes_every_character_as_json_dumps_does(world):
    """broken_closures lets the database write the canonical JSON of a closure's signature: on
    this database that is json.dumps(ensure_ascii=False)'s text for every code point."""
    import json

    from sqlalchemy import Text, cast, literal, select

    from relgui.services import facts

    every = _code_points()
    with reading(world.ctx()) as s:
        pg = world.backend == "postgresql"
        assert s.execute(select(facts._q(pg, cast(literal(every), Text)))).scalar() == json.dumps(
            every, ensure_ascii=False)
        assert facts._quoting_same(s)


def test_the_database_hashes_as_hashlib_does(world):
    """broken_closures lets the database hash the canonical texts (PostgreSQL's sha256(), on SQLite
    hashlib's given to the connection), so only suspects travel: the digest it writes is
    hashlib's, over the UTF-8 of every code point, and the SQLite connection really has it."""
    import hashlib

    from sqlalchemy import LargeBinary, Text, cast, func, literal, select

    from relgui.services import facts

    every = _code_points()
    with reading(world.ctx()) as s:
        pg = world.backend == "postgresql"
        assert pg or facts._with_sha256(s)
        text_ = literal(every, Text)
        data = func.convert_to(text_, "UTF8") if pg else cast(text_, LargeBinary)
        assert s.execute(select(facts._sha256_sql(pg, data))).scalar() == hashlib.sha256(
            every.encode("utf-8")).hexdigest()


def _verdicts(world, ids):
    """(the bulk verdict, closure_verifies' verdict row by row, how many rows the bulk check
    handed to closure_verifies) over the releases ``ids``."""
    from relgui.services import facts
    from relgui.store.models import Release

    calls = []
    real = facts.closure_verifies

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    with reading(world.ctx()) as s:
        facts.closure_verifies = counting
        try:
            bulk = facts.broken_closures(s, [Release.id.in_(ids)])
            handed = len(calls)
            one_by_one = facts._broken_one_by_one(s, [Release.id.in_(ids)])
        finally:
            facts.closure_verifies = real
    return bulk, one_by_one, handed


def _resign(conn, sig_id: int, *, hash_of=None) -> None:
    """Store the signature hash closure_verifies computes for the row as it is now (``hash_of``:
    another text's hash instead — what a forger who guesses the database's writing would store)."""
    import hashlib

    from sqlalchemy import select

    from relgui.services import signing
    from relgui.store.models import Signature

    if hash_of is not None:
        value = hashlib.sha256(hash_of.encode()).hexdigest()
    else:
        value = signing.signature_hash(conn.execute(select(Signature.__table__).where(Signature.id == sig_id)).one())
    conn.execute(text("UPDATE signatures SET signature_hash = :h WHERE id = :i"), {"h": value, "i": sig_id})


def test_the_bulk_check_gives_closure_verifies_verdict_on_every_alteration(world):
    """Each alteration below, one at a time on the same closed release, then put back: the bulk
    check and closure_verifies row by row name the same releases — including texts the database
    quotes (quotes, backslashes, control characters, emoji), signatures re-hashed after the
    alteration (they verify, and the bulk check accepts them without closure_verifies), stored
    times in another form and forged hashes of what the database would write for them."""
    from sqlalchemy import select

    from relgui.store.models import Closure, Signature

    a, b = (release_at(world, Status.CLOSED) for _ in range(2))
    ids = [details.show_json(world.ctx(), n)["id"] for n in (a, b)]
    rid = ids[0]
    with world.owner_engine.connect() as conn:
        sig_id = conn.execute(select(Closure.signature_id).where(Closure.release_id == rid)).scalar_one()
        sig0 = dict(conn.execute(select(Signature.__table__).where(Signature.id == sig_id)).one()._mapping)
        clo0 = dict(conn.execute(select(Closure.__table__).where(Closure.release_id == rid)).one()._mapping)
    assert _verdicts(world, ids) == (set(), set(), 0)  # both verify, and in bulk

    odd = 'a"b\\c\n\t\x01\x1f\x7f中文\u2028😀'
    sqlite = world.backend == "sqlite"
    cases = [
        ("signer renamed", "UPDATE signatures SET signer_name = :v WHERE id = :s", {"v": odd}, None, {rid}),
        ("signer renamed, re-hashed", "UPDATE signatures SET signer_name = :v WHERE id = :s", {"v": odd}, "resign",
         set()),
        ("reason with escapes, re-hashed", "UPDATE signatures SET reason = :v WHERE id = :s", {"v": odd}, "resign",
         set()),
        ("analysis rewritten", "UPDATE closures SET analysis = :v WHERE release_id = :r", {"v": odd}, None, {rid}),
        ("voided", "UPDATE signatures SET voided_at = signed_at WHERE id = :s", {}, None, {rid}),
        ("another release's subject", "UPDATE signatures SET subject_id = :o WHERE id = :s", {"o": ids[1]},
         "resign", {rid}),
        ("an approval, not a closing", "UPDATE signatures SET meaning = 'approve' WHERE id = :s", {}, "resign",
         {rid}),
        ("the closure states another result", "UPDATE closures SET outcome = 'failed' WHERE release_id = :r", {},
         None, {rid}),
        ("the signature unlinked", "UPDATE closures SET signature_id = NULL WHERE release_id = :r", {}, None, {rid}),
    ]
    if sqlite:  # SQLite keeps what it is given: other forms of a time, other types in a column
        stamp = sig0["signed_at"].strftime("%Y-%m-%d %H:%M:%S")
        cases += [
            ("time without microseconds, re-hashed", "UPDATE signatures SET signed_at = :v WHERE id = :s",
             {"v": stamp}, "resign", set()),
            ("time with an offset, re-hashed", "UPDATE signatures SET signed_at = :v WHERE id = :s",
             {"v": stamp + ".000000+08:00"}, "resign", set()),
            ("time with an offset, forged as the database would write it",
             "UPDATE signatures SET signed_at = :v WHERE id = :s", {"v": stamp + ".000000+08:00"}, "forge", {rid}),
            ("an impossible date, forged", "UPDATE signatures SET signed_at = :v WHERE id = :s",
             {"v": "2026-02-30 10:00:00.000000"}, "forge", "error"),
            ("the subject's id stored as a real number, re-hashed",
             "UPDATE signatures SET subject_id = subject_id + 0.0 WHERE id = :s", {}, "resign", set()),
            ("the subject's id stored as a real number, forged",
             "UPDATE signatures SET subject_id = subject_id + 0.0 WHERE id = :s", {}, "forge", set()),
            ("a name that is a BLOB", "UPDATE signatures SET signer_name = CAST(signer_name AS BLOB) WHERE id = :s",
             {}, None, {rid}),
        ]
    for name, sql, params, then, expected in cases:
        with world.owner_engine.begin() as conn:
            _owner_may_edit_signatures(conn, True)
            conn.execute(text(sql), {"s": sig_id, "r": rid, **params})
            if then == "resign":
                _resign(conn, sig_id)
            elif then == "forge":  # the payload as the database would write it from the stored text
                from relgui.services import facts

                row = conn.execute(select(facts._quick_parts(False)[1]).select_from(Signature)
                                   .join(Closure, Closure.signature_id == Signature.id)
                                   .join(facts.Release, facts.Release.id == Closure.release_id)
                                   .where(Signature.id == sig_id)).scalar_one()
                _resign(conn, sig_id, hash_of=row.decode())
            _owner_may_edit_signatures(conn, False)
        try:
            if expected == "error":  # closure_verifies cannot read such a time at all: neither may pass it
                import pytest

                from relgui.services import facts
                from relgui.store.models import Release

                with reading(world.ctx()) as s:
                    with pytest.raises(ValueError):
                        facts._broken_one_by_one(s, [Release.id.in_(ids)])
                    with pytest.raises(ValueError):  # not passed on the forged hash: handed to closure_verifies
                        facts.broken_closures(s, [Release.id.in_(ids)])
            else:
                bulk, one_by_one, handed = _verdicts(world, ids)
                assert bulk == one_by_one == expected, name
                if not expected and "re-hashed" in name and "time" not in name and "real" not in name:
                    assert handed == 0, name  # accepted by the bulk check itself
        finally:
            with world.owner_engine.begin() as conn:
                _owner_may_edit_signatures(conn, True)
                conn.execute(Signature.__table__.update().where(Signature.id == sig_id).values(
                    **{k: v for k, v in sig0.items() if k != "id"}))
                conn.execute(Closure.__table__.update().where(Closure.release_id == rid).values(
                    **{k: v for k, v in clo0.items() if k != "release_id"}))
                _owner_may_edit_signatures(conn, False)
        assert _verdicts(world, ids)[:2] == (set(), set()), f"put back after: {name}"


def test_a_sealed_closure_is_verified_by_the_database_itself(world):
    """A closure signed with its sealed 发布变更报告 (every closure since reports are sealed) is held
    against the report digest the audit trail recorded, in the database: none comes back to be
    hashed in Python while it verifies (sealed_not_covered is handed nothing). The recorded digest
    altered, or not a JSON string, and both checks name the release."""
    from sqlalchemy import select

    from relgui.services import facts
    from relgui.store.models import AuditEvent, Closure

    a, b = (release_at(world, Status.CLOSED) for _ in range(2))
    ids = [details.show_json(world.ctx(), n)["id"] for n in (a, b)]
    rid = ids[0]
    with reading(world.ctx()) as s:
        sig_ids = {r: s.execute(select(Closure.signature_id).where(Closure.release_id == r)).scalar_one() for r in ids}
        assert all(facts.closure_report_digest(s, g) for g in sig_ids.values())  # both sealed
    handed = []
    real = facts.sealed_not_covered

    def counting(s, some):
        handed.extend(some)
        return real(s, some)

    facts.sealed_not_covered = counting
    try:
        assert _verdicts(world, ids) == (set(), set(), 0)
        assert handed == []

        pg = world.backend == "postgresql"
        events = AuditEvent.__table__
        where = (events.c.entity == "signature") & (events.c.entity_key == str(sig_ids[rid])) & (
            events.c.action == "signature.close")
        with world.owner_engine.connect() as conn:
            detail0 = conn.execute(select(events.c.seq, events.c.detail).where(where)).one()
        for name, value in [("another digest", "0" * 64), ("a number", 12345), ("missing", None)]:
            detail = {k: v for k, v in detail0.detail.items() if k != "report_sha256"}
            if value is not None:
                detail["report_sha256"] = value
            with world.owner_engine.begin() as conn:
                if pg:
                    conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
                else:  # this test's own database: the append-only trigger goes for good
                    conn.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
                conn.execute(events.update().where(events.c.seq == detail0.seq).values(detail=detail))
                if pg:
                    conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
            try:
                bulk, one_by_one, _ = _verdicts(world, ids)
                assert bulk == one_by_one == {rid}, name
            finally:
                with world.owner_engine.begin() as conn:
                    if pg:
                        conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
                    conn.execute(events.update().where(events.c.seq == detail0.seq).values(detail=detail0.detail))
                    if pg:
                        conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
    finally:
        facts.sealed_not_covered = real
    assert _verdicts(world, ids) == (set(), set(), 0)
