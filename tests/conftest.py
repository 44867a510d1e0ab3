"""Test harness: every storage and service test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started by the test run itself (tests/pgserver.py). Where its
binaries are missing the PostgreSQL half is skipped with the reason — except under CI=true,
where that is a failure, and where a run in which no PostgreSQL test passed fails too.

On PostgreSQL the tests run as a workstation does: the template database is created by the
superuser and set up by relgui-admin init's own code (pgroles.setup: the owner role holds the
schema, the workstation role gets the privilege matrix), and every test's ``Database``
connects as the workstation login ``relgui_ws``. ``world.owner_engine`` acts as the schema's
owner, for tests that tamper with rows behind the app (on SQLite it is the database's engine).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The per-user data folder (anchor log, logs) of everything the tests start: never the real one.
os.environ.setdefault("RELGUI_HOME", __import__("tempfile").mkdtemp(prefix="relgui-test-home-"))

from relgui.domain.lifecycle import Actor  # noqa: E402
from relgui.domain.timeutil import FixedClock  # noqa: E402
from relgui.domain.versions import NEW  # noqa: E402
from relgui.services import company, inventory, users  # noqa: E402
from relgui.services.context import AppContext, system_actor  # noqa: E402
from relgui.store import schema  # noqa: E402
from relgui.store.engine import Database  # noqa: E402
from relgui.store.pgroles import OWNER_ROLE, WORKSTATION_ROLE  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import gui_thread_guard  # noqa: E402
from pgserver import PgServer  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
START = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing
PASSWORD = "correct-horse-9"
PEOPLE = [
    ("admin", "系统管理员", ("admin",)),
    ("lina", "李娜", ("manager",)),
    ("zhaomin", "赵敏", ("manager",)),
    ("zhangwei", "张伟", ("engineer",)),
    ("wangfang", "王芳", ("engineer",)),
    ("liuyang", "刘洋", ("engineer", "manager")),
    ("auditor", "审计员", ("auditor",)),
]

WORKSTATION_LOGIN = "relgui_ws"  # a LOGIN member of WORKSTATION_ROLE: the credentials on a workstation

_pg_passed = 0


@pytest.fixture(autouse=True)
def _no_statement_from_the_gui_thread():
    """Issue 17 item 1, as a ratchet over every test: the GUI's code sends no statement to the
    database from the GUI thread (tests/gui_thread_guard.py names any that does). Defined first, so
    it is checked last, after the other fixtures have delivered what was running and closed
    the test's windows."""
    gui_thread_guard.install()
    gui_thread_guard.take()
    yield
    sent = gui_thread_guard.take()
    assert not sent, "statements sent from the GUI thread by: " + ", ".join(f"{k} ({n})" for k, n in sent.items())


@pytest.fixture(autouse=True)
def _gui_ops_delivered():
    """The GUI's operations run on workers (relgui/gui/ops.py): a test ends only once those it
    started have delivered, so none reaches the next test's windows or database."""
    yield
    ops = sys.modules.get("relgui.gui.ops")
    if ops is not None and ops.running():
        assert ops.wait_all(30), "GUI operations still running 30 s after the test"


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: make it fail the test instead.
    Tests answer dialogs by replacing their ``ask``/``show_for`` classmethods, ops.tell/ask,
    or the QFileDialog/QInputDialog functions they use."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(*args, **kwargs):
        title = args[0].windowTitle() if args and hasattr(args[0], "windowTitle") else ""
        raise AssertionError(f"a modal dialog would block the test run: {title or args[1:3]!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("question", "information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    for name in ("getItem", "getText", "getInt", "getDouble", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(refuse))


def pytest_runtest_logreport(report):
    """Counted where the run's outcome is decided: the controller under pytest-xdist (the
    workers' reports reach it), the one process otherwise."""
    global _pg_passed, _ldap_collected, _ldap_passed
    uses_slapd = ("fixture", "slapd") in getattr(report, "user_properties", ())
    if report.when == "setup" and uses_slapd:
        _ldap_collected += 1
    if report.when == "call" and report.passed:
        if "postgresql" in report.nodeid:
            _pg_passed += 1
        if uses_slapd:
            _ldap_passed += 1


# The directory-login tests run against a real slapd (tests/ldapserver.py, fixture ``slapd``):
# under CI a run that collected them and in which none passed fails, as for PostgreSQL.
_ldap_collected = 0
_ldap_passed = 0


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if "slapd" in getattr(item, "fixturenames", ()):
        report.user_properties.append(("fixture", "slapd"))  # travels with the report (xdist)
    return report


def _is_xdist_worker(session) -> bool:
    return hasattr(session.config, "workerinput")


def pytest_sessionfinish(session, exitstatus):
    if not IN_CI or _is_xdist_worker(session):
        return
    if exitstatus == 0 and session.testscollected and _pg_passed == 0:
        session.exitstatus = 1
        print("\nCI: no PostgreSQL test passed — the PostgreSQL half of the suite did not run.", file=sys.stderr)
    if session.exitstatus == 0 and _ldap_collected and _ldap_passed == 0:
        session.exitstatus = 1
        print("\nCI: no directory (slapd) test passed — the directory-login tests did not run.", file=sys.stderr)


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = PgServer()
        server.start()
    except (RuntimeError, OSError) as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL test server could not start under CI: {exc}")
        pytest.skip(f"PostgreSQL not available here: {exc}")
    yield server
    server.stop()


def _seed(db: Database) -> dict[str, int]:
    """What every test database starts with: the people, company settings, a small inventory."""
    ctx = AppContext(db=db, actor=system_actor("tests"), clock=FixedClock(START))
    company.save(ctx, company_name="北京新都远景网络技术有限公司", department="运维管理部",
                 number_pattern="FB-{year}-{seq:04d}", expected_version=NEW)
    ids = {}
    for username, name, roles in PEOPLE:
        ids[username] = users.add(ctx, username, name, roles, PASSWORD).id
    for name, artifact in (("核心交易系统-应用服务器", "core-trade-app"), ("网上银行系统-数据库", "ebank-db")):
        inventory.add_config_item(ctx, name, ci_type="应用", environment="生产环境", artifact=artifact,
                                  current_version="1.0.0")
        for v in ("1.0.0", "1.1.0", "2.0.0"):
            inventory.register_version(ctx, artifact, v, sha256=hashlib.sha256(f"{artifact} {v}".encode()).hexdigest(),
                                       location=f"\\\\dsl\\{artifact}\\{v}", approve=True)
    inventory.register_version(ctx, "core-trade-app", "9.9.9-rc", sha256="f" * 64, location="\\\\dsl\\rc")
    return ids


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(f"sqlite:///{path}")
    schema.ensure(db.engine)
    ids = _seed(db)
    db.dispose()
    return path, ids


@pytest.fixture(scope="session")
def pg_template(pg_server):
    from sqlalchemy import create_engine, text

    from relgui.store import pgroles

    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE relgui_template"))
    setup = create_engine(pg_server.url("relgui_template"))  # the superuser runs init's set-up
    report = pgroles.setup(setup, owner=OWNER_ROLE, workstation=WORKSTATION_ROLE, login=WORKSTATION_LOGIN)
    setup.dispose()
    assert report.ok, report.problem_lines("en")
    db = Database(pg_server.url("relgui_template", user=WORKSTATION_LOGIN))  # seeded as a workstation
    ids = _seed(db)
    db.dispose()
    yield admin, ids
    admin.dispose()


_counter = 0


@dataclass
class World:
    """One fresh database and the people who use it."""

    db: Database
    clock: FixedClock
    ids: dict[str, int]
    backend: str
    owner: Engine | None = None  # PostgreSQL: the schema's owner (SQLite: the database's engine)

    @property
    def owner_engine(self) -> Engine:
        """Acts as the schema's owner: what an administrator could do behind the app."""
        return self.owner if self.owner is not None else self.db.engine

    def actor(self, username: str) -> Actor:
        name, roles = next((n, r) for u, n, r in PEOPLE if u == username)
        return Actor(self.ids[username], username, name, frozenset(roles))

    def ctx(self, username: str | None = None) -> AppContext:
        actor = system_actor("tests") if username is None else self.actor(username)
        return AppContext(db=self.db, actor=actor, clock=self.clock)


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request, tmp_path):
    global _counter
    clock = FixedClock(START)
    if request.param == "sqlite":
        template, ids = request.getfixturevalue("sqlite_template")
        path = tmp_path / "relgui.db"
        shutil.copy(template, path)
        db = Database(f"sqlite:///{path}")
        yield World(db, clock, ids, "sqlite")
        db.dispose()
        return
    from sqlalchemy import text

    admin, ids = request.getfixturevalue("pg_template")
    _counter += 1
    name = f"t{os.getpid()}_{_counter}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE relgui_template"))
    server = request.getfixturevalue("pg_server")
    from sqlalchemy import create_engine

    db = Database(server.url(name, user=WORKSTATION_LOGIN))
    owner = create_engine(server.url(name, role=OWNER_ROLE))
    yield World(db, clock, ids, "postgresql", owner)
    db.dispose()
    owner.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def sqlite_world(sqlite_template, tmp_path):
    template, ids = sqlite_template
    # Not world's relgui.db: a test with both would copy the template over a database in use.
    path = tmp_path / "sqlite-world.db"
    shutil.copy(template, path)
    db = Database(f"sqlite:///{path}")
    yield World(db, FixedClock(START), ids, "sqlite")
    db.dispose()


_demo_cache: dict[tuple, tuple] = {}


@pytest.fixture
def with_demo(request):
    """``with_demo(world, releases, seed)``: the world's database as ``demo.generate`` leaves it.
    The first call per backend, size and seed runs the real generator (its own tests in
    test_demo.py always do); later calls copy what it wrote — the SQLite file, or a PostgreSQL
    database made from it as a template — since the demo's archived plans make each run cost
    seconds and a dozen tests only need its data. Same clock, same seed: the same rows."""
    from sqlalchemy import text

    from relgui import demo

    def use(world: World, releases: int, seed: int):
        key = (world.backend, releases, seed)
        url = world.db.engine.url
        if world.backend == "sqlite":
            path = Path(url.database)
            if key not in _demo_cache:
                report = demo.generate(world.ctx(), releases=releases, seed=seed)
                world.db.dispose()  # the last connection closed: the WAL is checkpointed into the file
                kept = Path(request.getfixturevalue("tmp_path_factory").mktemp("demo")) / "demo.db"
                shutil.copy(path, kept)
                _demo_cache[key] = (kept, report)
                return report
            kept, report = _demo_cache[key]
            world.db.dispose()
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            shutil.copy(kept, path)
            return report
        admin, _ = request.getfixturevalue("pg_template")
        name = url.database
        if key not in _demo_cache:
            report = demo.generate(world.ctx(), releases=releases, seed=seed)
            world.db.dispose()
            world.owner_engine.dispose()
            kept = f"demo_{os.getpid()}_{releases}_{seed}"
            with admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {kept} TEMPLATE {name}"))
            _demo_cache[key] = (kept, report)
            return report
        kept, report = _demo_cache[key]
        world.db.dispose()
        world.owner_engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {kept}"))
        return report

    return use


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Every operation a test's GUI started on a worker (gui/ops.py) is delivered before the
    test's widgets are torn down: a result arriving later would reach a deleted widget inside
    another test's event loop (seen once as a segmentation fault in a later GUI test)."""
    yield
    ops = sys.modules.get("relgui.gui.ops")
    if ops is not None and ops._RUNNING:
        ops.wait_all(30.0)


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, with the cycle collector moved to its thread as relgui.gui.main
    does (gui/gcguard.py): a collection on a worker would free Qt objects on the wrong thread."""
    from relgui.gui import gcguard

    gcguard.install(qapp)
    return qapp


def _guard_collector() -> None:
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        from relgui.gui import gcguard

        if not gcguard.installed():
            gcguard.install(app)


def _default_locale():
    from PySide6.QtCore import QLocale

    return QLocale()


@pytest.fixture(autouse=True)
def _no_widget_outlives_its_test(request):
    """A window a GUI test left behind (closed, not deleted) keeps its timers: its poller and
    alert rounds would start operations inside the next test's event loops. After each test
    that used Qt: deliver what is running, delete every top-level widget, run the deletions,
    and collect cycles here, on the GUI thread (gui/gcguard.py)."""
    _guard_collector()
    locale = _default_locale()
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    if locale is not None:
        # A test that switched the GUI to English (gui/i18n.py sets the default locale) must not
        # leave the next test of the same process speaking English.
        from PySide6.QtCore import QLocale

        QLocale.setDefault(locale)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    _guard_collector()
    ops = sys.modules.get("relgui.gui.ops")
    if ops is not None and ops._RUNNING:
        ops.wait_all(30.0)
    for widget in app.topLevelWidgets():
        try:
            widget.close()
            widget.deleteLater()
        except RuntimeError:
            pass
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    from relgui.gui import gcguard

    gcguard.due()
