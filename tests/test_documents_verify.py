"""`doc verify`: a printed or saved document against the database (R-DOC-SIGN)."""

from __future__ import annotations

import io
import json

import docx
import pytest
from sqlalchemy import text

from flows import release_at, write_plan
from relgui.domain.errors import InvalidInput
from relgui.domain.states import Status
from relgui.services import documents
from test_documents_support import open_docx, rolled_back_and_closed


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
    """R-DOC-SIGN, R-4.4.2-ARCHIVE: content and signature match; the archived file is recognised."""
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    stored = documents.archive_plan(world.ctx("lina"), number)
    result = documents.verify(world.ctx("auditor"), stored.content)
    assert result.ok and result.version == "V1" and result.kind == "plan"
    assert _codes(result) == ["doc_sig_valid", "doc_archived_same"]
    assert "文档内容与签名均与数据库一致" in result.describe()[0]


def test_a_hand_edited_run_is_found_and_its_part_named(world):
    """R-DOC-SIGN: edit one run with python-docx; verify names the section that differs."""
    number = release_at(world, Status.PLAN_APPROVED)
    made = documents.generate(world.ctx("zhangwei"), number, "plan")
    edited = _edit(made.content, "观察 24 小时", "观察 2 小时")
    result = documents.verify(world.ctx(), edited)
    assert not result.ok and result.differing_parts == ["部署后工作计划"]
    note = result.notes[0]
    assert note.params["expected"] == "观察 24 小时，更新 CMDB。" and note.params["found"] == "观察 2 小时，更新 CMDB。"
    assert "“部署后工作计划”与数据库不一致" in result.describe()[1]


def test_an_edited_table_value_and_verification_code_are_found(sqlite_world):
    """R-DOC-SIGN: a value in a table and the printed code of the signature."""
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    made = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    code = made.model.parts[-1].blocks[1].code
    edited = _edit(_edit(made.content, "版本不兼容", "无风险"), code, "0000-0000-0000")
    result = documents.verify(sqlite_world.ctx(), edited)
    assert result.differing_parts == ["风险评估", "审批签署"]  # only the first 版本不兼容 was edited


def test_a_removed_paragraph_is_found(sqlite_world):
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    d = open_docx(documents.generate(sqlite_world.ctx("zhangwei"), number, "plan").content)
    gone = next(p for p in d.paragraphs if p.text == "修复已知缺陷。")
    gone._p.getparent().remove(gone._p)
    out = io.BytesIO()
    d.save(out)
    assert documents.verify(sqlite_world.ctx(), out.getvalue()).differing_parts == ["发布目的"]


def test_a_voided_approval_fails_verification_of_the_old_print(sqlite_world):
    """R-DOC-SIGN: an edit after approval voids the signature; the printed V1 no longer holds."""
    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    stored = documents.archive_plan(w.ctx("zhangwei"), number)
    write_plan(w, number, content={"purpose": {"text": "改动后的目的。"}})
    result = documents.verify(w.ctx(), stored.content)
    assert not result.ok and "doc_sig_voided" in _codes(result)
    assert "审批签署" in result.differing_parts  # the block now reads 已作废


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
    assert "doc_hash_mismatch" in _codes(result) and "发布目的" in result.differing_parts


def test_report_verifies_and_detects_a_forged_analysis(sqlite_world):
    """R-DOC-SIGN on the closing signature of the 发布变更报告."""
    w = sqlite_world
    number = rolled_back_and_closed(w)
    stored = documents.archive_report(w.ctx("lina"), number)
    assert documents.verify(w.ctx(), stored.content).ok
    with w.db.engine.begin() as conn:
        conn.execute(text("UPDATE closures SET analysis = '一切正常。'"))
    result = documents.verify(w.ctx(), stored.content)
    assert "doc_hash_mismatch" in _codes(result) and result.differing_parts == ["成败分析"]


def test_a_draft_verifies_later_against_its_own_time(sqlite_world):
    """A draft carries the time it was made (编制时间); verifying later rebuilds it as of then."""
    number = release_at(sqlite_world, Status.PLANNING)
    made = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    sqlite_world.clock.advance(days=3)
    assert documents.verify(sqlite_world.ctx(), made.content).ok


def test_foreign_and_broken_files_are_refused(sqlite_world):
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(InvalidInput) as exc:
        documents.verify(sqlite_world.ctx(), out.getvalue())
    assert exc.value.refusals[0].code == "doc_not_generated"
    with pytest.raises(InvalidInput) as exc:
        documents.verify(sqlite_world.ctx(), b"not a zip at all")
    assert exc.value.refusals[0].code == "doc_unreadable"


def test_a_printed_code_alone_finds_its_signature_and_state(sqlite_world):
    """R-DOC-SIGN on paper: the code under a signature is enough to check it."""
    from relgui.domain.errors import NotFound

    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    code = documents.generate(w.ctx("zhangwei"), number, "plan").model.parts[-1].blocks[1].code
    found, state = documents.check_code(w.ctx(), code.lower().replace("-", " "))
    assert found == number and state.code == "doc_sig_valid" and state.params["signer"] == "王芳"
    write_plan(w, number, content={"purpose": {"text": "改动后的目的。"}})
    assert documents.check_code(w.ctx(), code)[1].code == "doc_sig_voided"
    with pytest.raises(NotFound):
        documents.check_code(w.ctx(), "0000-0000-0000")
    with pytest.raises(InvalidInput):
        documents.check_code(w.ctx(), "12345")
