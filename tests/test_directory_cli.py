"""relgui-admin directory set | show | test | sync against the real slapd (tests/ldapserver.py), on
SQLite and PostgreSQL: an administrator's login, the search account's password to the credential
store (read from standard input after the login's line), one line in words for every mistake."""

from __future__ import annotations

import io
import json
import sys

import pytest
from conftest import PASSWORD
from ldapserver import PEOPLE, SERVICE_DN, SERVICE_PW, SUFFIX, group_dn, slapd  # noqa: F401 (fixture)
from test_directory import at_login, keyring_file, person  # noqa: F401 (fixture)

from relgui.cli.main import main
from relgui.services import directory, users

AS_ADMIN = ("--user", "admin", "--password-stdin")


def run(world, capsys, *args, stdin: str = PASSWORD + "\n", lang: str = "zh_CN") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(["--db", world.db.url.render_as_string(hide_password=False), "--lang", lang, *args])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def setup_args(slapd, *extra: str) -> list[str]:
    return ["directory", "set", "--url", slapd.ldaps_url, "--base-dn", SUFFIX, "--user-attr", "uid",
            "--ca-file", str(slapd.ca_file), "--bind-dn", SERVICE_DN, "--bind-password-stdin",
            "--group", f"engineer={group_dn('relgui-engineers')}", "--group", f"manager={group_dn('relgui-managers')}",
            "--group", f"auditor={group_dn('relgui-auditors')}", *extra]


def test_set_show_test_sync(world, capsys, slapd, keyring_file):
    code, out, err = run(world, capsys, *AS_ADMIN, *setup_args(slapd), stdin=f"{PASSWORD}\n{SERVICE_PW}\n")
    assert code == 0, err
    assert "已保存。" in out and "加密（LDAPS）" in out and "CA 证书: ca.pem" in out
    assert "本机凭据库中的查询账户密码: 已保存" in out
    assert SERVICE_PW in keyring_file.read_text()
    code, out, err = run(world, capsys, *AS_ADMIN, "directory", "show", "--json")
    shown = json.loads(out)
    assert shown["bind_dn"] == SERVICE_DN and shown["ca_pem"] is True and shown["bind_password_here"] is True
    assert SERVICE_PW not in out
    code, out, err = run(world, capsys, *AS_ADMIN, "directory", "show", lang="en")
    assert "Groups → roles:" in out and f"{group_dn('relgui-engineers')} → Operations engineer" in out
    assert "→ engineer" not in out  # the role's name, never its key
    # The test of one account: its groups and the roles they grant, in the role's name.
    code, out, err = run(world, capsys, *AS_ADMIN, "directory", "test", "chenjing")
    assert code == 0, out + err
    assert "✓ 连接服务器" in out and "✓ 查找用户: uid=chenjing" in out and "账户: chenjing (陈静)" in out
    code, out, err = run(world, capsys, *AS_ADMIN, "directory", "test", "chenjing", "--user-password-stdin",
                         "--json", stdin=f"{PASSWORD}\nDir-Pass-chenjing-1\n")
    report = json.loads(out)
    assert report["ok"] and report["roles"] == ["manager", "engineer"] and report["dn"] == f"uid=chenjing,{PEOPLE}"
    code, out, err = run(world, capsys, *AS_ADMIN, "directory", "test", "zhouqiang", lang="en")
    assert code == 1 and "✗ groups and roles" in out and "in no group that grants a relgui role" in out
    # Sync: the directory accounts, held against the directory.
    uid, pw = person(slapd, "relgui-engineers")
    users.login(at_login(world), uid, pw)
    slapd.set_groups(uid, remove=("relgui-engineers",))
    code, out, err = run(world, capsys, *AS_ADMIN, "directory", "sync")
    assert code == 0, err
    assert f"{uid}: 已停用 — 不属于任何已对应角色的组" in out and "1 个目录账户已核对" in out


@pytest.mark.parametrize("args, stdin_extra, needle", [
    (["directory", "set", "--group", "boss=cn=x,dc=example,dc=org"], "", "组对应“boss=cn=x,dc=example,dc=org”无效"),
    (["directory", "set", "--url", "ldap://127.0.0.1:389", "--security", "none"], "", "不加密"),
    (["directory", "set", "--timeout", "0"], "", "超时秒数"),
    (["directory", "set", "--ca-file", "/nonexistent/ca.pem"], "", "/nonexistent/ca.pem"),
    (["directory", "set", "--url", "ldaps://127.0.0.1:1"], "", None),  # saved: the mistake shows in test
])
def test_mistakes_are_one_line_in_words(world, capsys, slapd, keyring_file, args, stdin_extra, needle):
    run(world, capsys, *AS_ADMIN, *setup_args(slapd), stdin=f"{PASSWORD}\n{SERVICE_PW}\n")
    before = directory.settings(world.ctx("admin"))
    code, out, err = run(world, capsys, *AS_ADMIN, *args, stdin=f"{PASSWORD}\n{stdin_extra}")
    if needle is None:
        assert code == 0
        code, out, err = run(world, capsys, *AS_ADMIN, "directory", "test")
        assert code == 1 and "连接被拒绝" in out and "Traceback" not in out + err
        return
    assert code == 1 and needle in err and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert directory.settings(world.ctx("admin")) == before  # nothing written


def test_only_an_administrator_and_a_login(world, capsys, slapd):
    code, out, err = run(world, capsys, "--user", "lina", "--password-stdin", "directory", "show")
    assert code == 1 and "系统管理员" in err
    code, out, err = run(world, capsys, "directory", "show", stdin="")
    assert code == 3
