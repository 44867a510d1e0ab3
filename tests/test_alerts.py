"""Alerts through the outbox (issue 16), against a real SMTP server and a real HTTP server on
loopback, on SQLite and PostgreSQL.

- the use case writes its alerts in its own transaction (a refused one writes none);
- the sender delivers each once, in the recipient's language, with the release number, what is
  due, the deadline in the company's time zone and how to act;
- deadline alerts fall due with an injected clock and become obsolete when the work is done;
- 企业微信/钉钉 payloads, 钉钉's signature, 429/500 answers retried with backoff;
- an unreachable server, wrong credentials, a refused recipient: said in words, nothing lost.
"""

from __future__ import annotations

import datetime as dt

import pytest
from alert_sinks import SmtpSink, WebhookSink, free_port
from flows import decide, problem, release_at, seen
from sqlalchemy import func, select

from relgui.alerts import channels as chmod
from relgui.alerts.sender import BACKOFF_FIRST, Sender
from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.domain.messages import render
from relgui.domain.states import Status
from relgui.domain.versions import NEW
from relgui.services import alerts, details, rollback
from relgui.store.models import Alert


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    import keyring
    from keyring_for_tests import FileKeyring

    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield tmp_path / "keyring.json"
    keyring.set_keyring(previous)


@pytest.fixture
def smtp():
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture
def hooks():
    sink = WebhookSink()
    yield sink
    sink.stop()


CONTACTS = {"lina": ("lina@example.com", "zh_CN"), "zhaomin": ("zhaomin@example.com", "zh_CN"),
            "liuyang": ("liuyang@example.com", "en"), "zhangwei": ("zhangwei@example.com", "zh_CN"),
            "wangfang": ("wangfang@example.com", "zh_CN")}


def configure(world, smtp_port: int | None = None, hooks: WebhookSink | None = None) -> None:
    admin = world.ctx("admin")
    for user, (mail, lang) in CONTACTS.items():
        alerts.set_contact(admin, user, email=mail, language=lang, expected_version=NEW)
    if smtp_port is not None:
        alerts.add_channel(admin, "email", "公司邮件", {"host": "127.0.0.1", "port": smtp_port, "security": "none",
                                                    "sender": "relgui@example.com"})
    if hooks is not None:
        alerts.add_channel(admin, "wecom", "运维群（企业微信）", {}, url=hooks.url("wecom"))
        alerts.add_channel(admin, "dingtalk", "运维群（钉钉）", {}, url=hooks.url("dingtalk"),
                           secret=hooks.dingtalk_secret)


def rows(world, **where) -> list[Alert]:
    with world.db.read() as s:
        q = select(Alert).order_by(Alert.id)
        for k, v in where.items():
            q = q.where(getattr(Alert, k) == v)
        out = s.execute(q).scalars().all()
        s.expunge_all()
        return out


def sender(world, **kw) -> Sender:
    return Sender(world.db, clock=world.clock, **kw)


def deploying(world, *sinks) -> str:
    """A release being deployed, quickly: requested through the service, then put in the
    deploying state directly (the way there — approval, its archived documents — is proven
    elsewhere; here only the alerts of what follows matter)."""
    from flows import approved_change
    from sqlalchemy import update

    from relgui.services import releases
    from relgui.store.models import Release

    n = releases.create(world.ctx("zhangwei"), title="核心交易系统升级", type="normal",
                        change_numbers=[approved_change(world)], systems="核心交易系统").number
    with world.owner_engine.begin() as conn:
        conn.execute(update(Release.__table__).where(Release.__table__.c.number == n)
                     .values(status=Status.DEPLOYING.value))
    for sink in sinks:
        (sink.mails if hasattr(sink, "mails") else sink.received).clear()
    return n


def test_severe_problem_alerts_written_with_the_problem_and_delivered_once(world, keyring_file, smtp, hooks):
    configure(world, smtp.port, hooks)
    n = deploying(world)
    problem(world, n, who="zhangwei")
    written = rows(world)
    # At once: desktop + mail to the managers (lina, zhaomin, liuyang) — the owner zhangwei
    # reported it and is not told what he did — and one message to each group robot.
    now = [a for a in written if a.rule == "problem_reported"]
    assert {(a.channel_kind, a.address) for a in now if a.channel_kind == "email"} == {
        ("email", "lina@example.com"), ("email", "zhaomin@example.com"), ("email", "liuyang@example.com")}
    assert sorted(a.channel_kind for a in now if a.recipient_id is None) == ["dingtalk", "wecom"]
    assert all(a.due_at == world.clock.now() for a in now)
    # Due later: 10 minutes before the 30-minute deadline, and at it (managers and owner).
    soon = [a for a in written if a.rule == "decision_due_soon"]
    late = [a for a in written if a.rule == "decision_overdue"]
    assert {a.due_at for a in soon} == {world.clock.now() + dt.timedelta(minutes=20)}
    assert {a.due_at for a in late} == {world.clock.now() + dt.timedelta(minutes=30)}
    assert "zhangwei@example.com" in {a.address for a in soon}

    stats = sender(world).run_once()
    assert stats.sent == 5 and not stats.errors, stats
    assert smtp.count() == 3 and hooks.count("wecom") == 1 and hooks.count("dingtalk") == 1
    assert all(h.signed_ok for h in hooks.received if h.service == "dingtalk")
    mails = {m.rcpt[0]: m for m in smtp.mails}
    zh = mails["lina@example.com"]
    assert zh.subject.startswith(f"严重问题：{n}《核心交易系统升级》需在 2026-11-27 10:30")  # Beijing time
    assert "关键功能报错" not in zh.body and "核心业务功能出现严重故障" in zh.body or "关键" in zh.body
    assert "截止时间：2026-11-27 10:30 (CST)" in zh.body and "请运维管理部经理" in zh.body
    assert zh.message.get_content_charset() == "utf-8"
    en = mails["liuyang@example.com"]
    assert en.subject.startswith(f"Severe problem: {n}") and "What to do:" in en.body
    assert "Deadline: 2026-11-27 10:30 (CST)" in en.body
    # Nothing more is due now: a second round sends nothing.
    assert sender(world).run_once().sent == 0
    assert smtp.count() == 3

    # 20 minutes later the warning falls due; the decision then makes the overdue alert obsolete.
    world.clock.advance(minutes=20)
    assert sender(world).run_once().sent == len([a for a in soon if a.channel_kind != "desktop"])
    assert any("回退决策即将到期" in m.subject and "10 分钟" in m.body for m in smtp.mails)
    decide(world, n)
    world.clock.advance(minutes=11)
    stats = sender(world).run_once()
    assert stats.sent == 0 and stats.obsolete == len([a for a in late if a.channel_kind != "desktop"])


def test_a_refused_report_writes_no_alert(world, keyring_file, smtp):
    configure(world, smtp.port)
    n = release_at(world, Status.PLANNING)  # not deploying: a severe problem cannot be reported
    before = len(rows(world))
    with pytest.raises(PolicyViolation):
        rollback.report_problem(world.ctx("zhangwei"), n, ["key_function"], "故障",
                                expected_problem=details.seen_problem(seen(world, n)))
    assert len(rows(world)) == before and not rows(world, rule="problem_reported")


def test_plan_submitted_tells_the_approvers_and_ends_with_the_decision(world, keyring_file, smtp):
    configure(world, smtp.port)
    n = release_at(world, Status.PLAN_SUBMITTED)  # a 一般 (normal) release: engineers approve
    written = rows(world, rule="plan_submitted")
    told = {a.address for a in written if a.channel_kind == "email"}
    assert "wangfang@example.com" in told and "zhangwei@example.com" not in told  # not the submitter
    stats = sender(world).run_once()
    assert stats.sent == len(told)
    assert any(m.subject == f"发布计划待审批：{n}《核心交易系统升级》" for m in smtp.mails)


def test_cmdb_clock_alerts_fall_due_and_end_with_the_update(world, keyring_file, smtp):
    configure(world, smtp.port)
    release_at(world, Status.CONFIG_UPDATE)
    written = [a for a in rows(world) if a.rule.startswith("cmdb")]
    start = world.clock.now()
    assert {a.due_at for a in written if a.rule == "cmdb_due_soon"} == {start + dt.timedelta(hours=20)}
    assert {a.due_at for a in written if a.rule == "cmdb_overdue"} == {start + dt.timedelta(hours=24)}
    sender(world).run_once()  # what was due at once (the plan's approval request became obsolete)
    before = smtp.count()
    world.clock.advance(hours=20)
    assert sender(world).run_once().sent >= 1
    assert any("配置更新即将到期" in m.subject for m in smtp.mails[before:])


def test_webhook_429_and_500_are_retried_with_backoff(world, keyring_file, hooks):
    configure(world, None, hooks)
    n = deploying(world, hooks)
    hooks.answers = [(429, {"errcode": 45009, "errmsg": "api freq out of limit"})]
    problem(world, n)
    stats = sender(world).run_once()
    assert stats.retried >= 1 and stats.errors
    said = render(stats.errors[0][1].refusal, "zh_CN")
    assert "HTTP 429" in said, said
    pending = [a for a in rows(world) if a.rule == "problem_reported" and a.state == "pending"
               and a.channel_kind in ("wecom", "dingtalk")]
    assert pending and all(a.due_at == world.clock.now() + BACKOFF_FIRST for a in pending if a.attempts)
    hooks.answers = [(500, {"errcode": -1, "errmsg": "system busy"})]
    world.clock.advance(seconds=31)
    sender(world).run_once()
    world.clock.advance(minutes=2)
    sender(world).run_once()
    assert hooks.count("wecom") == 1 and hooks.count("dingtalk") == 1  # each once, none lost


def test_unreachable_server_wrong_secret_and_refused_recipient_said_in_words(world, keyring_file, smtp, hooks):
    admin = world.ctx("admin")
    configure(world, None, None)
    dead = free_port()  # nothing listens there
    alerts.add_channel(admin, "email", "坏邮件", {"host": "127.0.0.1", "port": dead, "security": "none",
                                               "sender": "relgui@example.com"})
    alerts.add_channel(admin, "dingtalk", "钉钉（错误密钥）", {}, url=hooks.url("dingtalk"), secret="SECwrong")
    n = deploying(world)
    problem(world, n)
    for _ in range(3):
        stats = sender(world).run_once()
        world.clock.advance(hours=1)
    words = {name: render(exc.refusal, "zh_CN") for name, exc in stats.errors}
    assert "无法连接邮件服务器 127.0.0.1" in words["坏邮件"]
    assert "错误码 310000" in words["钉钉（错误密钥）"] and "sign not match" in words["钉钉（错误密钥）"]
    failing = {c.name for c in alerts.status(admin).failing}
    assert failing == {"坏邮件", "钉钉（错误密钥）"}
    assert not any(a.state in ("sent", "failed") for a in rows(world) if a.channel_kind != "desktop")
    # The administrator fixes the channels: the waiting alerts go out, each once.
    view = alerts.channel(admin, "坏邮件")
    alerts.update_channel(admin, "坏邮件", config={**view.config, "port": smtp.port}, expected_version=view.row_version)
    view = alerts.channel(admin, "钉钉（错误密钥）")
    alerts.update_channel(admin, "钉钉（错误密钥）", secret=hooks.dingtalk_secret, expected_version=view.row_version)
    smtp.refuse.add("zhaomin@example.com")
    world.clock.advance(hours=2)
    stats = sender(world).run_once()
    sent_hooks = rows(world, channel_kind="dingtalk")
    assert all(a.state == "sent" for a in sent_hooks) and hooks.count("dingtalk") == len(sent_hooks) == 3
    assert {m.rcpt[0] for m in smtp.mails} == {"lina@example.com", "liuyang@example.com", "zhangwei@example.com"}
    assert len(smtp.mails) == len([a for a in rows(world, channel_kind="email") if a.state == "sent"])
    refused = [a for a in rows(world, address="zhaomin@example.com") if a.rule == "problem_reported"]
    assert refused[0].state == "failed" and "zhaomin@example.com" in refused[0].last_error
    assert alerts.status(admin).failing == []


def test_smtp_starttls_with_a_company_ca_and_a_password_from_the_credential_store(world, keyring_file, tmp_path):
    from test_connection_security import Pki

    pki = Pki(tmp_path)
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_bytes(pki.right[0])
    key.write_bytes(pki.right[1])
    sink = SmtpSink(tls=(str(cert), str(key)), login=("relgui", "s3cret-smtp"))
    sink.mails = []
    try:
        admin = world.ctx("admin")
        configure(world)
        conf = {"host": "localhost", "port": sink.port, "security": "starttls", "sender": "relgui@example.com",
                "username": "relgui", "ca_file": str(pki.ca)}
        alerts.add_channel(admin, "email", "TLS 邮件", conf, password="s3cret-smtp")
        n = deploying(world, sink)
        assert "s3cret-smtp" in keyring_file.read_text()  # the credential store holds it …
        with world.db.read() as s:  # … and the database does not
            assert "s3cret-smtp" not in str(s.execute(select(func.count())).all())
        problem(world, n)
        assert sender(world).run_once().sent == 3
        assert sink.count() == 3
        # A wrong password: said as such.
        alerts.update_channel(admin, "TLS 邮件", config=conf, password="wrong",
                              expected_version=alerts.channel(admin, "TLS 邮件").row_version)
        world.clock.advance(minutes=20)
        stats = sender(world).run_once()
        assert stats.errors and "拒绝了用户名或密码" in render(stats.errors[0][1].refusal, "zh_CN")
        # Another CA: the TLS failure is said, the alert waits.
        alerts.update_channel(admin, "TLS 邮件", config={**conf, "ca_file": str(pki.other_ca)}, password="s3cret-smtp",
                              expected_version=alerts.channel(admin, "TLS 邮件").row_version)
        world.clock.advance(minutes=5)
        stats = sender(world).run_once()
        assert stats.errors and "TLS" in render(stats.errors[0][1].refusal, "zh_CN")
        assert not rows(world, rule="decision_due_soon", state="sent")
    finally:
        sink.stop()


def test_a_sender_without_the_secret_leaves_the_channel_to_one_that_has_it(world, keyring_file, hooks, tmp_path,
                                                                              monkeypatch):
    configure(world, None, hooks)
    n = deploying(world, hooks)
    problem(world, n)
    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(tmp_path / "empty-keyring.json"))  # another computer
    assert sender(world).run_once().claimed == 0
    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(keyring_file))
    assert sender(world).run_once().sent == 2


def test_desktop_alerts_reach_only_their_recipient_once(world, keyring_file):
    configure(world)
    n = deploying(world)
    problem(world, n)
    shown: list = []
    lina = world.ids["lina"]
    s1 = sender(world, origin="gui", kinds=("desktop",), recipient_id=lina,
                deliver_desktop=lambda i, t: shown.append((i, t)))
    s2 = sender(world, origin="gui2", kinds=("desktop",), recipient_id=lina,
                deliver_desktop=lambda i, t: shown.append((i, t)))
    s1.run_once()
    s2.run_once()
    assert len(shown) == 1 and shown[0][1].link == f"relgui://release/{n}"
    listed = alerts.my_alerts(world.ctx("lina"))
    assert [a.number for a in listed] == [n] and listed[0].read_at is None
    alerts.mark_read(world.ctx("lina"), listed[0].id)
    assert alerts.my_alerts(world.ctx("lina"))[0].read_at is not None
    with pytest.raises(PolicyViolation):
        alerts.mark_read(world.ctx("zhaomin"), listed[0].id)


def test_rules_are_policy_data_refused_when_malformed(world, keyring_file, smtp):
    admin = world.ctx("admin")
    text, version = alerts.rules_text(admin)
    assert version == 0 and 'key = "problem_reported"' in text
    with pytest.raises(InvalidInput) as bad:
        alerts.save_rules(admin, text.replace('to = ["managers", "owner"]', 'to = ["managerz"]', 1),
                          expected_version=NEW)
    assert "managerz" in render(bad.value.refusals[0], "zh_CN")
    with pytest.raises(PolicyViolation):
        alerts.save_rules(world.ctx("lina"), text, expected_version=NEW)
    # The company tells only the managers by mail of a severe problem.
    mine = text.replace('to = ["managers", "owner"]\nchannels = ["desktop", "email", "wecom", "dingtalk"]',
                        'to = ["managers"]\nchannels = ["email"]', 1)
    alerts.save_rules(admin, mine, expected_version=NEW)
    configure(world, smtp.port)
    n = deploying(world)
    problem(world, n, who="wangfang")
    now = rows(world, rule="problem_reported")
    assert {a.channel_kind for a in now} == {"email"} and len(now) == 3


def test_channel_configuration_is_checked_and_kept_from_the_database(world, keyring_file):
    admin = world.ctx("admin")
    for kind, conf, url in (("email", {"host": "", "sender": "a@b.cn"}, None),
                            ("email", {"host": "mail", "sender": "not an address"}, None),
                            ("wecom", {}, "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"),
                            ("dingtalk", {}, "https://oapi.dingtalk.com/robot/send"),
                            ("fax", {}, None)):
        with pytest.raises(InvalidInput) as bad:
            alerts.add_channel(admin, kind, "x", conf, url=url)
        assert render(bad.value.refusals[0], "zh_CN") and "{" not in render(bad.value.refusals[0], "en")
    alerts.add_channel(admin, "wecom", "群", {}, url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY")
    with world.db.read() as s:
        from relgui.store.models import AlertChannel
        assert "SECRETKEY" not in str([c.config for c in s.execute(select(AlertChannel)).scalars()])
    assert chmod.shown_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY").endswith("send?…")
    with pytest.raises(PolicyViolation):
        alerts.add_channel(world.ctx("lina"), "wecom", "群2", {}, url="https://qyapi.weixin.qq.com/x?key=k")


def test_dingtalk_signature_matches_the_documented_example():
    # HmacSHA256("1577262236757\nSECxxx") keyed "SECxxx", Base64, URL-encoded: computed independently here.
    import base64
    import hashlib
    import hmac
    import urllib.parse

    ts, secret = 1577262236757, "SEC1a2b3c"
    raw = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    assert chmod.dingtalk_sign(secret, ts) == urllib.parse.quote_plus(base64.b64encode(raw).decode())
    assert "%" in chmod.dingtalk_sign(secret, ts) or "+" not in chmod.dingtalk_sign(secret, ts)
