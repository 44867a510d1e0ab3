"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import JSON, DateTime
from sqlalchemy.types import TypeDecorator

UTC = dt.UTC


class UTCDateTime(TypeDecorator):
    """Stored as naive UTC on both databases; always handed back as aware UTC."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; convert with timeutil.as_utc first")
        utc = value.astimezone(UTC)
        return dt.datetime.combine(utc, utc.time())  # naive: replace(tzinfo=None)'s value, a third of its time

    def result_processor(self, dialect, coltype):
        """On SQLite the stored text goes straight to ``aware_utc`` (the generic path parses it
        first, then calls process_result_value: three Python calls per value, a third of the
        time spent on a register page)."""
        if dialect.name == "sqlite":
            return aware_utc
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value, dialect):
        return aware_utc(value)


def aware_utc(value):
    """A stored value (datetime, or SQLite's text) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class JSONType(TypeDecorator):
    """JSON on SQLite, JSONB on PostgreSQL. The PostgreSQL dialect (~26 ms of imports, with
    asyncpg's and ssl's) is imported only when a PostgreSQL database is used: every start on
    SQLite paid it at import with ``JSON().with_variant(JSONB(), "postgresql")`` (issue 17
    item 8). A key or a scalar given to an operator is bound as JSON binds it (text, not this
    type: SQLAlchemy's recipe for a TypeDecorator over JSON); a document compared with the
    column is bound as this type, as the variant did."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB  # lazy: see the class's text

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())

    def coerce_compared_value(self, op, value):
        if isinstance(value, (dict, list)):  # a document compared with the column: this type (JSONB)
            return self
        return self.impl_instance.coerce_compared_value(op, value)  # a key or a scalar: as JSON binds it


def json_text(value) -> str:
    """The one JSON text relgui stores and hashes: keys sorted, no whitespace, UTF-8 (not
    \\uXXXX escapes), NaN refused — RFC 8785 style for the values this schema holds."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
