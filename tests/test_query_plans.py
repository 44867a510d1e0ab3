"""Reading one release stays cheap however many there are: no statement a release's detail, its
documents or the register's first page sends reads a whole table that grows with the releases
(SQLite's own query plan, EXPLAIN QUERY PLAN, for each statement sent). A plan revision's
approval was found by a scan of every signature (93 000 on 100 000 releases) for each release
shown, each 发布计划 made and each closure sealed, until migration 0008."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, select

from relgui.domain.states import Status
from relgui.services import details, documents, register
from relgui.services.register import RegisterQuery
from relgui.store.models import Release

# Tables whose rows grow with the releases: a full scan of one is a defect.
GROWING = {"releases", "signatures", "audit_events", "plan_revisions", "checklist_entries", "step_records",
           "documents", "closures", "attachments", "release_items", "config_item_history", "observations",
           "problems", "deviations", "knowledge_entries", "alerts", "software_versions", "change_requests"}


@pytest.fixture
def demoed(sqlite_world, with_demo):
    with_demo(sqlite_world, 150, 11)
    return sqlite_world


def _scans(world, action) -> list[tuple[str, str]]:
    sent: list[tuple[str, object]] = []

    def heard(conn, cursor, statement, parameters, context, executemany):
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    event.listen(world.db.engine, "before_cursor_execute", heard)
    try:
        action()
    finally:
        event.remove(world.db.engine, "before_cursor_execute", heard)
    assert sent, "no statement was heard: the check would pass on anything"
    raw = sqlite3.connect(world.db.engine.url.database)
    try:
        found = []
        for statement, parameters in sent:
            for *_, step in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters or ()).fetchall():
                words = step.split()
                if words[:1] == ["SCAN"] and "USING" not in words and words[1] in GROWING:
                    found.append((step, " ".join(statement.split())[:240]))
        return found
    finally:
        raw.close()


def test_a_release_and_its_documents_are_read_without_a_table_scan(demoed):
    with demoed.db.read() as s:
        closed = s.execute(select(Release.number).where(Release.status == Status.CLOSED.value)
                           .order_by(Release.id.desc()).limit(1)).scalar_one()
    auditor = demoed.ctx("auditor")
    assert _scans(demoed, lambda: details.show(auditor, closed)) == []
    assert _scans(demoed, lambda: documents.generate(auditor, closed, "plan", revision=1)) == []
    assert _scans(demoed, lambda: documents.generate(auditor, closed, "report")) == []


def test_the_registers_first_page_is_read_without_a_table_scan(demoed):
    query = RegisterQuery()
    lina = demoed.ctx("lina")
    assert _scans(demoed, lambda: register.page(lina, query)) == []


def test_a_closed_releases_quarter_figures_are_the_quarters_counts(demoed):
    """R-4.6-KPI in a release's detail (its 发布变更报告's 发布成功率统计): the quarter's releases up
    to this one's closing, counted by the database, equal a count of them one by one."""
    from relgui.domain.kpi import Quarter
    from relgui.policy import current_profile
    from relgui.services import company

    spec = current_profile().kpi
    with demoed.db.read() as s:
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
        closed = s.execute(select(Release).where(Release.status == Status.CLOSED.value)
                           .order_by(Release.closed_at.desc()).limit(3)).scalars().all()
        everyone = s.execute(select(Release.closed_at, Release.outcome, Release.status)
                             .where(Release.closed_at.is_not(None))).all()
    assert closed
    for r in closed:
        q = Quarter.of(r.closed_at.astimezone(tz))
        counted = [o for at, o, st in everyone if q.start(tz) <= at <= r.closed_at
                   and o in spec.counted_outcomes and st not in spec.excluded_statuses]
        kpi = details.show(demoed.ctx("auditor"), r.number).kpi
        assert (kpi.total, kpi.successful) == (len(counted), sum(o in spec.success_outcomes for o in counted))
        assert kpi.total > 0
