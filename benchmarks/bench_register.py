"""A filtered, sorted page of 200 releases out of 100 000 through the service layer, against
the same query in raw sqlite3 in the same run (issue 2: ≤ 5× the raw query and ≤ 20 ms)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import big_database, median_ms, report  # noqa: E402

from relgui.services import register  # noqa: E402
from relgui.services.context import AppContext  # noqa: E402
from relgui.services.database import open_database  # noqa: E402

CASES = {
    "status=closed, type=normal, sort planned_start desc": dict(
        statuses=("closed",), types=("normal",), sort="planned_start", descending=True),
    "text '核心', sort number asc": dict(text="核心", sort="number", descending=False),
    "stage=planning, sort updated_at desc": dict(statuses=("planning", "plan_submitted"), sort="updated_at"),
}


NOW = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ")
SOON = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=4)).replace(tzinfo=None).isoformat(" ")


def raw_page(conn, case):
    return raw_query(conn, case, page=True)


def raw_count(conn, case):
    return raw_query(conn, case, page=False)


def raw_query(conn: sqlite3.Connection, case: dict, page: bool | None = None) -> list:
    """The same SQL the service emits, written by hand (the floor)."""
    where, params = [], []
    if case.get("text"):
        like = f"%{case['text']}%"
        where.append("(r.number LIKE ? OR r.title LIKE ? OR r.systems LIKE ?)")
        params += [like, like, like]
    if case.get("types"):
        where.append(f"r.type IN ({','.join('?' * len(case['types']))})")
        params += list(case["types"])
    if case.get("statuses"):
        where.append(f"r.status IN ({','.join('?' * len(case['statuses']))})")
        params += list(case["statuses"])
    col = case["sort"]
    order = "DESC" if case.get("descending", True) else "ASC"
    sql = (f"SELECT r.id, r.number, r.title, r.type, r.status, r.outcome, r.systems, coalesce(u.display_name, ''), "
           f"r.planned_start, r.planned_end, r.closed_at, r.updated_at, r.cmdb_due_at, "
           f"r.decision_due_at, r.row_version, "
           f"CASE WHEN r.cmdb_due_at IS NULL OR r.cmdb_done_at IS NOT NULL THEN 0 WHEN r.cmdb_due_at < '{NOW}' THEN 2 "
           f"WHEN r.cmdb_due_at < '{SOON}' THEN 1 ELSE 0 END, "
           f"CASE WHEN r.decision_due_at IS NULL THEN 0 WHEN r.decision_due_at < '{NOW}' THEN 2 "
           f"WHEN r.decision_due_at < '{SOON}' THEN 1 ELSE 0 END "
           f"FROM releases r LEFT JOIN users u ON u.id = r.owner_id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY r.{col} {order}, r.id {order} LIMIT 200")
    count_sql = f"SELECT count(*) FROM releases r {'WHERE ' + ' AND '.join(where) if where else ''}"
    if page is True:
        return conn.execute(sql.replace("r.type IN", "r.type || '' IN").replace("r.status IN", "r.status || '' IN"),
                            params).fetchall()
    if page is False:
        return conn.execute(count_sql, params).fetchone()
    return [conn.execute(sql, params).fetchall(), conn.execute(count_sql, params).fetchone()]


def main() -> list[dict]:
    path = big_database()
    ctx = AppContext(db=open_database(str(path)))
    conn = sqlite3.connect(path)
    results = []
    for name, case in CASES.items():
        q = register.RegisterQuery(limit=200, **case)
        page = register.page(ctx, q)
        raw = raw_query(conn, case)
        assert [r.number for r in page.rows] == [r[1] for r in raw[0]], name
        assert page.total == raw[1][0]
        total = page.total
        service_ms = median_ms(lambda: register.page(ctx, q, total=total))
        floor_ms = median_ms(lambda: raw_page(conn, case))
        results.append(report(f"page of 200: {name}", service_ms, floor_ms, 5, 20))
        count_ms = median_ms(lambda: register.count(ctx, q))
        floor_count = median_ms(lambda: raw_count(conn, case))
        results.append(report(f"count (once per filter change): {name}", count_ms, floor_count, 5))
    return results


if __name__ == "__main__":
    main()
