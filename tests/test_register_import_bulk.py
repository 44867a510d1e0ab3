"""The register import as one bulk unit of work (issue 18): 2 000 rows take exactly the numbers
per-row creation (releases.next_number) would give them, one audit event names the batch and
the rows' evidence keeps `audit verify` clean; a bad row, a cancel or a failure while writing
leave nothing behind; a release created on another workstation during an import on
PostgreSQL waits for it and gets the next number, never one of the import's.

R-4.6-KPI (historical releases in), R-1.3-TRACE (every release under the audit chain).
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import func, select, text

from relgui.adapters import excel
from relgui.domain.errors import InvalidInput, PolicyViolation
from relgui.domain.versions import NEW
from relgui.services import auditing, company, register_import, releases, users
from relgui.services.context import unit_of_work
from relgui.store import audit
from relgui.store.models import AuditEvent, NumberSequence, Release

ROWS = 2000
HEADERS = "登记编号,发布名称,发布类型,状态,结果,涉及系统,计划开始时间,关闭时间,备注"
TYPES = ("一般发布", "重大发布", "紧急发布")


def _csv(rows: int = ROWS, bad_row: int | None = None) -> excel.Book:
    """An old register as CSV bytes read into a Book: closed releases with each outcome,
    rejected ones and open requests; dates as Excel users type them. ``bad_row``: that data
    row's type is one the policy does not know."""
    lines = [HEADERS]
    start = dt.datetime(2024, 1, 4, 22, 0)
    for i in range(rows):
        at = start + dt.timedelta(hours=6 * i)
        kind = "不存在的类型" if bad_row is not None and i == bad_row else TYPES[i % 3]
        if i % 10 == 7:
            status, outcome, closed = "已驳回", "", ""
        elif i % 10 == 9:
            status, outcome, closed = "", "", ""
        else:
            status, outcome = "已关闭", ("发布成功", "发布失败", "已回退")[i % 3 if i % 4 == 0 else 0]
            closed = f"{at + dt.timedelta(hours=3):%Y/%m/%d %H:%M}"
        lines.append(f"OLD-{i:05d},历史发布 {i},{kind},{status},{outcome},核心交易系统,{at:%Y-%m-%d %H:%M},{closed},"
                     f"第 {i % 7} 批")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return excel.read(data, "old-register.csv")


def _mapping(book: excel.Book) -> dict[str, str]:
    return register_import.inspect(book).mapping


def _numbering(world, pattern: str = "REL-{seq}") -> None:
    """A pattern without the year, and three releases of last year: this year's sequence starts
    at 1 again and must skip REL-1..REL-3, as next_number does."""
    admin = world.ctx("admin")
    seen = company.get(admin).row_version if company.is_configured(admin) else NEW
    company.save(admin, company_name="测试公司", department="运维管理部", number_pattern=pattern,
                 expected_version=seen)
    now = world.clock.now()
    world.clock.set(dt.datetime(2025, 12, 1, 2, 0, tzinfo=dt.UTC))
    for i in range(3):
        releases.create(world.ctx("zhangwei"), title=f"去年的发布 {i}", type="normal")
    world.clock.set(now)


class _Rollback(Exception):
    pass


def _per_row_numbers(world, n: int) -> list[str]:
    """What per-row creation would give the next ``n`` releases: releases.next_number called n
    times in a transaction that is rolled back (it skips only numbers already stored, and never
    goes back to one it gave, so the releases themselves need not be written)."""
    got: list[str] = []
    try:
        with unit_of_work(world.ctx("lina")) as w:
            got += [releases.next_number(w) for _ in range(n)]
            raise _Rollback
    except _Rollback:
        pass
    return got


def _state(world) -> tuple:
    with world.db.read() as s:
        return (s.execute(select(func.count()).select_from(Release)).scalar_one(), audit.head(s),
                sorted(s.execute(select(NumberSequence.scope, NumberSequence.next_value)).all()))


def test_2000_rows_get_the_per_row_numbers_one_event_and_verified_evidence(world):
    _numbering(world)
    book = _csv()
    expected = _per_row_numbers(world, ROWS + 1)
    assert expected[:2] == ["REL-4", "REL-5"]  # REL-1..3 are last year's: skipped as next_number skips them
    before = _state(world)
    ticks: list[tuple[int, int]] = []
    done = register_import.apply(world.ctx("lina"), book, _mapping(book), progress=lambda d, t: ticks.append((d, t)))
    assert done.count == ROWS and done.numbers == expected[:ROWS]
    # the sequence moved on exactly as per-row creation would have moved it
    assert releases.create(world.ctx("zhangwei"), title="导入之后的新请求", type="normal").number == expected[ROWS]
    with world.db.read() as s:
        stored = dict(s.execute(select(Release.number, Release.description).where(Release.number.in_(
            [done.numbers[0], done.numbers[7], done.numbers[-1]]))).all())
        row = s.execute(select(Release).where(Release.number == done.numbers[0])).scalar_one()
        events = s.execute(select(AuditEvent).where(AuditEvent.seq > before[1][0]).order_by(AuditEvent.seq)).scalars().all()
    assert stored[done.numbers[0]] == "原登记编号：OLD-00000\n第 0 批"
    assert stored[done.numbers[-1]].startswith(f"原登记编号：OLD-{ROWS - 1:05d}")
    assert (row.title, row.type, row.status, row.outcome, row.systems) == ("历史发布 0", "normal", "closed", "success", "核心交易系统")
    assert row.closed_at == dt.datetime(2024, 1, 4, 17, 0, tzinfo=dt.UTC)  # 2024/01/05 01:00 Beijing
    assert row.created_at == world.clock.now() and row.requested_by_id == world.ids["lina"]
    # one event for the import, carrying the batch; the rows' evidence in the bulk evidence events
    imports = [e for e in events if e.action == "excel.import"]
    assert len(imports) == 1 and not [e for e in events if e.action == "release.import"]
    detail = imports[0].detail
    assert (detail["source"], detail["sha256"], detail["rows"], detail["first"], detail["last"]) == (
        "old-register.csv", book.sha256, ROWS, done.numbers[0], done.numbers[-1])
    assert len(book.sha256) == 64
    proofs = [e for e in events if e.action == "excel.import.evidence"]
    assert len(proofs) == 2 and {e.detail["sha256"] for e in proofs} == {book.sha256}
    imaged = set().union(*(e.detail["row_images"] for e in proofs))
    assert len(imaged) == ROWS and all(k.startswith("releases:") for k in imaged)
    chain, rows = auditing.verify_all(world.ctx("auditor"))
    assert chain.ok and rows is not None and rows.ok, rows and [f.as_dict() for f in rows.findings[:3]]
    # progress: every 500 rows checked, then written, then once before the commit
    assert ticks[-1] == (2 * ROWS, 2 * ROWS) and {t for _, t in ticks} == {2 * ROWS}
    assert [d for d, _ in ticks] == sorted(d for d, _ in ticks) and len(ticks) >= 2 * ROWS // 500


def test_the_imported_rows_are_found_when_changed_behind_relgui(world):
    """The evidence is real: a title changed in the table afterwards is a finding."""
    book = _csv(50)
    done = register_import.apply(world.ctx("lina"), book, _mapping(book))
    with world.owner_engine.begin() as conn:
        conn.execute(text("UPDATE releases SET title = '改过的标题' WHERE number = :n"), {"n": done.numbers[10]})
    _chain, rows = auditing.verify_all(world.ctx("auditor"))
    assert [(f.problem, f.fields) for f in rows.findings] == [("changed", ("title",))]


def test_a_bad_row_imports_nothing(world):
    _numbering(world)
    book = _csv(bad_row=1499)
    before = _state(world)
    with pytest.raises(register_import.ImportRefused) as refused:
        register_import.apply(world.ctx("lina"), book, _mapping(book))
    assert [p.row for p in refused.value.problems] == [1501]  # the file's row: header + 1500th data row
    assert "不存在的类型" in refused.value.problems[0].message()
    assert _state(world) == before


@pytest.mark.parametrize("stop_at", ["checking", "writing", "last"])
def test_a_cancel_imports_nothing(world, stop_at):
    """False from the progress callback at any step, the last one (everything written, nothing
    committed) included: ImportCancelled, and the database as it was."""
    _numbering(world)
    book = _csv()
    before = _state(world)
    at = {"checking": 1000, "writing": ROWS + 1000, "last": 2 * ROWS}[stop_at]
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < at

    with pytest.raises(register_import.ImportCancelled) as cancelled:
        register_import.apply(world.ctx("lina"), book, _mapping(book), progress=progress)
    assert seen[-1] == at
    assert cancelled.value.message() == "导入已取消，未导入任何数据"
    assert cancelled.value.message("en") == "The import was cancelled; nothing was imported"
    assert _state(world) == before
    # and the next import takes the numbers the cancelled one would have taken
    assert register_import.apply(world.ctx("lina"), book, _mapping(book)).numbers == _numbers_from(4, ROWS)


def _numbers_from(first: int, n: int) -> list[str]:
    return [f"REL-{i}" for i in range(first, first + n)]


def test_an_exception_while_writing_imports_nothing(world):
    book = _csv(1200)
    before = _state(world)

    def progress(done: int, total: int) -> None:
        if done > 1200:  # among the writes
            raise OSError("the worker's own failure")

    with pytest.raises(OSError):
        register_import.apply(world.ctx("lina"), book, _mapping(book), progress=progress)
    assert _state(world) == before


def test_only_a_manager_imports_even_when_rights_change_meanwhile(world):
    book = _csv(10)
    ctx = world.ctx("liuyang")  # a manager when the import starts
    users.set_roles(world.ctx("admin"), "liuyang", ["engineer"], expected_version=users.get(world.ctx("admin"), "liuyang").row_version)
    before = _state(world)
    with pytest.raises(PolicyViolation) as refused:
        register_import.apply(ctx, book, _mapping(book))
    assert refused.value.refusals[0].code == "xl_not_allowed"
    assert _state(world) == before


def test_a_release_created_during_an_import_waits_and_takes_the_next_number(world):
    """PostgreSQL: the import holds the year's sequence row (FOR UPDATE) from its first step;
    a release created on another workstation meanwhile waits for the import's commit, then
    takes the number after the import's last. No number is given twice."""
    if world.backend != "postgresql":
        pytest.skip("SQLite's write transaction holds the whole file: two writers never overlap")
    _numbering(world)
    book = _csv()
    mapping = _mapping(book)
    writing, go = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def progress(done: int, total: int) -> None:
        if done == ROWS + 500:  # the first rows written, the transaction open
            writing.set()
            assert go.wait(60)

    def importer() -> None:
        try:
            results["import"] = register_import.apply(world.ctx("lina"), book, mapping, progress=progress)
        except BaseException as exc:  # noqa: BLE001 - reported below
            results["import"] = exc

    def creator() -> None:
        try:
            results["create"] = releases.create(world.ctx("zhangwei"), title="导入时提交的请求", type="normal")
        except BaseException as exc:  # noqa: BLE001
            results["create"] = exc

    a = threading.Thread(target=importer)
    a.start()
    assert writing.wait(60)
    b = threading.Thread(target=creator)
    b.start()
    deadline = time.monotonic() + 30
    with world.owner_engine.connect() as conn:  # the creator is waiting for a lock, not done
        while conn.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar_one() < 1:
            assert time.monotonic() < deadline and b.is_alive() and "create" not in results
            conn.rollback()
    go.set()
    a.join(60)
    b.join(60)
    done, created = results["import"], results["create"]
    assert isinstance(done, register_import.Imported), done
    assert isinstance(created, releases.Created), created
    assert done.numbers == _numbers_from(4, ROWS)
    assert created.number == f"REL-{4 + ROWS}"
    with world.db.read() as s:
        assert s.execute(select(func.count(Release.number.distinct()))).scalar_one() == \
            s.execute(select(func.count()).select_from(Release)).scalar_one() == ROWS + 4
    chain, rows = auditing.verify_all(world.ctx("auditor"))
    assert chain.ok and rows.ok


@pytest.mark.parametrize("progress", ["x", 1, [], {"a": 1}])
def test_a_progress_that_is_no_function_is_refused_in_words(world, progress):
    book = _csv(10)
    before = _state(world)
    with pytest.raises(InvalidInput) as refused:
        register_import.apply(world.ctx("lina"), book, _mapping(book), progress=progress)
    assert refused.value.refusals[0].code == "not_a_value"
    assert _state(world) == before


def test_the_column_checks_make_the_candidates_the_row_checks_make():
    """_rows checks each distinct value of a column once and takes a row whose cells all pass
    at once; for every row it takes so, the row-by-row checks (_Row, _candidate) make the same
    candidate. Edge cells: blank text, spaces, a whole number, Excel serials, other date forms,
    a tab in a title, names in English and in another case."""
    import zoneinfo

    from relgui.policy import current_profile

    rows = [
        "OLD-1,标题\t一,一般发布,已关闭,发布成功,系统,2026-09-01 22:00,2026/9/2 01:00,备注",
        "1002,  标题二  , Normal Release ,closed,SUCCESS,, ,46293.75,",
        "OLD-3,标题三,紧急发布,   ,已回退,系统,,2026年9月3日 18:00,  ",
        "OLD-4,标题四,重大发布,已驳回,,系统,2026-09-04T22:00,,",
        "   ,标题五,一般发布,,,,2026.9.5,,说明\u202e反转",
        "OLD-6,标题六,一般发布,cancelled,  ,系统,2026-09-06 22:00,   ,",
        "OLD-7,标题七,一般发布,已关闭,失败,系统,2026-09-07 22:00,2026-09-08,",
    ]
    book = excel.read(("\n".join([HEADERS, *rows]) + "\n").encode("utf-8"), "edge.csv")
    sheet = register_import.read(book)
    mapping = register_import._mapping(register_import.inspect(book).mapping)
    tz, now = zoneinfo.ZoneInfo("Asia/Shanghai"), dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
    index = {h: i for i, h in enumerate(sheet.headers)}
    taken = 0
    numbers, _keys, candidates, refused = register_import._rows(sheet, mapping, tz, now)
    assert len(numbers) == len(candidates) == len(sheet.rows)
    for i, ((number, values), at, c) in enumerate(zip(sheet.rows, numbers, candidates)):
        r = register_import._Row(number, {f: (h, values[index[h]] if index[h] < len(values) else None)
                                          for h, f in mapping.items()})
        slow = register_import._candidate(r, current_profile(), tz, now)
        assert at == number and refused.get(i, []) == r.problems
        assert c == (slow if not r.problems else None), number
        taken += c is not None
    assert taken == len(rows)


def test_automatic_collection_is_held_off_during_an_import_and_restored_after(world):
    """Each step holds Python's automatic cycle collection off while it runs (20 000 rows make
    ~100 000 objects, none in a cycle) and leaves it as it found it: on again after a refused
    import too, and off when the caller had it off (the GUI's gcguard)."""
    import gc

    seen = []
    book = _csv(20, bad_row=3)
    was = gc.isenabled()  # off for good once a GUI test of this process installed gcguard
    gc.enable()
    try:
        with pytest.raises(register_import.ImportRefused):
            register_import.apply(world.ctx("lina"), book, _mapping(book),
                                  progress=lambda done, total: seen.append(gc.isenabled()))
        assert seen and not any(seen) and gc.isenabled()
        register_import.preview(world.ctx("lina"), _csv(20), _mapping(book))
        assert gc.isenabled()
        gc.disable()
        register_import.preview(world.ctx("lina"), _csv(20), _mapping(book))
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_the_worksheet_inspect_read_is_reused_and_let_go_with_its_book():
    """inspect, preview and apply of one Book read its worksheet once; the Sheet is not kept
    once the Book is gone (a closed dialog leaves no 20 000 rows behind)."""
    import weakref

    book = _csv(5)
    first = register_import.read(book)
    assert register_import.read(book) is first
    assert register_import.read(_csv(5)) is not first  # another Book, read anew
    book, first = _csv(5), None
    sheet = weakref.ref(register_import.read(book))
    assert sheet() is not None
    del book
    assert sheet() is None and register_import._LAST_READ == ()
