"""知识库 search on the 100 000-release demo database (~9 000 lessons; issue 7,
R-4.4.2-KNOWLEDGE): a search ≤ 50 ms, against the same term-index query in raw sqlite3 in
the same run (the floor: count and first page, without the index freshness check).

    python benchmarks/bench_knowledge.py
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import big_database, median_ms, report  # noqa: E402

from relgui.services import knowledge  # noqa: E402
from relgui.services.context import AppContext  # noqa: E402
from relgui.services.database import open_database  # noqa: E402

QUERIES = ["回退", "证书", "回退包 校验", "发布窗口须避开月末批处理", "库", "CMDB 回退"]


def raw_search(conn: sqlite3.Connection, query: str) -> tuple[int, list]:
    cond, runs = [], []
    for run in knowledge._runs(query):
        for t in knowledge._spread(sorted(knowledge.query_terms(run), key=run.find)):
            cond.append(f"k.id IN (SELECT entry_id FROM knowledge_terms WHERE term = '{t}')")
        if knowledge._is_cjk(run[0]):
            cond.append(f"(k.title LIKE '%{run}%' OR k.body LIKE '%{run}%' OR k.tags LIKE '%{run}%')")
            runs.append(run)
    where = " AND ".join(cond) or "1"
    first = f"CASE WHEN {' OR '.join(f'k.title LIKE {chr(39)}%{r}%{chr(39)}' for r in runs)} THEN 0 ELSE 1 END, " if runs else ""
    page = conn.execute(f"SELECT k.id, count(*) OVER () FROM knowledge_entries k WHERE {where} "
                        f"ORDER BY {first}k.created_at DESC, k.id DESC LIMIT 50").fetchall()
    ids = [i for i, _ in page]
    rows = conn.execute(f"SELECT k.id, k.title, k.body, k.tags, k.release_id, r.number, k.created_at "
                        f"FROM knowledge_entries k LEFT JOIN releases r ON r.id = k.release_id "
                        f"WHERE k.id IN ({','.join(map(str, ids)) or 'NULL'})").fetchall()
    return (page[0][1] if page else 0), rows


def main() -> list[dict]:
    path = big_database()
    ctx = AppContext(db=open_database(str(path)))
    started = time.perf_counter()
    indexed = knowledge.refresh(ctx)  # first search on a freshly generated database
    if indexed:
        print(f"{'indexed the demo lessons once':58s} {indexed} entries in {time.perf_counter() - started:.1f} s")
    conn = sqlite3.connect(path)
    results = []
    for q in QUERIES:
        mine = knowledge.search(ctx, q)
        total, _ = raw_search(conn, q)
        assert mine.total == total, q
        results.append(report(f"knowledge search '{q}' ({total} hits)", median_ms(lambda: knowledge.search(ctx, q)),
                              median_ms(lambda: raw_search(conn, q)), target_ms=50))
    return results


if __name__ == "__main__":
    main()
