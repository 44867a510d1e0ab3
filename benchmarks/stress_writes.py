"""Many clients writing the same records at once: is any acknowledged write lost?

    python benchmarks/stress_writes.py --db postgresql://user@host/db --clients 20 --rounds 20
    python benchmarks/stress_writes.py --db sqlite:////tmp/stress.db --clients 5 --rounds 20
    python benchmarks/stress_writes.py --pg --clients 20     # a throw-away PostgreSQL server
    python benchmarks/stress_writes.py --sqlite --clients 5  # a fresh SQLite file

Every client is its own process (as workstations are). In each round it does every write kind
once, on records all clients share: it reads the record as a user would (the version shown),
then writes its own value carrying that version. A write the service acknowledges is
recorded with the version it claimed to have seen.

A write is *lost* when another acknowledged write claimed to have seen the same version of the
same record (the later one overwrote something its user never saw), or when an acknowledged
append is missing. Every acknowledged write must also have exactly one audit event. Refusals
with a Conflict are counted as conflicts (the expected answer under contention); any other
exception is a traceback. Prints ``<kind>: writes=N lost=N conflicts=N tracebacks=N`` per kind.
The database given with --db must be empty (it is initialised and seeded here).
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

KINDS = ("checklist", "step", "section", "problem", "decision", "restoration", "cmdb", "company",
         "user_roles", "change_status", "software_approval", "observation")
PASSWORD = "stress-horse-2026"


# ------------------------------------------------------------------ seeding (parent process)

def seed(url: str, clients: int) -> dict:
    """People, settings, inventory and one release per write kind in the right status."""
    from flows import full_plan  # the tests' complete plan, valid for the profile

    from relgui.domain.states import Status
    from relgui.domain.timeutil import SystemClock
    from relgui.domain.versions import NEW
    from relgui.services import changes, company, details, execution, inventory, plans, releases, rollback, users
    from relgui.services.context import AppContext, system_actor
    from relgui.services.database import open_database

    db = open_database(url, create=True)
    sysctx = AppContext(db=db, actor=system_actor("stress"), clock=SystemClock())
    company.save(sysctx, company_name="压力测试公司", department="运维管理部", number_pattern="ST-{year}-{seq:05d}",
                 expected_version=NEW)
    ids = {}
    for name, roles in (("admin", ["admin"]), ("mgr", ["manager"]), ("mgr2", ["manager"]),
                        ("author", ["engineer"]), ("target", ["engineer"])):
        ids[name] = users.add(sysctx, name, name, roles, PASSWORD).id
    for i in range(clients):
        ids[f"e{i}"] = users.add(sysctx, f"e{i}", f"工程师{i}", ["engineer", "manager"], PASSWORD).id

    def ctx(name):
        from relgui.domain.lifecycle import Actor
        u = users.get(sysctx, name)
        return AppContext(db=db, actor=Actor(u.id, u.username, u.display_name, frozenset(u.roles)),
                          clock=SystemClock())

    inventory.add_config_item(ctx("author"), "核心交易系统-应用服务器", artifact="core-trade-app", current_version="1.0.0")
    for v in ("1.0.0", "1.1.0"):
        inventory.register_version(ctx("mgr"), "core-trade-app", v, sha256=f"{hash(v):064x}"[-64:].replace("-", "0"),
                                   location=f"\\\\dsl\\{v}", approve=True)
    inventory.register_version(ctx("author"), "core-trade-app", "2.0.0", sha256="b" * 64, location="\\\\dsl\\2.0.0")
    changes.record(ctx("author"), number="CHG-STRESS", title="压力测试", status="approved")
    changes.record(ctx("author"), number="CHG-TOGGLE", title="状态切换", status="submitted")

    def rv(n):
        return details.show(sysctx, n, audit_limit=0).row_version

    def release(status: Status) -> str:
        a = ctx("author")
        n = releases.create(a, title=f"压力测试 {status.value}", type="normal", change_numbers=["CHG-STRESS"]).number
        releases.accept(a, n, expected_version=rv(n))
        if status is Status.ACCEPTED:
            return n
        releases.start_planning(a, n, expected_version=rv(n))
        import datetime as dt
        content = full_plan(type("W", (), {"clock": SystemClock()})(),
                            start=dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
        for key, data in content.items():
            plans.save_section(a, n, key, data, base_version=plans.get(a, n).section_versions.get(key, 0))
        if status is Status.PLANNING:
            return n
        plans.submit(a, n, expected_version=rv(n))
        plans.approve(ctx("mgr"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(n))
        if status is Status.PLAN_APPROVED:
            return n
        for item in ("environment", "backup", "rollback_test", "contingency"):
            execution.record_item(a, n, "precheck", item, "pass", expected_version=NEW)
        execution.complete_precheck(a, n, expected_version=rv(n))
        execution.start_deployment(a, n, expected_version=rv(n))
        if status is Status.DEPLOYING:
            return n
        if status is Status.ROLLING_BACK:
            rollback.report_problem(a, n, ["key_function"], "报错", expected_problem=NEW)
            d = details.show_json(sysctx, n, audit_limit=0)
            rollback.decide(ctx("mgr"), n, "rollback", "回退", expected_problem=d["problems"][-1]["id"],
                            expected_version=d["problems"][-1]["row_version"])
            for s in (1, 2):
                execution.record_step(a, n, s, "done", kind="rollback", expected_version=NEW)
            return n
        for s in (1, 2):
            execution.record_step(a, n, s, "done", expected_version=NEW)
        execution.finish_deployment(a, n, expected_version=rv(n))
        from relgui.services.execution import Confirmation
        for item in ("functional", "performance", "business"):
            execution.record_item(a, n, "verification", item, "pass", expected_version=NEW)
        execution.record_item(a, n, "verification", "acceptance", "pass", expected_version=NEW,
                              confirmation=Confirmation("陈经理", "业务部", dt.datetime.now(dt.UTC)))
        execution.complete_verification(a, n, expected_version=rv(n))
        return n

    out = {
        "ids": ids,
        "planning": release(Status.PLANNING),
        "approved": release(Status.PLAN_APPROVED),
        "deploying": release(Status.DEPLOYING),
        "deploying2": release(Status.DEPLOYING),
        "rolling_back": release(Status.ROLLING_BACK),
        "config_update": release(Status.CONFIG_UPDATE),
    }
    db.dispose()
    return out


# ------------------------------------------------------------------ one client (its own process)

def client(url: str, index: int, rounds: int, shared: dict, queue) -> None:
    from relgui.domain.errors import Conflict, RelguiError
    from relgui.domain.lifecycle import Actor
    from relgui.domain.timeutil import SystemClock
    from relgui.domain.versions import NEW
    from relgui.services import changes, closing, company, details, execution, inventory, plans, rollback, users
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    db = open_database(url)
    me = f"e{index}"
    ctx = AppContext(db=db, actor=Actor(shared["ids"][me], me, f"工程师{index}", frozenset({"engineer", "manager"})),
                     clock=SystemClock())
    admin = AppContext(db=db, actor=Actor(shared["ids"]["admin"], "admin", "admin", frozenset({"admin"})),
                       clock=SystemClock())
    rng = random.Random(index)
    results = []

    def show(n):
        return details.show(ctx, n, audit_limit=0)

    def attempt(kind: str, key: str, seen, write):
        try:
            value = write()
        except Conflict:
            results.append((kind, key, "conflict", repr(seen), None))
        except RelguiError as exc:
            results.append((kind, key, "refused", repr(seen), exc.refusals[0].code))
        except Exception:  # noqa: BLE001 - what this benchmark counts
            results.append((kind, key, "traceback", repr(seen), traceback.format_exc(limit=3)))
        else:
            results.append((kind, key, "ok", repr(seen), value))

    for r in range(rounds):
        tag = f"{me}-r{r}"
        # checklist: an item of pre-release verification, NEW on first sight
        n = shared["approved"]
        item = rng.choice(("environment", "backup", "rollback_test", "contingency"))
        v = details.seen_entry(show(n), "precheck", item)
        attempt("checklist", f"{n}#{item}", v, lambda: execution.record_item(
            ctx, n, "precheck", item, "pass", evidence=tag, expected_version=v))
        # step record
        n = shared["deploying"]
        s = rng.choice((1, 2))
        v = details.seen_step(show(n), "deploy", s)
        attempt("step", f"{n}#{s}", v, lambda: execution.record_step(
            ctx, n, s, "done", note=tag, expected_version=v))
        # plan section
        n = shared["planning"]
        v = plans.get(ctx, n).section_versions.get("purpose", 0)
        attempt("section", f"{n}#purpose", v, lambda: plans.save_section(
            ctx, n, "purpose", {"text": tag}, base_version=v))
        # severe problem, then the decision on it (continue, so the next one can be reported)
        n = shared["deploying2"]
        d = show(n)
        v = details.seen_problem(d)
        open_ = d.problems and d.problems[-1].decision is None
        if not open_:
            attempt("problem", n, v, lambda: rollback.report_problem(
                ctx, n, ["key_function"], tag, expected_problem=v))
        d = show(n)
        if d.problems and d.problems[-1].decision is None:
            v = details.seen_problem_version(d)
            pid = d.problems[-1].id
            attempt("decision", f"problem#{pid}", v, lambda: rollback.decide(
                ctx, n, "continue", tag, expected_problem=pid, expected_version=v))
        # restoration (may be confirmed again; each carries the rollback record's version)
        n = shared["rolling_back"]
        v = details.seen_rollback(show(n))
        attempt("restoration", n, v, lambda: rollback.confirm_restored(ctx, n, tag, expected_version=v))
        # CMDB update of a release in 配置更新
        n = shared["config_update"]
        v = show(n).row_version
        attempt("cmdb", n, v, lambda: closing.apply_cmdb(ctx, n, {"核心交易系统-应用服务器": tag[:40]},
                                                         expected_version=v))
        # company settings (as the administrator)
        c = company.get(admin)
        attempt("company", "company", c.row_version, lambda: company.save(
            admin, company_name=c.company_name, department=tag, number_pattern=c.number_pattern,
            expected_version=c.row_version))
        # an account's roles
        u = users.get(admin, "target")
        roles = ["engineer"] if rng.random() < 0.5 else ["engineer", "auditor"]
        attempt("user_roles", "target", u.row_version, lambda: users.set_roles(
            admin, "target", roles, expected_version=u.row_version))
        # a change request's recorded decision
        ch = changes.by_numbers(ctx, ["CHG-TOGGLE"])[0]
        status = rng.choice(("submitted", "approved", "rejected"))
        attempt("change_status", "CHG-TOGGLE", ch.row_version, lambda: changes.set_status(
            ctx, "CHG-TOGGLE", status, decided_by=tag, expected_version=ch.row_version))
        # approval of a software version (approving again re-records who and when)
        sv = next(x for x in inventory.versions(ctx, "core-trade-app") if x.version == "2.0.0")
        attempt("software_approval", "2.0.0", sv.row_version, lambda: inventory.approve_version(
            ctx, "core-trade-app", "2.0.0", expected_version=sv.row_version))
        # an observation: appended, carries no version, must never be lost
        n = shared["deploying"]
        attempt("observation", tag, NEW, lambda: execution.observe(ctx, n, "progress", tag))
    db.dispose()
    queue.put(results)


# ------------------------------------------------------------------ judging

def judge(url: str, shared: dict, results: list[tuple], start_seq: int) -> dict[str, collections.Counter]:
    from sqlalchemy import func, select

    from relgui.services.database import open_database
    from relgui.store import audit
    from relgui.store.models import AuditEvent, Observation

    counts: dict[str, collections.Counter] = {k: collections.Counter() for k in (*KINDS, "_chain")}
    claims: dict[tuple[str, str, str], int] = collections.Counter()
    for kind, key, outcome, seen, _value in results:
        c = counts[kind]
        c["writes"] += 1
        c[{"ok": "acknowledged", "conflict": "conflicts", "refused": "refused", "traceback": "tracebacks"}[outcome]] += 1
        if outcome == "ok" and kind != "observation":
            claims[(kind, key, seen)] += 1
    for (kind, _key, _seen), n in claims.items():
        counts[kind]["lost"] += n - 1  # two writes that saw the same version: one overwrote the other unseen
    db = open_database(url)
    with db.read() as s:
        written = set(s.execute(select(Observation.text)).scalars())
        acked = [key for kind, key, outcome, *_ in results if kind == "observation" and outcome == "ok"]
        counts["observation"]["lost"] += sum(1 for tag in acked if tag not in written)
        # every acknowledged write has its audit event (and no refused one has)
        by_action = dict(s.execute(select(AuditEvent.action, func.count()).where(AuditEvent.seq > start_seq)
                                   .group_by(AuditEvent.action)).all())
        verified = audit.verify(s)
    db.dispose()
    expected_actions = {"checklist": "checklist.precheck", "step": "step.deploy", "section": "plan.save_section",
                        "problem": "rollback.problem", "decision": "rollback.decide",
                        "restoration": "rollback.restored", "cmdb": "cmdb.update", "company": "company.save",
                        "user_roles": "user.roles", "change_status": "change.status",
                        "software_approval": "dsl.approve", "observation": "monitor.observe"}
    for kind, action in expected_actions.items():
        counts[kind]["audit_events"] = by_action.get(action, 0)
    counts["_chain"]["intact"] = int(verified.ok)
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="an empty database to use (URL or SQLite path)")
    where.add_argument("--pg", action="store_true", help="start a throw-away PostgreSQL server")
    where.add_argument("--sqlite", action="store_true", help="a fresh SQLite file in a temporary folder")
    parser.add_argument("--clients", type=int, default=None, help="processes (default 20 on PostgreSQL, 5 on SQLite)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    server = None
    if args.pg:
        from pgserver import PgServer
        from sqlalchemy import create_engine, text
        server = PgServer()
        server.start()
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE stress"))
        admin.dispose()
        url = server.url("stress")
    elif args.sqlite:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='relgui-stress-')) / 'stress.db'}"
    else:
        url = args.db
    clients = args.clients or (20 if "postgresql" in url else 5)
    try:
        from relgui.store import schema
        from relgui.store.engine import Database
        db = Database(url, create=True)
        schema.ensure(db.engine)
        db.dispose()
        shared = seed(url, clients)
        from relgui.services.database import open_database
        from relgui.store import audit as audit_store
        db = open_database(url)
        with db.read() as s:
            start_seq = audit_store.last_seq(s)
        db.dispose()
        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        started = time.perf_counter()
        procs = [ctx.Process(target=client, args=(url, i, args.rounds, shared, queue)) for i in range(clients)]
        for p in procs:
            p.start()
        results = []
        for _ in procs:
            results.extend(queue.get(timeout=1800))
        for p in procs:
            p.join(60)
        elapsed = time.perf_counter() - started
        counts = judge(url, shared, results, start_seq)
    finally:
        if server is not None:
            server.stop()
    backend = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"{backend}: {clients} clients x {args.rounds} rounds, {len(results)} writes in {elapsed:.1f} s")
    bad = 0
    for kind in KINDS:
        c = counts[kind]
        print(f"{kind:18s} writes={c['writes']:5d} acknowledged={c['acknowledged']:5d} lost={c['lost']} "
              f"conflicts={c['conflicts']} refused={c['refused']} tracebacks={c['tracebacks']} "
              f"audit_events={c['audit_events']}")
        bad += c["lost"] + c["tracebacks"] + (c["audit_events"] != c["acknowledged"])
    print(f"audit chain intact: {bool(counts['_chain']['intact'])}")
    for kind, key, outcome, _seen, value in results:
        if outcome == "traceback":
            print(f"first traceback ({kind} {key}):\n{value}")
            break
    return 1 if bad or not counts["_chain"]["intact"] else 0


if __name__ == "__main__":
    sys.exit(main())
