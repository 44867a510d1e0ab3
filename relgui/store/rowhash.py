"""Row hashes of SQLite evidence tables for `audit verify`, in this process or in worker processes.

A part (``Part``) is one primary-key range of one table with the SQL that hands back, per row,
its key (``<table>:<primary key>``) and its canonical text as bytes (built by SQLite itself,
relgui.store.evidence._sqlite_text_sql). Hashing a part is C all the way: SQLite builds the text,
hashlib hashes it, the dict is filled from iterators — no Python code runs per row.

Worker processes (``Hasher``) are started with ``spawn`` (the only method on Windows, and what
the frozen PyInstaller build supports: its entry scripts call multiprocessing.freeze_support()).
Each reads its parts in its own read transaction and says at which chain head it read them; a part
read at another head than the caller's (someone wrote meanwhile) is read again by the caller, in
the caller's transaction, so the result is what one snapshot shows. Any failure to start or run
a worker falls back to the caller's own process. This module imports nothing of relgui: a worker
starts with sqlite3 and hashlib.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from operator import itemgetter

HASH_HEX = 32  # = evidence.HASH_HEX (128 bits)
HEAD_SQL = "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
_cut = itemgetter(slice(0, HASH_HEX))
_sha256 = hashlib.sha256
_HASH = type(hashlib.sha256())


@dataclass(frozen=True)
class Part:
    table: str
    sql: str
    params: tuple = ()
    rows: int = 0  # an estimate, for planning


def hash_part(con: sqlite3.Connection, part: Part, batch: int = 10_000) -> tuple[list[str], list[str]]:
    """(keys, row hashes — 128 bits in hex) of every row of the part, in primary-key order."""
    keys: list[str] = []
    hashes: list[str] = []
    cursor = con.execute(part.sql, part.params)
    try:
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return keys, hashes
            k, texts = zip(*rows)
            keys += k
            hashes += map(_cut, map(_HASH.hexdigest, map(_sha256, texts)))
    finally:
        cursor.close()


def _pack(keys: list[str], hashes: list[str]) -> tuple:
    """Two strings cross between processes far faster than millions of small ones."""
    joined = "\n".join(keys)
    if joined.count("\n") != max(0, len(keys) - 1):  # a key holding a line break (a row inserted by hand)
        return keys, hashes
    return joined, "".join(hashes), len(keys)


def _unpack(packed: tuple) -> tuple[list[str], list[str]]:
    if len(packed) == 2:
        return packed
    joined, hashes, n = packed
    if not n:
        return [], []
    return joined.split("\n"), list(map(hashes.__getitem__, map(slice, range(0, n * HASH_HEX, HASH_HEX),
                                                                  range(HASH_HEX, (n + 1) * HASH_HEX, HASH_HEX))))


def head_of(con: sqlite3.Connection) -> tuple | None:
    row = con.execute(HEAD_SQL).fetchone()
    return None if row is None else tuple(row)


_connections: dict[str, sqlite3.Connection] = {}


def _worker_part(uri: str, part: Part) -> tuple[tuple | None, tuple]:
    """In a worker: (chain head read at, hashes) of one part, in one read transaction."""
    con = _connections.get(uri)
    if con is None:
        con = _connections[uri] = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None,
                                                  check_same_thread=False)
    con.execute("BEGIN")
    try:
        return head_of(con), _pack(*hash_part(con, part))
    finally:
        con.execute("COMMIT")


def default_workers() -> int:
    """Worker processes beside the caller: one fewer than the cores (the caller works too), at most 7."""
    return max(0, min(7, (os.cpu_count() or 1) - 1))


class Hasher:
    """Parts handed to worker processes at once; ``results`` takes back what they did and does
    what they had not started (or could not do, or read at another head) in the caller's process."""

    def __init__(self, uri: str | None, parts: list[Part], workers: int) -> None:
        self.parts = parts
        self._pool = None
        self._futures: list = []
        self.used_workers = 0
        if uri is None or workers <= 0 or not parts:
            return
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            self._futures = [self._pool.submit(_worker_part, uri, p) for p in parts]
            self.used_workers = workers
        except Exception:  # noqa: BLE001 - no worker processes here (a restricted machine): do it all ourselves
            self._stop()

    def _stop(self) -> None:
        if self._pool is not None:
            try:
                self._pool.shutdown(wait=True, cancel_futures=True)
            except Exception:  # noqa: BLE001 - a broken pool: nothing left to wait for
                pass
        self._pool, self._futures = None, []

    def results(self, con: sqlite3.Connection, head: tuple | None) -> list[tuple[list[str], list[str]]]:
        """The hashes of every part, in the order of ``parts``, as ``con``'s transaction (whose
        chain head is ``head``) sees them."""
        out: list[tuple | None] = [None] * len(self.parts)
        futures = self._futures
        try:
            # Take back from the end what the workers have not started (they work from the start).
            for i in range(len(self.parts) - 1, -1, -1):
                if not futures or futures[i].cancel():
                    out[i] = hash_part(con, self.parts[i])
            for i, f in enumerate(futures):
                if out[i] is not None:
                    continue
                try:
                    at, packed = f.result()
                except Exception:  # noqa: BLE001 - a worker died or could not read: read it here
                    at, packed = None, None
                out[i] = _unpack(packed) if packed is not None and at == head else hash_part(con, self.parts[i])
        finally:
            self._stop()
        return out  # type: ignore[return-value]
