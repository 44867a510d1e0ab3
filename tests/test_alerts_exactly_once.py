"""Exactly-once delivery with several senders and a sender killed mid-batch (issue 16).

Two ``relgui-admin notify --daemon`` processes and a third sender in this process (what a
workstation's relgui runs) drain 1 000 due alerts into one real SMTP server. The server holds
one daemon between two messages — after it claimed its batch and committed the next alert's
attempt, before anything of that message was handed over — and the test kills it with SIGKILL
there. Its claimed rows are taken over when their lease runs out. Every alert reaches the
server exactly once (counted by Message-ID), none is lost, and the one whose attempt was
recorded is marked as sent again after an unconfirmed attempt (in_doubt).
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alert_sinks import SmtpSink, wait_for
from sqlalchemy import func, insert, select

from relgui.alerts.sender import Sender
from relgui.services import alerts
from relgui.services.database import DatabaseClock
from relgui.store.models import Alert

N = {"postgresql": 1000, "sqlite": 200}  # SQLite: one writer at a time, fsync per commit
LEASE = 8  # seconds: longer than any send and commit under three senders' contention here
TESTS = Path(__file__).parent


@pytest.fixture
def keyring_env(tmp_path, monkeypatch):
    import keyring
    from keyring_for_tests import FileKeyring

    store = tmp_path / "keyring.json"
    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(store))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring_for_tests.FileKeyring",
               PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]), RELGUI_TEST_KEYRING=str(store))
    yield env
    keyring.set_keyring(previous)


def _due_alerts(world, channel_id: int, n: int) -> None:
    now = DatabaseClock(world.db).now() - dt.timedelta(seconds=1)
    rows = [dict(rule="problem_reported", dedupe_key=f"bulk|{i}", release_id=None, recipient_id=None,
                 channel_kind="email", channel_id=channel_id, address=f"u{i}@example.com", language="zh_CN",
                 params={"event": "problem_reported", "number": f"FB-2026-{i:04d}", "title": "批量",
                         "deadline": (now + dt.timedelta(minutes=30)).isoformat(), "by": "张伟"},
                 created_at=now, due_at=now, state="pending", attempts=0, in_doubt=0, claimed_by="", sent_by="",
                 last_error="") for i in range(n)]
    with world.db.engine.begin() as conn:
        conn.execute(insert(Alert.__table__), rows)


def _states(world) -> dict[str, int]:
    with world.db.read() as s:
        return dict(s.execute(select(Alert.state, func.count()).group_by(Alert.state)).all())


def test_three_senders_and_a_kill_deliver_each_alert_once(world, keyring_env):
    n = N[world.backend]
    sink = SmtpSink()
    procs: list[subprocess.Popen] = []
    stop = threading.Event()
    try:
        view = alerts.add_channel(world.ctx("admin"), "email", "公司邮件", {
            "host": "127.0.0.1", "port": sink.port, "security": "none", "sender": "relgui@example.com"})
        _due_alerts(world, view.id, n)
        url = world.db.url.render_as_string(hide_password=False)
        cmd = [sys.executable, "-m", "relgui.cli.main", "--db", url, "--lang", "en", "notify", "--daemon",
               "--poll", "0.2", "--lease", str(LEASE), "--batch", "20"]
        procs = [subprocess.Popen(cmd, env=keyring_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(2)]
        sink.trap_helos = {f"relgui-{p.pid}" for p in procs}
        sink.trap = (n // 4, threading.Event())
        # The third sender: what a workstation's relgui runs, in this process.
        gui = Sender(world.db, origin="gui", clock=DatabaseClock(world.db), batch=20, lease=dt.timedelta(seconds=LEASE))
        thread = threading.Thread(target=gui.run_forever, args=(stop,), kwargs={"poll": 0.2}, daemon=True)
        thread.start()

        trapped = wait_for(lambda: sink.trapped, timeout=120, what="a daemon held between two messages")
        victim = next(p for p in procs if f"relgui-{p.pid}" == trapped)
        claimed_by_victim = _claimed_by(world, victim.pid)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(10)
        sink.trap[1].set()
        assert claimed_by_victim["in_flight"] == 1, claimed_by_victim  # the message it was sending
        assert claimed_by_victim["claimed"] >= 1, claimed_by_victim  # and the rest of its batch

        wait_for(lambda: _states(world).get("sent", 0) == n, timeout=180, what=f"all {n} alerts sent")
        ids = collections.Counter(m.message_id for m in sink.mails)
        assert len(ids) == n and max(ids.values()) == 1, [i for i, c in ids.items() if c > 1][:5]
        assert sorted(m.rcpt[0] for m in sink.mails) == sorted(f"u{i}@example.com" for i in range(n))
        with world.db.read() as s:
            doubted = s.execute(select(Alert.id).where(Alert.in_doubt > 0)).scalars().all()
            taken_over = s.execute(select(Alert.sent_by).where(Alert.id.in_(claimed_by_victim["ids"]))).scalars().all()
            senders = collections.Counter(s.execute(select(Alert.sent_by)).scalars())
        # The one in flight was sent again (once, by another sender); the rest of the batch too.
        assert doubted == [claimed_by_victim["in_flight_id"]]
        assert all(f":{victim.pid}:" not in who for who in taken_over)
        alive = next(p for p in procs if p is not victim)
        assert any(f":{alive.pid}:" in k for k in senders) and any(k.endswith(":gui") for k in senders)
    finally:
        stop.set()
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        sink.stop()


def _claimed_by(world, pid: int) -> dict[str, int]:
    with world.db.read() as s:
        rows = s.execute(select(Alert.id, Alert.attempt_at).where(Alert.state == "sending",
                                                                  Alert.claimed_by.like(f"%:{pid}:%"))).all()
    flight = [r.id for r in rows if r.attempt_at is not None]
    return {"claimed": len(rows), "in_flight": len(flight), "in_flight_id": flight[0] if flight else None,
            "ids": [r.id for r in rows]}
