"""relgui-admin authenticates (issue "Tamper evidence for every record", item 5).

Seen: relgui-admin asked for no login; with the database credentials every workstation holds,
`relgui-admin --db postgresql://…/relgui user add evil --role admin --role manager` succeeded,
and the audit named whoever $LOGNAME said. Now every command that writes (and user list,
audit, backup, restore into a database with accounts) logs in as a relgui user holding the
role it needs, through users.login (audited, counted toward the lockout); the audit records
that user. On SQLite and PostgreSQL (the PostgreSQL world connects as the workstation login).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from conftest import PASSWORD
from empty_db import empty_ctx, empty_dbs, empty_pg_template, empty_sqlite_template, is_empty  # noqa: F401
from flows import release_at
from sqlalchemy import func, select, text

from relgui.cli.common import KEYRING_SERVICE, LOGIN, READER
from relgui.cli.main import main
from relgui.domain.errors import AuthError
from relgui.domain.states import Status
from relgui.services import company, users
from relgui.store.models import AuditEvent, LoginFailure, User

NEW_PASSWORD = "green-tea-kettle-42"


def _url(ctx_or_world) -> str:
    return ctx_or_world.db.url.render_as_string(hide_password=False)


def cli(target, capsys, *args: str, user: str | None = None, password: str = PASSWORD,
        stdin: str = "") -> tuple[int, str, str]:
    """relgui-admin in this process on ``target``'s database; ``user`` logs in with
    --password-stdin (its line first on standard input, then ``stdin``)."""
    login = ["--user", user, "--password-stdin"] if user else []
    old = sys.stdin
    sys.stdin = io.StringIO((password + "\n" if user else "") + stdin)
    try:
        code = main(["--db", _url(target), *login, *args])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str, *needles: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return lines[0]


def events(target) -> list[AuditEvent]:
    with target.db.read() as s:
        return list(s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars())


def account(target, username: str) -> User | None:
    with target.db.read() as s:
        return s.execute(select(User).where(User.username == username)).scalar_one_or_none()


def failures(target, username: str) -> int:
    with target.db.read() as s:
        uid = s.execute(select(User.id).where(User.username == username)).scalar_one()
        return s.execute(select(func.count()).select_from(LoginFailure).where(LoginFailure.user_id == uid)).scalar_one()


# ------------------------------------------------------------------ the attack

EVIL = ["user", "add", "evil", "--role", "admin", "--role", "manager", "--name", "坏人", "--password-stdin"]


def test_user_add_evil_without_a_login_is_refused_and_writes_nothing(world, capsys):
    before = len(events(world))
    code, out, err = cli(world, capsys, *EVIL, stdin=NEW_PASSWORD + "\n")
    assert code == 3
    one_line(err, "请用 --user 登录：此命令须由系统管理员执行", "relgui-admin --user 用户名")
    assert account(world, "evil") is None and len(events(world)) == before
    code, _, err = cli(world, capsys, "--lang", "en", *EVIL, stdin=NEW_PASSWORD + "\n")
    assert code == 3 and one_line(err).startswith("relgui-admin: Log in with --user: this command must be run by "
                                                  "Administrator")


@pytest.mark.parametrize("who", ["lina", "zhangwei", "auditor", "liuyang"])
def test_user_add_evil_with_a_non_administrators_login_is_refused(world, capsys, who):
    code, _, err = cli(world, capsys, *EVIL, user=who, stdin=NEW_PASSWORD + "\n")
    assert code == 1
    one_line(err, f"{who} 不能执行此命令（user add）：须由系统管理员执行")
    assert account(world, "evil") is None
    assert events(world)[-1].action == "auth.login"  # the login itself is on record


def test_user_add_evil_with_a_wrong_password_is_refused_and_counted(world, capsys):
    code, _, err = cli(world, capsys, *EVIL, user="admin", password="not-the-password", stdin=NEW_PASSWORD + "\n")
    assert code == 3 and one_line(err) == "relgui-admin: 用户名或密码不正确"
    assert account(world, "evil") is None and failures(world, "admin") == 1
    assert events(world)[-1].action == "auth.login_failed"


def test_an_administrator_adds_the_account_and_the_audit_names_the_administrator(world, capsys):
    code, out, _ = cli(world, capsys, *EVIL, user="admin", stdin=NEW_PASSWORD + "\n")
    assert code == 0 and "evil" in out
    added = events(world)[-1]
    assert (added.action, added.actor_id, added.actor_name) == ("user.add", world.ids["admin"], "系统管理员")


# ------------------------------------------------------------------ every command that needs a login

ARGS = {
    "user add": EVIL, "user disable": ["user", "disable", "lina"], "user list": ["user", "list", "--json"],
    "demo": ["demo", "--releases", "5"], "backup": ["backup", "{tmp}/b.zip"], "restore": ["restore", "{tmp}/b.zip"],
    "audit verify": ["audit", "verify"], "audit anchors": ["audit", "anchors"],
    "audit baseline": ["audit", "baseline", "--reason", "升级"], "doc archive": ["doc", "archive", "{number}", "plan"],
    "init": ["init", "--company", "某某公司"],
}
ROLE_NAMES = {"admin": "系统管理员", "auditor": "审计员", "engineer": "运维工程师", "manager": "运维管理部经理"}


def test_every_command_that_needs_a_login_says_which_role_and_changes_nothing(world, capsys, tmp_path):
    assert set(ARGS) == set(LOGIN), "a command in LOGIN without a test here (or the reverse)"
    number = release_at(world, Status.PLAN_APPROVED)
    before = len(events(world))
    files = tmp_path / "files"
    files.mkdir()
    for command, argv in ARGS.items():
        argv = [a.format(tmp=files, number=number) for a in argv]
        code, out, err = cli(world, capsys, *argv, stdin=NEW_PASSWORD + "\n")
        assert code == 3, (command, code, err)
        roles = "、".join(ROLE_NAMES[r] for r in LOGIN[command])
        one_line(err, "请用 --user 登录", f"须由{roles}执行", command)
    assert len(events(world)) == before and not list(files.iterdir())
    assert company.get(world.ctx()).company_name != "某某公司"


def test_who_may_run_what(world, capsys, tmp_path):
    """The command × role table (README.md): allowed ones succeed, the others are refused (1)."""
    number = release_at(world, Status.PLAN_APPROVED)
    table = [
        ("user list", "admin", 0), ("user list", "lina", 1), ("user list", "auditor", 1),
        ("user disable", "zhaomin", 1), ("demo", "lina", 1), ("demo", "auditor", 1),
        ("audit verify", "auditor", 0), ("audit verify", "admin", 0), ("audit verify", "zhangwei", 1),
        ("audit verify", "lina", 1), ("audit anchors", "auditor", 0), ("audit baseline", "auditor", 1),
        ("backup", "auditor", 1), ("backup", "lina", 1), ("backup", "admin", 0),
        ("doc archive", "admin", 1), ("doc archive", "auditor", 1), ("doc archive", "lina", 0),
        ("init", "lina", 1), ("init", "admin", 0),
    ]
    for command, who, expected in table:
        argv = [a.format(tmp=tmp_path, number=number) for a in ARGS[command]]
        code, out, err = cli(world, capsys, *argv, user=who)
        assert code == expected, (command, who, code, err)
        if expected == 1 and command != "init":
            one_line(err, f"{who} 不能执行此命令（{command}）")
    assert company.get(world.ctx()).company_name == "某某公司"
    assert (tmp_path / "b.zip").exists()


def test_a_read_only_command_needs_no_login_and_its_actor_can_write_nothing(world, capsys):
    code, out, _ = cli(world, capsys, "release", "list", "--json")
    assert code == 0
    from relgui.services.context import AppContext

    nobody = AppContext(db=world.db, actor=READER)
    with pytest.raises(AuthError):
        users.add(nobody, "evil", "坏人", ["admin"], NEW_PASSWORD)
    with pytest.raises(AuthError):
        company.save(nobody, company_name="x", department="y", number_pattern="FB-{seq}",
                     expected_version=company.get(world.ctx()).row_version)
    assert account(world, "evil") is None


# ------------------------------------------------------------------ the audit actor

def test_the_audit_records_the_logged_in_user_not_logname(world, tmp_path):
    """`LOGNAME=evil relgui-admin …`: what the operating system says about its user reaches
    no record; the relgui user who logged in does, with display name and id."""
    env = {**os.environ, "LOGNAME": "evil", "USER": "evil", "LNAME": "evil", "USERNAME": "evil"}

    def admin(*args: str, stdin: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", _url(world), "--user", "admin",
                               "--password-stdin", *args], input=stdin, capture_output=True, text=True, env=env,
                              timeout=120)

    before = events(world)[-1].seq
    added = admin("user", "add", "bob", "--role", "engineer", "--name", "鲍勃", "--password-stdin",
                  stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")
    assert added.returncode == 0, added.stderr
    disabled = admin("user", "disable", "bob", stdin=f"{PASSWORD}\n")
    assert disabled.returncode == 0, disabled.stderr
    new = [e for e in events(world) if e.seq > before]
    assert [e.action for e in new] == ["auth.login", "user.add", "auth.login", "user.disable"]
    for e in new:
        assert "evil" not in e.actor_name and "evil" not in str(e.detail)
        # every event names the real actor: the logins the account that logged in (issue 15)
        assert (e.actor_id, e.actor_name) == (world.ids["admin"], "系统管理员")
        if not e.action.startswith("user."):
            assert e.entity_key == "admin"


def test_the_command_line_never_asks_the_os_who_its_user_is(world, capsys, tmp_path, monkeypatch):
    import getpass

    asked = []
    number = release_at(world, Status.PLAN_APPROVED)  # (the tests' own system actor asks: not the CLI)
    monkeypatch.setattr(getpass, "getuser", lambda: asked.append(1) or "evil")
    for who, argv in (("admin", EVIL), ("admin", ARGS["user disable"]), ("admin", ARGS["init"]),
                      ("auditor", ARGS["audit verify"]), ("admin", ["backup", str(tmp_path / "b.zip")]),
                      ("zhaomin", ["doc", "archive", number, "plan"]), (None, ["release", "list"]),
                      (None, ["kpi", "--quarter", "2026Q4"])):
        code, _, err = cli(world, capsys, *argv, user=who, stdin=NEW_PASSWORD + "\n")
        assert code == 0, (argv, err)
    assert asked == []
    assert not any("evil" in e.actor_name for e in events(world))


# ------------------------------------------------------------------ lockout

def test_wrong_passwords_through_the_command_line_lock_the_account(world, capsys):
    said = []
    for _ in range(users.MAX_FAILURES):
        code, _, err = cli(world, capsys, "user", "list", user="admin", password="guess-guess-guess")
        assert code == 3
        said.append(one_line(err))
    assert said[:-1] == ["relgui-admin: 用户名或密码不正确"] * (users.MAX_FAILURES - 1)
    assert said[-1].startswith("relgui-admin: 账户已锁定，请于 ")
    code, _, err = cli(world, capsys, "user", "list", user="admin")  # the right password, too late
    assert code == 3 and "账户已锁定" in one_line(err)
    assert failures(world, "admin") == users.MAX_FAILURES and account(world, "admin").locked_until is not None
    assert [e.action for e in events(world)][-users.MAX_FAILURES - 1:] == \
        ["auth.login_failed"] * users.MAX_FAILURES + ["auth.login_refused"]


def test_a_missing_or_undecodable_password_line_is_no_failed_login(sqlite_world, capsys):
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b"bad\xff\xfe\n"), encoding="utf-8")
    try:
        code = main(["--db", _url(sqlite_world), "--user", "admin", "--password-stdin", "user", "list"])
    finally:
        sys.stdin = old
    err = capsys.readouterr().err
    assert code == 1 and "标准输入中的登录密码不是有效的 utf-8 文本" in one_line(err)
    code, _, err = cli(sqlite_world, capsys, "--password-stdin", "user", "list")  # no --user: not a login
    assert code == 3
    sys.stdin = io.StringIO("")
    try:
        code = main(["--db", _url(sqlite_world), "--user", "admin", "--password-stdin", "user", "list"])
    finally:
        sys.stdin = old
    assert code == 1 and "标准输入中没有登录密码这一行" in one_line(capsys.readouterr().err)
    assert failures(sqlite_world, "admin") == 0


# ------------------------------------------------------------------ the first administrator

def test_init_creates_the_first_administrator_who_saves_the_settings(empty_dbs, capsys):
    target = empty_dbs.new()
    code, _, err = cli(target, capsys, "init", "--admin", "boss", "--name", "老板", "--password-stdin",
                       stdin="short\n")
    assert code == 1 and "密码至少需要 10 个字符" in one_line(err) and is_empty(target)
    code, _, err = cli(target, capsys, "init", "--company", "某某公司")  # settings need an administrator
    assert code == 3 and "公司设置须由系统管理员保存" in one_line(err) and is_empty(target)
    code, _, err = cli(target, capsys, *EVIL, stdin=NEW_PASSWORD + "\n")
    assert code == 3 and "还没有任何账户" in one_line(err) and is_empty(target)
    code, _, err = cli(target, capsys, *EVIL, user="boss", stdin=NEW_PASSWORD + "\n")  # nobody to log in as
    assert code == 3 and "还没有任何账户，不能以 boss 登录" in one_line(err) and is_empty(target)

    code, out, err = cli(target, capsys, "init", "--admin", "boss", "--name", "老板", "--password-stdin",
                         "--company", "某某公司", stdin=NEW_PASSWORD + "\n")
    assert code == 0 and "已创建第一个系统管理员：boss（老板）" in out and "数据库就绪" in out, err
    boss = account(target, "boss")
    assert boss.roles == "admin" and company.get(target).company_name == "某某公司"
    assert [(e.action, e.actor_id, e.actor_name) for e in events(target)] == [  # the first account made as itself
        ("user.add", boss.id, "老板"), ("auth.login", boss.id, "老板"), ("company.save", boss.id, "老板")]
    assert users.login(target, "boss", NEW_PASSWORD).has("admin")  # the GUI's login, the same service

    code, _, err = cli(target, capsys, "init", "--admin", "other", "--name", "别人", "--password-stdin",
                       stdin=NEW_PASSWORD + "\n")
    assert code == 1 and "--admin 只用于创建第一个系统管理员" in one_line(err) and account(target, "other") is None
    code, out, _ = cli(target, capsys, *EVIL, user="boss", password=NEW_PASSWORD, stdin="another-long-secret-7\n")
    assert code == 0 and "evil" in out


def test_first_account_is_checked_in_the_same_transaction(empty_ctx):
    from relgui.cli.common import FIRST_RUN
    from relgui.domain.errors import PolicyViolation

    ctx = empty_ctx.as_user(FIRST_RUN)
    users.add(ctx, "boss", "老板", ["admin"], NEW_PASSWORD, first=True)
    with pytest.raises(PolicyViolation) as refused:
        users.add(ctx, "boss2", "老板二", ["admin"], NEW_PASSWORD, first=True)
    assert refused.value.refusals[0].code == "first_account_exists"


def test_usage_of_init_admin(sqlite_world, capsys, tmp_path):
    for argv in (["init", "--admin", "boss"], ["init", "--name", "老板"], ["init", "--password-stdin"]):
        code, _, err = cli(sqlite_world, capsys, *argv)
        assert code == 2 and one_line(err)
    code, _, err = cli(sqlite_world, capsys, "init", "--admin", "boss", "--name", "老板")  # accounts exist
    assert code == 1 and "--admin 只用于创建第一个系统管理员" in one_line(err)
    code, _, err = main_with(sqlite_world, capsys, "init", "--admin", "boss", "--name", "老板")
    assert code == 1  # (the same, before any password is asked for)
    new = tmp_path / "new.db"
    old = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        code = main(["--db", str(new), "init", "--admin", "boss", "--name", "老板"])  # not a terminal
    finally:
        sys.stdin = old
    assert code == 2 and "--password-stdin" in one_line(capsys.readouterr().err)


def test_restore_needs_an_administrator_where_there_are_accounts(world, capsys, tmp_path):
    code, _, err = cli(world, capsys, "restore", str(tmp_path / "b.zip"))
    assert code == 3 and "请用 --user 登录" in one_line(err)
    code, _, err = cli(world, capsys, "restore", str(tmp_path / "b.zip"), user="auditor")
    assert code == 1
    code, _, err = cli(world, capsys, "restore", str(tmp_path / "b.zip"), user="admin")
    assert code == 1 and "数据库未作任何改动" in one_line(err)


# ------------------------------------------------------------------ the password's other sources

def test_the_password_from_the_credential_store(sqlite_world, capsys, tmp_path, monkeypatch):
    import keyring
    from keyring_for_tests import FileKeyring

    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        entry = f"admin@{os.path.realpath(sqlite_world.db.url.database)}"
        code, _, err = cli(sqlite_world, capsys, "user", "list", "--json", user=None, stdin="")
        assert code == 3
        code, out, err = cli(sqlite_world, capsys, "login", "--remember", user="admin")
        assert code == 0 and f"密码已存入系统凭据库：{KEYRING_SERVICE} / {entry}" in out, err
        assert keyring.get_password(KEYRING_SERVICE, entry) == PASSWORD
        code, out, err = main_with(sqlite_world, capsys, "--user", "admin", "user", "list", "--json")
        assert code == 0 and '"admin"' in out, err
        keyring.set_password(KEYRING_SERVICE, entry, "an-old-password")  # changed since
        code, out, err = main_with(sqlite_world, capsys, "--user", "admin", "user", "list")
        assert code == 3
        one_line(err, "用户名或密码不正确", f"取自系统凭据库（{KEYRING_SERVICE} / {entry}）", "login --forget")
        assert failures(sqlite_world, "admin") == 1  # a wrong stored password counts like any
        code, out, _ = main_with(sqlite_world, capsys, "--user", "admin", "login", "--forget")
        assert code == 0 and "已从系统凭据库删除" in out and keyring.get_password(KEYRING_SERVICE, entry) is None
        code, _, err = main_with(sqlite_world, capsys, "--user", "admin", "user", "list")
        assert code == 3 and "没有账户 admin 的密码" in one_line(err)
        assert keyring.get_password("relgui", entry) is None  # the GUI's database entries are another service
    finally:
        keyring.set_keyring(previous)


def main_with(target, capsys, *args: str, tty: bool = False, typed: str | None = None):
    """main() with an empty standard input (or a terminal where ``typed`` is what getpass gets)."""
    import getpass

    class Stdin(io.StringIO):
        def isatty(self) -> bool:
            return tty

    old, old_getpass = sys.stdin, getpass.getpass
    asked: list[str] = []
    sys.stdin = Stdin("")
    getpass.getpass = lambda prompt="": asked.append(prompt) or typed
    try:
        code = main(["--db", _url(target), *args])
    finally:
        sys.stdin, getpass.getpass = old, old_getpass
    out = capsys.readouterr()
    main_with.asked = asked
    return code, out.out, out.err


def test_the_password_typed_on_a_terminal(sqlite_world, capsys):
    code, out, err = main_with(sqlite_world, capsys, "--user", "admin", "user", "list", tty=True, typed=PASSWORD)
    assert code == 0 and main_with.asked == ["relgui 账户 admin 的密码："], err
    code, out, err = main_with(sqlite_world, capsys, "--user", "admin", "user", "list", tty=False, typed=PASSWORD)
    assert code == 3 and main_with.asked == []  # not a terminal: never prompted


# ------------------------------------------------------------------ logging in hides no tampering

def test_logging_in_does_not_record_a_user_row_changed_behind_relgui(world, capsys):
    """The login before `audit verify` must not take the logged-in user's own row, changed
    outside relgui, under the chain as it stands (it wrote the row back unchanged)."""
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE users SET roles = 'auditor,admin' WHERE username = 'auditor'"))
    code, out, _ = cli(world, capsys, "audit", "verify", user="auditor")
    assert code == 4 and "用户" in out and "roles" in out
    code, out, _ = cli(world, capsys, "audit", "verify", user="admin")
    assert code == 4 and "roles" in out
