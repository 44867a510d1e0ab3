"""Documents as evidence: what is printed is what is archived is what verifies (R-DOC-SIGN,
R-4.4.2-ARCHIVE). A tamper suite on a 发布计划 and a 发布变更报告: each way of making a
reader see something else than the archive holds — hidden text, white text, a tiny font,
strike-through, a value moved into an empty cell, the 文件编号 in the page header, the footer,
the contents, a swapped image — gives "changed" (exit 4) naming where; a draft gives "draft"
(6), an older version "superseded" (7), a re-save by LibreOffice "resaved" (5), the archived
file itself "identical" (0). Each through the service and through relgui-admin in a
subprocess.

The archived documents here carry a picture (a logo put into the company line by the
renderer, monkeypatched) so that an image can be swapped: relgui's own plan and report have
none.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from docx.shared import Mm, Pt, RGBColor
from flows import release_at
from lxml import etree
from sqlalchemy import text
from test_documents_support import open_docx, rolled_back_and_closed, soffice

from relgui.documents import docx_reader, docx_writer, package
from relgui.documents.verify import VERDICTS
from relgui.domain.states import Status
from relgui.services import closing, documents

pytestmark = pytest.mark.slow
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RESULTS: list[tuple[str, str, str, int, str]] = []  # printed at the end (-s): the suite's table


def png(rgb: tuple[int, int, int], size: int = 16) -> bytes:
    """A solid square PNG, made by hand (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


LOGO, OTHER = png((200, 30, 30)), png((30, 30, 200))


def _with_logo(original):
    """The renderer, with the company's logo in the company line of the first page."""
    def render(model, template=None):
        doc = open_docx(original(model, template))
        doc.paragraphs[0].add_run().add_picture(io.BytesIO(LOGO), width=Mm(12))
        out = io.BytesIO()
        doc.save(out)
        return package.normalise(out.getvalue())
    return render


@pytest.fixture(scope="module")
def archive(sqlite_template, tmp_path_factory):
    """One database: an approved plan (archived V1), a rolled-back and closed release (report
    archived), a plan still in planning and a release being deployed (drafts)."""
    from conftest import START, World

    from relgui.domain.timeutil import FixedClock
    from relgui.store.engine import Database

    template, ids = sqlite_template
    path = tmp_path_factory.mktemp("tamper") / "relgui.db"
    shutil.copy(template, path)
    world = World(Database(f"sqlite:///{path}"), FixedClock(START), ids, "sqlite")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(docx_writer, "render", _with_logo(docx_writer.render))
        world.numbers = {"plan": release_at(world, Status.PLAN_APPROVED), "report": rolled_back_and_closed(world),
                         "plan_draft": release_at(world, Status.PLANNING),
                         "report_draft": release_at(world, Status.DEPLOYING)}
        world.drafts = {k: documents.generate(world.ctx("zhangwei"), world.numbers[f"{k}_draft"], k).content
                        for k in ("plan", "report")}
    world.files = {k: documents.archived(world.ctx(), world.numbers[k], k).content for k in ("plan", "report")}
    yield world
    world.db.dispose()


# ------------------------------------------------------------------ ways to tamper


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _isolate(doc, needle: str, piece: str):
    """The run holding ``needle`` split so that ``piece`` is a run of its own; returns it."""
    from docx.text.run import Run

    for p in _all_paragraphs(doc):
        for run in p.runs:
            if needle in run.text:
                before, _, after = run.text.partition(piece)
                r = run._r
                parts = []
                for t in (before, piece, after):
                    el = copy.deepcopy(r)
                    for child in list(el):
                        if child.tag != W + "rPr":
                            el.remove(child)
                    Run(el, p).text = t
                    parts.append(el)
                for el in parts:
                    r.addprevious(el)
                r.getparent().remove(r)
                return Run(parts[1], p)
    raise AssertionError(f"{needle!r} not found")


def _all_paragraphs(doc):
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [*doc.paragraphs, *cells]


TARGET = {"plan": ("观察 24 小时，更新 CMDB。", "24"), "report": ("已在时限内决策并完成回退。", "完成")}


def formatted(data: bytes, kind: str, how) -> bytes:
    doc = open_docx(data)
    how(_isolate(doc, *TARGET[kind]).font)
    return _save(doc)


def hidden(data, kind):
    return formatted(data, kind, lambda f: setattr(f, "hidden", True))


def white(data, kind):
    return formatted(data, kind, lambda f: setattr(f.color, "rgb", RGBColor(0xFF, 0xFF, 0xFF)))


def tiny(data, kind):
    return formatted(data, kind, lambda f: setattr(f, "size", Pt(1)))


def strike(data, kind):
    return formatted(data, kind, lambda f: setattr(f, "strike", True))


def moved(data, kind):
    """A value moved into the empty cell beside it: the rolled-back report's 更新时间 then says
    the 实际版本 cell's 未更新（生产环境现运行 …） (the report names what was not updated, so
    实际版本 is never empty), the plan's 检查点 the step's minutes."""
    doc = open_docx(data)
    want = "更新时间" if kind == "report" else "检查点"
    for t in doc.tables:
        head = [c.text for c in t.rows[0].cells]
        if want not in head:
            continue
        col = head.index(want)
        for row in t.rows[1:]:
            cells = row.cells
            if cells[col].text == "" and cells[col - 1].text:
                value = cells[col - 1].text
                for p in cells[col - 1].paragraphs:
                    for r in p.runs:
                        r.text = ""
                cells[col].paragraphs[0].add_run(value)
                return _save(doc)
    raise AssertionError("no empty cell beside a value")


def header(data, kind):
    doc = open_docx(data)
    run = next(r for r in doc.sections[0].header.paragraphs[0].runs if "文件编号" in r.text)
    run.text = run.text.replace("FB-", "FB-X")
    return _save(doc)


def footer(data, kind):
    """第 1 页 共 1 页 typed in place of the page fields: a copy with pages missing hides it."""
    doc = open_docx(data)
    p = doc.sections[0].footer.paragraphs[0]
    for r in list(p._p.iterchildren(W + "r")):
        p._p.remove(r)
    p.add_run("第 1 页 共 1 页")
    return _save(doc)


def contents(data, kind):
    doc = open_docx(data)
    sdt = next(e for e in doc.element.body.iter(W + "sdt"))
    t = [x for x in sdt.iter(W + "t") if x.text and x.text[0].isdigit()][1]
    t.text = t.text + "（略）"
    return _save(doc)


def image(data, kind):
    parts = [(n, OTHER if n.startswith("word/media/") else b) for n, b in package.read(data)]
    assert any(n.startswith("word/media/") for n, _ in parts)
    return package.write(parts)


CHANGED = {"hidden": (hidden, "⟦hidden:"), "white": (white, "⟦colour:"), "tiny": (tiny, "⟦tiny:"),
           "strike": (strike, "⟦strike:"), "moved": (moved, None), "header": (header, "FB-X"),
           "footer": (footer, "第 1 页 共 1 页"), "contents": (contents, "（略）"), "image": (image, "⟪image:")}


# ------------------------------------------------------------------ through the service and the CLI


def cli(world, path: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", world.db.url.render_as_string(False),
                           *args, "doc", "verify", str(path)], capture_output=True, text=True, timeout=120, env=env)
    assert done.stderr.strip() == "" or "未加密" not in done.stderr, done.stderr
    return done.returncode, done.stdout


def held(world, tmp_path, kind: str, case: str, data: bytes, verdict: str):
    """The verdict through the service and through relgui-admin (exit code and first line)."""
    result = documents.verify(world.ctx(), data)
    assert result.verdict == verdict, (case, kind, result.describe())
    path = tmp_path / f"{case}-{kind}.docx"
    path.write_bytes(data)
    code, out = cli(world, path)
    assert code == VERDICTS[verdict] == result.exit_code, (case, kind, out)
    assert out.splitlines()[0] == result.describe()[0]
    RESULTS.append((case, kind, verdict, code, out.splitlines()[0]))
    return result, out


@pytest.mark.parametrize("kind", ["plan", "report"])
@pytest.mark.parametrize("case", list(CHANGED))
def test_a_tampered_file_is_changed_and_says_where(archive, tmp_path, case, kind):
    tamper, seen = CHANGED[case]
    result, out = held(archive, tmp_path, kind, case, tamper(archive.files[kind], kind), "changed")
    found = " ".join(c.found or "" for c in result.changes)
    if seen:
        assert seen in found, (case, result.changes)
    parts = {c.part for c in result.changes}
    assert parts == {"header" if case == "header" else "footer" if case == "footer"
                     else "contents" if case == "contents" else "body"}, result.changes
    assert "逐字节一致" not in out and "不一致" in out.splitlines()[0]
    if case == "moved":  # both cells named: the value left one and arrived in the other
        cells = [c for c in result.changes if c.cell]
        assert len(cells) == 2 and {c.expected == "" for c in cells} == {True, False}
        assert ("更新时间" if kind == "report" else "检查点") in {c.label for c in cells}
        if kind == "report":
            assert any(c.label == "更新时间" and c.found.startswith("未更新（生产环境现运行 ") for c in cells)
            assert any(c.label == "实际版本" and c.expected.startswith("未更新（") and not c.found for c in cells)
            assert "（更新时间）：文档中为“未更新（生产环境现运行 " in out and "归档文件为“（空）”" in out
    if case in ("hidden", "white", "tiny", "strike"):
        assert len(result.changes) == 1 and result.changes[0].expected == TARGET[kind][0]


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_the_archived_file_is_identical(archive, tmp_path, kind):
    held(archive, tmp_path, kind, "archived", archive.files[kind], "identical")


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_a_draft_is_a_draft(archive, tmp_path, kind):
    result, out = held(archive, tmp_path, kind, "draft", archive.drafts[kind], "draft")
    assert not result.ok and "草稿" in out


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_a_resave_by_libreoffice_is_the_same_content_in_another_package(archive, tmp_path, kind):
    """Proven by re-saving: soffice --convert-to docx drops relgui's embedded model, rewrites
    styles, runs and fields; what a reader sees stays the same."""
    binary = soffice()
    source = tmp_path / "in" / f"{kind}.docx"
    source.parent.mkdir()
    source.write_bytes(archive.files[kind])
    out_dir = tmp_path / "out"
    subprocess.run([binary, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "docx", "--outdir", str(out_dir), str(source)], check=True, capture_output=True, timeout=180)
    resaved = (out_dir / source.name).read_bytes()
    assert resaved != archive.files[kind] and package.embedded_model(resaved) is None
    result, out = held(archive, tmp_path, kind, "resaved", resaved, "resaved")
    assert result.ok and "文件包不同" in out
    tampered = moved(resaved, kind)  # and a re-saved file tampered with is still found
    assert documents.verify(archive.ctx(), tampered).verdict == "changed"


def _report_v2(world, number: str) -> None:
    """A later legitimate change gives the report a V2 (archived as the closure's report is).
    Until report versions are archived by relgui itself, V2 is written as that archive will
    write it: the same rows, 版本 V2."""
    closing.add_knowledge(world.ctx("zhangwei"), "回退包须提前校验", "证书过期导致回退。", release=number)
    documents.archive_report(world.ctx("lina"), number)
    with world.db.read() as s:
        from relgui.store.models import Document

        count = len(s.query(Document).filter(Document.kind == "report").all())
    if count >= 2:
        return
    import dataclasses
    import hashlib

    from relgui.documents.model import KeyValue

    model = documents.model(world.ctx("lina"), number, "report")
    head = model.parts[0]
    blocks = tuple(KeyValue(tuple((k, "V2" if k == "版本" else v) for k, v in b.pairs), b.per_row)
                   if isinstance(b, KeyValue) else b for b in head.blocks)
    model = dataclasses.replace(model, parts=(dataclasses.replace(head, blocks=blocks), *model.parts[1:]))
    v2 = documents.render(world.ctx("lina"), model).content
    with world.db.engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (release_id, kind, filename, sha256, content, revision_no, "
                          "created_by_id, created_at) SELECT release_id, kind, filename, :s, :c, revision_no, "
                          "created_by_id, created_at FROM documents WHERE kind = 'report'"),
                     {"s": hashlib.sha256(v2).hexdigest(), "c": v2})


def test_a_superseded_version_names_the_later_one(sqlite_world, tmp_path):
    from flows import PASSWORD, rv, write_plan

    from relgui.services import plans

    w = sqlite_world
    number = rolled_back_and_closed(w)
    plan_v1 = documents.archived(w.ctx(), number, "plan").content
    report_v1 = documents.archived(w.ctx(), number, "report").content
    _report_v2(w, number)
    result, out = held(w, tmp_path, "report", "superseded", report_v1, "superseded")
    assert result.newer.version == "V2" and "已被 V2" in out
    number = release_at(w, Status.PLAN_APPROVED)
    plan_v1 = documents.archived(w.ctx(), number, "plan").content
    write_plan(w, number, content={"purpose": {"text": "修复已知缺陷，并调整参数。"}})
    plans.submit(w.ctx("zhangwei"), number, expected_version=rv(w, number))
    plans.approve(w.ctx("wangfang"), number, 2, PASSWORD, acknowledge_warnings=True, expected_version=rv(w, number))
    result, out = held(w, tmp_path, "plan", "superseded", plan_v1, "superseded")
    assert result.newer.version == "V2" and "已被 V2" in out


def test_zz_print_the_table():
    """The suite's results, one line per case (pytest -s shows them)."""
    for case, kind, verdict, code, line in sorted(RESULTS):
        print(f"{case:10} {kind:6} {verdict:10} exit {code:2}  {line[:90]}")
    assert docx_reader and etree  # imported for the helpers' types

