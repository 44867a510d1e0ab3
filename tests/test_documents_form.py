"""The company's form in Word (R-DOC-FORM): A4, fonts that Word really uses for Chinese,
header and page-number footer, repeated table headers, the template and a company's own."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from flows import company_v, release_at
from test_documents_support import headings, open_docx

from relgui.documents import package
from relgui.domain.errors import InvalidInput
from relgui.domain.states import Status
from relgui.services import company, documents

ROOT = Path(__file__).parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def plan_docx(sqlite_world) -> bytes:
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    return documents.generate(sqlite_world.ctx("zhangwei"), number, "plan").content


def _part(data: bytes, name: str) -> str:
    return dict(package.read(data))[name].decode("utf-8")


def test_a4_page_header_with_number_and_page_fields_in_the_footer(plan_docx):
    """R-DOC-FORM: A4 with the margins of the template; header 文件编号; 第 X 页 共 Y 页 as fields."""
    d = open_docx(plan_docx)
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)) == (37, 28, 26)
    assert "文件编号：FB-2026-0001" in s.header.paragraphs[0].text
    assert s.header.paragraphs[0].text.startswith("北京新都远景网络技术有限公司\t发布计划")
    footer = s.footer.paragraphs[0]._p
    codes = "".join(t.text for t in footer.iter(f"{W}instrText"))
    assert "PAGE" in codes and "NUMPAGES" in codes
    assert re.sub(r"\s", "", s.footer.paragraphs[0].text) == "第1页共1页"  # cached results, updated by Word


def test_fonts_name_east_asian_faces_and_no_theme_font_can_pick_a_japanese_one(plan_docx):
    """R-DOC-FORM: body 仿宋, headings 黑体, tables 宋体, each with w:eastAsia; no *Theme
    attribute overrides them; East-Asian theme language zh-CN."""
    styles = _part(plan_docx, "word/styles.xml")
    assert "Theme=" not in styles
    d = open_docx(plan_docx)
    east = {name: d.styles[name].element.rPr.rFonts.get(f"{W}eastAsia")
            for name in ("Normal", "Heading 1", "Heading 2", "Title", "relgui Table Text", "relgui Table Header")}
    assert east == {"Normal": "仿宋", "Heading 1": "黑体", "Heading 2": "黑体", "Title": "黑体",
                    "relgui Table Text": "宋体", "relgui Table Header": "黑体"}
    assert d.styles["Normal"].font.size == Pt(14)
    settings = _part(plan_docx, "word/settings.xml")
    assert 'w:eastAsia="zh-CN"' in settings and '<w:updateFields w:val="true"/>' in settings


def test_every_table_repeats_its_header_row_on_each_page(plan_docx):
    """R-DOC-FORM: w:tblHeader on the header row of every data table."""
    d = open_docx(plan_docx)
    data_tables = [t for t in d.tables if t.rows[0].cells[0].text in (
        "日期", "变更编号", "类别", "参与方", "序号", "配置项", "风险", "触发条件", "异常情况", "监控类别", "验证类别")]
    assert len(data_tables) >= 12
    for t in data_tables:
        assert t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_contents_lists_every_heading_with_a_page_reference(plan_docx):
    """R-DOC-FORM: contents in a content control; page numbers are PAGEREF fields to bookmarks."""
    body = _part(plan_docx, "word/document.xml")
    refs = re.findall(r"PAGEREF (_Toc\d+)", body)
    marks = re.findall(r'w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"', body)
    assert refs == marks and len(refs) == len(headings(plan_docx)) == 19  # 12 plan sections, 应急预案 .. 验收标准 among them


def _with_template(world, template: bytes) -> bytes:
    company.set_template(world.ctx("admin"), template, expected_version=company_v(world))
    number = release_at(world, Status.PLAN_APPROVED)
    return documents.generate(world.ctx("zhangwei"), number, "plan").content


def test_a_company_template_gives_its_styles_and_gets_the_missing_ones(sqlite_world):
    """R-DOC-FORM: the output follows the company template's styles; what it lacks is added."""
    own = docx.Document()  # US Letter, theme fonts, ja-JP East-Asian theme language
    own.styles["Normal"].font.size = Pt(11)
    own.styles["Normal"].font.name = "Arial"
    out = io.BytesIO()
    own.save(out)
    result = open_docx(_with_template(sqlite_world, out.getvalue()))
    assert result.styles["Normal"].font.name == "Arial" and result.styles["Normal"].font.size == Pt(11)
    assert result.styles["relgui Table Text"].element.rPr.rFonts.get(f"{W}eastAsia") == "宋体"
    assert round(result.sections[0].page_width.mm) == 210  # printed on A4 whatever the template says
    assert 'w:eastAsia="zh-CN"' in result.settings.element.xml


def test_a_template_from_chinese_word_with_localised_style_ids(sqlite_world):
    """R-DOC-FORM: Chinese Word names built-in styles by id "a", "1", "2" …; styles are found by name."""
    bundled = dict(package.read((ROOT / "resources" / "templates" / "relgui.docx").read_bytes()))
    styles = bundled["word/styles.xml"].decode("utf-8")
    for old, new in (("Normal", "a"), ("Heading1", "1"), ("Heading2", "2"), ("Heading3", "3"), ("Title", "a3")):
        styles = styles.replace(f'"{old}"', f'"{new}"')
    bundled["word/styles.xml"] = styles.encode("utf-8")
    bundled["word/document.xml"] = bundled["word/document.xml"].replace(b'"Heading1"', b'"1"')
    content = _with_template(sqlite_world, package.write(list(bundled.items())))
    body = _part(content, "word/document.xml")
    assert '<w:pStyle w:val="1"/>' in body and '<w:pStyle w:val="Heading1"/>' not in body
    assert open_docx(content).paragraphs[0].style.name == "relgui Company"


def test_an_unusable_template_is_refused_with_a_message(sqlite_world):
    bad = b"PK\x03\x04 this is not a Word document"
    with pytest.raises(InvalidInput) as exc:
        documents.check_template(bad)
    assert exc.value.refusals[0].code == "doc_template_invalid"
    company.set_template(sqlite_world.ctx("admin"), bad, expected_version=company_v(sqlite_world))
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    with pytest.raises(InvalidInput):
        documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")


def test_committed_template_is_what_the_script_builds():
    """resources/templates/relgui.docx is generated by scripts/make_template.py (R-DOC-FORM)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_template

    committed = package.read((ROOT / "resources" / "templates" / "relgui.docx").read_bytes())
    assert committed == package.read(make_template.build())
