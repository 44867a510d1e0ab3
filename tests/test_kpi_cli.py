"""relgui-admin kpi (R-4.6-KPI): text in Chinese or English, JSON, ranges, refusals."""

from __future__ import annotations

import json

from test_cli import run
from test_kpi import q3  # noqa: F401 - the hand-counted 2026Q3 fixture


def test_kpi_quarter_text_in_chinese_r_4_6_kpi(q3, capsys):  # noqa: F811
    code, out, _ = run(q3, capsys, "kpi", "--quarter", "2026Q3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "发布成功率（目标值 ≥ 95%）"
    assert "2026Q3\t紧急发布\t20\t19\t95.0%\t达标" in lines
    assert "2026Q3\t合计\t29\t25\t86.2%\t未达标" in lines


def test_kpi_quarter_json_and_english_r_4_6_kpi(q3, capsys):  # noqa: F811
    code, out, _ = run(q3, capsys, "--lang", "en", "kpi", "--quarter", "2026Q3", "--json")
    data = json.loads(out)
    assert code == 0 and data["quarter"] == "2026Q3"
    assert (data["total"], data["successful"], data["met"]) == (29, 25, False)
    assert data["by_type"]["emergency"] == {"total": 20, "successful": 19, "rate": 0.95, "met": True}
    assert data["definition"]["success_outcomes"] == ["success"]
    code, out, _ = run(q3, capsys, "--lang", "en", "kpi", "--quarter", "2026Q3")
    assert "2026Q3\tAll\t29\t25\t86.2%\tmissed" in out.splitlines()


def test_kpi_range_r_4_6_kpi(q3, capsys):  # noqa: F811
    code, out, _ = run(q3, capsys, "kpi", "--from", "2026Q2", "--to", "2026Q4", "--json")
    data = json.loads(out)
    assert [(q["quarter"], q["total"]) for q in data["quarters"]] == [("2026Q2", 1), ("2026Q3", 29), ("2026Q4", 1)]


def test_kpi_refusals_are_one_line(world, capsys):
    code, _, err = run(world, capsys, "kpi", "--quarter", "2026Q5")
    assert code == 1 and err.count("\n") == 1 and "2026Q3" in err
    code, _, err = run(world, capsys, "kpi")
    assert code == 2
    code, _, err = run(world, capsys, "kpi", "--quarter", "2026Q3", "--from", "2026Q1")
    assert code == 2
    code, _, err = run(world, capsys, "kpi", "--from", "2026Q1", "--to", "2026Q3", "--docx", "x.docx")
    assert code == 2 and "one quarter" in err


def test_kpi_xlsx_export(q3, capsys, tmp_path):  # noqa: F811
    from openpyxl import load_workbook

    path = tmp_path / "kpi.xlsx"
    code, out, _ = run(q3, capsys, "kpi", "--quarter", "2026Q3", "--xlsx", str(path))
    assert code == 0
    ws = load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("季度", "发布类型", "发布总次数")
    assert ("2026Q3", "合计", 29, 25, 25 / 29, 0.95, "未达标") in rows


def test_kpi_docx_writes_the_quarterly_report(sqlite_world, tmp_path, capsys, with_demo):
    """R-4.6-KPI: `relgui-admin kpi --quarter Q --docx FILE`, the same report as the dashboard's."""
    from docx import Document

    from relgui.cli.main import main

    with_demo(sqlite_world, 150, 9)
    out = tmp_path / "kpi.docx"
    url = sqlite_world.db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "kpi", "--quarter", "2026Q3", "--docx", str(out)]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "发布成功率" in text
    assert main(["--db", url, "kpi", "--from", "2026Q2", "--to", "2026Q3", "--docx", str(out)]) == 2
