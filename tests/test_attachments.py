"""Evidence files stored with a release (services.attachments), on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os

import pytest
from flows import entry_v, release_at

from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.domain.states import Status
from relgui.services import attachments, auditing, details, execution


def test_added_file_is_stored_with_hash_size_and_who(world, tmp_path):
    """R-4.3.1-PRECHECK evidence file, R-1.3-TRACE: stored exactly, audited, linkable to an item."""
    number = release_at(world, Status.PLAN_APPROVED)
    source = tmp_path / "备份校验.log"
    source.write_bytes("备份完整 OK\n".encode())
    view = attachments.add(world.ctx("zhangwei"), number, source, "备份校验日志")
    assert view.filename == "备份校验.log" and view.size == source.stat().st_size
    assert view.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert view.added_by == "张伟"
    execution.record_item(world.ctx("zhangwei"), number, "precheck", "backup", "pass", evidence="见附件",
                          attachment_id=view.id, expected_version=entry_v(world, number, "precheck", "backup"))
    assert attachments.evidence_of(world.ctx(), number) == {("precheck", "backup"): view.id}
    listed = attachments.list_for(world.ctx(), number)
    assert [a.id for a in listed] == [view.id]
    audit = details.show_json(world.ctx(), number)["audit"]
    added = [e for e in audit if e["action"] == "attachment.add"][0]
    assert added["detail"]["sha256"] == view.sha256 and added["actor"] == "张伟"
    assert auditing.verify(world.ctx()).ok


def test_export_and_detect_a_copy_changed_behind_the_app(world, tmp_path):
    """R-1.3-TRACE: the local copy is only a copy; a change to it is detected by its SHA-256."""
    number = release_at(world, Status.PLAN_APPROVED)
    view = attachments.add(world.ctx("zhangwei"), number, b"%PDF-1.4 evidence", filename="环境检查.pdf")
    path = attachments.export(world.ctx("auditor"), view.id, tmp_path / "copies")
    assert path.read_bytes() == b"%PDF-1.4 evidence"
    assert attachments.copy_state(path, view.sha256) == "same"
    os.chmod(path, 0o600)
    path.write_bytes(b"%PDF-1.4 edited")
    assert attachments.copy_state(path, view.sha256) == "changed"
    again = attachments.export(world.ctx("auditor"), view.id, tmp_path / "copies")
    assert again == path and attachments.copy_state(path, view.sha256) == "same"
    path.chmod(0o600)
    path.unlink()
    assert attachments.copy_state(path, view.sha256) == "missing"


def test_refusals(world, tmp_path):
    """Empty files, readers and closed releases are refused with a reason (R-1.3-TRACE)."""
    number = release_at(world, Status.PLAN_APPROVED)
    with pytest.raises(InvalidInput) as exc:
        attachments.add(world.ctx("zhangwei"), number, b"", filename="空.txt")
    assert exc.value.message() == "文件“空.txt”是空的，不能作为证据"
    with pytest.raises(PolicyViolation) as exc:
        attachments.add(world.ctx("auditor"), number, b"x", filename="a.txt")
    assert exc.value.refusals[0].code == "attachment_role"
    with pytest.raises(InvalidInput) as exc:
        attachments.add(world.ctx("zhangwei"), number, tmp_path / "nope.txt")
    assert exc.value.refusals[0].code == "attachment_unreadable"
    closed = release_at(world, Status.CLOSED)
    with pytest.raises(PolicyViolation) as exc:
        attachments.add(world.ctx("zhangwei"), closed, b"x", filename="a.txt")
    assert exc.value.message() == "发布已结束，不能再添加附件"


def test_copy_names_are_safe_on_windows(tmp_path):
    view = attachments.AttachmentView(7, 1, 'a<b>:c?.txt', "0" * 64, 1, "", "", None)
    assert attachments.copy_path(tmp_path, view).name == "7-a_b__c_.txt"
