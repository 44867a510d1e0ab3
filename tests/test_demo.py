"""Demo data: every state, all types, and consistent with what the services would write."""

from __future__ import annotations

import pytest
from flows import PASSWORD, rv

from relgui import demo
from relgui.domain import lifecycle
from relgui.domain.errors import InvalidInput
from relgui.domain.states import Status
from relgui.services import auditing, closing, details, execution, plans, register, releases
from relgui.services.facts import gather, load_release
from relgui.services.register import RegisterQuery


@pytest.fixture
def demoed(world, with_demo):
    report = with_demo(world, 150, 11)  # the generator runs once per backend; its data is copied after
    assert report.releases == 150 and report.changes >= 150
    return world


def _first(world, status: str, type_: str | None = None) -> str:
    rows = register.page(world.ctx(), RegisterQuery(statuses=(status,), types=(type_,) if type_ else (),
                                                    limit=5)).rows
    assert rows, status
    return rows[0].number


def test_every_state_and_type_is_present(demoed):
    rows = register.page(demoed.ctx(), RegisterQuery(limit=1000)).rows
    assert {r.status for r in rows} == {s.value for s in Status}
    assert {r.type for r in rows} == {"emergency", "major", "normal"}
    assert {r.outcome for r in rows if r.status == "closed"} == {"success", "failed", "rolled_back"}
    assert auditing.verify(demoed.ctx()).ok
    for name, current, changes in _cmdb(demoed):  # the second run went on from where the first left
        if changes:
            assert current == changes[-1][1], name


def test_demo_releases_continue_through_the_real_services(demoed):
    w = demoed
    n = _first(w, "requested")
    releases.accept(w.ctx("zhangwei"), n, expected_version=rv(w, n))
    n = _first(w, "prechecked")
    execution.start_deployment(w.ctx("zhangwei"), n, reason="演示数据：提前开始（窗口之外须记录理由）", expected_version=rv(w, n))
    n = _first(w, "config_update")
    closing.apply_cmdb(w.ctx("zhangwei"), n, expected_version=rv(w, n))
    n = _first(w, "awaiting_close")
    closing.close(w.ctx("lina"), n, "同意关闭。", PASSWORD, expected_version=rv(w, n))


def test_submitted_demo_plans_have_no_gaps_and_signatures_are_intact(demoed):
    w = demoed
    for status in ("plan_submitted", "plan_approved", "closed"):
        n = _first(w, status)
        view = plans.get(w.ctx(), n)
        assert view.gaps == ()
        assert all(sig.intact for sig in view.signatures)
    data = details.show_json(w.ctx(), _first(w, "closed"))
    assert data["closure"]["analysis"] and data["audit"]


def test_forward_action_is_ready_where_the_data_says_so(demoed):
    w = demoed
    for status, who in ((Status.PLAN_SUBMITTED, None), (Status.PRECHECKED, "zhangwei"),
                        (Status.AWAITING_CLOSE, "lina")):
        n = _first(w, status.value, "major" if status is Status.PLAN_SUBMITTED else None)
        with w.db.read() as s:
            facts = gather(s, load_release(s, n))
        actor = w.actor(who or "zhaomin")
        reasons = lifecycle.refusals(lifecycle.FORWARD[status], facts, actor)
        assert [r.code for r in reasons] in ([], ["own_plan"]), (status, reasons)


def _cmdb(world) -> list[tuple[str, str, list[tuple[str, str]]]]:
    from relgui.services import inventory

    return [(ci.name, ci.current_version, [(h.old_version, h.new_version) for h in inventory.history(world.ctx(), ci.name)])
            for ci in inventory.config_items(world.ctx())]


def test_the_cmdb_agrees_with_the_history_the_releases_wrote(demoed):
    """R-4.4.2-CMDB in the sample data: each item's current version is its history's last
    line, versions move forward from release to release, and each came from the library."""
    from relgui.services import inventory

    moved = 0
    for name, current, changes in _cmdb(demoed):
        if changes:
            assert current == changes[-1][1], name
            moved += len(changes) > 1
    assert moved >= 10
    artifact = {ci.name: ci.artifact for ci in inventory.config_items(demoed.ctx())}
    library = {(v.artifact, v.version) for v in inventory.versions(demoed.ctx(), limit=100_000)}
    for name, _, changes in _cmdb(demoed):
        assert all((artifact[name], new) in library for _, new in changes[1:]), name


def test_a_second_run_adds_without_clashing(demoed):
    demo.generate(demoed.ctx(), releases=20, seed=12, force=True)
    assert register.page(demoed.ctx(), RegisterQuery(limit=1)).total == 170
    assert auditing.verify(demoed.ctx()).ok


def test_demo_refuses_silly_sizes(sqlite_world):
    with pytest.raises(InvalidInput):
        demo.generate(sqlite_world.ctx(), releases=0)


# --------------------------------------------------------------------------- only into an empty database

def _state(world) -> tuple:
    from relgui.services import users

    with world.db.read() as s:
        from relgui.store import audit

        head = audit.head(s)
    return register.page(world.ctx(), RegisterQuery(limit=1)).total, len(users.list_all(world.ctx())), head


def test_demo_refuses_a_database_that_has_releases_and_writes_nothing(demoed):
    """"Empty" for sample data: no release at all (accounts, company settings and inventory
    may exist: the first-run wizard makes them before it offers sample data)."""
    before = _state(demoed)
    with pytest.raises(InvalidInput) as exc:
        demo.generate(demoed.ctx(), releases=20, seed=12)
    assert exc.value.refusals[0].code == "demo_not_empty"
    assert "已有 150 个发布" in exc.value.message("zh_CN") and "--force" in exc.value.message("en")
    assert _state(demoed) == before


def test_demo_by_someone_who_is_not_an_administrator_is_refused(world):
    from relgui.domain.errors import PolicyViolation

    with pytest.raises(PolicyViolation):
        demo.generate(world.ctx("lina"), releases=10)
    assert register.page(world.ctx(), RegisterQuery(limit=1)).total == 0


# --------------------------------------------------------------------------- accounts with random passwords

from empty_db import empty_ctx, empty_dbs, empty_pg_template, empty_sqlite_template  # noqa: E402,F401


def test_demo_accounts_get_random_passwords_given_once_and_stored_only_hashed(empty_ctx):
    """The issue: demo on a real database added managers whose password (relgui-demo) was
    published in the README and the first-run dialog."""
    from sqlalchemy import select

    from relgui.domain.errors import AuthError
    from relgui.services import users
    from relgui.store.models import AuditEvent, User

    report = demo.generate(empty_ctx, releases=30, seed=4)
    accounts = {a.username: a for a in report.accounts}
    assert set(accounts) == {u for u, _, _ in demo.DEMO_USERS} == set(report.users_created)
    passwords = [a.password for a in report.accounts]
    assert len(set(passwords)) == len(passwords) and all(len(p) >= 16 for p in passwords)
    assert not hasattr(demo, "DEMO_PASSWORD")
    for a in report.accounts:
        assert users.login(empty_ctx, a.username, a.password).username == a.username
        assert a.password not in repr(report) and a.password not in repr(a)
    with pytest.raises(AuthError):
        users.login(empty_ctx, "lina", "relgui-demo")
    with empty_ctx.db.read() as s:
        trail = " ".join(str(e.detail) for e in s.execute(select(AuditEvent)).scalars())
        hashes = [u.password_hash for u in s.execute(select(User)).scalars()]
    assert not any(p in trail for p in passwords)
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert "user.add" in trail or len(hashes) == 7
    assert auditing.verify(empty_ctx).ok
    manager = accounts["lina"]
    assert manager.roles == ("manager",) and manager.display_name == "李娜"


def test_the_same_seed_gives_the_same_data_but_new_passwords(empty_dbs):
    a, b = empty_dbs.new(), empty_dbs.new()
    ra, rb = demo.generate(a, releases=10, seed=7), demo.generate(b, releases=10, seed=7)
    numbers = [[r.number for r in register.page(c, RegisterQuery(limit=50, sort="number")).rows] for c in (a, b)]
    assert numbers[0] == numbers[1]
    assert not {x.password for x in ra.accounts} & {x.password for x in rb.accounts}


def test_demo_with_force_adds_to_a_database_with_releases_and_no_accounts_twice(empty_ctx):
    first = demo.generate(empty_ctx, releases=10, seed=1)
    again = demo.generate(empty_ctx, releases=10, seed=2, force=True)
    assert len(first.accounts) == 7 and again.accounts == ()
    assert register.page(empty_ctx, RegisterQuery(limit=1)).total == 20
    assert auditing.verify(empty_ctx).ok
