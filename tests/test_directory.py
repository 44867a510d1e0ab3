"""Directory login (issue 16, part 4) against a real OpenLDAP slapd on loopback (tests/ldapserver.py),
on SQLite and PostgreSQL: LDAPS and StartTLS with the test CA, group → role mapping, the account
made at its first login and kept up to date, disabled when gone or out of every mapped group (at
login, at a signature, by sync), local accounts untouched, signatures re-authenticated by the
directory, every refusal said in words and audited, nothing of a password kept in relgui.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading

import pytest
from conftest import PASSWORD
from flows import release_at, rv
from ldapserver import PEOPLE, SERVICE_DN, SERVICE_PW, SUFFIX, group_dn, slapd  # noqa: F401 (fixture)
from sqlalchemy import select

from relgui.domain.errors import AuthError, Conflict, InvalidInput, PolicyViolation
from relgui.domain.lifecycle import Actor
from relgui.domain.messages import render, render_all
from relgui.domain.states import Status
from relgui.domain.versions import NEW
from relgui.services import directory, plans, users
from relgui.services.context import AppContext
from relgui.store.models import AlertSettings, AuditEvent, Signature, User, UserContact

GROUPS = [["engineer", group_dn("relgui-engineers")], ["manager", group_dn("relgui-managers")],
          ["auditor", group_dn("relgui-auditors")], ["admin", group_dn("relgui-admins")]]
_seq = itertools.count(1)


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    import keyring
    from keyring_for_tests import FileKeyring

    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield tmp_path / "keyring.json"
    keyring.set_keyring(previous)


def person(slapd, *groups: str, name: str = "") -> tuple[str, str]:
    """A directory person of this test's own: (uid, password)."""
    uid = f"dir{next(_seq)}{threading.get_ident() % 1000}"
    password = f"Dir-{uid}-pass!"
    slapd.add_person(uid, password, groups, cn=name or f"目录用户{uid[3:]}", mail=f"{uid}@example.org")
    return uid, password


def configure(world, slapd, bind: bool = False, **over) -> directory.Settings:
    values = {"url": slapd.ldaps_url, "base_dn": SUFFIX, "user_attr": "uid", "user_bind": f"uid={{username}},{PEOPLE}",
              "ca_pem": slapd.ca_file.read_text(), "ca_name": "ca.pem", "groups": GROUPS, "timeout": 5}
    if bind:
        values.update(bind_dn=SERVICE_DN, user_bind="")
    values.update(over)
    _, version = directory.settings(world.ctx("admin"))
    saved, _ = directory.save(world.ctx("admin"), values, bind_password=SERVICE_PW if bind else None,
                              expected_version=version or NEW)
    return saved


def at_login(world) -> AppContext:
    """Who acts before anyone logged in (the GUI's and relgui-admin's login)."""
    return AppContext(db=world.db, actor=Actor(None, "relgui", "relgui"), clock=world.clock)


def events(world, *actions: str) -> list[AuditEvent]:
    with world.db.read() as s:
        q = select(AuditEvent).order_by(AuditEvent.seq)
        if actions:
            q = q.where(AuditEvent.action.in_(actions))
        out = s.execute(q).scalars().all()
        s.expunge_all()
        return out


def account(world, username: str) -> tuple[User | None, UserContact | None]:
    with world.db.read() as s:
        u = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        c = s.get(UserContact, u.id) if u is not None else None
        s.expunge_all()
        return u, c


def refused(call, *args, **kwargs) -> AuthError:
    with pytest.raises(AuthError) as exc:
        call(*args, **kwargs)
    return exc.value


def test_first_login_over_ldaps_creates_the_account_with_its_groups_roles(world, slapd):
    configure(world, slapd)
    actor = users.login(at_login(world), "chenjing", "Dir-Pass-chenjing-1")
    assert actor.roles == {"manager", "engineer"} and actor.display_name == "陈静"
    user, contact = account(world, "chenjing")
    assert contact.auth_source == "directory" and contact.directory_dn == f"uid=chenjing,{PEOPLE}"
    assert contact.email == "chenjing@example.org" and user.roles == "manager,engineer"
    # The password is nowhere in relgui: the stored hash is a marker no password verifies.
    assert user.password_hash == directory.NO_PASSWORD and not users._verify(user, "Dir-Pass-chenjing-1")
    assert all("Dir-Pass-chenjing-1" not in json.dumps(e.detail, ensure_ascii=False) for e in events(world))
    with world.db.read() as s:
        stored = json.dumps(s.get(AlertSettings, 1).directory)
    assert "Dir-Pass" not in stored and SERVICE_PW not in stored
    # Made and logged in by the account itself (the real actor), audited with the directory as its source.
    made, login = events(world, "user.add", "auth.login")[-2:]
    assert (made.action, made.actor_id, made.detail["source"]) == ("user.add", user.id, "directory")
    assert made.detail["groups"] == sorted([group_dn("relgui-engineers"), group_dn("relgui-managers")])
    assert (login.action, login.actor_id, login.entity_key) == ("auth.login", user.id, "chenjing")
    # A second login finds the account (any case of the name), makes none.
    again = users.login(at_login(world), "ChenJing", "Dir-Pass-chenjing-1")
    assert again.user_id == user.id
    assert [e.entity_key for e in events(world, "user.add")].count("chenjing") == 1
    # The name as typed at Windows logon (DOMAIN\name) is the same account.
    assert users.login(at_login(world), "EXAMPLE\\chenjing", "Dir-Pass-chenjing-1").user_id == user.id


def test_starttls_with_a_search_account_whose_password_is_in_the_credential_store(world, slapd, keyring_file):
    cfg = configure(world, slapd, bind=True, url=slapd.ldap_url)
    assert cfg.security == "starttls" and not cfg.plain
    assert SERVICE_PW in keyring_file.read_text()  # the credential store holds it, the database does not
    uid, pw = person(slapd, "relgui-auditors")
    actor = users.login(at_login(world), uid, pw)
    assert actor.roles == {"auditor"}
    report = directory.probe(world.ctx("admin"), username=uid, password=pw, lang="en")
    assert report.ok and report.roles == ("auditor",), report.steps
    assert [s.key for s in report.steps] == ["connect", "tls", "bind", "base", "user", "bind_user", "groups"]
    # Without the search account's password on this computer the login says so in words.
    keyring_file.write_text("{}")
    exc = refused(users.login, at_login(world), uid, pw)
    assert exc.refusals[0].code == "directory_bind_secret_missing"
    assert "credential store" in exc.message("en") and "凭据库" in exc.message("zh_CN")


def test_wrong_directory_passwords_count_toward_the_lockout(world, slapd):
    configure(world, slapd)
    uid, pw = person(slapd, "relgui-engineers")
    users.login(at_login(world), uid, pw)
    for _ in range(5):
        exc = refused(users.login, at_login(world), uid, "not-the-password")
        world.clock.advance(seconds=10)
    assert exc.locked_until is not None and exc.refusals[0].code == "locked"
    failed = events(world, "auth.login_failed")
    assert len(failed) == 5 and all(e.detail["source"] == "directory" for e in failed)
    assert {e.actor_id for e in failed} == {account(world, uid)[0].id}  # the account that tried
    # Locked: refused before the directory is asked, even with the right password.
    assert refused(users.login, at_login(world), uid, pw).refusals[0].code == "locked"
    # A name neither relgui nor the directory knows: audited as unknown, said as a wrong password.
    exc = refused(users.login, at_login(world), "nobody-here", "whatever-1")
    assert exc.refusals[0].code == "bad_credentials"
    assert events(world, "auth.login_unknown")[-1].detail["source"] == "directory"
    # An empty password is never an (anonymous) bind that "succeeds".
    assert refused(users.login, at_login(world), "chenjing", "").refusals[0].code == "bad_credentials"


def test_no_mapped_group_is_refused_and_leaving_the_groups_disables_the_account(world, slapd):
    configure(world, slapd)
    exc = refused(users.login, at_login(world), "zhouqiang", "Dir-Pass-zhouqiang-1")  # only in "staff"
    assert exc.refusals[0].code == "directory_no_group"
    assert "不属于任何已对应" in exc.message("zh_CN") and "no group" in exc.message("en")
    assert account(world, "zhouqiang") == (None, None)  # nothing made
    uid, pw = person(slapd, "relgui-engineers")
    users.login(at_login(world), uid, pw)
    slapd.set_groups(uid, remove=("relgui-engineers",))
    assert refused(users.login, at_login(world), uid, pw).refusals[0].code == "directory_no_group"
    user, _ = account(world, uid)
    assert user.disabled
    off = events(world, "user.disable")[-1]
    assert (off.entity_key, off.detail["why"], off.detail["source"]) == (uid, "no_group", "directory")
    assert off.actor_id == user.id
    # Back in a group: still disabled until an administrator enables the account again.
    slapd.set_groups(uid, add=("relgui-engineers",))
    assert refused(users.login, at_login(world), uid, pw).refusals[0].code == "disabled"
    users.set_disabled(world.ctx("admin"), uid, False, expected_version=user.row_version)
    assert users.login(at_login(world), uid, pw).roles == {"engineer"}


def test_roles_follow_the_groups_at_each_login(world, slapd):
    configure(world, slapd)
    uid, pw = person(slapd, "relgui-engineers")
    assert users.login(at_login(world), uid, pw).roles == {"engineer"}
    slapd.set_groups(uid, add=("relgui-managers",), remove=("relgui-engineers",))
    assert users.login(at_login(world), uid, pw).roles == {"manager"}
    change = events(world, "user.directory_update")[-1]
    assert change.detail["changes"]["roles"] == [["engineer"], ["manager"]]
    assert change.actor_id == account(world, uid)[0].id


def test_sync_disables_the_gone_and_the_groupless_and_updates_roles(world, slapd, keyring_file):
    configure(world, slapd, bind=True)
    gone, gone_pw = person(slapd, "relgui-engineers")
    left, left_pw = person(slapd, "relgui-engineers")
    moved, moved_pw = person(slapd, "relgui-engineers")
    kept, kept_pw = person(slapd, "relgui-managers")
    for uid, pw in ((gone, gone_pw), (left, left_pw), (moved, moved_pw), (kept, kept_pw)):
        users.login(at_login(world), uid, pw)
    slapd.delete_person(gone, ("relgui-engineers",))
    slapd.set_groups(left, remove=("relgui-engineers",))
    slapd.set_groups(moved, add=("relgui-auditors",), remove=("relgui-engineers",))
    lines = {x.username: x for x in directory.sync(world.ctx("admin"))}
    assert (lines[gone].outcome, lines[gone].why) == ("disabled", "gone")
    assert (lines[left].outcome, lines[left].why) == ("disabled", "no_group")
    assert (lines[moved].outcome, lines[moved].roles) == ("roles", ("auditor",))
    assert lines[kept].outcome == "unchanged"
    assert "admin" not in lines and "lina" not in lines  # local accounts are not the directory's
    assert account(world, gone)[0].disabled and account(world, left)[0].disabled
    assert account(world, moved)[0].roles == "auditor" and not account(world, kept)[0].disabled
    admin_id = world.ids["admin"]
    assert {e.entity_key for e in events(world, "user.disable") if e.actor_id == admin_id} == {gone, left}
    assert events(world, "directory.sync")[-1].actor_id == admin_id
    # Gone from the directory: a login attempt also disables (here: already) and says only "wrong".
    assert refused(users.login, at_login(world), gone, gone_pw).refusals[0].code in ("disabled", "bad_credentials")
    # Only an administrator synchronises.
    with pytest.raises(PolicyViolation):
        directory.sync(world.ctx("lina"))


def test_a_gone_account_is_disabled_at_its_next_login(world, slapd, keyring_file):
    configure(world, slapd, bind=True)
    uid, pw = person(slapd, "relgui-engineers")
    users.login(at_login(world), uid, pw)
    # An anonymous search this directory does not allow (it hides even the base): said, and
    # that disables no one.
    configure(world, slapd, bind_dn="", user_bind="")
    assert refused(users.login, at_login(world), uid, pw).refusals[0].code == "directory_base_unreadable"
    assert not account(world, uid)[0].disabled
    configure(world, slapd, bind=True)
    slapd.delete_person(uid, ("relgui-engineers",))
    assert refused(users.login, at_login(world), uid, pw).refusals[0].code == "bad_credentials"
    assert account(world, uid)[0].disabled
    assert events(world, "user.disable")[-1].detail["why"] == "gone"


def test_local_accounts_stay_local_and_the_administrator_always_logs_in(world, slapd):
    configure(world, slapd)
    slapd.add_person("lina", "Directory-Lina-1", ("relgui-admins",), exist_ok=True)
    # A name a local account holds logs in locally, whatever the directory says about it.
    assert users.login(at_login(world), "lina", PASSWORD).roles == {"manager"}
    assert refused(users.login, at_login(world), "lina", "Directory-Lina-1").refusals[0].code == "bad_credentials"
    # With the directory unreachable the local administrator still logs in.
    configure(world, slapd, url="ldaps://127.0.0.1:1")
    assert users.login(at_login(world), "admin", PASSWORD).roles == {"admin"}
    # A directory account cannot be given a local password.
    configure(world, slapd)
    users.login(at_login(world), "chenjing", "Dir-Pass-chenjing-1")
    with pytest.raises(InvalidInput) as exc:
        users.set_password(world.ctx("admin"), "chenjing", "Another-Long-Pass-9",
                           expected_version=account(world, "chenjing")[0].row_version)
    assert exc.value.refusals[0].code == "directory_password_elsewhere"
    from relgui.services import accounts

    with pytest.raises(InvalidInput) as exc:
        accounts.reset_password(world.ctx("admin"), "chenjing", "Another-Long-Pass-9",
                                expected_version=account(world, "chenjing")[0].row_version)
    assert exc.value.refusals[0].code == "directory_password_elsewhere"
    assert account(world, "chenjing")[0].password_hash == directory.NO_PASSWORD


def test_switching_directory_login_on_needs_an_enabled_local_administrator(world, slapd):
    uid, pw = person(slapd, "relgui-admins")
    configure(world, slapd)
    users.login(at_login(world), uid, pw)  # a directory administrator
    users.set_disabled(world.ctx("admin"), "admin", True, expected_version=account(world, "admin")[0].row_version)
    ctx = AppContext(db=world.db, actor=users.login(at_login(world), uid, pw), clock=world.clock)
    cfg, version = directory.settings(ctx)
    with pytest.raises(InvalidInput) as exc:
        directory.save(ctx, {**cfg.to_json(), "timeout": 7}, expected_version=version)
    assert exc.value.refusals[0].code == "directory_needs_local_admin"
    directory.save(ctx, {**cfg.to_json(), "enabled": False}, expected_version=version)  # switching off is fine


def test_settings_are_checked_versioned_and_only_for_administrators(world, slapd):
    cfg = configure(world, slapd)
    _, version = directory.settings(world.ctx("admin"))
    bad = [({"url": "http://dc:636"}, "directory_setting_bad"),
           ({"url": slapd.ldap_url, "security": "none"}, "directory_plain_refused"),
           ({"url": slapd.ldaps_url, "security": "starttls"}, "directory_setting_bad"),
           ({"groups": [["boss", group_dn("x")]]}, "directory_group_bad"),
           ({"groups": [["admin", "not a dn"]]}, "directory_setting_bad"),
           ({"base_dn": ""}, "empty"),
           ({"user_filter": "(objectClass=person"}, "directory_setting_bad"),
           ({"user_bind": "uid=x,dc=example"}, "directory_setting_bad"),
           ({"ca_pem": "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"}, "directory_ca_bad"),
           ({"timeout": 0}, None)]
    for change, code in bad:
        with pytest.raises(InvalidInput) as exc:
            directory.save(world.ctx("admin"), {**cfg.to_json(), **change}, expected_version=version)
        if code:
            assert exc.value.refusals[0].code == code, (change, exc.value.refusals)
        assert render_all(exc.value.refusals, "en") and render_all(exc.value.refusals, "zh_CN")
    assert directory.settings(world.ctx("admin")) == (cfg, version)  # nothing half-written
    with pytest.raises(Conflict) as conflict:
        directory.save(world.ctx("admin"), cfg.to_json(), expected_version=NEW)
    assert conflict.value.message("zh_CN").startswith("公司设置 LDAP 已被 系统管理员 于")
    with pytest.raises(PolicyViolation):
        directory.save(world.ctx("lina"), cfg.to_json(), expected_version=version)
    # Clear-text LDAP only when explicitly allowed, and then said as a warning.
    plain, saved_version = directory.save(world.ctx("admin"), {**cfg.to_json(), "url": slapd.ldap_url,
                                                               "security": "none", "allow_plain": True, "ca_pem": ""},
                                          expected_version=version)
    assert directory.settings(world.ctx("admin")) == (plain, saved_version)  # what save returns is what is stored
    assert plain.plain and directory.probe(world.ctx("admin"), username="chenjing").plain
    assert users.login(at_login(world), "chenjing", "Dir-Pass-chenjing-1").roles == {"manager", "engineer"}
    assert "明文" in render(directory.Refusal("directory_plain_warning"), "zh_CN")
    assert events(world, "directory.settings")[-1].detail["changes"]["security"] == ["ldaps", "none"]


@pytest.fixture
def silent_server():
    """A loopback port that accepts and never answers (a server that hangs, a firewall that drops)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield listener.getsockname()[1]
    listener.close()


def test_unreachable_server_and_tls_failures_are_said_in_words_and_audited(world, slapd, silent_server):
    cases = [
        (slapd.other_ca_url, "directory_tls", ("证书", "certificate")),       # another CA's certificate
        (slapd.wrong_name_url, "directory_tls", ("名称不符", "name")),        # the right CA, another name
        ("ldaps://127.0.0.1:1", "directory_refused", ("连接被拒绝", "refused")),
        (f"ldaps://127.0.0.1:{silent_server}", "directory_timeout", ("没有应答", "did not answer")),
    ]
    for url, code, words in cases:
        configure(world, slapd, url=url, timeout=1)
        exc = refused(users.login, at_login(world), "chenjing", "Dir-Pass-chenjing-1")
        assert exc.refusals[0].code == code, (url, exc.refusals)
        assert words[0] in exc.message("zh_CN") and words[1] in exc.message("en")
        assert events(world, "auth.login_refused")[-1].detail["reason"] == code
        if code != "directory_timeout":  # the administrator's test says the same
            report = directory.probe(world.ctx("admin"), lang="en")
            assert not report.ok and exc.message("en") in [s.detail for s in report.steps], report.steps
    assert account(world, "chenjing") == (None, None)  # nothing made
    # The same server by a name its certificate holds: fine.
    configure(world, slapd, url=f"ldaps://localhost:{slapd.ldaps_port}")
    assert users.login(at_login(world), "chenjing", "Dir-Pass-chenjing-1").roles == {"manager", "engineer"}


def test_signatures_reauthenticate_against_the_directory(world, slapd):
    configure(world, slapd)
    uid, pw = person(slapd, "relgui-engineers", name="审批工程师")
    n = release_at(world, Status.PLAN_SUBMITTED)
    signer = AppContext(db=world.db, actor=users.login(at_login(world), uid, pw), clock=world.clock)
    # A local password (the seeded one) is nothing to a directory account.
    with pytest.raises(AuthError) as exc:
        plans.approve(signer, n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert exc.value.refusals[0].code == "reauth_failed"
    assert events(world, "auth.reauth_failed:approve_plan")[-1].entity_key == uid
    # Out of every mapped group: the signature is refused and the account disabled.
    slapd.set_groups(uid, remove=("relgui-engineers",))
    with pytest.raises(AuthError) as exc:
        plans.approve(signer, n, 1, pw, acknowledge_warnings=True, expected_version=rv(world, n))
    assert exc.value.refusals[0].code == "directory_no_group"
    user, _ = account(world, uid)
    assert user.disabled and rv(world, n) and not _signatures(world)
    # Back in the group and enabled by an administrator: the directory password signs.
    slapd.set_groups(uid, add=("relgui-engineers",))
    users.set_disabled(world.ctx("admin"), uid, False, expected_version=user.row_version)
    sig = plans.approve(signer, n, 1, pw, acknowledge_warnings=True, expected_version=rv(world, n))
    row = _signatures(world)[-1]
    assert (row.id, row.signer_id, row.signer_name) == (sig.id, user.id, "审批工程师")


def _signatures(world) -> list[Signature]:
    with world.db.read() as s:
        out = s.execute(select(Signature).where(Signature.meaning == "approve")).scalars().all()
        s.expunge_all()
        return out
