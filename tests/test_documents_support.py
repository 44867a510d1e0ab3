"""Helpers shared by the document tests (no tests here): reading .docx files back, releases
in the states documents are made in, and LibreOffice/poppler for the PDF checks."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from flows import PASSWORD, problem_seen, problem_v, release_at, rollback_v, rv, step_v

from relgui.documents import docx_reader
from relgui.domain.states import Status
from relgui.services import closing, execution, rollback

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of every heading paragraph, in order."""
    out = []
    for p in open_docx(data).paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.lower().startswith("heading "):
            out.append((int(name.split()[-1]), p.text))
    return out


def tables(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in open_docx(data).tables]


def kv(data: bytes) -> dict[str, str]:
    """Every label → value pair of the key-value tables (labels in even columns)."""
    out: dict[str, str] = {}
    for t in tables(data):
        for row in t:
            for i in range(0, len(row) - 1, 2):
                out.setdefault(row[i], row[i + 1])
    return out


def units(data: bytes) -> list[str]:
    return docx_reader.units(data)


def rolled_back_and_closed(world) -> str:
    """An emergency release rolled back in time and closed (R-4.5.2-EXEC)."""
    number = release_at(world, Status.DEPLOYING, type_="emergency")
    eng, mgr = world.ctx("zhangwei"), world.ctx("lina")
    rollback.report_problem(eng, number, ["performance", "complaints"], "响应时间超过阈值", expected_problem=problem_seen(world, number))
    world.clock.advance(minutes=12)
    rollback.decide(mgr, number, "rollback", "影响核心交易", expected_problem=problem_seen(world, number),
                    expected_version=problem_v(world, number))
    for step in (1, 2):
        execution.record_step(eng, number, step, "done", kind="rollback", expected_version=step_v(world, number, "rollback", step))
    rollback.confirm_restored(eng, number, "新版本与生产数据不兼容", expected_version=rollback_v(world, number))
    rollback.complete(eng, number, expected_version=rv(world, number))
    # a rolled-back release closes with its 经验总结 in the knowledge base (R-4.4.2-KNOWLEDGE)
    closing.add_knowledge(mgr, "回退经验", "新版本须先用生产数据副本演练。", release=number)
    closing.close(mgr, number, "已在时限内决策并完成回退。", PASSWORD, expected_version=rv(world, number))
    return number


def soffice() -> str:
    """The LibreOffice binary; skipped with the reason where it is missing (a failure in CI,
    where .ci/run installs it)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    tools = shutil.which("pdftotext") and shutil.which("pdfinfo")
    if found and tools:
        return found
    why = "LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) are not installed"
    if IN_CI:
        pytest.fail(f"{why}, but CI must run the PDF checks (.ci/run installs them)")
    pytest.skip(f"{why}: apt-get install libreoffice-writer poppler-utils fonts-noto-cjk")


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert with a private profile (a running LibreOffice would swallow the job) and check
    that a PDF really appeared (soffice can exit 0 without one)."""
    binary = soffice()
    profile = out_dir / "lo-profile"
    subprocess.run([binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice wrote no PDF for {docx_path.name}"
    return pdf


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path) -> str:
    """The PDF's text, without the spaces pdftotext puts between CJK characters, and NFKC-
    normalised: CJK fonts map some glyphs to Kangxi radicals (⽹ for 网) in their ToUnicode."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return unicodedata.normalize("NFKC", "".join(text.split()))


@pytest.fixture(scope="module")
def closed_world(sqlite_template, tmp_path_factory):
    """One SQLite database with a closed release and a rolled-back one, shared by a module
    (property tests run hundreds of examples against the same data)."""
    from conftest import START, World

    from relgui.domain.timeutil import FixedClock
    from relgui.store.engine import Database

    template, ids = sqlite_template
    path = tmp_path_factory.mktemp("closed") / "relgui.db"
    shutil.copy(template, path)
    world = World(Database(f"sqlite:///{path}"), FixedClock(START), ids, "sqlite")
    world.numbers = [release_at(world, Status.CLOSED, type_="major"), rolled_back_and_closed(world)]
    yield world
    world.db.dispose()
