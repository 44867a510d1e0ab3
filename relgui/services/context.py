"""The explicit context every use case receives, and the unit of work it runs in.

One use case = one transaction: load, check (relgui.domain), change rows, append one audit
event, commit. A stale version becomes a Conflict naming who changed the record and when;
a lost connection becomes StorageUnavailable; nothing half-written survives either.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from relgui.domain.errors import Conflict, StorageUnavailable
from relgui.domain.lifecycle import Actor
from relgui.domain.timeutil import Clock, SystemClock
from relgui.store import audit
from relgui.store.engine import Database
from relgui.store.models import AuditEvent


def system_actor(tool: str = "relgui-admin") -> Actor:
    """The administration tools act as the system, named with the OS account for the audit."""
    try:
        who = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some service accounts
        who = "?"
    return Actor(None, tool, f"{tool} ({who})")


@dataclass(frozen=True)
class Changes:
    """What a use case changed, so only the affected views refresh."""

    entities: frozenset[str] = frozenset()
    release_ids: frozenset[int] = frozenset()
    seq: int = 0


@dataclass
class AppContext:
    db: Database
    actor: Actor = field(default_factory=system_actor)
    clock: Clock = field(default_factory=SystemClock)
    lang: str = "zh_CN"
    listeners: list[Callable[[Changes], None]] = field(default_factory=list)

    def as_user(self, actor: Actor) -> AppContext:
        return dataclasses.replace(self, actor=actor)

    def notify(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            listener(changes)


class Work:
    """The open unit of work handed to a use case."""

    def __init__(self, ctx: AppContext, session: Session):
        self.ctx = ctx
        self.s = session
        self.now = ctx.clock.now()
        self._entities: set[str] = set()
        self._releases: set[int] = set()
        self._seq = 0
        self.guard: tuple[str, Any] | None = None

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    def expect_version(self, obj: Any, expected: int | None, kind: str, key: Any) -> None:
        """Refuse to write over a record someone else saved since the caller read it."""
        self.guard = (kind, key)
        if expected is not None and obj.row_version != expected:
            raise conflict_for(self.s, kind, key)

    def audit(self, action: str, entity: str, key: Any, *, release_id: int | None = None,
              changes: dict[str, tuple[Any, Any]] | None = None, reason: str = "",
              **extra: Any) -> AuditEvent:
        detail: dict[str, Any] = {}
        if changes:
            detail["changes"] = {k: [_plain(o), _plain(n)] for k, (o, n) in changes.items()}
        if reason:
            detail["reason"] = reason
        detail.update({k: _plain(v) for k, v in extra.items()})
        self.s.flush()
        event = audit.append(self.s, at=self.now, actor_id=self.actor.user_id,
                             actor_name=self.actor.display_name, action=action, entity=entity,
                             entity_key=str(key), release_id=release_id, detail=detail)
        self._entities.add(entity)
        if release_id is not None:
            self._releases.add(release_id)
        self._seq = event.seq
        return event

    def changes(self) -> Changes:
        return Changes(frozenset(self._entities), frozenset(self._releases), self._seq)


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def conflict_for(session: Session, kind: str, key: Any) -> Conflict:
    """Who changed ``kind key`` last, and when, from the audit trail."""
    ev = session.execute(
        select(AuditEvent).where(AuditEvent.entity == kind, AuditEvent.entity_key == str(key))
        .order_by(AuditEvent.seq.desc()).limit(1)
    ).scalar_one_or_none()
    if ev is None:
        return Conflict(kind, key, "?", "?")
    fields = tuple((ev.detail or {}).get("changes", {}).keys())
    return Conflict(kind, key, ev.actor_name, ev.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), fields)


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the environment's failures into StorageUnavailable (no traceback for the user)."""
    try:
        yield
    except OperationalError as exc:
        raise StorageUnavailable(_first_line(exc)) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StorageUnavailable(_first_line(exc)) from exc
        raise


def _first_line(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__


@contextlib.contextmanager
def unit_of_work(ctx: AppContext) -> Iterator[Work]:
    work: Work | None = None
    with storage_errors():
        session = ctx.db.write_session()
        try:
            with session.begin():
                work = Work(ctx, session)
                yield work
        except StaleDataError:
            kind, key = work.guard if work and work.guard else ("record", "?")
            with ctx.db.read() as fresh:
                raise conflict_for(fresh, kind, key) from None
        finally:
            session.close()
    ctx.notify(work.changes())


@contextlib.contextmanager
def reading(ctx: AppContext) -> Iterator[Session]:
    with storage_errors(), ctx.db.read() as session:
        yield session
