"""Does a document file still say what the database says? (R-DOC-SIGN, R-4.4.2-ARCHIVE)

The caller rebuilds the document the file claims to be (same release, kind, revision and
as-of time) from the database; this compares the two line by line and names each part that
differs, then checks every signature printed: intact (its hash recomputes), not voided, and
over content that still hashes to what was signed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from relgui.documents import compare, docx_reader
from relgui.documents.form import Source
from relgui.documents.model import DocModel, SignatureBlock
from relgui.domain import plan as plandom
from relgui.domain.closure import closure_digest
from relgui.domain.errors import Refusal

FAILING = {"doc_part_differs", "doc_sig_voided", "doc_sig_broken", "doc_hash_mismatch"}


@dataclass(frozen=True)
class Verification:
    number: str
    kind: str        # plan | report
    title: str       # 发布计划 | 发布变更报告
    version: str
    notes: tuple[Refusal, ...]

    @property
    def ok(self) -> bool:
        return not any(n.code in FAILING for n in self.notes)

    @property
    def differing_parts(self) -> list[str]:
        return [n.params["part"] for n in self.notes if n.code == "doc_part_differs"]

    def describe(self, lang: str = "zh_CN") -> list[str]:
        from relgui.domain.messages import render

        head = Refusal("doc_verify_ok" if self.ok else "doc_verify_failed",
                       params={"number": self.number, "kind": self.title, "version": self.version})
        return [render(head, lang), *(render(n, lang) for n in self.notes)]


def _signature_notes(model: DocModel, src: Source) -> list[Refusal]:
    by_hash = {g["signature_hash"]: g for g in src.release.get("signatures") or []}
    notes = []
    for part in model.parts:
        for b in part.blocks:
            if not isinstance(b, SignatureBlock):
                continue
            g = by_hash.get(b.signature_hash)
            if g is None:
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


def _hash_notes(model: DocModel, src: Source) -> list[Refusal]:
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


def check(expected: DocModel, src: Source, data: bytes, archived: set[str]) -> Verification:
    notes = [Refusal("doc_part_differs", "R-DOC-SIGN",
                     {"part": expected.part_title(d.part), "expected": d.expected or "（无）", "found": d.found or "（无）"})
             for d in compare.diff(expected.units(), docx_reader.units(data))]
    notes += _hash_notes(expected, src) + _signature_notes(expected, src)
    sha = hashlib.sha256(data).hexdigest()
    if sha in archived:
        notes.append(Refusal("doc_archived_same", "R-4.4.2-ARCHIVE", {"sha": sha}))
    version = f"V{expected.basis['revision']}" if expected.basis.get("revision") and expected.kind == "plan" else ""
    return Verification(expected.number, expected.kind, expected.doc_title, version, tuple(notes))
