"""Importing change requests from CSV and Excel: dry run with row-level problems, all or nothing."""

from __future__ import annotations

import pytest

from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.services import change_import, changes


def _csv(tmp_path, text: str, encoding: str = "utf-8-sig"):
    path = tmp_path / "changes.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_import_csv_from_change_management(world, tmp_path):
    """R-1.3-COOP: change management's decisions come in as recorded."""
    path = _csv(tmp_path, "编号,标题,状态,审批人,审批时间\nCHG-1,数据库扩容,已批准,变更管理委员会,2026-11-20 10:00\n"
                          "CHG-2,证书更换,submitted,,\n")
    report = change_import.apply(world.ctx("zhangwei"), path)
    assert report.written == 2
    found = {c.number: c.status for c in changes.search(world.ctx(), "CHG-")}
    assert found == {"CHG-1": "approved", "CHG-2": "submitted"}


def test_gbk_csv_from_chinese_excel_is_read(world, tmp_path):
    path = _csv(tmp_path, "编号,标题,状态\nCHG-9,网银升级,已批准\n", encoding="gb18030")
    assert change_import.check(world.ctx("zhangwei"), path).rows[0]["title"] == "网银升级"


def test_bad_rows_are_listed_and_nothing_is_imported(world, tmp_path):
    path = _csv(tmp_path, "编号,标题,状态,审批时间\nCHG-1,好的,已批准,\n,无编号,已批准,\nCHG-3,日期错,已批准,明天\n"
                          "CHG-4,状态错,差不多,\nCHG-1,重复,已批准,\n")
    report = change_import.check(world.ctx("zhangwei"), path)
    assert [n for n, _ in report.problems] == [3, 4, 5, 6]
    assert "编号" in report.problems[0][1] and "审批时间" in report.problems[1][1]
    with pytest.raises(PolicyViolation):
        change_import.apply(world.ctx("zhangwei"), path)
    assert changes.count(world.ctx()) == 0


def test_missing_columns_and_existing_numbers_are_refused(world, tmp_path):
    with pytest.raises(InvalidInput) as exc:
        change_import.check(world.ctx("zhangwei"), _csv(tmp_path, "编号,名称\nCHG-1,x\n"))
    assert "标题" in exc.value.message("zh_CN")
    changes.record(world.ctx("zhangwei"), number="CHG-1", title="已有", status="approved")
    with pytest.raises(InvalidInput):
        change_import.apply(world.ctx("zhangwei"), _csv(tmp_path, "number,title,status\nCHG-1,x,approved\n"))


def test_excel_file(world, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["变更编号", "变更标题", "审批状态"])
    wb.active.append(["CHG-X1", "Excel 导入", "已批准"])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    assert change_import.apply(world.ctx("lina"), path).written == 1
