"""Files relgui creates are its owner's only (0600) on POSIX, whatever the umask; and the
database settings dialog creates a database only when asked.

Each test sets the umask most systems have (022: new files 0644, readable by everyone) and
looks at st_mode of the real files written: the SQLite database and its -wal/-shm, backups,
Excel/Word/PDF/PNG exports, batch documents, attachment copies, the settings INI and the log.
A source scan keeps new code on relgui.fsutil.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from flows import release_at
from gui_support import Told, gui_context

from relgui import fsutil
from relgui.domain.states import Status

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows relies on the profile's ACL")

ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def assert_private(*paths: Path) -> None:
    for path in paths:
        assert path.exists(), path
        assert mode(path) == 0o600, f"{path.name}: {oct(mode(path))}"


# ------------------------------------------------------------------------------------------
# the helper
# ------------------------------------------------------------------------------------------

def test_private_output_is_0600_atomic_and_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "report.docx"
    fsutil.write_private(target, b"first")
    assert_private(target)
    with pytest.raises(RuntimeError):
        with fsutil.private_output(target) as tmp:
            assert_private(tmp)  # private from its first byte
            tmp.write_bytes(b"half")
            raise RuntimeError("writer failed")
    assert target.read_bytes() == b"first" and sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    target.chmod(0o644)  # a file that was there, readable by all: replaced by a private one
    fsutil.write_private(target, b"second")
    assert target.read_bytes() == b"second" and mode(target) == 0o600


def test_create_private_never_takes_an_existing_name_or_follows_a_link(tmp_path):
    os.umask(0o000)  # even then
    assert fsutil.create_private(tmp_path / "new.db") and mode(tmp_path / "new.db") == 0o600
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "planted").symlink_to(victim)
    assert not fsutil.create_private(tmp_path / "planted") and victim.read_text() == "keep"
    assert not fsutil.create_private(tmp_path / "new.db")


# ------------------------------------------------------------------------------------------
# the database, backups
# ------------------------------------------------------------------------------------------

def test_a_new_sqlite_database_and_its_wal_and_shm_are_0600(tmp_path):
    from relgui.domain.versions import NEW
    from relgui.services import company
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    path = tmp_path / "data" / "relgui.db"
    db = open_database(str(path), create=True)
    try:
        ctx = AppContext(db=db)
        company.save(ctx, company_name="北京新都远景网络技术有限公司", department="运维管理部",
                     number_pattern="FB-{year}-{seq:04d}", expected_version=NEW)  # a write: the WAL is in use
        assert_private(path, Path(f"{path}-wal"), Path(f"{path}-shm"))  # SQLite copies the database's mode
    finally:
        db.dispose()


def _admin(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RELGUI_DB"}
    return subprocess.run([sys.executable, "-m", "relgui.cli.main", *args], capture_output=True, text=True,
                          timeout=120, env=env, cwd=cwd, input=stdin)


def test_relgui_admin_makes_the_database_and_the_backup_0600(tmp_path):
    db, zipped = tmp_path / "new" / "relgui.db", tmp_path / "backup.zip"
    password = "first-admin-pw-7"
    made = _admin("--db", str(db), "init", "--admin", "boss", "--name", "老板", "--password-stdin", cwd=tmp_path,
                  stdin=password)
    assert made.returncode == 0, made.stderr
    done = _admin("--db", str(db), "--user", "boss", "--password-stdin", "backup", str(zipped), cwd=tmp_path,
                  stdin=password)
    assert done.returncode == 0, done.stderr
    assert_private(db, zipped)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.zip", "new"]  # no temporary file left


def test_backup_replacing_an_old_one_is_0600(world, tmp_path):
    from relgui.services import backup

    old = tmp_path / "nightly.zip"
    old.write_bytes(b"an older backup")
    old.chmod(0o644)
    backup.backup(world.ctx(), old)
    assert_private(old)


# ------------------------------------------------------------------------------------------
# exports and documents
# ------------------------------------------------------------------------------------------

def test_excel_exports_are_0600(sqlite_world, tmp_path):
    from relgui.services import exports, register

    release_at(sqlite_world, Status.REQUESTED)
    exports.export_register(sqlite_world.ctx("lina"), register.RegisterQuery(), tmp_path / "register.xlsx")
    exports.export_kpi(sqlite_world.ctx("lina"), "2026Q3", "2026Q4", tmp_path / "kpi.xlsx")
    assert_private(tmp_path / "register.xlsx", tmp_path / "kpi.xlsx")


def test_relgui_admin_documents_and_kpi_report_are_0600(sqlite_world, tmp_path, capsys):
    from relgui.cli.main import main

    number = release_at(sqlite_world, Status.CLOSED)
    url = sqlite_world.db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "doc", "report", number, "-o", str(tmp_path / "report.docx")]) == 0
    assert main(["--db", url, "kpi", "--quarter", "2026Q4", "--docx", str(tmp_path / "kpi.docx")]) == 0
    assert_private(tmp_path / "report.docx", tmp_path / "kpi.docx")


def test_attachment_copies_are_the_owners_only(world, tmp_path):
    from relgui.services import attachments

    number = release_at(world, Status.PLAN_APPROVED)
    view = attachments.add(world.ctx("zhangwei"), number, b"%PDF-1.4 evidence", filename="环境检查.pdf")
    path = attachments.export(world.ctx("auditor"), view.id, tmp_path / "copies")
    assert mode(path) == 0o400  # read-only, and for its owner only
    again = attachments.export(world.ctx("auditor"), view.id, tmp_path / "copies")
    assert again == path and mode(path) == 0o400


def test_dashboard_png_is_0600(tmp_path):
    from matplotlib.figure import Figure

    from relgui.charts import dashboard

    fig = Figure()
    fig.add_subplot().plot([1, 2], [3, 4])
    assert_private(dashboard.save_png(fig, tmp_path / "dash.png", dpi=30))


def test_gui_documents_pdf_and_batch_are_0600(sqlite_world, tmp_path, qtbot, monkeypatch):
    from relgui.gui import batch_documents, files
    from relgui.gui.documents_panel import DocumentsPanel
    from relgui.services import details

    Told(monkeypatch)
    number = release_at(sqlite_world, Status.PLAN_APPROVED, type_="major")
    gctx = gui_context(sqlite_world, "lina", tmp_path)
    panel = DocumentsPanel(gctx, details.show(gctx.app, number))
    qtbot.addWidget(panel)
    for name, action in (("plan.docx", panel.save_docx), ("plan.pdf", panel.export_pdf)):
        out = tmp_path / name
        monkeypatch.setattr(files, "get_save_file_name", staticmethod(lambda *a, o=out, **k: (str(o), "")))
        action("plan")
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert_private(tmp_path / "plan.docx", tmp_path / "plan.pdf")
    folder = tmp_path / "batch"
    folder.mkdir()
    assert batch_documents.write_all(None, gctx, [number], "plan", folder) == 1
    assert_private(*folder.iterdir())


def test_quarterly_report_from_the_dashboard_is_0600(sqlite_world, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from relgui.gui.insight import exports

    class Window(QWidget):  # what quarterly_report reads of the dashboard window (a widget: ops.call's parent)
        data = None

        def range(self):
            return ("2026Q3", "2026Q3")

    window = Window()
    qtbot.addWidget(window)
    window.gctx = gui_context(sqlite_world, "lina", tmp_path)
    Told(monkeypatch)
    out = tmp_path / "季度报告.docx"
    monkeypatch.setattr(exports, "choose_quarter", lambda parent, offered, default: "2026Q3")
    monkeypatch.setattr(exports, "save_name", lambda *a: out)
    assert exports.quarterly_report(window) == out
    assert_private(out)


# ------------------------------------------------------------------------------------------
# settings and the log
# ------------------------------------------------------------------------------------------

def test_settings_ini_is_0600_and_stays_so_when_qt_rewrites_it(tmp_path):
    from relgui.gui.settings import Settings

    s = Settings(tmp_path / "relgui.ini")
    s.set("db/pg_host", "db.example.cn")
    s.sync()
    s.set("db/pg_user", "relgui")
    s.sync()
    assert "db.example.cn" in (tmp_path / "relgui.ini").read_text()
    assert_private(tmp_path / "relgui.ini")


def test_the_log_and_its_rotations_are_0600(tmp_path, monkeypatch):
    from relgui.gui import crash

    monkeypatch.setenv("RELGUI_HOME", str(tmp_path))
    root = logging.getLogger()
    before = list(root.handlers)
    path = crash.setup_logging()
    try:
        logging.getLogger("relgui.test").warning("database unavailable")
        assert_private(path)
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
    handler = fsutil.PrivateRotatingFileHandler(tmp_path / "small.log", maxBytes=200, backupCount=2)
    log = logging.getLogger("relgui.rotation")
    log.addHandler(handler)
    try:
        for i in range(30):
            log.warning("line %d of a log that rotates", i)
    finally:
        log.removeHandler(handler)
        handler.close()
    rotated = sorted(tmp_path.glob("small.log*"))
    assert len(rotated) == 3
    assert_private(*rotated)


# ------------------------------------------------------------------------------------------
# new code stays on the helper
# ------------------------------------------------------------------------------------------

WRITERS = re.compile(r"\.write_bytes\(|\.write_text\(|\bopen\([^)]*[\"'][wax]b?[\"']|QPdfWriter\(|\bRotatingFileHandler\("
                     r"|\.save\(|ZipFile\([^)]*[\"']w[\"']")
NOT_A_FILE = re.compile(r"\b(company|saver|autosaver|self|painter)\.save\(|\.save\((out|ctx)\b")  # records, Qt state
ALLOWED = {
    "relgui/fsutil.py",  # the helper itself
    "relgui/documents/package.py",  # a zip in memory (io.BytesIO)
    "relgui/render/qtpages.py",  # QPdfWriter on a QBuffer in memory; the bytes go through fsutil
    "relgui/services/backup.py",  # zipfile on fsutil.private_output's temporary file
    "relgui/adapters/excel.py",  # openpyxl on fsutil.private_output's temporary file
}


def test_files_are_written_through_fsutil():
    found = []
    for path in sorted((ROOT / "relgui").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED or "/forms/" in rel:
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if WRITERS.search(code) and not NOT_A_FILE.search(code):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []


# ------------------------------------------------------------------------------------------
# the settings dialog creates a database only when asked
# ------------------------------------------------------------------------------------------

def _dialog(world, tmp_path, qtbot):
    from relgui.gui.dialogs.database import DatabaseDialog

    dialog = DatabaseDialog(gui_context(world, "admin", tmp_path))
    qtbot.addWidget(dialog)
    dialog.ui.local_radio.setChecked(True)
    return dialog


def test_testing_a_mistyped_path_creates_nothing_and_names_it(sqlite_world, tmp_path, qtbot):
    from PySide6.QtWidgets import QDialog

    typo = tmp_path / "typo" / "sub" / "x.db"
    dialog = _dialog(sqlite_world, tmp_path, qtbot)
    dialog.ui.sqlite_path.setText(str(typo))
    assert not dialog.test()
    assert str(typo) in dialog.ui.status.text() and "找不到数据库文件" in dialog.ui.status.text()
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted and not (tmp_path / "typo").exists()
    dialog.ui.create_new.setChecked(True)  # the explicit choice: testing still creates nothing …
    assert dialog.test() and "保存时将新建" in dialog.ui.status.text() and not (tmp_path / "typo").exists()
    dialog.save()  # … saving does, 0600
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert_private(typo)
    assert dialog.gctx.settings.get("db/sqlite_path") == str(typo)
    from relgui.services.database import open_database

    open_database(str(typo), create=False).dispose()  # a relgui database, not an empty file


def test_testing_an_existing_database_changes_nothing(sqlite_world, sqlite_template, tmp_path, qtbot):
    import hashlib
    import shutil

    path = tmp_path / "existing.db"
    shutil.copy(sqlite_template[0], path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    dialog = _dialog(sqlite_world, tmp_path, qtbot)
    dialog.ui.sqlite_path.setText(str(path))
    assert dialog.test() and "连接成功" in dialog.ui.status.text()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    dialog.ui.sqlite_path.setText(str(empty))
    assert not dialog.test() and "还不是 relgui 数据库" in dialog.ui.status.text()
    assert empty.read_bytes() == b"" and hashlib.sha256(path.read_bytes()).hexdigest() == before
