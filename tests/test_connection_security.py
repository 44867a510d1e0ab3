"""Connection security against a real PostgreSQL 15 with TLS on (tests/pgserver.py, tls=…).

A CA and server certificates are made here (cryptography): one for localhost and 127.0.0.1,
one for another host name, both from the CA; and a second CA that issued nothing the server
has. The server asks for a password (scram-sha-256) over TCP, so where the password comes
from is proven too: never the command line, the credential store the GUI writes, a pgpass
file, standard input, the prompt.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pgserver import PgServer
from sqlalchemy import create_engine, text

from relgui.domain.errors import InvalidInput, StorageUnavailable
from relgui.services.database import open_database
from relgui.store.engine import Database

TESTS = Path(__file__).parent
PG_PASSWORD = "Tls-Secret-4711"  # never to appear in any output
DB = "relgui_tls"


# ------------------------------------------------------------------------------------------
# certificates
# ------------------------------------------------------------------------------------------

def _key():
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def _pem_key(key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _pem(cert) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)


def _name(common: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "relgui tests"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _ca(common: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    key = _key()
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(_name(common))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _server_cert(ca_key, ca_cert, dns: list[str], ips: list[str]) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = _key()
    now = dt.datetime.now(dt.UTC)
    names = [x509.DNSName(d) for d in dns] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    cert = (x509.CertificateBuilder().subject_name(_name(dns[0])).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return _pem(cert), _pem_key(key)


class Pki:
    def __init__(self, folder: Path):
        ca_key, ca_cert = _ca("relgui test CA")
        self.ca = folder / "ca.pem"
        self.ca.write_bytes(_pem(ca_cert))
        self.right = _server_cert(ca_key, ca_cert, ["localhost"], ["127.0.0.1"])
        self.wrong_host = _server_cert(ca_key, ca_cert, ["db.other.example"], ["192.0.2.7"])
        _, other_cert = _ca("another CA")
        self.other_ca = folder / "other-ca.pem"
        self.other_ca.write_bytes(_pem(other_cert))


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return Pki(tmp_path_factory.mktemp("pki"))


def _lan_address() -> str | None:
    """This machine's address on its network (not loopback), or None: where a connection in
    clear text would cross a network, so relgui-admin must warn."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: the kernel only picks the source address
            found = s.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(found).is_loopback else found


LAN = _lan_address()


@pytest.fixture(scope="module")
def tls_server(pki):
    try:
        server = PgServer(tls=pki.right, password=PG_PASSWORD, listen="127.0.0.1" + (f",{LAN}" if LAN else ""))
        server.start()
    except (RuntimeError, OSError) as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL TLS test server could not start under CI: {exc}")
        pytest.skip(f"PostgreSQL not available here: {exc}")
    admin = create_engine(f"postgresql+psycopg://postgres:{PG_PASSWORD}@127.0.0.1:{server.port}/postgres"
                          "?sslmode=require", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {DB}"))
    admin.dispose()
    db = open_database(f"postgresql://postgres:{PG_PASSWORD}@127.0.0.1:{server.port}/{DB}?sslmode=require")
    db.dispose()  # migrated once: every test below opens an existing relgui database
    yield server
    server.stop()


def url(server: PgServer, *, host: str = "127.0.0.1", password: str | None = PG_PASSWORD, **query) -> str:
    auth = f"postgres:{password}" if password is not None else "postgres"
    q = "&".join(f"{k}={v}" for k, v in query.items())
    return f"postgresql://{auth}@{host}:{server.port}/{DB}" + (f"?{q}" if q else "")


def ssl_in_use(db: Database) -> bool:
    """What the server says about this very connection (pg_stat_ssl)."""
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one()


def opened(address: str) -> Database:
    return open_database(address, create=False)


# ------------------------------------------------------------------------------------------
# TLS
# ------------------------------------------------------------------------------------------

def test_verify_full_with_the_right_ca_connects_encrypted(tls_server, pki):
    for host in ("127.0.0.1", "localhost"):
        db = opened(url(tls_server, host=host, sslmode="verify-full", sslrootcert=pki.ca))
        try:
            assert ssl_in_use(db) is True and db.encrypted is True
            assert db.tls.mode == "verify-full" and "已加密，服务器已验证 / encrypted, server verified" in db.describe()
        finally:
            db.dispose()


def test_verify_full_is_the_default_when_a_ca_file_is_given(tls_server, pki):
    db = opened(url(tls_server, sslrootcert=pki.ca))
    try:
        assert db.tls.mode == "verify-full" and ssl_in_use(db)
    finally:
        db.dispose()


def test_require_connects_encrypted_and_is_the_default_without_a_ca(tls_server):
    for address in (url(tls_server, sslmode="require"), url(tls_server)):
        db = opened(address)
        try:
            assert db.tls.mode == "require" and ssl_in_use(db) is True
            assert "已加密，未验证服务器 / encrypted, server not verified" in db.describe()
        finally:
            db.dispose()


def test_pgsslmode_in_the_environment_cannot_weaken_it(tls_server, monkeypatch):
    monkeypatch.setenv("PGSSLMODE", "disable")
    db = opened(url(tls_server))
    try:
        assert ssl_in_use(db) is True
    finally:
        db.dispose()


def test_disable_connects_in_clear_text_and_says_so(tls_server):
    db = opened(url(tls_server, sslmode="disable"))
    try:
        assert ssl_in_use(db) is False and db.encrypted is False and not db.exposed
        assert db.describe().endswith("(未加密，仅本机连接 / not encrypted, this computer only)")
        assert PG_PASSWORD not in db.describe()
    finally:
        db.dispose()
    if LAN is None:
        pytest.skip("no network address on this machine")
    db = opened(url(tls_server, host=LAN, sslmode="disable"))  # the same server, over the network interface
    try:
        assert ssl_in_use(db) is False and db.exposed
        assert db.describe() == f"PostgreSQL: postgres@{LAN}:{tls_server.port}/{DB} (未加密 / not encrypted)"
    finally:
        db.dispose()


@pytest.mark.parametrize("world", ["postgresql"], indirect=True)
def test_the_status_bar_says_not_encrypted(world, tmp_path, qtbot):
    """The shared test server speaks no TLS (sslmode=disable): the main window's database label says so."""
    from gui_support import gui_context

    from relgui.gui.main_window import MainWindow

    win = MainWindow(gui_context(world, "lina", tmp_path))
    qtbot.addWidget(win)
    assert win.db_label.text().endswith("(未加密，仅本机连接 / not encrypted, this computer only)")


def test_verify_full_against_another_ca_is_refused(tls_server, pki):
    with pytest.raises(StorageUnavailable) as refused:
        opened(url(tls_server, sslmode="verify-full", sslrootcert=pki.other_ca))
    assert refused.value.refusals[0].code == "pg_tls_untrusted"
    assert "无法用所配置的 CA 证书验证" in refused.value.message("zh_CN")


def test_verify_full_against_a_certificate_for_another_host_is_refused(tls_server, pki, tmp_path):
    tls_server.reload_tls(*pki.wrong_host)  # the same CA, issued to db.other.example
    try:
        with pytest.raises(StorageUnavailable) as refused:
            opened(url(tls_server, sslmode="verify-full", sslrootcert=pki.ca))
        assert refused.value.refusals[0].code == "pg_tls_wrong_host"
        zh, en = refused.value.message("zh_CN"), refused.value.message("en")
        assert "服务器的证书不是签发给“127.0.0.1”的" in zh and "db.other.example" in zh
        assert "was not issued to “127.0.0.1”" in en
        # relgui-admin: one line, exit 3, no password anywhere
        result = admin("--sslmode", "verify-full", "--sslrootcert", str(pki.ca), "audit", "verify",
                       db=url(tls_server, password=None), stdin=PG_PASSWORD + "\n", extra=["--db-password-stdin"])
        err = one_line(result, 3, "服务器的证书不是签发给“127.0.0.1”的")
        assert PG_PASSWORD not in err + result.stdout
        # require does not check the name: still encrypted
        db = opened(url(tls_server, sslmode="require"))
        try:
            assert ssl_in_use(db)
        finally:
            db.dispose()
    finally:
        tls_server.reload_tls(*pki.right)


def test_require_against_a_server_without_tls_is_refused_not_downgraded(pg_server):
    plain = pg_server.url("postgres").replace("sslmode=disable", "sslmode=require")
    with pytest.raises(StorageUnavailable) as refused:
        Database(plain).engine.connect()
    assert refused.value.refusals[0].code == "pg_tls_not_offered"
    assert "服务器不支持加密连接" in refused.value.message("zh_CN")


@pytest.mark.parametrize("mode", ["prefer", "allow"])
def test_modes_that_fall_back_to_clear_text_are_refused(mode, tls_server):
    with pytest.raises(InvalidInput) as refused:
        Database(url(tls_server, sslmode=mode))
    assert refused.value.refusals[0].code == "pg_sslmode_weak" and "明文" in refused.value.message("zh_CN")


def test_an_unknown_mode_and_a_missing_ca_file_are_refused_in_words(tls_server, tmp_path):
    with pytest.raises(InvalidInput) as unknown:
        Database(url(tls_server, sslmode="verify-me"))
    assert "verify-me" in unknown.value.message("en")
    missing = tmp_path / "nope" / "ca.pem"
    with pytest.raises(InvalidInput) as no_ca:
        Database(url(tls_server, sslrootcert=missing))
    assert str(missing) in no_ca.value.message("zh_CN") and "找不到 CA 证书文件" in no_ca.value.message("zh_CN")


# ------------------------------------------------------------------------------------------
# relgui-admin: options, the warning, the password's sources
# ------------------------------------------------------------------------------------------

def admin(*args: str, db: str | None = None, stdin: str | None = None, env: dict | None = None,
          extra: list[str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("RELGUI_DB", "PGPASSWORD", "PGPASSFILE", "PGSSLMODE", "PYTHON_KEYRING_BACKEND")}
    environment["PGPASSFILE"] = str(TESTS / "no-such-pgpass")  # not the developer's own ~/.pgpass
    environment.update(env or {})
    command = [sys.executable, "-m", "relgui.cli.main"] + (["--db", db] if db else []) + (extra or []) + list(args)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment,
                          input=stdin if stdin is not None else "")


def one_line(result: subprocess.CompletedProcess, code: int, *needles: str) -> str:
    err = result.stderr.strip()
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


# (The commands below read, so they need no relgui login: the database has no account. Who must
# log in for what is tests/test_cli_auth.py's.)

def test_cli_sslmode_options_and_url_query(tls_server, pki):
    by_options = admin("--sslmode", "verify-full", "--sslrootcert", str(pki.ca), "release", "list",
                       db=url(tls_server, password=None), stdin=PG_PASSWORD + "\n", extra=["--db-password-stdin"])
    assert by_options.returncode == 0 and by_options.stderr == "", by_options.stderr
    by_query = admin("release", "list", db=url(tls_server, password=None, sslrootcert=pki.ca),
                     stdin=PG_PASSWORD + "\n", extra=["--db-password-stdin"])
    assert by_query.returncode == 0 and by_query.stderr == "", by_query.stderr


def test_cli_warns_on_one_line_when_not_encrypted(tls_server):
    if LAN is None:
        pytest.skip("no network address on this machine")
    for lang, words in (("zh_CN", "警告：与数据库服务器的连接未加密"), ("en", "Warning: the connection to the database "
                                                                             "server is not encrypted")):
        result = admin("--lang", lang, "release", "list",
                       db=url(tls_server, host=LAN, password=None, sslmode="disable"),
                       stdin=PG_PASSWORD + "\n", extra=["--db-password-stdin"])
        one_line(result, 0, words)
    # on this computer (loopback) the traffic reaches no network: no line, the label still says it
    local = admin("release", "list", db=url(tls_server, password=None, sslmode="disable"),
                  stdin=PG_PASSWORD + "\n", extra=["--db-password-stdin"])
    assert local.returncode == 0 and local.stderr == "", local.stderr


def test_cli_refuses_a_password_in_the_url_on_the_command_line(tls_server):
    result = admin("audit", "verify", db=url(tls_server))
    err = one_line(result, 2, "命令行中的数据库 URL 含有密码", "--db-password-stdin", "pgpass")
    assert PG_PASSWORD not in err + result.stdout


def test_cli_takes_relgui_db_with_a_password_but_warns(tls_server):
    result = admin("release", "list", env={"RELGUI_DB": url(tls_server)})
    err = one_line(result, 0, "RELGUI_DB 中的 URL 含有密码")
    assert PG_PASSWORD not in err + result.stdout


def test_cli_password_from_stdin_and_a_wrong_one(tls_server):
    ok = admin("release", "list", db=url(tls_server, password=None), stdin=PG_PASSWORD + "\n",
               extra=["--db-password-stdin"])
    assert ok.returncode == 0 and ok.stderr == "", ok.stderr
    wrong = admin("user", "list", db=url(tls_server, password=None), stdin="not-it\n", extra=["--db-password-stdin"])
    err = one_line(wrong, 3, "拒绝了用户“postgres”的密码")
    assert "not-it" not in err + wrong.stdout


def test_cli_without_any_password_says_where_one_may_come_from(tls_server):
    err = one_line(admin("audit", "verify", db=url(tls_server, password=None)), 3, "要求密码", "--db-password-stdin")
    assert PG_PASSWORD not in err


def test_cli_reads_a_pgpass_file(tls_server, tmp_path):
    pgpass = tmp_path / "pgpass.conf"
    pgpass.write_text(f"127.0.0.1:{tls_server.port}:{DB}:postgres:{PG_PASSWORD}\n")
    pgpass.chmod(0o600)  # libpq ignores a pgpass file others can read
    result = admin("release", "list", db=url(tls_server, password=None), env={"PGPASSFILE": str(pgpass)})
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_cli_reads_the_credential_store_entry_the_gui_saved(tls_server, tmp_path, qtbot, monkeypatch, sqlite_world):
    import keyring
    from gui_support import gui_context
    from keyring_for_tests import FileKeyring
    from PySide6.QtWidgets import QDialog

    from relgui.gui.dialogs.database import DatabaseDialog

    store = tmp_path / "keyring.json"
    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(store))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        gctx = gui_context(sqlite_world, "admin", tmp_path)
        dialog = DatabaseDialog(gctx)
        qtbot.addWidget(dialog)
        dialog.ui.server_radio.setChecked(True)
        dialog.ui.host.setText("127.0.0.1")
        dialog.ui.port.setValue(tls_server.port)
        dialog.ui.dbname.setText(DB)
        dialog.ui.user.setText("postgres")
        dialog.ui.password.setText(PG_PASSWORD)
        dialog.save()
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.ui.status.text()
    finally:
        keyring.set_keyring(previous)
    assert PG_PASSWORD not in gctx.settings.path.read_text() and PG_PASSWORD in store.read_text()
    result = admin("release", "list", db=url(tls_server, password=None),
                   env={"RELGUI_TEST_KEYRING": str(store), "PYTHON_KEYRING_BACKEND": "keyring_for_tests.FileKeyring",
                        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])})
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_cli_asks_on_a_terminal_when_nothing_else_gave_the_password(tls_server, monkeypatch, capsys):
    import getpass

    from relgui.cli.main import main

    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or PG_PASSWORD)
    monkeypatch.setenv("PGPASSFILE", str(TESTS / "no-such-pgpass"))
    monkeypatch.delenv("RELGUI_DB", raising=False)
    assert main(["--db", url(tls_server, password=None), "release", "list"]) == 0
    assert asked == [f"数据库密码（postgres@127.0.0.1:{tls_server.port}/{DB}）："]
    out = capsys.readouterr()
    assert PG_PASSWORD not in out.out + out.err


def test_cli_reads_the_database_password_then_the_new_users(tls_server):
    """--db-password-stdin takes the first line; init --admin --password-stdin the next. Then:
    the database's, the login's (--password-stdin), and user add --password-stdin's."""
    first = admin("init", "--admin", "tls_admin", "--name", "传输管理员", "--password-stdin",
                  db=url(tls_server, password=None), stdin=f"{PG_PASSWORD}\nAdmin-long-unusual-94\n",
                  extra=["--db-password-stdin"])
    assert first.returncode == 0 and "tls_admin" in first.stdout, first.stderr
    result = admin("user", "add", "tls_user", "--role", "engineer", "--name", "传输测试", "--password-stdin",
                   db=url(tls_server, password=None),
                   stdin=f"{PG_PASSWORD}\nAdmin-long-unusual-94\nA-long-unusual-pass-93\n",
                   extra=["--db-password-stdin", "--user", "tls_admin", "--password-stdin"])
    assert result.returncode == 0 and "tls_user" in result.stdout, result.stderr
    assert PG_PASSWORD not in result.stdout + result.stderr + first.stdout + first.stderr


# ------------------------------------------------------------------------------------------
# the password never in a message or a log
# ------------------------------------------------------------------------------------------

def test_no_message_or_log_line_shows_the_password(tls_server, caplog):
    import logging

    from relgui.store.engine import normalise_url

    caplog.set_level(logging.DEBUG)
    said = []
    for address in (f"postgresql://postgres:{PG_PASSWORD}@127.0.0.1:1/{DB}",  # nothing listens there
                    url(tls_server, sslmode="verify-full", sslrootcert=TESTS / "no-such-ca.pem"),
                    f"mysql://postgres:{PG_PASSWORD}@127.0.0.1/{DB}"):
        with pytest.raises((StorageUnavailable, InvalidInput)) as refused:
            open_database(address, create=False)
        said += [refused.value.message("zh_CN"), refused.value.message("en"), str(refused.value)]
    with pytest.raises(InvalidInput) as unknown:
        normalise_url(f"mysql://postgres:{PG_PASSWORD}@h/db")
    said.append(unknown.value.message("en"))
    db = opened(url(tls_server))
    try:
        said += [db.describe(), repr(db.engine), str(db.engine.url)]
    finally:
        db.dispose()
    assert all(PG_PASSWORD not in text for text in said), said
    assert PG_PASSWORD not in caplog.text


# ------------------------------------------------------------------------------------------
# the settings dialog
# ------------------------------------------------------------------------------------------

def test_dialog_keeps_verify_full_with_its_ca_file_and_warns_on_disable(tls_server, pki, tmp_path, qtbot,
                                                                        monkeypatch, sqlite_world):
    from gui_support import gui_context
    from PySide6.QtWidgets import QDialog

    from relgui.gui import dbconfig
    from relgui.gui.dialogs.database import DatabaseDialog

    stored = {}
    monkeypatch.setattr(dbconfig, "store_password", lambda cfg, pw: stored.setdefault(cfg.account, pw) or True)
    gctx = gui_context(sqlite_world, "admin", tmp_path)
    gctx.settings.set("db/pg_sslmode", "prefer")  # what an older version saved: now relgui's default
    dialog = DatabaseDialog(gctx)
    qtbot.addWidget(dialog)
    assert dialog.sslmode() == "require" and "不验证服务器身份" in dialog.ui.tls_warning.text()
    dialog.ui.sslmode.setCurrentIndex(dialog.ui.sslmode.findData("disable"))
    assert "连接将不加密" in dialog.ui.tls_warning.text() and not dialog.ui.sslrootcert.isEnabled()
    dialog.ui.server_radio.setChecked(True)
    dialog.ui.host.setText("localhost")
    dialog.ui.port.setValue(tls_server.port)
    dialog.ui.dbname.setText(DB)
    dialog.ui.user.setText("postgres")
    dialog.ui.password.setText(PG_PASSWORD)
    dialog.ui.sslmode.setCurrentIndex(dialog.ui.sslmode.findData("verify-full"))
    dialog.ui.sslrootcert.setText(str(pki.other_ca))  # the wrong CA: refused in words, nothing saved
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted and "无法用所配置的 CA 证书验证" in dialog.ui.status.text()
    dialog.ui.sslrootcert.setText(str(pki.ca))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.ui.status.text()
    s = gctx.settings
    assert (s.get("db/pg_sslmode"), s.get("db/pg_sslrootcert")) == ("verify-full", str(pki.ca))
    assert PG_PASSWORD not in s.path.read_text() and list(stored.values()) == [PG_PASSWORD]
    db = open_database(dbconfig.url_from_settings(s).set(password=PG_PASSWORD), create=False)
    try:
        assert ssl_in_use(db) and db.tls.mode == "verify-full"
    finally:
        db.dispose()
