"""Whatever is stored, a document comes out valid: control characters, 10 000-character
fields, emoji, 500-row tables, empty optional sections, Windows-invalid titles — and
generating it changes nothing stored (R-DOC-PLAN, R-DOC-REPORT, R-4.4.2-ARCHIVE)."""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest
from flows import PASSWORD, approved_change, full_plan, rv, section_version
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from test_documents_support import closed_world, open_docx, pdf_pages, soffice, to_pdf, units  # noqa: F401

from relgui.documents import docx_writer, fmt, plan, report
from relgui.services import details, documents, plans, releases

NASTY_TITLE = 'A/B\\C:D*E?F"G<H>I|J 核心交易🚀系统 ' + "长" * 150
LONG = ("第一段：" + "很长的说明文字，" * 1250)[:10_000]


def _nasty_release(world) -> str:
    eng = world.ctx("zhangwei")
    n = releases.create(eng, title=NASTY_TITLE, type="normal", change_numbers=[approved_change(world)],
                        systems="核心\x0b交易\x01系统", description="含 emoji 😀 与制表符\t以及\r\n换行").number
    releases.accept(eng, n, expected_version=rv(world, n))
    releases.start_planning(eng, n, expected_version=rv(world, n))
    content = full_plan(world)
    content["purpose"]["text"] = LONG
    content["post_work"]["text"] = "第一行\n\n\n第二行 👍\u200b"
    content["schedule"]["tools"] = ""  # an empty optional field
    content["steps"]["steps"] = [{"action": f"步骤 {i} <&> 🚧", "owner": "张伟", "minutes": 1, "check": "✔"}
                                 for i in range(1, 501)]
    for key, data in content.items():
        plans.save_section(eng, n, key, data, base_version=section_version(world, n, key))
    plans.submit(eng, n, expected_version=rv(world, n))
    with world.db.engine.begin() as conn:  # what only a bulk load or an old version could store
        conn.execute(text("UPDATE releases SET description = :d WHERE number = :n"),
                     {"d": "控制字符\x00\x08\x0b\x0c\x1f\ufffe结束", "n": n})
    # Approval archives the plan (R-4.4.2-ARCHIVE), with the data as it stands then.
    plans.approve(world.ctx("wangfang"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    return n


def test_nasty_data_gives_valid_documents_and_stays_unchanged(sqlite_world, tmp_path):
    w = sqlite_world
    number = _nasty_release(w)
    before = details.show_json(w.ctx(), number, audit_limit=0)
    made = documents.generate(w.ctx("zhangwei"), number, "plan")
    stored = documents.archive_plan(w.ctx("zhangwei"), number)
    draft = documents.generate(w.ctx("zhangwei"), number, "report")
    assert details.show_json(w.ctx(), number, audit_limit=0) == before  # nothing stored was touched
    d = open_docx(made.content)
    assert len(max((p.text for p in d.paragraphs), key=len)) >= 9_990  # the long field, whole
    lines = units(made.content)
    assert lines == [t for _, t in made.model.units()] and "控制字符结束" in lines
    assert "步骤 500 <&> 🚧" in lines and "第二行 👍\u200b" in lines
    assert units(draft.content) == [t for _, t in draft.model.units()]
    assert not re.search(r'[\\/:*?"<>|]', stored.filename) and len(stored.filename.encode("utf-16-le")) <= 240
    assert stored.filename.startswith(f"{number} A_B_C_D_E_F_G_H_I_J 核心交易🚀系统 长")
    assert stored.filename.endswith(" 发布计划.docx")
    assert documents.verify(w.ctx(), stored.content).ok
    soffice()
    path = tmp_path / "nasty.docx"
    path.write_bytes(made.content)
    assert pdf_pages(to_pdf(path, tmp_path)) > 10


def test_empty_optional_sections_print_none(closed_world):
    """R-DOC-PLAN: a section left empty still appears, saying （无）."""
    src = documents.source(closed_world.ctx(), closed_world.numbers[0], "plan")
    content = copy.deepcopy(src.revision["content"])
    content["correlation"]["dependencies"] = []
    content["schedule"]["milestones"] = []
    content["schedule"]["tools"] = ""
    bare = dataclasses.replace(src, revision={**src.revision, "content": content})
    lines = [t for _, t in plan.build(bare).units()]
    for caption in ("变更依赖关系", "里程碑"):
        at = next(i for i, x in enumerate(lines) if x.endswith(caption))
        assert lines[at + 1] == "（无）"
    assert lines[lines.index("工具与环境：") + 1] == "（无）"


INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("\x00\x0b\x1f\ufffe\t\n"),
               max_size=300)


@pytest.fixture(scope="module")
def report_source(closed_world):
    return documents.source(closed_world.ctx(), closed_world.numbers[0], "report")


@settings(max_examples=60, deadline=None, derandomize=True, database=None)  # the same examples every run
@given(title=TEXT, purpose=TEXT, cell=TEXT, analysis=TEXT)
def test_fuzzed_text_always_renders_and_reads_back(report_source, title, purpose, cell, analysis):
    """R-DOC-PLAN, R-DOC-REPORT: any text in any field; the .docx opens and holds exactly the
    model's text (XML-invalid characters removed, everything else kept)."""
    src = report_source
    rel = copy.deepcopy(src.release)
    rel["title"], rel["closure"]["analysis"] = title, analysis
    content = copy.deepcopy(src.revision["content"])
    content["purpose"]["text"] = purpose
    content["risks"]["risks"][0]["description"] = cell
    fuzzed = dataclasses.replace(src, release=rel, revision={**src.revision, "content": content})
    for model in (plan.build(fuzzed), report.build(fuzzed)):
        data = docx_writer.render(model)
        assert units(data) == [t for _, t in model.units()]
        assert not any(INVALID.search(t) for _, t in model.units())


@settings(derandomize=True, database=None)
@given(number=TEXT, title=TEXT, kind=st.sampled_from(["发布计划", "发布变更报告"]))
def test_file_names_are_safe_on_windows(number, title, kind):
    """Item 6: number + title + kind without \\ / : * ? " < > |, control characters, trailing
    dots or spaces, reserved device names, and short enough for a Windows path."""
    name = fmt.safe_filename(number, title, kind)
    assert not re.search(r'[\\/:*?"<>|\x00-\x1f]', name)
    assert name.endswith(f" {kind}.docx") and len(name.encode("utf-16-le")) // 2 <= fmt.MAX_NAME
    stem = name[:-5]
    assert stem == stem.rstrip(" .") and name.split(".")[0].split(" ")[0].upper() not in fmt._RESERVED
