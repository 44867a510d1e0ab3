"""Accounts: argon2id, lockout after 5 failures in 5 minutes, roles, administration."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import extract_parameters
from flows import user_v

from relgui.domain.errors import AuthError, InvalidInput, PolicyViolation
from relgui.services import users
from relgui.store.models import User

PASSWORD = "correct-horse-9"


def test_passwords_are_argon2id_at_owasp_minimum_or_above(world):
    with world.db.read() as s:
        stored = s.query(User).filter_by(username="lina").one().password_hash
    params = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism >= 1
    assert PASSWORD not in stored


def test_login_returns_the_actor_with_roles(world):
    actor = users.login(world.ctx(), "liuyang", PASSWORD)
    assert actor.display_name == "刘洋" and actor.roles == {"engineer", "manager"}


def test_five_failures_within_five_minutes_lock_for_fifteen(world):
    ctx = world.ctx()
    for _ in range(4):
        with pytest.raises(AuthError) as exc:
            users.login(ctx, "lina", "nope")
        assert exc.value.locked_until is None
        world.clock.advance(seconds=30)
    with pytest.raises(AuthError) as exc:
        users.login(ctx, "lina", "nope")
    until = exc.value.locked_until
    assert until == world.clock.now() + dt.timedelta(minutes=15)
    with pytest.raises(AuthError) as exc:  # even the right password, while locked
        users.login(ctx, "lina", PASSWORD)
    assert exc.value.refusals[0].code == "locked" and exc.value.locked_until == until
    assert "账户已锁定" in exc.value.message("zh_CN")
    world.clock.advance(minutes=15, seconds=1)
    assert users.login(ctx, "lina", PASSWORD).username == "lina"


def test_failures_spread_over_more_than_five_minutes_do_not_lock(world):
    for _ in range(6):
        with pytest.raises(AuthError) as exc:
            users.login(world.ctx(), "lina", "nope")
        assert exc.value.locked_until is None
        world.clock.advance(minutes=2)


def test_unknown_user_and_disabled_user_are_refused(world):
    with pytest.raises(AuthError) as exc:
        users.login(world.ctx(), "nobody", "x")
    assert exc.value.refusals[0].code == "bad_credentials"
    users.set_disabled(world.ctx("admin"), "wangfang", expected_version=user_v(world, "wangfang"))
    with pytest.raises(AuthError) as exc:
        users.login(world.ctx(), "wangfang", PASSWORD)
    assert exc.value.refusals[0].code == "disabled"


def test_only_an_admin_manages_users(world):
    with pytest.raises(PolicyViolation):
        users.add(world.ctx("lina"), "newbie", "新人", ["engineer"], "long-enough-1")
    added = users.add(world.ctx("admin"), "newbie", "新人", ["engineer"], "long-enough-1")
    assert added.roles == ("engineer",)


@pytest.mark.parametrize("username, name, roles, password, code", [
    ("", "名", ["engineer"], "long-enough-1", "empty"),
    ("a b", "名", ["engineer"], "long-enough-1", "not_a_choice"),
    ("ok", "", ["engineer"], "long-enough-1", "empty"),
    ("ok", "名", [], "long-enough-1", "empty"),
    ("ok", "名", ["boss"], "long-enough-1", "not_a_choice"),
    ("ok", "名", ["engineer"], "short", "weak_password"),
    ("LINA", "名", ["engineer"], "long-enough-1", "duplicate"),
    ("x" * 65, "名", ["engineer"], "long-enough-1", "too_long"),
])
def test_bad_account_input_is_refused(world, username, name, roles, password, code):
    with pytest.raises(InvalidInput) as exc:
        users.add(world.ctx("admin"), username, name, roles, password)
    assert exc.value.refusals[0].code == code


def test_the_last_administrator_cannot_be_disabled(world):
    with pytest.raises(InvalidInput) as exc:
        users.set_disabled(world.ctx("admin"), "admin", expected_version=user_v(world, "admin"))
    assert exc.value.refusals[0].code == "last_admin"


@pytest.mark.parametrize("password, code", [
    ("12345678", "weak_password"),          # eight characters were enough before
    ("123456789", "weak_password"),
    ("1234567890", "common_password"),
    ("Qwertyuiop", "common_password"),
    ("woaini1314", "common_password"),
    ("aaaaaaaaaaaa", "common_password"),
    ("9876543210987", "common_password"),
    ("my-zhangwei2-pass", "password_has_username"),
])
def test_a_password_is_long_and_not_a_common_one(world, password, code):
    with pytest.raises(InvalidInput) as exc:
        users.add(world.ctx("admin"), "zhangwei2", "张伟二", ["engineer"], password)
    assert exc.value.refusals[0].code == code
    message = exc.value.message("zh_CN")
    assert message and "{" not in message and "{" not in exc.value.message("en")


def test_a_hash_with_older_parameters_is_upgraded_at_login(world):
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with world.owner_engine.begin() as conn:
        from sqlalchemy import text
        conn.execute(text("UPDATE users SET password_hash = :h WHERE username = 'lina'"), {"h": old})
    users.login(world.ctx(), "lina", PASSWORD)
    with world.db.read() as s:
        stored = s.query(User).filter_by(username="lina").one().password_hash
    params = extract_parameters(stored)
    assert (params.time_cost, params.memory_cost) == (2, 19 * 1024)
    assert users.login(world.ctx(), "lina", PASSWORD).username == "lina"
