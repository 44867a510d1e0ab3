"""The generated .docx converted by LibreOffice: it opens, paginates, keeps its Chinese text.
Skipped with the reason where LibreOffice is missing; .ci/run installs it, and under CI=true
a missing LibreOffice fails (tests/test_documents_support.soffice)."""

from __future__ import annotations

import re
import subprocess

import pytest
from test_documents_support import closed_world, pdf_pages, pdf_text, soffice, to_pdf  # noqa: F401

from relgui.services import documents

pytestmark = pytest.mark.slow


def test_plan_and_report_convert_with_pages_and_chinese_text(closed_world, tmp_path):
    """R-DOC-PLAN, R-DOC-REPORT, R-DOC-FORM: LibreOffice lays both out on A4 pages, with the
    headings, the signature codes and the page footer in Chinese."""
    soffice()
    ctx = closed_world.ctx("lina")
    number = closed_world.numbers[1]
    for kind, needles in (("plan", ["发布计划", "关联性评估", "回退触发条件", "审批签署"]),
                          ("report", ["发布变更报告", "计划与实际时间", "回退记录", "关闭签署"])):
        made = documents.generate(ctx, number, kind)
        path = tmp_path / made.filename
        path.write_bytes(made.content)
        pdf = to_pdf(path, tmp_path)
        pages = pdf_pages(pdf)
        assert 4 <= pages <= 12, f"{kind}: {pages} pages"
        text = pdf_text(pdf)
        for needle in ["北京新都远景网络技术有限公司", *needles, made.model.parts[-1].blocks[1].code,
                       f"文件编号:{number}", f"第1页共{pages}页"]:
            assert needle in text, f"{kind}: {needle!r} missing from the PDF"


def test_contents_carry_page_numbers_after_layout(closed_world, tmp_path):
    """R-DOC-FORM: the contents' PAGEREF fields get real page numbers from LibreOffice."""
    soffice()
    made = documents.generate(closed_world.ctx("lina"), closed_world.numbers[0], "plan")
    path = tmp_path / "plan.docx"
    path.write_bytes(made.content)
    pdf = to_pdf(path, tmp_path)
    # The contents start on page 2; with another machine's fonts (Latin text falls back to
    # whichever Times/Arial look-alike is installed) their last lines can reach page 3.
    contents = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "3", str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
    entries = re.findall(r"^\s*(\d+(?:\.\d+)*\.)\s*.+?\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
    assert [n for n, _ in entries] == [h.number for h in made.model.headings()]
    pages = [int(p) for _, p in entries]
    assert pages == sorted(pages) and pages[0] >= 3 and pages[-1] <= pdf_pages(pdf)
