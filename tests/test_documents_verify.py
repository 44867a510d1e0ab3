"""`doc verify` and `doc check`: a file or a printed code against the archive (R-DOC-SIGN,
R-4.4.2-ARCHIVE). The archived document of the number, kind and version is the reference,
never a fresh rendering; one verdict per file (relgui.documents.verify.VERDICTS)."""

from __future__ import annotations

import io
import json

import docx
import pytest
from flows import release_at, write_plan
from sqlalchemy import text
from test_documents_support import closed_world, open_docx, rolled_back_and_closed  # noqa: F401

from relgui.documents import compare, docx_reader
from relgui.documents import verify as checking
from relgui.domain.errors import InvalidInput
from relgui.domain.states import Status
from relgui.services import closing, documents


def _edit(data: bytes, old: str, new: str) -> bytes:
    """Change one run's text by hand, as a user would in Word."""
    d = open_docx(data)
    cells = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for p in [*d.paragraphs, *cells]:
        for run in p.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                out = io.BytesIO()
                d.save(out)
                return out.getvalue()
    raise AssertionError(f"{old!r} not found")


def _codes(result) -> list[str]:
    return [n.code for n in result.notes]


def test_generated_and_archived_plan_verifies(world):
    """R-DOC-SIGN, R-4.4.2-ARCHIVE: the archived file is identical, current, its signature valid."""
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    stored = documents.archive_plan(world.ctx("lina"), number)
    result = documents.verify(world.ctx("auditor"), stored.content)
    assert (result.verdict, result.exit_code, result.ok) == ("identical", 0, True)
    assert result.version == "V1" and result.kind == "plan" and result.archived.id == stored.id
    assert _codes(result) == ["doc_sig_valid"] and result.changes == ()
    head = result.describe()[0]
    assert head.startswith(f"与归档的 {number} 发布计划 V1 逐字节一致") and head.endswith("是现行版本")
    assert result.describe("en")[0].startswith(f"Byte for byte the archived {number} release plan V1")


def test_a_hand_edited_run_is_found_with_its_section_and_both_texts(world):
    """R-DOC-SIGN: edit one run with python-docx; verify names the section, what the file
    says and what the archive says."""
    number = release_at(world, Status.PLAN_APPROVED)
    stored = documents.archived(world.ctx(), number, "plan")
    edited = _edit(stored.content, "观察 24 小时", "观察 2 小时")
    result = documents.verify(world.ctx(), edited)
    assert (result.verdict, result.exit_code, result.ok) == ("changed", 4, False)
    assert [c.section.split(" ", 1)[1] for c in result.changes] == ["部署后工作计划"]
    c = result.changes[0]
    assert (c.expected, c.found) == ("观察 24 小时，更新 CMDB。", "观察 2 小时，更新 CMDB。")
    lines = result.describe()
    assert lines[0] == f"与归档的 {number} 发布计划 V1 不一致：1 处改动"
    assert lines[1].endswith("部署后工作计划”：文档中为“观察 2 小时，更新 CMDB。”，归档文件为“观察 24 小时，更新 CMDB。”")
    assert not any("逐字节一致" in line for line in lines)


def test_an_edited_table_value_and_verification_code_name_their_cells(sqlite_world):
    """R-DOC-SIGN: a value in a table and the printed code of the signature, by cell."""
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    made = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    code = made.model.parts[-1].blocks[1].code
    edited = _edit(_edit(made.content, "版本不兼容", "无风险"), code, "0000-0000-0000")
    result = documents.verify(sqlite_world.ctx(), edited)
    assert result.verdict == "changed"
    assert [c.section.split(" ", 1)[1] for c in result.changes] == ["风险评估", "审批签署"]
    risk, sig = result.changes
    assert risk.cell[1:] == (2, 2) and risk.label == "风险描述" and risk.found.startswith("无风险")
    assert sig.label == "校验码" and (sig.expected, sig.found) == (code, "0000-0000-0000")
    assert "表" in result.describe()[1] and "第 2 行第 2 列（风险描述）" in result.describe()[1]


def test_a_removed_paragraph_is_found(sqlite_world):
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    d = open_docx(documents.generate(sqlite_world.ctx("zhangwei"), number, "plan").content)
    gone = next(p for p in d.paragraphs if p.text == "修复已知缺陷。")
    gone._p.getparent().remove(gone._p)
    out = io.BytesIO()
    d.save(out)
    result = documents.verify(sqlite_world.ctx(), out.getvalue())
    assert result.verdict == "changed" and [(c.expected, c.found) for c in result.changes] == [("修复已知缺陷。", None)]
    assert result.differing_parts[0].endswith("发布目的")


def test_a_voided_approval_makes_the_archived_print_voided(sqlite_world):
    """R-DOC-SIGN: an edit after approval voids the signature; the archived V1 is still the
    archived V1 (no change found) but no longer holds."""
    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    stored = documents.archive_plan(w.ctx("zhangwei"), number)
    write_plan(w, number, content={"purpose": {"text": "改动后的目的。"}})
    result = documents.verify(w.ctx(), stored.content)
    assert (result.verdict, result.exit_code, result.ok) == ("voided", 8, False)
    assert "doc_sig_voided" in _codes(result) and result.changes == ()
    assert "但其签名已不再有效" in result.describe()[0]


def test_database_tampering_with_the_signed_revision_is_reported(world):
    """R-DOC-SIGN: content changed behind the application no longer hashes as signed."""
    number = release_at(world, Status.PLAN_APPROVED)
    stored = documents.archive_plan(world.ctx("zhangwei"), number)
    cast = "CAST(:c AS JSONB)" if world.backend == "postgresql" else ":c"
    with world.owner_engine.begin() as conn:
        row = conn.execute(text("SELECT id, content FROM plan_revisions")).first()
        content = json.loads(row.content) if isinstance(row.content, str) else row.content
        content["purpose"]["text"] = "伪造的目的。"
        conn.execute(text(f"UPDATE plan_revisions SET content = {cast} WHERE id = :i"),
                     {"c": json.dumps(content, ensure_ascii=False), "i": row.id})
    result = documents.verify(world.ctx(), stored.content)
    assert result.verdict == "voided" and "doc_hash_mismatch" in _codes(result)


def test_report_verifies_and_a_forged_analysis_voids_it(sqlite_world):
    """R-DOC-SIGN on the closing signature of the 发布变更报告."""
    w = sqlite_world
    number = rolled_back_and_closed(w)
    stored = documents.archive_report(w.ctx("lina"), number)
    assert documents.verify(w.ctx(), stored.content).verdict == "identical"
    with w.db.engine.begin() as conn:
        conn.execute(text("UPDATE closures SET analysis = '一切正常。'"))
    result = documents.verify(w.ctx(), stored.content)
    assert result.verdict == "voided" and "doc_hash_mismatch" in _codes(result)


def test_the_archive_is_the_reference_after_a_later_legitimate_change(sqlite_world, capsys, tmp_path):
    """The issue's case: archive the report, add a lesson to the release. The archived report
    still verifies (identical, never also "changed"); a fresh rendering says V1 too but is
    not the archived V1: changed, naming the lesson."""
    w = sqlite_world
    number = release_at(w, Status.CLOSED)
    stored = documents.archived(w.ctx(), number, "report")
    assert stored is not None  # archived at closure
    closing.add_knowledge(w.ctx("zhangwei"), "回退包须提前校验", "证书过期导致回退。", release=number)
    again = documents.verify(w.ctx(), documents.archived(w.ctx(), number, "report").content)
    assert again.verdict == "identical" and again.version == "V1"
    fresh = documents.generate(w.ctx("lina"), number, "report")
    assert fresh.content != stored.content
    result = documents.verify(w.ctx(), fresh.content)
    assert result.verdict == "changed" and result.version == "V1" and result.archived.id == stored.id
    assert any(c.found and "回退包须提前校验" in c.found for c in result.changes)
    lines = result.describe()
    assert not any("逐字节一致" in line for line in lines) and "不一致" in lines[0]


def test_a_draft_is_never_ok(sqlite_world):
    """A draft carries 版本 草稿: verdict draft (6), whatever it holds."""
    number = release_at(sqlite_world, Status.PLANNING)
    made = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    sqlite_world.clock.advance(days=3)
    result = documents.verify(sqlite_world.ctx(), made.content)
    assert (result.verdict, result.exit_code, result.ok) == ("draft", 6, False)
    assert result.describe()[0] == f"这是 {number} 发布计划的草稿，不是归档文件，不能作为证据"
    assert result.describe("en")[0].startswith(f"This is a draft of {number} release plan")


def test_foreign_files_are_unknown_and_broken_ones_refused(sqlite_world):
    out = io.BytesIO()
    docx.Document().save(out)
    result = documents.verify(sqlite_world.ctx(), out.getvalue())
    assert (result.verdict, result.exit_code) == ("unknown", 9)
    assert result.describe()[0] == "无法核验：不是 relgui 生成的文档（没有文档编号与类别）"
    for bad in (b"not a zip at all", b"PK\x03\x04broken", b"", "text"):
        with pytest.raises(InvalidInput) as exc:
            documents.verify(sqlite_world.ctx(), bad)
        assert exc.value.refusals[0].code == "doc_unreadable"


def test_a_number_without_an_archive_is_unknown(sqlite_world):
    """A plan generated for a release whose plan was never archived (not approved, the draft
    mark removed by hand): nothing to hold it against."""
    number = release_at(sqlite_world, Status.PLANNING)
    made = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    forged = _edit(made.content, "草稿", "V1")
    result = documents.verify(sqlite_world.ctx(), forged)
    assert result.verdict == "unknown" and result.describe()[0] == f"无法核验：归档中没有 {number} 的发布计划"


def test_two_contents_under_one_version_are_refused_as_reference(sqlite_world):
    """Distinct versions told apart: an archive holding two different contents as V1 cannot
    say which one V1 is (conflict, 10) — never "identical"."""
    w = sqlite_world
    number = release_at(w, Status.CLOSED)
    stored = documents.archived(w.ctx(), number, "report")
    closing.add_knowledge(w.ctx("zhangwei"), "回退包须提前校验", "证书过期导致回退。", release=number)
    other = documents.generate(w.ctx("lina"), number, "report")  # also says V1
    with w.db.engine.begin() as conn:  # what the old archive allowed: a second V1 beside the first
        conn.execute(text("INSERT INTO documents (release_id, kind, filename, sha256, content, revision_no, "
                          "created_by_id, created_at) SELECT release_id, kind, filename, :s, :c, revision_no, "
                          "created_by_id, created_at FROM documents WHERE id = :i"),
                     {"s": other.sha256, "c": other.content, "i": stored.id})
    result = documents.verify(w.ctx(), stored.content)
    assert (result.verdict, result.exit_code) == ("conflict", 10)
    assert "doc_version_conflict" in _codes(result)
    assert result.describe()[0] == f"归档不能作为核验依据：归档中的 {number} 发布变更报告 V1 有两份内容不同的文件"


def test_an_archived_file_changed_behind_the_application_is_no_reference(sqlite_world):
    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    stored = documents.archived(w.ctx(), number, "plan")
    forged = _edit(stored.content, "观察 24 小时", "观察 2 小时")
    with w.db.engine.begin() as conn:
        conn.execute(text("UPDATE documents SET content = :c"), {"c": forged})
    for held in (stored.content, forged):  # the genuine file (its hash is the row's) and the forged one
        result = documents.verify(w.ctx(), held)
        assert (result.verdict, result.exit_code) == ("conflict", 10) and "doc_archive_broken" in _codes(result)
        assert result.describe()[0].startswith(f"归档不能作为核验依据：归档的 {number} 发布计划 V1 已不是归档时的文件")


# ------------------------------------------------------------------ codes on paper


def test_the_page_code_finds_the_archived_document_and_its_state(sqlite_world):
    """Every printed page verifiable: its code (the content hash's first 12 hex digits) names
    the archived document, current, then voided, then superseded by V2."""
    from flows import PASSWORD, rv

    from relgui.services import plans

    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    v1 = documents.archived(w.ctx(), number, "plan")
    code = documents.page_code(v1)
    assert code == documents.page_code(v1.content) == documents.page_code(documents.open_model(w.ctx(), number, "plan"))
    assert code != documents.page_code(documents.generate(w.ctx(), number, "report").model)
    found = documents.check_code(w.ctx(), code.lower().replace("-", " "))
    assert (found.verdict, found.exit_code, found.what, found.version) == ("current", 0, "document", "V1")
    assert found.describe()[0].startswith(f"核验码 {code} 对应归档的 {number} 发布计划 V1")
    write_plan(w, number, content={"purpose": {"text": "修复已知缺陷，并调整参数。"}})
    assert documents.check_code(w.ctx(), code).verdict == "voided"
    plans.submit(w.ctx("zhangwei"), number, expected_version=rv(w, number))
    plans.approve(w.ctx("wangfang"), number, 2, PASSWORD, acknowledge_warnings=True, expected_version=rv(w, number))
    later = documents.check_code(w.ctx(), code)
    assert (later.verdict, later.exit_code, later.newer.version) == ("superseded", 7, "V2")
    assert "已被 V2" in later.describe()[0]
    result = documents.verify(w.ctx(), v1.content)
    assert (result.verdict, result.exit_code, result.newer.version) == ("superseded", 7, "V2")
    v2 = documents.archived(w.ctx(), number, "plan")
    assert documents.verify(w.ctx(), v2.content).verdict == "identical"
    assert documents.check_code(w.ctx(), documents.page_code(v2)).verdict == "current"


def test_a_qr_payload_is_read_and_checked_against_its_code(sqlite_world):
    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    v1 = documents.archived(w.ctx(), number, "plan")
    sha = checking.content_sha256(v1)
    payload = f"relgui-doc:1;number={number};kind=plan;version=V1;sha256={sha};chain=5:ab"
    q = checking.parse_code(payload)
    assert (q.code, q.sha256, q.number, q.version) == (sha[:12], sha, number, "V1")
    assert documents.check_code(w.ctx(), payload).verdict == "current"
    assert documents.check_code(w.ctx(), payload.replace("V1", "V3")).verdict == "changed"
    draft = f"relgui-doc:1;number={number};kind=plan;version=draft;sha256={'ab' * 32};chain=-"
    assert documents.check_code(w.ctx(), draft).verdict == "draft"
    assert checking.parse_code(payload.replace(sha, "xyz")) is None


def test_a_signature_code_still_checks_its_signature(sqlite_world):
    """R-DOC-SIGN on paper: the code under a signature is enough to check it."""
    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    code = documents.generate(w.ctx("zhangwei"), number, "plan").model.parts[-1].blocks[1].code
    found = documents.check_code(w.ctx(), code.lower().replace("-", " "))
    assert (found.what, found.verdict, found.number) == ("signature", "current", number)
    assert found.signature.params["signer"] == "王芳"
    assert found.describe()[0].startswith(f"核验码 {code} 是 {number} 的签名校验码：签名 {code}")
    write_plan(w, number, content={"purpose": {"text": "改动后的目的。"}})
    assert documents.check_code(w.ctx(), code).verdict == "voided"
    unknown = documents.check_code(w.ctx(), "0000-0000-0000")
    assert (unknown.verdict, unknown.exit_code) == ("unknown", 9)
    with pytest.raises(InvalidInput):
        documents.check_code(w.ctx(), "12345")
    with pytest.raises(InvalidInput):
        documents.check_code(w.ctx(), None)


def test_a_face_read_as_lines_is_compared_as_running_text(closed_world):
    """How a PDF reader plugs in (verify.READERS): a Content with exact=False, lines per page,
    the header and footer on every page with real page numbers, is held against the archived
    document's units as running text."""
    import re

    stored = documents.archived(closed_world.ctx(), closed_world.numbers[0], "report")
    ref = docx_reader.content(stored.content)
    body = "".join(u.text for u in ref.part("body"))
    lines = [body[i:i + 37] for i in range(0, len(body), 37)]  # wrapped anywhere, as a page shows it

    def face(lines: list[str], footer: str = "第 {n} 页 共 3 页") -> compare.Content:
        units = [compare.Unit("header", ref.part("header")[0].text) for _ in range(3)]
        units += [compare.Unit("body", x) for x in lines]
        units += [compare.Unit("contents", re.sub("⟪field:PAGEREF[^⟫]*⟫", "7", u.text)) for u in ref.part("contents")]
        units += [compare.Unit("footer", footer.format(n=n)) for n in (1, 2, 3)]
        return compare.Content("pdf", tuple(units), exact=False)

    assert compare.differences(ref, face(lines)) == []
    at = next(i for i, x in enumerate(lines) if i >= 5 and "发布" in x)
    edited = [x.replace("发布", "撤销", 1) if i == at else x for i, x in enumerate(lines)]
    changes = compare.differences(ref, face(edited))
    assert [c.part for c in changes] == ["body"] and "撤销" in changes[0].found
    changes = compare.differences(ref, face(lines, "第 {n} 页 共 1 页（全）"))
    assert [c.part for c in changes] == ["footer"] * 3


def test_every_verdict_is_one_sentence_in_both_languages(closed_world):
    """Each verdict of doc verify and doc check has its sentence, every placeholder filled."""
    import re

    stored = documents.archived(closed_world.ctx(), closed_world.numbers[0], "report")
    ref = checking.Reference(stored.id, stored.number, "report", stored.sha256, stored.content, "2026.11.03", "李娜")
    query = checking.parse_code(documents.page_code(stored))
    for verdict in checking.VERDICTS:
        v = checking.Verification(verdict, stored.number, "report", "V1", stored.sha256, ref, ref,
                                  reason="doc_reason_not_archived" if verdict == "unknown" else
                                  "doc_reason_version_conflict" if verdict == "conflict" else "")
        c = checking.CodeCheck(verdict if verdict in checking.CHECKS else "current", query, "document",
                               stored.number, "report", "V1", ref, ref)
        for lang in ("zh_CN", "en"):
            for line in (v.describe(lang)[0], c.describe(lang)[0]):
                assert "{" not in line and not re.search(r"doc_[a-z_]+", line), (verdict, lang, line)
                assert ("release change report" in line or "Code" in line or "Cannot" in line
                        or "archive" in line) if lang == "en" else "发布变更报告" in line or "核验码" in line, line


# ------------------------------------------------------------------ the reader


def test_the_reader_sees_every_part_and_empty_cells(closed_world):
    made = documents.generate(closed_world.ctx("lina"), closed_world.numbers[0], "report")
    face = docx_reader.content(made.content)
    parts = {u.part for u in face.units}
    assert parts == {"header", "body", "contents", "footer"}
    header = face.part("header")[0].text
    assert header.endswith(f"文件编号：{made.number}-BG 版本：V1"), header  # the report's own number, its version
    assert face.part("footer")[0].text == "第 ⟪field:PAGE⟫ 页 共 ⟪field:NUMPAGES⟫ 页"
    assert any(u.cell and u.text == "" for u in face.units)  # empty cells are units
    assert face.identity["kind"] == "report" and face.identity["version"] == "V1"
    assert face.identity["content_sha256"] == made.model.digest()
    assert compare.shown("a⟦hidden+tiny:b⟧⟪field:PAGE⟫", "en") == "a[hidden text, tiny font: b]{page}"


# ------------------------------------------------------------------ 文档 → 核验


def test_the_verify_dialog_answers_in_words_and_shows_the_archive(sqlite_world, tmp_path, qtbot, monkeypatch):
    """The 文档 menu opens 核验: a page code typed (or a QR text pasted) names the archived
    document, version and state; a file gives its verdict and changes; the archived document
    can be shown beside the paper."""
    from gui_support import gui_context
    from PySide6.QtWidgets import QApplication

    from relgui.gui import docview, files
    from relgui.gui.main_window import MainWindow

    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    stored = documents.archived(w.ctx(), number, "plan")
    win = MainWindow(gui_context(w, "auditor", tmp_path))
    qtbot.addWidget(win)
    win.findChild(type(win.refresh_action), "verify_document").trigger()
    dialog = next(d for d in QApplication.topLevelWidgets() if d.objectName() == "verify_document")
    qtbot.addWidget(dialog)
    code = documents.page_code(stored)
    dialog.code.setText(code.lower())
    dialog.check_button.click()
    assert dialog.verdict.text() == dialog.verification.describe()[0]
    assert dialog.verdict.text().startswith(f"核验码 {code} 对应归档的 {number} 发布计划 V1") and "现行版本" in dialog.verdict.text()
    assert "有效" in dialog.details.toPlainText() and dialog.show_button.isEnabled()
    shown = []
    monkeypatch.setattr(docview, "preview", lambda parent, model: shown.append(model))
    dialog.show_button.click()
    assert shown[0].number == number and shown[0].digest() == checking.content_sha256(stored)
    # An archived file without a model of its own is opened by the system: a private copy named
    # in words (the title Word shows), not by the document's key.
    from PySide6.QtGui import QDesktopServices

    opened = []
    with monkeypatch.context() as m:
        m.setattr(checking.Reference, "model", lambda self: None)
        m.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
        dialog.show_button.click()
    from pathlib import Path

    copy = Path(opened[0])
    assert copy.name == f"{number} 发布计划 V1.docx" and copy.read_bytes() == stored.content
    edited = tmp_path / "edited.docx"
    edited.write_bytes(_edit(stored.content, "观察 24 小时", "观察 2 小时"))
    monkeypatch.setattr(files, "get_open_file_name", staticmethod(lambda *a, **k: (str(edited), "")))
    dialog.file_button.click()
    assert dialog.verdict.text() == f"与归档的 {number} 发布计划 V1 不一致：1 处改动"
    assert "文档中为“观察 2 小时，更新 CMDB。”" in dialog.details.toPlainText()
    dialog.code.setText("0000-0000-0000")
    dialog.check_button.click()
    assert dialog.verdict.text() == "没有与核验码 0000-0000-0000 对应的归档文档或签名"
    assert not dialog.show_button.isEnabled()
    english = MainWindow(gui_context(w, "auditor", tmp_path, "en"))
    qtbot.addWidget(english)
    from relgui.gui.dialogs.verify_document import VerifyDocumentDialog

    en = VerifyDocumentDialog(english.gctx, english)
    qtbot.addWidget(en)
    en.code.setText(f"relgui-doc:1;number={number};kind=plan;version=V1;sha256={checking.content_sha256(stored)}")
    en.check_button.click()
    assert en.verdict.text().startswith(f"Code {code} is the archived {number} release plan V1")
    assert en.check_button.text() == "Check"
    # The check shown is kept under its own name: QDialog.result() is still Qt's (it held the check once).
    from PySide6.QtWidgets import QDialog

    en.done(QDialog.DialogCode.Accepted.value)
    assert en.result() == QDialog.DialogCode.Accepted.value and en.verification is not None
