"""Compile what the app loads: ui/*.ui → relgui/gui/forms/ui_*.py (pyside6-uic) and
i18n/*.ts → i18n/*.qm (pyside6-lrelease); update the .ts from the sources (pyside6-lupdate).

The outputs are committed (a pip install from git must work without Qt tools);
tests/test_assets.py proves they match their sources.

    python scripts/build_assets.py            # compile forms and .qm
    python scripts/build_assets.py --lupdate  # also refresh i18n/*.ts from the sources
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "relgui" / "gui" / "forms"
LANGS = ("zh_CN", "en")


def tool(name: str) -> str:
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def compile_form(ui: Path, out: Path) -> None:
    subprocess.run([tool("pyside6-uic"), "--from-imports", str(ui), "-o", str(out)], check=True)


def compile_forms(out_dir: Path = FORMS) -> list[Path]:
    outs = []
    for ui in sorted((ROOT / "ui").glob("*.ui")):
        out = out_dir / f"ui_{ui.stem}.py"
        compile_form(ui, out)
        outs.append(out)
    return outs


def sources() -> list[str]:
    """What lupdate reads: the GUI's Python (not the compiled forms) and the .ui files."""
    py = [p for p in (ROOT / "relgui" / "gui").rglob("*.py") if "forms" not in p.parts]
    return [str(p) for p in sorted(py)] + [str(p) for p in sorted((ROOT / "ui").glob("*.ui"))]


def lupdate(ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-source-language", "zh_CN", "-target-language", ts.stem.split("_", 1)[1], "-ts", str(ts)],
                   check=True, capture_output=True)


def english() -> dict[str, str]:
    """The English translations, kept per area in i18n/en/*.tsv (source<TAB>English)."""
    out: dict[str, str] = {}
    for tsv in sorted((ROOT / "i18n" / "en").glob("*.tsv")):
        for n, line in enumerate(tsv.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            source, sep, target = line.partition("\t")
            if not sep:
                raise SystemExit(f"{tsv.name}:{n}: expected source<TAB>English")
            unescape = lambda t: t.replace("\\n", "\n").replace("\\t", "\t")  # noqa: E731
            out[unescape(source)] = unescape(target)
    return out


def fill(ts: Path, translations: dict[str, str]) -> list[str]:
    """Write the translations into a .ts; returns the sources still without one."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in translations:
            translation.text = translations[source]
            translation.attrib.pop("type", None)
        else:
            translation.attrib["type"] = "unfinished"
            missing.append(source)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8")
    return missing


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str]) -> int:
    compile_forms()
    for lang in LANGS:
        ts = ROOT / "i18n" / f"relgui_{lang}.ts"
        if "--lupdate" in argv or not ts.exists():
            lupdate(ts)
        if lang == "en":
            missing = fill(ts, english())
            for source in missing:
                print(f"no English for: {source}", file=sys.stderr)
        lrelease(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
