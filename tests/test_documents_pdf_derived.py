"""A document archived without its PDF face prints and verifies (R-4.4.2-ARCHIVE, R-DOC-SIGN).

The demo's archived plans and reports (and any legacy archive, or one made where Qt was
missing) hold the .docx alone. `relgui-admin doc plan|report NUMBER -o x.pdf` then writes the
PDF face rendered from the archived .docx's own model — the face `doc archive` would add, the
same bytes on every export, in the CLI and in the GUI's export, print and preview (the same
pages) — and `doc verify x.pdf` holds it against that face: "identical" (saying the PDF face
was rendered from the archived .docx), and a copy with one drawn glyph changed "changed",
naming the page. Once `doc archive` adds the PDF face, the earlier export is byte for byte
the archived one. Real SQLite and PostgreSQL, the demo generator, relgui-admin in a
subprocess.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

pikepdf = pytest.importorskip("pikepdf")

from relgui.documents.verify import VERDICTS  # noqa: E402
from relgui.services import documents  # noqa: E402
from relgui.store.models import Document, Release  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.gui]


def _docx_only(world, kind: str) -> str:
    """A release whose archived ``kind`` is the .docx alone (as the demo leaves it)."""
    with world.db.read() as s:
        rows = s.execute(select(Release.number, Document.kind, Document.revision_no)
                         .join(Document, Document.release_id == Release.id)
                         .where(Document.kind.in_([kind, f"{kind}.pdf"]))
                         .order_by(Release.number)).all()
    faces: dict[str, set[str]] = {}
    for number, stored, _ in rows:
        faces.setdefault(number, set()).add(stored)
    found = [n for n, k in faces.items() if k == {kind}]
    assert found, f"the demo archived no {kind} without its PDF face"
    return found[0]


def _cli(world, tmp_path: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", world.db.url.render_as_string(False),
                           *args], capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path)
    return done.returncode, done.stdout + done.stderr


def _one_glyph_changed(data: bytes) -> tuple[bytes, int]:
    """The PDF with one digit drawn in a page's body replaced by another (the content stream
    edited with pikepdf; the embedded relgui data kept): (bytes, the page, 1-based)."""
    from test_documents_pdf_tamper import blocks, code_of, unicode_maps

    pdf = pikepdf.open(io.BytesIO(data))
    for n, page in enumerate(pdf.pages):
        if n == 0:
            continue  # past the form's first page: a page of body text and tables
        ops = list(pikepdf.parse_content_stream(page))
        maps = unicode_maps(page)
        for b in blocks(page, ops):
            for i, char in b.glyphs:
                if not char.isdigit():
                    continue
                new = next((c for c in "1029384756" if c != char and c in maps[b.font].values()), None)
                if new is None:
                    continue
                ops[i] = pikepdf.ContentStreamInstruction([pikepdf.String(code_of(page, b.font, new))],
                                                          pikepdf.Operator("Tj"))
                page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
                out = io.BytesIO()
                pdf.save(out)
                return out.getvalue(), n + 1
    raise AssertionError("no digit drawn past the first page")


@pytest.fixture
def demo_world(world, with_demo, qapp):
    with_demo(world, 150, 11)  # the data test_demo uses: generated once per backend
    return world


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_a_docx_only_archive_prints_what_verifies(demo_world, tmp_path, kind):
    world = demo_world
    number = _docx_only(world, kind)
    assert documents.archived(world.ctx(), number, kind, "pdf") is None

    # The PDF face: relgui-admin twice, the service, and the GUI's export/print/preview path
    # (documents_panel._face → open_model → qtpages) give the same bytes and the same pages.
    code, out = _cli(world, tmp_path, "doc", kind, number, "-o", "a.pdf")
    assert code == 0, out
    assert "由归档文件生成" in out, out
    assert f"doc archive {number} {kind}" in out, out  # how to archive the face too
    code, out = _cli(world, tmp_path, "doc", kind, number, "-o", "b.pdf")
    exported = (tmp_path / "a.pdf").read_bytes()
    assert code == 0 and (tmp_path / "b.pdf").read_bytes() == exported, out
    face = documents.pdf(world.ctx(), number, kind)
    assert face.origin == "archived_model" and face.content == exported
    from relgui.render import qtpages

    model = documents.open_model(world.ctx(), number, kind)
    assert qtpages.render_pdf(model)[0] == exported  # what the documents panel exports
    assert qtpages.layout(model).to_json() == qtpages.pages_of_pdf(exported).to_json()  # what it prints

    # doc verify: the PDF face of the archived document, byte for byte
    result = documents.verify(world.ctx(), exported)
    assert result.verdict == "identical", result.describe()
    assert result.archived is not None and result.archived.derived
    text = "\n".join(result.describe())
    assert "由归档的" in text and ".docx" in text, text
    assert "逐字节一致" in result.describe()[0] and number in result.describe()[0]
    assert "由归档的" not in result.describe()[0]  # the source is said in a note below
    code, out = _cli(world, tmp_path, "doc", "verify", "a.pdf")
    assert code == VERDICTS["identical"], out
    assert out.splitlines()[0] == result.describe()[0]
    code, out = _cli(world, tmp_path, "doc", "verify", "a.pdf", "--json")
    said = json.loads(out)
    docx = documents.archived(world.ctx(), number, kind)
    assert code == 0 and said["verdict"] == "identical", out
    assert said["archived"]["rendered_from"] == {"id": docx.id, "sha256": docx.sha256}
    assert said["archived"]["sha256"] == hashlib.sha256(exported).hexdigest()
    english = documents.verify(world.ctx(), exported).describe("en")
    assert any("rendered from the archived" in line for line in english), english

    # a copy with one drawn digit changed (the embedded data kept) is caught, page named
    tampered, page = _one_glyph_changed(exported)
    result = documents.verify(world.ctx(), tampered)
    assert result.verdict == "changed", result.describe()
    assert result.changes and all(c.page == page for c in result.changes), result.describe()
    assert result.describe()[1].startswith(f"第 {page} 页"), result.describe()
    (tmp_path / "t.pdf").write_bytes(tampered)
    code, out = _cli(world, tmp_path, "doc", "verify", "t.pdf")
    assert code == VERDICTS["changed"], out

    # Archiving adds the PDF face from the same model: the earlier export is now the archived file
    done = (documents.archive_plan if kind == "plan" else documents.archive_report)(world.ctx("lina"), number)
    stored = documents.archived(world.ctx(), number, kind, "pdf")
    assert stored is not None and stored.content == exported and done.kind == kind
    result = documents.verify(world.ctx(), exported)
    assert result.verdict == "identical" and not result.archived.derived, result.describe()
    assert not any(n.code == "doc_pdf_derived" for n in result.notes)
    code, out = _cli(world, tmp_path, "doc", "verify", "a.pdf", "--json")
    assert code == 0 and json.loads(out)["archived"]["rendered_from"] is None, out
    assert documents.verify(world.ctx(), tampered).verdict == "changed"


def test_a_pdf_of_another_version_is_held_against_that_version(demo_world, tmp_path):
    """The derived face is the archived version's: a fresh rendering of the same plan (today's
    data, its QR code carrying today's audit chain head) is not passed as the archive."""
    world = demo_world
    number = _docx_only(world, "plan")
    fresh = documents.pdf(world.ctx(), number, "plan", fresh=True)
    assert fresh.origin == "generated"
    archived = documents.pdf(world.ctx(), number, "plan").content
    if fresh.content == archived:
        pytest.skip("the fresh rendering happens to be the archived one")
    result = documents.verify(world.ctx(), fresh.content)
    assert result.verdict == "changed" and result.archived.derived, result.describe()
    assert re.match(rf"^与归档的 {number} 发布计划 V1 不一致", result.describe()[0]), result.describe()


def test_where_no_pdf_face_can_be_made_verify_says_so(sqlite_world, with_demo, tmp_path):
    """A process without Qt (PySide6 not importable: a server or a trimmed install) cannot
    render the face to hold a PDF against: refused in words, exit 1, no traceback, rather than
    "changed" from a comparison with the .docx as running text."""
    world = sqlite_world  # the refusal comes before the backend matters
    with_demo(world, 150, 11)
    number = _docx_only(world, "report")
    (tmp_path / "r.pdf").write_bytes(documents.pdf(world.ctx(), number, "report").content)
    blocked = ("import sys, runpy; sys.modules['PySide6'] = None; sys.argv[0] = 'relgui-admin'; "
               "runpy.run_module('relgui.cli.main', run_name='__main__')")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-c", blocked, "--db", world.db.url.render_as_string(False),
                           "doc", "verify", "r.pdf"], capture_output=True, text=True, timeout=180, env=env,
                          cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert "归档中只有该文档的 Word 文件" in said and "Traceback" not in said, said
