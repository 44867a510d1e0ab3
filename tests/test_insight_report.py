"""The quarterly KPI report (R-4.6-KPI) in the company's form (R-DOC-FORM): written, reopened,
its text equal to the model's, the trend chart in it, deterministic."""

from __future__ import annotations

import io
import zipfile

import pytest
from test_kpi import q3  # noqa: F401 - the hand-counted 2026Q3 fixture

from relgui.charts import dashboard as charts
from relgui.documents import docx_reader, kpi_report, package
from relgui.services import kpi


@pytest.fixture(scope="module")
def chart_png() -> bytes:
    return b"\x89PNG" + b"not drawn: the tests that need a real chart draw one"


def _lines(content: bytes) -> list[str]:
    return docx_reader.units(content)


def test_report_reopens_with_the_models_text_and_the_chart_r_4_6_kpi(q3):  # noqa: F811
    data = kpi.report_data(q3.ctx("lina"), "2026Q3")
    png = charts.png_bytes(charts.report_figure(data), dpi=40)
    content = kpi_report.render(data, png)
    assert _lines(content) == [text for _, text in kpi_report.build(data).units()]
    lines = _lines(content)
    assert "发布管理关键指标季度报告" in lines and "2026年第3季度（2026Q3）" in lines
    assert "86.2%" in lines and "未达标" in lines  # 25 of 29, rounded down, target missed
    assert "2026.07.01–2026.09.30" in lines
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert [z.read(n) for n in media] == [png]
        body = z.read("word/document.xml").decode()
    assert body.index("<w:drawing>") < body.index(kpi_report.CHART_CAPTION)  # the chart above its caption
    assert package.properties(content)["kind"] == "kpi_report"
    assert kpi_report.render(data, png) == content  # the same data gives the same bytes


def test_unsuccessful_releases_are_listed_by_number(q3):  # noqa: F811
    data = kpi.report_data(q3.ctx("lina"), "2026Q3")
    lines = _lines(kpi_report.render(data))
    assert "未成功的发布（4 个）" in " ".join(lines)
    for u in data["unsuccessful"]:
        assert u["number"] in lines
    assert {"发布失败", "已回退"} <= set(lines)
    conclusion = next(x for x in lines if x.startswith("2026Q3 发布总次数"))
    assert "未达到目标值 ≥95%" in conclusion and "紧急发布" not in conclusion.split("未达标的发布类型")[1]


def test_an_empty_quarter_says_so(sqlite_world):
    data = kpi.report_data(sqlite_world.ctx("lina"), "2025Q1")
    lines = _lines(kpi_report.render(data))
    assert "2025Q1 没有计入发布成功率的发布。" in lines
    assert "（无）" in lines


def test_a_template_that_is_no_word_document_is_refused(sqlite_world, chart_png):
    data = kpi.report_data(sqlite_world.ctx("lina"), "2026Q3")
    with pytest.raises(ValueError):
        kpi_report.render(data, chart_png, template=b"not a docx")


def test_file_name_is_safe_and_names_the_quarter():
    assert kpi_report.filename("2026Q3") == "KPI-2026Q3 发布管理关键指标季度报告.docx"
