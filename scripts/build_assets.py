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


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


# A translation: one text, or the English plural forms (one, other) of a %n message.
Translation = str | tuple[str, ...]


def english() -> dict[tuple[str | None, str], Translation]:
    """The English translations, kept per area in i18n/en/*.tsv.

    A line is ``source<TAB>English``; a message counted with %n (``self.tr("…%n…", None, n)``)
    gives both English forms, ``source<TAB>one<TAB>other``. Lines after a ``[Context]`` header
    translate that class's strings only, so one Chinese word can be rendered two ways (版本 is a
    plan's "Revision" but a software "Version"); ``[*]`` returns to every context.
    Keys are (context or None, source).
    """
    out: dict[tuple[str | None, str], Translation] = {}
    for tsv in sorted((ROOT / "i18n" / "en").glob("*.tsv")):
        context: str | None = None
        for n, line in enumerate(tsv.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("[") and line.rstrip().endswith("]") and "\t" not in line:
                name = line.strip()[1:-1].strip()
                context = None if name == "*" else name
                continue
            source, *targets = line.split("\t")
            if not targets or len(targets) > 2 or not all(targets):
                raise SystemExit(f"{tsv.name}:{n}: expected source<TAB>English or source<TAB>one<TAB>other")
            key = (context, _unescape(source))
            if key in out:
                raise SystemExit(f"{tsv.name}:{n}: translated twice{f' in [{context}]' if context else ''}: {source}")
            out[key] = _unescape(targets[0]) if len(targets) == 1 else tuple(_unescape(t) for t in targets)
    return out


def fill(ts: Path, translations: dict[tuple[str | None, str], Translation]) -> list[str]:
    """Write the translations into a .ts; returns the messages still without one (or with the
    wrong number of forms), as "Context: source"."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for message in ctx.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            found = translations.get((name, source), translations.get((None, source)))
            if isinstance(found, tuple):
                # Counted. pyside6-lupdate marks self.tr(…, None, n) so, but not
                # QCoreApplication.translate(ctx, …, None, n); the forms given say it.
                message.attrib["numerus"] = "yes"
            if found is None or (message.get("numerus") == "yes") != isinstance(found, tuple):
                translation.attrib["type"] = "unfinished"
                why = "" if found is None else " (counted with %n: give the forms one<TAB>other)"
                missing.append(f"{name}: {source}{why}")
                continue
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            if isinstance(found, tuple):
                translation.text = None
                for form in found:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = found
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
