"""Reading and verifying the audit trail (R-1.3-TRACE)."""

from __future__ import annotations

import re

from relgui.domain import text
from relgui.domain.errors import InvalidInput
from relgui.services.context import AppContext, reading, storage_errors
from relgui.store import audit


_HASH = re.compile(r"[0-9a-f]{64}")


def _head(value: object) -> tuple[int, str] | None:
    """A head seen earlier: (seq, SHA-256 in hex), or None; anything else is refused."""
    if value is None:
        return None
    if (isinstance(value, (tuple, list)) and len(value) == 2 and (value[0] == 0 or text.is_row_id(value[0]))
            and isinstance(value[1], str) and _HASH.fullmatch(value[1])):
        return int(value[0]), value[1]
    raise InvalidInput.of("expect_head", "not_a_value", value=text.clean(repr(value))[:40])


def verify(ctx: AppContext, expect_head: tuple[int, str] | None = None) -> audit.VerifyResult:
    expect_head = _head(expect_head)
    with reading(ctx) as s:
        return audit.verify(s, expect_head)


def head(ctx: AppContext) -> tuple[int, str]:
    with reading(ctx) as s:
        return audit.head(s)


def change_counter(ctx: AppContext) -> int:
    """Polled by other workstations' views: it grows with every change anyone makes."""
    with reading(ctx) as s:
        return audit.last_seq(s)


def verify_rows(ctx: AppContext, limit: int = 1000):
    """Every live record the policy relies on against its last after-image in the chain
    (relgui.store.evidence): changed, inserted or deleted behind the application."""
    from relgui.store import evidence

    with storage_errors(), ctx.db.engine.connect() as conn:
        return evidence.verify(conn, limit=limit)
