"""The PDF face (relgui.documents.pages, relgui.render.qtpages, relgui.documents.pdffile): one set
of fixed pages archived, printed and previewed; searchable correct text; a QR code that a real
decoder reads; drafts marked on every page; deterministic bytes; fast, off the GUI thread.

R-DOC-FORM (the company's form, page numbers, contents), R-DOC-PLAN, R-DOC-REPORT,
R-DOC-SIGN (what the page says about itself), R-4.4.2-ARCHIVE (the PDF archived beside the
.docx, reprinted with the archived page count)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_documents_support import closed_world  # noqa: F401 - a module's shared database

from relgui.documents import pages as P
from relgui.documents import pdffile
from relgui.documents.model import (
    Contents,
    DocModel,
    Heading,
    KeyValue,
    PageBreak,
    Paragraph,
    Part,
    SignatureBlock,
    Table,
)

ROOT = Path(__file__).parent.parent
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdftoppm", "pdfinfo"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_poppler() -> None:
    if not POPPLER:
        if IN_CI:
            pytest.fail("poppler-utils must be installed in CI (.ci/run installs them)")
        pytest.skip("poppler-utils (pdftotext, pdftoppm, pdfinfo) not installed")


# ====================================================================== the engine, without Qt
def _model(blocks, kind="plan", final=True) -> DocModel:
    sig = SignatureBlock("李娜", "运维管理部经理", "批准" if kind == "plan" else "关闭", "2026.11.27 10:00",
                         "1C7E-A773-A521", "有效" if final else "已作废（编辑后作废）")
    header = Part("header", "文件信息", (Paragraph("公司", "company"), Paragraph("发布计划", "title"),
                                          KeyValue((("文件编号", "FB-2026-0001"), ("版本", "V1")), per_row=2)))
    parts = (header, Part("contents", "目录", (PageBreak(), Contents(), PageBreak())),
             Part("body", "正文", tuple(blocks)), Part("signatures", "审批签署", (Heading("审批签署", 1, "9."), sig)))
    return DocModel(kind, "FB-2026-0001", "测试", "发布计划", "测试公司", parts,
                    {"revision": 1, "time": "2026-11-27T02:00:00+00:00", "chain": {"seq": 7, "hash": "ab" * 32}})


def body_items(page: P.Page) -> list[tuple]:
    """What the flow put on a page (headings' anchors, text, cells), without header and footer."""
    return [i for i in page.items if i[0] in ("h", "r") or (i[0] == "t" and i[4] not in
                                                               ("header", "header_mark", "footer"))]


def last_is_heading(page: P.Page) -> bool:
    """Is the last thing the flow put on the page a heading (its text the last line)?"""
    items = body_items(page)
    texts = [i for i in items if i[0] in ("t", "r")]
    if not texts:
        return False
    last = texts[-1]
    return last[0] == "t" and last[4] in ("h1", "h2", "h3", "caption", "label")


def assert_layout_rules(pages: P.Pages) -> None:
    """Headings never last on a page; no table column narrower than two characters; a cell's
    text inside its cell; each page's furniture."""
    total = len(pages)
    for n, page in enumerate(pages.pages, 1):
        assert not last_is_heading(page), f"page {n} ends with a heading: {body_items(page)[-1]}"
        cells = [i for i in page.items if i[0] == "r"]
        for _, _x, _y, w, _h, _fill, _stroke in cells:
            assert w >= 2 * P.STYLES["cell"].size + 2 * P.PAD_X - 0.05, f"a column {w:.1f} pt wide on page {n}"
        footer = pages.texts(n - 1, ("footer",))
        assert f"第 {n} 页 共 {total} 页" in footer
        assert any(pages.identity["code"] in t for t in footer)
        assert any(i[0] == "q" for i in page.items)
        header = " ".join(pages.texts(n - 1, ("header",)))
        assert pages.identity["number"] in header and pages.identity["version"] in header
        width, height = page.width, page.height
        for i in page.items:
            if i[0] == "t":
                assert 0 <= i[1] and i[1] + i[3] <= width + 0.5 and 0 < i[2] < height, i


words = st.text(alphabet="发布计划表格步骤检查回退配置项核心交易系统升级，。（）ABCDEFG0123456789 -:", min_size=0, max_size=60)
blocks = st.lists(st.one_of(
    st.builds(lambda t, lv: Heading(t or "标题", lv, "1."), words, st.integers(1, 3)),
    st.builds(lambda t: Paragraph(t, "body"), words),
    st.builds(lambda t: Paragraph(t or "标签：", "label"), words),
    st.builds(lambda t: Paragraph(t or "表1", "caption"), words),
    st.builds(lambda cols, rows: Table(tuple(c or "列" for c in cols),
                                       tuple(tuple(r[:len(cols)]) + ("",) * (len(cols) - len(r)) for r in rows)),
              st.lists(words, min_size=1, max_size=8), st.lists(st.lists(words, max_size=8), max_size=12)),
    st.builds(lambda pairs: KeyValue(tuple((a or "键", b) for a, b in pairs)),
              st.lists(st.tuples(words, words), min_size=1, max_size=8)),
    st.just(PageBreak()),
), max_size=25)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # the same examples every run: a red CI is a regression
@given(blocks)
def test_layout_rules_hold_for_any_document(bs):
    """Whatever the blocks: no heading (nor caption, nor label) alone at a page's foot, no column
    under two characters, text within the page, every page numbered with its code and QR. (Only
    a run of more headings than a page holds could break the first rule.)"""
    run = longest = 0
    for b in bs:
        run = run + 1 if isinstance(b, Heading) or (isinstance(b, Paragraph) and b.style in ("label", "caption")) else 0
        longest = max(longest, run)
    assume(longest <= 8)
    pages = P.layout(_model(bs), P.TableMetrics())
    assert_layout_rules(pages)
    assert [t for _, t in _model(bs).units()]  # the model is what the engine laid out


def test_long_table_repeats_its_header_and_moves_rows_whole():
    rows = tuple((str(i), "在应用服务器上执行部署脚本并检查日志" * (1 + i % 3), "张伟", "5") for i in range(1, 120))
    model = _model([Heading("实施步骤", 2, "3.5."), Paragraph("表6 步骤", "caption"),
                    Table(("序号", "操作", "负责人", "计划时长(分钟)"), rows)])
    pages = P.layout(model, P.TableMetrics())
    assert_layout_rules(pages)
    spanned = [p for p in pages.pages if "在应用服务器上执行部署脚本并检查日志" in " ".join(pages.texts(pages.pages.index(p)))]
    assert len(spanned) > 3
    for page in spanned:  # the header row on top of every page the table runs onto
        first_cell = next(i for i in page.items if i[0] == "t" and i[4] in ("cell_head", "cell"))
        assert first_cell[5] == "序号" and first_cell[4] == "cell_head"
    assert body_rows(pages) == len(rows)  # a row shorter than a page is never split: drawn once, whole


def body_rows(pages: P.Pages) -> int:
    """Table rows drawn (unshaded first-column cells): a row split over two pages counts twice."""
    left = min(i[1] for p in pages.pages for i in p.items if i[0] == "r")
    return sum(1 for p in pages.pages for i in p.items if i[0] == "r" and i[1] == left and not i[5])


def test_a_row_taller_than_a_page_is_split_and_nothing_is_lost():
    huge = "很长的说明文字，" * 900
    model = _model([Table(("项目", "说明"), (("A", huge), ("B", "短")))])
    pages = P.layout(model, P.TableMetrics())
    assert_layout_rules(pages)
    text = "".join(pages.texts(None, ("cell",)))
    assert text.count("很长的说明文字") == 900 and "短" in text
    assert body_rows(pages) > 2  # the tall row went over pages in parts; the short one whole


def test_a_table_too_wide_for_portrait_goes_on_landscape_pages():
    cols = tuple(f"列{i}" for i in range(14))
    rows = tuple(tuple(f"VALUE-{i}-{j}-ABCDEFGH" for j in range(14)) for i in range(5))
    pages = P.layout(_model([Heading("宽表", 1, "2."), Table(cols, rows), Paragraph("之后的正文")]), P.TableMetrics())
    assert_layout_rules(pages)
    landscape = [k for k, p in enumerate(pages.pages) if p.landscape]
    assert landscape and "VALUE-0-0-ABCDEFGH" in "".join(pages.texts(landscape[0]))
    assert "宽表" in " ".join(pages.texts(landscape[0]))  # the heading went along with its table
    after = next(k for k, p in enumerate(pages.pages) if "之后的正文" in "".join(pages.texts(k)))
    assert not pages.pages[after].landscape


def test_lines_break_by_the_rules():
    m = P.Measure(P.TableMetrics())
    st_ = P.STYLES["cell"]
    lines = [t for t, _ in m.wrap("计划时长(分钟)", st_, 5 * st_.size)]
    assert "(分钟)" in lines  # a short bracketed group stays whole
    lines = [t for t, _ in m.wrap("完成部署，检查日志。记录结果", st_, 5 * st_.size)]
    assert not any(t.startswith(("，", "。")) for t in lines)  # 禁则: no line starts with closing punctuation
    lines = [t for t, _ in m.wrap("deploy the release package now", st_, 8 * st_.size)]
    assert all(" " not in t.strip() or t.count(" ") <= 3 for t in lines) and "".join(lines).replace(" ", "") == \
        "deploythereleasepackagenow"


def test_qr_payload_round_trip():
    ident = P.identity(_model([Paragraph("正文")]))
    fields = P.parse_qr_payload(ident["qr"])
    assert fields == {"number": "FB-2026-0001", "kind": "plan", "version": "V1", "state": "final",
                      "sha256": ident["sha256"], "chain": "7:" + "ab" * 32}
    draft = P.identity(_model([Paragraph("正文")], final=False))
    assert P.parse_qr_payload(draft["qr"])["state"] == "draft" and not draft["final"]


def test_to_unicode_maps_lose_their_radicals():
    cmap = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\n"
            b"endcodespacerange\n2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0004> [<2F42> <4EF6> <2ED3> <2ED4> ]\n"
            b"endbfrange\n1 beginbfchar\n<0005> <2F79>\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\n"
            b"end\nend\n")
    fixed = pdffile.fix_cmap(cmap, {"\u2ed3": "长"})
    entries = pdffile._cmap_entries(fixed)
    assert entries == {0: "\x00", 1: "文", 2: "件", 3: "长", 4: "\u2ed4", 5: "网"}  # ⻔ unknown here: left as it is
    assert fixed.startswith(b"/CIDInit") and fixed.endswith(b"end\nend\n")


# ====================================================================== the PDF through Qt

@pytest.fixture(scope="module")
def docs(closed_world, tmp_path_factory):
    """The closed major release's plan and report, a draft plan and their PDFs."""
    pytest.importorskip("PySide6.QtGui")
    from flows import release_at

    from relgui.domain.states import Status
    from relgui.render import qtpages
    from relgui.services import documents

    qtpages.ensure_app()
    world = closed_world
    number = world.numbers[0]
    draft_no = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for key, (num, kind) in {"plan": (number, "plan"), "report": (number, "report"),
                             "draft": (draft_no, "plan")}.items():
        model = documents.model(world.ctx("lina"), num, kind)
        data, pages = qtpages.render_pdf(model)
        path = folder / f"{key}.pdf"
        path.write_bytes(data)
        out[key] = (model, data, pages, path)
    out["world"] = world
    return out


def pdftotext(path: Path, *args: str) -> str:
    res = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True,
                         check=True)
    assert "Error" not in res.stderr, res.stderr
    return res.stdout


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.gui
def test_text_layer_is_searchable_and_correct(docs):
    """pdftotext finds 文件编号, every heading and every table value; no character of the CJK
    Radicals Supplement or the Kangxi Radicals is left in the text (no NFKC needed)."""
    need_poppler()
    for key in ("plan", "report", "draft"):
        model, _data, pages, path = docs[key]
        raw = pdftotext(path)
        bad = sorted({c for c in raw if pdffile.is_radical(ord(c))})
        assert bad == [], f"{key}: radicals in the text layer: {bad}"
        text = squeeze(raw)
        assert "文件编号" in text and model.number in text
        for h in model.headings():
            assert squeeze(h.full) in text, h.full
        for part in model.parts:
            for b in part.blocks:
                if isinstance(b, Table):
                    for value in (*b.columns, *(c for r in b.rows for c in r)):
                        assert squeeze(value) in text or _cells_found(pages, value, text), (key, value)


def _cells_found(pages: P.Pages, value: str, text: str) -> bool:
    """A value wrapped inside its cell (a header cell too: 配置基线's five columns wrap 发布前版本):
    each of its lines is in the text."""
    lines = [t for p in pages.pages for i in p.items if i[0] == "t" and i[4] in ("cell", "cell_head") for t in [i[5]]
             if t and t in value]
    return bool(lines) and all(squeeze(t) in text for t in lines)


@pytest.mark.gui
def test_every_table_cell_reads_back_inside_its_cell(docs):
    """Per cell, the words the PDF's text layer has inside the cell's rectangle are the cell's text."""
    need_poppler()
    _model_, _data, pages, path = docs["plan"]
    html = pdftotext(path, "-bbox")
    by_page = re.split(r"<page ", html)[1:]
    checked = 0
    for n, page in enumerate(pages.pages):
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', by_page[n])]
        texts = [i for i in page.items if i[0] == "t" and i[4] in ("cell", "cell_head")]
        for _, x, y, w, h, _fill, _stroke in (i for i in page.items if i[0] == "r"):
            want = squeeze("".join(t[5] for t in texts if x <= t[1] <= x + w and y <= t[2] <= y + h))
            got = squeeze("".join(wd for a, b, c, d, wd in words if x - 0.5 <= a and c <= x + w + 0.5
                                  and y - 0.5 <= (b + d) / 2 <= y + h + 0.5))
            assert got == _unescape(want), (n + 1, want, got)
            checked += 1
    assert checked > 50


def _unescape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@pytest.mark.gui
def test_qr_code_decodes_to_number_version_hash_and_chain_head(docs):
    """A page rendered by pdftoppm and read by a real decoder (zxing-cpp) names the document:
    number, version, content SHA-256, and the audit chain head when it was made."""
    need_poppler()
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from sqlalchemy import select

    from relgui.services.context import reading
    from relgui.store.models import AuditEvent

    model, _data, pages, path = docs["plan"]
    world = docs["world"]
    for page in (1, len(pages)):
        png = path.with_name(f"qr-{page}")
        subprocess.run(["pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-singlefile", "-png",
                        str(path), str(png)], check=True)
        found = zxingcpp.read_barcodes(Image.open(f"{png}.png"))
        texts = [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]
        assert len(texts) == 1, texts
        fields = P.parse_qr_payload(texts[0])
        assert fields["number"] == model.number and fields["version"] == "V1" and fields["state"] == "final"
        assert fields["sha256"] == model.digest() == pages.identity["sha256"]
        seq, head = fields["chain"].split(":")
        assert (int(seq), head) == (model.basis["chain"]["seq"], model.basis["chain"]["hash"])
    with reading(world.ctx()) as s:  # the chain head the model took is a real one of this database
        row = s.execute(select(AuditEvent.hash).where(AuditEvent.seq == int(seq))).scalar_one()
    assert row == head


def _tinted(png: Path) -> list[float]:
    """Share of each page's pixels in the watermark's tint (reddish: R well above G and B)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    px = list(img.get_flattened_data() if hasattr(img, "get_flattened_data") else img.getdata())
    return sum(1 for r, g, b in px if r - g > 25 and r - b > 25) / len(px)


@pytest.mark.gui
def test_draft_is_marked_on_every_page_and_an_approved_plan_nowhere(docs, tmp_path):
    """草稿 / DRAFT: a diagonal watermark (drawn as outlines, under the text) and 【草稿·未批准】
    in the header of every page of a plan that is not approved; neither on an approved plan."""
    need_poppler()
    for key, draft in (("draft", True), ("plan", False)):
        _model_, _data, pages, path = docs[key]
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / key)], check=True)
        pngs = sorted(tmp_path.glob(f"{key}-*.png"))
        assert len(pngs) == len(pages)
        for n, png in enumerate(pngs, 1):
            share = _tinted(png)
            header = squeeze(pdftotext(path, "-f", str(n), "-l", str(n)))
            if draft:
                assert share > 0.02, f"page {n}: no watermark ({share:.4f})"
                assert "【草稿·未批准】" in header
            else:
                assert share < 0.0005, f"page {n}: tinted ({share:.4f})"
                assert "草稿" not in header
        assert "DRAFT" not in pdftotext(path)  # the watermark is no text: search and copy stay clean


@pytest.mark.gui
def test_fonts_embedded_pdfa_and_searchable(docs):
    need_poppler()
    _model_, data, _pages, path = docs["plan"]
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows)  # every font embedded
    assert b"pdfaid:part=\"1\"" in data and b"pdfaid:conformance=\"B\"" in data and b"/OutputIntents" in data
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Page size:       595 x 842 pts (A4)" in info


@pytest.mark.gui
def test_same_model_same_bytes_here_in_a_worker_and_in_another_process(docs, qapp, tmp_path):
    """Deterministic: the document's own time as creation date, the document ID from its
    content, Qt's font order fixed; rendering off the GUI thread gives the same bytes."""
    from PySide6.QtCore import QRunnable, QThread, QThreadPool

    from relgui.render import qtpages

    model, data, _pages, _path = docs["draft"]
    assert qtpages.render_pdf(model)[0] == data
    done = {}

    class Job(QRunnable):
        def run(self):
            done["main"] = QThread.currentThread() is qapp.thread()
            done["data"] = qtpages.render_pdf(model)[0]

    QThreadPool.globalInstance().start(Job())
    assert QThreadPool.globalInstance().waitForDone(60_000)
    assert done["main"] is False and done["data"] == data
    src = tmp_path / "model.json"
    src.write_text(model.to_json(), "utf-8")
    code = ("import sys; from relgui.documents.model import DocModel; from relgui.render import qtpages;"
            "m = DocModel.from_json(open(sys.argv[1], encoding='utf-8').read());"
            "sys.stdout.buffer.write(qtpages.render_pdf(m)[0])")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    other = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, env=env, timeout=120,
                           cwd=ROOT)
    assert other.returncode == 0, other.stderr.decode()[-2000:]
    assert other.stdout == data
    found = pdffile.embedded(data)
    assert DocModel.from_json(found["model"]) == model
    assert P.Pages.from_json(found["pages"]).to_json() == _pages.to_json()
    assert found["identity"]["sha256"] == model.digest() == found["properties"]["content_sha256"]
    assert b"CreationDate (D:2026" in data


@pytest.mark.gui
def test_contents_carry_the_real_page_numbers(docs):
    for key in ("plan", "report"):
        model, _data, pages, _path = docs[key]
        where = pages.heading_pages()
        assert len(where) == len(model.headings())
        toc_page = next(k for k, p in enumerate(pages.pages) if "目录" in pages.texts(k, ("toc_heading",)))
        toc = [t for t in pages.texts(toc_page, ("toc",)) if t.isdigit()]
        assert [int(t) for t in toc] == [where[i] for i in range(len(where))]
        assert_layout_rules(pages)
        if shutil.which("pdftohtml"):  # the PDF's bookmarks: every heading, on its page
            xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "1", str(_path)],
                                 capture_output=True, text=True, check=True).stdout
            marks = re.findall(r'<item page="(\d+)">([^<]*)</item>', xml)
            assert [(int(n), t) for n, t in marks] == [(where[i], h.full) for i, h in enumerate(model.headings())]


# ====================================================================== archive, print, relgui-admin
@pytest.mark.gui
def test_archive_keeps_the_pdf_face_and_prints_its_page_count(sqlite_world, qapp, tmp_path):
    """R-4.4.2-ARCHIVE: approval archives the .docx and its PDF face from one model; printing
    the archived face replays its own pages: the printout has the archived page count."""
    need_poppler()
    from flows import release_at
    from PySide6.QtPrintSupport import QPrinter

    from relgui.domain.states import Status
    from relgui.gui import docview
    from relgui.services import documents

    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED, type_="major")
    docx = documents.archived(w.ctx("auditor"), number, "plan")
    face = documents.archived(w.ctx("auditor"), number, "plan", "pdf")
    assert face is not None and face.kind == "plan.pdf" and face.revision_no == docx.revision_no == 1
    assert face.filename == f"{number} 核心交易系统升级 发布计划.pdf"
    data = pdffile.embedded(face.content)
    from relgui.documents import package

    assert data["model"] == package.embedded_model(docx.content)  # one model, two faces
    archived_pdf = tmp_path / "archived.pdf"
    archived_pdf.write_bytes(face.content)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert docview.print_document(None, face.content, printer) is True
    pages_of = lambda p: int(re.search(r"Pages:\s+(\d+)", subprocess.run(  # noqa: E731
        ["pdfinfo", str(p)], capture_output=True, text=True, check=True).stdout).group(1))
    assert pages_of(tmp_path / "printed.pdf") == pages_of(archived_pdf) == len(P.Pages.from_json(data["pages"]))
    printed = pdftotext(tmp_path / "printed.pdf")  # printed to a PDF file: text as searchable
    assert f"共{pages_of(archived_pdf)}页" in squeeze(printed) and "文件编号" in squeeze(printed)
    assert not any(pdffile.is_radical(ord(c)) for c in printed)
    dialog = docview.make_preview(None, face.content)  # the preview shows the same pages
    assert len(dialog.labels) == pages_of(archived_pdf)
    dialog.deleteLater()
    out = tmp_path / "export.pdf"
    assert docview.export_pdf(face.content, str(out)) == pages_of(archived_pdf)
    assert out.read_bytes() == face.content and (os.name == "nt" or (out.stat().st_mode & 0o077) == 0)


def test_archiving_again_adds_a_missing_pdf_face(sqlite_world, monkeypatch):
    """Where the PDF could not be made (no Qt), the .docx is archived alone; archiving again
    adds the PDF face from the archived .docx's own model, audited."""
    from flows import release_at
    from sqlalchemy import func, select

    from relgui.domain.states import Status
    from relgui.services import documents
    from relgui.store.models import AuditEvent

    w = sqlite_world

    def no_qt(doc):
        raise ImportError("no Qt here")

    monkeypatch.setattr(documents, "render_pdf", no_qt)
    number = release_at(w, Status.PLAN_APPROVED)
    assert documents.archived(w.ctx(), number, "plan") is not None
    assert documents.archived(w.ctx(), number, "plan", "pdf") is None
    monkeypatch.undo()
    docx = documents.archive_plan(w.ctx("zhangwei"), number)
    face = documents.archived(w.ctx(), number, "plan", "pdf")
    assert face is not None and docx.id != face.id
    with w.db.read() as s:
        events = s.execute(select(AuditEvent.detail).where(AuditEvent.action == "document.archive")
                           .order_by(AuditEvent.seq)).scalars().all()
    assert len(events) == 2 and events[-1]["kind"] == "plan.pdf" and events[-1]["docx"] == docx.id
    assert documents.archive_plan(w.ctx("zhangwei"), number).id == docx.id  # nothing more to add
    with w.db.read() as s:
        assert s.execute(select(func.count()).select_from(AuditEvent)
                         .where(AuditEvent.action == "document.archive")).scalar_one() == 2


def test_relgui_admin_writes_the_archived_pdf_face(sqlite_world, capsys, tmp_path):
    """relgui-admin doc plan NUMBER -o FILE.pdf: the archived PDF byte for byte; --fresh a new
    rendering; in a process of its own without a display (offscreen)."""
    from conftest import PASSWORD
    from flows import release_at

    from relgui.cli.main import main
    from relgui.domain.states import Status
    from relgui.services import documents

    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    url = w.db.url.render_as_string(hide_password=False)
    old, sys.stdin = sys.stdin, io.StringIO(PASSWORD + "\n")
    try:
        assert main(["--db", url, "doc", "plan", number, "-o", str(tmp_path / "a.pdf")]) == 0
        assert "归档文件" in capsys.readouterr().out
        assert main(["--db", url, "doc", "plan", number, "-o", str(tmp_path / "b.pdf"), "--fresh"]) == 0
        assert "新生成" in capsys.readouterr().out
        assert main(["--db", url, "doc", "plan", number, "-o", str(tmp_path / "c.txt")]) != 0
    finally:
        sys.stdin = old
    assert (tmp_path / "a.pdf").read_bytes() == documents.archived(w.ctx(), number, "plan", "pdf").content
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    report = release_at(w, Status.CLOSED)
    res = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", url, "doc", "report", report, "-o",
                          str(tmp_path / "r.pdf")], capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    assert (tmp_path / "r.pdf").read_bytes() == documents.archived(w.ctx(), report, "report", "pdf").content


# ====================================================================== a long plan, fast
def long_plan(world, steps: int = 250) -> str:
    """A plan with ``steps`` implementation steps, written through the services."""
    from flows import release_at, save

    from relgui.domain.states import Status

    number = release_at(world, Status.PLANNING, type_="major")
    rows = [{"action": f"第{i}步：在应用服务器 app-{i % 7:02d} 上执行部署脚本 deploy_{i}.sh，核对版本号与配置文件校验和",
             "owner": ("张伟", "王芳", "李娜")[i % 3], "minutes": 5 + i % 20,
             "check": "日志无 ERROR，健康检查接口返回 200" if i % 2 else "服务进程已启动"} for i in range(1, steps + 1)]
    save(world, number, "steps", {"steps": rows})
    save(world, number, "rollback", {"performance_threshold": "响应时间 > 2 秒", "max_minutes": 30,
                                     "steps": rows[: steps // 2]})
    return number


@pytest.mark.gui
@pytest.mark.slow
def test_a_250_step_plan_renders_in_under_ten_seconds(sqlite_world, qapp):
    from relgui.render import qtpages
    from relgui.services import documents

    number = long_plan(sqlite_world)
    model = documents.model(sqlite_world.ctx("zhangwei"), number, "plan")
    qtpages.render_pdf(_model([Paragraph("预热")]))  # fonts loaded once per process
    started = time.perf_counter()
    data, pages = qtpages.render_pdf(model)
    took = time.perf_counter() - started
    assert took <= 10.0, f"{len(pages)} pages in {took:.1f} s"
    assert len(pages) > 20 and data.startswith(b"%PDF-")
    assert_layout_rules(pages)
    cells = pages.texts(None, ("cell",))
    assert "第250步：在应用服务器" in "".join(cells)


@pytest.mark.gui
def test_an_archived_display_list_replays_within_its_places_where_fonts_differ(docs, tmp_path):
    """Printed on an installation whose fonts are wider than those it was laid out with, each
    line is squeezed into the width the archived page gave it: the pages stay the same."""
    need_poppler()
    from relgui.render import qtpages

    model, _data, pages, _path = docs["report"]
    narrow = P.Pages.from_json(pages.to_json())
    narrow.fonts = {face: "Some Other Font" for face in narrow.fonts}
    for page in narrow.pages:  # as if laid out where every line measured 15 % narrower
        page.items = [(i[0], i[1], i[2], round(i[3] * 0.85, 2), *i[4:]) if i[0] == "t" else i for i in page.items]
    data = qtpages.pdf_from_pages(narrow, model.to_json(), qtpages.properties(model))
    path = tmp_path / "narrow.pdf"
    path.write_bytes(data)
    html = pdftotext(path, "-bbox")
    by_page = re.split(r"<page ", html)[1:]
    assert len(by_page) == len(narrow)
    for n, page in enumerate(narrow.pages):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">', by_page[n])
        right = max(i[1] + i[3] for i in page.items if i[0] == "t" and i[5].strip())
        assert max(float(b) for _a, b in words) <= right + 1.0
