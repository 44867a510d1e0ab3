"""relgui-admin never shows a Python traceback: every subcommand with bad arguments, hostile
text, undecodable bytes and output files in missing folders ends with exit code 2 and one
line for a usage error, 1 (or 4) and one line for a refusal — on SQLite and PostgreSQL.
The argument sets run logged in as the administrator (LOGIN_AS), so a command is judged on
its arguments, not refused for want of a login; hostile login options exit 3 in one line.

Most argument sets run in this process through ``main(argv)`` with the process's own
streams replaced by UTF-8 ones that are as strict as a terminal's (stdout 'strict', stderr
'backslashreplace'), undecodable bytes turned into argv text exactly as Python does at
start-up (os.fsdecode); the subcommands are found by walking the parser, so a new one is
covered. A few run as real processes with bytes in argv, to prove the entry point itself.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from flows import release_at

from relgui.cli.main import build_parser, main
from relgui.domain.states import Status

LOGIN_AS = ["--user", "admin", "--password-stdin"]  # the password: standard input's first line
EVIL = ["\udcff", b"\xff\xfe", "FB-2026-0001\u202e", "\u202eevil", "%_", "长" * 5000, "", " ", "-", "--",
        "../../etc/passwd", "\x1b[31mred", "{field}", "0", "-1", "99999999999999999999999", "Ｆ𠀋😀"]
USAGE, REFUSED, NO_LOGIN, BROKEN = 2, 1, 3, 4


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) of every subcommand that runs something."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, child in subs[0].choices.items():
        yield from _leaves(child, (*path, name))


def _positionals(parser) -> list[argparse.Action]:
    return [a for a in parser._actions if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]


def _options_with_values(parser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and a.nargs != 0 and not isinstance(a, argparse._HelpAction)
            and "--db" not in a.option_strings]  # --db pointing at a non-database: owned elsewhere


def _required_options(parser) -> list[str]:
    out = []
    for a in parser._actions:
        if a.option_strings and a.required:
            out.append(a.option_strings[0])
            if a.nargs != 0:
                out.append(a.choices[0] if a.choices else "x")
    return out


def argument_sets(files: Path, number: str) -> list[list]:
    """Bad argument sets for every subcommand found in the parser, then hand-made ones."""
    sets: list[list] = [[], ["--no-such-option"], ["no-such-command"], ["--lang", "\udcff", "release", "show", number]]
    for words, parser in _leaves(build_parser()):
        base = list(words)
        sets.append(base + ["--no-such-option"])
        positionals, required = _positionals(parser), _required_options(parser)
        if positionals:
            sets.append(base + required)  # a positional missing
        for value in EVIL:
            filled = [value if i == 0 else (number if "number" in a.dest else "x")
                      for i, a in enumerate(positionals)]
            if positionals and (not positionals[0].choices or value in positionals[0].choices):
                sets.append(base + filled + required)
            elif positionals:
                sets.append(base + [number] + [value] + required)
        for option in _options_with_values(parser):
            for value in ("\udcff", "长" * 3000, "-5", "{seq:999999}", str(files / "missing" / "out.docx")):
                fill = [number if "number" in a.dest else "x" for a in positionals]
                sets.append(base + fill + required + [option.option_strings[-1], value])
    missing = files / "missing"
    sets += [
        ["kpi", "--quarter", "2026Q4", "--xlsx", str(missing / "k.xlsx")],
        ["kpi", "--quarter", "2026Q4", "--xlsx", str(files)],
        ["kpi", "--quarter", "2026Q4", "--xlsx", str(files) + "/\udcff.xlsx"],
        ["kpi", "--quarter", "2026Q4", "--xlsx", str(files / ("长" * 200 + ".xlsx"))],
        ["kpi", "--quarter", "2026Q4", "--docx", str(missing / "k.docx")],
        ["kpi", "--from", "2026Q1", "--to", "2026Q4", "--docx", str(files / "k.docx")],
        ["kpi", "--from", "2026Q4", "--to", "2026Q1"], ["kpi", "--quarter", "0000Q1"], ["kpi", "--quarter", "9999Q4"],
        ["kpi", "--from", "1990Q1", "--to", "2200Q4"], ["kpi", "--quarter", "2026Q4", "--json"],
        ["doc", "plan", number, "-o", str(missing / "p.docx")], ["doc", "plan", number, "-o", str(files / "p.txt")],
        ["doc", "plan", number, "-o", str(files)], ["doc", "plan", number, "--revision", "99"],
        ["doc", "plan", number, "--revision", "-1"], ["doc", "report", number, "--fresh", "-o", str(files / "r.docx")],
        ["doc", "verify", str(missing / "x.docx")], ["doc", "verify", str(files)],
        ["doc", "verify", str(files / "random.docx")], ["doc", "verify", str(files / "empty.docx")],
        ["doc", "code", "%%%%-____-%%%%"], ["doc", "code", "\udcff"], ["doc", "archive", number, "report"],
        ["backup", str(missing / "b.zip")], ["backup", str(files)], ["backup", str(files) + "/\x1b.zip"],
        ["restore", str(missing / "b.zip")], ["restore", str(files / "random.docx")], ["restore", str(files)],
        ["audit", "verify", "--expect-head", "x"], ["audit", "verify", "--expect-head", "1:" + "0" * 64],
        ["audit", "verify", "--expect-head", "99999999999999999999999:" + "0" * 64],
        ["release", "list", "--status", "\udcff"], ["release", "list", "--type", "%"], ["release", "list", "--json"],
        ["release", "show", number + "\udcff", "--json"], ["release", "show", "1"], ["release", "show", "2147483648"],
        ["user", "add", "\udcff", "--role", "engineer", "--name", "\u202eevil", "--password-stdin"],
        ["user", "add", "new-user", "--role", "engineer", "--name", "长" * 200, "--password-stdin"],
        ["user", "disable", "\udcff"], ["user", "disable", "nobody"], ["user", "list", "--json"],
        ["demo", "--releases", "-1"], ["demo", "--releases", "abc"], ["demo", "--seed", "\udcff"],
        ["init", "--number-pattern", "{seq:999999999}"], ["init", "--company", "长" * 300],
        ["init", "--number-pattern", "{seq.real}"],
    ]
    return sets


def run_cli(db_url: str, argv: list, stdin: bytes = b"correct-horse-battery-9\n",
            login: bool = True) -> tuple[object, str, str, str]:
    """main() with the process's streams as a terminal has them; argv bytes decoded as at
    start-up; logged in as the administrator unless ``login`` is False. Returns (exit code,
    stdout, stderr, traceback or '')."""
    from conftest import PASSWORD

    if login:
        argv, stdin = [*LOGIN_AS, *argv], PASSWORD.encode() + b"\n" + stdin
    argv = ["--db", db_url, *[os.fsdecode(a) if isinstance(a, bytes) else a for a in argv]]
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    inp = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="strict")
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, inp
    trace = ""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage errors and --help
        code = exc.code
    except BaseException:  # noqa: BLE001 - a traceback is what is being looked for
        code, trace = None, traceback.format_exc()
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
    texts = []
    for stream in (out, err):
        try:
            stream.flush()
        except ValueError:  # a command that reconfigured or closed its stream
            pass
        texts.append(stream.buffer.getvalue().decode("utf-8", "replace") if not stream.closed else "")
    return code, texts[0], texts[1], trace


WARNING_CODES = ("pg_not_encrypted",)  # said before the command runs, not part of its outcome


def _warnings() -> set[str]:
    from relgui.domain.errors import Refusal
    from relgui.domain.messages import CATALOG, render

    return {f"relgui-admin: {render(Refusal(c), lang)}" for c in WARNING_CODES if c in CATALOG
            for lang in ("zh_CN", "en")}


def problems_of(argv, code, out: str, err: str, trace: str, allowed=(0, REFUSED, USAGE, BROKEN)) -> list[str]:
    shown = repr(argv)[:200]
    if trace:
        return [f"traceback for {shown}:\n{trace[-1500:]}"]
    found = []
    if "Traceback" in err or "Traceback" in out:
        found.append(f"traceback printed for {shown}")
    if code not in allowed:
        found.append(f"exit {code!r} for {shown}: {err.strip()[:200]}")
    if code in (REFUSED, USAGE, NO_LOGIN):
        lines = [line for line in err.strip().splitlines() if line not in _warnings()]
        if len(lines) != 1 or not lines[0].startswith("relgui-admin"):
            found.append(f"exit {code}: not one line on stderr for {shown}: {err.strip()[:300]!r}")
    return found


@pytest.fixture
def cli_world(world, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative names (a backup called '%_', a default .docx) land here
    files = tmp_path / "files"
    files.mkdir()
    (files / "random.docx").write_bytes(os.urandom(2000))
    (files / "empty.docx").write_bytes(b"")
    number = release_at(world, Status.PLAN_SUBMITTED)
    return world, files, number, world.db.url.render_as_string(hide_password=False)


def test_every_subcommand_refuses_bad_arguments_in_one_line(cli_world):
    world, files, number, url = cli_world
    sets = argument_sets(files, number)
    assert len(sets) > 150
    if world.backend == "postgresql":
        # Every set runs on SQLite; on PostgreSQL (a connection and a login per command, ~0.6 s
        # each) every sixth of the same sets, which still reaches every subcommand: what differs
        # there (NUL and over-long text, DataError) is fuzzed 10 000 times by test_fuzz_services.
        sets = sets[::6]
    codes: dict[object, int] = {}
    found: list[str] = []
    for argv in sets:
        code, out, err, trace = run_cli(url, argv)
        codes[code] = codes.get(code, 0) + 1
        found += problems_of(argv, code, out, err, trace)
    print(f"\n[fuzz cli {world.backend}] {len(sets)} argument sets, exit codes {codes}, problems {len(found)}")
    assert not found, "\n".join(found[:20])
    assert codes.get(USAGE) and codes.get(REFUSED)


def test_hostile_login_options_are_refused_in_one_line(cli_world):
    """--user with hostile text, a password line that is hostile, missing or undecodable:
    exit 3 (no login) or 1 / 2, one line each; nobody is logged in, nothing but the failed
    logins is written."""
    world, files, number, url = cli_world
    found: list[str] = []
    codes: dict[object, int] = {}
    for value in EVIL + ["admin\u202e", "ADMIN", " admin", "admin\x00"]:
        for argv, stdin in ((["--user", value, "--password-stdin", "user", "list"], b"correct-horse-battery-9\n"),
                            (["--user", value, "user", "list"], b""),
                            (["--user", "nobody", "--password-stdin", "release", "show", value],
                             (value if isinstance(value, bytes) else os.fsencode(value)) + b"\n")):
            code, out, err, trace = run_cli(url, argv, stdin=stdin, login=False)
            codes[code] = codes.get(code, 0) + 1
            found += problems_of(argv, code, out, err, trace, allowed=(NO_LOGIN, REFUSED, USAGE))
    for stdin in (b"", b"\xff\xfe\n", "长".encode() * 5000 + b"\n"):
        argv = ["--user", "admin", "--password-stdin", "user", "list"]
        code, out, err, trace = run_cli(url, argv, stdin=stdin, login=False)
        found += problems_of(argv, code, out, err, trace, allowed=(NO_LOGIN, REFUSED))
    print(f"\n[fuzz cli login {world.backend}] exit codes {codes}, problems {len(found)}")
    assert not found, "\n".join(found[:20])
    assert codes.get(NO_LOGIN)


def test_output_files_in_missing_folders_are_refused_before_anything_is_written(cli_world):
    world, files, number, url = cli_world
    for argv in (["kpi", "--quarter", "2026Q4", "--xlsx", str(files / "missing" / "k.xlsx")],
                 ["doc", "plan", number, "-o", str(files / "missing" / "p.docx")]):
        code, out, err, trace = run_cli(url, argv)
        assert (code, trace) == (REFUSED, "") and "missing" in err and not problems_of(argv, code, out, err, trace)
    assert not (files / "missing").exists() and not list(files.glob("*.part"))


# ------------------------------------------------------------------ real processes, bytes in argv

def _process(db: str, *args: bytes | str, stdin: bytes = b"", cwd: Path | None = None):
    command = [sys.executable, "-m", "relgui.cli.main", "--db", db, *LOGIN_AS, *args]
    from conftest import PASSWORD

    stdin = PASSWORD.encode() + b"\n" + stdin
    return subprocess.run(command, input=stdin, capture_output=True, timeout=120, cwd=cwd or Path(db).parent,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8:strict",
                               "PYTHONPATH": str(Path(__file__).parent.parent)})


@pytest.fixture
def sqlite_file(sqlite_world):
    return str(sqlite_world.db.sqlite_path)


@pytest.mark.parametrize("args", [
    (b"release", b"show", b"\xff\xfe"),
    (b"doc", b"plan", b"FB-\xff"),
    (b"kpi", b"--quarter", b"2026Q\xff"),
    (b"user", b"disable", b"\xc3\x28"),
])
def test_undecodable_bytes_in_argv_are_refused_in_one_line(sqlite_file, args):
    done = _process(sqlite_file, *args)
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == REFUSED and len(done.stderr.strip().splitlines()) == 1


def test_an_undecodable_output_name_is_written_and_printed(sqlite_file, tmp_path):
    target = os.fsencode(tmp_path) + b"/kpi-\xff.xlsx"
    done = _process(sqlite_file, b"kpi", b"--quarter", b"2026Q4", b"--xlsx", target)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert os.path.exists(target)


def test_an_undecodable_password_on_stdin_is_refused_in_one_line(sqlite_file):
    done = _process(sqlite_file, "user", "add", "bob", "--role", "engineer", "--name", "Bob", "--password-stdin",
                    stdin=b"correct\xff\xfe-horse-battery\n")
    assert b"Traceback" not in done.stderr and done.returncode == REFUSED
    assert len(done.stderr.strip().splitlines()) == 1 and "新账户的密码".encode() in done.stderr
