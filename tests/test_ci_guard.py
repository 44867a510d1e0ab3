"""Under CI=true a run in which no PostgreSQL test passed fails, also when the suite runs in
several processes (pytest-xdist, as `make test` runs it): the workers' reports are counted
where the run's outcome is decided. Each case is a real pytest run in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _pytest(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "true", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_XDIST_TESTRUNUID", None)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_parallel_ci_run_without_postgresql_fails():
    run = _pytest("tests/test_conflicts.py", "-k", "sqlite")
    assert "passed" in run.stdout, run.stdout[-2000:]
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]
    assert "no PostgreSQL test passed" in run.stderr


@pytest.mark.slow
def test_a_parallel_ci_run_with_postgresql_passes():
    run = _pytest("tests/test_conflicts.py::test_edits_of_different_sections_merge")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "2 passed" in run.stdout
