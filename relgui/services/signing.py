"""In-app signatures (R-DOC-SIGN): re-authenticated, with meaning, role, time and a hash of
exactly what was signed; a later edit voids them visibly, never silently.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select

from relgui.domain import plan as plandom
from relgui.domain.errors import PolicyViolation
from relgui.services import directory, users
from relgui.services.context import AppContext, Work, unit_of_work
from relgui.store.models import Release, Signature

MEANINGS = {"approve": ("批准", "Approved"), "reject": ("驳回", "Rejected"), "close": ("关闭", "Closed"),
            "reissue": ("重新签发", "Reissued")}


class Signed(Protocol):
    """What a signature's hash covers: a Signature row, or SignedFields before the row exists."""

    @property
    def release_id(self) -> int: ...
    @property
    def subject(self) -> str: ...
    @property
    def subject_id(self) -> int: ...
    @property
    def meaning(self) -> str: ...
    @property
    def signer_id(self) -> int: ...
    @property
    def signer_name(self) -> str: ...
    @property
    def signer_role(self) -> str: ...
    @property
    def signed_at(self) -> dt.datetime: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class SignedFields:
    """The signed fields of a signature that is not a row (yet): the demo generator hashes its
    bulk-inserted signatures from these."""

    release_id: int
    subject: str
    subject_id: int
    meaning: str
    signer_id: int
    signer_name: str
    signer_role: str
    signed_at: dt.datetime
    content_hash: str
    reason: str


def signature_payload(sig: Signed) -> dict:
    return {
        "release_id": sig.release_id, "subject": sig.subject, "subject_id": sig.subject_id,
        "meaning": sig.meaning, "signer_id": sig.signer_id, "signer_name": sig.signer_name,
        "signer_role": sig.signer_role, "signed_at": sig.signed_at.isoformat(timespec="microseconds"),
        "content_hash": sig.content_hash, "reason": sig.reason,
    }


def signature_hash(sig: Signed) -> str:
    return hashlib.sha256(plandom.canonical(signature_payload(sig))).hexdigest()


def verification_code(sig_hash: str) -> str:
    """The short code printed under a signature: the first 12 hex digits, grouped."""
    code = sig_hash[:12].upper()
    return f"{code[:4]}-{code[4:8]}-{code[8:12]}"


def sign(w: Work, release: Release, *, subject: str, subject_id: int, meaning: str, role: str,
         content_hash: str, reason: str = "") -> Signature:
    user_name = w.actor.display_name
    sig = Signature(release_id=release.id, subject=subject, subject_id=subject_id, meaning=meaning,
                    signer_id=w.actor.user_id, signer_name=user_name, signer_role=role,
                    signed_at=w.now, content_hash=content_hash, reason=reason, signature_hash="")
    sig.signature_hash = signature_hash(sig)
    w.s.add(sig)
    w.s.flush()
    return sig


def void_all(w: Work, release: Release, subject: str, why: str) -> list[int]:
    """Void every live signature on ``subject`` of a release; returns their ids (audited by caller)."""
    live = w.s.execute(select(Signature).where(
        Signature.release_id == release.id, Signature.subject == subject,
        Signature.voided_at.is_(None), Signature.meaning == "approve")).scalars().all()
    for sig in live:
        sig.voided_at = w.now
        sig.voided_reason = why
    return [s.id for s in live]


def is_intact(sig: Signature) -> bool:
    return signature_hash(sig) == sig.signature_hash


@contextlib.contextmanager
def signing(ctx: AppContext, action: str, key: object, password: str) -> Iterator[Work]:
    """A unit of work that first re-authenticates the signer.

    A wrong password, or a refusal by the policy (wrong role, own plan …), is audited in a
    transaction of its own, since the signing transaction itself is rolled back. A directory
    account re-authenticates against the directory, as it logged in, before the transaction
    begins (no network inside it).
    """
    try:
        verified = directory.verify_signer(ctx, password)
        with unit_of_work(ctx) as w:
            users.reauthenticate(w, password, directory_verified=verified)
            yield w
    except users.ReauthFailed as exc:
        raise users.record_reauth_failure(ctx, exc.username, action) from None
    except PolicyViolation as exc:
        with unit_of_work(ctx) as w:
            w.audit(f"refused.{action}", "release", str(key),
                    refusals=[{"code": r.code, "requirement": r.requirement} for r in exc.refusals])
        raise
