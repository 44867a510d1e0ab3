"""Shared by the benchmarks: a cached 100 000-release database and a median timer."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIG = Path(os.environ.get("RELGUI_BENCH_DB", "/tmp/relgui-bench-100k.db"))
N_BIG = 100_000


BENCH_PASSWORD = "bench-login-horse-2026"
BENCH_ADMIN = "bench-admin"  # the first administrator of a benchmark database (password BENCH_PASSWORD)


def initialise(db: Path, *extra: str, env: dict | None = None) -> None:
    """relgui-admin init with the first administrator, then demo data as that administrator
    (relgui-admin logs in for every write). ``extra``: the demo's options; none: no demo."""
    admin = [sys.executable, "-m", "relgui.cli.main", "--db", str(db)]
    subprocess.run([*admin, "init", "--admin", BENCH_ADMIN, "--name", "基准测试管理员", "--password-stdin"],
                   input=BENCH_PASSWORD + "\n", text=True, check=True, capture_output=True, env=env)
    if extra:
        subprocess.run([*admin, "--user", BENCH_ADMIN, "--password-stdin", "demo", *extra],
                       input=BENCH_PASSWORD + "\n", text=True, check=True, capture_output=True, env=env)


def big_database() -> Path:
    """Build the 100 000-release demo database once; later runs reuse it."""
    if not BIG.exists():
        print(f"building {BIG} with {N_BIG} demo releases …", flush=True)
        initialise(BIG, "--releases", str(N_BIG), "--seed", "1")
    return BIG


def login_password(db: Path, username: str = "lina") -> str:
    """A known password for ``username`` on a benchmark database (the demo's are random and
    printed once): set through the service, as the system, each time it is asked for."""
    from relgui.domain.versions import NEW  # noqa: F401 - the service API's vocabulary
    from relgui.services import users
    from relgui.services.context import AppContext, system_actor
    from relgui.services.database import open_database

    ctx = AppContext(db=open_database(str(db)), actor=system_actor("benchmarks"))
    try:
        users.set_password(ctx, username, BENCH_PASSWORD, expected_version=users.get(ctx, username).row_version)
    finally:
        ctx.db.dispose()
    return BENCH_PASSWORD


def median_ms(fn, repeat: int = 25, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def report(name: str, value_ms: float, floor_ms: float, target_ratio: float | None = None,
           target_ms: float | None = None) -> dict:
    ratio = value_ms / floor_ms if floor_ms else float("inf")
    ok = (target_ratio is None or ratio <= target_ratio) and (target_ms is None or value_ms <= target_ms)
    goal = " ".join(x for x in (f"≤{target_ratio}×" if target_ratio else "", f"≤{target_ms} ms" if target_ms else "") if x)
    print(f"{name:58s} {value_ms:9.2f} ms  floor {floor_ms:8.2f} ms  ratio {ratio:5.2f}  "
          f"target {goal or '-'}  {'OK' if ok else 'MISSED'}")
    return {"name": name, "ms": value_ms, "floor_ms": floor_ms, "ratio": ratio, "ok": ok}
