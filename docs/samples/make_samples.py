"""Build the samples in docs/samples/ from demo data: a 发布计划 and a 发布变更报告 (.docx) and
PNGs of their first pages (LibreOffice → PDF → pdftoppm); and pages of the plan's PDF face as
archived (relgui.render.qtpages → pdftoppm): a page of the approved plan, and the first content
page of a plan still awaiting approval (a draft, watermarked).

    .venv/bin/python docs/samples/make_samples.py

The demo data are generated with a fixed seed on a fixed clock, so the .docx files come out
the same every time; tests/test_documents_samples.py rebuilds them and compares.
The PNGs need LibreOffice and poppler-utils; Chinese faces the PDF asks for (仿宋, 黑体 …)
are mapped to the Noto CJK faces of fonts-noto-cjk for the picture only.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from relgui.domain.timeutil import FixedClock  # noqa: E402
from relgui import demo
from relgui.services import documents, register  # noqa: E402
from relgui.services.context import AppContext  # noqa: E402
from relgui.services.database import open_database  # noqa: E402

CLOCK = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.timezone.utc)
FILES = {"plan": "sample-plan.docx", "report": "sample-report.docx"}
FONTS = {"仿宋": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC", "楷体": "Noto Serif CJK SC",
         "黑体": "Noto Sans CJK SC", "Times New Roman": "DejaVu Serif"}


def _fixed_bytes(seed: int):
    """os.urandom's stand-in while the sample data are made: the demo accounts' random passwords
    and their argon2 salts then come out the same every time, and so do the audit chain's
    hashes that every document records (its basis' chain head, printed in the PDF's QR code)."""
    import random

    rng = random.Random(seed)
    return lambda n: rng.randbytes(n)


def build(folder: Path, pdf: bool = False) -> dict[str, bytes]:
    """The two sample documents, from a fresh demo database in ``folder``; with ``pdf`` also the
    plan's PDF face ("plan.pdf") and a draft plan's ("draft.pdf")."""
    from unittest import mock

    ctx = AppContext(db=open_database(str(folder / "samples.db")), clock=FixedClock(CLOCK))
    try:
        fixed = _fixed_bytes(2026)
        with mock.patch("os.urandom", fixed), mock.patch("random._urandom", fixed):  # secrets draws through random
            demo.generate(ctx, 60, 3)
        rows = register.page(ctx, register.RegisterQuery(statuses=("closed",), types=("major",),
                                                         sort="number", descending=False)).rows
        number = next(r.number for r in rows if r.outcome == "success")
        out = {kind: documents.generate(ctx, number, kind).content for kind in FILES}
        if pdf:
            out["plan.pdf"] = documents.render_pdf(documents.model(ctx, number, "plan")).content
            waiting = register.page(ctx, register.RegisterQuery(statuses=("plan_submitted",), sort="number",
                                                                descending=False)).rows
            out["draft.pdf"] = documents.render_pdf(documents.model(ctx, waiting[0].number, "plan")).content
        return out
    finally:
        ctx.db.dispose()


PDF_PAGES = {"plan.pdf": (3, "sample-plan-pdf-page3.png"), "draft.pdf": (3, "sample-draft-pdf-page3.png")}


def pdf_page_png(data: bytes, page: int, png: Path, folder: Path) -> None:
    pdf = folder / "face.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf),
                    str(png.with_suffix(""))], check=True)


def _profile(folder: Path) -> Path:
    """A private LibreOffice profile whose font replacement table maps the Windows faces."""
    pairs = "".join(
        f'<node oor:name="_{i}" oor:op="replace">'
        f'<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        f'<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{a}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{b}</value></prop></node>'
        for i, (a, b) in enumerate(FONTS.items()))
    user = folder / "lo" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" '
        'oor:op="fuse"><value>true</value></prop></item>'
        f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{pairs}</item></oor:items>',
        "utf-8")
    return folder / "lo"


def first_page_png(docx_path: Path, png: Path, folder: Path) -> None:
    env = os.environ.copy()
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={_profile(folder).as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx_path)],
                   check=True, capture_output=True, env=env, timeout=180)
    pdf = folder / (docx_path.stem + ".pdf")
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf),
                    str(png.with_suffix(""))], check=True, env=env)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind, content in build(folder, pdf=True).items():
            if kind in PDF_PAGES:
                page, png = PDF_PAGES[kind]
                pdf_page_png(content, page, HERE / png, folder)
                print(f"wrote {png}")
                continue
            path = HERE / FILES[kind]
            path.write_bytes(content)
            first_page_png(path, HERE / f"sample-{kind}-page1.png", folder)
            print(f"wrote {path.name} and sample-{kind}-page1.png")


if __name__ == "__main__":
    main()
