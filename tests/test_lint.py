"""ruff finds nothing in the code, with the project's configuration (pyproject.toml [tool.ruff]):
pyflakes, pycodestyle (140 columns), bugbear, import order and pyupgrade over relgui/, tests/,
benchmarks/, scripts/ and packaging/ (issue 17 item 10). ruff comes with the test extra.

A finding fails here with ruff's own report; `ruff check --fix` applies the safe fixes. A finding
that must stay gets `# noqa: CODE` with its reason on the same line, never a blanket ignore.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
PATHS = ("relgui", "tests", "benchmarks", "scripts", "packaging")


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    # --no-cache: nothing written into the checkout (parallel workers, read-only clones)
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(CONFIG),
                           "--output-format", "concise", *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300)


def test_ruff_finds_nothing():
    result = _ruff(*PATHS)
    assert result.returncode == 0, f"ruff check {' '.join(PATHS)}:\n{result.stdout}{result.stderr}"


def test_the_run_covers_import_order():
    """`ruff check --select I` is part of the same run: the configuration selects it."""
    lint = tomllib.loads(CONFIG.read_text("utf-8"))["tool"]["ruff"]["lint"]
    assert {"E", "F", "W", "B", "I", "UP"} <= set(lint["select"])
    assert "I" not in lint.get("ignore", []) and not any(code.startswith("I") for code in lint.get("ignore", []))


def test_a_finding_fails_the_run(tmp_path):
    """The check can fail: unsorted imports and an over-long line, in a file of its own."""
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nimport os\n\nprint(os, sys, " + repr("x" * 140) + ")\n", "utf-8")
    result = _ruff(str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "I001" in result.stdout and "E501" in result.stdout, result.stdout
