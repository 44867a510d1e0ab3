"""Administration of accounts and company options in the application (issue 15), every act
audited with the real actor (R-1.3-TRACE).

- accounts: list with their state, add (the first login must set a new password), disable,
  roles (relgui.services.users), reset a password (forced change at the next login: an
  ``account_flags`` row), a user's own change at that login.
- the policy profile in force for new releases (``company_options`` key ``policy``): a release
  keeps the profile it was created under (profile_ref); the choice applies from the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from relgui.domain import text, versions
from relgui.domain.errors import AuthError, InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Role
from relgui.domain.versions import NEW
from relgui.policy import Profile, current_profile
from relgui.policy.loader import bundled_profiles
from relgui.services import directory, users
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.store.models import AccountFlag, CompanyOption, LoginFailure, User

POLICY_KEY = "policy"


@dataclass(frozen=True)
class AccountView:
    user: users.UserView
    must_change_password: bool


def _require_admin(actor) -> None:
    if actor.user_id is not None and not actor.has(Role.ADMIN):
        raise PolicyViolation(Refusal("wrong_role", "R-1.3-TRACE", {"action": "manage_users", "roles": ("admin",)}))


def list_accounts(ctx: AppContext) -> list[AccountView]:
    with reading(ctx) as s:
        flagged = set(s.execute(select(AccountFlag.user_id).where(AccountFlag.must_change_password.is_(True))).scalars())
        return [AccountView(users._view(u), u.id in flagged)
                for u in s.execute(select(User).order_by(User.username)).scalars()]


def must_change(ctx: AppContext) -> bool:
    """Whether the logged-in user must set a new password before anything else."""
    if ctx.actor.user_id is None:
        return False
    with reading(ctx) as s:
        flag = s.get(AccountFlag, ctx.actor.user_id)
        return bool(flag and flag.must_change_password)


def _flag(w, user: User, value: bool) -> None:
    flag = w.s.get(AccountFlag, user.id)
    if flag is None:
        if value:
            w.s.add(AccountFlag(user_id=user.id, must_change_password=True, set_at=w.now, set_by_id=w.actor.user_id))
    elif flag.must_change_password != value:
        flag.must_change_password, flag.set_at, flag.set_by_id = value, w.now, w.actor.user_id


def add(ctx: AppContext, username: str, display_name: str, roles: object, password: str) -> AccountView:
    """An administrator adds an account with a first password, which its holder must change at
    the first login (the administrator knows it)."""
    made = users.add(ctx, username, display_name, roles, password)
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        user = users._load(w.s, made.username)
        _flag(w, user, True)
        w.audit("user.must_change_password", "user", user.username, changes={"must_change_password": (None, True)})
    return AccountView(users.get(ctx, made.username), True)


def reset_password(ctx: AppContext, username: str, new_password: str, *, expected_version: object) -> AccountView:
    """重置密码: the administrator sets a temporary password; its holder must change it at the next
    login. Unlocks the account. Audited as the administrator."""
    hashed = users.hash_password(users._check_password(new_password, username))
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        user = users._load(w.s, username, lock=True)
        w.expect_version(user, expected_version, "user", username)

        if directory.is_directory_account(w.s, user.id):  # its password lives in the directory
            raise InvalidInput(Refusal("directory_password_elsewhere", params={"name": username}))
        user.password_hash, user.password_changed_at, user.locked_until = hashed, w.now, None
        w.s.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
        _flag(w, user, True)
        w.audit("user.password_reset", "user", username, changes={"must_change_password": (None, True)})
    return AccountView(users.get(ctx, username), True)


def change_own_password(ctx: AppContext, old_password: str, new_password: str) -> None:
    """The logged-in user sets a new password (forced after a reset): the old one checked, the new
    one different and strong; the flag cleared. Audited as the user."""
    if ctx.actor.user_id is None:
        raise AuthError(Refusal("not_logged_in"))
    checked = users._check_password(new_password, ctx.actor.username)
    if isinstance(old_password, str) and checked == old_password:
        raise InvalidInput(Refusal("same_password"))
    hashed = users.hash_password(checked)
    with unit_of_work(ctx) as w:
        user = w.s.get(User, w.actor.user_id, with_for_update=True)
        if user is None:  # accounts are never deleted: only a database restored from before it was made
            raise NotFound.of("user", ctx.actor.username)
        if not users._verify(user, old_password):
            wrong = True
        else:
            wrong = False
            user.password_hash, user.password_changed_at = hashed, w.now
            _flag(w, user, False)
            w.audit("user.password", "user", user.username, changes={"must_change_password": (True, False)})
    if wrong:
        raise users.record_reauth_failure(ctx, ctx.actor.username, "change_password")


# ------------------------------------------------------------------ the policy in force

@dataclass(frozen=True)
class PolicyChoice:
    ref: str                 # the profile new releases run under
    chosen: bool             # the company chose it (else: the newest installed)
    installed: tuple[tuple[str, str], ...]   # (ref, title) of every installed profile
    row_version: object      # the option's version, or NEW when never chosen


def _title(p: Profile, lang: str) -> str:
    """As the documents name the policy (Profile.label), and the day it took effect."""
    return f"{p.label(lang)} · {p.effective}" if getattr(p, "effective", None) else p.label(lang)


def profile_in_force(s) -> Profile:
    """The profile a new release runs under: the company's choice when it is installed, else the
    newest installed (relgui.policy.current_profile)."""
    row = s.get(CompanyOption, POLICY_KEY)
    if row is not None and row.value in bundled_profiles():
        return bundled_profiles()[row.value]
    return current_profile()


def policy(ctx: AppContext) -> PolicyChoice:
    with reading(ctx) as s:
        row = s.get(CompanyOption, POLICY_KEY)
        in_force = profile_in_force(s)
        return PolicyChoice(in_force.ref, row is not None and row.value == in_force.ref,
                            tuple((ref, _title(p, ctx.lang)) for ref, p in sorted(bundled_profiles().items())),
                            row.row_version if row is not None else NEW)


def set_policy(ctx: AppContext, ref: str, *, expected_version: object) -> PolicyChoice:
    """The policy profile in force for new releases (an administrator's choice, audited)."""
    ref = text.key(ref, "policy", limit=60)
    if ref not in bundled_profiles():
        raise InvalidInput(Refusal("policy_unknown", params={"field": "policy", "value": ref}))
    versions.check(expected_version)
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        row = w.s.get(CompanyOption, POLICY_KEY)
        w.expect_version(row, expected_version, "company", POLICY_KEY)
        old = row.value if row is not None else None
        if row is None:
            row = CompanyOption(key=POLICY_KEY, value=ref, updated_at=w.now, updated_by_id=w.actor.user_id)
            w.s.add(row)
        else:
            row.value, row.updated_at, row.updated_by_id = ref, w.now, w.actor.user_id
        w.audit("company.policy", "company", POLICY_KEY, changes={"policy": (old, ref)})
    return policy(ctx)

