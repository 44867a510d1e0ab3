"""Excel in and out of the 发布登记簿 (relgui.services.excel_io).

``export_register(parent, gctx, query)`` writes every release of the register's current
filter (main_window.register.query()). ``import_register(parent, gctx)`` takes an old Excel
register: choose the file → map its columns (pre-filled with the guess) → dry run listing
every row it cannot take and why → import, only when no row is refused (all or nothing; the
service checks again inside its one transaction) → say what was imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from relgui.gui import files, ops
from relgui.gui.insight.excel_mapping import MappingDialog
from relgui.gui.insight.excel_preview import BACK, IMPORT, PreviewDialog
from relgui.gui.insight.exports import failed, save_name, written
from relgui.adapters import excel as excel_io
from relgui.services.register import RegisterQuery


def export_register(parent, gctx, query: RegisterQuery) -> Path | None:
    """The register as filtered now, all pages, to .xlsx."""
    today = gctx.app.clock.now().astimezone().date().isoformat()
    name = QCoreApplication.translate("excel_dialogs", "发布登记簿 {date}.xlsx").format(date=today)
    path = save_name(parent, QCoreApplication.translate("excel_dialogs", "导出发布登记簿到 Excel"), name, "Excel",
                     ".xlsx")
    if path is None:
        return None
    try:
        ok, _count = ops.call(parent, gctx, excel_io.export_register, gctx.app, query, path, gctx.lang)
    except OSError as exc:
        failed(parent, exc)
        return None
    if ok:
        written(parent, path)
    return path if ok else None


def import_register(parent, gctx) -> excel_io.Imported | None:
    path, _ = files.get_open_file_name(parent, QCoreApplication.translate("excel_dialogs", "从 Excel 导入发布登记簿"),
                                          "", "Excel (*.xlsx)")
    if not path:
        return None
    ok, info = ops.call(parent, gctx, excel_io.inspect, path)
    if not ok:
        return None
    sheet, mapping = info.name, info.mapping
    while True:
        chosen = MappingDialog.ask(parent, gctx, Path(path), info, mapping)
        if chosen is None:
            return None
        sheet, mapping = chosen
        ok, preview = ops.call(parent, gctx, excel_io.preview, gctx.app, path, mapping, sheet)
        if not ok:
            return None
        done = _import(parent, gctx, path, mapping, sheet, preview)
        if done is not BACK:
            return done


def _import(parent, gctx, path: str, mapping: dict[str, str], sheet: str, preview):
    """The dry run, then the import; BACK to change the mapping, None when nothing was imported."""
    while True:
        answer = PreviewDialog.ask(parent, gctx, preview)
        if answer != IMPORT:
            return BACK if answer == BACK else None
        ok, done = ops.call(parent, gctx, excel_io.apply, gctx.app, path, mapping, sheet)
        if ok:
            ops.tell(parent, QCoreApplication.translate("excel_dialogs", "导入完成"), _summary(done),
                     QMessageBox.Icon.Information)
            return done
        if not isinstance(done, excel_io.ImportRefused):
            return None
        # Refused inside the transaction (the database changed since the dry run): the rows and
        # their reasons, as in the dry run, and still nothing imported.
        preview = excel_io.Preview(sheet, [], done.problems)


def _summary(done: excel_io.Imported) -> str:
    if not done.numbers:
        return QCoreApplication.translate("excel_dialogs", "没有导入任何发布。")
    return QCoreApplication.translate("excel_dialogs", "已导入 {n} 个发布（{first} 至 {last}）。原登记编号记在各发布描述的第一行。"
                                      ).format(n=done.count, first=done.numbers[0], last=done.numbers[-1])

