"""The real entry point in a subprocess: `relgui --exit-when-ready` (also the packaged-app smoke test)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from relgui import demo
from relgui.services.context import AppContext
from relgui.services.database import open_database


def _run(*args: str, stdin: str = "", home=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if home:
        env["RELGUI_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "relgui.gui.main", *args], input=stdin, text=True,
                          capture_output=True, timeout=120, env=env)


def test_fresh_local_database_starts_and_exits_when_ready(tmp_path):
    """The README's run command on a new machine: the SQLite file is created on first run."""
    result = _run("--exit-when-ready", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "relgui.db").exists()
    assert (tmp_path / "logs" / "relgui.log").exists()


def test_login_from_stdin_shows_the_register(tmp_path):
    db = tmp_path / "d.db"
    ctx = AppContext(db=open_database(str(db)))
    report = demo.generate(ctx, releases=50, seed=2)
    ctx.db.dispose()
    password = next(a.password for a in report.accounts if a.username == "lina")
    ok = _run("--db", str(db), "--user", "lina", "--password-stdin", "--exit-when-ready", "--lang", "en",
              "--settings", str(tmp_path / "s.ini"), stdin=password + "\n", home=tmp_path)
    assert ok.returncode == 0, ok.stderr
    # when the first page was painted, for benchmarks/bench_startup.py (ASCII: any console's code page)
    assert re.search(r"^first page painted at \d+\.\d{6}$", ok.stdout, re.M), ok.stdout
    # start-up over, what it made is left out of later collections (gui/gcguard.settle)
    assert "start-up over:" in (tmp_path / "logs" / "relgui.log").read_text(encoding="utf-8")
    bad = _run("--db", str(db), "--user", "lina", "--password-stdin", "--exit-when-ready",
               "--settings", str(tmp_path / "s.ini"), stdin="wrong\n", home=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_unreachable_server_exits_with_a_message_not_a_traceback(tmp_path):
    result = _run("--db", "postgresql://nobody@127.0.0.1:1/relgui", "--exit-when-ready", home=tmp_path)
    assert result.returncode == 1
    assert "无法连接数据库" in result.stderr and "Traceback" not in result.stderr


def test_version_option():
    assert _run("--version").stdout.startswith("relgui ")
