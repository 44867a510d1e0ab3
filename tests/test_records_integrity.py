"""Records that cannot be lost: every write carries the version its user saw, rights are the
database's truth at every action, four eyes over every writer of a plan.

Each finding of the issue is reproduced here first; the table-driven test covers every write
use case: two sessions, the second one stale -> refused, nothing written, no audit event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flows import (
    PASSWORD,
    approved_change,
    decide,
    problem,
    record,
    release_at,
    restored,
    rv,
    save,
    seen,
    step,
    write_plan,
)
from sqlalchemy import inspect, text

from relgui.domain.errors import AuthError, Conflict, InvalidInput, PolicyViolation
from relgui.domain.states import Status
from relgui.domain.versions import NEW
from relgui.services import (
    changes,
    closing,
    company,
    details,
    execution,
    inventory,
    plans,
    releases,
    rollback,
    users,
)
from relgui.services.context import Changes

# ------------------------------------------------------------------ what "nothing written" means

def snapshot(world) -> str:
    """A digest of every row of every table: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    with world.db.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            if table == "alembic_version":
                continue
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            digest.update(table.encode())
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def audit_head(world) -> int:
    with world.db.engine.connect() as conn:
        return conn.execute(text("SELECT COALESCE(MAX(seq), 0) FROM audit_events")).scalar()


# ------------------------------------------------------------------ finding 1: checklists

def test_a_result_recorded_meanwhile_is_never_overwritten_by_one_who_saw_none(world):
    """A records 未通过 "环境不一致，禁止发布"; B, who saw the item unrecorded, records 通过:
    B is refused with a conflict naming A, and A's result stands."""
    n = release_at(world, Status.PLAN_APPROVED)
    a, b = world.ctx("zhangwei"), world.ctx("wangfang")
    seen_by_b = details.seen_entry(seen(world, n), "precheck", "environment")
    assert seen_by_b is NEW
    execution.record_item(a, n, "precheck", "environment", "fail", evidence="环境不一致，禁止发布",
                          expected_version=NEW)
    world.clock.advance(minutes=1)
    before, head = snapshot(world), audit_head(world)
    with pytest.raises(Conflict) as exc:
        execution.record_item(b, n, "precheck", "environment", "pass", evidence="已检查",
                              expected_version=seen_by_b)
    assert exc.value.by == "张伟"
    assert "张伟" in exc.value.message("zh_CN") and "未保存" in exc.value.message("zh_CN")
    assert (snapshot(world), audit_head(world)) == (before, head)
    entry = next(e for e in seen(world, n).checklists["precheck"] if e.item == "environment")
    assert (entry.result, entry.evidence) == ("fail", "环境不一致，禁止发布")


def test_a_write_without_the_version_its_user_saw_is_refused_in_words(world):
    n = release_at(world, Status.PLAN_APPROVED)
    before = snapshot(world)
    for missing in (None, "3", 1.0, True):
        with pytest.raises(InvalidInput) as exc:
            execution.record_item(world.ctx("zhangwei"), n, "precheck", "backup", "pass", expected_version=missing)
        assert exc.value.refusals[0].code == "version_missing"
        assert "未保存任何内容" in exc.value.message("zh_CN")
    with pytest.raises(TypeError):  # a caller that forgets the argument fails loudly in its tests
        execution.record_item(world.ctx("zhangwei"), n, "precheck", "backup", "pass")
    assert snapshot(world) == before


# ------------------------------------------------------------------ every write, table-driven

@dataclass
class Case:
    """A write use case: ``prepare`` brings the world to where two users look at one record and
    returns its key; ``seen`` what each of them saw; ``write(world, key, who, seen)`` one save."""

    name: str
    prepare: Callable
    seen: Callable
    write: Callable
    first: str = "zhangwei"
    second: str = "wangfang"


def _entry_case(checklist: str, item: str, status: Status, recorded_first: bool) -> Case:
    def prepare(world):
        n = release_at(world, status)
        if recorded_first:
            record(world, n, checklist, item, "pass")
        return n
    return Case(f"{checklist}.{item}{' (recorded before)' if recorded_first else ' (saw none)'}", prepare,
                lambda world, n: details.seen_entry(seen(world, n), checklist, item),
                lambda world, n, who, v: execution.record_item(world.ctx(who), n, checklist, item, "na" if item == "backup" else "pass",
                                                                reason="本次无数据变更", expected_version=v))


def _step_case(recorded_first: bool) -> Case:
    def prepare(world):
        n = release_at(world, Status.DEPLOYING)
        if recorded_first:
            step(world, n, 1, "done")
        return n
    return Case(f"step{' (recorded before)' if recorded_first else ' (saw none)'}", prepare,
                lambda world, n: details.seen_step(seen(world, n), "deploy", 1),
                lambda world, n, who, v: execution.record_step(world.ctx(who), n, 1, "skipped", note="跳过",
                                                               expected_version=v))


def _rollback_step_world(world):
    n = release_at(world, Status.ROLLING_BACK)
    return n


def _restore_ready(world):
    n = release_at(world, Status.ROLLING_BACK)
    step(world, n, 1, "done", kind="rollback")
    step(world, n, 2, "done", kind="rollback")
    return n


def _release_case(name, status, call, first="zhangwei", second="wangfang", **kw) -> Case:
    return Case(name, lambda world: release_at(world, status, **kw), lambda world, n: rv(world, n),
                lambda world, n, who, v: call(world, n, who, v), first, second)


def _company_write(world, key, who, v):
    c = company.get(world.ctx())
    return company.save(world.ctx(who), company_name=c.company_name, department=f"运维管理部 {who}",
                        number_pattern=c.number_pattern, expected_version=v)


def _user_case(name, call) -> Case:
    return Case(name, lambda world: "zhangwei", lambda world, u: users.get(world.ctx(), u).row_version,
                lambda world, u, who, v: call(world.ctx(who), u, v), "admin", "admin")


def _change_prepare(world):
    changes.record(world.ctx("zhangwei"), number="CHG-V1", title="参数调整", status="submitted")
    return "CHG-V1"


def _sv_prepare(world):
    inventory.register_version(world.ctx("zhangwei"), "core-trade-app", "3.0.0", sha256="a" * 64,
                               location="\\\\dsl\\core\\3.0.0")
    return ("core-trade-app", "3.0.0")


def _sv_seen(world, key):
    return next(v.row_version for v in inventory.versions(world.ctx(), key[0]) if v.version == key[1])


def _section_case() -> Case:
    return Case("plan section", lambda world: release_at(world, Status.PLANNING),
                lambda world, n: plans.get(world.ctx(), n).section_versions.get("purpose", 0),
                lambda world, n, who, v: plans.save_section(world.ctx(who), n, "purpose", {"text": f"{who} 的修改"},
                                                            base_version=v))


CASES = [
    _entry_case("precheck", "environment", Status.PLAN_APPROVED, False),
    _entry_case("precheck", "backup", Status.PLAN_APPROVED, True),
    _entry_case("verification", "functional", Status.VERIFYING, False),
    _entry_case("config_update", "archive", Status.CONFIG_UPDATE, True),
    _step_case(False),
    _step_case(True),
    Case("rollback step (saw none)", _rollback_step_world,
         lambda world, n: details.seen_step(seen(world, n), "rollback", 1),
         lambda world, n, who, v: execution.record_step(world.ctx(who), n, 1, "done", kind="rollback", expected_version=v)),
    Case("severe problem (saw none)", lambda world: release_at(world, Status.DEPLOYING),
         lambda world, n: details.seen_problem(seen(world, n)),
         lambda world, n, who, v: rollback.report_problem(world.ctx(who), n, ["key_function"], f"{who} 发现报错",
                                                          expected_problem=v)),
    Case("rollback decision", lambda world: (lambda n: (problem(world, n), n)[1])(release_at(world, Status.DEPLOYING)),
         lambda world, n: (details.seen_problem(seen(world, n)), details.seen_problem_version(seen(world, n))),
         lambda world, n, who, v: rollback.decide(world.ctx(who), n, "continue" if who == "zhaomin" else "rollback",
                                                  "理由", expected_problem=v[0], expected_version=v[1]), "lina", "zhaomin"),
    Case("restoration", _restore_ready, lambda world, n: details.seen_rollback(seen(world, n)),
         lambda world, n, who, v: rollback.confirm_restored(world.ctx(who), n, f"{who}：版本缺陷", expected_version=v)),
    _release_case("accept request", Status.REQUESTED,
                  lambda world, n, who, v: releases.accept(world.ctx(who), n, expected_version=v)),
    Case("link changes", lambda world: (release_at(world, Status.REQUESTED), approved_change(world)),
         lambda world, k: rv(world, k[0]),
         lambda world, k, who, v: releases.link_changes(world.ctx(who), k[0], [k[1]], expected_version=v)),
    _release_case("submit plan", Status.PLANNING,
                  lambda world, n, who, v: plans.submit(world.ctx(who), n, expected_version=v)),
    _release_case("approve plan", Status.PLAN_SUBMITTED,
                  lambda world, n, who, v: plans.approve(world.ctx(who), n, 1, PASSWORD, acknowledge_warnings=True,
                                                         expected_version=v), "lina", "zhaomin", type_="major"),
    _release_case("CMDB update", Status.CONFIG_UPDATE,
                  lambda world, n, who, v: closing.apply_cmdb(world.ctx(who), n, expected_version=v)),
    _release_case("closure", Status.AWAITING_CLOSE,
                  lambda world, n, who, v: closing.close(world.ctx(who), n, "按计划完成", PASSWORD, expected_version=v),
                  "lina", "zhaomin"),
    _release_case("declare failed", Status.VERIFYING,
                  lambda world, n, who, v: execution.declare_failed(world.ctx(who), n, "无法验证", expected_version=v),
                  "lina", "zhaomin"),
    _section_case(),
    Case("company settings", lambda world: 1, lambda world, _: company.get(world.ctx()).row_version,
         _company_write, "admin", "admin"),
    _user_case("user roles", lambda ctx, u, v: users.set_roles(ctx, u, ["engineer", "auditor"], expected_version=v)),
    _user_case("user disabled", lambda ctx, u, v: users.set_disabled(ctx, u, True, expected_version=v)),
    _user_case("user password", lambda ctx, u, v: users.set_password(ctx, u, "another-horse-77", expected_version=v)),
    Case("change request decision", _change_prepare, lambda world, c: changes.by_numbers(world.ctx(), [c])[0].row_version,
         lambda world, c, who, v: changes.set_status(world.ctx(who), c, "approved", expected_version=v)),
    Case("software version approval", _sv_prepare, _sv_seen,
         lambda world, k, who, v: inventory.approve_version(world.ctx(who), *k, expected_version=v), "lina", "zhaomin"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_stale_write_is_refused_and_writes_nothing(world, case):
    key = case.prepare(world)
    v = case.seen(world, key)  # both users look at the same record now
    case.write(world, key, case.first, v)
    world.clock.advance(minutes=2)
    before, head = snapshot(world), audit_head(world)
    with pytest.raises(Conflict) as exc:
        case.write(world, key, case.second, v)
    assert exc.value.by not in ("", "?"), "the conflict names who changed it"
    assert "{" not in exc.value.message("zh_CN") and "{" not in exc.value.message("en")
    assert (snapshot(world), audit_head(world)) == (before, head), "a refused write left something behind"


def test_appends_carry_no_version_and_lose_nothing(world):
    """Observations, lessons and freezes are appended: two users writing at once both land."""
    n = release_at(world, Status.DEPLOYING)
    execution.observe(world.ctx("zhangwei"), n, "progress", "第一步完成")
    execution.observe(world.ctx("wangfang"), n, "progress", "日志无异常")
    assert [o.text for o in seen(world, n).observations] == ["第一步完成", "日志无异常"]


# ------------------------------------------------------------------ finding 2: rights now

def test_a_demoted_manager_cannot_sign_from_a_session_opened_before(world):
    n = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    session = world.ctx("lina")  # logged in as manager
    notices: list[Changes] = []
    session.listeners.append(notices.append)
    users.set_roles(world.ctx("admin"), "lina", ["auditor"], expected_version=users.get(world.ctx(), "lina").row_version)
    before = snapshot(world)
    with pytest.raises(PolicyViolation) as exc:
        plans.approve(session, n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert "wrong_role" in [r.code for r in exc.value.refusals]
    assert session.actor.roles == {"auditor"}, "the session now holds the roles of the database"
    assert any("session" in c.entities for c in notices), "the GUI hears the rights changed"
    after = seen(world, n)
    assert after.signatures == () and after.status == "plan_submitted"
    assert audit_head(world) > 0 and snapshot(world) != before  # only the refusal was audited
    with world.db.engine.connect() as conn:
        last = conn.execute(text("SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1")).scalar()
    assert last == "refused.approve_plan"


def test_a_disabled_users_open_session_is_ended_at_its_next_action(world):
    session = world.ctx("zhangwei")
    users.set_disabled(world.ctx("admin"), "zhangwei", True,
                       expected_version=users.get(world.ctx(), "zhangwei").row_version)
    before, head = snapshot(world), audit_head(world)
    with pytest.raises(AuthError) as exc:
        releases.create(session, title="核心交易系统升级", type="normal", change_numbers=[])
    assert exc.value.refusals[0].code == "session_disabled"
    assert "已被停用" in exc.value.message("zh_CN") and "disabled" in exc.value.message("en")
    assert (snapshot(world), audit_head(world)) == (before, head)
    with pytest.raises(AuthError):  # reading what one may do is refused as well
        releases.actions(session, release_at(world, Status.REQUESTED))


def test_a_promoted_engineer_acts_with_the_new_role_without_logging_in_again(world):
    n = release_at(world, Status.PLAN_SUBMITTED, type_="major", author="zhangwei")
    session = world.ctx("wangfang")
    users.set_roles(world.ctx("admin"), "wangfang", ["engineer", "manager"],
                    expected_version=users.get(world.ctx(), "wangfang").row_version)
    sig = plans.approve(session, n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert sig.signer_role == "manager", "the signature records the role held when signing"


def test_signing_records_the_role_the_signer_holds_now(world):
    """A manager approving a 一般 plan signs as manager: the role they hold, not the type's."""
    n = release_at(world, Status.PLAN_SUBMITTED, type_="normal", author="zhangwei")
    sig = plans.approve(world.ctx("lina"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert sig.signer_role == "manager" and seen(world, n).status == "plan_approved"


# ------------------------------------------------------------------ finding 3: four eyes

def test_whoever_wrote_a_section_may_not_approve_the_plan_someone_else_submitted(world):
    """e11 writes the plan, e10 submits it: e11's approval is refused (R-4.1-FOUR-EYES)."""
    n = release_at(world, Status.PLANNING, type_="normal", author="zhangwei")
    save(world, n, "purpose", {"text": "王芳补充的发布目的。"}, who="wangfang")
    plans.submit(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    with pytest.raises(PolicyViolation) as exc:
        plans.approve(world.ctx("wangfang"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert "own_plan" in [r.code for r in exc.value.refusals]
    assert "R-4.1-FOUR-EYES" in exc.value.requirements
    # Someone who wrote nothing approves: a manager's authority covers the 一般 type.
    plans.approve(world.ctx("lina"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))


def test_the_submitter_who_wrote_nothing_may_not_approve_either(world):
    n = release_at(world, Status.PLANNING, type_="normal", author="zhangwei")
    plans.submit(world.ctx("liuyang"), n, expected_version=rv(world, n))  # liuyang only submits
    with pytest.raises(PolicyViolation) as exc:
        plans.approve(world.ctx("liuyang"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert "own_plan" in [r.code for r in exc.value.refusals]


def test_the_register_and_my_work_do_not_offer_a_plan_to_one_of_its_writers(world):
    from relgui.services import my_work, register
    from relgui.services.register import RegisterQuery

    n = release_at(world, Status.PLANNING, type_="normal", author="zhangwei")
    save(world, n, "purpose", {"text": "王芳补充"}, who="wangfang")
    plans.submit(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    mine = {r.number for r in register.page(world.ctx("wangfang"), RegisterQuery(needs_action=True)).rows}
    assert n not in mine
    assert n not in {t.number for t in my_work.todo(world.ctx("wangfang"))}
    assert n in {t.number for t in my_work.todo(world.ctx("lina"))}


# ------------------------------------------------------------------ finding 4: lockout race

def test_parallel_wrong_passwords_lock_exactly_at_the_limit(world):
    """100 guesses at once (60 on SQLite, one file): exactly five are checked, every other one
    is told the account is locked — never a conflict, never a traceback."""
    import threading

    from relgui.store.models import LoginFailure

    guesses = 100 if world.backend == "postgresql" else 60
    results: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(min(guesses, 16))

    def guess(i: int) -> None:
        if i < 16:
            start.wait()
        try:
            users.login(world.ctx(), "lina", f"guess-{i}")
            outcome = "IN"
        except AuthError as exc:
            outcome = exc.refusals[0].code
        except Exception as exc:  # noqa: BLE001 - what the test is about
            outcome = f"{type(exc).__name__}: {exc}"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(guesses)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == guesses
    assert set(results) <= {"bad_credentials", "locked"}, sorted(set(results))
    assert results.count("bad_credentials") == 4  # the fifth failure locks and says so
    with world.db.read() as s:
        assert s.query(LoginFailure).count() == 5
    with pytest.raises(AuthError) as exc:
        users.login(world.ctx(), "lina", PASSWORD)
    assert exc.value.refusals[0].code == "locked"


def test_plan_written_by_one_and_restored_from_a_copy_keeps_every_writer(world):
    """Copying or templating counts as writing: the one who applied it may not approve."""
    from relgui.services import plan_templates

    n = release_at(world, Status.PLANNING, type_="normal", author="zhangwei")
    plan_templates.apply(world.ctx("wangfang"), n, "normal", ["post_work"],
                         base_versions=plans.get(world.ctx(), n).section_versions)
    write_plan(world, n, "zhangwei")
    plans.submit(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    with pytest.raises(PolicyViolation):
        plans.approve(world.ctx("wangfang"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))


def test_rollback_flow_through_the_helpers(world):
    """The helpers used above walk a rollback end to end with the versions a user sees."""
    n = release_at(world, Status.DEPLOYING)
    problem(world, n)
    decide(world, n)
    step(world, n, 1, "done", kind="rollback")
    step(world, n, 2, "done", kind="rollback")
    restored(world, n)
    rollback.complete(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    assert seen(world, n).status == "awaiting_close"


# ------------------------------------------------------------------ the open GUI hears it

@pytest.mark.gui
def test_a_disabled_users_window_says_so_and_returns_to_the_login(sqlite_world, tmp_path, qtbot, monkeypatch):
    from gui_support import Told, gui_context

    from relgui.gui.main_window import MainWindow
    from relgui.gui.simple_actions import accept

    world = sqlite_world
    n = release_at(world, Status.REQUESTED)
    told = Told(monkeypatch)
    gctx = gui_context(world, "zhangwei", tmp_path)
    win = MainWindow(gctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    users.set_disabled(world.ctx("admin"), "zhangwei", True,
                       expected_version=users.get(world.ctx(), "zhangwei").row_version)
    release = seen(world, n)
    with qtbot.waitSignal(win.restart_requested, timeout=2000) as signal:
        assert not accept(win, gctx, release)
    assert signal.args == ["user"]
    assert any("已被停用" in t for t in told.texts)
    assert seen(world, n).status == "requested"


@pytest.mark.gui
def test_a_demoted_managers_window_re_renders_with_the_new_rights(sqlite_world, tmp_path, qtbot, monkeypatch):
    from gui_support import Told, gui_context, settle

    from relgui.gui.main_window import MainWindow

    world = sqlite_world
    n = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    Told(monkeypatch)
    gctx = gui_context(world, "lina", tmp_path)
    win = MainWindow(gctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    win.detail.show_release(seen(world, n).id)
    settle()
    assert win.detail.buttons["approve_plan"].isEnabled()
    assert "运维管理部经理" in win.user_label.text()
    users.set_roles(world.ctx("admin"), "lina", ["auditor"], expected_version=users.get(world.ctx(), "lina").row_version)
    win.refresh()  # any next action reads the rights again
    qtbot.waitUntil(lambda: "审计员" in win.user_label.text(), timeout=2000)
    settle()
    assert "经理" not in win.user_label.text()
    assert not win.detail.buttons["approve_plan"].isEnabled()
    assert "运维管理部经理" in win.detail.buttons["approve_plan"].toolTip()


# ------------------------------------------------------------------ signatures verified where used

@pytest.mark.parametrize("tamper", [
    "UPDATE signatures SET signer_name = '王五'",
    "UPDATE signatures SET signer_role = 'manager', meaning = 'approve'",
    "UPDATE plan_revisions SET content_hash = 'f' || substr(content_hash, 2)",
])
def test_an_approval_altered_behind_the_app_stops_the_lifecycle(world, tamper):
    """R-DOC-SIGN: an approval counts only while its signature verifies."""
    n = release_at(world, Status.PRECHECKED)
    with world.owner_engine.begin() as conn:
        if world.backend == "postgresql" and "signatures" in tamper:  # the owner may; the hashes show it
            conn.execute(text("ALTER TABLE signatures DISABLE TRIGGER signatures_void_only"))
        conn.execute(text(tamper))
    with pytest.raises(PolicyViolation) as exc:
        execution.start_deployment(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    codes = [r.code for r in exc.value.refusals]
    assert "approval_broken" in codes or "plan_not_approved" in codes
    if "signatures" in tamper:
        assert "approval_broken" in codes and "在程序之外被改动" in exc.value.message("zh_CN")
        assert [s.intact for s in seen(world, n).signatures] == [False]
    assert plans.get(world.ctx(), n).approved_revision is None
    assert seen(world, n).status == "prechecked"


# ------------------------------------------------------------------ row evidence (audit verify)

def test_every_row_written_through_the_services_verifies(world):
    from relgui.services import auditing

    for status in (Status.CLOSED, Status.ROLLING_BACK, Status.PLAN_SUBMITTED):
        release_at(world, status)
    report = auditing.verify_rows(world.ctx())
    assert report.checked > 50
    assert [f.as_dict() for f in report.findings] == []


def test_a_row_edited_behind_the_app_is_found_with_its_field(world):
    from relgui.services import auditing

    n = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE releases SET type = 'normal' WHERE number = :n"), {"n": n})
    report = auditing.verify_rows(world.ctx())
    [finding] = report.findings
    assert (finding.table, finding.problem, finding.fields) == ("releases", "changed", ("type",))
    assert finding.stored == {"type": "normal"} and finding.expected.get("type") in (None, "major")
    assert finding.seq is not None


def test_demo_data_is_under_the_chain_too(world):
    from relgui import demo
    from relgui.services import auditing

    demo.generate(world.ctx(), releases=30, seed=4)
    report = auditing.verify_rows(world.ctx())
    assert report.checked > 500
    assert [f.as_dict() for f in report.findings][:3] == []
    with world.db.read() as s:
        from relgui.store import audit
        assert audit.verify(s).ok


def test_audit_verify_on_the_command_line_names_the_changed_record(sqlite_world, tmp_path):
    """The command line reads the same services (tested on both databases above)."""
    import json
    import subprocess
    import sys

    world = sqlite_world
    n = release_at(world, Status.CLOSED)
    url = str(world.db.url.database)
    from conftest import PASSWORD

    as_admin = ["--user", "admin", "--password-stdin"]  # audit verify logs in (the password on stdin)
    ok = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", url, *as_admin, "audit", "verify"],
                        capture_output=True, text=True, encoding="utf-8", input=PASSWORD)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "全部与审计轨迹一致" in ok.stdout
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE closures SET analysis = '一切正常' "))
        conn.execute(text("DELETE FROM observations"))
        conn.execute(text("INSERT INTO freeze_periods (start, \"end\", reason, created_by_id) "
                          "VALUES ('2026-12-01 00:00:00', '2026-12-02 00:00:00', '伪造', NULL)"))
    bad = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", url, *as_admin, "audit", "verify"],
                         capture_output=True, text=True, encoding="utf-8", input=PASSWORD)
    assert bad.returncode == 4, bad.stdout + bad.stderr
    assert "发布关闭记录" in bad.stdout and "analysis：库中为 一切正常" in bad.stdout
    assert "冻结期" in bad.stdout and "在程序之外插入" in bad.stdout
    as_json = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", url, *as_admin, "audit", "verify",
                              "--json"], capture_output=True, text=True, encoding="utf-8", input=PASSWORD)
    found = json.loads(as_json.stdout)["records"]["findings"]
    assert {f["problem"] for f in found} >= {"changed", "no_event"}
    assert n  # the release whose closure was edited


def test_anchors_outside_the_database_find_a_cut_tail(sqlite_world, tmp_path):
    """The head kept in a backup and in the workstation's anchor log: cutting the chain's last
    events (triggers dropped, as the file's owner can) no longer goes unseen."""
    import subprocess
    import sys

    world = sqlite_world
    release_at(world, Status.CLOSED)
    url = str(world.db.url.database)
    backup_file = tmp_path / "b.zip"

    def cli(*args):  # as the administrator: audit and backup log in (the password on stdin)
        from conftest import PASSWORD

        return subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", url, "--user", "admin",
                               "--password-stdin", *args], capture_output=True, text=True, encoding="utf-8",
                              input=PASSWORD)

    assert cli("backup", str(backup_file)).returncode == 0
    release_at(world, Status.PLANNING)  # work goes on after the backup
    assert cli("audit", "verify", "--anchors", str(backup_file)).returncode == 0
    with world.owner_engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        top = conn.execute(text("SELECT MAX(seq) FROM audit_events")).scalar()
        conn.execute(text("DELETE FROM audit_events WHERE seq > :n"), {"n": top - 60})
    chain_only = cli("audit", "verify", "--chain-only")
    assert chain_only.returncode == 4  # the workstation's log remembers the head of the last verify
    assert "末尾的事件被删除" in chain_only.stdout
    listed = cli("audit", "anchors", str(backup_file))
    assert listed.returncode == 4 and "backup:b.zip" in listed.stdout


def test_a_row_changed_behind_the_app_is_not_whitewashed_by_a_later_write(world):
    """Each write records how it found the rows it changed: a row edited behind relgui and
    then written through it stays found, with the write that carried the change along."""
    from relgui.services import auditing

    n = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE releases SET title = '已被改过的标题' WHERE number = :n"), {"n": n})
    # A legitimate write to the same release: the approval (the release row moves on).
    plans.approve(world.ctx("lina"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    chain, report = auditing.verify_all(world.ctx())
    assert chain.ok
    found = [f for f in report.findings if f.table == "releases"]
    assert [f.problem for f in found] == ["changed_between"], [f.as_dict() for f in report.findings]
    assert "在程序之外被改动过" in auditing.describe_finding(found[0])


def test_a_decision_never_lands_on_a_problem_nobody_showed(world):
    """The manager saw problem P open; meanwhile P was decided 继续发布 and a new problem Q
    reported. The manager's decision (carrying P's version, which Q happens to share) is
    refused: it names the newer problem, and Q stays undecided."""
    n = release_at(world, Status.DEPLOYING)
    problem(world, n)
    shown = seen(world, n)
    p_id, p_version = details.seen_problem(shown), details.seen_problem_version(shown)
    decide(world, n, "continue", "问题可控", who="zhaomin")
    problem(world, n, text="另一个问题", who="wangfang")
    before, head = snapshot(world), audit_head(world)
    with pytest.raises(Conflict):
        rollback.decide(world.ctx("lina"), n, "rollback", "影响核心业务", expected_problem=p_id,
                        expected_version=p_version)
    assert (snapshot(world), audit_head(world)) == (before, head)
    assert seen(world, n).problems[-1].decision is None


def test_writes_over_time_leave_no_false_findings(world):
    """Each write records how it found a row: with the clock moving between writes (a fixed
    clock hides a lost old value), a release's whole life still verifies clean."""
    from relgui.services import auditing

    n = release_at(world, Status.PLANNING)
    for step_ in ("submit", "approve", "precheck", "deploy"):
        world.clock.advance(minutes=7)
        if step_ == "submit":
            plans.submit(world.ctx("zhangwei"), n, expected_version=rv(world, n))
        elif step_ == "approve":
            plans.approve(world.ctx("wangfang"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
        elif step_ == "precheck":
            for item in ("environment", "backup", "rollback_test", "contingency"):
                world.clock.advance(minutes=1)
                record(world, n, "precheck", item, "pass")
            execution.complete_precheck(world.ctx("zhangwei"), n, expected_version=rv(world, n))
        else:
            execution.start_deployment(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    world.clock.advance(minutes=3)
    c = company.get(world.ctx())
    company.save(world.ctx("admin"), company_name=c.company_name + "（新）", department=c.department,
                 number_pattern=c.number_pattern, expected_version=c.row_version)
    chain, report = auditing.verify_all(world.ctx())
    assert chain.ok and [f.as_dict() for f in report.findings] == []


def test_a_document_kept_outside_the_database_anchors_the_chain(sqlite_world, tmp_path):
    """An exported 发布计划 (Word and PDF faces) carries the chain head it was made at: cutting
    the chain below it is found from the file alone."""
    from relgui.services import anchors, documents

    world = sqlite_world
    n = release_at(world, Status.PLAN_APPROVED)
    folder = tmp_path / "printed"
    folder.mkdir()
    (folder / "plan.docx").write_bytes(documents.archived(world.ctx(), n, "plan").content)
    pdf = documents.archived(world.ctx(), n, "plan", face="pdf")
    (folder / "plan.pdf").write_bytes(pdf.content)
    found = anchors.found_in([folder], world.db.describe())
    assert {a.source for a in found} >= {"document:plan.docx", "document:plan.pdf"}
    assert all(not c.problem for c in anchors.check(world.ctx(), found))
    with world.owner_engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        top = min(a.seq for a in found if a.source.startswith("document:"))
        conn.execute(text("DELETE FROM audit_events WHERE seq >= :n"), {"n": top - 2})
    checks = anchors.check(world.ctx(), anchors.found_in([folder], world.db.describe()))
    assert {c.problem for c in checks if c.anchor.source.startswith("document:")} == {"cut"}


def test_the_quarterly_kpi_report_carries_the_chain_head(sqlite_world, tmp_path):
    from relgui.services import anchors, documents

    world = sqlite_world
    release_at(world, Status.CLOSED)
    (tmp_path / "kpi.docx").write_bytes(documents.kpi_report(world.ctx(), "2026Q4"))
    [anchor] = [a for a in anchors.found_in([tmp_path], world.db.describe()) if a.source == "document:kpi.docx"]
    assert not anchors.check(world.ctx(), [anchor])[0].problem


def test_thousands_of_damaged_rows_are_each_listed(sqlite_world, with_demo):
    """Bad input for the verifier: every checklist entry and step of a few hundred releases
    edited at once behind the app — each one is listed, none is lost in a summary."""
    from relgui.services import auditing

    world = sqlite_world
    with_demo(world, 150, 9)
    with world.owner_engine.begin() as conn:
        damaged = conn.execute(text("UPDATE checklist_entries SET evidence = evidence || '（改）'")).rowcount
        damaged += conn.execute(text("UPDATE step_records SET note = note || '（改）'")).rowcount
    assert damaged > 1000
    chain, report = auditing.verify_all(world.ctx(), limit=10 ** 9)
    assert chain.ok
    assert len(report.findings) == sum(report.by_table.values()) == damaged
    assert {f.fields for f in report.findings} == {("evidence",), ("note",)}
