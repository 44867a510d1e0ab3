"""relgui-admin directory: login with the company directory (LDAP / Active Directory, issue 16).

    relgui-admin --user ADMIN directory show [--json]
    relgui-admin --user ADMIN directory set --url ldaps://dc.corp.example:636 --base-dn DC=corp,DC=example
        [--user-attr sAMAccountName] [--user-filter '(objectCategory=person)'] [--user-bind '{username}@corp.example']
        [--bind-dn DN --bind-password-stdin] [--ca-file corp-ca.pem | --system-ca]
        [--group admin=CN=relgui-admins,OU=Groups,DC=corp,DC=example …] [--nested] [--timeout 5]
        [--security ldaps|starttls|none [--allow-plain]] [--enable | --disable]
    relgui-admin --user ADMIN directory test [USERNAME [--user-password-stdin]]
    relgui-admin --user ADMIN directory sync [--json]

All need an administrator's login (a local account: the administrator can always log in
locally). ``set`` changes only what it is given; ``--group`` options replace the whole group
mapping. The CA certificate file is read here and kept in the settings (every workstation then
verifies the server with it); ``--system-ca`` uses each computer's trusted certificates
instead (a domain-joined Windows trusts the company's enterprise CA). The search account's
password goes to *this computer's* credential store (keyring), never into the database: each
computer that runs ``sync`` (or logs users in through a search account) keeps its own copy.
Passwords are read from standard input, one line each, after the login's own line.
"""

from __future__ import annotations

import sys

from relgui.cli.common import UsageError, context, print_json, stdin_line
from relgui.domain.errors import Refusal
from relgui.domain.messages import pick, render, say, words
from relgui.domain.messages_directory import WORDS
from relgui.domain.versions import NEW
from relgui.policy import current_profile

ROLES = ("admin", "manager", "engineer", "auditor")


def register(subparsers) -> None:
    p = subparsers.add_parser("directory", help="公司目录（LDAP/AD）登录 / log in with the company directory")
    sub = p.add_subparsers(dest="directory_cmd", required=True)
    show = sub.add_parser("show", help="显示目录设置")
    show.add_argument("--json", action="store_true")
    s = sub.add_parser("set", help="设置目录登录（只改给出的项）")
    s.add_argument("--url", help="ldaps://服务器:636（LDAPS）或 ldap://服务器:389（StartTLS）")
    s.add_argument("--security", choices=["ldaps", "starttls", "none"],
                   help="加密方式（默认按地址：ldaps:// 为 LDAPS，ldap:// 为 StartTLS）；none 须同时 --allow-plain")
    plain = s.add_mutually_exclusive_group()
    plain.add_argument("--allow-plain", dest="allow_plain", action="store_true", default=None,
                       help="允许不加密的 LDAP（密码以明文传输，不建议）")
    plain.add_argument("--no-allow-plain", dest="allow_plain", action="store_false")
    ca = s.add_mutually_exclusive_group()
    ca.add_argument("--ca-file", help="签发目录服务器证书的 CA 证书（PEM 或 DER），保存在设置中")
    ca.add_argument("--system-ca", action="store_true", help="使用各计算机系统信任的证书")
    s.add_argument("--base-dn", help="查找用户和组的基准 DN，如 DC=corp,DC=example")
    s.add_argument("--user-attr", help="账户名属性（AD：sAMAccountName；OpenLDAP：uid）")
    s.add_argument("--user-filter", help="用户的附加筛选条件，如 (objectCategory=person)（空字符串为无）")
    s.add_argument("--user-bind", help="不用查询账户时，用户登录目录的名称格式，如 {username}@corp.example（空字符串为无）")
    s.add_argument("--bind-dn", help="目录查询账户的 DN（空字符串为无）")
    s.add_argument("--bind-password-stdin", action="store_true", help="从标准输入读取查询账户的密码，存入本机凭据库")
    s.add_argument("--group", action="append", metavar="ROLE=DN",
                   help="组与角色的对应（可重复；给出时替换全部对应），角色：admin | manager | engineer | auditor")
    nested = s.add_mutually_exclusive_group()
    nested.add_argument("--nested", dest="nested", action="store_true", default=None, help="AD：包括嵌套组的成员")
    nested.add_argument("--no-nested", dest="nested", action="store_false")
    s.add_argument("--timeout", type=int, help="连接与应答的超时秒数（1–60，默认 5）")
    on = s.add_mutually_exclusive_group()
    on.add_argument("--enable", dest="enabled", action="store_true", default=None, help="启用目录登录")
    on.add_argument("--disable", dest="enabled", action="store_false", help="关闭目录登录（目录账户不能再登录）")
    t = sub.add_parser("test", help="测试连接（不改变任何数据）；给出用户名时查找该用户、其组与角色")
    t.add_argument("username", nargs="?", default="")
    t.add_argument("--user-password-stdin", action="store_true", help="从标准输入读取该用户的密码，并以其身份登录目录")
    t.add_argument("--json", action="store_true")
    sy = sub.add_parser("sync", help="按目录更新目录账户：已删除或不在任何对应组中的停用，角色更新")
    sy.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_directory)


def _ca(args) -> tuple[str | None, str | None]:
    """(PEM text, its file's name) from --ca-file, ("", "") for --system-ca, (None, None) unchanged."""
    if args.system_ca:
        return "", ""
    if not args.ca_file:
        return None, None
    from relgui.services import directory  # lazy: the directory's use cases, ORM and models, ~410 ms on relgui-admin --help

    return directory.ca_from_file(args.ca_file)


def _groups(args) -> list[list[str]] | None:
    if args.group is None:
        return None
    out = []
    for item in args.group:
        role, sep, dn = item.partition("=")
        if not sep:
            role, dn = item, ""
        out.append([role.strip(), dn.strip()])
    return out


def _role_names(roles, lang: str) -> str:
    profile = current_profile()
    return words("list", lang).join(profile.roles[r].label(lang) if r in profile.roles else r for r in roles) or "—"


def cmd_directory(args) -> int:
    from relgui.services import directory  # lazy: the directory's use cases, ORM and models, ~410 ms on relgui-admin --help

    lang = args.lang
    cmd = args.directory_cmd
    ctx = context(args, ("admin",))
    if cmd == "show":
        cfg, _ = directory.settings(ctx)
        if cfg is None:
            if args.json:
                print_json(None)
                return 0
            print(render(Refusal("directory_not_configured"), lang))
            return 0
        here = bool(directory.bind_password(ctx.db)) if cfg.bind_dn else None
        if args.json:
            out = cfg.to_json()
            out["ca_pem"] = bool(cfg.ca_pem)
            out["bind_password_here"] = here
            print_json(out)
            return 0
        _print_settings(cfg, here, lang)
        return 0
    if cmd == "set":
        cfg, version = directory.settings(ctx)
        pem, ca_name = _ca(args)
        secret = stdin_line("password") if args.bind_password_stdin else None
        values = directory.with_changes(
            cfg, url=args.url, security=args.security, allow_plain=args.allow_plain, base_dn=args.base_dn,
            user_attr=args.user_attr, user_filter=args.user_filter, user_bind=args.user_bind, bind_dn=args.bind_dn,
            groups=_groups(args), nested=args.nested, timeout=args.timeout, enabled=args.enabled,
            ca_pem=pem, ca_name=ca_name)
        if args.url and args.security is None and cfg is not None and cfg.url.split(":")[0] != args.url.split(":")[0]:
            values.pop("security", None)  # a new scheme brings its own default
        saved, _ = directory.save(ctx, values, bind_password=secret, expected_version=NEW if not version else version)
        print(say("dir_cli_saved", lang))
        _print_settings(saved, bool(directory.bind_password(ctx.db)) if saved.bind_dn else None, lang)
        return 0
    if cmd == "test":
        password = stdin_line("password") if args.user_password_stdin else ""
        report = directory.probe(ctx, username=args.username, password=password, lang=lang)
        if args.json:
            print_json({"ok": report.ok, "plain": report.plain,
                        "steps": [{"step": s.key, "ok": s.ok, "detail": s.detail} for s in report.steps],
                        "dn": report.entry.dn if report.entry else None, "roles": list(report.roles)})
            return 0 if report.ok else 1
        if report.plain:
            print(render(Refusal("directory_plain_warning"), lang), file=sys.stderr)
        for s in report.steps:
            mark = {True: "✓", False: "✗", None: "–"}[s.ok]
            print(f"{mark} {directory.step_label(s.key, lang)}: {s.detail}")
        if report.entry is not None:
            e = report.entry
            print(say("dir_cli_account", lang, user=e.username, name=e.display_name, email=e.email))
            print(say("dir_cli_roles", lang, names=_role_names(report.roles, lang)))
        return 0 if report.ok else 1
    if cmd == "sync":
        lines = directory.sync(ctx)
        if args.json:
            print_json([{"username": x.username, "outcome": x.outcome, "why": x.why, "roles": list(x.roles)}
                        for x in lines])
            return 0
        def w(key: str) -> str:
            return pick(WORDS[key], lang)

        for x in lines:
            if x.outcome == "disabled":
                print(f"{x.username}: {w('disabled_now')} — {w(x.why)}")
            elif x.outcome == "ambiguous":
                print(f"{x.username}: {render(Refusal('directory_ambiguous', params={'name': x.username}), lang)}")
            elif x.outcome == "roles":
                print(f"{x.username}: {w('roles_changed')} {_role_names(x.roles, lang)}")
            else:
                print(f"{x.username}: {w('unchanged')}")
        print(say("dir_cli_checked", lang, count=len(lines)))
        return 0
    raise UsageError("directory show | set | test | sync")


def _print_settings(cfg, bind_here: bool | None, lang: str) -> None:
    def w(key: str) -> str:
        return pick(WORDS[key], lang)

    def s(code: str) -> str:
        return say(code, lang)

    security = w("not_encrypted") if cfg.plain else w(f"encrypted_{cfg.security}")
    rows = [
        (s("dir_cli_login"), s("dir_cli_on") if cfg.enabled else s("dir_cli_off")),
        (s("dir_cli_server"), f"{cfg.url} — {security}"),
        (s("dir_cli_ca"), cfg.ca_name or w("system_ca") if not cfg.plain else "—"),
        (s("dir_cli_base_dn"), cfg.base_dn),
        (s("dir_cli_user_attr"), cfg.user_attr),
        (s("dir_cli_user_filter"), cfg.user_filter or "—"),
        (s("dir_cli_user_bind"), cfg.user_bind or "—"),
        (s("dir_cli_bind_dn"), cfg.bind_dn or w("none")),
    ]
    if cfg.bind_dn:
        rows.append((s("dir_cli_bind_password"), s("dir_cli_saved_here") if bind_here else s("dir_cli_missing")))
    rows.append((s("dir_cli_nested"), s("dir_cli_yes") if cfg.nested else s("dir_cli_no")))
    rows.append((s("dir_cli_timeout"), f"{cfg.timeout} s"))
    for label, value in rows:
        print(f"{label}: {value}")
    print(s("dir_cli_groups"))
    for role, dn in cfg.groups:
        print(f"  {dn} → {_role_names((role,), lang)}")
    if not cfg.groups:
        print("  —")
    if cfg.plain:
        print(render(Refusal("directory_plain_warning"), lang), file=sys.stderr)
