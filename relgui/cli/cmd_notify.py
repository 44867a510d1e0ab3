"""relgui-admin notify: send the alerts that are due, and administer the channels (issue 16).

    relgui-admin notify --run-once            send what is due now, then exit (a scheduled task)
    relgui-admin notify --daemon [--poll 2]   keep sending until stopped (a server, a service)
    relgui-admin notify status                alerts per state, failing channels
    relgui-admin --user ADMIN notify channel list|add|set|remove|test …
    relgui-admin --user ADMIN notify rules --export FILE | --import FILE
    relgui-admin --user ADMIN notify contact USER [--email ADDR] [--language zh_CN|en]

Sending needs no relgui login: it writes only the outbox's delivery results, never a record of
the policy, and it sends with the channels' secrets in *this computer's* credential store
(``notify channel add/set … --secret-stdin`` saves them here). Several senders may run on one
database; each alert goes out once (relgui/alerts/sender.py). docs/alerts.md shows how to
register the daemon as a Windows scheduled task.
"""

from __future__ import annotations

import sys

from relgui.cli.common import UsageError, context, print_json, reader, stdin_line
from relgui.domain.errors import Refusal
from relgui.domain.messages import render, say
from relgui.fsutil import write_private
from relgui.services import files


def register(subparsers) -> None:
    p = subparsers.add_parser("notify", help="发送到期的告警；告警通道管理 / send due alerts, manage channels")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--run-once", action="store_true", help="发送现在到期的告警后退出")
    mode.add_argument("--daemon", action="store_true", help="持续发送，直到被停止")
    p.add_argument("--poll", type=float, default=2.0, help="daemon: 每隔多少秒查看一次（默认 2）")
    p.add_argument("--lease", type=float, default=120.0, help="领取后多少秒未完成即由其他发送方接手（默认 120）")
    p.add_argument("--batch", type=int, default=50, help="每次领取的告警数（默认 50）")
    p.add_argument("--json", action="store_true")
    sub = p.add_subparsers(dest="notify_cmd", required=False)
    sub.add_parser("status", help="告警状态与失败的通道")
    chp = sub.add_parser("channel", help="告警通道").add_subparsers(dest="channel_cmd", required=True)
    chp.add_parser("list")
    for verb in ("add", "set"):
        c = chp.add_parser(verb)
        if verb == "add":
            c.add_argument("kind", choices=["email", "wecom", "dingtalk"])
        c.add_argument("name")
        c.add_argument("--host")
        c.add_argument("--port", type=int)
        c.add_argument("--security", choices=["starttls", "ssl", "none"])
        c.add_argument("--sender", help="发件人地址 / From address")
        c.add_argument("--username")
        c.add_argument("--ca-file", help="签发服务器证书的 CA 证书（PEM）")
        c.add_argument("--keyword", help="钉钉：安全设置中的自定义关键词")
        c.add_argument("--secret-stdin", action="store_true",
                       help="从标准输入读取：email 的 SMTP 密码；wecom/dingtalk 的机器人地址（钉钉加签时再读一行密钥）")
        if verb == "set":
            c.add_argument("--enable", dest="enabled", action="store_true", default=None)
            c.add_argument("--disable", dest="enabled", action="store_false")
    rm = chp.add_parser("remove")
    rm.add_argument("name")
    t = chp.add_parser("test")
    t.add_argument("name")
    t.add_argument("--to", default="", help="email: 收件人（默认：您账户的电子邮件地址）")
    rules = sub.add_parser("rules", help="告警规则（TOML）")
    g = rules.add_mutually_exclusive_group(required=True)
    g.add_argument("--export", metavar="FILE", help="写出当前使用的规则（- 为标准输出）")
    g.add_argument("--import", dest="import_", metavar="FILE", help="读入并保存公司的规则")
    contact = sub.add_parser("contact", help="用户的电子邮件地址与告警语言")
    contact.add_argument("username")
    contact.add_argument("--email")
    contact.add_argument("--language", dest="contact_lang", choices=["zh_CN", "en"],
                         help="告警发给此用户时使用的语言")
    p.set_defaults(handler=cmd_notify)


def _config(args, base: dict | None = None) -> dict:
    conf = dict(base or {})
    for key in ("host", "port", "security", "sender", "username", "ca_file", "keyword"):
        value = getattr(args, key, None)
        if value is not None:
            conf[key] = value
    return conf


def _secrets(args, kind: str) -> dict:
    if not args.secret_stdin:
        return {}
    if kind == "email":
        return {"password": stdin_line("password")}
    out = {"url": stdin_line("url")}
    if kind == "dingtalk":
        out["secret"] = stdin_line("secret", required=False)
    return out


def cmd_notify(args) -> int:
    from relgui.services import alerts  # lazy: the alerts' use cases, ORM and models, ~530 ms on relgui-admin --help

    cmd = args.notify_cmd
    if cmd is None:
        if not (args.run_once or args.daemon):
            raise UsageError("notify --run-once | --daemon | status | channel … | rules … | contact …")
        return _send(args)
    if cmd == "status":
        ctx = reader(args)
        st = alerts.status(ctx)
        if args.json:
            print_json({"counts": st.counts, "failing": [{"name": c.name, "failures": c.failures,
                                                          "last_error": c.last_error} for c in st.failing]})
            return 0
        print(", ".join(f"{k}: {v}" for k, v in sorted(st.counts.items())) or say("cli_notify_none", args.lang))
        for c in st.failing:
            print(_channel_line(c, args.lang))
        return 1 if st.failing else 0
    if cmd == "contact":
        ctx = context(args, ("admin",))
        before = alerts.contact(ctx, args.username)
        after = alerts.set_contact(ctx, args.username, email=args.email, language=args.contact_lang,
                                   expected_version=alerts.is_new(before.row_version))
        print(f"{after.username}: {after.email or '—'} {after.language}")
        return 0
    if cmd == "rules":
        ctx = context(args, ("admin",))
        if args.export:
            body, _ = alerts.rules_text(ctx)
            if args.export == "-":
                sys.stdout.write(body)
            else:
                write_private(files.to_write(args.export), body.encode("utf-8"))
            return 0
        path = files.to_read(args.import_, limit_mb=1)
        try:
            body = files.read_bytes(path).decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{args.import_}: not UTF-8 text") from None
        _, version = alerts.rules_text(ctx)
        alerts.save_rules(ctx, body, expected_version=alerts.is_new(version))
        print(say("cli_notify_saved", args.lang))
        return 0
    ctx = context(args, ("admin",))
    sub = args.channel_cmd
    if sub == "list":
        views = alerts.channels(ctx)
        if args.json:
            print_json([{"name": v.name, "kind": v.kind, "config": v.config, "enabled": v.enabled,
                         "failing": v.failing, "missing_here": list(v.missing_here)} for v in views])
            return 0
        for v in views:
            print(_channel_line(v, args.lang))
        return 0
    if sub == "add":
        view = alerts.add_channel(ctx, args.kind, args.name, _config(args), **_secrets(args, args.kind))
        print(_channel_line(view, args.lang))
        return 0
    if sub == "set":
        seen = alerts.channel(ctx, args.name)
        view = alerts.update_channel(ctx, args.name, config=_config(args, seen.config), enabled=args.enabled,
                                     expected_version=seen.row_version, **_secrets(args, seen.kind))
        print(_channel_line(view, args.lang))
        return 0
    if sub == "remove":
        seen = alerts.channel(ctx, args.name)
        alerts.remove_channel(ctx, args.name, expected_version=seen.row_version)
        return 0
    where = alerts.test_channel(ctx, args.name, args.to)
    print(say("cli_notify_sent_to", args.lang, where=where))
    return 0


def _channel_line(v, lang: str) -> str:
    import json

    state = say("cli_notify_enabled" if v.enabled else "cli_notify_disabled", lang)
    line = f"{v.name} [{v.kind}] {state}"
    if v.missing_here:
        line = say("cli_notify_missing", lang, line=line, names=", ".join(v.missing_here))
    if v.failing and v.last_error:
        try:
            err = json.loads(v.last_error)
            said = render(Refusal(err["code"], params=err.get("params", {})), lang)
        except (ValueError, KeyError, TypeError):
            said = v.last_error
        line = say("cli_notify_failing", lang, line=line, count=v.failures, said=said)
    return line


def _send(args) -> int:
    import datetime as dt
    import signal
    import threading

    # The outbox's sender, the database clock and the KPI watch (R-4.6-KPI), used by notify only.
    # lazy: ORM, models and the KPI queries, ~700 ms on relgui-admin --help
    from relgui.alerts.sender import Sender
    from relgui.services.database import DatabaseClock
    from relgui.services.kpi_watch import KpiWatch

    ctx = reader(args)
    ctx.clock = DatabaseClock(ctx.db)
    sender = Sender(ctx.db, origin="notify", clock=ctx.clock, batch=max(1, args.batch),
                    lease=dt.timedelta(seconds=max(1.0, args.lease)))
    kpi_watch = KpiWatch(tool="relgui-admin notify")  # R-4.6-KPI: the quarter's rate below target

    def report(stats) -> None:
        line = say("cli_notify_round", args.lang, sent=stats.sent, retried=stats.retried, failed=stats.failed,
                   obsolete=stats.obsolete)
        if stats.in_doubt:
            line = say("cli_notify_in_doubt", args.lang, line=line, count=stats.in_doubt)
        print(line, flush=True)
        for name, exc in stats.errors:
            print(f"{name}: {render(exc.refusal, args.lang)}", file=sys.stderr, flush=True)

    if args.run_once:
        kpi_watch(ctx)
        stats = sender.run_once()
        report(stats)
        return 1 if stats.errors else 0
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print(say("cli_notify_running", args.lang), flush=True)
    sender.run_forever(stop, poll=max(0.2, args.poll), on_round=report, before_round=lambda: kpi_watch(ctx))
    return 0
