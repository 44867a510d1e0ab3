"""批量生成文档: the plans or reports of the releases in the register's current filter, written
to a folder, with progress and cancel. Each document is generated independently; a release
whose document cannot be made (e.g. no plan yet) or written (a file open in Word, read-only,
a full disk) is listed, not fatal: the batch goes on, its progress reaches the end, and the
summary offers to retry the ones not written. File names pass relgui.fsutil.safe_filename for
the chosen folder (a 120-character Chinese title is 360 bytes: more than a file name may have)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from relgui.domain.errors import Refusal, RelguiError
from relgui.domain.messages import render
from relgui.fsutil import safe_filename, write_private, write_problem
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
    """Write each release's document into ``folder``; the number written. A failure (not made,
    or not written) is listed and the rest go on; afterwards the user may retry the failed."""
    written, failed = _write_each(parent, gctx, numbers, kind, folder)
    text = QCoreApplication.translate("BatchDocuments", "已生成 %n 个文档，保存在 {folder}。", None, written).format(folder=folder)
    if not failed:
        ops.tell(parent, QCoreApplication.translate("BatchDocuments", "批量生成文档"), text, QMessageBox.Icon.Information)
        return written
    text += "\n" + QCoreApplication.translate("BatchDocuments", "未生成：") + "\n" + \
        "\n".join(f"{number}: {why}" for number, why, _ in failed[:20])
    if len(failed) > 20:
        text += f"\n… (+{len(failed) - 20})"
    retryable = [number for number, _, write_error in failed if write_error]
    if retryable and summary(parent, text, retry=True, lang=gctx.lang) == "retry":
        return written + write_all(parent, gctx, retryable, kind, folder)
    if not retryable:
        ops.tell(parent, QCoreApplication.translate("BatchDocuments", "批量生成文档"), text, QMessageBox.Icon.Warning)
    return written


def summary(parent, text: str, *, retry: bool, lang: str = "zh_CN") -> str:
    """The batch's outcome with what failed; "retry" when the user asks to retry the files that
    could not be written (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("BatchDocuments", "批量生成文档"), text,
                      QMessageBox.StandardButton.Close, parent)
    again = box.addButton(render(Refusal("file_retry_failed"), lang), QMessageBox.ButtonRole.AcceptRole) \
        if retry else None
    box.exec()
    return "retry" if again is not None and box.clickedButton() is again else "close"


def _write_each(parent, gctx, numbers: list[str], kind: str, folder: Path) -> tuple[int, list[tuple[str, str, bool]]]:
    """(written, [(number, why, whether writing failed)]): generated and written on a worker, with
    progress and 取消 (before: on the GUI thread, ~0.3 s of python-docx per release). Cancelled:
    what was written so far counts."""
    ok, got = ops.call(parent, gctx, write_documents, gctx.app, numbers, kind, folder, gctx.lang, gctx.profile,
                       progress=QCoreApplication.translate("BatchDocuments", "正在生成文档…"))
    return got if ok else (0, [])


def write_documents(ctx, numbers: list[str], kind: str, folder: Path, lang: str, profile,
                    progress: ops.Progress | None = None) -> tuple[int, list[tuple[str, str, bool]]]:
    """On a worker (no Qt object): each release's archived document, or a fresh one, written into
    ``folder``; a failure is listed and the rest go on; 取消 stops before the next release."""
    # lazy: the document services and relgui.documents, ~50-150 ms, kept off the start-up path
    from relgui.services import documents

    written, failed = 0, []
    for i, number in enumerate(numbers):
        if progress is not None:
            if progress.cancelled:
                break
            try:
                progress(i, len(numbers), number)
            except ops.Cancelled:
                break
        try:
            kept = documents.archived(ctx, number, kind)
            made = kept if kept is not None else documents.generate(ctx, number, kind)
        except RelguiError as exc:
            failed.append((number, exc.message(lang, profile), False))
            continue
        target = folder / safe_filename(made.filename, folder=folder)
        try:
            write_private(target, made.content)  # 0600, atomically (relgui.fsutil)
        except OSError as exc:  # open in Word, read-only, no room: said, and the batch goes on
            failed.append((number, render(write_problem(exc, target), lang), True))
            continue
        written += 1
    if progress is not None and not progress.cancelled:
        try:
            progress(len(numbers), len(numbers), "")
        except ops.Cancelled:
            pass  # cancelled after the last one: everything was written
    return written, failed
