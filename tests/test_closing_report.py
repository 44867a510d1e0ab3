"""The 发布变更报告 frozen and signed at closure (R-4.2.2-CLOSE, R-4.4.2-ARCHIVE, R-DOC-SIGN):
archived in the closing unit of work, covered by the closing signature; a later change makes a
new version only through a reissue with its reason; closure refused while the approved plan is
not archived; each document its own number (R-DOC-FORM)."""

from __future__ import annotations

import pytest
from flows import PASSWORD, release_at, rv
from sqlalchemy import func, select

from relgui.domain.errors import PolicyViolation
from relgui.domain.messages import render
from relgui.domain.sealing import sealed_digest
from relgui.domain.states import Status
from relgui.services import closing, documents
from relgui.store.models import AuditEvent, Closure, Document, Release, Signature


def _close(world, n, who="lina"):
    return closing.close(world.ctx(who), n, "发布按计划完成。", PASSWORD, expected_version=rv(world, n))


def test_closure_archives_the_report_its_signature_covers(world):
    n = release_at(world, Status.AWAITING_CLOSE)
    sig = _close(world, n)
    stored = documents.archived(world.ctx("auditor"), n, "report")
    assert stored is not None and stored.revision_no == 1
    model = documents.model_of(stored)
    assert model.version == "V1" and model.doc_number == f"{n}-BG"
    assert sig.content_hash == sealed_digest(n, "success", "发布按计划完成。", model.signed_digest())
    face = documents.archived(world.ctx("auditor"), n, "report", "pdf")
    assert face is not None and face.revision_no == 1
    with world.db.read() as s:
        # one unit of work: the closing signature and the archive are consecutive events of one act
        acts = s.execute(select(AuditEvent.action).where(AuditEvent.release_id == s.execute(
            select(Release.id).where(Release.number == n)).scalar_one()).order_by(AuditEvent.seq)).scalars().all()
    assert acts[-3:] == ["release.close", "document.archive", "signature.close"]
    state = documents.closure_state(world.ctx("auditor"), n)
    assert state.code == "closure_sealed", state
    # what was archived in the closing transaction is what a rendering after it says (the stage
    # timeline's 已关闭 included): nothing to reissue
    report = documents.report_state(world.ctx("auditor"), n)
    assert report.version == "V1" and not report.stale
    assert any("已关闭" in t for k, t in model.units() if k == "stages")


def _report_rows(world, n) -> list[Document]:
    with world.db.read() as s:
        rid = s.execute(select(Release.id).where(Release.number == n)).scalar_one()
        return s.execute(select(Document).where(Document.release_id == rid, Document.kind == "report")
                         .order_by(Document.id)).scalars().all()


def test_tampering_the_archived_report_breaks_the_closure_signature(world):
    """The closing signature covers the report's content: another report put in the archive's
    place (its SHA-256 column rewritten to match) no longer has a signature that covers it."""
    from sqlalchemy import text

    n = release_at(world, Status.AWAITING_CLOSE)
    _close(world, n)
    stored = documents.archived(world.ctx(), n, "report")
    assert documents.verify(world.ctx(), stored.content).verdict == "identical"
    closing.add_knowledge(world.ctx("zhangwei"), "回退包须提前校验", "证书过期导致回退。", release=n)
    forged = documents.generate(world.ctx("lina"), n, "report")  # says V1 too, with the lesson
    assert forged.model.version == "V1" and forged.model.signed_digest() != documents.model_of(stored).signed_digest()
    with world.owner_engine.begin() as conn:  # behind the application, the hash column kept consistent
        conn.execute(text("UPDATE documents SET content = :c, sha256 = :h WHERE id = :i"),
                     {"c": forged.content, "h": forged.sha256, "i": stored.id})
    state = documents.closure_state(world.ctx("auditor"), n)
    assert state.code == "closure_report_changed" and not state.ok
    assert "V1" in render(state.refusal, "zh_CN") and "no longer what was signed" in render(state.refusal, "en")
    result = documents.verify(world.ctx(), forged.content)
    assert result.verdict != "identical" and not result.ok


def test_tampered_bytes_break_the_closure_signature(sqlite_world):
    """The file's bytes no longer hashing as archived (and recorded by the audit trail)."""
    from sqlalchemy import text

    w = sqlite_world
    n = release_at(w, Status.AWAITING_CLOSE)
    _close(w, n)
    stored = documents.archived(w.ctx(), n, "report")
    with w.owner_engine.begin() as conn:
        conn.execute(text("UPDATE documents SET content = :c WHERE id = :i"),
                     {"c": stored.content[:100] + bytes([stored.content[100] ^ 0xFF]) + stored.content[101:],
                      "i": stored.id})
    assert documents.closure_state(w.ctx(), n).code == "closure_report_changed"


def test_a_lesson_after_closure_leaves_v1_until_a_reissue_makes_v2(world, capsys, tmp_path):
    """Nothing is silently regenerated: doc report gives the archived V1 and says the records
    changed; the manager's reissue (with its reason) makes V2, signed, with its revision record."""
    from relgui.cli.main import main

    n = release_at(world, Status.AWAITING_CLOSE)
    _close(world, n)
    v1 = documents.archived(world.ctx(), n, "report")
    closing.add_knowledge(world.ctx("zhangwei"), "回退包须提前校验", "证书过期导致回退。", release=n)
    state = documents.report_state(world.ctx("auditor"), n)
    assert state.version == "V1" and state.stale and state.archived.id == v1.id
    out_file = tmp_path / "report.docx"
    url = world.db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "doc", "report", n, "-o", str(out_file)]) == 0
    said = capsys.readouterr().out
    assert "归档文件" in said and "V1" in said and "重新签发" in said, said
    assert out_file.read_bytes() == v1.content  # the archived file, byte for byte
    assert main(["--db", url, "doc", "verify", str(out_file)]) == 0
    said = capsys.readouterr().out
    assert "逐字节一致" in said and "不一致" not in said, said
    # the manager reissues, saying why; an engineer may not
    with pytest.raises(PolicyViolation) as refused:
        closing.reissue_report(world.ctx("zhangwei"), n, "补充经验总结", PASSWORD, expected_version=rv(world, n))
    assert refused.value.refusals[0].code == "wrong_role"
    v2 = closing.reissue_report(world.ctx("lina"), n, "补充经验总结：回退包须提前校验", PASSWORD,
                                expected_version=rv(world, n))
    model = documents.model_of(v2)
    assert v2.revision_no == 2 and model.version == "V2" and model.doc_number == f"{n}-BG"
    revisions = next(b for p in model.parts if p.key == "revisions" for b in p.blocks if hasattr(b, "rows"))
    assert [r[1] for r in revisions.rows] == ["V1", "V2"]
    assert revisions.rows[1][2] == "重新签发：补充经验总结：回退包须提前校验" and revisions.rows[1][3] == "李娜"
    assert "回退包须提前校验" in "\n".join(t for _, t in model.units())
    with world.db.read() as s:
        sig = s.execute(select(Signature).where(Signature.meaning == "reissue")).scalar_one()
    assert sig.reason == "补充经验总结：回退包须提前校验" and sig.signer_name == "李娜"
    assert sig.content_hash == sealed_digest(n, "success", "发布按计划完成。", model.signed_digest())
    assert documents.closure_state(world.ctx(), n).code == "closure_sealed"
    state = documents.report_state(world.ctx(), n)
    assert state.version == "V2" and not state.stale
    assert documents.verify(world.ctx(), v1.content).verdict == "superseded"
    assert documents.verify(world.ctx(), v2.content).verdict == "identical"
    with pytest.raises(PolicyViolation) as refused:  # nothing changed since V2: no V3
        closing.reissue_report(world.ctx("lina"), n, "再次签发", PASSWORD, expected_version=rv(world, n))
    assert refused.value.refusals[0].code == "reissue_unchanged"
    assert "V2" in render(refused.value.refusals[0], "zh_CN")
    assert len(_report_rows(world, n)) == 2


def test_reissue_through_relgui_admin(sqlite_world, capsys):
    import io
    import sys

    from relgui.cli.main import main

    w = sqlite_world
    n = release_at(w, Status.AWAITING_CLOSE)
    _close(w, n)
    closing.add_knowledge(w.ctx("zhangwei"), "经验", "证书须提前续期。", release=n)
    url = w.db.url.render_as_string(hide_password=False)
    old, sys.stdin = sys.stdin, io.StringIO(PASSWORD + "\n")
    try:
        code = main(["--db", url, "--user", "lina", "--password-stdin", "doc", "reissue", n, "--reason", "补充经验总结"])
    finally:
        sys.stdin = old
    out = capsys.readouterr().out
    assert code == 0 and "已重新签发" in out and "V2" in out, out
    assert [d.revision_no for d in _report_rows(w, n)] == [1, 2]


def test_closure_refused_while_the_approved_plan_is_not_archived(world):
    """R-4.4.2-ARCHIVE: the manager closes once the process documents are archived; refused in
    words, nothing written; after archiving the plan the closure goes through."""
    from sqlalchemy import text

    n = release_at(world, Status.AWAITING_CLOSE)
    with world.owner_engine.begin() as conn:  # as if archiving at approval had failed
        conn.execute(text("DELETE FROM documents WHERE kind IN ('plan', 'plan.pdf')"))
    with pytest.raises(PolicyViolation) as refused:
        _close(world, n)
    # 文档归档 was recorded 通过, so the record's consistency rule says it too (relgui.domain.closure);
    # closing's own rule holds whatever the checklist says (below, with 文档归档 不适用)
    r = refused.value.refusals[0]
    assert r.requirement == "R-4.4.2-ARCHIVE" and "发布计划" in render(r, "zh_CN")
    with world.db.read() as s:
        assert s.execute(select(func.count()).select_from(Closure)).scalar_one() == 0
        assert s.execute(select(Release.status).where(Release.number == n)).scalar_one() == "awaiting_close"
        assert s.execute(select(func.count()).select_from(Document).where(Document.kind == "report")).scalar_one() == 0
    documents.archive_plan(world.ctx("zhangwei"), n)
    _close(world, n)
    assert documents.closure_state(world.ctx(), n).ok


def test_plan_and_report_have_their_own_numbers_on_every_page(world):
    """R-DOC-FORM: 文件编号 per kind (FB-…-JH, FB-…-BG) and 版本 in every page header of both
    faces; 编制人, 审核, 批准人 on the form."""
    from relgui.documents import docx_reader

    n = release_at(world, Status.AWAITING_CLOSE)
    _close(world, n)
    plan, report = documents.archived(world.ctx(), n, "plan"), documents.archived(world.ctx(), n, "report")
    pm, rm = documents.model_of(plan), documents.model_of(report)
    assert (pm.doc_number, rm.doc_number) == (f"{n}-JH", f"{n}-BG")
    assert (pm.field("编制人"), pm.field("审核"), pm.field("批准人")) == ("张伟", "张伟", "王芳")
    assert rm.field("编制人") and rm.field("审核") == "张伟" and rm.field("批准人") == "李娜"
    for stored, model in ((plan, pm), (report, rm)):
        headers = [u.text for u in docx_reader.content(stored.content).part("header")]
        assert headers and all(h.endswith(f"文件编号：{model.doc_number} 版本：V1") for h in headers), headers
        face = documents.archived(world.ctx(), n, stored.kind, "pdf")
        from relgui.documents import pages as laid
        from relgui.documents import pdffile

        pages = laid.Pages.from_json(pdffile.embedded(face.content)["pages"]).pages
        texts = [[i[5] for i in p.items if i[0] == "t" and i[4] == "header"] for p in pages]
        assert texts and all(f"文件编号：{model.doc_number}　版本：V1" in t for t in texts), texts[:2]
        foot = [[i[5] for i in p.items if i[0] == "t" and i[4] == "footer"] for p in pages]
        assert all(any(x.startswith("核验码 ") for x in f) for f in foot)


def test_closing_refuses_an_unarchived_plan_whatever_the_checklist_says(sqlite_world):
    from sqlalchemy import text

    w = sqlite_world
    n = release_at(w, Status.AWAITING_CLOSE)
    with w.owner_engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE kind IN ('plan', 'plan.pdf')"))
        conn.execute(text("UPDATE checklist_entries SET result = 'na', reason = '另行归档' WHERE item = 'archive'"))
    with pytest.raises(PolicyViolation) as refused:
        _close(w, n)
    r = refused.value.refusals[0]
    assert r.code == "close_plan_not_archived" and r.requirement == "R-4.4.2-ARCHIVE"
    assert "发布计划（V1）尚未归档" in render(r, "zh_CN") and "not archived" in render(r, "en")
    with w.db.read() as s:
        assert s.execute(select(func.count()).select_from(Closure)).scalar_one() == 0


def test_document_number_patterns_are_company_settings(world):
    """R-DOC-FORM: the company's 文件编号 pattern per kind, checked like the release number's;
    the plan and the report can never be given one number."""
    from flows import company_v

    from relgui.domain.errors import InvalidInput
    from relgui.services import company

    base = dict(company_name="北京新都远景网络技术有限公司", department="运维管理部", number_pattern="FB-{year}-{seq:04d}")
    with pytest.raises(InvalidInput) as refused:
        company.save(world.ctx("admin"), **base, plan_number_pattern="{release}-BG", expected_version=company_v(world))
    assert refused.value.refusals[0].code == "doc_pattern_same"
    with pytest.raises(InvalidInput) as refused:
        company.save(world.ctx("admin"), **base, report_number_pattern="BG-{seq}", expected_version=company_v(world))
    assert "{release}" in render(refused.value.refusals[0], "zh_CN")
    assert company.get(world.ctx()).doc_patterns == {"plan": "{release}-JH", "report": "{release}-BG"}
    saved = company.save(world.ctx("admin"), **base, plan_number_pattern="JH/{release}",
                         report_number_pattern="BG/{release}", expected_version=company_v(world))
    assert saved.doc_patterns == {"plan": "JH/{release}", "report": "BG/{release}"}
    n = release_at(world, Status.PLAN_APPROVED)
    assert documents.model(world.ctx(), n, "plan").doc_number == f"JH/{n}"
    assert documents.model(world.ctx(), n, "report").doc_number == f"BG/{n}"
    with world.db.read() as s:
        changes = s.execute(select(AuditEvent.detail).where(AuditEvent.action == "company.save")
                            .order_by(AuditEvent.seq.desc()).limit(1)).scalar_one()["changes"]
    assert changes["plan_number_pattern"] == ["{release}-JH", "JH/{release}"]
