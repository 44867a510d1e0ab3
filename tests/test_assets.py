"""Generated files match their sources: compiled forms, translation catalogues, .qm files."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_assets  # noqa: E402


def _messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), m.findtext("source")) for ctx in root.iter("context") for m in ctx.iter("message")}


def test_compiled_forms_match_their_ui_files(tmp_path):
    fresh = build_assets.compile_forms(tmp_path)
    assert fresh, "no .ui files found"
    for path in fresh:
        committed = ROOT / "relgui" / "gui" / "forms" / path.name
        assert committed.exists(), f"{path.name} not committed"
        assert committed.read_text("utf-8") == path.read_text("utf-8"), f"{path.name} is stale: run scripts/build_assets.py"


def test_every_source_string_is_in_both_catalogues(tmp_path):
    """A string added to the code without pyside6-lupdate fails here."""
    for lang in build_assets.LANGS:
        committed = ROOT / "i18n" / f"relgui_{lang}.ts"
        fresh = tmp_path / committed.name
        shutil.copy(committed, fresh)
        build_assets.lupdate(fresh)
        assert _messages(fresh) == _messages(committed), f"{committed.name} is stale: run scripts/build_assets.py --lupdate"


def test_every_string_has_an_english_translation():
    root = ET.parse(ROOT / "i18n" / "relgui_en.ts").getroot()
    def translated(m: ET.Element) -> bool:
        translation = m.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] if m.get("numerus") == "yes" else [translation.text]
        return translation.get("type") != "unfinished" and all(forms)

    unfinished = [m.findtext("source") for m in root.iter("message") if not translated(m)]
    assert unfinished == []


def test_qm_files_match_their_catalogues(tmp_path):
    for lang in build_assets.LANGS:
        ts = ROOT / "i18n" / f"relgui_{lang}.ts"
        qm = tmp_path / f"relgui_{lang}.qm"
        build_assets.lrelease(ts, qm)
        assert (ROOT / "i18n" / qm.name).read_bytes() == qm.read_bytes(), f"{qm.name} is stale"


def test_english_catalogue_matches_its_tsv_sources(tmp_path):
    """relgui_en.ts is filled from i18n/en/*.tsv; a .tsv edit not built (or a .ts edited by hand) fails here."""
    committed = ROOT / "i18n" / "relgui_en.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    assert build_assets.fill(fresh, build_assets.english()) == []
    assert fresh.read_text("utf-8") == committed.read_text("utf-8"), "relgui_en.ts is stale: run scripts/build_assets.py"
