"""Issue 8: the frozen app's start to first painted page against the unfrozen app, same run,
same database (a demo database of 2 000 releases), median of repeats. Needs `make dist` first."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import BENCH_PASSWORD, initialise, login_password, report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "relgui" / ("relgui.exe" if os.name == "nt" else "relgui")


def _time(cmd: list[str], home: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELGUI_HOME": str(home)}
    t = time.perf_counter()
    subprocess.run(cmd, input=BENCH_PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
    return (time.perf_counter() - t) * 1000


def main() -> list[dict]:
    if not FROZEN.exists():
        print(f"{FROZEN} not built: run `make dist` first")
        return []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        initialise(home / "relgui.db", "--releases", "2000", env={**os.environ, "RELGUI_HOME": str(home)})
        login_password(home / "relgui.db")
        args = ["--user", "lina", "--password-stdin", "--exit-when-ready", "--settings", str(home / "s.ini")]
        frozen = [str(FROZEN), *args]
        plain = [sys.executable, "-m", "relgui.gui.main", *args]
        _time(frozen, home), _time(plain, home)  # warm caches
        f = statistics.median(_time(frozen, home) for _ in range(5))
        p = statistics.median(_time(plain, home) for _ in range(5))
    return [report("frozen start → first page (vs unfrozen, same run)", f, p)]


if __name__ == "__main__":
    main()
