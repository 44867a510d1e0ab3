"""relgui-admin under the consoles Windows users have: GBK (cp936) and Western (cp1252), with
UTF-8 mode off, output piped (where Python uses the code page, not the console's Unicode API).

Each command runs in its own process with PYTHONIOENCODING set as a redirected Windows console
would have it; its output must decode strictly in that encoding, its exit code must be the
documented one, and no traceback may appear. ``--json`` is UTF-8 bytes under every code page.
Also: every text file relgui opens names its encoding (an unnamed one is the ANSI code page on
Windows, not UTF-8)."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PASSWORD = "encoding-test-pw-2026"
CONSOLES = {
    "cp936": {"PYTHONIOENCODING": "cp936", "PYTHONUTF8": "0"},
    "cp1252": {"PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"},
}


def _env(home: Path, console: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING", "RELGUI_DB")}
    return {**env, "RELGUI_HOME": str(home), "RELGUI_LANG": "zh_CN", **console}


def _admin(env: dict[str, str], *args: str, stdin: str = "", expect: int = 0) -> tuple[str, str]:
    encoding = env["PYTHONIOENCODING"]
    result = subprocess.run([sys.executable, "-m", "relgui.cli.main", *args], input=stdin.encode(encoding),
                            capture_output=True, env=env, timeout=300)
    out, err = result.stdout.decode(encoding), result.stderr.decode(encoding)  # strict: a stray byte fails
    assert result.returncode == expect, (args, result.returncode, out, err)
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    return out, err


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One SQLite database with a first administrator and sample releases (Chinese titles)."""
    home = tmp_path_factory.mktemp("encodings")
    db = str(home / "relgui.db")
    env = _env(home, {"PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"})
    _admin(env, "--db", db, "init", "--admin", "boss", "--name", "系统管理员", "--password-stdin",
           stdin=PASSWORD + "\n")
    _admin(env, "--db", db, "--user", "boss", "--password-stdin", "demo", "--releases", "6", "--seed", "3",
           stdin=PASSWORD + "\n")
    return home, db


@pytest.mark.slow
@pytest.mark.parametrize("console", sorted(CONSOLES))
def test_commands_write_to_a_code_page_console(database, console):
    home, db = database
    env = _env(home, CONSOLES[console])
    login = ("--user", "boss", "--password-stdin")
    out, _ = _admin(env, "--db", db, "init")
    if console == "cp936":
        assert "数据库就绪" in out  # the Chinese itself, in GBK
    else:
        assert "\\u6570\\u636e\\u5e93" in out  # 数据库 as escapes: readable, never a crash
    out, _ = _admin(env, "--help")
    assert "relgui-admin" in out
    out, _ = _admin(env, "--db", db, "release", "list")
    numbers = [line.split("\t")[0] for line in out.splitlines() if line.strip()]
    assert len(numbers) == 6
    _admin(env, "--db", db, "release", "show", numbers[0])
    _admin(env, "--db", db, *login, "audit", "verify", stdin=PASSWORD + "\n")
    # refusals on standard error, in the user's language, with the documented exit codes
    _, err = _admin(env, "--db", db, "user", "add", "x", "--role", "admin", "--name", "某人", "--password-stdin",
                    stdin="whatever-password-1\n", expect=3)
    assert err.startswith("relgui-admin: ") and len(err.strip().splitlines()) == 1
    if console == "cp936":
        assert "管理员" in err
    _, err = _admin(env, "--db", db, "release", "show", "不存在-001", expect=1)
    assert err.startswith("relgui-admin: ")
    _admin(env, "--db", db, "release", "list", "--status", "无此状态", expect=2)


@pytest.mark.slow
@pytest.mark.parametrize("console", sorted(CONSOLES))
def test_json_is_utf8_under_every_code_page(database, console):
    home, db = database
    env = _env(home, CONSOLES[console])
    for args in (("release", "list", "--json"), ("--user", "boss", "--password-stdin", "user", "list", "--json")):
        result = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", db, *args],
                                input=(PASSWORD + "\n").encode(), capture_output=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        rows = json.loads(result.stdout.decode("utf-8"))
        text = json.dumps(rows, ensure_ascii=False)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text[:200]  # Chinese survived as UTF-8
    shown = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", db, "release", "list", "--json"],
                           capture_output=True, env=env, timeout=300)
    number = json.loads(shown.stdout.decode("utf-8"))[0]["number"]
    shown = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", db, "release", "show", number, "--json"],
                           capture_output=True, env=env, timeout=300)
    assert json.loads(shown.stdout.decode("utf-8"))["number"] == number


@pytest.mark.skipif(shutil.which("bash") is None or os.name == "nt", reason="a POSIX shell pipeline")
@pytest.mark.parametrize("console", sorted(CONSOLES))
def test_init_piped_into_cat(tmp_path, console):
    """The issue's reproduction: `PYTHONIOENCODING=cp1252 relgui-admin init | cat` on a new database."""
    env = _env(tmp_path, CONSOLES[console])
    command = f'"{sys.executable}" -m relgui.cli.main --db "{tmp_path / "new.db"}" init | cat; exit ${{PIPESTATUS[0]}}'
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode(CONSOLES[console]["PYTHONIOENCODING"])
    assert "SQLite" in out and "Traceback" not in result.stderr.decode("latin-1")


# --------------------------------------------------------------------------- every open names its encoding

TEXT_CALLS = {"open", "read_text", "write_text", "TextIOWrapper", "NamedTemporaryFile", "fdopen"}


def _unnamed_encodings(source: str) -> list[int]:
    """Lines where a text file is opened without naming its encoding."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else \
            node.func.attr if isinstance(node.func, ast.Attribute) else None
        if name not in TEXT_CALLS:
            continue
        if isinstance(node.func, ast.Attribute) and name == "open" and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == "os":
            continue  # os.open: a descriptor, no encoding
        keywords = {k.arg for k in node.keywords}
        if "encoding" in keywords:
            continue
        modes = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        modes += [k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
        if any("b" in m for m in modes if len(m) <= 3):
            continue  # binary
        if name == "read_text" and node.args:  # read_text("utf-8"): the encoding, positionally
            continue
        if name == "open" and isinstance(node.func, ast.Attribute):
            receiver = ast.unparse(node.func.value).lower()
            if not modes or "zip" in receiver or receiver == "zf":
                continue  # ZipFile.open (bytes), QFile/QBuffer.open(flags): not a text file
        found.append(node.lineno)
    return found


def test_every_text_file_names_its_encoding():
    offenders = {}
    for path in sorted((ROOT / "relgui").rglob("*.py")) + sorted((ROOT / "packaging").glob("*.py")):
        lines = _unnamed_encodings(path.read_text(encoding="utf-8"))
        if lines:
            offenders[str(path.relative_to(ROOT))] = lines
    assert not offenders, offenders


def test_the_check_finds_an_unnamed_encoding():
    assert _unnamed_encodings("open('x')\nPath('y').read_text()\nopen('z', 'rb')\nopen('w', encoding='utf-8')\n") \
        == [1, 2]


@pytest.mark.skipif(shutil.which("localedef") is None or os.name == "nt", reason="makes a GBK locale with localedef")
def test_a_gbk_locale_without_pythonioencoding(database, tmp_path):
    """As a Chinese Windows console piped: the locale's code page (no PYTHONIOENCODING), the
    way the frozen relgui-admin.exe (which ignores PYTHON* variables but PYTHONUTF8) writes."""
    made = subprocess.run(["localedef", "-i", "zh_CN", "-f", "GBK", str(tmp_path / "zh_CN.GBK")], capture_output=True)
    if not (tmp_path / "zh_CN.GBK").exists():
        pytest.skip(f"localedef: {made.stderr[:200]!r}")
    home, db = database
    env = _env(home, {"LOCPATH": str(tmp_path), "LC_ALL": "zh_CN.GBK", "PYTHONUTF8": "0"})
    result = subprocess.run([sys.executable, "-c", "import sys; print(sys.stdout.encoding)"], capture_output=True,
                            env=env)
    assert result.stdout.strip().lower() == b"gbk"
    result = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", db, "release", "list"],
                            capture_output=True, env=env, timeout=300)
    assert result.returncode == 0 and "\t" in result.stdout.decode("gbk")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout.decode("gbk"))


def test_relgui_admin_logs_beside_the_gui(tmp_path, monkeypatch, capsys):
    """logs/relgui-admin.log in the per-user folder: the command and its exit code, never the
    password (standard input), beside the GUI's relgui.log."""
    import io

    from relgui.cli.main import main

    monkeypatch.setenv("RELGUI_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-secret-password-123\n"))
    db = str(tmp_path / "x.db")
    assert main(["--db", db, "init", "--admin", "boss", "--name", "老板", "--password-stdin"]) == 0
    assert main(["--db", db, "release", "show", "FB-0000-9999"]) == 1
    capsys.readouterr()
    import logging

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / "relgui-admin.log").read_text(encoding="utf-8")
    assert "init → exit 0" in text and "release show → exit 1" in text and "not_found" in text
    assert "a-secret-password-123" not in text
