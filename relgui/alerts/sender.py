"""The outbox sender: claims due alerts, sends them, records the result (issue 16).

Any number of senders may run against one database (workstations' relgui, relgui-admin
notify on a server). Each alert is sent by one of them:

- **Claim** (one short transaction): due ``pending`` rows, and ``sending`` rows whose lease has
  run out (their sender died), are taken for ``lease`` — on PostgreSQL ``SELECT … FOR UPDATE
  SKIP LOCKED`` (two senders never wait for or take the same row), on SQLite inside the one
  writer's ``BEGIN IMMEDIATE``. A sender takes only the channels whose secrets its computer
  holds, and desktop alerts only for the user logged in there.
- **Attempt**: before the send, ``attempt_at`` is committed (with the previous alert's result,
  one commit per alert); after it, the result. Every update names the claim
  (``claimed_by``): a sender whose lease was taken over writes nothing.
- **Reclaim**: a row claimed but never attempted is simply sent by the next sender — no loss,
  no repeat. A row attempted but never confirmed (the sender died between handing the message
  over and committing the result) is *in doubt*: the server may or may not have it. It is
  sent again with the same Message-ID (mail systems that keep Message-IDs drop the repeat)
  and its ``in_doubt`` count is kept; the window is the time between the server's reply and
  one commit. Nothing can close it completely for a receiver without idempotency keys, which
  neither SMTP nor the robots' webhooks have.
- **Retries**: a channel's failure (unreachable, TLS, credentials, 429/5xx) puts the row back
  with exponential backoff (30 s, 1, 2, 4 … min, at most an hour) and counts against the
  channel (shown to the administrator as failing after FAILING_AFTER in a row); after
  MAX_ATTEMPTS the row is ``failed``. A message the server refuses for itself (an unknown
  recipient) fails at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, or_, select, update

from relgui.alerts import channels as chmod
from relgui.alerts import secrets
from relgui.alerts.texts import Text, render
from relgui.domain.timeutil import Clock, SystemClock
from relgui.store.models import Alert, AlertChannel

MAX_ATTEMPTS = 12
BACKOFF_FIRST = dt.timedelta(seconds=30)
BACKOFF_MAX = dt.timedelta(hours=1)
SERVER_KINDS = ("email", "wecom", "dingtalk")


def backoff(attempts: int) -> dt.timedelta:
    return min(BACKOFF_FIRST * (2 ** max(0, attempts - 1)), BACKOFF_MAX)


@dataclass
class Stats:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    obsolete: int = 0
    in_doubt: int = 0
    errors: list[tuple[str, Any]] = field(default_factory=list)  # (channel name, DeliveryError)

    def add(self, other: Stats) -> None:
        for k in ("claimed", "sent", "failed", "retried", "obsolete", "in_doubt"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.errors += other.errors


@dataclass
class _Claimed:
    id: int
    rule: str
    kind: str
    channel_id: int | None
    address: str
    language: str
    params: dict[str, Any]
    repeat: bool


def sender_name(origin: str) -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{origin}"[:100]


class Sender:
    """One sender. ``deliver_desktop(alert_id, text)`` shows a desktop alert (the GUI's tray);
    with it and ``recipient_id`` the sender takes that user's desktop alerts only."""

    def __init__(self, db, *, origin: str = "notify", clock: Clock | None = None,
                 kinds: tuple[str, ...] = SERVER_KINDS, recipient_id: int | None = None,
                 deliver_desktop: Callable[[int, Text], None] | None = None,
                 lease: dt.timedelta = dt.timedelta(minutes=2), batch: int = 50,
                 transports: Callable[[AlertChannel], Any] | None = None):
        self.db = db
        self.name = sender_name(origin)
        self.clock = clock or SystemClock()
        self.kinds = tuple(kinds)
        self.recipient_id = recipient_id
        self.deliver_desktop = deliver_desktop
        self.lease = lease
        self.batch = batch
        self._make_transport = transports or self._transport
        self._tag = hashlib.sha256(secrets.where(db).encode("utf-8")).hexdigest()[:10]
        self.helo = f"relgui-{os.getpid()}"

    # --- what this computer can serve ---

    def _transport(self, channel: AlertChannel):
        conf = channel.config or {}
        timeout = min(chmod.TIMEOUT, self.lease.total_seconds() / 3)  # a send never outlives its lease
        if channel.kind == "email":
            return chmod.SmtpTransport(conf, secrets.get(self.db, channel.id, "password"), helo=self.helo,
                                       timeout=timeout)
        return chmod.WebhookTransport(channel.kind, conf, secrets.get(self.db, channel.id, "url"),
                                      secrets.get(self.db, channel.id, "secret"), timeout=timeout)

    def _servable(self, s) -> dict[int, AlertChannel]:
        kinds = [k for k in self.kinds if k != "desktop"]
        if not kinds:
            return {}
        rows = s.execute(select(AlertChannel).where(AlertChannel.kind.in_(kinds),
                                                    AlertChannel.enabled.is_(True))).scalars().all()
        out = {}
        for c in rows:
            if not secrets.missing(self.db, c.id, c.kind, c.config or {}):
                s.expunge(c)
                out[c.id] = c
        return out

    # --- claiming ---

    def claim(self, channels: dict[int, AlertChannel]) -> list[_Claimed]:
        now = self.clock.now()
        due = or_(and_(Alert.state == "pending", Alert.due_at <= now),
                  and_(Alert.state == "sending", Alert.lease_until < now))
        which = []
        if channels:
            which.append(and_(Alert.channel_kind.in_([k for k in self.kinds if k != "desktop"]),
                              Alert.channel_id.in_(list(channels))))
        if "desktop" in self.kinds and self.recipient_id is not None:
            which.append(and_(Alert.channel_kind == "desktop", Alert.recipient_id == self.recipient_id))
        if not which:
            return []
        session = self.db.write_session()
        try:
            with session.begin():
                q = (select(Alert).where(due, or_(*which)).order_by(Alert.due_at, Alert.id).limit(self.batch))
                if self.db.dialect == "postgresql":
                    q = q.with_for_update(skip_locked=True)
                rows = session.execute(q).scalars().all()
                out = []
                for a in rows:
                    repeat = a.state == "sending" and a.attempt_at is not None
                    if repeat:
                        a.in_doubt += 1
                    a.state, a.claimed_by, a.lease_until, a.attempt_at = "sending", self.name, now + self.lease, None
                    out.append(_Claimed(a.id, a.rule, a.channel_kind, a.channel_id, a.address, a.language,
                                        dict(a.params or {}), repeat or a.in_doubt > 0))
                return out
        finally:
            session.close()

    # --- one round ---

    def run_once(self, *, max_rounds: int | None = None) -> Stats:
        """Claim and send until nothing due is left (or max_rounds batches)."""
        total = Stats()
        rounds = 0
        while max_rounds is None or rounds < max_rounds:
            rounds += 1
            with self.db.read() as s:
                channels = self._servable(s)
            claimed = self.claim(channels)
            if not claimed:
                break
            stats = self._send_batch(claimed, channels)
            total.add(stats)
            if stats.retried and not stats.sent:
                break  # every channel failing: leave the rest to the backoff
        return total

    def run_forever(self, stop: threading.Event, poll: float = 2.0,
                    on_round: Callable[[Stats], None] | None = None,
                    before_round: Callable[[], Any] | None = None) -> None:
        """The daemon: a round whenever something is due, then wait ``poll`` seconds (or stop).
        ``before_round``: what writes alerts by looking (the KPI watch) runs first, so that what
        it writes goes out in the same round."""
        while not stop.is_set():
            if before_round is not None:
                before_round()
            stats = self.run_once()
            if on_round is not None and (stats.claimed or stats.errors):
                on_round(stats)
            stop.wait(poll)

    def _send_batch(self, claimed: list[_Claimed], channels: dict[int, AlertChannel]) -> Stats:
        # cycle: relgui.services.alerts imports this module (the outbox sender; tests/test_layering.py EXCEPTIONS)
        from relgui.services import alerts as alert_service
        from relgui.services import company

        stats = Stats(claimed=len(claimed))
        stats.in_doubt = sum(1 for c in claimed if c.repeat)
        transports: dict[int, Any] = {}
        broken: set[int | None] = set()  # channels that failed in this batch: their rows wait for the backoff
        pending: tuple | None = None  # the previous alert's result, committed with the next attempt
        with self.db.read() as s:
            zone = company.zone(company.load(s).timezone)
        try:
            for item in claimed:
                if item.channel_id in broken:
                    self._release(item.id)
                    stats.retried += 1
                    continue
                text = self._begin(item, pending, alert_service, zone, stats)
                pending = None
                if text is None:
                    continue
                try:
                    if item.kind == "desktop":
                        if self.deliver_desktop is not None:
                            self.deliver_desktop(item.id, text)
                    else:
                        channel_id = item.channel_id
                        if channel_id is None:  # claim() takes other kinds only through a channel in `channels`
                            raise RuntimeError(f"alert {item.id} ({item.kind}) has no channel")
                        transport = transports.get(channel_id)
                        if transport is None:
                            transport = transports[channel_id] = self._make_transport(channels[channel_id])
                        transport.send(chmod.Outgoing(text.subject, text.body, to=item.address,
                                                      message_id=f"<alert-{item.id}.{self._tag}@relgui>",
                                                      extra={"X-Relgui-Release": str(item.params.get("number", ""))}))
                except chmod.DeliveryError as exc:
                    name = channels[item.channel_id].name if item.channel_id in channels else item.kind
                    stats.errors.append((name, exc))
                    pending = ("error", item, exc)
                    if exc.scope == "channel":
                        broken.add(item.channel_id)
                    continue
                pending = ("sent", item, None)
            self._finish(pending, stats)
            pending = None
        finally:
            if pending is not None:
                self._finish(pending, stats)
            for t in transports.values():
                t.close()
        return stats

    def _apply(self, session, pending: tuple | None, stats: Stats) -> None:
        if pending is None:
            return
        result, item, exc = pending
        now = self.clock.now()
        mine = and_(Alert.id == item.id, Alert.claimed_by == self.name, Alert.state == "sending")
        if result == "sent":
            n = session.execute(update(Alert).where(mine).values(
                state="sent", sent_at=now, sent_by=self.name, lease_until=None, last_error="")).rowcount
            if n:
                stats.sent += 1
            if item.channel_id is not None:
                session.execute(update(AlertChannel).where(AlertChannel.id == item.channel_id,
                                                           AlertChannel.failures != 0)
                                .values(failures=0, last_ok_at=now))
            return
        error = json.dumps({"code": exc.code, "params": {k: str(v)[:300] for k, v in exc.params.items()}},
                           ensure_ascii=False)
        row = session.execute(select(Alert.attempts).where(mine)).first()
        if row is None:
            return
        if exc.scope == "message" or row.attempts >= MAX_ATTEMPTS:
            session.execute(update(Alert).where(mine).values(state="failed", lease_until=None, last_error=error))
            stats.failed += 1
        else:
            session.execute(update(Alert).where(mine).values(
                state="pending", due_at=now + backoff(row.attempts), lease_until=None, attempt_at=None,
                claimed_by="", last_error=error))
            stats.retried += 1
        if exc.scope == "channel" and item.channel_id is not None:
            session.execute(update(AlertChannel).where(AlertChannel.id == item.channel_id).values(
                failures=AlertChannel.failures + 1, last_error=error, last_error_at=now))

    def _begin(self, item: _Claimed, pending, alert_service, zone, stats: Stats) -> Text | None:
        """Commit the previous result and this alert's attempt and return its text; None when the
        alert is no longer ours (lease taken over) or no longer relevant (marked obsolete)."""
        now = self.clock.now()
        session = self.db.write_session()
        try:
            with session.begin():
                self._apply(session, pending, stats)
                q = select(Alert).where(Alert.id == item.id)
                if self.db.dialect == "postgresql":
                    q = q.with_for_update()  # a claim by another sender (SKIP LOCKED) waits or skips
                a = session.execute(q).scalar_one_or_none()
                if a is None or a.claimed_by != self.name or a.state != "sending" or (
                        a.lease_until is not None and a.lease_until <= now):
                    return None
                if not alert_service.still_relevant(session, a):
                    a.state, a.lease_until = "obsolete", None
                    stats.obsolete += 1
                    return None
                a.attempt_at = now
                a.attempts += 1
                a.lease_until = now + self.lease  # the send and its result's commit have a full lease
                return render(item.rule, item.params, item.language, zone, now, repeat=item.repeat)
        finally:
            session.close()

    def _finish(self, pending, stats: Stats) -> None:
        if pending is None:
            return
        session = self.db.write_session()
        try:
            with session.begin():
                self._apply(session, pending, stats)
        finally:
            session.close()

    def _release(self, alert_id: int) -> None:
        """Give a claimed, unattempted row back (its channel failed earlier in this batch)."""
        now = self.clock.now()
        session = self.db.write_session()
        try:
            with session.begin():
                session.execute(update(Alert).where(Alert.id == alert_id, Alert.claimed_by == self.name,
                                                    Alert.state == "sending")
                                .values(state="pending", lease_until=None, claimed_by="",
                                        due_at=now + BACKOFF_FIRST))
        finally:
            session.close()
