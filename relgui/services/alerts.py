"""Alerts (issue 16): the outbox rows a use case writes, and their administration.

A use case that creates a situation calls ``raise_event`` inside its own unit of work: the
alert rows (relgui/policy/alerts.py: who, on which channel, when) are committed with the
situation or not at all. A deadline's alerts are rows due later (the warning time and the
deadline of the policy profile, relgui.domain.deadlines); when the situation has ended before
they are due (a decision taken, the CMDB updated) the sender marks them obsolete instead of
sending. Delivery is relgui/alerts/sender.py.

Channel settings, rules and contacts change through the administrator's use cases below, each
audited; secrets go to the OS credential store (relgui/alerts/secrets.py), never to the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from relgui.alerts import channels as ch
from relgui.alerts import secrets
from relgui.alerts.sender import SERVER_KINDS, Sender, sender_name
from relgui.alerts.texts import render
from relgui.domain import lifecycle, text
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Action, Role, Status
from relgui.domain.versions import NEW
from relgui.policy import alerts as alert_rules
from relgui.policy import profile_for
from relgui.policy.reader import PolicyError
from relgui.services import company
from relgui.services.context import AppContext, Work, reading, unit_of_work
from relgui.store.models import Alert, AlertChannel, AlertSettings, Problem, Release, User, UserContact

LANGUAGES = ("zh_CN", "en")
FAILING_AFTER = 3  # consecutive failed sends before a channel is shown as failing


# --- writing alerts inside a use case --------------------------------------------------------

def rules_in_force(s) -> alert_rules.Rules:
    row = s.get(AlertSettings, 1)
    if row is not None and row.rules.strip():
        return alert_rules.parsed(row.rules)
    return alert_rules.default_rules()


@dataclass(frozen=True)
class _Person:
    id: int
    roles: frozenset[str]
    email: str
    language: str


def _people(s) -> list[_Person]:
    rows = s.execute(select(User.id, User.roles, UserContact.email, UserContact.language)
                     .outerjoin(UserContact, UserContact.user_id == User.id)
                     .where(User.disabled.is_(False))).all()
    return [_Person(r.id, frozenset(x for x in (r.roles or "").split(",") if x), r.email or "",
                    r.language or "zh_CN") for r in rows]


def _recipients(s, to: tuple[str, ...], release: Release | None, params: dict[str, Any],
                people: list[_Person]) -> list[_Person]:
    ids: set[int] = set()
    approver_roles: tuple[str, ...] = ()
    if release is not None and "approvers" in to:
        approver_roles = lifecycle.allowed_roles(profile_for(release.profile_ref), Action.APPROVE_PLAN, release.type)
    by_role = {"managers": Role.MANAGER.value, "engineers": Role.ENGINEER.value, "admins": Role.ADMIN.value}
    for p in people:
        if any(who in by_role and by_role[who] in p.roles for who in to):
            ids.add(p.id)
        if approver_roles and p.roles & set(approver_roles):
            ids.add(p.id)
    if release is not None and "owner" in to and release.owner_id:
        ids.add(release.owner_id)
    if "reporter" in to and params.get("reporter_id"):
        ids.add(int(params["reporter_id"]))
    return [p for p in people if p.id in ids]


def raise_event(w: Work, event: str, release: Release | None, subject: str, params: dict[str, Any], *,
                deadline: dt.datetime | None = None, warn: dt.timedelta | None = None,
                exclude: tuple[int, ...] = ()) -> int:
    """Write the alerts the rules ask for on ``event`` (in the caller's transaction). Returns
    how many rows were written. ``subject`` names the situation (a problem, a revision …) so
    that the same situation never alerts twice; ``exclude``: people who need no telling (who
    did it, for the alerts sent at once)."""
    rules = rules_in_force(w.s).for_event(event)
    if not rules:
        return 0
    people = _people(w.s)
    channels = w.s.execute(select(AlertChannel).where(AlertChannel.enabled.is_(True))
                           .order_by(AlertChannel.id)).scalars().all()
    base = {"event": event, "by": w.actor.display_name, **params}
    if release is not None:
        base.update(number=release.number, title=release.title, release_id=release.id)
    if deadline is not None:
        base["deadline"] = deadline.isoformat()
    existing = set(w.s.execute(select(Alert.dedupe_key).where(Alert.dedupe_key.like(f"%|{subject}|%"))).scalars())
    written = 0
    for rule in rules:
        if rule.at == "now":
            due = w.now
        elif deadline is None:
            continue
        elif rule.at == "due":
            due = deadline
        else:
            due = deadline - (warn or dt.timedelta(0))
            if due <= w.now:
                continue  # already inside the warning time: the deadline's own alert follows
        skip = set(exclude) if rule.at == "now" else set()
        people_here = [p for p in _recipients(w.s, rule.to, release, base, people) if p.id not in skip]
        rows: list[tuple[str, int | None, int | None, str, str]] = []  # kind, recipient, channel, address, lang
        for kind in rule.channels:
            if kind == "desktop":
                rows += [("desktop", p.id, None, "", p.language) for p in people_here]
            elif kind == "email":
                mail = next((c for c in channels if c.kind == "email"), None)
                if mail is not None:
                    rows += [("email", p.id, mail.id, p.email, p.language) for p in people_here if p.email]
            else:
                rows += [(kind, None, c.id, "", "zh_CN") for c in channels if c.kind == kind]
        for kind, recipient, channel_id, address, lang in rows:
            key = f"{rule.key}|{subject}|{recipient or 'group'}|{kind}|{channel_id or 0}"
            if key in existing:
                continue
            existing.add(key)
            w.s.add(Alert(rule=rule.key, dedupe_key=key, release_id=release.id if release else None,
                          recipient_id=recipient, channel_kind=kind, channel_id=channel_id, address=address,
                          language=lang, params=base, created_at=w.now, due_at=due, state="pending",
                          attempts=0, in_doubt=0, claimed_by="", sent_by="", last_error=""))
            written += 1
    return written


def still_relevant(s, alert: Alert) -> bool:
    """Does the situation still hold? A deadline alert whose work was done is obsolete."""
    event = (alert.params or {}).get("event")
    if event == "decision_clock":
        problem = s.get(Problem, (alert.params or {}).get("problem_id"))
        return problem is not None and problem.decision is None
    if event == "cmdb_clock" and alert.release_id:
        release = s.get(Release, alert.release_id)
        return release is not None and release.cmdb_done_at is None and release.status not in (
            Status.CLOSED.value, Status.CANCELLED.value)
    if event == "plan_submitted" and alert.release_id:
        release = s.get(Release, alert.release_id)
        return release is not None and release.status == Status.PLAN_SUBMITTED.value
    return True


# --- administration --------------------------------------------------------------------------

def _require_admin(actor) -> None:
    if actor.user_id is not None and not actor.has(Role.ADMIN):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "settings", "roles": ("admin",)}))


@dataclass(frozen=True)
class ChannelView:
    id: int
    kind: str
    name: str
    config: dict[str, Any]
    enabled: bool
    failures: int
    failing: bool
    last_error: str
    last_error_at: dt.datetime | None
    last_ok_at: dt.datetime | None
    missing_here: tuple[str, ...]  # secrets this computer lacks to send on it
    row_version: int


def _view(db, c: AlertChannel) -> ChannelView:
    return ChannelView(c.id, c.kind, c.name, dict(c.config or {}), c.enabled, c.failures,
                       c.failures >= FAILING_AFTER, c.last_error, c.last_error_at, c.last_ok_at,
                       tuple(secrets.missing(db, c.id, c.kind, c.config or {})), c.row_version)


def _checked(kind: str, config: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(config, dict) or not all(isinstance(v, (str, int, type(None))) and not isinstance(v, bool)
                                               for v in config.values()):
        raise InvalidInput(Refusal("alert_setting_bad", params={"field": "config", "detail": "—"}))
    config = {k: text.line(v, "config", required=False, limit=500) if isinstance(v, str) else v
              for k, v in config.items()}
    if kind == "email":
        return ch.check_email_config(config)
    if kind in ("wecom", "dingtalk"):
        return ch.check_webhook_config(config)
    raise InvalidInput(Refusal("alert_channel_kind"))


def _secrets_given(kind: str, url: str | None, password: str | None, secret: str | None) -> dict[str, str | None]:
    url = None if url is None else text.line(url, "url", required=False, limit=2000)
    password = None if password is None else text.line(password, "password", required=False, limit=500)
    secret = None if secret is None else text.line(secret, "secret", required=False, limit=500)
    out: dict[str, str | None] = {}
    if kind == "email" and password is not None:
        out["password"] = password
    if kind in ("wecom", "dingtalk") and url is not None:
        out["url"] = ch.check_webhook_url(kind, url) if url else ""
    if kind == "dingtalk" and secret is not None:
        out["secret"] = secret.strip()
    return out


def add_channel(ctx: AppContext, kind: str, name: str, config: dict[str, Any], *, url: str | None = None,
                password: str | None = None, secret: str | None = None) -> ChannelView:
    """A new channel; its secrets are kept in this computer's credential store."""
    name = text.line(name, "name", limit=100)
    kind = text.key(kind, "kind", limit=20)
    conf = _checked(kind, {} if config is None else config)
    given = _secrets_given(kind, url, password, secret)
    if given:
        secrets.require_usable(ctx.db)
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        if w.s.execute(select(AlertChannel.id).where(AlertChannel.name == name)).first():
            raise InvalidInput(Refusal("alert_channel_exists", params={"name": name}))
        row = AlertChannel(kind=kind, name=name, config=conf, enabled=True, failures=0, last_error="",
                           created_at=w.now)
        w.s.add(row)
        w.s.flush()
        w.audit("alert.channel_add", "alert_channel", name, kind=kind, config=conf,
                secrets_saved=sorted(k for k, v in given.items() if v))
        cid = row.id
    for what, value in given.items():
        secrets.put(ctx.db, cid, what, value)
    return channel(ctx, name)


def update_channel(ctx: AppContext, name: str, *, config: dict[str, Any] | None = None, enabled: bool | None = None,
                   url: str | None = None, password: str | None = None, secret: str | None = None,
                   expected_version: object) -> ChannelView:
    name = text.line(name, "name", limit=100)
    enabled = None if enabled is None else text.flag(enabled, "enabled")
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        row = w.s.execute(select(AlertChannel).where(AlertChannel.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFound(Refusal("alert_channel_unknown", params={"name": name}))
        w.expect_version(row, expected_version, "alert_channel", name)
        given = _secrets_given(row.kind, url, password, secret)
        if given:
            secrets.require_usable(ctx.db)
        changes: dict[str, tuple[Any, Any]] = {}
        if config is not None:
            conf = _checked(row.kind, config)
            if conf != row.config:
                changes["config"] = (row.config, conf)
                row.config = conf
        if enabled is not None and bool(enabled) != row.enabled:
            changes["enabled"] = (row.enabled, bool(enabled))
            row.enabled = bool(enabled)
        if changes or given:
            row.failures, row.last_error = 0, ""  # a changed channel starts afresh
        w.audit("alert.channel_update", "alert_channel", name, changes=changes,
                secrets_saved=sorted(k for k, v in given.items() if v))
        cid = row.id
    for what, value in given.items():
        secrets.put(ctx.db, cid, what, value)
    return channel(ctx, name)


def remove_channel(ctx: AppContext, name: str, *, expected_version: object) -> None:
    name = text.line(name, "name", limit=100)
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        row = w.s.execute(select(AlertChannel).where(AlertChannel.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFound(Refusal("alert_channel_unknown", params={"name": name}))
        w.expect_version(row, expected_version, "alert_channel", name)
        cid, kind = row.id, row.kind
        unsent = w.s.execute(select(func.count()).select_from(Alert).where(
            Alert.channel_id == cid, Alert.state.in_(("pending", "sending")))).scalar_one()
        w.s.delete(row)
        w.audit("alert.channel_remove", "alert_channel", name, kind=kind, unsent_dropped=unsent)
    for what in ("password", "url", "secret"):
        try:
            secrets.put(ctx.db, cid, what, None)
        except InvalidInput:
            pass


def channels(ctx: AppContext) -> list[ChannelView]:
    with reading(ctx) as s:
        rows = s.execute(select(AlertChannel).order_by(AlertChannel.id)).scalars().all()
        return [_view(ctx.db, c) for c in rows]


def channel(ctx: AppContext, name: str) -> ChannelView:
    name = text.line(name, "name", limit=100)
    with reading(ctx) as s:
        row = s.execute(select(AlertChannel).where(AlertChannel.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFound(Refusal("alert_channel_unknown", params={"name": name}))
        return _view(ctx.db, row)


def rules_text(ctx: AppContext) -> tuple[str, int]:
    """The rules in force as TOML text, and the settings' version (0: the default file)."""
    with reading(ctx) as s:
        row = s.get(AlertSettings, 1)
        if row is not None and row.rules.strip():
            return row.rules, row.row_version
        return alert_rules.default_text(), row.row_version if row is not None else 0


def save_rules(ctx: AppContext, rules: str, *, expected_version: object) -> int:
    """The company's alert rules (TOML). A malformed text is refused naming the key; the rules
    in force stay. ``expected_version``: rules_text's version (NEW when 0)."""
    body = text.block(rules, "rules", required=True, limit=100_000)
    try:
        parsed = alert_rules.load_text(body, "rules")
    except PolicyError as exc:
        raise InvalidInput(Refusal("alert_rules_bad", params={"detail": f"{exc.key}: {exc.problem}"})) from None
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        row = w.s.get(AlertSettings, 1)
        w.expect_version(row, expected_version, "alert_settings", "rules")
        if row is None:
            row = AlertSettings(id=1, rules=body, updated_at=w.now, updated_by_id=w.actor.user_id)
            w.s.add(row)
        else:
            row.rules, row.updated_at, row.updated_by_id = body, w.now, w.actor.user_id
        w.audit("alert.rules", "alert_settings", "rules", rules=[r.key for r in parsed.rules if r.enabled])
        w.s.flush()
        return row.row_version


@dataclass(frozen=True)
class ContactView:
    username: str
    email: str
    language: str
    auth_source: str
    row_version: int  # 0: none saved yet (NEW)


def contact(ctx: AppContext, username: str) -> ContactView:
    username = text.key(username, "username", limit=64)
    with reading(ctx) as s:
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise NotFound.of("user", username)
        c = s.get(UserContact, user.id)
        if c is None:
            return ContactView(username, "", "zh_CN", "local", 0)
        return ContactView(username, c.email, c.language, c.auth_source, c.row_version)


def set_contact(ctx: AppContext, username: str, *, email: str | None = None, language: str | None = None,
                expected_version: object) -> ContactView:
    """A user's e-mail address and alert language: the user themself, or an administrator."""
    username = text.key(username, "username", limit=64)
    if email is not None:
        email = text.line(email, "email", required=False, limit=254)
        if email and not ch.valid_address(email):
            raise InvalidInput(Refusal("alert_email_bad", params={"value": email[:100]}))
    if language is not None and (not isinstance(language, str) or language not in LANGUAGES):
        raise InvalidInput(Refusal("alert_language_bad"))
    with unit_of_work(ctx) as w:
        user = w.s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise NotFound.of("user", username)
        if w.actor.user_id not in (None, user.id):
            _require_admin(w.actor)
        row = w.s.get(UserContact, user.id)
        w.expect_version(row, expected_version, "user", username)
        if row is None:
            row = UserContact(user_id=user.id, email="", language="zh_CN", auth_source="local", directory_dn="")
            w.s.add(row)
        changes = {}
        if email is not None and email != row.email:
            changes["email"] = (row.email, email)
            row.email = email
        if language is not None and language != row.language:
            changes["language"] = (row.language, language)
            row.language = language
        w.audit("user.contact", "user", username, changes=changes)
    return contact(ctx, username)


# --- the desktop: a user's own alerts --------------------------------------------------------

@dataclass(frozen=True)
class DesktopAlert:
    id: int
    rule: str
    release_id: int | None
    number: str
    subject: str
    body: str
    link: str
    due_at: dt.datetime
    sent_at: dt.datetime | None
    read_at: dt.datetime | None


def my_alerts(ctx: AppContext, limit: int = 200) -> list[DesktopAlert]:
    """The in-app alert list: the desktop alerts addressed to the current user that are due,
    newest first, in the user's language."""
    limit = text.clamp(limit, "limit", 1, 1000)
    with reading(ctx, rights=True) as s:
        now = ctx.clock.now()
        zone = company.zone(company.load(s).timezone)
        rows = s.execute(select(Alert).where(
            Alert.recipient_id == ctx.actor.user_id, Alert.channel_kind == "desktop",
            Alert.state.in_(("pending", "sending", "sent")), Alert.due_at <= now)
            .order_by(Alert.due_at.desc(), Alert.id.desc()).limit(limit)).scalars().all()
        out = []
        for a in rows:
            t = render(a.rule, a.params or {}, ctx.lang, zone, now)
            out.append(DesktopAlert(a.id, a.rule, a.release_id, (a.params or {}).get("number", ""), t.subject, t.body,
                                    t.link,
                                    a.due_at, a.sent_at, a.read_at))
        return out


def mark_read(ctx: AppContext, alert_id: int) -> None:
    """The user has seen this alert (not audited: reading changes no record)."""
    with unit_of_work(ctx) as w:
        a = w.s.get(Alert, text.integer(alert_id, "id"))
        if a is None or a.recipient_id != w.actor.user_id:
            raise PolicyViolation(Refusal("alert_not_mine"))
        if a.read_at is None:
            a.read_at = w.now


@dataclass(frozen=True)
class Status_:
    counts: dict[str, int]
    failing: list[ChannelView]


def status(ctx: AppContext) -> Status_:
    with reading(ctx) as s:
        counts = dict(s.execute(select(Alert.state, func.count()).group_by(Alert.state)).all())
    views = channels(ctx)
    return Status_({k: int(v) for k, v in counts.items()}, [v for v in views if v.failing])


def is_new(version: int) -> object:
    return NEW if not version else version


# --- the hooks the use cases call (one line each in their unit of work) ----------------------

def problem_reported(w: Work, release: Release, problem: Problem, profile) -> None:
    """R-4.5.2-DECIDE30: at once to the managers and the owner, then before and at the deadline."""
    names = {t.key: t for t in profile.triggers}
    params = {"problem_id": problem.id, "detected": problem.detected_at.isoformat(), "reporter_id": problem.reported_by_id,
              "triggers": list(problem.triggers or []),
              "trigger_names": [names[t].name if t in names else t for t in problem.triggers or []],
              "trigger_names_en": [names[t].name_en if t in names else t for t in problem.triggers or []]}
    due = release.decision_due_at
    w.s.flush()
    raise_event(w, "problem_reported", release, f"problem-{problem.id}", params, deadline=due,
                exclude=(w.actor.user_id,) if w.actor.user_id else ())
    raise_event(w, "decision_clock", release, f"problem-{problem.id}", params, deadline=due,
                warn=profile.deadlines.rollback_warn)


def cmdb_clock_started(w: Work, release: Release, profile) -> None:
    """R-4.4.2-CMDB24H: before and at the 24-hour deadline, unless the CMDB is updated by then."""
    finished = release.deployment_finished_at or w.now
    raise_event(w, "cmdb_clock", release, f"cmdb-{release.id}", {"finished": finished.isoformat()},
                deadline=release.cmdb_due_at, warn=profile.deadlines.cmdb_warn)


def plan_submitted(w: Work, release: Release, revision: int) -> None:
    """R-4.1-APPROVER: the approvers of this release type learn that a plan waits for them."""
    raise_event(w, "plan_submitted", release, f"plan-{release.id}-V{revision}", {"revision": revision},
                exclude=(w.actor.user_id,) if w.actor.user_id else ())


def deployment_started(w: Work, release: Release) -> None:
    """R-1.3-PLAN: a deployment started outside the approved window is told at once."""
    start, end = release.planned_start, release.planned_end
    if start is None or end is None or start <= w.now <= end:
        return
    raise_event(w, "outside_window", release, f"window-{release.id}-{w.now:%Y%m%d%H%M%S}",
                {"started": w.now.isoformat(), "window": [start.isoformat(), end.isoformat()]},
                exclude=(w.actor.user_id,) if w.actor.user_id else ())


def test_channel(ctx: AppContext, name: str, to: str = "") -> str:
    """“发送测试”: one message straight through the channel (not the outbox), from this
    computer with its credentials. Returns where it went; a failure is an InvalidInput saying
    in words what went wrong (unreachable, TLS, credentials, the robot's error code)."""
    name = text.line(name, "name", limit=100)
    to = text.line(to, "to", required=False, limit=254)
    with reading(ctx, rights=True) as s:
        _require_admin(ctx.actor)
        row = s.execute(select(AlertChannel).where(AlertChannel.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFound(Refusal("alert_channel_unknown", params={"name": name}))
        s.expunge(row)
        zone = company.zone(company.load(s).timezone)
        if row.kind == "email" and not to:
            mine = s.get(UserContact, ctx.actor.user_id) if ctx.actor.user_id else None
            to = mine.email if mine is not None else ""
    if row.kind == "email" and not ch.valid_address(to):
        raise InvalidInput(Refusal("alert_no_address"))
    now = ctx.clock.now()
    words = render("test", {"channel": name, "by": ctx.actor.display_name, "at": now.isoformat()}, ctx.lang, zone, now)
    missing = secrets.missing(ctx.db, row.id, row.kind, row.config or {})
    if missing:
        raise InvalidInput(Refusal("alert_secret_missing", params={
            "name": name, "what": "、".join(secrets.WHAT[m][0] for m in missing)}))
    transport: ch.SmtpTransport | ch.WebhookTransport
    if row.kind == "email":
        transport = ch.SmtpTransport(row.config, secrets.get(ctx.db, row.id, "password"))
    else:
        transport = ch.WebhookTransport(row.kind, row.config, secrets.get(ctx.db, row.id, "url"),
                                        secrets.get(ctx.db, row.id, "secret"))
    try:
        transport.send(ch.Outgoing(words.subject, words.body, to=to,
                                   extra={"X-Relgui-Test": sender_name("test")}))
    except ch.DeliveryError as exc:
        raise InvalidInput(exc.refusal) from None
    finally:
        transport.close()
    return to or ch.shown_url(secrets.get(ctx.db, row.id, "url") or "")


def deliver_round(ctx: AppContext) -> list[tuple[int, int | None, object]]:
    """One round of a workstation's sender (on a worker thread): this user's desktop alerts
    that are due — returned (alert id, release id, Text) for the tray to show — and whatever is
    due on the channels whose secrets this computer holds. First (at most every
    kpi_watch.CHECK_EVERY) the KPI watch: the quarter's success rate crossing below its target
    writes its alerts, sent in this round (R-4.6-KPI)."""
    # cycle: relgui.services.kpi_watch imports this module
    from relgui.services import kpi_watch

    kpi_watch.watch_for(ctx)(ctx)
    got: list[tuple[int, object]] = []
    Sender(ctx.db, origin="gui", clock=ctx.clock, kinds=("desktop", *SERVER_KINDS), recipient_id=ctx.actor.user_id,
           deliver_desktop=lambda i, t: got.append((i, t))).run_once(max_rounds=4)
    if not got:
        return []
    with reading(ctx) as s:
        ids = dict(s.execute(select(Alert.id, Alert.release_id).where(Alert.id.in_([i for i, _ in got]))).all())
    return [(i, ids.get(i), t) for i, t in got]
