"""Which database the app uses: the local file or a shared PostgreSQL server.

The server password goes to the OS credential store (keyring: Windows Credential Manager),
never to the settings file; without a usable keyring the user is asked for it each time
instead. relgui-admin reads the same entry (relgui.store.connection.account).

TLS: the mode (verify-full, require, disable) and the CA file are kept with the connection
settings; an empty or old mode (libpq's prefer, the default before) means relgui's default:
verify-full with a CA file, require without (relgui/store/connection.py says why).

Testing a connection changes nothing: a SQLite file is only looked at (a missing one is
reported, not made), a server is asked ``SELECT 1`` (no schema is created or migrated).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL

from relgui.domain.errors import Refusal, StorageUnavailable
from relgui.domain.messages import render
from relgui.services.context import storage_errors
from relgui.services.database import _check_sqlite, open_database
from relgui.store import connection
from relgui.store.connection import KEYRING_SERVICE, SSL_MODES  # noqa: F401 - the dialog's choices
from relgui.store.engine import SIDE_SUFFIXES, Database, is_network_path, normalise_url

__all__ = ["KEYRING_SERVICE", "SSL_MODES", "ServerConfig", "create_local", "save_local", "save_server", "server_from_settings",
           "store_password", "stored_password", "test_connection", "url_from_settings"]


@dataclass(frozen=True)
class ServerConfig:
    host: str
    port: int
    database: str
    user: str
    sslmode: str = ""  # "" : relgui's default (verify-full with a CA file, else require)
    sslrootcert: str = ""

    @property
    def mode(self) -> str:
        """The TLS mode connections use (a stored prefer/allow/unknown one becomes the default)."""
        return self.sslmode if self.sslmode in SSL_MODES else connection.default_mode(self.sslrootcert or None)

    @property
    def account(self) -> str:
        return connection.account(self.url(None))

    def url(self, password: str | None) -> URL:
        """The URL to open (a URL object held in memory: the password is never on a command line
        or in a text that could be shown)."""
        query = {"sslmode": self.mode}
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return URL.create("postgresql+psycopg", username=self.user, password=password or None,
                          host=self.host, port=self.port, database=self.database, query=query)


def server_from_settings(settings) -> ServerConfig:
    return ServerConfig(settings.get("db/pg_host"), settings.get("db/pg_port"), settings.get("db/pg_database"),
                        settings.get("db/pg_user"), settings.get("db/pg_sslmode"), settings.get("db/pg_sslrootcert"))


def save_server(settings, cfg: ServerConfig) -> None:
    settings.set("db/kind", "postgresql")
    settings.set("db/pg_host", cfg.host)
    settings.set("db/pg_port", cfg.port)
    settings.set("db/pg_database", cfg.database)
    settings.set("db/pg_user", cfg.user)
    settings.set("db/pg_sslmode", cfg.mode)
    settings.set("db/pg_sslrootcert", cfg.sslrootcert)


def save_local(settings, path: str) -> None:
    settings.set("db/kind", "sqlite")
    settings.set("db/sqlite_path", path)


def stored_password(cfg: ServerConfig) -> str | None:
    return connection.keyring_password(cfg.url(None))


def store_password(cfg: ServerConfig, password: str) -> bool:
    """True when the keyring took it; False means it will be asked for again next time."""
    return connection.store_keyring_password(cfg.url(None), password)


def url_from_settings(settings) -> URL | str | None:
    """The URL to open, or None for the default local file."""
    if settings.get("db/kind") == "postgresql" and settings.get("db/pg_host"):
        cfg = server_from_settings(settings)
        return cfg.url(stored_password(cfg))
    path = settings.get("db/sqlite_path")
    return path or None


def test_connection(url: URL | str | None, *, create: bool = False, lang: str = "zh_CN") -> str:
    """Whether ``url`` can be opened, changing nothing; returns what it is or raises
    RelguiError. A missing SQLite file is refused naming the path, or, with ``create`` (the
    dialog's "新建数据库文件"), reported as the file that saving will create."""
    from pathlib import Path

    from sqlalchemy import text

    target = normalise_url(url)
    if target.get_backend_name() == "sqlite" and target.database:  # a file (normalise_url refuses text without one)
        path = Path(target.database).expanduser()
        if create and not path.exists():  # what Database(create=True) refuses, without making anything
            why = is_network_path(path)
            if why:
                raise StorageUnavailable(why, "network_path")
            if path.name.endswith(SIDE_SUFFIXES):
                raise StorageUnavailable(str(path), "sqlite_side_file")
            return render(Refusal("sqlite_will_create", params={"detail": str(path)}), lang)
    db = Database(target, create=False)
    try:
        with storage_errors():
            if db.dialect == "sqlite":
                _check_sqlite(db, create)  # a look with a read-only query: empty, foreign, not SQLite
            else:
                with db.engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
        return db.describe()
    finally:
        db.dispose()


def create_local(path: str) -> str:
    """Make the new SQLite database the user asked for (0600, its folders); its description."""
    db = open_database(path, create=True)
    try:
        return db.describe()
    finally:
        db.dispose()
