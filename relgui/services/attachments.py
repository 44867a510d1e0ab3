"""Evidence files kept with a release: exact bytes in the database, with SHA-256 and size.

Checklist items may point at one as their evidence (R-4.3.1-PRECHECK, R-4.4.1-VERIFY); adding
one is audited (R-1.3-TRACE). To look at a file it is exported to a local folder and opened
by the system viewer; the exported copy is only a copy, so a change made to it outside the
application is detected by comparing its SHA-256 with the stored one (``copy_state``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from relgui.domain import text
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import TERMINAL, Role
from relgui.fsutil import safe_filename, write_private
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.services.facts import load_release
from relgui.store.engine import refuse_live_database_file
from relgui.store.models import Attachment, ChecklistEntry, User

# Evidence is screenshots, logs and scans, not installers: the database is no file server.
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentView:
    id: int
    release_id: int
    filename: str
    sha256: str
    size: int
    note: str
    added_by: str
    added_at: dt.datetime


def _view(a: Attachment, names: dict[int, str]) -> AttachmentView:
    return AttachmentView(a.id, a.release_id, a.filename, a.sha256, a.size, a.note,
                          names.get(a.added_by_id, "") if a.added_by_id is not None else "", a.added_at)


def _read_source(source: str | Path | bytes, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), filename or ""
    path = text.path(source, "file")
    # The database relgui has open is refused before it is opened: reading it here would drop
    # SQLite's locks on it (relgui.store.engine, LiveDatabaseFile).
    refuse_live_database_file(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(Refusal("attachment_too_large", params={"limit": MAX_BYTES // (1024 * 1024)}))
        return path.read_bytes(), filename or path.name
    except OSError as exc:
        raise InvalidInput(Refusal("attachment_unreadable", params={"detail": f"{path.name}: {exc.strerror or exc}"})) \
            from None


def add(ctx: AppContext, release: int | str, source: str | Path | bytes, note: str = "", *,
        filename: str | None = None) -> AttachmentView:
    """Store a file (a path, or bytes with ``filename``) with the release; audited."""
    content, name = _read_source(source, filename)
    name = text.line(name, "name", limit=255)
    note = text.block(note, "note", limit=2000)
    if not content:
        raise InvalidInput(Refusal("attachment_empty", params={"name": name}))
    if len(content) > MAX_BYTES:
        raise InvalidInput(Refusal("attachment_too_large", params={"limit": MAX_BYTES // (1024 * 1024)}))
    digest = hashlib.sha256(content).hexdigest()
    with unit_of_work(ctx) as w:
        rel = load_release(w.s, release, lock=True)
        _may_add(w.actor, rel.status)
        row = Attachment(release_id=rel.id, filename=name, sha256=digest, size=len(content), content=content,
                         note=note, added_by_id=w.actor.user_id, added_at=w.now)
        w.s.add(row)
        w.s.flush()
        w.audit("attachment.add", "attachment", row.id, release_id=rel.id, filename=name, sha256=digest,
                size=len(content), note=note[:200])
        return _view(row, {} if w.actor.user_id is None else {w.actor.user_id: w.actor.display_name})


def _may_add(actor, status: str) -> None:
    # R-1.3-TRACE: a closed record is final; evidence is added while the work is going on.
    if status in TERMINAL:
        raise PolicyViolation(Refusal("attachment_closed", "R-1.3-TRACE"))
    if actor.user_id is not None and not (actor.has(Role.ENGINEER) or actor.has(Role.MANAGER)):
        raise PolicyViolation(Refusal("attachment_role", "R-1.3-TRACE"))


def list_for(ctx: AppContext, release: int | str) -> list[AttachmentView]:
    """The release's attachments, oldest first, without their content."""
    with reading(ctx) as s:
        rel = load_release(s, release)
        names = dict(s.execute(select(User.id, User.display_name)).all())
        cols = (Attachment.id, Attachment.release_id, Attachment.filename, Attachment.sha256, Attachment.size,
                Attachment.note, Attachment.added_by_id, Attachment.added_at)
        rows = s.execute(select(*cols).where(Attachment.release_id == rel.id).order_by(Attachment.id)).all()
        return [AttachmentView(r.id, r.release_id, r.filename, r.sha256, r.size, r.note,
                               names.get(r.added_by_id, ""), r.added_at) for r in rows]


def evidence_of(ctx: AppContext, release: int | str) -> dict[tuple[str, str], int]:
    """(checklist, item) → the attachment recorded as that item's evidence."""
    with reading(ctx) as s:
        rel = load_release(s, release)
        rows = s.execute(select(ChecklistEntry.checklist, ChecklistEntry.item, ChecklistEntry.attachment_id)
                         .where(ChecklistEntry.release_id == rel.id, ChecklistEntry.attachment_id.is_not(None)))
        return {(c, i): a for c, i, a in rows if a is not None}


def content(ctx: AppContext, attachment_id: int) -> tuple[AttachmentView, bytes]:
    with reading(ctx) as s:
        row = s.get(Attachment, attachment_id) if text.is_row_id(attachment_id) else None
        if row is None:
            raise NotFound.of("attachment", attachment_id)
        names = dict(s.execute(select(User.id, User.display_name).where(User.id == row.added_by_id)).all())
        return _view(row, names), bytes(row.content)


def copy_path(folder: str | Path, view: AttachmentView) -> Path:
    """Where the local copy of an attachment goes: one name per attachment, safe on Windows."""
    return Path(folder) / safe_filename(f"{view.id}-{view.filename}", folder=folder, fallback=f"{view.id}-attachment")


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a local file, or None when it is gone."""
    path = Path(path)
    if not path.is_file():
        return None
    refuse_live_database_file(path)
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_state(path: str | Path, sha256: str) -> str:
    """'missing', 'same' or 'changed': whether a local copy still holds the stored bytes."""
    found = file_sha256(path)
    return "missing" if found is None else ("same" if found == sha256 else "changed")


def export(ctx: AppContext, attachment_id: int, folder: str | Path) -> Path:
    """Write the stored bytes to ``folder`` (replacing an older copy), read-only, and check them."""
    view, data = content(ctx, attachment_id)
    if hashlib.sha256(data).hexdigest() != view.sha256:
        raise PolicyViolation(Refusal("attachment_altered", "R-1.3-TRACE", {"name": view.filename}))
    path = copy_path(text.path(folder, "folder"), view)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
    write_private(path, data)  # 0600 from its first byte (relgui.fsutil), atomically
    # Read-only (0400), so a viewer opens it as the record it is rather than a draft to edit.
    os.chmod(path, stat.S_IREAD)
    return path
