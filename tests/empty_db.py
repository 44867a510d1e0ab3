"""Empty databases (migrated, no rows at all) on SQLite and PostgreSQL, for restore and demo tests.

The `world` fixture's databases are seeded (people, company, inventory); a restore needs a
database with nothing in it, and demo accounts are only created where their names are free.
Import the fixtures into a test module: ``from empty_db import empty_ctx, empty_pg_template``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator

import pytest
from conftest import OWNER_ROLE, START, WORKSTATION_LOGIN, WORKSTATION_ROLE
from sqlalchemy import func, select, text

from relgui.domain.timeutil import FixedClock
from relgui.services.context import AppContext
from relgui.services.database import open_database
from relgui.store.models import Base


@pytest.fixture(scope="session")
def empty_sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_database(str(path)).dispose()
    return path


@pytest.fixture(scope="session")
def empty_pg_template(pg_server, pg_template):
    admin, _ = pg_template
    name = f"relgui_empty_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    from sqlalchemy import create_engine

    from relgui.store import pgroles

    engine = create_engine(pg_server.url(name))  # made as relgui-admin init makes it: the owner holds the schema
    assert pgroles.setup(engine, owner=OWNER_ROLE, workstation=WORKSTATION_ROLE).ok
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


class EmptyDatabases:
    """Makes fresh empty databases of one backend; disposes and drops them afterwards."""

    def __init__(self, request, backend: str, tmp_path):
        self.request, self.backend, self.tmp_path = request, backend, tmp_path
        self.opened: list[tuple[AppContext, str | None]] = []

    def new(self) -> AppContext:
        if self.backend == "sqlite":
            path = self.tmp_path / f"empty_{uuid.uuid4().hex[:8]}.db"
            shutil.copy(self.request.getfixturevalue("empty_sqlite_template"), path)
            ctx = AppContext(db=open_database(str(path)), clock=FixedClock(START))
            self.opened.append((ctx, None))
            return ctx
        template = self.request.getfixturevalue("empty_pg_template")
        admin, _ = self.request.getfixturevalue("pg_template")
        server = self.request.getfixturevalue("pg_server")
        name = f"e{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
        ctx = AppContext(db=open_database(server.url(name, user=WORKSTATION_LOGIN)), clock=FixedClock(START))
        self.opened.append((ctx, name))
        return ctx

    def close(self) -> None:
        for ctx, name in self.opened:
            ctx.db.dispose()
            if name:
                admin, _ = self.request.getfixturevalue("pg_template")
                with admin.connect() as conn:
                    conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_dbs(request, tmp_path) -> Iterator[EmptyDatabases]:
    dbs = EmptyDatabases(request, request.param, tmp_path)
    yield dbs
    dbs.close()


@pytest.fixture
def empty_ctx(empty_dbs) -> AppContext:
    return empty_dbs.new()


def row_counts(ctx: AppContext) -> dict[str, int]:
    """Rows in every table of the schema (all zero in an untouched empty database)."""
    with ctx.db.read() as s:
        return {t.name: s.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables}


def is_empty(ctx: AppContext) -> bool:
    return not any(row_counts(ctx).values())
