"""A closure counts only while its signature verifies (issue 13; R-4.2.2-CLOSE, R-DOC-SIGN, R-4.6-KPI).

Releases closed through the real services; then, behind the app as the schema owner, one
closure's signature row is edited (its hash no longer matches) and another closure's analysis
is rewritten (the signature no longer covers it). The quarterly KPI refuses to count either —
neither as released nor as a success — and lists them as 关闭签署已失效; the release detail says
so too. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import text

from flows import release_at
from relgui.domain.kpi import Quarter
from relgui.domain.states import Status
from relgui.services import company, details, kpi
from relgui.services.kpi import FigureKey


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
    assert not details.show(world.ctx(), a)["closure_signature_broken"]

    ids = {n: details.show(world.ctx(), n)["id"] for n in (a, b, c)}
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

    shown = {n: details.show(world.ctx(), n) for n in (a, b, c)}
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


def test_a_deleted_closure_record_or_a_voided_signature_does_not_count_either(world):
    a, b = (release_at(world, Status.CLOSED) for _ in range(2))
    q = _quarter(world, a)
    ids = {n: details.show(world.ctx(), n)["id"] for n in (a, b)}
    with world.owner_engine.begin() as conn:
        conn.execute(text("DELETE FROM closures WHERE release_id = :r"), {"r": ids[a]})
        conn.execute(text("UPDATE signatures SET voided_at = signed_at, voided_reason = 'x' "
                          "WHERE meaning = 'close' AND release_id = :r"), {"r": ids[b]})
    r = kpi.success_rate(world.ctx(), q)
    assert r.overall.total == 0
    assert sorted(x.number for x in r.closure_broken) == sorted([a, b])
    assert details.show(world.ctx(), a)["closure_signature_broken"] is True


def test_kpi_cli_says_how_many_and_which(world, capsys):
    import json

    from test_cli import run

    a, b = (release_at(world, Status.CLOSED) for _ in range(2))
    q = _quarter(world, a)
    rid = details.show(world.ctx(), a)["id"]
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE closures SET analysis = analysis || '（改）' WHERE release_id = :r"), {"r": rid})
    code, out, _ = run(world, capsys, "kpi", "--quarter", str(q), "--json")
    assert code == 0
    got = json.loads(out)
    assert got["total"] == 1 and got["closure_broken"] == [a]
    code, out, _ = run(world, capsys, "kpi", "--quarter", str(q))
    assert code == 0
    assert f"1 次发布的关闭签署已失效，未计入：{a}" in out
