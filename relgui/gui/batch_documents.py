"""批量生成文档: the plans or reports of the releases in the register's current filter, written
to a folder, with progress and cancel. Each document is generated independently; a release
whose document cannot be made (e.g. no plan yet) is listed, not fatal."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog

from relgui.domain.errors import RelguiError
from relgui.fsutil import write_private
from relgui.gui import files, ops
from relgui.services import register

LIMIT = 500


def run(parent, gctx, query) -> int:
    kinds = [QCoreApplication.translate("BatchDocuments", "发布计划"),
             QCoreApplication.translate("BatchDocuments", "发布变更报告")]
    choice, ok = QInputDialog.getItem(parent, QCoreApplication.translate("BatchDocuments", "批量生成文档"),
                                      QCoreApplication.translate("BatchDocuments", "文档种类"), kinds, 0, False)
    if not ok:
        return 0
    kind = "plan" if choice == kinds[0] else "report"
    folder = files.get_existing_directory(parent, QCoreApplication.translate("BatchDocuments", "保存到文件夹"))
    if not folder:
        return 0
    ok, page = ops.call(parent, gctx, register.page, gctx.app, dataclasses.replace(query, offset=0, limit=LIMIT))
    if not ok:
        return 0
    return write_all(parent, gctx, [r.number for r in page.rows], kind, Path(folder))


def write_all(parent, gctx, numbers: list[str], kind: str, folder: Path) -> int:
    from relgui.services import documents

    progress = QProgressDialog(QCoreApplication.translate("BatchDocuments", "正在生成文档…"),
                               QCoreApplication.translate("BatchDocuments", "取消"), 0, len(numbers), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    written, failed = 0, []
    for i, number in enumerate(numbers):
        progress.setValue(i)
        if progress.wasCanceled():
            break
        try:
            kept = documents.archived(gctx.app, number, kind)
            made = kept if kept is not None else documents.generate(gctx.app, number, kind)
        except RelguiError as exc:
            failed.append(f"{number}: {exc.message(gctx.lang, gctx.profile)}")
            continue
        write_private(folder / made.filename, made.content)  # 0600 (relgui.fsutil)
        written += 1
    progress.setValue(len(numbers))
    text = QCoreApplication.translate("BatchDocuments", "已生成 {n} 个文档，保存在 {folder}。").format(n=written, folder=folder)
    if failed:
        text += "\n" + QCoreApplication.translate("BatchDocuments", "未生成：") + "\n" + "\n".join(failed[:20])
    ops.tell(parent, QCoreApplication.translate("BatchDocuments", "批量生成文档"), text,
             QMessageBox.Icon.Information if not failed else QMessageBox.Icon.Warning)
    return written
