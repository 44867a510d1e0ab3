"""Issue 6 benchmarks: the 发布计划 .docx of a fully filled release against a floor measured in
the same run — bare python-docx writing a document of the same size (10 headings, 40
paragraphs, 6 tables of 8×4) — target ≤ 1.5× the floor; and 100 发布变更报告 in a batch,
reported as the per-document median."""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import docx  # noqa: E402
from common import median_ms, report  # noqa: E402

from relgui import demo
from relgui.documents import docx_writer  # noqa: E402
from relgui.domain import plan as plandom  # noqa: E402
from relgui.services import details, documents  # noqa: E402
from relgui.services.context import AppContext  # noqa: E402
from relgui.services.database import open_database  # noqa: E402

TEXT = "发布计划的正文段落，包含中文与 ASCII 文本 release 2026，用于衡量写入速度。" * 2


def floor_document() -> bytes:
    """Bare python-docx: 10 headings, 40 paragraphs, 6 tables of 8 rows × 4 columns."""
    d = docx.Document()
    for h in range(10):
        d.add_heading(f"{h + 1}. 标题", level=1 + h % 2)
        for _ in range(4):
            d.add_paragraph(TEXT)
        if h < 6:
            t = d.add_table(rows=8, cols=4)
            for r, row in enumerate(t.rows):
                for c, cell in enumerate(row.cells):
                    cell.text = f"单元格 {r}-{c}"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def fullest_plan(ctx: AppContext, numbers: list[str]) -> str:
    """The closed release with the largest plan: every section filled, the most rows."""
    return max(numbers, key=lambda n: len(plandom.canonical(details.show(ctx, n, audit_limit=0).plan)))


def main() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(db=open_database(str(Path(tmp) / "bench.db")))
        demo.generate(ctx, 320, 7)
        from relgui.services import register

        page = register.page(ctx, register.RegisterQuery(statuses=("closed",), sort="number", descending=False,
                                                         offset=0, limit=200))
        closed = [r.number for r in page.rows]
        number = fullest_plan(ctx, closed)
        model = documents.model(ctx, number, "plan")
        size = (len(model.headings()), sum(1 for u in model.units()))
        floor = median_ms(floor_document, repeat=25)
        results = [
            report(f"plan .docx, whole use case ({size[0]} headings, {size[1]} lines)",
                   median_ms(lambda: documents.generate(ctx, number, "plan"), repeat=25), floor, target_ratio=1.5),
            report("plan .docx, rendering the model only", median_ms(lambda: docx_writer.render(model), repeat=25),
                   floor, target_ratio=1.5),
        ]
        per_doc = []
        started = time.perf_counter()
        for n in closed[:100]:
            t = time.perf_counter()
            documents.generate(ctx, n, "report")
            per_doc.append((time.perf_counter() - t) * 1000)
        total = time.perf_counter() - started
        results.append(report(f"100 reports in a batch: median per document ({total:.1f} s in all)",
                              statistics.median(per_doc), floor))
        ctx.db.dispose()
    return results


if __name__ == "__main__":
    main()
