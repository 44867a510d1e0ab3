"""Alerts (issue 16), on SQLite, with real servers on loopback (tests/alert_sinks.py):

  latency        a severe problem reported (the use case commits) → the mail in the SMTP server
                 and the message in the 钉钉 robot server, with a sender running as
                 `relgui-admin notify --daemon` does (poll 2 s): target ≤ 5 s
  drain          1 000 due alerts sent by one sender (claim, attempt, send, result: one commit
                 per alert) against the floor: the same 1 000 messages sent with smtplib over
                 one connection to the same server, nothing recorded

    python benchmarks/bench_alerts.py [--postgresql URL]   (default: a temporary SQLite file)
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from alert_sinks import SmtpSink, WebhookSink, wait_for  # noqa: E402

N = 1000
PASSWORD = "bench-login-horse-2026"


def setup(url: str):
    import keyring
    from keyring_for_tests import FileKeyring

    from relgui.domain.timeutil import SystemClock
    from relgui.domain.versions import NEW
    from relgui.services import alerts, changes, company, users
    from relgui.services.context import AppContext, system_actor
    from relgui.store import schema
    from relgui.store.engine import Database

    keyring.set_keyring(FileKeyring())
    db = Database(url)
    schema.ensure(db.engine)
    system = AppContext(db=db, actor=system_actor("bench"), clock=SystemClock())
    company.save(system, company_name="基准公司", department="运维管理部", number_pattern="FB-{year}-{seq:04d}",
                 expected_version=NEW)
    people = {}
    for name, roles in (("admin", ("admin",)), ("lina", ("manager",)), ("zhaomin", ("manager",)),
                        ("zhangwei", ("engineer",))):
        people[name] = users.add(system, name, name, roles, PASSWORD).id
    from relgui.domain.lifecycle import Actor

    def ctx(name, roles):
        return AppContext(db=db, actor=Actor(people[name], name, name, frozenset(roles)), clock=SystemClock())
    admin = ctx("admin", ("admin",))
    for name in ("lina", "zhaomin", "zhangwei"):
        alerts.set_contact(admin, name, email=f"{name}@example.com", expected_version=NEW)
    eng = ctx("zhangwei", ("engineer",))
    changes.record(eng, number="CHG-1", title="变更", status="approved", decided_by="CAB")
    return db, admin, eng


def deploying(db, eng) -> str:
    from sqlalchemy import update

    from relgui.domain.states import Status
    from relgui.services import releases
    from relgui.store.models import Release

    n = releases.create(eng, title="核心交易系统升级", type="normal", change_numbers=["CHG-1"]).number
    with db.engine.begin() as conn:
        conn.execute(update(Release.__table__).where(Release.__table__.c.number == n)
                     .values(status=Status.DEPLOYING.value))
    return n


def latency(db, admin, eng, smtp: SmtpSink, hooks: WebhookSink, runs: int = 5) -> tuple[list[float], list[float]]:
    from relgui.alerts.sender import Sender
    from relgui.services import details, rollback

    stop = threading.Event()
    sender = Sender(db, origin="bench")
    thread = threading.Thread(target=sender.run_forever, args=(stop,), kwargs={"poll": 2.0}, daemon=True)
    thread.start()
    mail, hook = [], []
    try:
        for _ in range(runs):
            n = deploying(db, eng)
            m0, h0 = smtp.count(), hooks.count("dingtalk")
            t = time.perf_counter()
            rollback.report_problem(eng, n, ["key_function"], "关键功能报错",
                                    expected_problem=details.seen_problem(details.show(eng, n, audit_limit=0)))
            wait_for(lambda: smtp.count() > m0, 30, "mail")
            mail.append(time.perf_counter() - t)
            wait_for(lambda: hooks.count("dingtalk") > h0, 30, "webhook")
            hook.append(time.perf_counter() - t)
            wait_for(lambda: smtp.count() >= m0 + 2, 30, "both mails")
    finally:
        stop.set()
        thread.join(10)
    return mail, hook


def drain(db, channel_id: int, smtp: SmtpSink) -> float:
    from sqlalchemy import insert

    from relgui.alerts.sender import Sender
    from relgui.store.models import Alert

    now = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    rows = [dict(rule="problem_reported", dedupe_key=f"drain|{i}", channel_kind="email", channel_id=channel_id,
                 address=f"u{i}@example.com", language="zh_CN", params={
                     "event": "problem_reported", "number": f"FB-2026-{i:04d}", "title": "批量",
                     "deadline": (now + dt.timedelta(minutes=30)).isoformat(), "by": "张伟"},
                 created_at=now, due_at=now, state="pending", attempts=0, in_doubt=0, claimed_by="", sent_by="",
                 last_error="") for i in range(N)]
    with db.engine.begin() as conn:
        conn.execute(insert(Alert.__table__), rows)
    before = smtp.count()
    t = time.perf_counter()
    stats = Sender(db, origin="bench").run_once()
    took = time.perf_counter() - t
    assert stats.sent == N and smtp.count() - before == N, stats
    return took


def floor(smtp: SmtpSink) -> float:
    import smtplib
    from email.message import EmailMessage

    before = smtp.count()
    t = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", smtp.port) as c:
        for i in range(N):
            msg = EmailMessage()
            msg["From"], msg["To"] = "relgui@example.com", f"u{i}@example.com"
            msg["Subject"] = f"严重问题：FB-2026-{i:04d}《批量》需在 2026-11-27 10:30 (CST) 前作出回退决策"
            msg.set_content("张伟 报告了严重问题。\n发布：FB-2026-0001 批量\n截止时间：2026-11-27 10:30 (CST)\n如何处理：…",
                            charset="utf-8")
            c.send_message(msg)
    took = time.perf_counter() - t
    assert smtp.count() - before == N
    return took


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-alerts-"))
    os.environ["RELGUI_TEST_KEYRING"] = str(tmp / "keyring.json")
    url = sys.argv[sys.argv.index("--postgresql") + 1] if "--postgresql" in sys.argv else f"sqlite:///{tmp / 'alerts.db'}"
    smtp, hooks = SmtpSink(), WebhookSink()
    try:
        db, admin, eng = setup(url)
        from relgui.services import alerts

        mailch = alerts.add_channel(admin, "email", "邮件", {"host": "127.0.0.1", "port": smtp.port, "security": "none",
                                                           "sender": "relgui@example.com"})
        alerts.add_channel(admin, "dingtalk", "钉钉", {}, url=hooks.url("dingtalk"), secret=hooks.dingtalk_secret)
        mail, hook = latency(db, admin, eng, smtp, hooks)
        print(f"latency, use case commit → SMTP server: median {statistics.median(mail):.2f} s, "
              f"max {max(mail):.2f} s (target ≤ 5 s; the daemon polls every 2 s)")
        print(f"latency, use case commit → 钉钉 robot server: median {statistics.median(hook):.2f} s, "
              f"max {max(hook):.2f} s")
        base = floor(smtp)
        took = drain(db, mailch.id, smtp)
        print(f"drain {N} due alerts: {took:.2f} s, {took / N * 1000:.2f} ms per alert; floor (smtplib, one "
              f"connection, nothing recorded): {base:.2f} s, {base / N * 1000:.2f} ms per message; ratio {took / base:.1f}")
        db.dispose()
    finally:
        smtp.stop()
        hooks.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
