"""The pure parts of the documents package: model, numbering, diff, widths, package."""

from __future__ import annotations

import datetime as dt
import io

import docx

from relgui.documents import compare, fmt, layout, package
from relgui.documents.form import Numbers
from relgui.documents.model import (
    Contents,
    DocModel,
    Heading,
    KeyValue,
    PageBreak,
    Paragraph,
    Part,
    SignatureBlock,
    Table,
)

MODEL = DocModel("plan", "FB-1", "标题", "发布计划", "公司", (
    Part("a", "甲", (Heading("概况", 1, "1."), Paragraph("第一行\n\n  第二行  "), PageBreak(), Contents())),
    Part("b", "乙", (KeyValue((("键", "值"), ("单", "")), per_row=2), Table(("列一", "列二"), (("x", "y"),)),
                    SignatureBlock("李娜", "经理", "批准", "2026.11.27 10:00", "ABCD-EF01-2345", "有效", "ab" * 32))),
), {"revision": 1, "time": "2026-11-27T02:00:00+00:00"})


def test_units_are_the_visible_lines_with_their_parts():
    assert MODEL.units()[:3] == [("a", "1. 概况"), ("a", "第一行"), ("a", "第二行")]
    assert ("b", "ABCD-EF01-2345") in MODEL.units() and ("b", "单") in MODEL.units()
    assert KeyValue((("键", "值"), ("单", "")), per_row=2).rows() == [["键", "值", "单", ""]]


def test_model_survives_json_as_embedded_in_the_docx():
    again = DocModel.from_json(MODEL.to_json())
    assert again == MODEL and again.digest() == MODEL.digest()


def test_numbers_follow_the_policy_style():
    n = Numbers()
    assert [n.heading("a").number, n.heading("b", 2).number, n.heading("c", 2).number, n.heading("d").number,
            n.heading("e", 2).number] == ["1.", "1.1.", "1.2.", "2.", "2.1."]
    assert n.caption("风险清单").text == "表1 风险清单"


def test_diff_names_changed_added_and_removed_parts():
    expected = [("a", "一"), ("a", "二"), ("b", "三"), ("c", "四")]
    assert compare.diff(expected, ["一", "二", "三", "四"]) == []
    assert [d.part for d in compare.diff(expected, ["一", "贰", "三", "四"])] == ["a"]
    assert [d.part for d in compare.diff(expected, ["一", "二", "三", "多", "四"])] == ["b"]
    assert [d.part for d in compare.diff(expected, ["一", "二", "三"])] == ["c"]
    changed = compare.diff(expected, ["一", "二", "叁", "肆"])
    assert [(d.part, d.expected, d.found) for d in changed] == [("b", "三", "叁 / 肆"), ("c", "四", "叁 / 肆")]


def test_column_widths_fill_the_line_and_keep_short_columns_whole():
    rows = [("1", "一段相当长的操作说明文字" * 3, "张伟", "2026.11.27 10:00")] * 5
    widths = layout.column_widths(("序号", "操作", "负责人", "时间"), rows, 8844)
    assert sum(widths) == 8844 and widths[1] == max(widths)
    assert widths[3] >= 16 * 1.2 * layout.UNIT  # a date-time stays on one line
    assert sum(layout.column_widths(("a",) * 12, [("很长的文字" * 10,) * 12], 8844)) == 8844


def test_times_print_in_the_company_zone_and_bad_values_print_as_stored():
    tz = dt.timezone(dt.timedelta(hours=8))
    assert fmt.when("2026-11-27T02:00:00+00:00", tz) == "2026.11.27 10:00"
    assert fmt.when("2026-11-27T02:00:00", tz, fmt.DATE) == "2026.11.27"
    assert fmt.when("下周一", tz) == "下周一" and fmt.when(None, tz) == ""
    assert fmt.clean("a\x00b\x0bc\r\nd\ud800") == "abc\nd"


def test_embedding_keeps_a_company_templates_own_custom_properties():
    out = io.BytesIO()
    docx.Document().save(out)
    first = package.embed(out.getvalue(), {"kind": "plan", "number": "FB-1"}, "{}")
    parts = dict(package.read(first))
    parts[package.CUSTOM] = parts[package.CUSTOM].replace(
        b"</Properties>", b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" name="Dept">'
                          b'<vt:lpwstr>IT</vt:lpwstr></property></Properties>')
    again = package.embed(package.write(list(parts.items())), {"kind": "report", "number": "FB-2"}, "[]")
    assert package.properties(again) == {"kind": "report", "number": "FB-2"}
    assert b'name="Dept"' in dict(package.read(again))[package.CUSTOM]
    assert package.embedded_model(again) == "[]"
    rels = dict(package.read(again))["_rels/.rels"].decode()
    assert rels.count("custom-properties") == 1
    docx.Document(io.BytesIO(again))  # still a valid package
