"""docs/samples/ holds a sample 发布计划 and 发布变更报告 made from demo data, and PNGs of their
first pages; the .docx files are what docs/samples/make_samples.py builds (R-DOC-PLAN,
R-DOC-REPORT)."""

from __future__ import annotations

import sys
from pathlib import Path

from relgui.documents import package

SAMPLES = Path(__file__).parent.parent / "docs" / "samples"


def test_committed_samples_are_what_the_script_builds(tmp_path):
    sys.path.insert(0, str(SAMPLES))
    import make_samples

    built = make_samples.build(tmp_path)
    for kind, name in make_samples.FILES.items():
        assert package.read((SAMPLES / name).read_bytes()) == package.read(built[kind]), (
            f"{name} is stale: run .venv/bin/python docs/samples/make_samples.py")


def test_first_page_pictures_exist():
    for kind in ("plan", "report"):
        data = (SAMPLES / f"sample-{kind}-page1.png").read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
