"""Anchors: the audit chain's head, kept outside the database.

A hash chain proves every event since the first — unless whoever holds the database cuts its
tail or rewrites it from some point on, recomputing every later hash. Only a head remembered
elsewhere shows that. relgui keeps heads where the database's owner cannot reach them:

- each backup's manifest (``audit_head``), in the backup file;
- the workstation's own anchor log (``anchors.jsonl`` in the per-user data folder): the head
  at each successful ``audit verify``, each backup and each restore;
- files given on the command line (a backup, a folder of backups, an anchor log).

``check`` holds the chain against every anchor: the event at the anchor's sequence must still
exist and still have the anchor's hash. A cut tail leaves an anchor beyond the head; a
rewritten or forked chain changes the hash at the anchor (every hash depends on all before it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from relgui.documents import pdffile
from relgui.domain import text
from relgui.domain.messages import say
from relgui.services.context import AppContext, reading
from relgui.store import audit
from relgui.store.engine import data_dir
from relgui.store.models import AuditEvent

LOG_NAME = "anchors.jsonl"
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    source: str  # where it was found: "verify", "backup:<file>", a path …
    at: str = ""  # when it was taken (ISO), if known
    database: str = ""  # which database it belongs to (its description), if known

    def as_dict(self) -> dict:
        return {"seq": self.seq, "hash": self.hash, "source": self.source, "at": self.at, "database": self.database}


@dataclass(frozen=True)
class AnchorCheck:
    anchor: Anchor
    problem: str  # "" (holds) | "cut" (beyond the head) | "rewritten" (another hash at its sequence)
    found_hash: str = ""


def log_path() -> Path:
    return data_dir() / LOG_NAME


def _valid(seq: object, h: object) -> bool:
    return isinstance(seq, int) and not isinstance(seq, bool) and seq > 0 and isinstance(h, str) \
        and bool(_HEX64.fullmatch(h))


def remember(ctx: AppContext, head: tuple[int, str], source: str, path: Path | None = None) -> Anchor | None:
    """Append a head to the workstation's anchor log (created 0600). Never fails the caller:
    an anchor that cannot be written is a lost chance to detect, not an error of the act."""
    seq, h = head
    if not _valid(seq, h):
        return None
    anchor = Anchor(seq, h, source, ctx.clock.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
                    ctx.db.describe())
    target = path or log_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        # backslashreplace: a file name that is not text (undecodable bytes) stays a JSON escape
        with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(json.dumps(anchor.as_dict(), ensure_ascii=False) + "\n")
    except OSError:
        return None
    return anchor


def _from_log(path: Path, database: str | None) -> list[Anchor]:
    out: list[Anchor] = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return out
    for line in lines:
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if not isinstance(d, dict) or not _valid(d.get("seq"), d.get("hash")):
            continue
        if database is not None and d.get("database") not in ("", None, database):
            continue  # another database's anchor
        out.append(Anchor(d["seq"], d["hash"], str(d.get("source") or path.name), str(d.get("at") or ""),
                          str(d.get("database") or "")))
    return out


def _from_backup(path: Path) -> list[Anchor]:
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("manifest.json")
            if info.file_size > 1 << 20:
                return []
            manifest = json.loads(zf.read(info).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, UnicodeDecodeError):
        return []
    head = manifest.get("audit_head") if isinstance(manifest, dict) else None
    if isinstance(head, list) and len(head) == 2 and _valid(head[0], head[1]):
        return [Anchor(head[0], head[1], f"backup:{path.name}", str(manifest.get("created_at") or ""))]
    return []


MAX_DOCUMENT = 64 << 20  # a printed document's file is far smaller; bigger files are not read


def _from_document(path: Path) -> list[Anchor]:
    """The chain head a document was made at (its basis, and on a PDF page's QR code): an
    archived or exported 发布计划 / 发布变更报告 kept outside the database."""
    try:
        if path.stat().st_size > MAX_DOCUMENT:
            return []
        data = path.read_bytes()
    except OSError:
        return []
    chain = None
    try:
        if path.suffix.lower() == ".pdf":
            found = pdffile.embedded(data) or {}
            chain = (found.get("identity") or {}).get("chain")
        else:
            from relgui.documents import docx_reader  # lazy: lxml, ~16-36 ms, for a .docx named as an anchor only

            found = docx_reader.embedded(data) or {}
            model = found.get("model", found) if isinstance(found, dict) else {}
            if isinstance(model, str):
                model = json.loads(model)
            chain = ((model or {}).get("basis") or {}).get("chain")
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return []
    if isinstance(chain, dict) and _valid(chain.get("seq"), chain.get("hash")):
        return [Anchor(chain["seq"], chain["hash"], f"document:{path.name}")]
    return []


def found_in(paths: Iterable[str | Path], database: str | None = None) -> list[Anchor]:
    """Anchors in the given files and folders (backups, exported or printed-to-file documents,
    anchor logs), and in this workstation's own log."""
    out = _from_log(log_path(), database)
    for p in paths:
        path = text.path(p, "anchors")
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() == ".zip":
                out += _from_backup(f)
            elif f.suffix.lower() in (".jsonl", ".json"):
                out += _from_log(f, None)
            elif f.suffix.lower() in (".docx", ".pdf"):
                out += _from_document(f)
    unique: dict[tuple[int, str, str], Anchor] = {}
    for a in out:
        unique.setdefault((a.seq, a.hash, a.source), a)
    return sorted(unique.values(), key=lambda a: (a.seq, a.source))


def check(ctx: AppContext, anchors: Iterable[Anchor]) -> list[AnchorCheck]:
    """Each anchor against the chain as it is now."""
    anchors = list(anchors)
    with reading(ctx) as s:
        head_seq, _ = audit.head(s)
        wanted = sorted({a.seq for a in anchors if a.seq <= head_seq})
        hashes: dict[int, str] = {}
        for i in range(0, len(wanted), 500):
            hashes.update(dict(s.execute(select(AuditEvent.seq, AuditEvent.hash)
                                         .where(AuditEvent.seq.in_(wanted[i:i + 500]))).all()))
    out = []
    for a in anchors:
        if a.seq > head_seq:
            out.append(AnchorCheck(a, "cut"))
        elif hashes.get(a.seq) != a.hash:
            out.append(AnchorCheck(a, "rewritten", hashes.get(a.seq, "")))
        else:
            out.append(AnchorCheck(a, ""))
    return out


def describe(result: AnchorCheck, lang: str = "zh_CN") -> str:
    a = result.anchor
    where = f"{a.source}" + (f" ({a.at})" if a.at else "")
    code = {"": "audit_anchor_holds", "cut": "audit_anchor_cut"}.get(result.problem, "audit_anchor_rewritten")
    return say(code, lang, seq=a.seq, hash=a.hash[:12], where=where)
