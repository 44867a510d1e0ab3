"""Issue 14 benchmark: `relgui-admin doc verify` of a 发布变更报告 against the floor of the same
run — the `relgui-admin doc plan NUMBER -o x.docx` process (the archived plan written out) —
target ≤ 1.5× the floor. Whole processes, as a user runs them (start-up, database, reading,
comparing), each the median of REPEAT runs taken in turn:

    doc plan NUMBER -o x.docx                        the floor
    doc verify report.docx                           the archived Word face (found by its hash)
    doc verify report.pdf                            the archived PDF face (found by its hash)
    doc verify report-resaved.pdf                    the PDF saved again by PDFium: both faces read
                                                     glyph by glyph and compared (the slow path)
    doc verify report-edited.docx                    a .docx whose text was changed: read and compared
    doc verify derived.pdf                           `doc report -o` of a report the demo archived as
                                                     .docx alone: its PDF face rendered again to verify
    doc verify derived-resaved.pdf                   that PDF saved again by PDFium: rendered, both
                                                     read and compared glyph by glyph
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import report  # noqa: E402

REPEAT = int(os.environ.get("RELGUI_BENCH_REPEAT", "7"))


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "relgui.cli.main", "--db", str(db), *args]


def _time(cmd: list[str], ok: set[int]) -> float:
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    ms = (time.perf_counter() - t) * 1000
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd[3:])}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return ms


def _prepare(tmp: Path) -> tuple[Path, str, dict[str, Path]]:
    """A demo database with a closed release whose plan and report are archived (both faces)."""
    from relgui import demo
    from relgui.services import documents, register
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    db = tmp / "bench.db"
    ctx = AppContext(db=open_database(str(db)))
    try:
        demo.generate(ctx, 160, 7)
        page = register.page(ctx, register.RegisterQuery(statuses=("closed",), sort="number", descending=False,
                                                         offset=0, limit=5))
        number = page.rows[0].number
        documents.archive_plan(ctx, number)
        documents.archive_report(ctx, number)
        files = {"docx": documents.archived(ctx, number, "report").content,
                 "pdf": documents.archived(ctx, number, "report", "pdf").content}
        bare = next(r.number for r in page.rows[1:]  # a report the demo archived as .docx alone
                    if documents.archived(ctx, r.number, "report") is not None
                    and documents.archived(ctx, r.number, "report", "pdf") is None)
        face = documents.pdf(ctx, bare, "report")
        assert face.origin == "archived_model", face.origin
        files["derived.pdf"] = face.content
    finally:
        ctx.db.dispose()
    import pypdfium2 as pdfium

    def resaved(data: bytes) -> bytes:
        out = io.BytesIO()
        pdf = pdfium.PdfDocument(data)
        pdf.save(out)
        pdf.close()
        return out.getvalue()

    files["resaved.pdf"] = resaved(files["pdf"])
    files["derived-resaved.pdf"] = resaved(files["derived.pdf"])
    from relgui.documents import package

    parts = [(n, b.replace("<w:t>", "<w:t>改", 1) if n == "word/document.xml" else b)
             for n, b in ((n, b.decode("utf-8") if n.endswith(".xml") else b) for n, b in package.read(files["docx"]))]
    files["edited.docx"] = package.write([(n, b.encode("utf-8") if isinstance(b, str) else b) for n, b in parts])
    paths = {}
    for name, data in files.items():
        path = (tmp / name if name.startswith("derived") else tmp / f"report-{name}" if "." in name
                else tmp / f"report.{name}")
        path.write_bytes(data)
        paths[name] = path
    return db, number, paths


def main() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db, number, paths = _prepare(tmp)
        cases = {
            "floor": (_cli(db, "doc", "plan", number, "-o", str(tmp / "x.docx")), {0}),
            "report.docx (archived)": (_cli(db, "doc", "verify", str(paths["docx"])), {0}),
            "report.pdf (archived)": (_cli(db, "doc", "verify", str(paths["pdf"])), {0}),
            "report.pdf re-saved by PDFium (read and compared)": (_cli(db, "doc", "verify", str(paths["resaved.pdf"])),
                                                                  {5}),
            "report.docx edited (read and compared)": (_cli(db, "doc", "verify", str(paths["edited.docx"])), {4}),
            "report.pdf of a .docx-only archive (face rendered again)": (
                _cli(db, "doc", "verify", str(paths["derived.pdf"])), {0}),
            "that PDF re-saved by PDFium (rendered, read and compared)": (
                _cli(db, "doc", "verify", str(paths["derived-resaved.pdf"])), {5}),
        }
        samples: dict[str, list[float]] = {k: [] for k in cases}
        for cmd, ok in cases.values():  # one warm-up each (file cache, .pyc)
            _time(cmd, ok)
        for _ in range(REPEAT):
            for name, (cmd, ok) in cases.items():
                samples[name].append(_time(cmd, ok))
        floor = statistics.median(samples.pop("floor"))
        print(f"floor: relgui-admin doc plan {number} -o x.docx, median of {REPEAT}: {floor:.0f} ms")
        return [report(f"doc verify {name}", statistics.median(s), floor, target_ratio=1.5)
                for name, s in samples.items()]


if __name__ == "__main__":
    main()
