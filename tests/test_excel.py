"""Excel in and out (R-4.6-KPI): the register and KPI tables to .xlsx, an old Excel register
in — all rows or none, with row-level reasons in the user's language for every row refused.

Source rows for the round trip are inserted directly (see tests/test_kpi.py); imports go
through relgui.services.register_import like the GUI's dialog.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from test_kpi import _bj, _release

from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.services import auditing, exports, kpi, register, register_import
from relgui.services.context import AppContext, reading
from relgui.services.database import open_database
from relgui.store.models import AuditEvent, Release

HEADERS = ["登记编号", "发布名称", "发布类型", "状态", "结果", "涉及系统", "计划开始时间", "关闭时间"]


def _book(path, rows, headers=HEADERS, merge: str | None = None):
    wb = Workbook()
    ws = wb.active
    ws.title = "登记簿"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def _good_rows():
    """Six historical releases of 2026Q3 (Beijing): 4 successful, 1 failed, 1 rolled back;
    plus one rejected request and one new request."""
    at = dt.datetime(2026, 8, 3, 18, 0)
    return [
        ["OLD-001", "核心交易系统升级", "一般发布", "已关闭", "成功", "核心交易系统", at, at],
        ["OLD-002", "网银证书更换", "重大发布", "已关闭", "发布成功", "网上银行系统", "2026-07-05 22:00", "2026-07-06"],
        ["OLD-003", "短信平台补丁", "Normal release", "closed", "success", "短信平台", None, "2026/9/30 23:30"],
        ["OLD-004", "数据仓库扩容", "紧急发布", "已关闭", "发布成功", "数据仓库", None, "2026年9月1日"],
        ["OLD-005", "支付平台改造", "重大发布", "已关闭", "失败", "统一支付平台", None, "2026-08-20 10:00"],
        ["OLD-006", "门户网站改版", "一般发布", "已关闭", "已回退", "门户网站", None, "2026-08-21"],
        ["OLD-007", "OA 升级", "一般发布", "已驳回", None, "办公自动化系统", None, None],
        ["OLD-008", "HR 系统补丁", "一般发布", None, None, "人力资源系统", "2026-12-10 22:00", None],
    ]


def _count(ctx) -> int:
    with reading(ctx) as s:
        return s.execute(select(func.count()).select_from(Release)).scalar_one()


def test_guess_mapping_reads_chinese_and_english_headers():
    mapping = register_import.guess_mapping(HEADERS + ["备注", "Planned End"])
    assert mapping == {"登记编号": "number", "发布名称": "title", "发布类型": "type", "状态": "status",
                       "结果": "outcome", "涉及系统": "systems", "计划开始时间": "planned_start",
                       "关闭时间": "closed_at", "备注": "description", "Planned End": "planned_end"}
    assert register_import.guess_mapping(["Title", "Release type", "TITLE"]) == {"Title": "title", "Release type": "type"}
    assert register_import.field_labels()["closed_at"] == "关闭时间"
    assert list(register_import.field_labels("en")) == list(register_import.FIELDS)


def test_historical_register_imports_and_counts_in_the_kpi_r_4_6_kpi(world, tmp_path):
    """R-4.6-KPI: imported closed releases count in the quarter of their closing date."""
    path = _book(tmp_path / "old.xlsx", _good_rows())
    ctx = world.ctx("lina")
    info = register_import.inspect(path)
    assert info.rows == 8 and info.sheets == ("登记簿",)
    preview = register_import.preview(ctx, path, info.mapping)
    assert preview.ok, preview.messages()
    before = _count(ctx)
    done = register_import.apply(ctx, path, info.mapping)
    assert done.count == 8 and _count(ctx) == before + 8
    assert done.numbers[0] == "FB-2026-0001"  # the ordinary sequence
    q3 = kpi.success_rate(ctx, "2026Q3")
    assert (q3.overall.total, q3.overall.successful) == (6, 4)
    assert (q3.by_type["major"].total, q3.by_type["major"].successful) == (2, 1)
    rows = {r.title: r for r in register.page(ctx, register.RegisterQuery(limit=100)).rows}
    assert rows["OA 升级"].status == "rejected" and rows["HR 系统补丁"].status == "requested"
    assert rows["短信平台补丁"].closed_at == _bj(2026, 9, 30, 23, 30)
    with reading(ctx) as s:
        events = s.execute(select(AuditEvent.action).where(AuditEvent.action.like("%import"))).scalars().all()
    assert events.count("release.import") == 0 and events.count("excel.import") == 1  # one event for the batch
    assert auditing.verify(ctx).ok


def test_importing_the_same_register_twice_is_refused_row_by_row(world, tmp_path):
    path = _book(tmp_path / "old.xlsx", _good_rows())
    ctx = world.ctx("lina")
    mapping = register_import.guess_mapping(HEADERS)
    register_import.apply(ctx, path, mapping)
    again = register_import.preview(ctx, path, mapping)
    assert len(again.problems) == 8
    assert again.messages()[0] == "第 2 行：发布 OLD-001 已在系统中（已导入过或编号相同）"


def test_round_trip_register_out_and_into_a_new_database_r_4_6_kpi(world, tmp_path):
    """Export the ended releases, import them elsewhere: same releases, same KPI."""
    for outcome, hour in (("success", 9), ("success", 10), ("failed", 11), ("rolled_back", 12)):
        _release(world, outcome=outcome, closed_at=_bj(2026, 8, 1, hour, 0),
                 planned_start=_bj(2026, 7, 30, 22, 0), planned_end=_bj(2026, 7, 31, 1, 0))
    _release(world, type_="major", status="cancelled", outcome=None)
    ctx = world.ctx("lina")
    query = register.RegisterQuery(statuses=("closed", "cancelled"), sort="number", descending=False)
    path = tmp_path / "register.xlsx"
    assert exports.export_register(ctx, query, path) == 5
    target = AppContext(db=open_database(f"sqlite:///{tmp_path / 'new.db'}"), clock=world.clock)
    try:
        mapping = register_import.inspect(path).mapping
        assert register_import.preview(target, path, mapping).ok
        register_import.apply(target, path, mapping)
        key = lambda r: (r.title, r.type, r.status, r.outcome, r.planned_start, r.planned_end, r.closed_at)  # noqa: E731
        a = sorted(map(key, register.page(ctx, query).rows), key=str)
        b = sorted(map(key, register.page(target, query).rows), key=str)
        assert a == b
        assert kpi.success_rate(target, "2026Q3") == kpi.success_rate(ctx, "2026Q3")
    finally:
        target.db.dispose()


def test_register_export_follows_the_filter_and_all_pages(world, tmp_path, monkeypatch):
    for i in range(7):
        _release(world, type_="normal" if i % 2 else "major", closed_at=_bj(2026, 8, 1 + i, 9, 0))
    monkeypatch.setattr(register, "MAX_PAGE", 3)  # several pages
    query = register.RegisterQuery(types=("normal",), sort="closed_at", descending=False)
    path = tmp_path / "r.xlsx"
    assert exports.export_register(world.ctx("lina"), query, path, lang="en") == 3
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Number", "Title", "Type", "Status")
    assert [r[2] for r in rows[1:]] == ["Normal release"] * 3
    assert [r[9] for r in rows[1:]] == [dt.datetime(2026, 8, d, 9, 0) for d in (2, 4, 6)]  # Beijing wall clock


# ------------------------------------------------------------------ bad files


def _problems(world, path, mapping=None, lang="zh_CN"):
    ctx = world.ctx("lina")
    preview = register_import.preview(ctx, path, mapping or register_import.guess_mapping(HEADERS))
    before = _count(ctx)
    with pytest.raises(register_import.ImportRefused) as exc:
        register_import.apply(ctx, path, mapping or register_import.guess_mapping(HEADERS))
    assert _count(ctx) == before  # nothing half-imported
    assert exc.value.problems == preview.problems
    return preview.messages(lang), exc.value


def test_wrong_columns_are_refused(world, tmp_path):
    path = _book(tmp_path / "w.xlsx", _good_rows()[:2], headers=["编号", "名称", "备注"])
    messages, exc = _problems(world, path, {"编号": "number", "发布类型": "type", "备注": "colour"})
    assert "第 1 行：工作表中没有列“发布类型”" in messages
    assert "第 1 行“备注”列：对应的字段无效：colour" in messages
    assert "第 1 行：须指定“标题”对应的列" in messages
    assert "未导入任何数据" in exc.message("zh_CN")


def test_dates_as_text_in_odd_forms_are_refused_with_the_row(world, tmp_path):
    rows = _good_rows()[:3]
    rows[1][7] = "30/09/2026"
    rows[2][7] = "下周一"
    rows[0][6] = "18:30"  # a time of day without its date
    path = _book(tmp_path / "d.xlsx", rows)
    messages, _ = _problems(world, path)
    assert messages[0] == ("第 2 行“计划开始时间”列：不是可识别的日期：18:30（请写作 2026-09-30、2026/9/30 18:00 或 "
                           "2026年9月30日 18:00，或使用 Excel 日期格式）")
    assert messages[1].startswith("第 3 行“关闭时间”列：不是可识别的日期：30/09/2026")
    assert messages[2].startswith("第 4 行“关闭时间”列：不是可识别的日期：下周一")
    english, _ = _problems(world, path, lang="en")
    assert english[1].startswith("Row 3, column “关闭时间”: Not a recognisable date: 30/09/2026")


def test_merged_cells_are_refused_on_each_row_they_cover(world, tmp_path):
    path = _book(tmp_path / "m.xlsx", _good_rows()[:4], merge="C3:C4")
    messages, exc = _problems(world, path)
    assert [m for m in messages if "合并单元格" in m] == [
        "第 3 行：C3:C4 是合并单元格：请取消合并，并在每一行填写完整",
        "第 4 行：C3:C4 是合并单元格：请取消合并，并在每一行填写完整"]
    assert exc.refusals[0].params["count"] == 2


def test_unknown_values_lifecycle_and_duplicates_are_refused(world, tmp_path):
    rows = _good_rows()[:6]
    rows[0][2] = "特急发布"
    rows[1][3] = "发布实施中"
    rows[2][4] = None  # closed without an outcome
    rows[3][0] = "OLD-005"  # Excel row 5: the same old number as row 6
    rows[4][3] = "已取消"  # cancelled, yet with an outcome and a closing time
    path = _book(tmp_path / "u.xlsx", rows)
    messages, _ = _problems(world, path)
    assert messages[0] == "第 2 行“发布类型”列：无法识别“特急发布”（可用：紧急发布、重大发布、一般发布）"
    assert messages[1].startswith("第 3 行“状态”列：状态“发布实施中”不能导入")
    assert messages[2] == "第 4 行“结果”列：已关闭的发布须填写发布结果（发布成功、发布失败或已回退）"
    assert "第 6 行“结果”列：只有已关闭的发布才有发布结果（本行状态：已取消）" in messages
    assert "第 6 行：与第 5 行重复：OLD-005" in messages


def test_not_an_excel_file_is_refused(world, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("发布编号,标题\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as exc:
        register_import.inspect(path)
    assert exc.value.message("zh_CN").startswith("不是可读取的表格文件（Excel .xlsx/.xls、.ods 或 CSV）：fake.xlsx")
    with pytest.raises(InvalidInput):
        register_import.read(_book(tmp_path / "ok.xlsx", []), sheet="不存在")
    empty = _book(tmp_path / "empty.xlsx", [])
    assert register_import.preview(world.ctx("lina"), empty, register_import.guess_mapping(HEADERS)).messages() == [
        "第 1 行：工作表中没有可导入的数据行"]


def test_only_a_manager_imports(world, tmp_path):
    path = _book(tmp_path / "old.xlsx", _good_rows()[:1])
    with pytest.raises(PolicyViolation) as exc:
        register_import.apply(world.ctx("zhangwei"), path, register_import.guess_mapping(HEADERS))
    assert "运维管理部经理" in exc.value.message("zh_CN")
