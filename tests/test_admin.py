"""Administration in the application (issue 15), on both databases: accounts (add with a forced
first change, reset with a forced change, the user's own change), the policy profile in force,
and every login, failed login and first account audited with the real actor (R-1.3-TRACE)."""

from __future__ import annotations

import pytest
from empty_db import empty_ctx, empty_dbs, empty_pg_template, empty_sqlite_template  # noqa: F401 (fixtures)
from flows import PASSWORD, rv, user_v
from sqlalchemy import select

from relgui.domain.errors import AuthError, InvalidInput, PolicyViolation, RelguiError
from relgui.domain.versions import NEW
from relgui.policy import current_profile
from relgui.services import accounts, company, releases, users
from relgui.services.context import reading
from relgui.store.models import AuditEvent

NEW_PASSWORD = "Neues-Passwort-2026"


def _events(world, action: str) -> list[AuditEvent]:
    with reading(world.ctx()) as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)).scalars())


def test_logins_and_failed_logins_are_audited_as_the_account_not_the_system(world):
    users.login(world.ctx(), "zhangwei", PASSWORD)
    with pytest.raises(AuthError):
        users.login(world.ctx(), "zhangwei", "wrong-password-1")
    with pytest.raises(AuthError):
        users.login(world.ctx(), "nobody-here", "wrong-password-1")
    ok, failed, unknown = (_events(world, a)[-1] for a in ("auth.login", "auth.login_failed", "auth.login_unknown"))
    assert (ok.actor_id, ok.actor_name) == (world.ids["zhangwei"], "张伟")
    assert (failed.actor_id, failed.actor_name) == (world.ids["zhangwei"], "张伟")
    assert (unknown.actor_id, unknown.actor_name) == (None, "nobody-here")
    for e in (ok, failed, unknown):
        assert "relgui-admin" not in e.actor_name and "tests" not in e.actor_name


def test_the_first_account_is_recorded_as_made_by_itself(empty_ctx):
    ctx = empty_ctx  # the first run's context: the workstation's system actor, no account yet

    def events(action):
        with reading(ctx) as s:
            return list(s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())
    made = users.add(ctx, "sunyue", "孙玥", ["admin", "manager"], "Erstes-Konto-2026", first=True)
    event = events("user.add")[-1]
    assert (event.actor_id, event.actor_name) == (made.id, "孙玥")
    actor = users.login(ctx, "sunyue", "Erstes-Konto-2026")
    company.save(ctx.as_user(actor), company_name="北京新都远景网络技术有限公司", department="运维管理部",
                 number_pattern="FB-{year}-{seq:04d}", expected_version=NEW)
    saved = events("company.save")[-1]
    assert (saved.actor_id, saved.actor_name) == (made.id, "孙玥")


def test_reset_forces_a_change_at_the_next_login(world):
    admin = world.ctx("admin")
    with pytest.raises(PolicyViolation) as exc:  # only an administrator
        accounts.reset_password(world.ctx("lina"), "zhangwei", "Temporaer-2026-x", expected_version=user_v(world, "zhangwei"))
    assert "系统管理员" in exc.value.message("zh_CN", current_profile())
    view = accounts.reset_password(admin, "zhangwei", "Temporaer-2026-x", expected_version=user_v(world, "zhangwei"))
    assert view.must_change_password
    event = _events(world, "user.password_reset")[-1]
    assert (event.actor_id, event.entity_key) == (world.ids["admin"], "zhangwei")
    actor = users.login(world.ctx(), "zhangwei", "Temporaer-2026-x")
    me = world.ctx().as_user(actor)
    assert accounts.must_change(me)
    with pytest.raises(InvalidInput) as exc:
        accounts.change_own_password(me, "Temporaer-2026-x", "Temporaer-2026-x")
    assert exc.value.refusals[0].code == "same_password"
    with pytest.raises(AuthError):
        accounts.change_own_password(me, "not-the-old-one", NEW_PASSWORD)
    with pytest.raises(InvalidInput):  # too weak, said in words
        accounts.change_own_password(me, "Temporaer-2026-x", "short")
    assert accounts.must_change(me)
    accounts.change_own_password(me, "Temporaer-2026-x", NEW_PASSWORD)
    assert not accounts.must_change(me)
    changed = _events(world, "user.password")[-1]
    assert (changed.actor_id, changed.actor_name) == (world.ids["zhangwei"], "张伟")
    users.login(world.ctx(), "zhangwei", NEW_PASSWORD)


def test_an_added_account_sets_its_own_password_first_and_conflicts_are_refused(world):
    admin = world.ctx("admin")
    added = accounts.add(admin, "chenjing", "陈静", ["engineer"], "Erstes-Passwort-2026")
    assert added.must_change_password and added.user.roles == ("engineer",)
    assert [(a.user.username, a.must_change_password) for a in accounts.list_accounts(admin)
            if a.user.username == "chenjing"] == [("chenjing", True)]
    seen = added.user.row_version
    users.set_roles(admin, "chenjing", ["engineer", "manager"], expected_version=seen)
    with pytest.raises(RelguiError) as exc:  # another administrator saw the old version
        accounts.reset_password(admin, "chenjing", "Zweites-Passwort-2026", expected_version=seen)
    assert exc.value.refusals[0].code == "conflict"
    with pytest.raises(RelguiError):
        users.set_disabled(admin, "admin", True, expected_version=user_v(world, "admin"))  # the last administrator


def test_the_policy_in_force_is_chosen_by_an_administrator(world):
    admin = world.ctx("admin")
    choice = accounts.policy(admin)
    assert choice.ref == current_profile().ref and not choice.chosen and choice.row_version is NEW
    with pytest.raises(InvalidInput) as exc:
        accounts.set_policy(admin, "XDYJ-06-01@9.9", expected_version=NEW)
    assert "没有安装该制度版本" in exc.value.message("zh_CN")
    with pytest.raises(PolicyViolation):
        accounts.set_policy(world.ctx("lina"), choice.ref, expected_version=NEW)
    chosen = accounts.set_policy(admin, choice.ref, expected_version=NEW)
    assert chosen.chosen and chosen.row_version == 1
    with pytest.raises(RelguiError):
        accounts.set_policy(admin, choice.ref, expected_version=NEW)  # saw nothing, but it exists now
    event = _events(world, "company.policy")[-1]
    assert event.actor_id == world.ids["admin"]
    n = releases.create(world.ctx("zhangwei"), title="按所选制度", type="normal").number
    assert releases.profile_of(world.ctx(), n).ref == chosen.ref
    assert rv(world, n) >= 1
