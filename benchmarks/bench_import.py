"""Import time of relgui.services, against a bare interpreter start in the same run, and proof
that it pulls in neither PySide6, python-docx, matplotlib, openpyxl nor Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import median_ms, report  # noqa: E402

IMPORT = ("import relgui.services.register, relgui.services.releases, relgui.services.plans, "
          "relgui.services.execution, relgui.services.details, relgui.services.users")
HEAVY = ["PySide6", "docx", "matplotlib", "openpyxl", "alembic"]


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> list[dict]:
    check = IMPORT + f"\nimport sys\nbad=[m for m in {HEAVY!r} if m in sys.modules]\nassert not bad, bad"
    _run(check)
    floor = median_ms(lambda: _run("import sqlalchemy.orm"), repeat=9, warmup=1)
    value = median_ms(lambda: _run(IMPORT), repeat=9, warmup=1)
    bare = median_ms(lambda: _run("pass"), repeat=9, warmup=1)
    print(f"bare interpreter start: {bare:.1f} ms")
    return [report("import relgui.services (vs import sqlalchemy.orm)", value, floor, 2.0)]


if __name__ == "__main__":
    main()
