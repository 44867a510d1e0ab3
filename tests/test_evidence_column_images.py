"""A bulk writer's row evidence made column by column (relgui.store.evidence.column_images, the
register import's) is, row for row, the image `evidence.image` makes of the same row — for every
kind of value a column can hold, with nulls and constants among them — and the import's times
bound at C speed are what the columns' own bind processors give (issue 18).

R-1.3-TRACE: every imported release under the audit chain; audit verify holds the stored rows
against these images (tests/test_register_import_bulk.py proves that end to end).
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from relgui.services import register_import
from relgui.store import evidence
from relgui.store.evidence import Same
from relgui.store.models import Release

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TEXTS = ("", "x", 'a"b', "反斜杠\\", "%s %d %%", "历史发布：核心交易系统", "\x7f\u2028\u2029", "tab\there\nline",
         "🚀 emoji", "\x1b[0m")


def _time(rng: random.Random, zone, fraction: float = 0.5) -> dt.datetime:
    """A time in ``zone`` (None: naive), with microseconds at the odds of ``fraction``."""
    naive = dt.datetime(1990, 1, 1) + dt.timedelta(seconds=rng.randrange(40 * 365 * 86400))
    if rng.random() < fraction:
        naive = naive.replace(microsecond=rng.randrange(1, 10 ** 6))
    return naive if zone is None else naive.replace(tzinfo=zone)


def _column(rng: random.Random, kind: str, n: int) -> list:
    """n values of one kind, the kinds bulk writers' columns hold (and some they might)."""
    pick = {
        "text": lambda: rng.choice(TEXTS) + str(rng.randrange(1000)),
        "int": lambda: rng.randrange(-10 ** 12, 10 ** 12),
        "utc": lambda: _time(rng, dt.UTC),
        "shanghai": lambda: _time(rng, SHANGHAI),
        "naive": lambda: _time(rng, None),
        "utc-whole": lambda: _time(rng, dt.UTC, 0.0),  # no time with microseconds, then every one
        "utc-fraction": lambda: _time(rng, dt.UTC, 1.0),
        "shanghai-whole": lambda: _time(rng, SHANGHAI, 0.0),
        "naive-whole": lambda: _time(rng, None, 0.0),
        "naive-fraction": lambda: _time(rng, None, 1.0),
        "zones": lambda: _time(rng, rng.choice((None, dt.UTC, SHANGHAI, NEW_YORK))),
        "bool": lambda: rng.random() < 0.5,
        "mixed": lambda: rng.choice((1, "1", 1.5, True, None, dt.date(2026, 1, 2), b"\x00bin", {"k": [1, "v"]})),
    }[kind.removesuffix("+null")]
    out = [pick() for _ in range(n)]
    if kind.endswith("+null"):
        out = [None if rng.random() < 0.3 else v for v in out]
    return out


KINDS = ("text", "int", "utc", "shanghai", "naive", "utc-whole", "utc-fraction", "shanghai-whole", "naive-whole",
         "naive-fraction", "zones", "bool", "mixed")


@pytest.mark.parametrize("seed", range(6))
def test_column_images_are_the_images_of_the_rows_value_by_value(seed):
    rng = random.Random(seed)
    n = rng.choice((1, 2, 7, 300)) if seed < 4 else evidence.SLICE * (seed - 3) + seed  # across slices too
    names = evidence.columns("releases")
    values: dict = {"id": rng.sample(range(1, 10 ** 6), n)}
    for c in names:
        if c == "id":
            continue
        choice = rng.random()
        if choice < 0.15:
            values[c] = Same(rng.choice((None, "常量 %s", 7, dt.datetime(2026, 3, 1, 8, tzinfo=SHANGHAI))))
        elif choice < 0.25:
            continue  # not given: null in every row
        else:
            values[c] = _column(rng, rng.choice(KINDS) + rng.choice(("", "+null")), n)
    rows = [{c: (v.value if isinstance(v, Same) else v[i]) for c, v in values.items()} for i in range(n)]
    expected = {evidence.key_of("releases", r): evidence.image("releases", r) for r in rows}
    assert evidence.column_images("releases", n, values) == expected
    assert evidence.images("releases", rows) == expected


def test_every_kind_alone_in_a_column_matches_with_and_without_nulls():
    """Each fast path of _column_texts on its own (a column of one kind), so none hides behind
    another's fallback."""
    rng = random.Random(42)
    for kind in KINDS:
        for suffix in ("", "+null"):
            column = _column(rng, kind + suffix, 200)
            assert evidence._column_texts(column) == [evidence._value_text(v) for v in column], kind + suffix


def test_a_column_of_the_wrong_length_is_refused_not_misaligned():
    with pytest.raises(ValueError):
        evidence.column_images("releases", 3, {"id": [1, 2, 3], "title": ["a", "b"]})
    assert evidence.column_images("releases", 0, {}) == {}


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.psycopg.dialect()], ids=["sqlite", "postgresql"])
def test_times_bound_at_c_speed_are_what_the_bind_processor_gives(dialect):
    column = Release.metadata.tables["releases"].c.closed_at
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    rng = random.Random(7)
    for zone in (dt.UTC, SHANGHAI, NEW_YORK):
        for fraction in (0.0, 0.5, 1.0):  # no microseconds, some, all
            times = [_time(rng, zone, fraction).astimezone(dt.UTC) for _ in range(500)]
            times += [dt.datetime(1000, 1, 1, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)]
            assert register_import._bound_times(times, process, dialect.name) == [process(t) for t in times]
        # aware times not in UTC (no caller hands them, but the processor's answer holds)
        local = [_time(rng, zone) for _ in range(50)]
        assert register_import._bound_times(local, process, dialect.name) == [process(t) for t in local]


def test_a_processor_that_binds_otherwise_is_used_for_every_value():
    times = [dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), dt.datetime(2026, 1, 2, 3, 4, 6, 7, tzinfo=dt.UTC)]
    assert register_import._bound_times(times, lambda t: t.strftime("%d.%m.%Y"), "sqlite") == ["02.01.2026"] * 2


def test_in_slices_is_the_function_over_the_whole_list():
    """The GIL is offered between slices (issue 17), and nothing else changes: the same list,
    in order, at every length around a slice's size."""
    for n in (0, 1, evidence.SLICE - 1, evidence.SLICE, evidence.SLICE + 1, 3 * evidence.SLICE + 7):
        items = list(range(n))
        calls: list[int] = []

        def square(part: list, calls: list[int] = calls) -> list:
            calls.append(len(part))
            return [x * x for x in part]

        assert evidence.in_slices(square, items) == [x * x for x in items]
        assert max(calls) <= evidence.SLICE and sum(calls) == n
