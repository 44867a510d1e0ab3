"""relgui-admin on SQLite and PostgreSQL: commands, JSON, one-line errors, exit codes.

Commands that need a login log in as the seeded accounts (``AS_ADMIN``; the password is the
first line of standard input). tests/test_cli_auth.py proves who may run what."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from conftest import PASSWORD
from sqlalchemy import text

from relgui.cli.main import main

AS_ADMIN = ("--user", "admin", "--password-stdin")  # then PASSWORD is standard input's first line


def run(world, capsys, *args, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(["--db", world.db.url.render_as_string(hide_password=False), *args])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def test_user_add_list_disable(world, capsys):
    code, out, _ = run(world, capsys, *AS_ADMIN, "user", "add", "xiaoming", "--role", "engineer", "--role", "auditor",
                       "--name", "小明", "--password-stdin", stdin=f"{PASSWORD}\na-long-password\n")
    assert code == 0 and "xiaoming" in out
    code, out, _ = run(world, capsys, *AS_ADMIN, "user", "list", "--json", stdin=PASSWORD + "\n")
    entry = next(u for u in json.loads(out) if u["username"] == "xiaoming")
    assert entry["roles"] == ["engineer", "auditor"] and entry["name"] == "小明"
    assert run(world, capsys, *AS_ADMIN, "user", "disable", "xiaoming", stdin=PASSWORD + "\n")[0] == 0


def test_demo_then_release_list_and_show_json(world, capsys):
    assert run(world, capsys, *AS_ADMIN, "demo", "--releases", "40", "--seed", "2", stdin=PASSWORD + "\n")[0] == 0
    code, out, _ = run(world, capsys, "release", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 40
    assert {"number", "title", "type", "status", "result", "planned_start", "closed_at"} <= set(rows[0])
    code, out, _ = run(world, capsys, "release", "list", "--status", "closed", "--type", "normal", "--json")
    assert all(r["status"] == "closed" and r["type"] == "normal" for r in json.loads(out))
    closed = next(r for r in rows if r["status"] == "closed")
    code, out, _ = run(world, capsys, "release", "show", closed["number"], "--json")
    data = json.loads(out)
    assert data["number"] == closed["number"] and data["plan"] and data["signatures"] and data["audit"]


def test_audit_verify_exits_non_zero_after_tampering(world, capsys):
    run(world, capsys, *AS_ADMIN, "demo", "--releases", "10", stdin=PASSWORD + "\n")
    code, out, _ = run(world, capsys, *AS_ADMIN, "audit", "verify", stdin=PASSWORD + "\n")
    assert code == 0 and "完整" in out
    with world.owner_engine.begin() as conn:
        if world.backend == "postgresql":
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
        conn.execute(text("UPDATE audit_events SET action = 'forged' WHERE seq = 7"))
    code, out, _ = run(world, capsys, "--lang", "en", *AS_ADMIN, "audit", "verify", stdin=PASSWORD + "\n")
    assert code == 4 and "event 7" in out


@pytest.mark.parametrize("args, stdin, code, needle", [
    ([*AS_ADMIN, "user", "add", "x", "--role", "engineer", "--name", "X", "--password-stdin"], f"{PASSWORD}\nshort\n",
     1, "密码至少"),
    (["release", "show", "FB-0000-0000"], "", 1, "找不到发布"),
    (["release", "list", "--status", "done"], "", 2, "--status done"),
    ([*AS_ADMIN, "demo", "--releases", "0"], PASSWORD + "\n", 1, "发布数量"),
    ([*AS_ADMIN, "restore", "/nonexistent/backup.zip"], PASSWORD + "\n", 1, "备份文件"),
    (["user", "list"], "", 3, "请用 --user 登录"),
])
def test_user_mistakes_print_one_line_and_exit_non_zero(world, capsys, args, stdin, code, needle):
    got, out, err = run(world, capsys, *args, stdin=stdin)
    assert got == code
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unreachable_server_is_a_clear_message(capsys):
    code = main(["--db", "postgresql://nobody@127.0.0.1:1/relgui", "release", "list"])
    err = capsys.readouterr().err
    assert code == 3 and err.startswith("relgui-admin: 无法连接数据库") and "Traceback" not in err


def test_installed_entry_point_runs(tmp_path):
    db = tmp_path / "x.db"
    result = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", str(db), "--lang", "en", "init"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Database ready" in result.stdout


# --------------------------------------------------------------------------- real relgui-admin processes

from empty_db import empty_dbs, empty_pg_template, empty_sqlite_template, is_empty  # noqa: E402,F401


def admin(db: str, *args: str, stdin: str = "", user: str | None = None,
          password: str = PASSWORD) -> subprocess.CompletedProcess:
    """relgui-admin in its own process, as an administrator runs it (logged in as ``user``,
    the password standard input's first line)."""
    login = ["--user", user, "--password-stdin"] if user else []
    return subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", db, *login, *args],
                          input=(password + "\n" if user else "") + stdin, capture_output=True, text=True, timeout=300)


def _url(ctx_or_world) -> str:
    return ctx_or_world.db.url.render_as_string(hide_password=False)


def _one_line_refusal(result: subprocess.CompletedProcess, needle: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert needle in result.stderr, result.stderr


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)
def test_restore_of_a_broken_audit_chain_writes_nothing_then_a_good_backup_restores(world, tmp_path, empty_dbs):
    """The issue: `restore` of a backup with a broken chain exited 1 but kept the rows, and a
    second restore was refused as "not empty"."""
    from test_backup import _event, forge

    assert admin(_url(world), "demo", "--releases", "15", user="admin").returncode == 0
    good = tmp_path / "good.zip"
    assert admin(_url(world), "backup", str(good), user="admin").returncode == 0
    bad = tmp_path / "broken.zip"
    forge("audit_events", _event(6, action="release.forged"))(good, bad)
    target = empty_dbs.new()
    result = admin(_url(target), "restore", str(bad))  # no account there: no login (the backup brings them)
    _one_line_refusal(result, "审计轨迹")
    assert "数据库未作任何改动" in result.stderr and is_empty(target)
    result = admin(_url(target), "--lang", "en", "restore", str(good))
    assert result.returncode == 0 and "Restored and verified" in result.stdout, result.stderr
    assert admin(_url(target), "audit", "verify", user="admin").returncode == 0  # the restored accounts


@pytest.mark.parametrize("content, needle", [
    (b"PK\x03\x04 cut short", "已损坏"),
    (b"just text", "不是 relgui 备份文件"),
    (None, "找不到备份文件"),
])
def test_restore_of_a_bad_file_is_one_line_in_words(tmp_path, content, needle):
    path = tmp_path / "x.zip"
    if content is not None:
        path.write_bytes(content)
    _one_line_refusal(admin(str(tmp_path / "new.db"), "restore", str(path)), needle)


def test_demo_prints_random_passwords_once_and_refuses_a_database_with_releases(empty_dbs):
    """The issue: `demo` on a real database added managers who log in with a published
    password (lina / relgui-demo). Now: only into a database without releases (or --force
    after a warning), each sample account with a random password printed once."""
    from relgui.domain.errors import AuthError
    from relgui.services import users

    target = empty_dbs.new()
    db = _url(target)
    made = admin(db, "init", "--admin", "boss", "--name", "老板", "--password-stdin", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    first = admin(db, "demo", "--releases", "20", user="boss")
    assert first.returncode == 0, first.stderr
    printed = dict(re.findall(r"^  (\w+)\t[^\t]+\t[\w,]+\t(\S+)$", first.stdout, re.M))
    assert set(printed) == {"lina", "zhaomin", "zhangwei", "wangfang", "liuyang", "chenjing", "auditor"}
    assert "只显示这一次" in first.stdout and "relgui-demo" not in first.stdout
    assert users.login(target, "lina", printed["lina"]).username == "lina"
    with pytest.raises(AuthError):
        users.login(target, "lina", "relgui-demo")
    again = admin(db, "demo", "--releases", "5", user="boss")
    _one_line_refusal(again, "已有 20 个发布")
    forced = admin(db, "--lang", "en", "demo", "--releases", "5", "--force", user="boss")
    assert forced.returncode == 0 and "already holds 20 releases" in forced.stderr, forced.stderr
    assert "Sample accounts" not in forced.stdout  # the names are taken: no new accounts, no passwords
    assert not any(p in forced.stdout + forced.stderr for p in printed.values())


@pytest.mark.parametrize("pattern, needles", [
    ("{seq[0]}", ["{seq[0]}", "例如 FB-{year}-{seq:04d} 生成 FB-2026-0001"]),  # was a TypeError traceback
    ("{year}{seq:>57}", ["61 个字符", "99999", "上限 60"]),  # was accepted; releases then failed on PostgreSQL
    ("REL-{year}", ["{seq}", "例如"]),
])
def test_init_refuses_a_bad_number_pattern_in_words(empty_dbs, pattern, needles):
    target = empty_dbs.new()
    first_admin = ("--admin", "boss", "--name", "老板", "--password-stdin")
    result = admin(_url(target), "init", *first_admin, "--number-pattern", pattern, stdin=PASSWORD + "\n")
    _one_line_refusal(result, needles[0])
    assert all(n in result.stderr for n in needles), result.stderr
    assert is_empty(target)  # refused before the first administrator was made
    good = admin(_url(target), "--lang", "en", "init", *first_admin, "--number-pattern", "REL-{year}-{seq:03d}",
                 stdin=PASSWORD + "\n")
    assert good.returncode == 0 and "Database ready" in good.stdout, good.stderr
