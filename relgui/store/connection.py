"""PostgreSQL connection security: the TLS mode and CA file, where the password comes from.

TLS (libpq's ``sslmode``): relgui uses three modes only.

- ``verify-full``: encrypted, and the server's certificate must be issued by the CA in
  ``sslrootcert`` for the host name connected to. The default whenever a CA file is given.
- ``require``: encrypted, the server not verified (an impostor on the network path could
  still answer). The default without a CA file: every PostgreSQL server can be given a
  certificate in minutes (docs/install-windows.md), but a CA file must first be handed to
  every workstation, and a default that cannot connect until then would be switched off by
  the first user who meets it. ``require`` never sends a password or a record in clear text.
- ``disable``: no encryption, said wherever the database is named (the status bar, the login
  dialog: ``label``), and by relgui-admin on stderr each run (``pg_not_encrypted``) unless the
  server is on this computer (loopback or a Unix socket: the traffic never reaches a network,
  which is why libpq ignores sslmode on Unix sockets; the label then says "仅本机").

libpq's own default ``prefer`` (and ``allow``) silently falls back to clear text when the
server offers no TLS: refused in words. The mode is always passed explicitly, so a PGSSLMODE
in the environment cannot weaken it.

The password never travels on a command line (the process list shows it to every user):
the GUI keeps it in the OS credential store (keyring: Windows Credential Manager, macOS
Keychain, Secret Service) under ``KEYRING_SERVICE`` and ``account(url)``; relgui-admin reads
the same entry, or standard input, or asks; libpq itself reads a pgpass file (PGPASSFILE,
~/.pgpass, %APPDATA%\\postgresql\\pgpass.conf) when no password is given.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from relgui.domain.errors import InvalidInput, Refusal, StorageUnavailable
from relgui.domain.messages import render

KEYRING_SERVICE = "relgui"
SSL_MODES = ("verify-full", "require", "disable")  # strongest first: the order the GUI offers
WEAK_MODES = frozenset({"allow", "prefer"})


@dataclass(frozen=True)
class Tls:
    mode: str
    rootcert: str | None = None
    local: bool = False  # the server is on this computer (loopback, Unix socket)

    @property
    def encrypted(self) -> bool:
        return self.mode != "disable"

    @property
    def exposed(self) -> bool:
        """Clear text on a network: what relgui-admin warns about on stderr."""
        return not self.encrypted and not self.local


def is_local(url: URL) -> bool:
    """Whether the connection stays on this computer: a Unix socket (no host, or a folder as
    host) or a loopback address (``hostaddr`` when given: that is where libpq connects)."""
    target = _one(url, "hostaddr") or _one(url, "host") or url.host
    if not target or target.startswith("/") or target.startswith("@"):
        return True  # libpq's default and a socket folder (abstract namespace: "@name")
    if target.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(target.strip("[]")).is_loopback
    except ValueError:
        return False


def _one(url: URL, key: str) -> str | None:
    value = url.query.get(key)
    if isinstance(value, tuple):  # ?sslmode=a&sslmode=b: which one would libpq take?
        raise InvalidInput(Refusal("pg_sslmode_unknown", params={"mode": "&".join(value)}))
    return value.strip() if value else None


def default_mode(rootcert: str | None) -> str:
    """verify-full when a CA file is configured, otherwise require (see the module's text)."""
    return "verify-full" if rootcert else "require"


def tls_of(url: URL) -> Tls:
    """The TLS settings a PostgreSQL URL asks for (``sslmode``, ``sslrootcert`` in its query),
    with relgui's default, checked: an unknown or silently-falling-back mode and a missing CA
    file are refused in words."""
    rootcert = _one(url, "sslrootcert")
    mode = (_one(url, "sslmode") or default_mode(rootcert)).lower()
    if mode in WEAK_MODES:
        raise InvalidInput(Refusal("pg_sslmode_weak", params={"mode": mode}))
    if mode not in SSL_MODES:
        raise InvalidInput(Refusal("pg_sslmode_unknown", params={"mode": mode[:40]}))
    if rootcert:
        path = Path(rootcert).expanduser()
        if not path.is_file():
            raise InvalidInput(Refusal("pg_ca_missing", params={"path": str(path)}))
        rootcert = str(path.resolve())
    return Tls(mode, rootcert, is_local(url))


def with_tls(url: URL, mode: str | None = None, rootcert: str | None = None) -> URL:
    """``url`` with the TLS mode and CA file given (None: as it was)."""
    changes = {k: v for k, v in (("sslmode", mode), ("sslrootcert", rootcert)) if v}
    return url.update_query_dict(changes) if changes else url


def label(tls: Tls) -> str:
    """What the connection is, in both languages (the status bar, the login dialog, relgui-admin)."""
    code = f"pg_tls_label_{tls.mode.replace('-', '_')}" + ("_local" if tls.mode == "disable" and tls.local else "")
    r = Refusal(code)
    return f"{render(r, 'zh_CN')} / {render(r, 'en')}"


# --------------------------------------------------------------------------------- password

def account(url: URL) -> str:
    """The credential store's account name: the same for the GUI and relgui-admin."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def keyring_password(url: URL) -> str | None:
    """The password the GUI saved for this server and user, or None (no entry, no keyring)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, account(url))
    except Exception:  # noqa: BLE001 - no usable keyring backend on this machine
        return None


def store_keyring_password(url: URL, password: str) -> bool:
    """True when the credential store took it; False: it will be asked for again next time."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, account(url), password)
        return True
    except Exception:  # noqa: BLE001
        return False


_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def hide_password(text: str) -> str:
    """A URL (or text holding one) with its password replaced by ***, for messages and logs."""
    return _URL_PASSWORD.sub(r"\1***@", text)


def has_password(text: str | None) -> bool:
    return text is not None and _URL_PASSWORD.search(text) is not None


# --------------------------------------------------------------------------------- failures

def refusal_for(message: str, url: URL) -> StorageUnavailable | None:
    """libpq's failure to connect, said plainly where it is about TLS or the password; None
    for anything else (said as libpq says it). ``message`` never holds the password."""
    text = hide_password(" ".join(message.split()))
    detail = text[:300]
    host = url.host or "localhost"
    m = re.search(r'server certificate for "([^"]*)"(?: \(and \d+ other names?\))? does not match host name', text)
    if m:
        return _said("pg_tls_wrong_host", host=host, detail=detail)
    if "root certificate file" in text and "does not exist" in text:
        return _said("pg_tls_no_ca", detail=detail)
    if "certificate verify failed" in text or "self-signed certificate" in text or "unable to get local issuer" in text:
        return _said("pg_tls_untrusted", detail=detail)
    if "server does not support SSL" in text:
        return _said("pg_tls_not_offered", detail=detail)
    if "no password supplied" in text:
        return _said("pg_password_needed", detail=detail)
    if "password authentication failed" in text:
        return _said("pg_password_wrong", user=url.username or "", detail=detail)
    return None


def _said(code: str, **params) -> StorageUnavailable:
    exc = StorageUnavailable(params.get("detail", ""), code)
    exc.refusals = (Refusal(code, params=params),)
    return exc
