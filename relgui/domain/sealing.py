"""The 发布变更报告 sealed at closure (R-4.2.2-CLOSE, R-DOC-SIGN, R-4.4.2-ARCHIVE): what the
closing manager's signature — and a reissue's — signs when the report is frozen with it.

The signed content is the release, its result, the manager's analysis and the report's
signed content hash (``DocModel.signed_digest``: the report's canonical content without its
signature blocks, since a signature cannot contain its own code). A closure signed before the
report was part of it carries ``relgui.domain.closure.closure_digest`` (no report); it still
verifies as such, and is told apart as a closure without its sealed report.
"""

from __future__ import annotations

from relgui.domain.plan import digest

SEALING_MEANINGS = ("close", "reissue")


def sealed_digest(number: str, outcome: str | None, analysis: str, report: str) -> str:
    """What the closing (or reissuing) signature covers: ``report`` is the report's signed digest."""
    return digest({"release": number, "outcome": outcome, "analysis": analysis, "report": report})


def legacy_digest(number: str, outcome: str | None, analysis: str) -> str:
    """What a closure signed before the report was sealed with it covers (closure.closure_digest)."""
    return digest({"release": number, "outcome": outcome, "analysis": analysis})


def covering(signatures: list[dict], number: str, outcome: str | None, analysis: str,
             report: str) -> dict | None:
    """Among a release's signatures (dicts with ``content_hash`` and ``meaning``), the closing or
    reissue signature that signed a report whose signed digest is ``report``."""
    want = sealed_digest(number, outcome, analysis, report)
    return next((g for g in signatures if g.get("meaning") in SEALING_MEANINGS
                 and g.get("content_hash") == want), None)
