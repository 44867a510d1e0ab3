"""A throw-away PostgreSQL server on loopback for the test run (initdb + pg_ctl).

As root (CI), initdb and postgres refuse to run, so they run as the ``postgres`` system user
with a data folder it owns. fsync and friends are off: this cluster holds nothing of value.

The shared server of the test run speaks no TLS and trusts every loopback connection, so its
URLs say ``sslmode=disable`` (relgui requires TLS unless told otherwise). A test may start a
server of its own with ``tls=(certificate PEM, key PEM)`` (ssl=on, the files in the data
folder, owned by the server's user, 0600), ``password=`` (scram-sha-256 on TCP, trust on
the Unix socket) and ``listen=`` (more addresses than loopback, allowed from the subnets the
server is on); ``reload_tls`` swaps the certificate of a running server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, *, tls: tuple[bytes, bytes] | None = None, password: str | None = None,
                 listen: str = "127.0.0.1") -> None:
        self.tls, self.password, self.listen = tls, password, listen
        self.initdb, self.pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not self.initdb or not self.pg_ctl:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.root = Path(tempfile.mkdtemp(prefix="relgui-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *cmd: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        result = subprocess.run(prefix + list(cmd), capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> None:
        self.sock.mkdir()
        if self.as_root:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sock, "postgres")
            os.chmod(self.root, 0o755)
        auth = ["-A", "trust"]
        if self.password is not None:
            pwfile = self.root / "pwfile"
            pwfile.write_text(self.password + "\n")
            self._own(pwfile)
            auth = ["--auth-host", "scram-sha-256", "--auth-local", "trust", "--pwfile", str(pwfile)]
        self._run(self.initdb, "-D", str(self.data), *auth, "-U", "postgres", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        options = (f"-p {self.port} -k {self.sock} -c listen_addresses={self.listen} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        if self.listen != "127.0.0.1":
            method = "trust" if self.password is None else "scram-sha-256"
            with open(self.data / "pg_hba.conf", "a") as hba:
                hba.write(f"host all all samenet {method}\n")
        if self.tls is not None:
            self._write_tls(*self.tls)
            options += " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
        self._options = options
        self._run(self.pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w",
                  "-t", "60", "start")
        self.started = True

    def pause(self) -> None:
        """Stop the server, keeping its data (an outage); ``resume`` starts it again on the same port."""
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-o", self._options, "-l", str(self.root / "log"), "-w",
                  "-t", "60", "start")

    @property
    def log(self) -> Path:
        return self.root / "log"

    def _own(self, path: Path) -> None:
        os.chmod(path, 0o600)
        if self.as_root:
            shutil.chown(path, "postgres", "postgres")

    def _write_tls(self, cert: bytes, key: bytes) -> None:
        for name, data in (("server.crt", cert), ("server.key", key)):
            path = self.data / name
            path.write_bytes(data)
            self._own(path)  # PostgreSQL refuses a key others can read

    def reload_tls(self, cert: bytes, key: bytes) -> None:
        """Another certificate for new connections (pg_ctl reload re-reads the SSL files)."""
        self._write_tls(cert, key)
        self._run(self.pg_ctl, "-D", str(self.data), "reload")

    def url(self, database: str = "postgres", user: str = "postgres", role: str | None = None) -> str:
        """A URL for ``user`` (the superuser unless named) over loopback TCP (no password in it: a
        test adds its own). ``role``: the session acts as that role from the start (``-c role=``,
        as SET ROLE), e.g. the superuser acting as the schema's owner."""
        mode = "require" if self.tls is not None else "disable"
        url = f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}?sslmode={mode}"
        return f"{url}&options=-c%20role%3D{role}" if role else url

    def stop(self) -> None:
        if self.started:
            try:
                self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except RuntimeError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)
