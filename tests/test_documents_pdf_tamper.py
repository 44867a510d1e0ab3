"""Documents as evidence, the PDF face: what a reader sees on the archived pages is what
verifies (R-DOC-SIGN, R-4.4.2-ARCHIVE). A tamper suite on the archived PDF of a 发布计划 and
of a 发布变更报告, each tampering done on the file's real content streams with pikepdf (qpdf):
a cell's text edited, a value moved into the empty cell beside it, white text, invisible text
(render mode 3), tiny text, the 文件编号 in the page header, the page number in the footer, the
QR code replaced by a picture of another code, a page removed, the embedded relgui data kept
while the drawn text changes — each "changed" (exit 4) naming the page, the part and where
possible the section and the table cell. A draft PDF is "draft" (6), an older version
"superseded" (7), the file saved again by qpdf or with its content streams rewritten
"resaved" (5), the archived file "identical" (0). Through the service and relgui-admin in a
subprocess, as for the .docx face (tests/test_documents_tamper.py).

LibreOffice cannot re-export a PDF here (its PDF import is in Draw, which CI does not
install): the re-save is proven with qpdf's writer instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

pikepdf = pytest.importorskip("pikepdf")

from flows import release_at  # noqa: E402
from test_documents_support import rolled_back_and_closed  # noqa: E402

from relgui.documents import pages as P  # noqa: E402
from relgui.documents import pdf_reader, pdffile  # noqa: E402
from relgui.documents.verify import VERDICTS  # noqa: E402
from relgui.domain.states import Status  # noqa: E402
from relgui.services import documents  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.gui]
RESULTS: list[tuple[str, str, str, int, str]] = []
SCALE = 72.0 / 1200  # Qt's PDF writer: device units of 1/1200 in, y downwards from the page's top


@pytest.fixture(scope="module")
def archive(sqlite_template, tmp_path_factory):
    """An approved plan and a rolled-back, closed release (plan and report archived with their
    PDF faces), a plan in planning and a release being deployed (draft PDFs)."""
    pytest.importorskip("PySide6.QtGui")
    from conftest import START, World

    from relgui.domain.timeutil import FixedClock
    from relgui.render import qtpages
    from relgui.store.engine import Database

    qtpages.ensure_app()
    template, ids = sqlite_template
    path = tmp_path_factory.mktemp("pdftamper") / "relgui.db"
    shutil.copy(template, path)
    world = World(Database(f"sqlite:///{path}"), FixedClock(START), ids, "sqlite")
    world.numbers = {"plan": release_at(world, Status.PLAN_APPROVED), "report": rolled_back_and_closed(world),
                     "plan_draft": release_at(world, Status.PLANNING),
                     "report_draft": release_at(world, Status.DEPLOYING)}
    documents.archive_report(world.ctx("lina"), world.numbers["report"])
    world.files = {}
    for kind in ("plan", "report"):
        face = documents.archived(world.ctx(), world.numbers[kind], kind, "pdf")
        assert face is not None, f"no PDF face archived for the {kind}"
        world.files[kind] = face.content
    world.drafts = {k: documents.pdf(world.ctx("zhangwei"), world.numbers[f"{k}_draft"], k).content
                    for k in ("plan", "report")}
    yield world
    world.db.dispose()


# ------------------------------------------------------------------ the file's own pages and fonts


def layout(data: bytes) -> P.Pages:
    return P.Pages.from_json(pdffile.embedded(data)["pages"])


@dataclasses.dataclass
class Block:
    """One BT … ET of Qt's content stream: one run of text drawn in one font."""
    start: int
    end: int
    font: str
    glyphs: list[tuple[int, str]]   # (index of the Tj operator, its character)

    @property
    def text(self) -> str:
        return "".join(c for _, c in self.glyphs)


def unicode_maps(page) -> dict[str, dict[int, str]]:
    out = {}
    for name, font in page.Resources.Font.items():
        tu = font.get("/ToUnicode")
        out[str(name)] = pdffile._cmap_entries(tu.read_bytes()) if tu is not None else {}
    return out


def codes(s: bytes) -> list[int]:
    return [int.from_bytes(s[i:i + 2], "big") for i in range(0, len(s), 2)]


def blocks(page, ops) -> list[Block]:
    maps = unicode_maps(page)
    out, current = [], None
    for i, op in enumerate(ops):
        name = str(op.operator)
        if name == "BT":
            current = Block(i, i, "", [])
        elif name == "Tf" and current is not None:
            current.font = str(op.operands[0])
        elif name == "Tj" and current is not None:
            text = "".join(maps.get(current.font, {}).get(c, "?") for c in codes(bytes(op.operands[0])))
            current.glyphs.append((i, text))
        elif name == "ET" and current is not None:
            current.end = i
            out.append(current)
            current = None
    return out


def code_of(page, font: str, char: str) -> bytes:
    found = [c for c, u in unicode_maps(page)[font].items() if u == char]
    assert found, f"{char!r} is not in font {font}"
    return found[0].to_bytes(2, "big")


def rewrite(data: bytes, change) -> bytes:
    """``change(pdf, page_index → (page, ops))`` edits the content of the pages it asks for."""
    pdf = pikepdf.open(__import__("io").BytesIO(data))
    edited: dict[int, list] = {}

    def get(n: int):
        page = pdf.pages[n]
        if n not in edited:
            edited[n] = list(pikepdf.parse_content_stream(page))
        return page, edited[n]

    change(pdf, get)
    for n, ops in edited.items():
        pdf.pages[n].Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
    out = __import__("io").BytesIO()
    pdf.save(out)
    return out.getvalue()


def set_char(ops, page, block: Block, index: int, char: str) -> None:
    i = block.glyphs[index][0]
    ops[i] = pikepdf.ContentStreamInstruction([pikepdf.String(code_of(page, block.font, char))], pikepdf.Operator("Tj"))


def cell_value(data: bytes, kind: str) -> tuple[int, tuple, tuple]:
    """(page, the value's text item, the empty cell on its right): in the report preferably a
    version beside the empty 实际版本 of a rolled-back release, else any short value beside an
    empty cell (the value must be drawn in one font: Latin letters and digits)."""
    pages = layout(data)
    found = []
    for n, page in enumerate(pages.pages):
        rects = [i for i in page.items if i[0] == "r"]
        texts = [i for i in page.items if i[0] == "t"]

        def text_in(r, texts=texts):  # this page's texts (bound: the name is rebound on the next page)
            return [t for t in texts if t[5] and r[1] <= t[1] <= r[1] + r[3] and r[2] <= t[2] <= r[2] + r[4]]

        for a, b in zip(rects, rects[1:]):
            same_row = abs(a[2] - b[2]) < 0.05 and abs(a[1] + a[3] - b[1]) < 0.05
            if same_row and not a[5] and not b[5] and len(text_in(a)) == 1 and not text_in(b):
                value = text_in(a)[0]
                if re.fullmatch(r"[0-9A-Za-z.:\-]+", value[5]) and re.search(r"\d", value[5]):
                    found.append((0 if re.fullmatch(r"\d+(\.\d+)+", value[5]) else 1, n, value, b))
    assert found, "no value beside an empty cell"
    _, n, value, b = min(found, key=lambda f: (f[0], f[1]))
    return n, value, b


def block_at(page, ops, item: tuple) -> Block:
    """The block that draws a display list's text item (its first Td at the item's place)."""
    for b in blocks(page, ops):
        td = next((ops[i] for i in range(b.start, b.end) if str(ops[i].operator) == "Td"), None)
        if td is not None and abs(float(td.operands[0]) * SCALE - item[1]) < 0.05 \
                and abs(-float(td.operands[1]) * SCALE - item[2]) < 0.05:
            return b
    raise AssertionError(f"{item} is not drawn on this page")


def find_block(page, ops, text: str) -> Block:
    for b in blocks(page, ops):
        if text in b.text:
            return b
    raise AssertionError(f"{text!r} is not drawn on this page: {[b.text for b in blocks(page, ops)][:40]}")


# ------------------------------------------------------------------ ways to tamper


def edited(data, kind, source: bytes | None = None):
    """One character of a table cell's value changed (1.1.0 → 1.1.1 …), nothing else
    (``source``: the file whose display list says where, when ``data`` no longer carries it)."""
    n, value, _ = cell_value(source or data, kind)

    def change(pdf, get):
        page, ops = get(n)
        b = block_at(page, ops, value)
        k = len(value[5]) - 1
        old = b.glyphs[k][1]
        new = next(c for c in "1029384756" if c != old)
        set_char(ops, page, b, k, new)
    return rewrite(data, change)


def moved(data, kind):
    """The value drawn in the empty cell on its right instead of its own."""
    n, value, empty = cell_value(data, kind)

    def change(pdf, get):
        page, ops = get(n)
        b = block_at(page, ops, value)
        td = next(i for i in range(b.start, b.end) if str(ops[i].operator) == "Td")
        x, y = ops[td].operands
        dx = (empty[1] + P.PAD_X - value[1]) / SCALE
        ops[td] = pikepdf.ContentStreamInstruction([Decimal(str(float(x) + dx)), y], pikepdf.Operator("Td"))
    return rewrite(data, change)


def _added(data, kind, *, colour=(0, 0, 0), mode=0, size_pt=10.5):
    """The value beside an empty cell drawn again into that cell, in the cell's own font."""
    n, value, empty = cell_value(data, kind)
    text = value[5]

    def change(pdf, get):
        page, ops = get(n)
        b = block_at(page, ops, value)
        raw = b"".join(code_of(page, b.font, c) for c in text)
        x, y = (empty[1] + P.PAD_X) / SCALE, -value[2] / SCALE  # Tm flips y: Td goes up
        new = [([], "q"), ([pikepdf.Name("/CSp")], "cs"), (list(colour), "scn"), ([], "BT"),
               ([pikepdf.Name(b.font), Decimal(str(round(size_pt / SCALE, 3)))], "Tf"), ([mode], "Tr"),
               ([1, 0, 0, -1, 0, 0], "Tm"), ([Decimal(str(round(x, 3))), Decimal(str(round(y, 3)))], "Td"),
               ([pikepdf.String(raw)], "Tj"), ([], "ET"), ([], "Q")]
        ops.extend(pikepdf.ContentStreamInstruction(a, pikepdf.Operator(o)) for a, o in new)
    return rewrite(data, change)


def white(data, kind):
    return _added(data, kind, colour=(1, 1, 1))


def invisible(data, kind):
    return _added(data, kind, mode=3)


def tiny(data, kind):
    return _added(data, kind, size_pt=1.5)


def header(data, kind):
    """The 文件编号 in the page header of the first page: FB-2026-0004 → FB-2026-0001 …"""
    ident = pdffile.embedded(data)["identity"]
    number = ident.get("doc_number") or ident["number"]

    def change(pdf, get):
        page, ops = get(0)
        b = [b for b in blocks(page, ops) if number in b.text][-1]  # the page header is drawn last
        k = b.text.index(number) + len(number) - 1
        set_char(ops, page, b, k, next(c for c in "1029384756" if c != b.glyphs[k][1]))
    return rewrite(data, change)


def footer(data, kind):
    """第 1 页 共 N 页 → 第 1 页 共 1 页: a copy with pages missing hides it."""
    def change(pdf, get):
        page, ops = get(0)
        b = next(b for b in blocks(page, ops) if b.text.startswith("第") and "共" in b.text)
        k = max(i for i, (_, c) in enumerate(b.glyphs) if c.isdigit())  # the last digit of the total
        set_char(ops, page, b, k, "1")
    return rewrite(data, change)


def qr_image(data, kind):
    """The QR code's path removed and a picture of another code drawn in its place."""
    import segno

    other = segno.make("relgui-doc:1;number=FB-2099-0001;kind=plan;version=V9", error="m").matrix
    n_mod = len(other) + 8
    rows = b"".join(bytes(0 if 4 <= r < n_mod - 4 and 4 <= c < n_mod - 4 and other[r - 4][c - 4] else 255
                          for c in range(n_mod)) for r in range(n_mod))

    def change(pdf, get):
        page, ops = get(0)
        runs, i = [], 0
        while i < len(ops):
            if str(ops[i].operator) in ("m", "re"):
                j = i
                while j < len(ops) and str(ops[j].operator) in ("m", "l", "c", "h", "re"):
                    j += 1
                if j - i > 500:
                    runs.append((i, j + 1))  # the path and its fill
                i = j
            else:
                i += 1
        assert len(runs) == 1, runs
        del ops[runs[0][0]:runs[0][1]]
        image = pikepdf.Stream(pdf, zlib.compress(rows), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                               Width=n_mod, Height=n_mod, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                               Filter=pikepdf.Name.FlateDecode)
        page.Resources.XObject[pikepdf.Name("/ImForged")] = image
        x, y, size = pdf_reader._qr_box(float(page.mediabox[2]), float(page.mediabox[3]))
        new = [([], "q"), ([Decimal(str(round(size / SCALE, 3))), 0, 0, Decimal(str(round(size / SCALE, 3))),
                            Decimal(str(round(x / SCALE, 3))), Decimal(str(round((y + size) / SCALE, 3)))], "cm"),
               ([1, 0, 0, -1, 0, 0], "cm"), ([pikepdf.Name("/ImForged")], "Do"), ([], "Q")]
        ops.extend(pikepdf.ContentStreamInstruction(a, pikepdf.Operator(o)) for a, o in new)
    return rewrite(data, change)


def page_removed(data, kind):
    pdf = pikepdf.open(__import__("io").BytesIO(data))
    del pdf.pages[2]
    out = __import__("io").BytesIO()
    pdf.save(out)
    return out.getvalue()


CHANGED = {"edited": edited, "moved": moved, "white": white, "invisible": invisible, "tiny": tiny,
           "header": header, "footer": footer, "qr_image": qr_image, "page_removed": page_removed}


# ------------------------------------------------------------------ through the service and the CLI


def cli(world, path: Path) -> tuple[int, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", world.db.url.render_as_string(False),
                           "doc", "verify", str(path)], capture_output=True, text=True, timeout=120, env=env)
    return done.returncode, done.stdout


def held(world, tmp_path, kind: str, case: str, data: bytes, verdict: str):
    result = documents.verify(world.ctx(), data)
    assert result.verdict == verdict, (case, kind, result.describe())
    path = tmp_path / f"{case}-{kind}.pdf"
    path.write_bytes(data)
    code, out = cli(world, path)
    assert code == VERDICTS[verdict] == result.exit_code, (case, kind, out)
    assert out.splitlines()[0] == result.describe()[0]
    RESULTS.append((case, kind, verdict, code, out.splitlines()[0]))
    return result, out


def poppler_sees(data: bytes, tmp_path: Path, name: str) -> str:
    """What pdftotext (another reader) extracts: the tampering is real, not only in our reader."""
    if not shutil.which("pdftotext"):
        return ""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout


@pytest.mark.parametrize("kind", ["plan", "report"])
@pytest.mark.parametrize("case", list(CHANGED))
def test_a_tampered_pdf_is_changed_and_says_where(archive, tmp_path, case, kind):
    data = CHANGED[case](archive.files[kind], kind)
    assert data != archive.files[kind]
    assert pdffile.embedded(data)["identity"] == pdffile.embedded(archive.files[kind])["identity"]  # data kept
    result, out = held(archive, tmp_path, kind, case, data, "changed")
    changes = result.changes
    assert changes and all(c.page >= 1 for c in changes), changes
    first = out.splitlines()[0]
    assert "不一致" in first and "逐字节一致" not in first
    found = " ".join(c.found or "" for c in changes)
    parts = {c.part for c in changes}
    if case in ("edited", "moved", "white", "invisible", "tiny"):
        n, value, empty = cell_value(archive.files[kind], kind)
        assert parts == {"body"} and {c.page for c in changes} == {n + 1}, changes
        assert all(c.cell for c in changes), changes  # named by table cell
        assert all(c.section and c.section != "文件信息" or kind == "plan" for c in changes)
    if case == "edited":
        assert len(changes) == 1 and changes[0].expected == value[5] and changes[0].found != value[5]
        assert "第 " in out.splitlines()[1] and f"第 {changes[0].cell[1]} 行" in out.splitlines()[1]
    if case == "moved":  # both cells named: the value left one and arrived in the other
        assert len(changes) == 2 and {c.expected for c in changes} == {value[5], ""}
        assert {c.found for c in changes} == {"", value[5]}
        if kind == "report" and any(c.label == "实际版本" for c in changes):
            assert f"（实际版本）：文档中为“{value[5]}”，归档文件为“（空）”" in out, out
    flag = {"white": "⟦colour:", "invisible": "⟦hidden:", "tiny": "⟦tiny:"}.get(case)
    if flag:
        assert len(changes) == 1 and f"{flag}{value[5]}⟧" in found and changes[0].expected == "", changes
        seen = poppler_sees(data, tmp_path, case)
        assert not seen or seen.count(value[5]) > poppler_sees(archive.files[kind], tmp_path, "a").count(value[5])
    if case == "header":
        assert parts == {"header"} and [c.page for c in changes] == [1], changes
        assert "页眉" in out.splitlines()[1]
    if case == "footer":
        assert parts == {"footer"} and [c.page for c in changes] == [1], changes
        assert "页脚" in out.splitlines()[1]
    if case == "qr_image":
        assert parts == {"footer"} and "⟪image:" in found and any(c.label == "qr" for c in changes), changes
        assert "二维码" in out
    if case == "page_removed":
        assert len(changes) == 1 and changes[0].page == 3 and changes[0].found is None, changes


def test_drawn_text_is_what_counts_not_the_embedded_data(archive, tmp_path):
    """A forger who keeps relgui's embedded identity, model and display list and changes only
    the drawn text is found; one who strips the embedded data is identified from the page
    header and found all the same."""
    data = edited(archive.files["report"], "report")
    assert pdffile.embedded(data)["pages"] == pdffile.embedded(archive.files["report"])["pages"]
    assert documents.verify(archive.ctx(), data).verdict == "changed"
    pdf = pikepdf.open(__import__("io").BytesIO(data))
    del pdf.Root[pdffile.DATA_KEY.decode()]
    out = __import__("io").BytesIO()
    pdf.save(out)
    stripped = out.getvalue()
    assert pdffile.embedded(stripped) is None
    result = documents.verify(archive.ctx(), stripped)
    assert result.verdict == "changed", result.describe()
    assert result.archived.number == archive.numbers["report"] and result.archived.format == "pdf"


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_the_archived_pdf_is_identical(archive, tmp_path, kind):
    held(archive, tmp_path, kind, "archived", archive.files[kind], "identical")


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_a_draft_pdf_is_a_draft(archive, tmp_path, kind):
    result, out = held(archive, tmp_path, kind, "draft", archive.drafts[kind], "draft")
    assert not result.ok and "草稿" in out


def resaved_by_qpdf(data: bytes) -> bytes:
    """qpdf's writer (through pikepdf): objects renumbered, object and cross-reference streams,
    streams compressed again."""
    pdf = pikepdf.open(__import__("io").BytesIO(data))
    out = __import__("io").BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
             recompress_flate=True)
    return out.getvalue()


def rewritten_streams(data: bytes) -> bytes:
    """Every page's content stream parsed and written again (numbers reformatted, one
    operator a line) — what an editor that touches nothing does."""
    def change(pdf, get):
        for n in range(len(pdf.pages)):
            get(n)
    return rewrite(data, change)


@pytest.mark.parametrize("kind", ["plan", "report"])
@pytest.mark.parametrize("how", ["qpdf", "streams"])
def test_a_resaved_pdf_is_the_same_content_in_another_package(archive, tmp_path, kind, how):
    data = (resaved_by_qpdf if how == "qpdf" else rewritten_streams)(archive.files[kind])
    assert data != archive.files[kind]
    result, out = held(archive, tmp_path, kind, f"resaved-{how}", data, "resaved")
    assert result.ok and "文件包不同" in out
    tampered = edited(data, kind, archive.files[kind])  # and tampered after
    assert documents.verify(archive.ctx(), tampered).verdict == "changed"


def test_a_superseded_pdf_names_the_later_version(sqlite_world, tmp_path, qapp):
    from flows import PASSWORD, rv, write_plan

    from relgui.services import plans

    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    plan_v1 = documents.archived(w.ctx(), number, "plan", "pdf").content
    write_plan(w, number, content={"purpose": {"text": "修复已知缺陷，并调整参数。"}})
    plans.submit(w.ctx("zhangwei"), number, expected_version=rv(w, number))
    plans.approve(w.ctx("wangfang"), number, 2, PASSWORD, acknowledge_warnings=True, expected_version=rv(w, number))
    assert documents.archived(w.ctx(), number, "plan", "pdf").content != plan_v1
    result, out = held(w, tmp_path, "plan", "superseded", plan_v1, "superseded")
    assert result.newer.version == "V2" and "已被 V2" in out


def test_a_superseded_report_pdf_names_the_later_version(archive, tmp_path):
    """A report V2 archived (as the closure's later version would be: the same model, 版本 V2,
    both faces) makes the archived V1 PDF superseded."""
    from sqlalchemy import text

    from relgui.documents.model import KeyValue
    from relgui.render import qtpages

    number = archive.numbers["report"]
    v1 = archive.files["report"]
    model = documents.model(archive.ctx("lina"), number, "report")
    head = model.parts[0]
    blocks_ = tuple(KeyValue(tuple((k, "V2" if k == "版本" else v) for k, v in b.pairs), b.per_row)
                    if isinstance(b, KeyValue) else b for b in head.blocks)
    model = dataclasses.replace(model, parts=(dataclasses.replace(head, blocks=blocks_), *model.parts[1:]))
    v2, _pages = qtpages.render_pdf(model)
    with archive.db.engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (release_id, kind, filename, sha256, content, revision_no, "
                          "created_by_id, created_at) SELECT release_id, kind, filename, :s, :c, revision_no, "
                          "created_by_id, created_at FROM documents WHERE kind = 'report.pdf'"),
                     {"s": hashlib.sha256(v2).hexdigest(), "c": v2})
    try:
        result, out = held(archive, tmp_path, "report", "superseded", v1, "superseded")
        assert result.newer.version == "V2" and "已被 V2" in out
    finally:
        with archive.db.engine.begin() as conn:
            conn.execute(text("DELETE FROM documents WHERE sha256 = :s"), {"s": hashlib.sha256(v2).hexdigest()})


def test_an_unreadable_or_foreign_pdf_is_said_in_words(archive, tmp_path):
    with pytest.raises(Exception) as exc:
        documents.verify(archive.ctx(), b"%PDF-1.4\n garbage")
    assert "Traceback" not in str(exc.value)
    foreign = pikepdf.new()
    foreign.add_blank_page()
    out = __import__("io").BytesIO()
    foreign.save(out)
    result = documents.verify(archive.ctx(), out.getvalue())
    assert result.verdict == "unknown" and result.exit_code == 9


def test_zz_print_the_table():
    for case, kind, verdict, code, line in sorted(RESULTS):
        print(f"{case:14} {kind:6} {verdict:10} exit {code:2}  {line[:90]}")


def test_the_verify_dialog_takes_a_pdf_and_lays_the_archived_page_beside_the_verdict(archive, qtbot, tmp_path,
                                                                                     monkeypatch):
    """文档 → 核验 with a tampered PDF: the verdict names the page, and the archived page itself
    is shown beside it (rendered in a worker); ◀ ▶ turn the archived pages."""
    from gui_support import gui_context

    from relgui.gui import files, ops
    from relgui.gui.dialogs.verify_document import VerifyDocumentDialog
    from relgui.gui.main_window import MainWindow

    win = MainWindow(gui_context(archive, "auditor", tmp_path))
    qtbot.addWidget(win)
    dialog = VerifyDocumentDialog(win.gctx, win)
    qtbot.addWidget(dialog)
    data = edited(archive.files["report"], "report")
    path = tmp_path / "edited.pdf"
    path.write_bytes(data)
    monkeypatch.setattr(files, "get_open_file_name", staticmethod(lambda *a, **k: (str(path), "")))
    dialog.file_button.click()
    assert ops.wait_all()
    n, value, _ = cell_value(archive.files["report"], "report")
    assert dialog.verdict.text().startswith(f"与归档的 {archive.numbers['report']} 发布变更报告 V1 不一致：1 处改动")
    assert f"第 {n + 1} 页" in dialog.details.toPlainText() and value[5] in dialog.details.toPlainText()
    pixmap = dialog.page_view.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.width() == 595 and pixmap.height() == 842
    total = len(layout(archive.files["report"]))
    assert dialog.page_caption.text().endswith(f"第 {n + 1} 页 共 {total} 页")
    image = pixmap.toImage()
    dark = sum(1 for x in range(0, 595, 5) for y in range(0, 842, 5) if image.pixelColor(x, y).lightness() < 128)
    assert dark > 200  # a page with text on it, not a blank
    dialog.grab().save(str(tmp_path / "verify_dialog.png"))
    if os.environ.get("RELGUI_SHOTS"):
        dialog.grab().save(os.environ["RELGUI_SHOTS"])
    dialog.next_button.click() if dialog.next_button.isEnabled() else dialog.prev_button.click()
    assert ops.wait_all()
    assert f"第 {n + 1} 页" not in dialog.page_caption.text()
