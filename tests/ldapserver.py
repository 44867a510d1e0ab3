"""A throw-away OpenLDAP ``slapd`` on loopback for the directory-login tests (issue 16).

The distribution's slapd (``apt-get install slapd ldap-utils``, see .ci/run) runs with a
slapd.conf of its own in a temporary folder: an MDB database for ``dc=example,dc=org``, TLS
with a certificate for 127.0.0.1 / localhost issued by a test CA made here (cryptography),
listening on three loopback ports: ``ldap://`` (StartTLS offered), ``ldaps://`` and, for the
refusal test, a second ``ldaps://`` port whose certificate comes from another CA (the CA a
workstation does not trust). The people and groups are loaded with ``ldapadd`` from an LDIF
(tests/data/directory.ldif) over the plain port as the root DN, as an administrator would.

A test changes the directory through ``admin()`` (an ldap3 connection as the root DN): it adds
people of its own (unique names), deletes them or moves them between groups.

Where Ubuntu's AppArmor profile for /usr/sbin/slapd is enforced it would keep slapd out of the
temporary folder; the binary is then run from a copy there (a profile attaches by path).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUFFIX = "dc=example,dc=org"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PW = "slapd-root-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
SERVICE_DN = f"cn=svc-relgui,ou=services,{SUFFIX}"
SERVICE_PW = "svc-Relgui-2026!"
LDIF = Path(__file__).parent / "data" / "directory.ldif"

SCHEMAS = ("core", "cosine", "inetorgperson", "nis")


def find_slapd() -> str | None:
    return os.environ.get("RELGUI_SLAPD") or shutil.which("slapd") or (
        "/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd") else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_ca(name: str):
    """A self-signed CA: (key, certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def issue(ca, names: tuple[str, ...] = ("localhost",), ips: tuple[str, ...] = ("127.0.0.1",)) -> tuple[bytes, bytes]:
    """A server certificate from ``ca`` for these names: (certificate PEM, key PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    ca_key, ca_cert = ca
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    alt = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0] if names else ips[0])]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


def pem(cert) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)


def _apparmor_confines(binary: str) -> bool:
    profile = Path("/etc/apparmor.d") / binary.lstrip("/").replace("/", ".")
    return profile.exists() and Path("/sys/kernel/security/apparmor").exists()


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it is not: slapd's parent has exited)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


class SlapdServer:
    def __init__(self) -> None:
        binary = find_slapd()
        if not binary or not os.path.exists(binary):
            raise RuntimeError("OpenLDAP slapd not found (apt-get install slapd ldap-utils)")
        if not shutil.which("ldapadd"):
            raise RuntimeError("ldapadd not found (apt-get install ldap-utils)")
        schema_dir = Path("/etc/ldap/schema")
        if not all((schema_dir / f"{s}.schema").exists() for s in SCHEMAS):
            raise RuntimeError(f"OpenLDAP schema files not found in {schema_dir}")
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="relgui-slapd-"))
        self.port, self.ldaps_port = _free_port(), _free_port()
        self.other_ca_port, self.wrong_name_port = _free_port(), _free_port()
        self.ca = make_ca("relgui test directory CA")
        self.other_ca = make_ca("some other CA")
        self.ca_file = self.root / "ca.pem"
        self.other_ca_file = self.root / "other-ca.pem"
        self.pids: list[int] = []

    # --- addresses ---------------------------------------------------------------------------
    @property
    def ldap_url(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    @property
    def ldaps_url(self) -> str:
        return f"ldaps://127.0.0.1:{self.ldaps_port}"

    @property
    def other_ca_url(self) -> str:
        """ldaps with a certificate issued by another CA than ca_file."""
        return f"ldaps://127.0.0.1:{self.other_ca_port}"

    @property
    def wrong_name_url(self) -> str:
        """ldaps with a certificate from the right CA for another server's name."""
        return f"ldaps://127.0.0.1:{self.wrong_name_port}"

    # --- life ----------------------------------------------------------------------------------
    def _conf(self, name: str, cert: bytes, key: bytes, db: bool) -> Path:
        folder = self.root / name
        folder.mkdir()
        (folder / "server.pem").write_bytes(cert)
        (folder / "server.key").write_bytes(key)
        os.chmod(folder / "server.key", 0o600)
        lines = [f"include /etc/ldap/schema/{s}.schema" for s in SCHEMAS]
        lines += [
            "modulepath /usr/lib/ldap",
            "moduleload back_mdb",
            f"pidfile {folder}/slapd.pid",
            f"argsfile {folder}/slapd.args",
            f"TLSCACertificateFile {self.ca_file}",
            f"TLSCertificateFile {folder}/server.pem",
            f"TLSCertificateKeyFile {folder}/server.key",
            "loglevel none",
        ]
        if db:
            (folder / "db").mkdir()
            lines += [
                "database mdb",
                f'suffix "{SUFFIX}"',
                f'rootdn "{ROOT_DN}"',
                f"rootpw {ROOT_PW}",
                f"directory {folder}/db",
                "maxsize 16777216",
                "dbnosync",
                # A password is only ever compared by a bind; people read the rest (as in AD,
                # where every authenticated user reads users and groups).
                "access to attrs=userPassword by self =xw by anonymous auth by * none",
                "access to * by users read by * none",
            ]
        conf = folder / "slapd.conf"
        conf.write_text("\n".join(lines) + "\n")
        return conf

    def _launch(self, conf: Path, urls: str) -> int:
        binary = self.binary
        if _apparmor_confines(binary):
            binary = str(self.root / "slapd")
            shutil.copy2(self.binary, binary)
        # slapd forks once its listeners are bound: when this command returns, the ports accept.
        result = subprocess.run([binary, "-f", str(conf), "-h", urls], capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"slapd failed to start: {result.stderr.strip() or result.stdout.strip()}")
        return int((conf.parent / "slapd.pid").read_text().strip())

    def start(self) -> None:
        self.ca_file.write_bytes(pem(self.ca[1]))
        self.other_ca_file.write_bytes(pem(self.other_ca[1]))
        cert, key = issue(self.ca)
        self.pids.append(self._launch(self._conf("main", cert, key, db=True), f"{self.ldap_url}/ {self.ldaps_url}/"))
        cert, key = issue(self.other_ca)
        self.pids.append(self._launch(self._conf("other", cert, key, db=False), f"{self.other_ca_url}/"))
        cert, key = issue(self.ca, names=("ldap.elsewhere.example",), ips=())
        self.pids.append(self._launch(self._conf("wrongname", cert, key, db=False), f"{self.wrong_name_url}/"))
        self.load(LDIF)

    def load(self, ldif: Path) -> None:
        result = subprocess.run(["ldapadd", "-x", "-H", self.ldap_url, "-D", ROOT_DN, "-w", ROOT_PW, "-f", str(ldif)],
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"ldapadd failed: {result.stderr.strip() or result.stdout.strip()}")

    def stop(self) -> None:
        """SIGKILL: the database is thrown away (a SIGTERM'd slapd takes seconds to wind down)."""
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            deadline = time.monotonic() + 10  # teardown: gone before its folder is removed
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.01)
        self.pids = []
        shutil.rmtree(self.root, ignore_errors=True)

    # --- changing the directory as its administrator ---------------------------------------------
    def admin(self):
        """An ldap3 connection as the root DN (StartTLS over the plain port)."""
        import ssl

        import ldap3

        tls = ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=str(self.ca_file))
        server = ldap3.Server("127.0.0.1", port=self.port, tls=tls, get_info=ldap3.NONE, connect_timeout=5)
        conn = ldap3.Connection(server, ROOT_DN, ROOT_PW, receive_timeout=10, raise_exceptions=True)
        conn.open()
        conn.start_tls()
        conn.bind()
        return conn

    def add_person(self, uid: str, password: str, groups: tuple[str, ...] = (), *, cn: str | None = None,
                   mail: str | None = None, exist_ok: bool = False) -> str:
        """A person (inetOrgPerson under ou=people) and their group memberships; returns the DN.
        ``groups``: the groups' cn (groupOfNames under ou=groups). ``exist_ok``: one already
        there (added by the same test on the other database) is left as it is."""
        import ldap3
        from ldap3.core.exceptions import LDAPEntryAlreadyExistsResult

        dn = f"uid={uid},{PEOPLE}"
        attrs = {"uid": uid, "cn": cn or uid, "sn": uid, "userPassword": password}
        if cn:
            attrs["displayName"] = cn
        if mail:
            attrs["mail"] = mail
        conn = self.admin()
        try:
            try:
                conn.add(dn, ["inetOrgPerson"], attrs)
            except LDAPEntryAlreadyExistsResult:
                if not exist_ok:
                    raise
                return dn
            for g in groups:
                conn.modify(f"cn={g},{GROUPS}", {"member": [(ldap3.MODIFY_ADD, [dn])]})
        finally:
            conn.unbind()
        return dn

    def set_groups(self, uid: str, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()) -> None:
        import ldap3

        dn = f"uid={uid},{PEOPLE}"
        conn = self.admin()
        try:
            for g in add:
                conn.modify(f"cn={g},{GROUPS}", {"member": [(ldap3.MODIFY_ADD, [dn])]})
            for g in remove:
                conn.modify(f"cn={g},{GROUPS}", {"member": [(ldap3.MODIFY_DELETE, [dn])]})
        finally:
            conn.unbind()

    def delete_person(self, uid: str, groups: tuple[str, ...] = ()) -> None:
        self.set_groups(uid, remove=groups)
        conn = self.admin()
        try:
            conn.delete(f"uid={uid},{PEOPLE}")
        finally:
            conn.unbind()


def group_dn(cn: str) -> str:
    return f"cn={cn},{GROUPS}"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


try:
    import pytest
except ImportError:  # used as a plain module (a benchmark, a manual check)
    pytest = None

if pytest is not None:
    @pytest.fixture(scope="session")
    def slapd():
        """The session's directory server. Missing slapd skips its tests, except under CI=true,
        where it fails them (and tests/conftest.py fails a CI run in which none passed)."""
        try:
            server = SlapdServer()
            server.start()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            if _in_ci():
                pytest.fail(f"OpenLDAP test server could not start under CI: {exc}")
            pytest.skip(f"OpenLDAP slapd not available here: {exc}")
        yield server
        server.stop()
