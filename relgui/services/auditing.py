"""Reading and verifying the audit trail (R-1.3-TRACE)."""

from __future__ import annotations

from relgui.services.context import AppContext, reading
from relgui.store import audit


def verify(ctx: AppContext, expect_head: tuple[int, str] | None = None) -> audit.VerifyResult:
    with reading(ctx) as s:
        return audit.verify(s, expect_head)


def head(ctx: AppContext) -> tuple[int, str]:
    with reading(ctx) as s:
        return audit.head(s)


def change_counter(ctx: AppContext) -> int:
    """Polled by other workstations' views: it grows with every change anyone makes."""
    with reading(ctx) as s:
        return audit.last_seq(s)
