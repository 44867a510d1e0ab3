"""Which database the app uses: the local file or a shared PostgreSQL server.

The server password goes to the OS keyring (Windows Credential Manager), never to the
settings file; without a usable keyring the user is asked for it each time instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL

KEYRING_SERVICE = "relgui"
SSL_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class ServerConfig:
    host: str
    port: int
    database: str
    user: str
    sslmode: str = "prefer"

    @property
    def account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None) -> str:
        url = URL.create("postgresql+psycopg", username=self.user, password=password or None,
                         host=self.host, port=self.port, database=self.database,
                         query={"sslmode": self.sslmode})
        return url.render_as_string(hide_password=False)


def server_from_settings(settings) -> ServerConfig:
    return ServerConfig(settings.get("db/pg_host"), settings.get("db/pg_port"), settings.get("db/pg_database"),
                        settings.get("db/pg_user"), settings.get("db/pg_sslmode"))


def save_server(settings, cfg: ServerConfig) -> None:
    settings.set("db/kind", "postgresql")
    settings.set("db/pg_host", cfg.host)
    settings.set("db/pg_port", cfg.port)
    settings.set("db/pg_database", cfg.database)
    settings.set("db/pg_user", cfg.user)
    settings.set("db/pg_sslmode", cfg.sslmode)


def save_local(settings, path: str) -> None:
    settings.set("db/kind", "sqlite")
    settings.set("db/sqlite_path", path)


def stored_password(cfg: ServerConfig) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, cfg.account)
    except Exception:  # noqa: BLE001 - no keyring backend on this machine: ask instead
        return None


def store_password(cfg: ServerConfig, password: str) -> bool:
    """True when the keyring took it; False means it will be asked for again next time."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, cfg.account, password)
        return True
    except Exception:  # noqa: BLE001
        return False


def url_from_settings(settings) -> str | None:
    """The URL to open, or None for the default local file."""
    if settings.get("db/kind") == "postgresql" and settings.get("db/pg_host"):
        cfg = server_from_settings(settings)
        return cfg.url(stored_password(cfg))
    path = settings.get("db/sqlite_path")
    return path or None


def test_connection(url: str) -> str:
    """Open, check the schema can be reached; returns a description or raises RelguiError."""
    from relgui.services.database import open_database

    db = open_database(url)
    try:
        return db.describe()
    finally:
        db.dispose()
