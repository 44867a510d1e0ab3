"""Local accounts: argon2id passwords, lockout, roles, re-authentication for signatures.

Passwords are hashed with argon2id at OWASP's minimum or above (m = 19 MiB, t = 2, p = 1);
a hash made with older parameters is upgraded at the next successful login. A password has at
least ten characters and is not a common one (resources/security/common-passwords.txt, runs of
one character, keyboard or number sequences) nor the account's name.
Five failed logins within five minutes lock the account for fifteen; each failure and each
lock is in the audit trail. Re-authentication (signing) counts toward the same lockout.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy import text as sql_text

from relgui.domain import text, timeutil
from relgui.domain.errors import AuthError, InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.lifecycle import Actor
from relgui.domain.states import Role
from relgui.services.context import AppContext, company_zone, reading, unit_of_work
from relgui.store import audit
from relgui.store.models import LoginFailure, User

HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=5)
LOCK_FOR = dt.timedelta(minutes=15)
MIN_PASSWORD = 10


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    display_name: str
    roles: tuple[str, ...]
    disabled: bool
    locked_until: dt.datetime | None
    row_version: int


def _view(u: User) -> UserView:
    return UserView(u.id, u.username, u.display_name, _roles(u.roles), u.disabled, u.locked_until, u.row_version)


def _roles(stored: str) -> tuple[str, ...]:
    return tuple(r for r in stored.split(",") if r)


def actor_of(u: User) -> Actor:
    return Actor(u.id, u.username, u.display_name, frozenset(_roles(u.roles)))


def hash_password(password: str) -> str:
    return HASHER.hash(password.encode("utf-8", "surrogatepass"))  # any str hashes, as _verify reads it


def _check_roles(roles: object) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(text.keys(roles, "role", limit=40)))
    if not values:
        raise InvalidInput.of("role", "empty")
    for r in values:
        if r not in set(Role):
            raise InvalidInput.of("role", "not_a_choice", value=r[:20], choices="/".join(Role))
    return values


@functools.cache
def _common() -> frozenset[str]:
    text_ = importlib.resources.files("relgui.resources").joinpath("security", "common-passwords.txt") \
        .read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text_.splitlines() if line.strip() and not line.startswith("#"))


_ROWS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def _is_sequence(value: str) -> bool:
    """One character repeated, or a run along the digits, the alphabet or a keyboard row."""
    v = value.lower()
    if len(set(v)) == 1:
        return True
    return any(v in row * 3 or v in row[::-1] * 3 for row in _ROWS)


def _check_password(password: object, username: object = "") -> str:
    """The password policy, refused in words (length first, then the known-bad ones)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(Refusal("weak_password", params={"minimum": MIN_PASSWORD}))
    if len(password) > 1024:
        raise InvalidInput.of("password", "too_long", limit=1024, length=len(password))
    if password.strip().lower() in _common() or _is_sequence(password.strip()):
        raise InvalidInput(Refusal("common_password"))
    name = username if isinstance(username, str) else ""
    if len(name) >= 3 and name.lower() in password.lower():
        raise InvalidInput(Refusal("password_has_username"))
    return password


def _require_admin(actor: Actor) -> None:
    if actor.user_id is not None and not actor.has(Role.ADMIN):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "manage_users", "roles": ("admin",)}))


def count(ctx: AppContext) -> int:
    with reading(ctx) as s:
        return s.execute(select(func.count()).select_from(User)).scalar_one()


def add(ctx: AppContext, username: str, display_name: str, roles: object, password: str, *,
        first: bool = False) -> UserView:
    """Create an account. Only an administrator, or the system before any account exists.
    A new name is its own "saw nothing yet": an existing account of that name is refused.
    ``first``: only while there is no account at all (relgui-admin init --admin), checked in
    the same transaction (serialised by the audit lock on PostgreSQL)."""
    username = text.line(username, "username", limit=64)
    if any(c.isspace() for c in username):
        raise InvalidInput.of("username", "not_a_choice", value=username, choices="a-z 0-9 . _ -")
    display_name = text.line(display_name, "display_name", limit=100)
    role_list = _check_roles(roles)
    hashed = hash_password(_check_password(password, username))
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        if first:
            if w.s.get_bind().dialect.name == "postgresql":
                w.s.execute(sql_text("SELECT pg_advisory_xact_lock(:k)"), {"k": audit.ADVISORY_KEY})
            if w.s.execute(select(User.id).limit(1)).first():
                raise PolicyViolation(Refusal("first_account_exists"))
        if w.s.execute(select(User.id).where(func.lower(User.username) == username.lower())).first():
            raise InvalidInput.of("username", "duplicate", value=username)
        user = User(username=username, display_name=display_name, password_hash=hashed,
                    roles=",".join(role_list), disabled=False, created_at=w.now, password_changed_at=w.now)
        w.s.add(user)
        w.s.flush()
        if first:  # the first account is made by the person who will hold it (first run, init --admin)
            w.audit_actor = Actor(user.id, username, display_name)
        w.audit("user.add", "user", username, changes={"roles": (None, role_list),
                                                        "display_name": (None, display_name)})
        return _view(user)


def list_all(ctx: AppContext) -> list[UserView]:
    with reading(ctx) as s:
        return [_view(u) for u in s.execute(select(User).order_by(User.username)).scalars()]


def get(ctx: AppContext, username: str) -> UserView:
    with reading(ctx) as s:
        return _view(_load(s, username))


def _load(s, username: str, *, lock: bool = False) -> User:
    stmt = select(User).where(User.username == text.key(username, "username"))
    if lock:
        stmt = stmt.with_for_update()
    user = s.execute(stmt).scalar_one_or_none()
    if user is None:
        raise NotFound.of("user", username)
    return user


def set_disabled(ctx: AppContext, username: str, disabled: bool = True, *, expected_version: object) -> UserView:
    """停用 / 启用 an account; an open session of that user ends at its next action."""
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        user = _load(w.s, username, lock=True)
        w.expect_version(user, expected_version, "user", username)
        if disabled and Role.ADMIN in _roles(user.roles):
            others = w.s.execute(select(User).where(User.id != user.id, User.disabled.is_(False))).scalars()
            if not any(Role.ADMIN in _roles(o.roles) for o in others):
                raise InvalidInput(Refusal("last_admin"))
        old = user.disabled
        user.disabled = disabled
        w.audit("user.disable" if disabled else "user.enable", "user", username,
                changes={"disabled": (old, disabled)})
        return _view(user)


def set_roles(ctx: AppContext, username: str, roles: object, *, expected_version: object) -> UserView:
    """The roles an account holds from now on; an open session acts with them at its next action."""
    role_list = _check_roles(roles)
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        user = _load(w.s, username, lock=True)
        w.expect_version(user, expected_version, "user", username)
        old = _roles(user.roles)
        if Role.ADMIN in old and Role.ADMIN not in role_list and not user.disabled:
            others = w.s.execute(select(User).where(User.id != user.id, User.disabled.is_(False))).scalars()
            if not any(Role.ADMIN in _roles(o.roles) for o in others):
                raise InvalidInput(Refusal("last_admin"))
        user.roles = ",".join(role_list)
        w.audit("user.roles", "user", username, changes={"roles": (old, role_list)})
        return _view(user)


def set_password(ctx: AppContext, username: str, new_password: str, *, expected_version: object) -> UserView:
    """An administrator resets a password, or a user changes their own."""
    hashed = hash_password(_check_password(new_password, username))
    with unit_of_work(ctx) as w:
        if w.actor.username != username:
            _require_admin(w.actor)
        user = _load(w.s, username, lock=True)
        w.expect_version(user, expected_version, "user", username)
        # cycle: relgui.services.directory imports this module
        from relgui.services import directory

        if directory.is_directory_account(w.s, user.id):  # its password lives in the directory
            raise InvalidInput(Refusal("directory_password_elsewhere", params={"name": username}))
        user.password_hash = hashed
        user.password_changed_at = w.now
        user.locked_until = None
        w.s.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
        w.audit("user.password", "user", username)
        return _view(user)


def _verify(user: User, password: str) -> bool:
    try:
        return isinstance(password, str) and HASHER.verify(user.password_hash, password.encode("utf-8", "surrogatepass"))
    except (VerificationError, InvalidHashError):
        return False


def _fail(w, user: User, action: str, **extra) -> dt.datetime | None:
    """Record a failure; lock after MAX_FAILURES inside FAILURE_WINDOW. Returns the lock end.
    ``extra``: more for the audit event (a directory login's source)."""
    w.s.add(LoginFailure(user_id=user.id, at=w.now))
    w.s.flush()
    recent = w.s.execute(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.user_id == user.id, LoginFailure.at > w.now - FAILURE_WINDOW)).scalar_one()
    locked = None
    if recent >= MAX_FAILURES:
        locked = w.now + LOCK_FOR
        user.locked_until = locked
    w.audit(action, "user", user.username, failures=recent, locked_until=locked, **extra)
    return locked


def _lock_refusal(until: dt.datetime, session=None) -> Refusal:
    """"Locked until …" in the company's time zone (``session`` reads it), never the computer's."""
    return Refusal("locked", params={"until": timeutil.shown(until, company_zone(session) if session else None)})


def _check_lock(user: User, now: dt.datetime, session=None) -> None:
    if user.disabled:
        raise AuthError(Refusal("disabled"))
    if user.locked_until is not None and user.locked_until > now:
        raise AuthError(_lock_refusal(user.locked_until, session), locked_until=user.locked_until)


def login(ctx: AppContext, username: str, password: str) -> Actor:
    """Check a user's password; returns who is now acting. Failures are audited and counted.
    An account of the company directory (or a name no local account holds, when the directory
    is set up) is checked by the directory instead (relgui/services/directory.py)."""
    # cycle: relgui.services.directory imports this module
    from relgui.services import directory

    routed = directory.route_login(ctx, username, password)
    if routed is not None:
        return routed
    outcome: Actor | AuthError
    name = text.clean(username).strip()[:64] if isinstance(username, str) else ""
    with unit_of_work(ctx) as w:
        # The account's row is locked for the whole check: parallel guesses queue here, so the
        # lockout counts every one of them exactly (a guess after the fifth gets "locked").
        user = w.s.execute(select(User).where(User.username == name).with_for_update()).scalar_one_or_none()
        # The events name the account that tries, never the workstation's system actor (issue 15).
        w.audit_actor = Actor(user.id, user.username, user.display_name) if user is not None else Actor(
            None, name[:64], name[:64] or "?")
        if user is None:
            # No lockout to count against, but the attempt is still recorded.
            w.audit("auth.login_unknown", "user", name[:64])
            outcome = AuthError(Refusal("bad_credentials"))
        else:
            try:
                _check_lock(user, w.now, w.s)
            except AuthError as exc:
                w.audit("auth.login_refused", "user", user.username, reason=exc.refusals[0].code)
                outcome = exc
            else:
                if _verify(user, password):
                    if user.locked_until is not None:  # an unchanged row is not written: its evidence
                        user.locked_until = None       # image stays the last one the chain recorded
                    w.s.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
                    upgraded = HASHER.check_needs_rehash(user.password_hash)
                    if upgraded:  # hashed with older parameters: stored again with today's
                        user.password_hash = hash_password(password)
                    noted: dict[str, Any] = {"rehashed": True} if upgraded else {}
                    w.audit("auth.login", "user", user.username, **noted)
                    outcome = actor_of(user)
                else:
                    locked = _fail(w, user, "auth.login_failed")
                    outcome = AuthError(_lock_refusal(locked, w.s) if locked else Refusal("bad_credentials"),
                                        locked_until=locked)
    if isinstance(outcome, AuthError):
        raise outcome
    return outcome


def reauthenticate(w, password: str, *, directory_verified: int | None = None) -> User:
    """Inside a signing unit of work: the signer types the password again (R-DOC-SIGN).

    A wrong password is audited and counted toward lockout in its own transaction, so the
    refusal survives the rollback of the signing one. A directory account's password was
    checked by the directory just before (directory.verify_signer: ``directory_verified`` is
    its id); its stored hash is a marker no password verifies.
    """
    actor = w.actor
    if actor.user_id is None:
        raise AuthError(Refusal("not_logged_in"))
    user = w.s.get(User, actor.user_id, with_for_update=True)
    _check_lock(user, w.now, w.s)
    if directory_verified == user.id or _verify(user, password):
        return user
    raise ReauthFailed(user.username)


class ReauthFailed(Exception):
    """Raised inside a signing unit of work; the caller records it after the rollback."""

    def __init__(self, username: str):
        super().__init__(username)
        self.username = username


def record_reauth_failure(ctx: AppContext, username: str, action: str) -> AuthError:
    with unit_of_work(ctx) as w:
        user = _load(w.s, username, lock=True)
        locked = _fail(w, user, f"auth.reauth_failed:{action}")
        refusal = _lock_refusal(locked, w.s) if locked else Refusal("reauth_failed")
    return AuthError(refusal, locked_until=locked)

