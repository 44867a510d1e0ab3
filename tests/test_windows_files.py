"""Files the way Windows has them: one sanitizer for every name relgui makes (reserved device
names, trailing dots and spaces, 255-byte names, 259-character paths with Chinese titles),
write failures said in words with a retry (a read-only file, a file open in Word, a full
disk), a batch that goes on past a failure, and dialogs that start in Documents and remember
the folder per purpose."""

from __future__ import annotations

import errno
import os
import stat
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pathvalidate import validate_filename

from relgui.domain.messages import render
from relgui.fsutil import MAX_NAME_BYTES, WINDOWS_MAX_PATH, safe_filename, write_private, write_problem

LONG_TITLE = ("核心交易系统与支付清算平台数据库版本升级及配套中间件补丁安装" * 4)[:120]


@pytest.mark.parametrize("name, expected", [
    ("CON.docx", "_CON.docx"), ("con", "_con"), ("nul .txt", "_nul .txt"), ("LPT9.pdf", "_LPT9.pdf"),
    ("COM¹.xlsx", "_COM¹.xlsx"), ("aux.tar.gz", "_aux.tar.gz"),
    ("报告. . .", "报告"), ("  发布计划.docx  ", "发布计划.docx"), ("a<b>:c\"d|e?f*g/h\\i.pdf", "a_b__c_d_e_f_g_h_i.pdf"),
    ("行1\n行2\t.docx", "行1 行2 .docx"), ("", "file"), ("...", "file"), ("CONSOLE.docx", "CONSOLE.docx"),
])
def test_reserved_names_and_windows_characters(name, expected):
    assert safe_filename(name) == expected
    validate_filename(safe_filename(name), platform="windows")  # pathvalidate's rules agree


def test_a_long_chinese_title_fits_a_file_name_and_a_windows_path(tmp_path):
    name = safe_filename(f"FB-2026-0001 {LONG_TITLE} 发布计划.docx")
    assert name.endswith("….docx") and name.startswith("FB-2026-0001 核心交易系统")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES < 255
    deep = tmp_path / ("很深的文件夹" * 12)
    deep.mkdir()
    in_deep = safe_filename(f"FB-2026-0001 {LONG_TITLE} 发布计划.docx", folder=deep)
    assert len(str(deep / in_deep)) + len(".xxxxxxxx.part") + 1 <= WINDOWS_MAX_PATH
    write_private(deep / in_deep, b"x")  # the file system takes it (ext4: 255 bytes a name)
    validate_filename(in_deep, platform="windows")


@settings(derandomize=True, database=None, max_examples=300)
@given(st.text(max_size=300), st.sampled_from(["", ".docx", ".pdf", ".xlsx"]))
def test_every_sanitized_name_is_valid_on_windows(text, ext):
    name = safe_filename(text + ext)
    validate_filename(name, platform="windows", max_len=255)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES and name == name.strip(" ") and not name.endswith(".")


def test_document_names_keep_number_and_kind_within_the_byte_limit():
    from relgui.documents import fmt

    name = fmt.safe_filename("FB-2026-0001", LONG_TITLE, "发布变更报告")
    assert name.startswith("FB-2026-0001 ") and name.endswith(" 发布变更报告.docx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


# --------------------------------------------------------------------------- write failures

def test_a_read_only_file_is_not_replaced_and_is_said_as_read_only(tmp_path):
    target = tmp_path / "发布计划.docx"
    target.write_bytes(b"old")
    os.chmod(target, stat.S_IREAD)
    with pytest.raises(PermissionError) as caught:
        write_private(target, b"new")
    assert target.read_bytes() == b"old"  # as Windows refuses to replace a read-only file
    refusal = write_problem(caught.value, target)
    assert refusal.code == "file_write_read_only"
    assert "只读" in render(refusal, "zh_CN") and "read-only" in render(refusal, "en")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # nothing half-written


def test_write_failures_are_told_in_words(tmp_path):
    locked = PermissionError(errno.EACCES, "The process cannot access the file")
    locked.winerror = 32  # ERROR_SHARING_VIOLATION: Word has the file open (what Windows raises)
    assert write_problem(locked, tmp_path / "x.docx").code == "file_write_locked"
    assert "Word" in render(write_problem(locked, tmp_path / "x.docx"), "zh_CN")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert write_problem(full, tmp_path / "x.docx").code == "file_write_full"
    with pytest.raises(OSError) as caught:  # a real name too long for the file system
        write_private(tmp_path / ("长" * 100 + ".docx"), b"x")
    assert write_problem(caught.value).code == "file_write_too_long"
    with pytest.raises(OSError) as caught:
        write_private(tmp_path / "gone" / "x.docx", b"x")
    assert write_problem(caught.value).code == "file_write_no_folder"
    for code in ("file_write_locked", "file_write_full", "file_write_too_long", "file_write_no_folder"):
        from relgui.domain.errors import Refusal

        text = render(Refusal(code, params={"path": "D:\\文档\\x.docx", "detail": "?"}), "zh_CN")
        assert "D:\\文档\\x.docx" in text and "{" not in text


def test_write_with_retry_retries_after_the_user_fixes_it(tmp_path, qtbot, monkeypatch):
    from relgui.gui import files

    target = tmp_path / "计划.docx"
    target.write_bytes(b"old")
    os.chmod(target, stat.S_IREAD)
    asked = []

    def after_failure(parent, text, *, may_save_elsewhere):
        asked.append(text)
        os.chmod(target, stat.S_IREAD | stat.S_IWRITE)  # the user clears the read-only flag
        return "retry"

    monkeypatch.setattr(files, "after_failure", after_failure)
    where, _ = files.write_with_retry(None, target, lambda p: write_private(p, b"new"))
    assert where == target and target.read_bytes() == b"new" and len(asked) == 1 and "只读" in asked[0]
    # cancel: nothing written, no exception
    os.chmod(target, stat.S_IREAD)
    monkeypatch.setattr(files, "after_failure", lambda *a, **k: "cancel")
    assert files.write_with_retry(None, target, lambda p: write_private(p, b"newer")) is None
    assert target.read_bytes() == b"new"
    # save as: another name
    other = tmp_path / "另一个.docx"
    monkeypatch.setattr(files, "after_failure", lambda *a, **k: "save_as")
    monkeypatch.setattr(files, "get_save_file_name", lambda *a, **k: (str(other), ""))
    where, _ = files.write_with_retry(None, target, lambda p: write_private(p, b"newest"))
    assert where == other and other.read_bytes() == b"newest"


# --------------------------------------------------------------------------- the batch

def _long_titled(monkeypatch):
    import flows

    real = flows.releases.create
    monkeypatch.setattr(flows.releases, "create", lambda eng, **kw: real(eng, **{**kw, "title": LONG_TITLE}))


def test_batch_with_long_chinese_titles_and_a_read_only_target(sqlite_world, tmp_path, qtbot, monkeypatch):
    """The issue's batch: 120-character Chinese titles (360 bytes) no longer crash it; a file
    that cannot be written is listed and the rest written; progress reaches the end; the
    retry writes the one that failed once the user fixed it."""
    from flows import release_at
    from gui_support import Told, gui_context

    from relgui.domain.states import Status
    from relgui.gui import batch_documents

    _long_titled(monkeypatch)
    numbers = [release_at(sqlite_world, Status.PLAN_SUBMITTED) for _ in range(3)]
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    from relgui.services import documents

    blocked_name = safe_filename(documents.generate(gctx.app, numbers[1], "plan").filename, folder=out)
    blocked = out / blocked_name
    blocked.write_bytes(b"open in Word")
    os.chmod(blocked, stat.S_IREAD)
    threads = []  # where each file is written: on a worker of gui/ops, never the GUI thread
    real_write = batch_documents.write_private
    monkeypatch.setattr(batch_documents, "write_private",
                        lambda path, data: (threads.append(threading.current_thread().name), real_write(path, data))[1])
    told = Told(monkeypatch)
    summaries = []

    def summary(parent, text, *, retry, lang="zh_CN"):
        summaries.append((text, retry))
        os.chmod(blocked, stat.S_IREAD | stat.S_IWRITE)  # the user closes Word
        return "retry"

    monkeypatch.setattr(batch_documents, "summary", summary)
    written = batch_documents.write_all(None, gctx, numbers, "plan", out)
    assert written == 3  # two at once, the third on the retry
    text, retry = summaries[0]
    assert retry and numbers[1] in text and "只读" in text and numbers[0] not in text
    assert len(threads) == 4 and all(name.startswith("relgui-op") for name in threads), threads
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and all(len(n.encode("utf-8")) <= MAX_NAME_BYTES for n in names)
    assert all(n.startswith("FB-") and n.endswith("发布计划.docx") or n.endswith("….docx") for n in names)
    assert blocked.read_bytes() != b"open in Word"
    assert "已生成 1 个文档" in told.texts[-1]


# --------------------------------------------------------------------------- dialogs

def test_dialogs_start_in_documents_and_remember_the_folder_per_purpose(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from relgui.gui import files
    from relgui.gui.settings import Settings

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(files, "documents_folder", lambda: str(documents))
    monkeypatch.setattr(files, "_remembered", {})
    settings = Settings(tmp_path / "relgui.ini")
    monkeypatch.setattr(files, "_settings", settings)
    opened = []
    chosen = {"value": ""}

    def run(dlg, database):
        opened.append(dlg.directory().absolutePath() if dlg.fileMode() == QFileDialog.FileMode.Directory
                      else (dlg.directory().absolutePath(), dlg.selectedFiles()))
        return [chosen["value"]] if chosen["value"] else []

    monkeypatch.setattr(files, "_run", run)
    reports = tmp_path / "报告"
    reports.mkdir()
    chosen["value"] = str(reports / "FB-1.docx")
    files.get_save_file_name(None, "save", "CON.docx", "Word (*.docx)")
    folder, selected = opened[-1]
    assert folder == str(documents) and selected[0].endswith("_CON.docx")  # Documents; the name made safe
    chosen["value"] = ""
    files.get_save_file_name(None, "save", "FB-2.pdf", "PDF (*.pdf)")
    assert opened[-1][0] == str(reports)  # documents: the folder last used for documents
    files.get_open_file_name(None, "open", "", "Excel (*.xlsx)")
    assert opened[-1][0] == str(documents)  # spreadsheets: nothing remembered yet
    settings.sync()
    assert Settings(tmp_path / "relgui.ini").get("files/documents") == str(reports)  # kept for the next start
    monkeypatch.setattr(files, "_remembered", {})
    files.get_save_file_name(None, "save", "x.docx", "Word (*.docx)")
    assert opened[-1][0] == str(reports)
    reports.rmdir()  # a remembered folder that is gone: Documents again
    files.get_save_file_name(None, "save", "x.docx", "Word (*.docx)")
    assert opened[-1][0] == str(documents)
