"""Per-user settings, declared once with their types and defaults, kept in an INI file.

IT staff can read, deploy or reset the file (QSettings IniFormat); a new one is created 0600.
Company-wide settings live in the database (relgui.services.company); database passwords
live in the OS keyring, never here (see dbconfig.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from relgui.fsutil import create_private
from relgui.store.engine import data_dir


@dataclass(frozen=True)
class Option:
    type: type
    default: Any


OPTIONS: dict[str, Option] = {
    "ui/language": Option(str, "zh_CN"),
    "ui/last_user": Option(str, ""),
    "db/kind": Option(str, "sqlite"),          # sqlite | postgresql
    "db/sqlite_path": Option(str, ""),         # empty: the per-user data folder
    "db/pg_host": Option(str, ""),
    "db/pg_port": Option(int, 5432),
    "db/pg_database": Option(str, "relgui"),
    "db/pg_user": Option(str, ""),
    "db/pg_sslmode": Option(str, ""),          # verify-full | require | disable; "": verify-full with a CA, else require
    "db/pg_sslrootcert": Option(str, ""),      # the CA certificate file for verify-full
    "window/geometry": Option(QByteArray, QByteArray()),
    "window/state": Option(QByteArray, QByteArray()),
    "window/splitter": Option(QByteArray, QByteArray()),
    "register/header": Option(QByteArray, QByteArray()),
    "register/page_size": Option(int, 200),
    "register/poll_seconds": Option(int, 3),
    # the folder a file dialog last used for each purpose (relgui.gui.files.PURPOSES); "": Documents
    **{f"files/{purpose}": Option(str, "") for purpose in ("documents", "spreadsheets", "backups", "attachments",
                                                             "database", "certificates", "files")},
}


def default_path() -> Path:
    return data_dir() / "relgui.ini"


class Settings:
    """Typed access to the declared options; an undeclared key is a programming error."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)

        create_private(self.path)  # 0600 (it names the database server); QSettings keeps the mode it finds
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        opt = OPTIONS[key]
        value = self._q.value(key, opt.default)
        if value is None:
            return opt.default
        if opt.type is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return opt.default
        if opt.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value if isinstance(value, bytes) else b"")
        return str(value)

    def set(self, key: str, value: Any) -> None:
        OPTIONS[key]  # noqa: B018 - refuse undeclared keys
        self._q.setValue(key, value)

    def sync(self) -> None:
        self._q.sync()
