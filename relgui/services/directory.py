"""Directory login: LDAP / Active Directory accounts log in to relgui (issue 16, part 4).

A user whose account is not a local relgui account logs in with the company directory's name
and password (ldap3): relgui binds to the directory as that user over LDAPS or StartTLS (a CA
certificate the company chooses, or this computer's trusted certificates; clear-text LDAP only
when the administrator allowed it explicitly, and then said as a warning), reads the groups
the account is in and maps them to relgui roles. The relgui account is created at the first
directory login (its roles, display name and e-mail address from the directory), brought up to
date at every login, and disabled when the directory no longer has the account (or has it
disabled) or when it is in no mapped group any more: checked at each login and signature and by
``relgui-admin directory sync``. A disabled account stays disabled until an administrator
enables it again. Local accounts stay as they were: a name a local account holds always logs
in locally, so the administrator can always log in, with or without the directory.

Directory users' passwords are never stored in relgui: their ``password_hash`` is a marker no
password verifies (``users._verify`` refuses it), and their signatures re-authenticate against
the directory (``verify_signer``, called by ``signing.signing`` before its unit of work).

Nothing of the network happens inside a database transaction: the directory is asked first,
then one unit of work writes what it said (or nothing, when it could not be asked).

Settings live in ``alert_settings.directory`` (migration 0005), the search account's password
in this computer's credential store (keyring service ``relgui-directory``), never in the database.
Every directory login, failed login, account creation, role change and disabling is audited
(R-1.3-TRACE): at a login with the account as the actor once it is known, in a sync as the
administrator. A signature re-authenticates against the directory (R-DOC-SIGN).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import ssl
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from relgui.alerts.secrets import where
from relgui.domain import lang as language
from relgui.domain import text
from relgui.domain.errors import AuthError, InvalidInput, PolicyViolation, Refusal, RelguiError
from relgui.domain.lifecycle import Actor
from relgui.domain.messages import render
from relgui.domain.messages_directory import WORDS
from relgui.domain.states import Role
from relgui.services import files, users
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.store.models import AlertSettings, LoginFailure, User, UserContact

log = logging.getLogger("relgui.directory")

SERVICE = "relgui-directory"  # keyring service of the search account's password
NO_PASSWORD = "!directory"    # a directory account's password_hash: no password verifies it
ROLE_ORDER = (Role.ADMIN, Role.MANAGER, Role.ENGINEER, Role.AUDITOR)
SECURITY = ("ldaps", "starttls", "none")
DEFAULT_TIMEOUT = 5
# The settings' name in the audit trail and in a conflict's message ("公司设置 LDAP 已被 … 修改").
AUDIT_KEY = "LDAP"
# AD's nested-membership matching rule (LDAP_MATCHING_RULE_IN_CHAIN).
IN_CHAIN = "1.2.840.113556.1.4.1941"
# A name typed at login: no spaces nor characters with a meaning in a DN or a filter.
_NAME = re.compile(r'^[^\s,+"\\<>;=*()\x00/#]{1,64}$')
_ATTR = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,59}$")
# AD's sub-codes in a refused bind ("…, data 52e, …").
_AD_EXPIRED = {"532", "773"}
_AD_BLOCKED = {"533", "701", "775"}


def _w(key: str, lang: str) -> str:
    return language.pick(WORDS[key], lang)


# --- settings ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """The company's directory settings (no secret among them)."""

    url: str
    base_dn: str
    user_attr: str = "sAMAccountName"
    user_filter: str = ""                 # extra conditions, e.g. (objectCategory=person)
    user_bind: str = ""                   # bind as the user directly: {username}@corp.example
    bind_dn: str = ""                     # the search account (its password: credential store)
    security: str = "ldaps"               # ldaps | starttls | none
    allow_plain: bool = False             # "none" only with this, said as a warning everywhere
    ca_pem: str = ""                      # the CA certificate(s); "" = this computer's trusted ones
    ca_name: str = ""                     # the file they came from (shown)
    groups: tuple[tuple[str, str], ...] = ()   # (role, group DN)
    nested: bool = False                  # AD: membership through nested groups
    timeout: int = DEFAULT_TIMEOUT
    enabled: bool = True

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        parts = urlsplit(self.url)
        return parts.port or (636 if parts.scheme == "ldaps" else 389)

    @property
    def plain(self) -> bool:
        return self.security == "none"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["groups"] = [list(g) for g in self.groups]
        return out


def _bad(field_name: str, detail: str) -> InvalidInput:
    return InvalidInput(Refusal("directory_setting_bad", params={"field": field_name, "detail": detail[:200]}))


def _dn(value: object, field_name: str, *, required: bool) -> str:
    dn = text.line(value if value is not None else "", field_name, required=required, limit=500)
    if dn:
        from ldap3.core.exceptions import LDAPInvalidDnError
        from ldap3.utils.dn import parse_dn

        try:
            parse_dn(dn)
        except (LDAPInvalidDnError, ValueError, IndexError) as exc:
            raise _bad(field_name, f"{dn[:80]}: {exc}") from None
    return dn


def norm_dn(dn: str) -> str:
    """A DN compared as the directory compares it (attribute names and values without case)."""
    from ldap3.core.exceptions import LDAPInvalidDnError
    from ldap3.utils.dn import parse_dn

    try:
        return ",".join(f"{a.strip().lower()}={v.strip().lower()}" for a, v, _ in parse_dn(dn))
    except (LDAPInvalidDnError, ValueError, IndexError):
        return dn.strip().lower()


def _ca_checked(pem: str, name: str) -> str:
    if not pem:
        return ""
    if "-----BEGIN CERTIFICATE-----" not in pem:
        raise InvalidInput(Refusal("directory_ca_bad", params={"value": name[:100], "detail": "PEM?"}))
    try:
        ssl.create_default_context(cadata=pem)
    except (ssl.SSLError, ValueError) as exc:
        raise InvalidInput(Refusal("directory_ca_bad", params={"value": name[:100], "detail": str(exc)[:150]})) from None
    return pem


def check(raw: dict[str, Any]) -> Settings:
    """Settings from their stored or typed form, each field checked (refused naming it)."""
    if not isinstance(raw, dict):
        raise _bad("directory_url", "—")
    url = text.line(raw.get("url", ""), "directory_url", limit=300)
    parts = urlsplit(url)
    if parts.scheme not in ("ldap", "ldaps") or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise _bad("directory_url", "ldaps://server:636 | ldap://server:389")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        raise _bad("directory_url", str(exc)) from None
    security = raw.get("security") or ("ldaps" if parts.scheme == "ldaps" else "starttls")
    if security not in SECURITY:
        raise _bad("directory_url", "ldaps | starttls | none")
    if (parts.scheme == "ldaps") != (security == "ldaps"):
        raise _bad("directory_url", "ldaps:// ⇔ LDAPS; ldap:// ⇔ StartTLS / none")
    allow_plain = text.flag(raw.get("allow_plain", False), "allow_plain")
    if security == "none" and not allow_plain:
        raise InvalidInput(Refusal("directory_plain_refused", params={"url": url}))
    user_attr = text.line(raw.get("user_attr") or "sAMAccountName", "directory_user_attr", limit=60)
    if not _ATTR.match(user_attr):
        raise _bad("directory_user_attr", user_attr[:60])
    user_filter = text.line(raw.get("user_filter") or "", "directory_user_filter", required=False, limit=500)
    if user_filter:
        from ldap3.core.exceptions import LDAPException
        from ldap3.operation.search import parse_filter

        if not (user_filter.startswith("(") and user_filter.endswith(")")):
            raise _bad("directory_user_filter", user_filter[:80])
        try:
            parse_filter(user_filter, None, auto_escape=False, auto_encode=True, validator=None, check_names=False)
        except (LDAPException, ValueError, IndexError, TypeError) as exc:
            raise _bad("directory_user_filter", f"{user_filter[:80]}: {exc}") from None
    user_bind = text.line(raw.get("user_bind") or "", "directory_user_bind", required=False, limit=300)
    if user_bind and user_bind.count("{username}") != 1:
        raise _bad("directory_user_bind", "{username}")
    groups = []
    given_groups = raw.get("groups") or ()
    if not isinstance(given_groups, (list, tuple)):
        raise InvalidInput(Refusal("directory_group_bad", params={"value": str(given_groups)[:100],
                                                                  "choices": "/".join(ROLE_ORDER)}))
    for item in given_groups:
        if not isinstance(item, (list, tuple)) or len(item) != 2 or not all(isinstance(x, str) for x in item):
            raise InvalidInput(Refusal("directory_group_bad", params={"value": str(item)[:100],
                                                                      "choices": "/".join(ROLE_ORDER)}))
        role, dn = item[0].strip(), item[1]
        if role not in set(Role):
            raise InvalidInput(Refusal("directory_group_bad", params={"value": f"{role[:20]}={dn[:80]}",
                                                                      "choices": "/".join(ROLE_ORDER)}))
        groups.append((role, _dn(dn, "directory_groups", required=True)))
    timeout = text.integer(raw.get("timeout", DEFAULT_TIMEOUT), "directory_timeout", minimum=1, maximum=60)
    ca_name = text.line(raw.get("ca_name") or "", "directory_ca", required=False, limit=300)
    ca_pem = raw.get("ca_pem") or ""
    if not isinstance(ca_pem, str) or len(ca_pem) > 65536:
        raise InvalidInput(Refusal("directory_ca_bad", params={"value": ca_name[:100], "detail": "≤ 64 KB PEM"}))
    return Settings(
        url=url.rstrip("/"), base_dn=_dn(raw.get("base_dn"), "directory_base_dn", required=True),
        user_attr=user_attr, user_filter=user_filter, user_bind=user_bind,
        bind_dn=_dn(raw.get("bind_dn"), "directory_bind_dn", required=False), security=security,
        allow_plain=allow_plain, ca_pem=_ca_checked(ca_pem, ca_name), ca_name=ca_name,
        groups=tuple(dict.fromkeys(groups)), nested=text.flag(raw.get("nested", False), "nested"),
        timeout=timeout, enabled=text.flag(raw.get("enabled", True), "enabled"))


def ca_from_file(path: object) -> tuple[str, str]:
    """(PEM text, the file's name) of a CA certificate file: PEM, or DER as Windows exports a
    .cer. A missing or unreadable file is refused in words; the content is checked by ``check``."""
    file = files.to_read(path, limit_mb=1, field="directory_ca")
    data = files.read_bytes(file)
    if b"-----BEGIN" in data:
        return data.decode("latin-1"), file.name
    return ssl.DER_cert_to_PEM_cert(data), file.name


def _stored(s) -> tuple[Settings | None, int]:
    row = s.get(AlertSettings, 1)
    if row is None or not row.directory:
        return None, row.row_version if row is not None else 0
    try:
        return check(dict(row.directory)), row.row_version
    except RelguiError:  # changed behind relgui into something unusable: as if not set up
        log.warning("directory settings in the database are unusable; directory login is off")
        return None, row.row_version


def settings(ctx: AppContext) -> tuple[Settings | None, int]:
    """The directory settings (None: not set up) and the settings row's version (0: none).
    An administrator's (the rights read as they are now: the 公司目录登录 dialog and
    `directory show` open with this read, so one who lost the role is refused before anything
    of the directory's setup is shown)."""
    with reading(ctx, rights=True) as s:
        _require_admin(ctx.actor)
        return _stored(s)


def _require_admin(actor: Actor) -> None:
    if actor.user_id is not None and not actor.has(Role.ADMIN):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "settings", "roles": ("admin",)}))


def _local_admin_exists(s) -> bool:
    rows = s.execute(select(User.roles, UserContact.auth_source).outerjoin(UserContact, UserContact.user_id == User.id)
                     .where(User.disabled.is_(False))).all()
    return any(Role.ADMIN in r.roles.split(",") and (r.auth_source or "local") != "directory" for r in rows)


def save(ctx: AppContext, values: dict[str, Any], *, bind_password: str | None = None,
         expected_version: object) -> tuple[Settings, int]:
    """The company's directory settings from now on; ``bind_password`` (when given) goes to this
    computer's credential store ("" removes it). ``expected_version``: settings()'s version
    (NEW when 0). Switching directory login on needs an enabled local administrator. Returns
    what settings() would now: the settings saved and the row's new version (the next save's
    ``expected_version``), so a form shows what it saved without reading it again."""
    cfg = check(values)
    if bind_password is not None:
        bind_password = text.line(bind_password, "password", required=False, limit=500)
        _keyring_usable(ctx.db)
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        row = w.s.get(AlertSettings, 1)
        w.expect_version(row, expected_version, "company", AUDIT_KEY)
        if cfg.enabled and not _local_admin_exists(w.s):
            raise InvalidInput(Refusal("directory_needs_local_admin"))
        new = cfg.to_json()
        old = dict(row.directory or {}) if row is not None else {}
        if row is None:
            row = AlertSettings(id=1, rules="", directory=new, updated_at=w.now, updated_by_id=w.actor.user_id)
            w.s.add(row)
        else:
            row.directory, row.updated_at, row.updated_by_id = new, w.now, w.actor.user_id
        shown = {k: (_shown(old.get(k)), _shown(v)) for k, v in new.items() if old.get(k) != v}
        w.audit("directory.settings", "company", AUDIT_KEY, changes=shown,
                bind_password_saved=bool(bind_password))
    version = row.row_version  # as the unit of work left it (its versions move on at its end; not expired)
    if bind_password is not None:
        _keyring_put(ctx.db, cfg.bind_dn, bind_password)
    return cfg, version


def _shown(value: Any) -> Any:
    if isinstance(value, str) and "BEGIN CERTIFICATE" in value:
        import hashlib

        return f"PEM sha256:{hashlib.sha256(value.encode()).hexdigest()[:16]}"
    return value


# --- the search account's password: this computer's credential store ------------------------------

def _entry(db) -> str:
    return f"bind@{where(db)}"


def _keyring_usable(db) -> None:
    try:
        import keyring

        keyring.get_password(SERVICE, _entry(db))
    except Exception as exc:  # noqa: BLE001 - keyring's fail backend, a locked vault …
        raise InvalidInput(Refusal("directory_keyring_unavailable", params={"detail": str(exc)[:200]})) from None


def _keyring_put(db, bind_dn: str, value: str) -> None:
    try:
        import keyring

        if value:
            keyring.set_password(SERVICE, _entry(db), value)
        else:
            try:
                keyring.delete_password(SERVICE, _entry(db))
            except keyring.errors.PasswordDeleteError:
                pass
    except InvalidInput:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InvalidInput(Refusal("directory_keyring_unavailable", params={"detail": str(exc)[:200]})) from None


def bind_password(db) -> str | None:
    try:
        import keyring

        return keyring.get_password(SERVICE, _entry(db))
    except Exception:  # noqa: BLE001 - no usable credential store here
        return None


# --- talking to the directory ----------------------------------------------------------------

class Failure(Exception):
    """The directory's answer was not a yes. ``kind``: unavailable (server, TLS, search account),
    credentials (wrong name or password), gone (no such account, or disabled in the directory),
    expired (password to change first), blocked (locked in the directory), ambiguous."""

    def __init__(self, kind: str, refusal: Refusal):
        super().__init__(kind)
        self.kind = kind
        self.refusal = refusal


@dataclass(frozen=True)
class Entry:
    """A directory account as relgui needs it."""

    dn: str
    username: str
    display_name: str
    email: str
    groups: frozenset[str]   # normalised DNs
    disabled: bool = False   # AD's userAccountControl ACCOUNTDISABLE


def roles_for(cfg: Settings, groups: Iterable[str]) -> tuple[str, ...]:
    held = {norm_dn(g) for g in groups}
    granted = {role for role, dn in cfg.groups if norm_dn(dn) in held}
    return tuple(r.value for r in ROLE_ORDER if r.value in granted)


def _tls_class():
    import ldap3

    class VerifiedTls(ldap3.Tls):
        """ldap3's TLS with Python's own certificate and host name checks (ldap3 switches
        ``check_hostname`` off and checks names itself); remembers why a handshake failed."""

        def __init__(self, host: str, ca_pem: str):
            super().__init__(validate=ssl.CERT_REQUIRED)
            self.host, self.pem = host, ca_pem
            self.failure: ssl.SSLError | None = None  # ssl.CertificateError is an SSLError

        def wrap_socket(self, connection, do_handshake=False):
            context = ssl.create_default_context(cadata=self.pem or None)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            try:
                connection.socket = context.wrap_socket(connection.socket, server_hostname=self.host,
                                                        do_handshake_on_connect=do_handshake)
            except (ssl.SSLError, ssl.CertificateError) as exc:
                self.failure = exc
                raise

    return VerifiedTls


def _unreachable(exc: BaseException, cfg: Settings) -> Refusal:
    """Why the server could not be reached, in words (refused, no answer, unknown name)."""
    import socket

    params = {"host": cfg.host, "port": cfg.port}
    chain = [exc, *getattr(exc, "args", ())]
    said = " ".join(str(x) for x in chain).lower()
    if isinstance(exc, socket.gaierror) or "name or service not known" in said or "getaddrinfo" in said \
            or "nodename nor servname" in said:
        return Refusal("directory_unknown_host", params=params)
    if isinstance(exc, ConnectionRefusedError) or "refused" in said:
        return Refusal("directory_refused", params=params)
    if isinstance(exc, TimeoutError) or "timed out" in said or "timeout" in said:
        return Refusal("directory_timeout", params={**params, "seconds": cfg.timeout})
    detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
    return Refusal("directory_unreachable", params={**params, "detail": detail})


class _Session:
    """One connection to the directory, TLS established before any password crosses it."""

    def __init__(self, cfg: Settings):
        import ldap3

        self.cfg = cfg
        self.tls = _tls_class()(cfg.host, cfg.ca_pem) if cfg.security != "none" else None
        server = ldap3.Server(cfg.host, port=cfg.port, use_ssl=cfg.security == "ldaps", tls=self.tls,
                              get_info=ldap3.NONE, connect_timeout=cfg.timeout)
        self.conn = ldap3.Connection(server, receive_timeout=cfg.timeout, raise_exceptions=False,
                                     auto_referrals=False, read_only=True, return_empty_attributes=False)
        try:
            self.conn.open()
            if cfg.security == "starttls":
                self.conn.start_tls()
                if not self.conn.tls_started:
                    raise ssl.SSLError(str(self.conn.last_error or "StartTLS"))
        except Exception as exc:  # noqa: BLE001 - ldap3 wraps socket and TLS errors in its own
            self.close()
            raise self._failure(exc) from None
        if cfg.plain:
            log.warning("directory connection to %s:%s is not encrypted (allowed by the administrator)",
                        cfg.host, cfg.port)

    def _failure(self, exc: BaseException) -> Failure:
        params = {"host": self.cfg.host, "port": self.cfg.port}
        tls_failure = getattr(self.tls, "failure", None)
        if tls_failure is not None or isinstance(exc, ssl.SSLError) or "LDAPStartTLSError" in type(exc).__name__:
            detail = getattr(tls_failure, "verify_message", None) or str(tls_failure or exc)
            return Failure("unavailable", Refusal("directory_tls", params={**params, "detail": str(detail)[:160]}))
        return Failure("unavailable", _unreachable(exc, self.cfg))

    def close(self) -> None:
        try:
            self.conn.unbind()
        except Exception:  # noqa: BLE001 - closing a connection that broke
            pass

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def bind(self, dn: str, password: str) -> tuple[bool, str]:
        """(bound, the server's sub-code or message when not)."""
        import ldap3

        if not password:  # an empty password would be an unauthenticated bind, which "succeeds"
            return False, ""
        try:
            ok = self.conn.rebind(user=dn, password=password, authentication=ldap3.SIMPLE)
        except Exception as exc:  # noqa: BLE001 - the connection broke, or ldap3 refused the values
            if "LDAPBindError" in type(exc).__name__ or "LDAPPasswordIsMandatory" in type(exc).__name__:
                return False, str(exc)[:160]
            raise self._failure(exc) from None
        if ok:
            return True, ""
        result = self.conn.result or {}
        if result.get("result") in (49, 50, 53):  # invalidCredentials, insufficientAccess, unwillingToPerform
            return False, f"{result.get('description', '')} {result.get('message') or ''}".strip()
        raise Failure("unavailable", Refusal("directory_unreachable", params={
            "host": self.cfg.host, "port": self.cfg.port,
            "detail": f"{result.get('description', '?')} {result.get('message', '')}".strip()[:160]}))

    def search(self, base: str, flt: str, attributes: list[str], *, scope: str = "SUBTREE",
               size: int = 0) -> list[tuple[str, dict[str, list]]]:
        import ldap3

        try:
            self.conn.search(base, flt, search_scope=getattr(ldap3, scope), attributes=attributes,
                             size_limit=size, time_limit=self.cfg.timeout)
        except Exception as exc:  # noqa: BLE001
            raise self._failure(exc) from None
        result = self.conn.result or {}
        if result.get("result") not in (0, 4, 10, None):  # success, sizeLimitExceeded, referral
            raise Failure("unavailable", Refusal("directory_base_unreadable", params={
                "dn": base, "detail": f"{result.get('description', '?')} {result.get('message', '')}".strip()[:160]}))
        return [(r["dn"], r.get("attributes") or {}) for r in (self.conn.response or [])
                if r.get("type") == "searchResEntry"]

    # -- the account and its groups --
    def find(self, name: str) -> Entry | None:
        cfg = self.cfg
        from ldap3.utils.conv import escape_filter_chars

        flt = f"({cfg.user_attr}={escape_filter_chars(name)})"
        if cfg.user_filter:
            flt = f"(&{cfg.user_filter}{flt})"
        found = self.search(cfg.base_dn, flt, [cfg.user_attr, "displayName", "cn", "mail", "memberOf",
                                               "userAccountControl"], size=2)
        if not found:
            return None
        if len(found) > 1:
            raise Failure("ambiguous", Refusal("directory_ambiguous", params={"name": name}))
        dn, attrs = found[0]
        groups = {norm_dn(g) for g in _values(attrs, "memberOf")}
        escaped = escape_filter_chars(dn)
        if cfg.nested:
            gflt = f"(member:{IN_CHAIN}:={escaped})"
        else:
            gflt = f"(|(member={escaped})(uniqueMember={escaped}))"
        groups |= {norm_dn(g) for g, _ in self.search(cfg.base_dn, gflt, ["1.1"])}
        uac = _values(attrs, "userAccountControl")
        disabled = bool(uac) and str(uac[0]).lstrip("-").isdigit() and bool(int(str(uac[0])) & 2)
        username = next(iter(_values(attrs, cfg.user_attr)), name)
        display = next(iter(_values(attrs, "displayName")), "") or next(iter(_values(attrs, "cn")), "") or username
        email = next(iter(_values(attrs, "mail")), "")
        return Entry(dn, str(username), str(display), str(email), frozenset(groups), disabled)


def _values(attrs: dict[str, Any], name: str) -> list[Any]:
    for k, v in attrs.items():
        if k.lower() == name.lower():
            return list(v) if isinstance(v, (list, tuple)) else [v]
    return []


def _sub_code(message: str) -> str:
    m = re.search(r"data ([0-9a-f]{3,4})", message or "")
    return m.group(1) if m else ""


def _refused_bind(message: str, name: str) -> Failure:
    code = _sub_code(message)
    if code in _AD_EXPIRED:
        return Failure("expired", Refusal("directory_password_expired"))
    if code in _AD_BLOCKED:
        return Failure("blocked", Refusal("directory_account_blocked"))
    return Failure("credentials", Refusal("bad_credentials"))


def _service(cfg: Settings, db, session: _Session) -> None:
    """Bind the search account (when there is one); its failure is said, never a user's fault."""
    if not cfg.bind_dn:
        return
    secret = bind_password(db)
    if not secret:
        raise Failure("unavailable", Refusal("directory_bind_secret_missing", params={"dn": cfg.bind_dn}))
    ok, message = session.bind(cfg.bind_dn, secret)
    if not ok:
        raise Failure("unavailable", Refusal("directory_bind_failed", params={
            "dn": cfg.bind_dn, "detail": message[:160] or "invalidCredentials"}))


def authenticate(cfg: Settings, db, name: str, password: str) -> Entry:
    """The directory says ``name`` with ``password`` is this account, or raises Failure.

    With a search account: it finds the account (and its groups), then a second connection binds
    as the account's DN with the password. Without: bind as ``user_bind`` with the name filled
    in (AD: {username}@corp.example), then the account reads its own entry and groups."""
    if not _NAME.match(name or "") or not password:
        raise Failure("credentials", Refusal("bad_credentials"))
    if cfg.bind_dn or not cfg.user_bind:
        with _Session(cfg) as svc:
            _service(cfg, db, svc)
            entry = svc.find(name)
        if entry is None and not cfg.bind_dn:
            # An anonymous search that finds nothing may only be one the directory does not
            # allow: never a reason to disable an account, said as a wrong name or password.
            raise Failure("credentials", Refusal("bad_credentials"))
        if entry is None or entry.disabled:
            raise Failure("gone", Refusal("bad_credentials"))
        with _Session(cfg) as own:
            ok, message = own.bind(entry.dn, password)
        if not ok:
            raise _refused_bind(message, name)
        return entry
    with _Session(cfg) as own:
        ok, message = own.bind(cfg.user_bind.replace("{username}", name), password)
        if not ok:
            raise _refused_bind(message, name)
        entry = own.find(name)
    if entry is None:
        raise Failure("unavailable", Refusal("directory_user_unknown", params={"name": name}))
    if entry.disabled:
        raise Failure("gone", Refusal("bad_credentials"))
    return entry


# --- login ---------------------------------------------------------------------------------------

def _directory_user(s, name: str) -> tuple[User | None, UserContact | None]:
    user = s.execute(select(User).where(func.lower(User.username) == name.lower())
                     .order_by(User.id)).scalars().first()
    if user is None:
        return None, None
    return user, s.get(UserContact, user.id)


def is_directory_account(s, user_id: int) -> bool:
    c = s.get(UserContact, user_id)
    return c is not None and c.auth_source == "directory"


def route_login(ctx: AppContext, username: object, password: object) -> Actor | None:
    """users.login's first question: is this a directory login? None: no, log in locally (a
    local account of that name, or no directory set up). Otherwise the directory decides."""
    name = text.clean(username).strip()[:64] if isinstance(username, str) else ""
    if not name:
        return None
    with reading(ctx) as s:
        user, contact = _directory_user(s, name)
        if user is not None and (contact is None or contact.auth_source != "directory"):
            return None  # a local account: local accounts always log in locally
        if user is None and "\\" in name:  # CORP\zhangwei, as typed at Windows logon
            name = name.rsplit("\\", 1)[1]
            user, contact = _directory_user(s, name)
            if user is not None and (contact is None or contact.auth_source != "directory"):
                return None  # a local name: the domain's account of that name is not it
        cfg, _ = _stored(s)
        user_id = user.id if user is not None else None
    if user_id is None and (cfg is None or not cfg.enabled):
        return None
    return _login(ctx, cfg, name, password if isinstance(password, str) else "", user_id)


def _refuse(ctx: AppContext, name: str, user_id: int | None, refusal: Refusal, *, action: str = "auth.login_refused",
            disable: str = "", locked_until=None) -> AuthError:
    """Audit a refused directory login (disabling the account when ``disable`` says why)."""
    with unit_of_work(ctx) as w:
        user = w.s.get(User, user_id, with_for_update=True) if user_id is not None else None
        w.audit_actor = _trying(user, name)
        if user is not None and disable and not user.disabled:
            _disable(w, user, disable)
        w.audit(action, "user", user.username if user is not None else name[:64], source="directory",
                reason=refusal.code)
    return AuthError(refusal, locked_until=locked_until)


def _trying(user: User | None, name: str) -> Actor:
    """Who a login's events name: the account that tries (as users.login does), never the
    workstation's system actor."""
    if user is not None:
        return Actor(user.id, user.username, user.display_name)
    return Actor(None, name[:64], name[:64] or "?")


def _disable(w, user: User, why: str) -> None:
    user.disabled = True
    w.audit("user.disable", "user", user.username, changes={"disabled": (False, True)}, source="directory",
            why=why)


def _login(ctx: AppContext, cfg: Settings | None, name: str, password: str, user_id: int | None) -> Actor:
    if cfg is None or not cfg.enabled:
        raise _refuse(ctx, name, user_id, Refusal("directory_off"))
    if user_id is not None:  # a locked or disabled account is refused before the directory is asked
        with reading(ctx) as s:
            user = s.get(User, user_id)
            try:
                if user is not None:  # accounts are never deleted; a restored older database may lack it
                    users._check_lock(user, ctx.clock.now(), s)
            except AuthError as exc:
                refusal = exc.refusals[0]
                raise _refuse(ctx, name, user_id, refusal, locked_until=exc.locked_until) from None
    try:
        entry = authenticate(cfg, ctx.db, name, password)
    except Failure as f:
        if f.kind in ("credentials", "blocked"):
            locked: dt.datetime | None = None
            refusal = f.refusal
            with unit_of_work(ctx) as w:
                known = w.s.get(User, user_id, with_for_update=True) if user_id is not None else None
                w.audit_actor = _trying(known, name)
                if known is not None:
                    locked = users._fail(w, known, "auth.login_failed", source="directory")
                    refusal = users._lock_refusal(locked, w.s) if locked else f.refusal
                else:
                    w.audit("auth.login_unknown", "user", name[:64], source="directory")
            raise AuthError(refusal, locked_until=locked) from None
        if f.kind == "gone":
            raise _refuse(ctx, name, user_id, f.refusal, action="auth.login_failed", disable="gone") from None
        raise _refuse(ctx, name, user_id, f.refusal) from None
    roles = roles_for(cfg, entry.groups)
    if not roles:
        raise _refuse(ctx, name, user_id, Refusal("directory_no_group"), disable="no_group")
    try:
        return _record_login(ctx, cfg, entry, roles)
    except IntegrityError:  # two first logins of one account at once: the other created it
        return _record_login(ctx, cfg, entry, roles)


def _record_login(ctx: AppContext, cfg: Settings, entry: Entry, roles: tuple[str, ...]) -> Actor:
    outcome: Actor | AuthError
    with unit_of_work(ctx) as w:
        user = w.s.execute(select(User).where(func.lower(User.username) == entry.username.lower())
                           .with_for_update()).scalars().first()
        contact = w.s.get(UserContact, user.id) if user is not None else None
        w.audit_actor = _trying(user, entry.username)
        if user is not None and (contact is None or contact.auth_source != "directory"):
            w.audit("auth.login_refused", "user", entry.username, source="directory", reason="directory_name_taken")
            outcome = AuthError(Refusal("directory_name_taken", params={"name": entry.username}))
        elif user is not None and user.disabled:
            w.audit("auth.login_refused", "user", user.username, source="directory", reason="disabled")
            outcome = AuthError(Refusal("disabled"))
        else:
            display = text.line(entry.display_name[:100] or entry.username, "display_name", limit=100)
            email = entry.email if _email_ok(entry.email) else ""
            if user is None:
                user = User(username=entry.username, display_name=display, password_hash=NO_PASSWORD,
                            roles=",".join(roles), disabled=False, created_at=w.now, password_changed_at=w.now)
                w.s.add(user)
                w.s.flush()
                contact = UserContact(user_id=user.id, email=email, language="zh_CN", auth_source="directory",
                                      directory_dn=entry.dn[:500], directory_seen_at=w.now)
                w.s.add(contact)
                w.audit_actor = users.actor_of(user)  # made by the person who will hold it
                w.audit("user.add", "user", user.username, source="directory", dn=entry.dn,
                        changes={"roles": (None, roles), "display_name": (None, display)},
                        groups=sorted(g for _, g in cfg.groups if norm_dn(g) in entry.groups))
            elif contact is not None:  # always: the first branch refused an account without a directory contact
                changes: dict[str, tuple[Any, Any]] = {}
                if tuple(users._roles(user.roles)) != roles:
                    changes["roles"] = (users._roles(user.roles), roles)
                    user.roles = ",".join(roles)
                if user.display_name != display:
                    changes["display_name"] = (user.display_name, display)
                    user.display_name = display
                if email and contact.email != email:
                    changes["email"] = (contact.email, email)
                    contact.email = email
                if contact.directory_dn != entry.dn[:500]:
                    changes["dn"] = (contact.directory_dn, entry.dn[:500])
                    contact.directory_dn = entry.dn[:500]
                contact.directory_seen_at = w.now
                if changes:
                    w.audit("user.directory_update", "user", user.username, source="directory", changes=changes)
            if user.locked_until is not None:
                user.locked_until = None
            w.s.execute(delete(LoginFailure).where(LoginFailure.user_id == user.id))
            w.audit("auth.login", "user", user.username, source="directory")
            outcome = users.actor_of(user)
    if isinstance(outcome, AuthError):
        raise outcome
    return outcome


def _email_ok(value: str) -> bool:
    return bool(value) and len(value) <= 254 and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) is not None


# --- signatures ----------------------------------------------------------------------------------

def verify_signer(ctx: AppContext, password: object) -> int | None:
    """Before a signing unit of work: a directory account's password is checked by the
    directory (R-DOC-SIGN: the signer re-authenticates against the source of their login).
    Returns the account's id when the directory said yes, None for a local account (checked
    by users.reauthenticate as before). A wrong password raises users.ReauthFailed (counted
    and audited by signing); an unreachable directory, an account gone or out of every mapped
    group is refused in words (the account disabled in the last two cases)."""
    actor = ctx.actor
    if actor.user_id is None:
        return None
    with reading(ctx) as s:
        user = s.get(User, actor.user_id)
        if user is None or not is_directory_account(s, user.id):
            return None
        if user.disabled or (user.locked_until is not None and user.locked_until > ctx.clock.now()):
            return None  # users.reauthenticate refuses it in words
        cfg, _ = _stored(s)
        username = user.username
    if cfg is None or not cfg.enabled:
        raise _refuse(ctx, username, actor.user_id, Refusal("directory_off"), action="auth.reauth_refused")
    try:
        entry = authenticate(cfg, ctx.db, username, password if isinstance(password, str) else "")
    except Failure as f:
        if f.kind in ("credentials", "blocked"):
            raise users.ReauthFailed(username) from None
        raise _refuse(ctx, username, actor.user_id, f.refusal, action="auth.reauth_refused",
                      disable="gone" if f.kind == "gone" else "") from None
    if not roles_for(cfg, entry.groups):
        raise _refuse(ctx, username, actor.user_id, Refusal("directory_no_group"), action="auth.reauth_refused",
                      disable="no_group")
    return actor.user_id


# --- administration: sync and test ------------------------------------------------------------------

@dataclass(frozen=True)
class SyncLine:
    username: str
    outcome: str              # unchanged | roles | disabled | ambiguous (several entries: left alone)
    why: str = ""             # gone | no_group
    roles: tuple[str, ...] = ()


def sync(ctx: AppContext) -> list[SyncLine]:
    """Hold every enabled directory account against the directory (with the search account):
    disabled when gone or in no mapped group, roles, name and address brought up to date.
    The directory is read first; then one unit of work writes what it said."""
    with reading(ctx, rights=True) as s:
        _require_admin(ctx.actor)
        cfg, _ = _stored(s)
        rows = s.execute(select(User.id, User.username).join(UserContact, UserContact.user_id == User.id)
                         .where(UserContact.auth_source == "directory", User.disabled.is_(False))
                         .order_by(User.username)).all()
    if cfg is None:
        raise InvalidInput(Refusal("directory_not_configured"))
    if not cfg.bind_dn:
        raise InvalidInput(Refusal("directory_sync_needs_bind"))
    found: dict[int, Entry | None] = {}
    ambiguous: set[int] = set()
    try:
        with _Session(cfg) as svc:
            _service(cfg, ctx.db, svc)
            for uid, username in rows:
                try:
                    found[uid] = svc.find(username)
                except Failure as f:
                    if f.kind != "ambiguous":
                        raise
                    ambiguous.add(uid)  # left as it is, and said: not proof the account is gone
    except Failure as f:
        raise _AdminFailure(f.refusal) from None
    out: list[SyncLine] = []
    with unit_of_work(ctx) as w:
        _require_admin(w.actor)
        for uid, _ in rows:
            user = w.s.get(User, uid, with_for_update=True)
            contact = w.s.get(UserContact, uid)
            if user is None or user.disabled or contact is None or contact.auth_source != "directory":
                continue
            if uid in ambiguous:
                out.append(SyncLine(user.username, "ambiguous"))
                continue
            entry = found.get(uid)
            roles = roles_for(cfg, entry.groups) if entry is not None and not entry.disabled else ()
            if entry is None or entry.disabled or not roles:
                why = "gone" if entry is None or entry.disabled else "no_group"
                _disable(w, user, why)
                out.append(SyncLine(user.username, "disabled", why))
                continue

            old = users._roles(user.roles)
            changes: dict[str, tuple[Any, Any]] = {}
            if tuple(old) != roles:
                changes["roles"] = (old, roles)
                user.roles = ",".join(roles)
            display = text.line(entry.display_name[:100] or entry.username, "display_name", limit=100)
            if display != user.display_name:
                changes["display_name"] = (user.display_name, display)
                user.display_name = display
            if _email_ok(entry.email) and entry.email != contact.email:
                changes["email"] = (contact.email, entry.email)
                contact.email = entry.email
            if contact.directory_dn != entry.dn[:500]:
                changes["dn"] = (contact.directory_dn, entry.dn[:500])
                contact.directory_dn = entry.dn[:500]
            contact.directory_seen_at = w.now
            if changes:
                w.audit("user.directory_update", "user", user.username, source="directory", changes=changes)
            out.append(SyncLine(user.username, "roles" if "roles" in changes else "unchanged", "", roles))
        w.audit("directory.sync", "company", AUDIT_KEY, checked=len(rows),
                disabled=[x.username for x in out if x.outcome == "disabled"],
                roles_changed=[x.username for x in out if x.outcome == "roles"])
    return out


class _AdminFailure(InvalidInput):
    """The directory could not be asked (said to the administrator; nothing written)."""


@dataclass
class Step:
    key: str        # connect | tls | bind | base | user | bind_user | groups
    ok: bool | None  # None: not checked
    detail: str = ""


@dataclass
class ProbeReport:
    steps: list[Step] = field(default_factory=list)
    entry: Entry | None = None
    roles: tuple[str, ...] = ()
    plain: bool = False

    @property
    def ok(self) -> bool:
        return all(s.ok is not False for s in self.steps)


def probe(ctx: AppContext, cfg: Settings | None = None, *, bind_secret: str | None = None, username: str = "",
         password: str = "", lang: str | None = None) -> ProbeReport:
    """Try the settings (the saved ones, or ``cfg`` not saved yet) step by step, changing
    nothing: reach the server, TLS and its certificate, the search account's bind (or none),
    read the base DN, and with ``username`` find the account, its groups and the roles they
    grant (with ``password``: bind as the account too). Each failure is said in words."""
    lang = lang if isinstance(lang, str) and lang else ctx.lang
    if cfg is not None and not isinstance(cfg, Settings):
        cfg = check(cfg)  # settings typed but not saved (refused in words when not a mapping)
    username = text.line(username if username is not None else "", "username", required=False, limit=64)
    password = password if isinstance(password, str) else ""
    bind_secret = bind_secret if isinstance(bind_secret, str) else None
    with reading(ctx, rights=True) as s:
        _require_admin(ctx.actor)
        if cfg is None:
            cfg, _ = _stored(s)
    if cfg is None:
        raise InvalidInput(Refusal("directory_not_configured"))
    report = ProbeReport(plain=cfg.plain)
    say = lambda r: render(r, lang)  # noqa: E731
    try:
        session = _Session(cfg)
    except Failure as f:
        tls = f.refusal.code == "directory_tls"
        report.steps.append(Step("connect", True if tls else False, "" if tls else say(f.refusal)))
        if tls:
            report.steps.append(Step("tls", False, say(f.refusal)))
        return report
    with session:
        report.steps.append(Step("connect", True, f"{cfg.host}:{cfg.port}"))
        report.steps.append(Step("tls", True if not cfg.plain else None,
                                 _w("not_encrypted" if cfg.plain else f"encrypted_{cfg.security}", lang)
                                 + ("" if cfg.plain else f" — {cfg.ca_name or _w('system_ca', lang)}")))
        try:
            if cfg.bind_dn:
                secret = bind_secret if bind_secret is not None else bind_password(ctx.db)
                if not secret:
                    raise Failure("unavailable", Refusal("directory_bind_secret_missing", params={"dn": cfg.bind_dn}))
                ok, message = session.bind(cfg.bind_dn, secret)
                if not ok:
                    raise Failure("unavailable", Refusal("directory_bind_failed", params={
                        "dn": cfg.bind_dn, "detail": message[:160] or "invalidCredentials"}))
                report.steps.append(Step("bind", True, cfg.bind_dn))
            elif username and password and cfg.user_bind:
                ok, message = session.bind(cfg.user_bind.replace("{username}", username), password)
                if not ok:
                    raise _refused_bind(message, username)
                report.steps.append(Step("bind_user", True, cfg.user_bind.replace("{username}", username)))
            else:
                report.steps.append(Step("bind", None, _w("anonymous", lang)))
            session.search(cfg.base_dn, "(objectClass=*)", ["1.1"], scope="BASE")
            report.steps.append(Step("base", True, cfg.base_dn))
            if username:
                entry = session.find(username) if _NAME.match(username) else None
                if entry is None:
                    raise Failure("gone", Refusal("directory_user_unknown", params={"name": username}))
                report.entry = entry
                report.steps.append(Step("user", not entry.disabled, entry.dn))
                if cfg.bind_dn and password:
                    with _Session(cfg) as own:
                        ok, message = own.bind(entry.dn, password)
                    if not ok:
                        raise _refused_bind(message, username)
                    report.steps.append(Step("bind_user", True, entry.dn))
                report.roles = roles_for(cfg, entry.groups)
                mapped = [dn for _, dn in cfg.groups if norm_dn(dn) in entry.groups]
                report.steps.append(Step("groups", bool(report.roles),
                                         "; ".join(dict.fromkeys(mapped)) if mapped else
                                         render(Refusal("directory_no_group"), lang)))
        except Failure as f:
            report.steps.append(Step(_step_of(report), False, say(f.refusal)))
    return report


def _step_of(report: ProbeReport) -> str:
    done = {s.key for s in report.steps}
    for key in ("bind", "base", "user", "groups"):
        if key not in done:
            return key
    return "bind_user"


def step_label(key: str, lang: str) -> str:
    return _w({"connect": "step_connect", "tls": "step_tls", "bind": "step_bind", "base": "step_base",
               "user": "step_user", "bind_user": "step_bind_user", "groups": "step_groups"}[key], lang)


def with_changes(cfg: Settings | None, **changes: Any) -> dict[str, Any]:
    """The stored form of ``cfg`` with some fields changed (the CLI's and the dialog's edits)."""
    base = cfg.to_json() if cfg is not None else {}
    base.update({k: v for k, v in changes.items() if v is not None})
    return base

