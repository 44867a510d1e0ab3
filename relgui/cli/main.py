"""relgui-admin: the administration tool. Same services, same rules as the GUI.

A user's mistake prints one line in the user's language and exits non-zero; only a bug
shows a traceback. Exit codes: 0 ok, 1 refused or invalid (a role the user lacks included),
2 usage, 3 database unavailable or no valid login (none given, wrong password, locked or
disabled account), 4 audit trail broken.

Who may run what, and how the login's password is found: relgui/cli/common.py (LOGIN).
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import os
import sys
import time
from collections.abc import Callable

# relgui.policy provides the domain's profile in force: a refusal naming roles (e.g. cli_login_needed)
# may be rendered before any service is imported (relgui.domain.profile)
import relgui.policy  # noqa: F401
from relgui import __version__, applog
from relgui.cli import cmd_directory, cmd_doc, cmd_kpi, cmd_notify, common
from relgui.cli.common import (
    FIRST_RUN,
    LOGIN,
    PRE_LOGIN,
    UsageError,
    add_connection_options,
    command_of,
    log_in,
    on_terminal,
    reader,
    stdin_line,
)
from relgui.cli.common import context as _context
from relgui.cli.common import print_json as _print_json
from relgui.domain import messages_audit, numbering, text, timeutil
from relgui.domain.errors import (
    AuthError,
    InvalidInput,
    PolicyViolation,
    Refusal,
    RelguiError,
    StorageUnavailable,
)
from relgui.domain.messages import render, render_all
from relgui.domain.text import shown_path
from relgui.domain.timeutil import iso
from relgui.domain.versions import NEW
from relgui.policy import current_profile, profile_for
from relgui.store import pgroles

# The services wait for the command that uses them (below, each with its figure): they bring
# SQLAlchemy's ORM, the models and the use cases, 280-870 ms that relgui-admin --help and
# --version (~0.4 s in all) would otherwise pay (python -X importtime, Linux, 2 cores).

log = logging.getLogger("relgui.cli")

EXIT_REFUSED, EXIT_USAGE, EXIT_STORAGE, EXIT_BROKEN = 1, 2, 3, 4
EXIT_LOGIN = 3  # as a database that cannot be reached: the command could not act at all


# --json is for programs: UTF-8 bytes whatever the console's code page (console_streams below).
JSON_HELP = "以 JSON 输出（始终为 UTF-8 编码）/ output JSON, always UTF-8 encoded"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="relgui-admin", description="relgui 管理工具 / administration tool")
    p.add_argument("--db", help="数据库 URL 或 SQLite 文件路径（默认：本机用户数据目录）; also RELGUI_DB")
    p.add_argument("--lang", default=os.environ.get("RELGUI_LANG", "zh_CN"), help="zh_CN | en")
    p.add_argument("--version", action="version", version=f"relgui {__version__}")
    add_connection_options(p)  # --sslmode, --sslrootcert, --db-password-stdin (relgui/cli/common.py)
    p.add_argument("--user", metavar="NAME", help="以此 relgui 账户登录（写入数据的命令、user、audit、backup 必需）"
                                                  " / log in as this relgui account")
    p.add_argument("--password-stdin", dest="login_password_stdin", action="store_true",
                   help="从标准输入读取 --user 的密码（在 --db-password-stdin 那一行之后）/ read the login password "
                        "from standard input")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = sub.add_parser("init", help="创建或升级数据库")
    init.add_argument("--company")
    init.add_argument("--department")
    init.add_argument("--number-pattern")
    init.add_argument("--owner-role", help="PostgreSQL：拥有数据库结构的角色（默认 relgui_owner）")
    init.add_argument("--workstation-role", help="PostgreSQL：工作站角色（默认 relgui_app）")
    init.add_argument("--workstation-login", help="PostgreSQL：创建（或加入）工作站角色的登录角色")
    init.add_argument("--admin", metavar="NAME", help="在尚无账户的数据库中创建第一个系统管理员 / the first administrator")
    init.add_argument("--name", help="第一个系统管理员的显示名 / the first administrator's display name")
    init.add_argument("--password-stdin", action="store_true",
                      help="从标准输入读取第一个系统管理员的密码（否则在终端中输入）")

    login = sub.add_parser("login", help="检查 --user 的登录；可把密码存入系统凭据库 / check a login")
    keep = login.add_mutually_exclusive_group()
    keep.add_argument("--remember", action="store_true",
                      help="登录成功后把密码存入系统凭据库（relgui-admin / 用户名@数据库）")
    keep.add_argument("--forget", action="store_true", help="从系统凭据库删除此账户的密码")

    user = sub.add_parser("user", help="用户管理").add_subparsers(dest="user_cmd", required=True, parser_class=_Parser)
    add = user.add_parser("add")
    add.add_argument("username")
    add.add_argument("--role", action="append", required=True, choices=["manager", "engineer", "auditor", "admin"])
    add.add_argument("--name", required=True, help="显示名")
    add.add_argument("--password-stdin", action="store_true", required=True)
    ul = user.add_parser("list")
    ul.add_argument("--json", action="store_true", help=JSON_HELP)
    ud = user.add_parser("disable")
    ud.add_argument("username")

    demo = sub.add_parser("demo", help="生成示例数据（仅空数据库：尚无任何发布）")
    demo.add_argument("--releases", type=int, default=200)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--force", action="store_true",
                      help="数据库已有发布时仍写入示例数据（与真实记录混在一起，无法单独删除）")

    rel = sub.add_parser("release", help="发布").add_subparsers(dest="release_cmd", required=True, parser_class=_Parser)
    rl = rel.add_parser("list")
    rl.add_argument("--status", action="append", default=[])
    rl.add_argument("--type", action="append", default=[])
    rl.add_argument("--csv", metavar="FILE",
                    help="导出为 CSV（UTF-8 带 BOM，Excel 可直接打开）/ write the list to a CSV file (UTF-8 with BOM)")
    rl.add_argument("--json", action="store_true", help=JSON_HELP)
    rs = rel.add_parser("show")
    rs.add_argument("number")
    rs.add_argument("--json", action="store_true", help=JSON_HELP)

    au = sub.add_parser("audit", help="审计轨迹").add_subparsers(dest="audit_cmd", required=True, parser_class=_Parser)
    av = au.add_parser("verify", help="核验审计轨迹及每条记录 / verify the chain and every record against it")
    av.add_argument("--expect-head", help="SEQ:HASH seen earlier; reports events lost from the end")
    av.add_argument("--json", action="store_true", help=JSON_HELP)
    av.add_argument("--chain-only", action="store_true", help="only the chain, not the records")
    av.add_argument("--limit", type=int, default=1000, metavar="N",
                    help="findings listed in full (all are counted); 0 lists every one")
    av.add_argument("--anchors", nargs="*", default=[], metavar="PATH",
                    help="backups, folders of backups or anchor logs whose heads the chain must still reach")
    aa = au.add_parser("anchors", help="列出审计轨迹的锚点（备份与本机记录）并核对 / list and check the chain's anchors")
    aa.add_argument("paths", nargs="*", metavar="PATH", help="backups, folders, anchor logs")
    ab = au.add_parser("baseline", help="将从未记录过的现有记录纳入审计轨迹（升级旧数据库后执行一次）")
    ab.add_argument("--reason", required=True, help="为什么（记入审计轨迹）")

    bk = sub.add_parser("backup", help="备份到文件")
    bk.add_argument("file")
    rs2 = sub.add_parser("restore", help="从备份文件恢复到空数据库")
    rs2.add_argument("file")
    for module in PLUGINS:
        module.register(sub)
    return p


# The command modules relgui/cli/cmd_*.py, imported above: each has register(subparsers), which
# adds its parsers with set_defaults(handler=...); the services stay inside the handlers. A
# cmd_*.py left out of this tuple fails tests/test_imports_explicit.py.
PLUGINS = (cmd_directory, cmd_doc, cmd_kpi, cmd_notify)


def _say(code: str, lang: str, **params) -> str:
    return render(Refusal(code, params=params), lang, _profile())


def cmd_init(args) -> int:
    """Create or upgrade the database (and PostgreSQL's roles: the server decides who may);
    on a database without accounts --admin makes the first administrator, who then saves the
    company settings; on one with accounts settings need an administrator's login."""
    from relgui.services import company, users  # lazy: accounts and settings, ORM and models, ~410 ms

    if args.admin is None and (args.name is not None or args.password_stdin):
        raise UsageError(_say("cli_init_name_without_admin", args.lang))
    if args.admin is not None and args.name is None:
        raise UsageError(_say("cli_init_admin_needs_name", args.lang))
    if args.admin is not None and args.user is not None:
        raise UsageError(_say("cli_init_admin_and_user", args.lang))
    settings = _settings_given(args)  # checked before anything is written
    ctx = reader(args)
    accounts = users.count(ctx)
    password = made = None
    if args.admin is not None:  # refused, or the password read, before anything is set up
        if accounts:
            raise PolicyViolation(Refusal("first_account_exists"))
        password = _new_password(args, args.admin)
    elif settings and not accounts:
        raise AuthError(Refusal("cli_settings_need_admin"))
    elif settings or args.user is not None:
        ctx = log_in(args, ctx, LOGIN["init"] if settings else None)
    roles = _init_postgresql(args, ctx)
    if password is not None:
        made = users.add(ctx.as_user(FIRST_RUN), args.admin, args.name, ["admin"], password, first=True)
        print(_say("cli_first_admin_made", args.lang, user=made.username, name=made.display_name))
        ctx = ctx.as_user(users.login(ctx.as_user(PRE_LOGIN), made.username, password))
    if settings or (made is not None and not company.is_configured(ctx)):
        configured = company.is_configured(ctx)
        current = company.get(ctx)
        company.save(ctx, company_name=args.company or current.company_name,
                     department=args.department or current.department,
                     number_pattern=args.number_pattern or current.number_pattern,
                     expected_version=current.row_version if configured else NEW)
    print(_say("cli_db_ready", args.lang, db=ctx.db.describe()))
    if not accounts and made is None:
        print(_say("cli_no_accounts_yet", args.lang))
    return 0 if roles is None or roles.ok else EXIT_REFUSED


def _settings_given(args) -> bool:
    """Whether init is asked to change company settings; each value checked as company.save
    will (so a bad one is refused before the first administrator is made)."""
    if args.company is not None:
        text.line(args.company, "company_name", limit=200)
    if args.department is not None:
        text.line(args.department, "department", limit=100)
    if args.number_pattern is not None:
        numbering.check_pattern(text.line(args.number_pattern, "number_pattern", limit=60))
    return bool(args.company or args.department or args.number_pattern)


def _new_password(args, username: str) -> str:
    """A new account's password: the next line of standard input (--password-stdin), or typed
    twice on a terminal. The password policy is the service's (users.add)."""
    if args.password_stdin:
        return stdin_line("new_password")
    if not on_terminal():
        raise UsageError(_say("cli_admin_password_source", args.lang))
    import getpass

    try:
        first = getpass.getpass(_say("cli_new_password_prompt", args.lang, user=username))
        again = getpass.getpass(_say("cli_new_password_again", args.lang))
    except EOFError:
        raise UsageError(_say("cli_admin_password_source", args.lang)) from None
    if first != again:
        raise InvalidInput(Refusal("cli_passwords_differ"))
    return first


def _init_postgresql(args, ctx):
    """PostgreSQL: the owner and workstation roles created or checked, the schema handed to the
    owner, the grants applied (relgui/store/pgroles.py); said line by line. None on SQLite."""
    from relgui.services.context import storage_errors  # lazy: the unit of work, ORM and models, ~460 ms

    if ctx.db.dialect != "postgresql":
        return None
    with storage_errors():
        report = pgroles.setup(ctx.db.engine, owner=args.owner_role, workstation=args.workstation_role,
                               login=args.workstation_login)
    for line in report.lines(args.lang):
        print(line)
    for line in report.problem_lines(args.lang):
        print(f"relgui-admin: {line}", file=sys.stderr)
    if report.ok:
        print(render(Refusal("pg_roles_ok", params={"role": report.workstation}), args.lang))
    else:
        print("relgui-admin: " + render(Refusal("pg_problems_remain", params={"count": len(report.problems)}),
                                        args.lang), file=sys.stderr)
    return report


def cmd_user(args) -> int:
    from relgui.services import users  # lazy: the accounts' use cases, ORM and models, ~410 ms

    ctx = _context(args, LOGIN[command_of(args)])
    if args.user_cmd == "add":
        password = stdin_line("new_password")
        u = users.add(ctx, args.username, args.name, args.role, password)
        print(_say("cli_user_added", args.lang, user=u.username, name=u.display_name, keys=",".join(u.roles)))
    elif args.user_cmd == "list":
        rows = users.list_all(ctx)
        if args.json:
            _print_json([{"username": u.username, "name": u.display_name, "roles": list(u.roles),
                          "disabled": u.disabled, "locked_until": u.locked_until} for u in rows])
        else:
            for u in rows:
                state = " " + _say("cli_user_disabled_mark", args.lang) if u.disabled else ""
                print(f"{u.username}\t{u.display_name}\t{','.join(u.roles)}{state}")
    else:
        users.set_disabled(ctx, args.username, True, expected_version=users.get(ctx, args.username).row_version)
        print(_say("cli_user_disabled", args.lang, user=args.username))
    return 0


def cmd_demo(args) -> int:
    """Sample data, only into a database without releases (or --force after a warning). The
    sample accounts' random passwords are printed once, here, and kept nowhere else."""
    from relgui import demo  # lazy: the demo generator and the services it calls, ~870 ms

    ctx = _context(args, LOGIN["demo"])
    existing = demo.existing_releases(ctx) if args.force else 0
    if existing:
        print(_say("cli_demo_not_empty", args.lang, count=existing), file=sys.stderr)
    started = time.perf_counter()
    report = demo.generate(ctx, args.releases, args.seed, force=args.force)
    took = time.perf_counter() - started
    print(_say("cli_demo_made", args.lang, releases=report.releases, changes=report.changes, rows=report.rows,
               took=f"{took:.1f}"))
    if report.accounts:
        print(_say("cli_demo_accounts", args.lang))
        for a in report.accounts:
            print(f"  {a.username}\t{a.display_name}\t{','.join(a.roles)}\t{a.password}")
    return 0


def _list_rows(ctx, statuses, types):
    from relgui.services import register  # lazy: the register's queries, ORM and models, ~540 ms

    offset = 0
    while True:
        page = register.page(ctx, register.RegisterQuery(statuses=tuple(statuses), types=tuple(types),
                                                         sort="number", descending=False, offset=offset,
                                                         limit=register.MAX_PAGE), with_total=False)
        yield from page.rows
        if len(page.rows) < register.MAX_PAGE:
            return
        offset += len(page.rows)


def _list_csv(ctx, args) -> int:
    """release list --csv FILE: the register's CSV export (relgui.services.exports) of the
    releases selected, in number order."""
    from relgui.services import exports, register  # lazy: CSV/Excel export and the register, ~680 ms

    query = register.RegisterQuery(statuses=tuple(args.status), types=tuple(args.type), sort="number",
                                   descending=False)
    count = exports.export_register_csv(ctx, query, args.csv, args.lang)
    print(_say("cli_list_written", args.lang, count=count, path=shown_path(args.csv)))
    return 0


def cmd_release(args) -> int:
    from relgui.services import details  # lazy: the release's read model, ORM and models, ~460 ms

    ctx = _context(args)
    profile = current_profile()
    if args.release_cmd == "list":
        for s in args.status:
            if s not in profile.statuses:
                raise _usage(f"--status {s}: {', '.join(profile.statuses)}")
        for t in args.type:
            if t not in profile.release_types:
                raise _usage(f"--type {t}: {', '.join(profile.release_types)}")
        if args.csv:
            return _list_csv(ctx, args)
        rows = _list_rows(ctx, args.status, args.type)
        if args.json:
            _print_json([{"number": r.number, "title": r.title, "type": r.type, "status": r.status,
                          "result": r.outcome, "planned_start": iso(r.planned_start), "planned_end": iso(r.planned_end),
                          "closed_at": iso(r.closed_at), "owner": r.owner, "systems": r.systems} for r in rows])
        else:
            lang = args.lang
            for r in rows:
                print(f"{r.number}\t{profile.release_types[r.type].label(lang)}\t"
                      f"{profile.statuses[r.status].label(lang)}\t{r.title}")
        return 0
    if args.json:  # the read model's JSON form (relgui.domain.release_detail.to_json)
        _print_json(details.show_json(ctx, args.number))
    else:
        data = details.show(ctx, args.number)
        print(f"{data.number}  {data.title}")
        profile = profile_for(data.profile)
        print(f"{profile.release_types[data.type].label(args.lang)} · "
              f"{profile.statuses[data.status].label(args.lang)} · {data.profile}")
        from relgui.services.company import zone  # lazy: company settings, ORM and models, ~280 ms

        tz, lang = zone(data.timezone), args.lang
        for ev in data.audit[-10:]:  # in words and the company's time, as the GUI's audit tab
            what = messages_audit.action_text(ev.action, lang, profile)
            detail = messages_audit.detail_text(ev.action, ev.entity, dict(ev.detail), lang, profile, tz,
                                                key=ev.key or "")
            print(f"  {timeutil.shown(ev.at, tz)}  {ev.actor}  {what}" + (f"  {detail}" if detail else ""))
    return 0


def _usage(message: str) -> UsageError:
    return UsageError(message)


def cmd_audit(args) -> int:
    from relgui.services import anchors, auditing  # lazy: the audit chain's checks, ORM and models, ~490 ms

    expect = None
    if getattr(args, "expect_head", None):
        seq, _, h = args.expect_head.partition(":")
        if not seq.isdigit() or len(h) != 64:
            raise _usage("--expect-head SEQ:HASH")
        expect = (int(seq), h)
    ctx = _context(args, LOGIN[command_of(args)])
    if args.audit_cmd == "baseline":
        taken = auditing.baseline(ctx, args.reason)
        print(auditing.describe_baseline(taken, args.lang))
        return 0
    if args.audit_cmd == "anchors":
        checks = anchors.check(ctx, anchors.found_in(args.paths, ctx.db.describe()))
        for c in checks:
            print(anchors.describe(c, args.lang))
        if not checks:
            print(_say("cli_no_anchors", args.lang))
        return EXIT_BROKEN if any(c.problem for c in checks) else 0
    if args.chain_only:
        result, rows = auditing.verify(ctx, expect), None
    else:
        limit = args.limit if args.limit and args.limit > 0 else 10 ** 9
        result, rows = auditing.verify_all(ctx, expect, limit=limit)
    held = anchors.check(ctx, anchors.found_in(args.anchors, ctx.db.describe()))
    broken_anchors = [c for c in held if c.problem]
    if args.json:
        _print_json({"chain": {"ok": result.ok, "checked": result.checked, "head_seq": result.head_seq,
                               "head_hash": result.head_hash, "broken_seq": result.broken_seq,
                               "problem": result.problem},
                     "records": None if rows is None else {
                         "ok": rows.ok, "checked": rows.checked, "by_table": rows.by_table,
                         "findings": [f.as_dict() for f in rows.findings]},
                     "anchors": [{**c.anchor.as_dict(), "problem": c.problem} for c in held]})
    else:
        print(result.describe(args.lang))
        if result.ok:
            print(f"head {result.head_seq}:{result.head_hash}")
        if rows is not None:
            for line in auditing.describe_rows(rows, args.lang):
                print(line)
        for c in broken_anchors:
            print(anchors.describe(c, args.lang))
        if held and not broken_anchors:
            print(_say("cli_anchors_hold", args.lang, count=len(held)))
    ok = result.ok and (rows is None or rows.ok) and not broken_anchors
    if ok:  # this workstation now remembers the head it saw intact
        anchors.remember(ctx, (result.head_seq, result.head_hash), "verify")
    return 0 if ok else EXIT_BROKEN


def cmd_backup(args) -> int:
    from relgui.services import backup  # lazy: backup/restore, ORM and models, ~580 ms

    ctx = _context(args, LOGIN["backup"])
    report = backup.backup(ctx, args.file)
    rows = sum(report.tables.values())
    print(_say("cli_backup_written", args.lang, path=report.path, rows=rows, head=report.audit_head[0]))
    return 0


def cmd_restore(args) -> int:
    """Into an empty database only (the service checks). A target without accounts needs no
    login, the backup brings its accounts; one with accounts is refused unless an
    administrator logs in (and then, not being empty, by the service)."""
    from relgui.services import backup, users  # lazy: backup/restore and accounts, ORM and models, ~580 ms

    ctx = reader(args)
    if users.count(ctx):
        ctx = log_in(args, ctx, LOGIN["restore"])
    report = backup.restore(ctx, args.file)
    rows = sum(report.tables.values())
    print(_say("cli_restored", args.lang, rows=rows, head=report.audit_head[0]))
    return 0


def cmd_login(args) -> int:
    """Check a login (audited like any); --remember keeps the password in the system's
    credential store for later commands, --forget removes it."""
    if args.user is None:
        raise UsageError(_say("cli_login_options", args.lang))
    ctx = common.reader(args)
    where = {"service": common.KEYRING_SERVICE, "entry": common.keyring_entry(ctx.db, args.user)}
    if args.forget:
        try:
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                keyring.delete_password(common.KEYRING_SERVICE, where["entry"])
            except PasswordDeleteError:
                print(_say("cli_nothing_stored", args.lang, **where))
                return 0
        except Exception as exc:  # noqa: BLE001 - no usable credential store on this machine
            raise InvalidInput(Refusal("cli_keyring_unavailable", params={"detail": str(exc)[:200]})) from None
        print(_say("cli_forgotten", args.lang, **where))
        return 0
    actor, password = common.authenticate(args, ctx)
    print(_say("cli_logged_in", args.lang, user=actor.username, name=actor.display_name, roles=tuple(sorted(actor.roles))))
    if args.remember:
        try:
            import keyring

            keyring.set_password(common.KEYRING_SERVICE, where["entry"], password)
        except Exception as exc:  # noqa: BLE001
            raise InvalidInput(Refusal("cli_keyring_unavailable", params={"detail": str(exc)[:200]})) from None
        print(_say("cli_remembered", args.lang, **where))
    return 0


COMMANDS: dict[str, Callable] = {"init": cmd_init, "user": cmd_user, "demo": cmd_demo, "release": cmd_release,
                                 "audit": cmd_audit, "backup": cmd_backup, "restore": cmd_restore,
                                 "login": cmd_login}


def console_streams() -> None:
    """Standard output and error never fail on a character their encoding lacks.

    Text goes out in the stream's own encoding: on a Windows console Python writes Unicode
    (WriteConsoleW) whatever the code page; redirected or piped it is the ANSI code page
    (cp936 on Chinese Windows, cp1252 on Western) unless PYTHONUTF8=1 or PYTHONIOENCODING
    says otherwise, which is what `more`, `findstr` or a file opened in Notepad expect. A
    character that code page cannot hold is written as a \\uXXXX escape instead of raising
    UnicodeEncodeError (Chinese under cp1252: readable escapes; under cp936 every character
    relgui prints is encodable). `--json` is written as UTF-8 bytes whatever the code page
    (relgui.cli.common.print_json): it is for programs, and JSON is UTF-8 (RFC 8259 §8.1)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing will be written
                pass


def main(argv: list[str] | None = None) -> int:
    console_streams()  # before anything prints, --help and usage errors included
    args = build_parser().parse_args(argv)
    applog.rotating_log("relgui-admin")  # %LOCALAPPDATA%\relgui\logs\relgui-admin.log, beside the GUI's
    if not faulthandler.is_enabled():
        applog.fault_log("relgui-admin")
    applog.app_mutex()  # Windows: the installer's AppMutex sees relgui-admin running
    command = command_of(args)
    started = time.perf_counter()
    code = _run(args)
    log.info("%s → exit %s (%.0f ms)", command, code, (time.perf_counter() - started) * 1000)
    return code


def _run(args) -> int:
    try:
        handler = getattr(args, "handler", None) or COMMANDS[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"relgui-admin: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AuthError as exc:  # no login, a wrong password, a locked or disabled account
        log.info("%s: login refused: %s", command_of(args), exc.refusals[0].code if exc.refusals else "")
        print(f"relgui-admin: {render_all(exc.refusals, args.lang, _profile())}", file=sys.stderr)
        return EXIT_LOGIN
    except RelguiError as exc:
        log.info("%s: refused: %s", command_of(args), ", ".join(r.code for r in exc.refusals))
        print(f"relgui-admin: {render_all(exc.refusals, args.lang, _profile())}", file=sys.stderr)
        return EXIT_STORAGE if isinstance(exc, StorageUnavailable) else EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head`
        return 0
    except OSError as exc:  # a file the user named (backup, restore)
        log.warning("%s: %s", command_of(args), exc)
        print(f"relgui-admin: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: its traceback goes to the log, then to the console as always
        log.exception("%s: unexpected error", command_of(args))
        raise


def _profile():
    return current_profile()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
