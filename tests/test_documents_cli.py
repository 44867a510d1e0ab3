"""relgui-admin doc plan / report / archive / verify / check. Only archive writes: it logs in (a
manager here); the others read and need no login."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from conftest import PASSWORD
from flows import release_at
from test_documents_support import open_docx

from relgui.cli.main import main
from relgui.domain.states import Status

AS_MANAGER = ("--user", "lina", "--password-stdin")


def run(world, capsys, *args) -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(PASSWORD + "\n")  # read only by a command that logs in
    try:
        code = main(["--db", world.db.url.render_as_string(hide_password=False), *args])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def test_plan_archive_reprint_and_verify(world, capsys, tmp_path):
    """R-DOC-PLAN, R-4.4.2-ARCHIVE, R-DOC-SIGN through the command line."""
    number = release_at(world, Status.PLAN_APPROVED)  # approval archived the plan already
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    code, out, _ = run(world, capsys, "doc", "plan", number, "-o", str(first), "--fresh")
    assert code == 0 and "新生成" in out
    code, out, _ = run(world, capsys, *AS_MANAGER, "doc", "archive", number, "plan")  # idempotent: the stored copy
    assert code == 0 and f"{number} 核心交易系统升级 发布计划.docx" in out
    code, out, _ = run(world, capsys, "doc", "plan", number, "-o", str(first))
    assert code == 0 and "归档文件" in out
    code, out, _ = run(world, capsys, "doc", "plan", number, "-o", str(second))
    assert code == 0 and "归档文件" in out and first.read_bytes() == second.read_bytes()
    code, out, _ = run(world, capsys, "doc", "verify", str(second))
    assert code == 0 and out.startswith(f"与归档的 {number} 发布计划 V1 逐字节一致") and "是现行版本" in out
    printed = next(line for line in out.splitlines() if line.startswith("签名 ")).split()[1].split("（")[0]
    code, out, _ = run(world, capsys, "doc", "code", printed)
    assert code == 0 and out.startswith(f"核验码 {printed} 是 {number} 的签名校验码：签名 {printed}")
    from relgui.services import documents

    page = documents.page_code(second.read_bytes())
    code, out, _ = run(world, capsys, "doc", "check", page)
    assert code == 0 and out.startswith(f"核验码 {page} 对应归档的 {number} 发布计划 V1")
    code, out, _ = run(world, capsys, "--lang", "en", "doc", "check", "0000-0000-0000", "--json")
    result = json.loads(out)
    assert code == 9 and result["verdict"] == "unknown" and result["text"].startswith("No archived document")


def test_verify_of_an_edited_file_exits_4_naming_the_part(sqlite_world, capsys, tmp_path):
    number = release_at(sqlite_world, Status.CLOSED)
    path = tmp_path / "report.docx"
    assert run(sqlite_world, capsys, "doc", "report", number, "-o", str(path))[0] == 0
    d = open_docx(path.read_bytes())
    run_ = next(r for p in d.paragraphs for r in p.runs if r.text == "发布按计划完成。")
    run_.text = "发布部分完成。"
    d.save(path)
    code, out, _ = run(sqlite_world, capsys, "--lang", "en", "doc", "verify", str(path), "--json")
    result = json.loads(out)
    assert code == 4 and result["ok"] is False and result["verdict"] == "changed"
    assert [p.split(" ", 1)[1] for p in result["differing_parts"]] == ["成败分析"]
    change = result["changes"][0]
    assert (change["expected"], change["found"]) == ("发布按计划完成。", "发布部分完成。")
    assert change["text"].endswith(": the file says “发布部分完成。”, the archive “发布按计划完成。”")
    assert result["text"].startswith(f"Not as archived: 1 change against the archived {number} release change "
                                     "report V1")
    assert result["archived"]["version"] == "V1" and result["exit_code"] == 4


def test_refusals_and_usage_errors_are_one_line(sqlite_world, capsys, tmp_path):
    number = release_at(sqlite_world, Status.PLANNING)
    code, _, err = run(sqlite_world, capsys, "doc", "archive", number, "report")
    assert code == 3 and "请用 --user 登录：此命令须由运维工程师、运维管理部经理执行" in err and err.count("\n") == 1
    code, _, err = run(sqlite_world, capsys, *AS_MANAGER, "doc", "archive", number, "report")
    assert code == 1 and err.strip() == "relgui-admin: 发布尚未关闭，不能归档发布变更报告"
    code, _, err = run(sqlite_world, capsys, "doc", "plan", number, "-o", str(tmp_path / "x.txt"))  # .docx or .pdf
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(sqlite_world, capsys, "doc", "verify", str(tmp_path / "missing.docx"))
    assert code == 1 and "missing.docx" in err
    code, _, err = run(sqlite_world, capsys, "doc", "plan", "FB-1999-9999")
    assert code == 1 and "FB-1999-9999" in err


def test_the_doc_command_loads_no_python_docx_until_it_runs():
    """Heavy imports stay in the handlers (tests/test_layering.py's rule for the CLI)."""
    code = ("import sys\nfrom relgui.cli.main import build_parser\nbuild_parser()\n"
            "assert 'docx' not in sys.modules and 'lxml' not in sys.modules, 'heavy import'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
