"""The stall benchmark still runs against the GUI as it is (it broke silently once, when the
read model became typed: benchmarks are not run by CI). A small run: 200 Excel rows, no outage
server. Its figures are not judged here (a test does not time; benchmarks/ measures) — only
that every action ran through the real windows and was reported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = ("idle (the floor)", "PDF of the 250-step plan", "approve with archive", "Excel import of 200 rows",
           "opening the dashboard")


def test_the_stall_benchmark_runs_every_action():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_stall.py"), "--rows", "200", "--no-outage"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300)
    # 1: a target was missed on this machine (a figure, not a breakage); anything else is a failure.
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    reported = [line.split(": longest stall")[0] for line in done.stdout.splitlines() if ": longest stall" in line
                and "target ≤" in line]
    assert reported == list(ACTIONS), done.stdout[-3000:]
