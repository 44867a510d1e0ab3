"""kill -9 campaign: writers killed at random moments on one SQLite file lose nothing they acknowledged.

    python benchmarks/crash_campaign.py --runs 130            # the campaign (a developer runs it)
    python benchmarks/crash_campaign.py --runs 10 --writers 4 --seed 7 --db /tmp/crash.db

Not part of the test suite. One SQLite file, made with ``relgui-admin init --admin``; each run starts N
writer processes that do real relgui service writes as fast as they can (a release request, a
software-library version, an evidence file of 4-64 KiB on a release, in turn) and print
``ack <kind> <key> …`` after each commit returns. Each writer is killed with SIGKILL at its own
random moment, from the middle of its start-up to a few seconds of writing. After every run:

- ``PRAGMA integrity_check`` is ``ok`` (in a fresh process, which also recovers the WAL);
- every acknowledged write is there, attachments with the very bytes (SHA-256) acknowledged;
- nothing is partial: every release, version and attachment has exactly its one audit event
  and every such event its row; an attachment's stored bytes match its size and SHA-256;
- ``relgui-admin audit verify`` exits 0 (the hash chain is whole, no gap in seq).

Prints per run and in total: writers, kills, acknowledged writes by kind, rows found, and
every failure found (exit 1 if any).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# ----------------------------------------------------------------------------------------- writer

def writer(db: str, name: str, seed: int) -> int:
    """One writer process: service writes in a loop, an ack line after each commit."""
    from relgui.services import attachments, inventory, releases
    from relgui.services.context import AppContext, system_actor
    from relgui.services.database import open_database

    ctx = AppContext(db=open_database(db, create=False), actor=system_actor(f"crash-{name}"))
    rng = random.Random(seed)
    out = sys.stdout
    print(f"ready {os.getpid()}", file=out, flush=True)
    numbers: list[str] = []
    n = 0
    while True:
        n += 1
        kind = ("release", "version", "attachment")[n % 3] if numbers else "release"
        if kind == "release":
            made = releases.create(ctx, title=f"崩溃测试 {name} #{n}", type="normal",
                                   systems=f"系统-{name}", description="kill -9 campaign " * rng.randint(1, 40))
            numbers.append(made.number)
            print(f"ack release {made.number}", file=out, flush=True)
        elif kind == "version":
            version = f"{n}.{rng.randint(0, 9999)}"
            digest = hashlib.sha256(f"{name} {version}".encode()).hexdigest()
            inventory.register_version(ctx, f"crash-{name}", version, sha256=digest, location=f"\\\\dsl\\{name}")
            print(f"ack version crash-{name} {version}", file=out, flush=True)
        else:
            content = rng.randbytes(rng.randint(4, 64) * 1024)  # several pages, overflow chains
            view = attachments.add(ctx, rng.choice(numbers), content, "crash", filename=f"{name}-{n}.bin")
            print(f"ack attachment {view.id} {hashlib.sha256(content).hexdigest()} {len(content)}", file=out, flush=True)


# ----------------------------------------------------------------------------------------- checks

ADMIN, ADMIN_PASSWORD = "crash-admin", "crash-campaign-pw-2026"  # made by init; audit verify logs in as it


def _python(*args: str, timeout: int = 300, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          input=stdin)


_CHECK = r'''
import hashlib, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
out = {"integrity": [r[0] for r in c.execute("PRAGMA integrity_check")]}
out["releases"] = dict(c.execute("SELECT number, id FROM releases"))
out["versions"] = [f"{a} {v}" for a, v in c.execute("SELECT artifact, version FROM software_versions")]
since = int(sys.argv[2])  # attachments up to this id were hashed after an earlier run
out["attachments"] = {str(i): [s, n, hashlib.sha256(b).hexdigest() if b is not None else s, length, r]
                      for i, s, n, length, r, b in c.execute(
                          "SELECT id, sha256, size, length(content), release_id, CASE WHEN id > ? THEN content END "
                          "FROM attachments", (since,))}
out["events"] = [[a, k, r] for a, k, r in c.execute(
    "SELECT action, entity_key, release_id FROM audit_events WHERE action IN ('release.create', 'dsl.register', 'attachment.add')")]
c.close()
print(json.dumps(out))
'''


def check(db: Path, acks: list[tuple[str, ...]], since: int) -> tuple[dict, list[str]]:
    """Everything promised after a run; returns counts and the failures found. The content of
    attachments with an id above ``since`` is hashed (older ones were, after their run)."""
    import json

    failures: list[str] = []
    got = _python("-c", _CHECK, str(db), str(since))
    if got.returncode != 0:
        return {}, [f"could not read the database: {got.stderr.strip().splitlines()[-1:]}"]
    seen = json.loads(got.stdout)
    if seen["integrity"] != ["ok"]:
        failures.append(f"integrity_check: {seen['integrity'][:5]}")
    releases, versions, files = seen["releases"], set(seen["versions"]), seen["attachments"]
    events = Counter((a, k) for a, k, _ in seen["events"])
    for ack in acks:
        kind, key = ack[0], ack[1]
        if kind == "release" and key not in releases:
            failures.append(f"acknowledged release {key} missing")
        elif kind == "version" and f"{key} {ack[2]}" not in versions:
            failures.append(f"acknowledged version {key} {ack[2]} missing")
        elif kind == "attachment":
            row = files.get(key)
            if row is None:
                failures.append(f"acknowledged attachment {key} missing")
            elif row[0] != ack[2] or row[2] != ack[2] or row[1] != int(ack[3]):
                failures.append(f"attachment {key}: stored {row[2][:12]}/{row[3]} B, acknowledged {ack[2][:12]}/{ack[3]} B")
    for number in releases:
        if events[("release.create", number)] != 1:
            failures.append(f"release {number}: {events[('release.create', number)]} creation events")
    for key in versions:
        if events[("dsl.register", key)] != 1:
            failures.append(f"version {key}: {events[('dsl.register', key)]} registration events")
    for key, (sha, size, actual, length, _release) in files.items():
        if events[("attachment.add", key)] != 1:
            failures.append(f"attachment {key}: {events[('attachment.add', key)]} events")
        if sha != actual or size != length:
            failures.append(f"attachment {key}: content does not match its SHA-256/size")
    for action, key in events:
        row_exists = {"release.create": key in releases, "dsl.register": key in versions,
                      "attachment.add": key in files}[action]
        if not row_exists:
            failures.append(f"audit event {action} {key} without its row")
    verify = _python("-m", "relgui.cli.main", "--db", str(db), "--lang", "en", "--user", ADMIN, "--password-stdin",
                     "audit", "verify", stdin=ADMIN_PASSWORD + "\n")
    if verify.returncode != 0:
        failures.append(f"audit verify: {(verify.stdout + verify.stderr).strip()[:300]}")
    counts = {"releases": len(releases), "versions": len(versions), "attachments": len(files),
              "last_attachment": max((int(k) for k in files), default=0), "audit_ok": verify.returncode == 0}
    return counts, failures


# ----------------------------------------------------------------------------------------- a run

def one_run(db: Path, writers: int, rng: random.Random, window: float) -> tuple[Counter, Counter, list]:
    """Start the writers, kill each with SIGKILL at its own random moment: one in five during its
    start-up (imports, opening the database), the others 0 to ``window`` seconds into writing."""
    acks: list[tuple[str, ...]] = []
    stats: Counter = Counter()
    lock = threading.Lock()
    writers_ = []

    def read(w):
        for line in w["proc"].stdout:
            parts = line.split()
            with lock:
                if parts and parts[0] == "ack":
                    acks.append(tuple(parts[1:]))
                    w["acks"] += 1
                elif parts and parts[0] == "ready":
                    w["ready"] = time.monotonic()

    for k in range(writers):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--writer", str(db), "--name",
                                 f"r{rng.randrange(1 << 30):x}w{k}", "--seed", str(rng.randrange(1 << 30))],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        during_startup = rng.random() < 0.2
        w = {"proc": proc, "spawned": time.monotonic(), "ready": None, "acks": 0, "startup": during_startup,
             "after": rng.uniform(0.05, 1.2) if during_startup else rng.uniform(0.0, window)}
        w["reader"] = threading.Thread(target=read, args=(w,), daemon=True)
        w["reader"].start()
        writers_.append(w)
    alive = list(writers_)
    while alive:
        now = time.monotonic()
        for w in list(alive):
            proc = w["proc"]
            if proc.poll() is not None:
                stats["exited by themselves"] += 1
                err = proc.stderr.read()
                print(f"  a writer died on its own:\n{err[-3000:]}", file=sys.stderr)
                stats["writer errors"] += 1
                alive.remove(w)
                continue
            due = (w["spawned"] + w["after"] if w["startup"] else
                   (w["ready"] + w["after"] if w["ready"] else w["spawned"] + 60))
            if now >= due:
                proc.send_signal(signal.SIGKILL)
                stats["killed"] += 1
                stats["killed during start-up" if w["ready"] is None else "killed while writing"] += 1
                alive.remove(w)
        time.sleep(0.005)
    for w in writers_:
        w["proc"].wait()
        w["reader"].join(timeout=10)  # every ack line the writer printed before it died
        w["proc"].stdout.close()
        w["proc"].stderr.close()
    return stats, Counter(a[0] for a in acks), acks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=130)
    ap.add_argument("--writers", type=int, default=3, help="writer processes per run")
    ap.add_argument("--window", type=float, default=3.0, help="seconds of writing within which a writer is killed")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--db", help="SQLite file to use (made with init if missing); default: a temporary one")
    ap.add_argument("--writer", help=argparse.SUPPRESS)
    ap.add_argument("--name", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.writer:
        return writer(args.writer, args.name, args.seed)

    seed = args.seed if args.seed is not None else random.randrange(1 << 31)
    rng = random.Random(seed)
    tmp = None
    if args.db:
        db = Path(args.db).resolve()
    else:
        tmp = tempfile.TemporaryDirectory(prefix="relgui-crash-")
        db = Path(tmp.name) / "crash.db"
    if not db.exists():
        made = _python("-m", "relgui.cli.main", "--db", str(db), "--lang", "en", "init", "--company", "Crash campaign",
                       "--admin", ADMIN, "--name", "Crash campaign", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
        if made.returncode != 0:
            print(made.stderr, file=sys.stderr)
            return 1
    print(f"kill -9 campaign: {args.runs} runs × {args.writers} writers on {db} (seed {seed})", flush=True)
    total_stats, total_acks, all_failures = Counter(), Counter(), []
    began = time.monotonic()
    counts, failures = check(db, [], 0)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    unacked = Counter()
    for run in range(1, args.runs + 1):
        before = counts
        stats, acked, acks = one_run(db, args.writers, rng, args.window)
        counts, failures = check(db, acks, before.get("last_attachment", 0))
        for kind, table in (("release", "releases"), ("version", "versions"), ("attachment", "attachments")):
            extra = counts.get(table, 0) - before.get(table, 0) - acked[kind]
            unacked[kind] += extra  # committed, then killed before the ack line: allowed (at most one a writer)
            if extra < 0 or extra > args.writers:
                failures.append(f"{extra} {table} more than acknowledged")
        total_stats.update(stats)
        total_acks.update(acked)
        all_failures += [f"run {run}: {f}" for f in failures]
        print(f"run {run:3d}: killed {stats['killed']}/{args.writers} ({stats['killed during start-up']} in start-up), "
              f"acknowledged {acked['release']} releases, {acked['version']} versions, {acked['attachment']} files; "
              f"now {counts.get('releases', '?')}/{counts.get('versions', '?')}/{counts.get('attachments', '?')} rows; "
              f"{'ok' if not failures else f'{len(failures)} FAILURES'}", flush=True)
        for f in failures[:10]:
            print(f"         {f}", flush=True)
    took = time.monotonic() - began
    size = db.stat().st_size
    print("\n=== summary ===")
    print(f"runs {args.runs}, writers started {args.runs * args.writers}, killed with SIGKILL "
          f"{total_stats['killed']} ({total_stats['killed during start-up']} during start-up, "
          f"{total_stats['killed while writing']} while writing), exited by themselves "
          f"{total_stats['exited by themselves']}, writer errors {total_stats['writer errors']}")
    print(f"acknowledged writes: {total_acks['release']} releases, {total_acks['version']} versions, "
          f"{total_acks['attachment']} attachments ({sum(total_acks.values())} in all), every one checked after its run")
    print(f"committed but killed before the ack line (allowed, at most one per writer): {unacked['release']} releases, "
          f"{unacked['version']} versions, {unacked['attachment']} attachments")
    print(f"database now: {counts.get('releases')} releases, {counts.get('versions')} library versions, "
          f"{counts.get('attachments')} attachments, {size / 1e6:.1f} MB; integrity_check and audit verify "
          f"after each of the {args.runs} runs")
    print(f"failures: {len(all_failures)}; {took:.0f} s")
    for f in all_failures[:50]:
        print(f"  {f}")
    if tmp is not None:
        tmp.cleanup()
    return 1 if all_failures else 0


if __name__ == "__main__":
    sys.exit(main())
