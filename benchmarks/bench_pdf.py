"""Issue "documents as evidence": the PDF face of a 发布计划 with 250 implementation steps (and
125 rollback steps), written through the services, laid out and written as PDF by
relgui.render.qtpages — against a bare baseline measured in the same run: the same text (every
line of the model) laid out by the same engine as plain paragraphs, without styles, tables,
page furniture, QR code, text-layer fix or embedded data, painted on the same PDF writer.
Target: the document ≤ 10 s; the ratio is printed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_pdf.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from common import report  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEPS = 250


def long_plan(ctx) -> str:
    """A demo release in planning whose 实施步骤 get STEPS rows and 回退措施 half as many,
    saved by one of its engineers through plans.save_section."""
    from sqlalchemy import select

    from relgui.services import plans, register, users
    from relgui.services.context import reading
    from relgui.store.models import User

    rows = register.page(ctx, register.RegisterQuery(statuses=("planning",), sort="number", descending=False)).rows
    number = rows[0].number
    with reading(ctx) as s:
        engineer = next(u for u in s.execute(select(User)).scalars() if "engineer" in (u.roles or []))
        actor = users.actor_of(engineer)
    eng = ctx.as_user(actor)
    steps = [{"action": f"第{i}步：在应用服务器 app-{i % 7:02d} 上执行部署脚本 deploy_{i}.sh，核对版本号与配置文件校验和",
              "owner": ("张伟", "王芳", "李娜")[i % 3], "minutes": 5 + i % 20,
              "check": "日志无 ERROR，健康检查接口返回 200" if i % 2 else "服务进程已启动"} for i in range(1, STEPS + 1)]
    for key, data in (("steps", {"steps": steps}),
                      ("rollback", {"performance_threshold": "响应时间 > 2 秒", "max_minutes": 30,
                                    "steps": steps[: STEPS // 2]})):
        base = plans.get(ctx, number).section_versions.get(key, 0)
        plans.save_section(eng, number, key, data, base_version=base)
    return number


def bare_pdf(model) -> tuple[int, bytes]:
    """The floor: the model's lines as plain paragraphs through the same engine and writer."""
    from relgui.documents import pages as P
    from relgui.render import qtpages

    pages = P.bare(model, qtpages.metrics())
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

    buf = QBuffer()
    buf.setData(QByteArray())
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setResolution(qtpages.PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    painter = QPainter(writer)
    paint = qtpages._Paint(pages, painter, float(qtpages.PDF_DPI))
    for i, page in enumerate(pages.pages):
        if i:
            writer.newPage()
        paint.page(page)
    painter.end()
    del writer
    return len(pages), bytes(buf.data())


def main() -> list[dict]:
    from relgui import demo
    from relgui.render import qtpages
    from relgui.services import documents
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    qtpages.ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(db=open_database(str(Path(tmp) / "bench.db")))
        demo.generate(ctx, 80, 7)
        number = long_plan(ctx)
        model = documents.model(ctx, number, "plan")
        ctx.db.dispose()
    qtpages.render_pdf(model)  # fonts loaded, caches warm: as in a running application
    bare_pdf(model)
    doc, floor, layout = [], [], []
    for _ in range(3):
        t = time.perf_counter()
        pages = qtpages.layout(model)
        layout.append(time.perf_counter() - t)
        t = time.perf_counter()
        data, pages = qtpages.render_pdf(model)
        doc.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare_pages, _bare = bare_pdf(model)
        floor.append(time.perf_counter() - t)
    took, base = statistics.median(doc), statistics.median(floor)
    print(f"{STEPS}-step plan: {len(pages)} pages, {len(data) / 1e6:.1f} MB; bare text {bare_pages} pages; "
          f"layout alone {statistics.median(layout):.2f} s")
    return [report(f"plan PDF face, {STEPS} steps ({len(pages)} pages), layout + PDF", took * 1000, base * 1000,
                   target_ms=10_000)]


if __name__ == "__main__":
    main()
