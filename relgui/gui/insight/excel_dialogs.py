"""The 发布登记簿 in and out: to Excel or CSV, and an old register in from a spreadsheet.

``export_register(parent, gctx, query)`` writes every release of the register's current
filter (main_window.register.query()) to .xlsx, or to CSV (UTF-8 with BOM) when the user
chooses that type or a .csv name (relgui.services.exports). ``import_register(parent, gctx)``
takes an old register (.xlsx, .xls, WPS .et, .ods or .csv): the file is read once and closed at
once (relgui.services.register_import.load, on a worker) → map its columns (pre-filled with the
guess) → dry run listing every row it cannot take and why → import, only when no row is refused
(all or nothing; the service checks again inside its one transaction, on a worker whose
progress dialog's 取消 stops it before it commits) → say what was imported.
Every step after the first works on the Book read then: the file is not opened again, so it
is not locked while the dialogs are open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from relgui.domain import timeutil
from relgui.gui import files, ops
from relgui.gui.insight.excel_mapping import MappingDialog
from relgui.gui.insight.excel_preview import BACK, IMPORT, PreviewDialog
from relgui.gui.insight.exports import failed, written
from relgui.services import exports, register_import
from relgui.services.register import RegisterQuery

OPEN_FILTER = "*.xlsx *.xls *.et *.ods *.csv"


# Spelled out at each call so that pyside6-lupdate finds the strings (it does not follow a wrapper).
translate = QCoreApplication.translate


def export_target(parent, suggested: str) -> Path | None:
    """A file name from the save dialog: Excel or CSV by the type chosen (or the name typed)."""
    excel = translate("excel_dialogs", "Excel 工作簿 (*.xlsx)")
    csv_ = translate("excel_dialogs", "CSV（UTF-8，Excel 可直接打开）(*.csv)")
    name, chosen = files.get_save_file_name(parent, translate("excel_dialogs", "导出发布登记簿"), suggested, f"{excel};;{csv_}")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if chosen == csv_ else ".xlsx"))


def export_register(parent, gctx, query: RegisterQuery) -> Path | None:
    """The register as filtered now, all pages, to .xlsx or .csv."""
    today = timeutil.shown(gctx.app.clock.now(), gctx.company_tz, "%Y-%m-%d")  # the company's day
    path = export_target(parent, translate("excel_dialogs", "发布登记簿 {date}.xlsx").format(date=today))
    if path is None:
        return None
    use_case = exports.export_register_csv if path.suffix.lower() == ".csv" else exports.export_register
    try:
        ok, _count = ops.call(parent, gctx, use_case, gctx.app, query, path, gctx.lang)
    except OSError as exc:
        failed(parent, exc)
        return None
    if ok:
        written(parent, path)
    return path if ok else None


def import_register(parent, gctx) -> register_import.Imported | None:
    path, _ = files.get_open_file_name(parent, translate("excel_dialogs", "导入发布登记簿"), "",
                                       translate("excel_dialogs", "表格文件") + f" ({OPEN_FILTER})")
    if not path:
        return None
    # On workers (gui/ops.py), each with a progress dialog when it takes a while.
    ok, book = ops.call(parent, gctx, register_import.load, path,  # read once, closed at once
                        progress=translate("excel_dialogs", "正在读取表格…"))
    if not ok:
        return None
    ok, info = ops.call(parent, gctx, register_import.inspect, book)
    if not ok:
        return None
    sheet, mapping = info.name, info.mapping
    while True:
        chosen = MappingDialog.ask(parent, gctx, book, info, mapping)
        if chosen is None:
            return None
        sheet, mapping = chosen
        ok, preview = ops.call(parent, gctx, register_import.preview, gctx.app, book, mapping, sheet,
                               progress=translate("excel_dialogs", "正在检查每一行…"))
        if not ok:
            return None
        done = _import(parent, gctx, book, mapping, sheet, preview)
        if done is not BACK:
            return done


def _import(parent, gctx, book, mapping: dict[str, str], sheet: str, preview):
    """The dry run, then the import; BACK to change the mapping, None when nothing was imported."""
    while True:
        answer = PreviewDialog.ask(parent, gctx, preview)
        if answer != IMPORT:
            return BACK if answer == BACK else None
        ok, done = ops.call(parent, gctx, register_import.apply, gctx.app, book, mapping, sheet,
                            progress=translate("excel_dialogs", "正在导入…"))
        if ok:
            ops.tell(parent, translate("excel_dialogs", "导入完成"), _summary(done), QMessageBox.Icon.Information)
            return done
        if isinstance(done, ops.Cancelled):  # 取消 in the progress dialog: stopped before the commit
            ops.tell(parent, translate("excel_dialogs", "导入发布登记簿"), register_import.ImportCancelled().message(gctx.lang),
                     QMessageBox.Icon.Information)
            return None
        if not isinstance(done, register_import.ImportRefused):
            return None
        # Refused inside the transaction (the database changed since the dry run): the rows and
        # their reasons, as in the dry run, and still nothing imported.
        preview = register_import.Preview(sheet, [], done.problems)


def _summary(done: register_import.Imported) -> str:
    if not done.numbers:
        return translate("excel_dialogs", "没有导入任何发布。")
    n = done.count  # a plain name: pyside6-lupdate misses translate(…, None, done.count)
    return translate("excel_dialogs", "已导入 %n 个发布（{first} 至 {last}）。原登记编号记在各发布描述的第一行。",
                     None, n).format(first=done.numbers[0], last=done.numbers[-1])
