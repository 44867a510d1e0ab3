"""The KPI alert (issue 16, R-4.6-KPI): the current quarter's 发布成功率 crossing below its 95 %
target tells the operations managers once per crossing, through the outbox, in their language —
on SQLite and PostgreSQL, with an injected clock, against a real SMTP server on loopback.

The rule (relgui/services/kpi_watch.py, docs/alerts.md): below = the dashboard's figure misses the
target (only closures whose signature verifies count); a crossing from not-below to below alerts
(crossing n of the quarter), staying below alerts no more, back at/above the target is recorded,
and falling below again is crossing n + 1. A new quarter starts afresh.
"""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select, text
from test_alerts import configure, keyring_file, rows, sender, smtp  # noqa: F401 (fixtures)
from test_kpi import _bj, _release

from relgui.domain.kpi import Quarter
from relgui.domain.versions import NEW
from relgui.services import alerts, kpi, kpi_watch
from relgui.store import audit
from relgui.store.models import AuditEvent

MANAGERS = {"lina", "zhaomin", "liuyang"}  # conftest.PEOPLE holding 运维管理部经理
NOW = _bj(2026, 11, 27, 10, 0)  # 2026Q4 in Beijing (the tests' clock, conftest.START)
IN_Q4 = _bj(2026, 11, 20, 9, 30)


def closed(world, n: int, outcome: str = "success", when: dt.datetime = IN_Q4) -> None:
    for _ in range(n):
        _release(world, outcome=outcome, closed_at=when)


def audit_actions(world, quarter: str = "2026Q4") -> list[str]:
    with world.db.read() as s:
        return list(s.execute(select(AuditEvent.action).where(
            AuditEvent.entity == "kpi", AuditEvent.entity_key == quarter).order_by(AuditEvent.seq)).scalars())


def people(world, alerts_: list) -> set[str]:
    names = {v: k for k, v in world.ids.items()}
    return {names[a.recipient_id] for a in alerts_}


def test_a_quarter_below_target_alerts_the_managers_once_per_crossing(world, keyring_file, smtp):  # noqa: F811
    configure(world, smtp.port)
    world.clock.set(NOW)
    ctx = world.ctx()

    closed(world, 19)
    closed(world, 1, "failed")  # 19 of 20: exactly 95 %, met
    first = kpi_watch.check(ctx)
    assert (first.quarter, first.below, first.alerts, first.changed) == (Quarter(2026, 4), False, 0, "")
    assert first.rate == kpi.success_rate(ctx, "2026Q4")  # the dashboard's own figure
    assert rows(world, rule="kpi_below") == []

    closed(world, 1, "rolled_back")  # 19 of 21: 90.4 % (rounded down, as the dashboard shows it)
    crossed = kpi_watch.check(ctx)
    assert (crossed.below, crossed.crossing, crossed.changed) == (True, 1, "below")
    written = rows(world, rule="kpi_below")
    assert crossed.alerts == len(written) == 6  # desktop + e-mail for each manager, nobody else
    assert people(world, written) == MANAGERS
    assert {a.channel_kind for a in written} == {"desktop", "email"}
    assert {a.dedupe_key.split("|")[1] for a in written} == {"kpi-2026Q4-1"}
    assert written[0].params["rate"] == "90.4%" and written[0].params["counted"] == 21

    stats = sender(world).run_once()
    assert stats.sent == 3 and not stats.errors  # the mails (the desktop ones wait for their relgui)
    mails = {m.rcpt[0]: m for m in smtp.mails}
    assert set(mails) == {"lina@example.com", "zhaomin@example.com", "liuyang@example.com"}
    zh = mails["lina@example.com"]
    assert zh.subject == "本季度发布成功率 90.4%，低于 95% 目标（2026Q4）"
    assert "已关闭的发布 21 次，成功 19 次，失败或回退 2 次" in zh.body and "表4-3" in zh.body
    assert "仪表板" in zh.body and "kpi" not in zh.body.lower().replace("kpi-", "")
    en = mails["liuyang@example.com"]  # liuyang reads English (test_alerts.CONTACTS)
    assert en.subject.strip() == "This quarter's release success rate is 90.4%, below the 95% target (2026Q4)"
    assert "21 releases closed, 19 succeeded, 2 failed or rolled back" in en.body

    # Later rounds while it stays below (and more failures) write nothing more.
    for minutes in (10, 20):
        world.clock.set(NOW + dt.timedelta(minutes=minutes))
        again = kpi_watch.check(ctx)
        assert (again.below, again.alerts, again.changed) == (True, 0, "")
        closed(world, 1, "failed")
    assert len(rows(world, rule="kpi_below")) == 6
    assert audit_actions(world) == ["alert.kpi_below"]

    # Back at the target: recorded, nobody alerted. 76 of 80 (95.0 %, met).
    closed(world, 57)
    met = kpi_watch.check(ctx)
    assert (met.below, met.changed, met.alerts) == (False, "met", 0)
    assert len(rows(world, rule="kpi_below")) == 6
    # Below again (76 of 81, 93.8 %): crossing 2, a new alert to the same people.
    closed(world, 1, "failed")
    second = kpi_watch.check(ctx)
    assert (second.below, second.crossing, second.changed) == (True, 2, "below")
    new = [a for a in rows(world, rule="kpi_below") if "|kpi-2026Q4-2|" in a.dedupe_key]
    assert len(new) == 6 and people(world, new) == MANAGERS and new[0].params["rate"] == "93.8%"
    assert kpi_watch.check(ctx).alerts == 0
    assert audit_actions(world) == ["alert.kpi_below", "alert.kpi_met", "alert.kpi_below"]
    with world.db.read() as s:
        assert audit.verify(s).ok  # the state lives in the hash chain, unaltered


def test_only_closures_whose_signature_verifies_count_and_the_text_says_so(world, keyring_file, smtp):  # noqa: F811
    configure(world, smtp.port)
    world.clock.set(NOW)
    closed(world, 19)
    closed(world, 1, "failed")  # 19 of 20: met
    assert kpi_watch.check(world.ctx()).below is False
    with world.owner_engine.begin() as conn:  # one successful closure altered behind the app
        conn.execute(text("UPDATE closures SET analysis = '事后改写的分析' WHERE release_id = "
                          "(SELECT MIN(release_id) FROM closures WHERE outcome = 'success')"))
    out = kpi_watch.check(world.ctx())
    assert out.below is True and len(out.rate.closure_broken) == 1
    assert (out.rate.overall.total, out.rate.overall.successful) == (19, 18)  # 94.7 %: below
    sender(world).run_once()
    mail = next(m for m in smtp.mails if m.rcpt[0] == "lina@example.com")
    assert mail.subject == "本季度发布成功率 94.7%，低于 95% 目标（2026Q4）"
    assert "另有 1 次发布的关闭签署已失效，未计入。" in mail.body


def test_a_new_quarter_starts_afresh_and_an_empty_one_says_nothing(world, keyring_file):  # noqa: F811
    configure(world)
    world.clock.set(NOW)
    closed(world, 1, "failed")  # the quarter's first release failed: 0 %, below
    assert kpi_watch.check(world.ctx()).crossing == 1
    world.clock.set(_bj(2027, 1, 1, 0, 5))  # 2027Q1 in Beijing (still 2026 in UTC)
    empty = kpi_watch.check(world.ctx())
    assert (empty.quarter, empty.below, empty.crossing, empty.alerts) == (Quarter(2027, 1), None, 0, 0)
    closed(world, 1, "failed", when=_bj(2027, 1, 1, 0, 1))
    fresh = kpi_watch.check(world.ctx())
    assert (fresh.quarter, fresh.crossing, fresh.changed) == (Quarter(2027, 1), 1, "below")
    assert {a.dedupe_key.split("|")[1] for a in rows(world, rule="kpi_below")} == {"kpi-2026Q4-1", "kpi-2027Q1-1"}


def test_two_senders_deciding_at_once_alert_once(world, keyring_file):  # noqa: F811
    configure(world)
    world.clock.set(NOW)
    closed(world, 3)
    closed(world, 1, "failed")
    barrier = threading.Barrier(4)
    results, errors = [], []

    def one() -> None:
        try:
            barrier.wait()
            results.append(kpi_watch.check(world.ctx()))
        except Exception as exc:  # noqa: BLE001 - collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(results) == 4
    assert [r.changed for r in results].count("below") == 1
    assert len(rows(world, rule="kpi_below")) == 3  # the desktop alerts of the three managers, once
    assert audit_actions(world) == ["alert.kpi_below"]


def test_the_watch_runs_at_most_every_five_minutes_and_a_switched_off_rule_reads_nothing(world, keyring_file):  # noqa: F811
    configure(world)
    world.clock.set(NOW)
    watch = kpi_watch.KpiWatch()
    assert watch(world.ctx()).below is None  # nothing closed yet
    closed(world, 1, "failed")
    world.clock.set(NOW + dt.timedelta(minutes=4, seconds=59))
    assert watch(world.ctx()) is None and rows(world, rule="kpi_below") == []  # not yet
    world.clock.set(NOW + dt.timedelta(minutes=5))
    assert watch(world.ctx()).changed == "below" and len(rows(world, rule="kpi_below")) == 3

    body, version = alerts.rules_text(world.ctx("admin"))
    off = body.replace('key = "kpi_below"\nevent = "kpi_below"', 'key = "kpi_below"\nevent = "kpi_below"\nenabled = false')
    assert off != body
    alerts.save_rules(world.ctx("admin"), off, expected_version=NEW if not version else version)
    world.clock.set(_bj(2027, 1, 5, 9, 0))
    closed(world, 1, "failed", when=_bj(2027, 1, 5, 8, 0))
    out = kpi_watch.check(world.ctx())
    assert out.rate is None and out.alerts == 0 and audit_actions(world, "2027Q1") == []


def test_the_workstation_round_runs_the_watch_and_shows_the_alert(world, keyring_file):  # noqa: F811
    configure(world)
    world.clock.set(NOW)
    closed(world, 1, "failed")
    lina = world.ctx("lina")
    shown = alerts.deliver_round(lina)  # the check, then lina's desktop alert in the same round
    assert [t.subject for _, _, t in shown] == ["本季度发布成功率 0.0%，低于 95% 目标（2026Q4）"]
    assert [rid for _, rid, _ in shown] == [None]  # no release to open
    world.clock.set(NOW + dt.timedelta(minutes=30))
    assert alerts.deliver_round(lina) == []  # a later round: nothing new
    assert audit_actions(world) == ["alert.kpi_below"]


def test_notify_run_once_runs_the_watch(world, keyring_file, smtp, capsys):  # noqa: F811
    """relgui-admin notify --run-once, on the database's clock (the real one): this quarter, now."""
    from relgui.cli.main import main
    from relgui.domain.timeutil import SystemClock
    from relgui.services.context import AppContext

    configure(world, smtp.port)
    now = SystemClock().now()
    quarter = kpi.current_quarter(AppContext(db=world.db, clock=SystemClock()))
    closed(world, 1, "failed", when=now - dt.timedelta(seconds=1))
    code = main(["--db", world.db.url.render_as_string(hide_password=False), "notify", "--run-once"])
    assert code == 0, capsys.readouterr()
    subjects = {m.rcpt[0]: m.subject for m in smtp.mails}
    assert set(subjects) == {"lina@example.com", "zhaomin@example.com", "liuyang@example.com"}
    assert subjects["zhaomin@example.com"] == f"本季度发布成功率 0.0%，低于 95% 目标（{quarter}）"
    assert audit_actions(world, str(quarter)) == ["alert.kpi_below"]
    assert main(["--db", world.db.url.render_as_string(hide_password=False), "notify", "--run-once"]) == 0
    assert len(smtp.mails) == 3  # the next run: nothing more
