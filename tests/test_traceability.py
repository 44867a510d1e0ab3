"""docs/traceability.md is generated from the source and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import traceability  # noqa: E402

# Requirements whose code or tests belong to an open issue; this set only shrinks.
PENDING: dict[str, str] = {}


def test_committed_file_is_current():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "traceability.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_requirement_has_code_and_a_test_unless_pending():
    text = traceability.render()
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines() if line.startswith("| R-")}
    assert set(rows) == set(traceability.REQUIREMENTS)
    for rid, line in rows.items():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if rid in PENDING:
            continue
        assert cells[2] != "—", f"{rid}: no code cites it"
        assert cells[3] != "—", f"{rid}: no test cites it"
