"""What the close dialog checks before it asks for the password (issue 15): everything that
would refuse 关闭发布 except the password itself, so a manager never types the password to learn
that the analysis was empty or a lesson is missing. closing.close checks all of it again inside
its signing transaction; this is a reader and writes nothing."""

from __future__ import annotations

from relgui.domain import lifecycle, text, validation
from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.domain.states import Action
from relgui.services.context import AppContext, reading
from relgui.services.facts import gather, load_release


def check(ctx: AppContext, key: int | str, analysis: str) -> None:
    """Refuses, in words, what closing would refuse now: an empty 成败分析 (R-4.2.2-CLOSE), the
    status or role, and the record's consistency (a failed or rolled-back release without its
    经验总结, R-4.4.2-KNOWLEDGE; 知识更新/文档归档 as recorded). Returns None when only the
    password is left to check."""
    cleaned = text.block(analysis, "analysis", limit=text.MAX_TEXT)
    empty = validation.analysis_refusals(cleaned)
    if empty:
        raise InvalidInput(*empty)
    with reading(ctx, rights=True) as s:
        release = load_release(s, key)
        refused = lifecycle.refusals(Action.CLOSE, gather(s, release), ctx.actor)
    if refused:
        raise PolicyViolation(*refused)
