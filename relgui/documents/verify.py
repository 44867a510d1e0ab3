"""Is this file the archived document it says it is? (R-DOC-SIGN, R-4.4.2-ARCHIVE)

The reference is the archive, never a fresh rendering: a document is identified by its
release number, kind and version (版本 as printed: V1, V2 …) and by its content, and compared
with the archived document of that number, kind and version (the ``documents`` table). One
verdict comes out, in words and as an exit code (``VERDICTS``):

    identical   the archived file, byte for byte, and the current version          0
    changed     not what the archive holds: each unit that differs is named         4
                (part, section, table cell) with what the file and the archive say
    resaved     the archived content in another package (saved again by Word or     5
                LibreOffice): what a reader sees is the same
    draft       a draft (版本 草稿): never evidence, whatever it holds                6
    superseded  an archived version, but a later one exists (named)                 7
    voided      an archived version whose signature no longer holds (voided, or     8
                its record or the signed content no longer as signed)
    unknown     not a relgui document, or nothing of that number and kind archived  9
    conflict    the archive itself cannot serve as reference: two different         10
                contents under one version, or an archived file that no longer
                hashes as it did when it was archived

A file is read by the reader for its format (``READERS``: one function per format, bytes →
``compare.Content``): .docx by ``relgui.documents.docx_reader.content``, PDF by
``relgui.documents.pdf_reader.content``. A document's *content hash* is
``DocModel.digest()`` (every face of one document has the same); ``page_code`` is the code
printed on each of its pages (the first 12 hex digits of that hash), and ``parse_code`` reads
a typed code or a page's QR text back for ``doc check`` (``judge_code``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypedDict

from relgui.documents import docx_reader, package, pdf_reader, pdffile
from relgui.documents.compare import Change, Content, differences, shown
from relgui.documents.form import Source
from relgui.documents.model import DocModel, SignatureBlock
from relgui.domain import plan as plandom
from relgui.domain.closure import closure_digest
from relgui.domain.errors import Refusal
from relgui.domain.messages import pick, render, words

VERDICTS = {"identical": 0, "changed": 4, "resaved": 5, "draft": 6, "superseded": 7, "voided": 8,
            "unknown": 9, "conflict": 10}
CHECKS = {"current": 0, "changed": 4, "draft": 6, "superseded": 7, "voided": 8, "unknown": 9, "conflict": 10}
OK = {"identical", "resaved"}
DRAFT = "草稿"
DOC_TITLES = {"plan": ("发布计划", "release plan"), "report": ("发布变更报告", "release change report")}
FAILING_NOTES = {"doc_sig_voided", "doc_sig_broken", "doc_hash_mismatch"}
MAX_CHANGES = 30  # listed one by one; the rest counted

# One reader per file format, bytes → Content (ValueError: unreadable). Imported at module level
# (+~28 ms over relgui.services.documents, which imports this module): a reader that no longer
# exists fails at import, not when a file of its format is first verified.
READERS: dict[str, Callable[[bytes], Content]] = {
    "docx": docx_reader.content,
    "pdf": pdf_reader.content,
}


def sniff(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:5] == b"%PDF-":
        return "pdf"
    return ""


def reader(fmt: str) -> Callable[[bytes], Content] | None:
    """The reader of a format, None for a format relgui cannot read."""
    return READERS.get(fmt)


def version_number(version: str) -> int:
    m = re.fullmatch(r"[Vv](\d+)", version or "")
    return int(m.group(1)) if m else 0


# ------------------------------------------------------------------ page codes


def content_sha256(doc: Any) -> str:
    """The document's content hash (``DocModel.digest``: SHA-256 of what it says, the same for
    every face of one document — .docx, PDF, print) from a DocModel, anything holding one
    (``Generated``), a hex digest, or a file's bytes (its embedded identity)."""
    if isinstance(doc, DocModel):
        return doc.digest()
    model = getattr(doc, "model", None)
    if isinstance(model, DocModel):
        return model.digest()
    if isinstance(doc, (bytes, bytearray)):
        return identity(bytes(doc)).get("content_sha256", "")
    content = getattr(doc, "content", None)
    if isinstance(content, (bytes, bytearray)):
        return identity(bytes(content)).get("content_sha256", "")
    return doc if isinstance(doc, str) else ""


def page_code(doc: Any) -> str:
    """The code printed on every page: the first 12 hex digits of the document's content hash,
    grouped XXXX-XXXX-XXXX (``doc check`` and 文档 → 核验 find the archived document by it).
    A signature's code comes from the signature's own hash: a different number, and ``doc
    check`` says which of the two it found. ``doc``: a DocModel, a Generated, an Archived, the
    file's bytes or the hex content hash."""
    digest = content_sha256(doc)
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-fA-F]{12,64}", digest):
        raise ValueError("page_code: a DocModel, a document's bytes or its content SHA-256 in hexadecimal")
    code = digest[:12].upper()
    return f"{code[:4]}-{code[4:8]}-{code[8:12]}"


QR_PREFIXES = ("relgui-doc:1", "relgui:doc")


@dataclass(frozen=True)
class CodeQuery:
    code: str                      # 12 hex digits, lower case
    sha256: str = ""               # the full content hash when a QR payload gave it
    number: str = ""
    kind: str = ""
    version: str = ""
    page: str = ""


def parse_code(text: Any) -> CodeQuery | None:
    """A typed or pasted code (XXXX-XXXX-XXXX, any case, spaces or dashes), a full SHA-256, or
    the text of a page's QR code (``relgui-doc:1;number=…;kind=…;version=…;sha256=…;…``);
    None when it is none of these."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if text.startswith(QR_PREFIXES):
        fields = {}
        for item in re.split(r"[;&?]", text)[1:]:
            key, _, value = item.partition("=")
            fields[key.strip().lower()] = urllib.parse.unquote(value.strip())
        sha = fields.get("sha256", fields.get("h", "")).lower()
        code = re.sub(r"[\s-]", "", fields.get("code", fields.get("c", ""))).lower() or sha[:12]
        if (sha and not re.fullmatch(r"[0-9a-f]{64}", sha)) or not re.fullmatch(r"[0-9a-f]{12}", code) \
                or (sha and sha[:12] != code):
            return None
        version = fields.get("version", fields.get("v", ""))[:20]
        return CodeQuery(code, sha, fields.get("number", fields.get("n", ""))[:100],
                         fields.get("kind", fields.get("k", ""))[:20], DRAFT if version == "draft" else version,
                         fields.get("page", fields.get("p", ""))[:10])
    digits = re.sub(r"[\s-]", "", text).lower()
    if re.fullmatch(r"[0-9a-f]{64}", digits):
        return CodeQuery(digits[:12], digits)
    if re.fullmatch(r"[0-9a-f]{12}", digits):
        return CodeQuery(digits)
    return None


def _pdf_data(data: bytes) -> dict | None:
    """What a relgui PDF carries about itself (relgui.documents.pdffile), None without it."""
    try:
        return pdffile.embedded(data)
    except ValueError:
        return None


def embedded_model(data: bytes) -> DocModel | None:
    """The DocModel a relgui file carries (a .docx's relgui/model.json, a PDF's data stream)."""
    try:
        if sniff(data) == "docx":
            text = package.embedded_model(data)
        else:
            found = _pdf_data(data)
            text = found.get("model") if isinstance(found, dict) else None
        return DocModel.from_json(text) if isinstance(text, str) and text else None
    except Exception:  # noqa: BLE001 - a file without a readable model: nothing to show or check
        return None


def content_hash_of(data: bytes) -> str:
    """A file's content hash as it states it (a .docx's relgui.content_sha256, a PDF's
    identity), read as cheaply as the format allows: to find a document by its page code."""
    if sniff(data) == "docx":
        try:
            return docx_reader.properties(data).get("content_sha256", "")
        except ValueError:
            return ""
    return identity(data).get("content_sha256", "")


def pdf_identity(data: bytes) -> dict[str, str]:
    """The identity a relgui PDF's embedded data states ({} without it): no page is read, so
    it only says which archived document the file claims to be."""
    found = _pdf_data(data)
    ident = found.get("identity") if isinstance(found, dict) else None
    if not isinstance(ident, dict):
        return {}
    return {"kind": str(ident.get("kind", "")), "number": str(ident.get("number", "")),
            "version": str(ident.get("version", "")), "as_of": str(ident.get("as_of", "")),
            "content_sha256": str(ident.get("sha256", "")), "generated": "1"}


def identity(data: bytes) -> dict[str, str]:
    """Which document a file says it is (number, kind, version, content_sha256 …), read cheaply:
    a .docx's custom properties; another format through its reader."""
    if sniff(data) == "docx":
        try:
            return docx_reader.quick_identity(data)
        except ValueError:
            return {}
    if sniff(data) == "pdf":
        found = pdf_identity(data)
        if found:
            return found
    read = reader(sniff(data))
    try:
        return dict(read(data).identity) if read else {}
    except ValueError:
        return {}


# ------------------------------------------------------------------ the archive as reference


@dataclass
class Reference:
    """One archived document (a row of ``documents``) and what a reader sees in it."""

    id: int
    number: str
    kind: str
    sha256: str
    content: bytes
    created_at: str
    created_by: str
    revision_no: int | None = None
    recorded_sha: str | None = None     # what the audit trail recorded at archiving
    # A PDF face rendered from this archived .docx's own model, standing in for the face that
    # was never archived beside it (services.documents._derived_faces): not itself archived.
    derived_from: Reference | None = field(default=None, repr=False)
    _face: Content | None = field(default=None, repr=False)
    _ident: dict[str, str] | None = field(default=None, repr=False)

    @property
    def format(self) -> str:
        return sniff(self.content)

    @property
    def ident(self) -> dict[str, str]:
        """The identity the archived file carries (cheap: no full read for a .docx)."""
        if self._ident is None:
            self._ident = self._face.identity if self._face is not None else identity(self.content)
        return self._ident

    @property
    def content_sha(self) -> str:
        return self.ident.get("content_sha256", "")

    @property
    def face(self) -> Content:
        if self._face is None:
            read = reader(sniff(self.content))
            if read is None:
                raise ValueError(f"archived document {self.id}: no reader for its format")
            self._face = read(self.content)
        return self._face

    @property
    def version(self) -> str:
        shown_version = self.ident.get("version", "")
        if shown_version:
            return shown_version
        return f"V{self.revision_no}" if self.revision_no else ""

    @property
    def intact(self) -> bool:
        """Still the bytes that were archived: they hash to the stored SHA-256, which is the one
        the audit trail recorded."""
        return (hashlib.sha256(self.content).hexdigest() == self.sha256
                and (self.recorded_sha is None or self.recorded_sha == self.sha256)
                and (self.derived_from is None or self.derived_from.intact))

    def model(self) -> DocModel | None:
        return embedded_model(self.content)

    @property
    def derived(self) -> bool:
        """Rendered from an archived .docx, not an archived file itself."""
        return self.derived_from is not None


def ordered(refs: list[Reference]) -> list[Reference]:
    return sorted(refs, key=lambda r: (version_number(r.version), r.id))


# ------------------------------------------------------------------ the verdict


@dataclass(frozen=True)
class Verification:
    verdict: str                         # a key of VERDICTS
    number: str
    kind: str                            # plan | report | ""
    version: str                         # what the file says it is (V1, 草稿 …)
    sha256: str                          # the file's
    archived: Reference | None = None    # the archived document it was held against
    newer: Reference | None = None       # the newest archived version when it is later
    changes: tuple[Change, ...] = ()
    notes: tuple[Refusal, ...] = ()
    reason: str = ""                     # unknown/conflict: why, as a message code

    @property
    def exit_code(self) -> int:
        return VERDICTS[self.verdict]

    @property
    def ok(self) -> bool:
        """The content is the current archived document's (identical, or re-saved)."""
        return self.verdict in OK

    @property
    def title(self) -> str:
        return DOC_TITLES.get(self.kind, ("", ""))[0]

    @property
    def differing_parts(self) -> list[str]:
        """The sections where something differs, in order."""
        return list(dict.fromkeys(c.section or c.part for c in self.changes))

    def head(self, lang: str = "zh_CN") -> Refusal:
        a = self.archived
        p: dict[str, Any] = {
            "number": self.number, "doc": pick(DOC_TITLES.get(self.kind, ("文档", "document")), lang),
            "version": _version(self.version, lang), "sha": self.sha256[:16],
            "archived_version": _version(a.version, lang) if a else "", "archived_at": a.created_at if a else "",
            "archived_by": a.created_by if a else "",
            "newer": _version(self.newer.version, lang) if self.newer else "",
            "newer_at": self.newer.created_at if self.newer else "", "count": len(self.changes),
            "reason": "", "current": "",
        }
        p["claimed"] = ""
        if self.reason:
            p["reason"] = render(Refusal(self.reason, params=p), lang)
        if self.newer is not None and self.verdict in ("changed", "draft"):
            p["current"] = render(Refusal("doc_newer_exists", params=p), lang)
        if self.verdict == "changed" and a and self.version and self.version != a.version:
            p["claimed"] = render(Refusal("doc_claimed_version", params={"version": p["version"]}), lang)
        return Refusal(f"doc_verdict_{self.verdict}", "R-4.4.2-ARCHIVE", p)

    @staticmethod
    def change_text(c: Change, lang: str = "zh_CN") -> str:
        """One change in words: where, what the file says, what the archive says."""
        return render(Refusal("doc_change", "R-DOC-SIGN", change_params(c, lang)), lang)

    def describe(self, lang: str = "zh_CN") -> list[str]:
        """The verdict in one sentence, then each change, then the notes."""
        out = [render(self.head(lang), lang)]
        for c in self.changes[:MAX_CHANGES]:
            out.append(self.change_text(c, lang))
        if len(self.changes) > MAX_CHANGES:
            out.append(render(Refusal("doc_changes_more", params={"count": len(self.changes) - MAX_CHANGES}), lang))
        out += [render(n, lang) for n in self.notes]
        return out


def _version(version: str, lang: str) -> str:
    return words("doc_version_draft", lang) if version == DRAFT else version


def where(c: Change, lang: str = "zh_CN") -> str:
    """Where a change is, in words: the part, the section, the table cell and its label."""
    parts = {"header": ("页眉", "page header"), "footer": ("页脚", "page footer"), "contents": ("目录", "contents"),
             "notes": ("脚注", "notes"), "comments": ("批注", "comments"), "body": ("正文", "body")}
    pages = {"default": ("", ""), "first": ("首页", "first page"), "even": ("偶数页", "even pages")}
    name = pick(parts.get(c.part, (c.part, c.part)), lang)
    if c.page:  # a fixed-layout face: the page first
        if c.part in ("header", "footer"):
            what = pick({"qr": ("二维码", "QR code")}.get(c.label, ("", "")), lang)
            rest = words("doc_where_part_with", lang).format(name=name, what=what) if what else name
        else:
            rest = where(dataclasses.replace(c, page=0), lang)
        return words("doc_where_page", lang).format(page=c.page, rest=rest)
    if c.part in ("header", "footer"):
        sec, _, page = c.label.rpartition(":") if ":" in c.label else ("", "", c.label)
        kind = pick(pages.get(page, (page, page)), lang)
        if sec:
            return words("doc_where_section_kind" if kind else "doc_where_section", lang).format(
                name=name, sec=sec, kind=kind)
        return words("doc_where_kind", lang).format(name=name, kind=kind) if kind else name
    text = f"“{c.section}”" if c.section else name
    if c.cell:
        t, r, col = c.cell
        text = words("doc_where_cell_label" if c.label else "doc_where_cell", lang).format(
            text=text, t=t, r=r, col=col, label=c.label)
    elif c.label == "textbox":
        text = words("doc_where_textbox", lang).format(text=text)
    return text


def change_params(c: Change, lang: str, limit: int = 80) -> dict[str, Any]:
    """Where and both texts; long texts cut to the part that differs, with some context."""
    expected, found = shown(c.expected, lang, 10**6), shown(c.found, lang, 10**6)
    if c.expected and c.found and max(len(expected), len(found)) > limit:
        head = 0
        while head < min(len(expected), len(found)) and expected[head] == found[head]:
            head += 1
        tail = 0
        while (tail < min(len(expected), len(found)) - head
               and expected[len(expected) - 1 - tail] == found[len(found) - 1 - tail]):
            tail += 1
        start = max(0, head - 16)
        expected, found = (("…" if start else "") + t[start:len(t) - max(0, tail - 16)]
                           + ("…" if tail > 16 else "") for t in (expected, found))
    cut = [t if len(t) <= limit + 40 else t[:limit + 39] + "…" for t in (expected, found)]
    return {"where": where(c, lang), "expected": cut[0], "found": cut[1]}


def _diff(expected: Content, found: Content) -> list[Change]:
    """What differs: a fixed-layout face (a PDF) compares itself, glyph by glyph at its place
    (relgui.documents.pdf_reader.PdfContent.compare); other faces unit by unit."""
    own = getattr(expected, "compare", None)
    return own(found) if callable(own) else differences(expected, found)


def _changes_to(ref: Reference, face: Content) -> tuple[Change, ...]:
    return tuple(_diff(ref.face, face))


class _FileIdentity(TypedDict):
    """What a Verification says the file is (its first fields)."""

    number: str
    kind: str
    version: str
    sha256: str


def judge(face: Content, sha256: str, refs: list[Reference],
          state: Callable[[Reference], list[Refusal]]) -> Verification:
    """The verdict on a file (its content and SHA-256) against the archived documents of the
    number and kind it says it is; ``state`` gives the notes on an archived document's
    signatures and signed content as the database holds them now."""
    ident = face.identity
    number, kind, version = ident.get("number", ""), ident.get("kind", ""), ident.get("version", "")
    refs = ordered(refs)
    base: _FileIdentity = {"number": number, "kind": kind, "version": version, "sha256": sha256}
    match = next((r for r in refs if r.sha256 == sha256), None)
    if match is not None:  # the very bytes archived, whatever the file's properties say
        base["number"], base["kind"], base["version"] = match.number, match.kind, match.version
        how = "identical"
    else:
        if not kind or not number:
            return Verification("unknown", **base, reason="doc_reason_not_generated")
        if version == DRAFT:
            return Verification("draft", **base, newer=refs[-1] if refs else None)
        if not refs:
            return Verification("unknown", **base, reason="doc_reason_not_archived")
        alike = ([r for r in refs if r.format == face.format]  # a .docx against the archived .docx
                 or [r for r in refs if reader(r.format) is not None])
        if not alike:
            return Verification("unknown", **base, reason="doc_reason_not_archived")
        match = next((r for r in reversed(alike) if r.intact and not _diff(r.face, face)), None)
        how = "resaved"
        if match is None:
            claimed = [r for r in alike if r.version == version]
            target = claimed[-1] if claimed else min(alike, key=lambda r: (len(_changes_to(r, face)), -r.id))
            newer = refs[-1] if refs[-1].version != target.version else None
            doubts = _conflicts(target, refs)
            if doubts:  # the archived version itself is in doubt: no change can be told from it
                return Verification("conflict", **base, archived=target, notes=doubts,
                                    reason="doc_reason_archive_broken" if not target.intact
                                    else "doc_reason_version_conflict")
            return Verification("changed", **base, archived=target, newer=newer, changes=_changes_to(target, face))
    notes = list(_conflicts(match, refs))
    if not match.intact or any(n.code == "doc_version_conflict" for n in notes):
        return Verification("conflict", **base, archived=match, notes=tuple(notes),
                            reason="doc_reason_archive_broken" if not match.intact else "doc_reason_version_conflict")
    notes += state(match)
    latest = refs[-1]
    if version_number(latest.version) > version_number(match.version):
        return Verification("superseded", **base, archived=match, newer=latest, notes=tuple(notes))
    if any(n.code in FAILING_NOTES for n in notes):
        return Verification("voided", **base, archived=match, notes=tuple(notes))
    return Verification(how, **base, archived=match, notes=tuple(notes))


def _conflicts(match: Reference, refs: list[Reference]) -> tuple[Refusal, ...]:
    """Two different contents archived under one number, kind and version: refused as a
    reference (the version would no longer say which content it is)."""
    out = []
    if not match.intact:
        out.append(Refusal("doc_archive_broken", "R-4.4.2-ARCHIVE",
                           {"id": match.id, "sha": match.sha256[:16], "version": match.version}))
    for r in refs:
        if r.id == match.id or r.version != match.version or r.sha256 == match.sha256:
            continue
        if r.content_sha and match.content_sha:
            different = r.content_sha != match.content_sha
        else:  # no content hash to go by: what a reader sees, for two files of one format
            different = r.format == match.format and bool(_diff(r.face, match.face))
        if different:
            out.append(Refusal("doc_version_conflict", "R-4.4.2-ARCHIVE",
                               {"version": match.version, "a": match.sha256[:16], "b": r.sha256[:16],
                                "a_at": match.created_at, "b_at": r.created_at}))
    return tuple(out)


# ------------------------------------------------------------------ a printed code


@dataclass(frozen=True)
class CodeCheck:
    """What a code read off paper stands for: an archived document (the page code) or a
    signature (the code under it), and whether it still holds."""

    verdict: str                          # a key of CHECKS
    query: CodeQuery
    what: str = ""                        # document | signature | ""
    number: str = ""
    kind: str = ""
    version: str = ""
    archived: Reference | None = None
    newer: Reference | None = None
    notes: tuple[Refusal, ...] = ()
    signature: Refusal | None = None      # what == signature: doc_sig_valid / voided / broken
    reason: str = ""

    @property
    def exit_code(self) -> int:
        return CHECKS[self.verdict]

    @property
    def code(self) -> str:
        return page_code(self.query.code)

    def head(self, lang: str = "zh_CN") -> Refusal:
        a = self.archived
        q = self.query
        p: dict[str, Any] = {
            "code": self.code, "number": self.number or q.number,
            "doc": pick(DOC_TITLES.get(self.kind or q.kind, ("文档", "document")), lang),
            "version": _version(self.version or q.version, lang), "claimed": _version(q.version, lang),
            "claimed_number": q.number, "archived_at": a.created_at if a else "",
            "archived_by": a.created_by if a else "", "sha": a.sha256[:16] if a else "",
            "newer": _version(self.newer.version, lang) if self.newer else "",
            "newer_at": self.newer.created_at if self.newer else "", "page": q.page, "reason": "",
        }
        if self.what == "signature" and self.signature is not None:
            p["signature"] = render(self.signature, lang)
            return Refusal("doc_check_signature", "R-DOC-SIGN", p)
        if self.reason:
            p["reason"] = render(Refusal(self.reason, params=p), lang)
        return Refusal(f"doc_check_{self.verdict}", "R-4.4.2-ARCHIVE", p)

    def describe(self, lang: str = "zh_CN") -> list[str]:
        return [render(self.head(lang), lang), *(render(n, lang) for n in self.notes)]


class _CodeIdentity(TypedDict):
    """What a CodeCheck of an archived document says it stands for."""

    what: str
    number: str
    kind: str
    version: str
    archived: Reference


def judge_code(query: CodeQuery, match: Reference | None, refs: list[Reference],
               state: Callable[[Reference], list[Refusal]]) -> CodeCheck:
    """The verdict on a page code (or QR payload) given the archived document it names."""
    if match is None:
        if query.version == DRAFT:
            return CodeCheck("draft", query, "document", query.number, query.kind, DRAFT)
        return CodeCheck("unknown", query)
    refs = ordered(refs)
    base: _CodeIdentity = {"what": "document", "number": match.number, "kind": match.kind,
                           "version": match.version, "archived": match}
    notes = list(_conflicts(match, refs))
    if notes:
        return CodeCheck("conflict", query, **base, notes=tuple(notes),
                         reason="doc_reason_archive_broken" if not match.intact else "doc_reason_version_conflict")
    claimed = (query.number, query.kind, query.version)
    if any(q and q != m for q, m in zip(claimed, (match.number, match.kind, match.version))):
        return CodeCheck("changed", query, **base)  # the QR says one document, its hash is another's
    notes += state(match)
    latest = refs[-1] if refs else match
    if version_number(latest.version) > version_number(match.version):
        return CodeCheck("superseded", query, **base, newer=latest, notes=tuple(notes))
    if any(n.code in FAILING_NOTES for n in notes):
        return CodeCheck("voided", query, **base, notes=tuple(notes))
    return CodeCheck("current", query, **base, notes=tuple(notes))


# ------------------------------------------------------------------ signatures and signed content


def signature_notes(model: DocModel, src: Source) -> list[Refusal]:
    """Each signature the archived document prints, as the database holds it now."""
    by_hash = {g["signature_hash"]: g for g in src.release.get("signatures") or []}
    notes = []
    for part in model.parts:
        for b in part.blocks:
            if not isinstance(b, SignatureBlock):
                continue
            g = by_hash.get(b.signature_hash)
            if g is None:
                if b.signature_hash:
                    notes.append(Refusal("doc_sig_missing", "R-DOC-SIGN", {"code": b.code, "signer": b.signer}))
                else:
                    notes.append(Refusal("doc_sig_unsigned", params={"part": part.title}))
                continue
            p = {"code": g["code"], "signer": g["signer"], "meaning": g["meaning_name"], "at": b.signed_at,
                 "reason": g.get("voided_reason") or ""}
            if not g.get("intact", True):
                notes.append(Refusal("doc_sig_broken", "R-DOC-SIGN", p))
            elif g.get("voided_at"):
                notes.append(Refusal("doc_sig_voided", "R-DOC-SIGN", p))
            else:
                notes.append(Refusal("doc_sig_valid", "R-DOC-SIGN", p))
    return notes


def hash_notes(model: DocModel, src: Source) -> list[Refusal]:
    """What was signed must still hash as signed: the plan revision, the closure."""
    notes = []
    rev = src.revision
    if model.kind == "plan" and rev and plandom.digest(rev["content"]) != rev["content_hash"]:
        notes.append(Refusal("doc_hash_mismatch", "R-DOC-SIGN", {"part": f"发布计划 V{rev['number']}"}))
    closure = src.release.get("closure")
    if model.kind == "report" and closure:
        signed = closure_digest(src.release["number"], closure["outcome"], closure["analysis"])
        sig = next((g for g in src.release.get("signatures") or [] if g["id"] == closure.get("signature_id")), None)
        if sig is not None and signed != sig["content_hash"]:
            notes.append(Refusal("doc_hash_mismatch", "R-DOC-SIGN", {"part": "成败分析"}))
    return notes
