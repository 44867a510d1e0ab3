"""Errors the core raises for a user's or the environment's fault.

Each carries a message code and parameters, not a finished sentence, so the GUI and
the CLI render it in the user's language (relgui.domain.messages). Anything else that
escapes the core is a bug and goes to the crash dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Refusal:
    """One reason an action is not allowed: a message code, the requirement it enforces."""

    code: str
    requirement: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.code, self.requirement, tuple(sorted(map(str, self.params.items())))))


class RelguiError(Exception):
    """Base of every expected error. ``refusals`` says why, in renderable form."""

    code = "error"

    def __init__(self, *refusals: Refusal):
        self.refusals = tuple(refusals) or (Refusal(self.code),)
        super().__init__("; ".join(f"{r.code}{r.params or ''}" for r in self.refusals))

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(r.requirement for r in self.refusals if r.requirement)

    def message(self, lang: str = "zh_CN", profile=None) -> str:
        # cycle: relgui.domain.messages imports this module
        from relgui.domain.messages import render_all

        return render_all(self.refusals, lang, profile)


class PolicyViolation(RelguiError):
    """The policy forbids this action now (state, role, precondition)."""

    code = "policy"


class InvalidInput(RelguiError):
    """A value the user typed is not acceptable (empty, too long, wrong date …)."""

    code = "invalid"

    @classmethod
    def of(cls, field_name: str, problem: str, **params: Any) -> InvalidInput:
        return cls(Refusal(problem, params={"field": field_name, **params}))


class NotFound(RelguiError):
    code = "not_found"

    @classmethod
    def of(cls, kind: str, key: Any) -> NotFound:
        # cycle: relgui.domain.text imports this module
        from relgui.domain.text import shown

        return cls(Refusal("not_found", params={"kind": kind, "key": shown(key)}))  # as typed, escaped


class Conflict(RelguiError):
    """Someone saved a newer version first. Names who and when; nothing was overwritten."""

    code = "conflict"

    def __init__(self, kind: str, key: Any, by: str, at: Any, fields: tuple[str, ...] = ()):
        self.kind, self.key, self.by, self.at, self.fields = kind, str(key), by, at, fields
        super().__init__(Refusal("conflict", params={
            "kind": kind, "key": str(key), "by": by or "?", "at": at, "fields": ", ".join(fields),
        }))


class AuthError(RelguiError):
    """Login or re-authentication failed; ``locked_until`` is set when the account is locked."""

    code = "auth"

    def __init__(self, refusal: Refusal, locked_until=None):
        self.locked_until = locked_until
        super().__init__(refusal)


class StorageUnavailable(RelguiError):
    """The database cannot be reached or refuses the connection (environment's fault)."""

    code = "storage"

    def __init__(self, detail: str, problem: str = "storage_unavailable"):
        self.detail = detail
        super().__init__(Refusal(problem, params={"detail": detail}))
