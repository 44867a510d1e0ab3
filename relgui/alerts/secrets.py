"""Alert channels' secrets in the OS credential store (keyring: Windows Credential Manager),
never in the database: the SMTP password, a robot's webhook address (it carries the key or
access token) and 钉钉's signing secret.

Service ``relgui-alerts``, entry ``channel-<id>.<what>@<database>`` with <database> the
server's ``host:port/database`` or the SQLite file's absolute path (as relgui-admin's login
entries). Each computer that sends (a workstation's relgui, the server running relgui-admin
notify) keeps its own copy; a sender serves only the channels whose secrets it holds.
"""

from __future__ import annotations

import os

from relgui.domain.errors import InvalidInput, Refusal

SERVICE = "relgui-alerts"
WHAT = {"password": ("SMTP 密码", "SMTP password"), "url": ("机器人地址（含密钥）", "robot address (with its key)"),
        "secret": ("加签密钥", "signing secret")}
NEEDED = {"email": ("password",), "wecom": ("url",), "dingtalk": ("url",)}


def where(db) -> str:
    url = db.url
    if db.dialect == "sqlite":
        return os.path.realpath(url.database or "")
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def entry(db, channel_id: int, what: str) -> str:
    return f"channel-{channel_id}.{what}@{where(db)}"


def get(db, channel_id: int, what: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(SERVICE, entry(db, channel_id, what))
    except Exception:  # noqa: BLE001 - no usable credential store on this machine
        return None


def put(db, channel_id: int, what: str, value: str | None) -> None:
    """Save (or, with an empty value, remove) a secret; an unusable store is said in words."""
    try:
        import keyring

        if value:
            keyring.set_password(SERVICE, entry(db, channel_id, what), value)
        else:
            try:
                keyring.delete_password(SERVICE, entry(db, channel_id, what))
            except keyring.errors.PasswordDeleteError:
                pass
    except Exception as exc:  # noqa: BLE001 - keyring's fail backend, a locked vault …
        raise InvalidInput(Refusal("alert_keyring_unavailable", params={"detail": str(exc)[:200]})) from None


def require_usable(db) -> None:
    """Refuse (in words) before anything is saved when this computer has no credential store:
    a channel must not be stored whose secret could not be kept."""
    try:
        import keyring

        keyring.get_password(SERVICE, f"probe@{where(db)}")
    except Exception as exc:  # noqa: BLE001 - keyring's fail backend, a locked vault …
        raise InvalidInput(Refusal("alert_keyring_unavailable", params={"detail": str(exc)[:200]})) from None


def missing(db, channel_id: int, kind: str, config: dict) -> list[str]:
    """The secrets this computer lacks to send on a channel (an SMTP server without a user
    name needs no password)."""
    needed = [w for w in NEEDED.get(kind, ()) if not (w == "password" and not config.get("username"))]
    return [w for w in needed if not get(db, channel_id, w)]
