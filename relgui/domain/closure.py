"""What the manager's closing signature signs (R-4.2.2-CLOSE, R-DOC-SIGN)."""

from __future__ import annotations

from relgui.domain.plan import digest


def closure_digest(number: str, outcome: str | None, analysis: str) -> str:
    """The release, its result and the manager's analysis: shown by the close dialog before
    signing, signed by relgui.services.closing.close, recomputed by `doc verify`."""
    return digest({"release": number, "outcome": outcome, "analysis": analysis})
