"""KPI on 100 000 demo releases (issue 7, R-4.6-KPI), each against the same aggregate in raw
sqlite3 in the same run (the floor):

  `relgui-admin kpi --quarter 2026Q3`   ≤ 200 ms (in-process: opening the database, the
                                        query, the text output; Python's own start-up is
                                        shown separately)
  the dashboard's figures                computed, then drawn with matplotlib (Agg): ≤ 500 ms
                                        (drawing is compared with matplotlib drawing the same
                                        five axes empty, its own floor)

    python benchmarks/bench_kpi.py       (RELGUI_BENCH_DB names another database file)
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import big_database, median_ms, report  # noqa: E402

from relgui.cli.main import main as cli  # noqa: E402
from relgui.domain.kpi import Quarter  # noqa: E402
from relgui.policy import current_profile  # noqa: E402
from relgui.services import kpi  # noqa: E402
from relgui.services.context import AppContext  # noqa: E402
from relgui.services.database import open_database  # noqa: E402

QUARTER = "2026Q3"


def _t(value) -> str:
    """The text form SQLite holds the times in (naive UTC)."""
    return value.astimezone(kpi.dt.timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")


def _in(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def raw_rates(conn, period: kpi.Period) -> dict:
    spec = current_profile().kpi
    selects = [
        f"SELECT {i}, type, count(*), sum(CASE WHEN outcome IN ({_in(spec.success_outcomes)}) THEN 1 ELSE 0 END) "
        f"FROM releases WHERE status NOT IN ({_in(spec.excluded_statuses)}) AND outcome IN ({_in(spec.counted_outcomes)}) "
        f"AND closed_at >= '{_t(period.bounds(q)[0])}' AND closed_at < '{_t(period.bounds(q)[1])}' GROUP BY type"
        for i, q in enumerate(period.quarters())]
    return {(i, t): (n, ok) for i, t, n, ok in conn.execute(" UNION ALL ".join(selects))}


def raw_dashboard(conn, period: kpi.Period, now) -> list:
    n = _t(now)
    cmdb = " UNION ALL ".join(
        f"SELECT {i}, sum(cmdb_done_at <= cmdb_due_at), sum(cmdb_done_at > cmdb_due_at), "
        f"sum(cmdb_done_at IS NULL AND cmdb_due_at < '{n}'), sum(cmdb_done_at IS NULL AND cmdb_due_at >= '{n}') "
        f"FROM releases WHERE cmdb_due_at >= '{_t(period.bounds(q)[0])}' AND cmdb_due_at < '{_t(period.bounds(q)[1])}'"
        for i, q in enumerate(period.quarters()))
    minutes = "(julianday(decided_at) - julianday(detected_at)) * 1440.0"
    span = f"decided_at IS NOT NULL AND detected_at >= '{_t(period.start)}' AND detected_at < '{_t(period.end)}'"
    bucket = "CASE " + " ".join(f"WHEN detected_at >= '{_t(period.bounds(q)[0])}' AND detected_at < "
                                f"'{_t(period.bounds(q)[1])}' THEN {i}" for i, q in enumerate(period.quarters())) + " END"
    bins = "CASE " + " ".join(f"WHEN {minutes} < {hi} THEN {lo}" for lo, hi in
                              zip(kpi.DECISION_BINS, kpi.DECISION_BINS[1:])) + f" ELSE {kpi.DECISION_BINS[-1]} END"
    types = list(current_profile().release_types)
    per_type = ", ".join(f"sum(type = '{t}')" for t in types)
    return [
        raw_rates(conn, period),
        conn.execute("SELECT status, count(*) FROM releases GROUP BY status").fetchall(),
        conn.execute(cmdb).fetchall(),
        conn.execute(f"SELECT {bucket} AS q, decision_late, count(*), sum({minutes}), max({minutes}) FROM problems "
                     f"WHERE {span} GROUP BY q, decision_late").fetchall(),
        conn.execute(f"SELECT {bins} AS b, count(*) FROM problems WHERE {span} GROUP BY b").fetchall(),
        conn.execute(f"SELECT {per_type} FROM releases WHERE cmdb_due_at < '{n}' AND cmdb_done_at IS NULL").fetchall(),
        conn.execute(f"SELECT {per_type} FROM releases WHERE decision_due_at < '{n}'").fetchall(),
    ]


def _cli_quarter(path: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli(["--db", str(path), "kpi", "--quarter", QUARTER]) == 0


def _draw(d) -> None:
    from relgui.charts.dashboard import dashboard_figure

    dashboard_figure(d).canvas.draw()


def _empty_axes() -> None:
    """matplotlib's own floor for the dashboard: the same five axes, empty, drawn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(15, 9))
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 6)
    for place in (grid[0, :4], grid[0, 4:], grid[1, :2], grid[1, 2:4], grid[1, 4:]):
        fig.add_subplot(place)
    fig.canvas.draw()


def _process_ms(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "relgui.cli.main", "--db", str(path), "kpi", "--quarter", QUARTER],
                   check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def cpu_ms(fn, repeat: int = 11, warmup: int = 2) -> float:
    """The median CPU time of ``fn`` in this process (time.process_time): what the machine's
    load does not add to, unlike the wall-clock medians the targets are stated in."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        samples.append((time.process_time() - t) * 1000)
    return statistics.median(samples)


def timed(name: str, fn, floor_fn, target_ms: float | None = None, repeat: int = 25) -> dict:
    """The figure as report() prints it (wall clock, against the floor's), then the same two in CPU time."""
    floor = median_ms(floor_fn, repeat=repeat)
    result = report(name, median_ms(fn, repeat=repeat), floor, target_ms=target_ms)
    cpu, cpu_floor = cpu_ms(fn, repeat=repeat), cpu_ms(floor_fn, repeat=repeat)
    result.update(cpu_ms=cpu, cpu_floor_ms=cpu_floor)
    print(f"{'  the same in CPU time (time.process_time)':58s} {cpu:9.2f} ms  floor {cpu_floor:8.2f} ms  "
          f"ratio {cpu / cpu_floor if cpu_floor else float('inf'):5.2f}")
    return result


def main() -> list[dict]:
    path = big_database()
    ctx = AppContext(db=open_database(str(path)))
    conn = sqlite3.connect(path)
    q = Quarter.parse(QUARTER)
    d = kpi.dashboard(ctx)
    one = kpi.Period(q, q, d.period.tz)
    mine = kpi.success_rate(ctx, q)
    raw = raw_rates(conn, one)
    assert {t: (r.total, r.successful) for t, r in mine.by_type.items()} == {t: raw.get((0, t), (0, 0))
                                                                              for t in mine.by_type}
    assert sum(n for _, n in raw_dashboard(conn, d.period, d.now)[1]) == sum(d.statuses.by_status.values())
    results = [
        timed(f"kpi {QUARTER}: service success_rate", lambda: kpi.success_rate(ctx, q), lambda: raw_rates(conn, one)),
        timed(f"relgui-admin kpi --quarter {QUARTER} (in-process, opens the DB)", lambda: _cli_quarter(path),
              lambda: raw_rates(conn, one), target_ms=200, repeat=11),
        timed(f"dashboard figures {d.period.label()}: computed", lambda: kpi.dashboard(ctx),
              lambda: raw_dashboard(conn, d.period, d.now), repeat=11),
        timed("dashboard drawn (matplotlib Agg, 5 charts) vs 5 empty axes", lambda: _draw(d), _empty_axes, repeat=11),
        timed("dashboard computed and drawn", lambda: _draw(kpi.dashboard(ctx)),
              lambda: raw_dashboard(conn, d.period, d.now), target_ms=500, repeat=11),
    ]
    print(f"{'(for reference) the kpi command as a new process':58s} {_process_ms(path):9.2f} ms")
    return results


if __name__ == "__main__":
    main()
