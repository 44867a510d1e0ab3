"""What every relgui-admin command shares: opening the context, JSON output, usage errors.

Connecting to PostgreSQL (docs/install-windows.md, "共享服务器"):

- TLS: ``--sslmode verify-full|require|disable`` and ``--sslrootcert FILE`` (or the same as
  the URL's query: ``postgresql://user@host/db?sslmode=verify-full&sslrootcert=ca.pem``; the
  options win). Default: verify-full with a CA file, require without (relgui.store.connection).
  A connection that is not encrypted is said on stderr, one line, every time, unless the server
  is on this computer (loopback, a Unix socket); ``describe()`` says it either way.
- The password is never taken from a URL on the command line (refused: the process list shows
  it to every user). In order: ``--db-password-stdin`` (the first line of standard input;
  ``user add --password-stdin`` then reads the next line), the system credential store entry
  the GUI saved for the same server and user, a pgpass file (PGPASSFILE, read by libpq), and,
  when the server still asks and standard input is a terminal, a prompt (getpass, not echoed).
  A password inside RELGUI_DB is used with a warning (the environment is not world-readable,
  but it is inherited and logged).

Logging in as a relgui user (``--user NAME``, before the command, like ``--db``):

- Every command that changes relgui's records, and ``user list``, ``audit`` and ``backup``,
  acts as the relgui user who logged in; never as "the system", never as the operating
  system's login name ($LOGNAME can be set to anyone). The audit trail records that user's
  display name and id. Without ``--user`` such a command exits 3 naming the role it needs.
- The password, in order: ``--password-stdin`` (the next line of standard input: after the
  database password's line when ``--db-password-stdin`` is given, before the new account's
  line of ``user add --password-stdin`` / ``init --admin … --password-stdin``), the system's
  credential store (keyring: service ``relgui-admin``, entry ``NAME@WHERE`` with WHERE the
  server ``host:port/database`` or the SQLite file's absolute path; saved by ``relgui-admin
  --user NAME login --remember``, removed by ``login --forget``; the GUI's database password is
  another entry, service ``relgui``), and, when standard input is a terminal, a prompt
  (getpass). The login is relgui's own (``users.login``): a wrong password is audited and
  counts toward the lockout, a wrong stored one as well (the message says it came from the
  credential store).
- The roles a command needs (LOGIN below) are checked here right after the login, to refuse
  before any work, and again by the services inside their unit of work, where rights are
  re-read from the database. Read-only commands (``release``, ``kpi``, ``doc plan|report|
  verify|code``) need no login: the database credentials that open them already read every
  table, so a login would protect nothing; given ``--user``, they log in all the same.
  Without a login they act as READER, whom every unit of work refuses.
- ``init`` needs no login to create or upgrade the schema and set up PostgreSQL's roles (the
  server itself decides who may: the owner or a superuser); on a database without accounts
  ``--admin NAME --name 显示名`` creates the first administrator, and company settings are
  saved only by an administrator (the new one, or one who logs in). ``restore`` needs no
  login when the target database has no account (it must be empty; the backup brings its
  accounts); otherwise an administrator's.
"""

from __future__ import annotations

import json
import sys

from relgui.domain.errors import AuthError, InvalidInput, PolicyViolation, Refusal, RelguiError
from relgui.domain.lifecycle import Actor
from relgui.domain.messages import render
from relgui.store import connection

# The services and the engine wait for the command that opens a database: SQLAlchemy's ORM, the
# models and the use cases cost relgui-admin --help/--version, which build every parser from this
# module, 200-460 ms more (python -X importtime; each import below says its own figure).


class UsageError(Exception):
    """A command line that makes no sense: printed on one line, exit code 2."""


# The commands that may make a new SQLite file at the path they are given: init, and restore
# (which fills only an empty database, so a new file is what it is for). Every other command
# refuses a missing or empty file naming the path (a mistyped --db made an empty database).
CREATING = frozenset({"init", "restore"})

# The roles each command needs (any one of them). The services check again in their unit of
# work; read-only commands are not listed (see above). docs: README.md, "relgui-admin".
LOGIN: dict[str, tuple[str, ...]] = {
    "user add": ("admin",), "user disable": ("admin",), "user list": ("admin",),
    "demo": ("admin",), "backup": ("admin",), "restore": ("admin",),
    "audit verify": ("admin", "auditor"), "audit anchors": ("admin", "auditor"), "audit baseline": ("admin",),
    "doc archive": ("engineer", "manager"),  # relgui.services.documents._may_archive
    "init": ("admin",),  # only for what it changes in relgui's records: company settings
}

KEYRING_SERVICE = "relgui-admin"  # the relgui login's password; the database's is "relgui" (store/connection.py)

# Who acts before a login, in users.login's own unit of work (its auth.* events name the account
# tried) and when init creates the first administrator: the tool, never the OS account's name.
PRE_LOGIN = Actor(None, "relgui-admin", "relgui-admin")
FIRST_RUN = Actor(None, "relgui-admin", "relgui-admin init")
# Who acts in a command that needs no login: nobody. A unit of work reads this actor's rights
# first and finds no account (AuthError): a read-only command that tried to write would fail.
READER = Actor(-1, "", "relgui-admin")


def add_connection_options(parser) -> None:
    """The global options for a PostgreSQL connection (TLS and the password's source)."""
    parser.add_argument("--sslmode", choices=connection.SSL_MODES,
                        help="PostgreSQL TLS：verify-full（验证服务器证书，需 --sslrootcert）| require | disable；"
                             "默认：有 CA 证书时 verify-full，否则 require")
    parser.add_argument("--sslrootcert", metavar="CA.pem", help="签发服务器证书的 CA 证书文件 / the CA certificate file")
    parser.add_argument("--db-password-stdin", action="store_true",
                        help="从标准输入第一行读取数据库密码（不要把密码写进 --db 的 URL）/ read the database password "
                             "from the first line of standard input")


def _say(code: str, lang: str, **params) -> str:
    return render(Refusal(code, params=params), lang)


def database_url(args):
    """The URL to open: --db (or RELGUI_DB, or the per-user file), with the TLS options and the
    password from its source. Refuses a password on the command line (UsageError). Worked out
    once per command line (standard input is read once), kept on ``args``."""
    resolved = getattr(args, "_database_url", None)
    if resolved is None:
        resolved = args._database_url = _database_url(args)
    return resolved


def _database_url(args):
    from relgui.store.engine import normalise_url  # lazy: SQLAlchemy's engine and URL handling, ~200 ms

    lang = getattr(args, "lang", "zh_CN")
    given = getattr(args, "db", None)
    if given and connection.has_password(given):
        raise UsageError(_say("pg_password_on_command_line", lang))
    url = normalise_url(given)
    if url.get_backend_name() != "postgresql":
        if getattr(args, "sslmode", None) or getattr(args, "sslrootcert", None):
            raise UsageError("--sslmode/--sslrootcert: PostgreSQL")
        return url
    if url.password is not None and not given:
        print(f"relgui-admin: {_say('pg_password_in_environment', lang)}", file=sys.stderr)
    url = connection.with_tls(url, getattr(args, "sslmode", None), getattr(args, "sslrootcert", None))
    if url.password is None:
        password = None
        if getattr(args, "db_password_stdin", False):
            password = stdin_line("db_password")
        else:
            password = connection.keyring_password(url)
        if password:
            url = url.set(password=password)  # else libpq looks in the pgpass file
    return url


def open_for(args):
    """Open the database for a command; ask for the password on a terminal when the server
    wants one that no other source gave. Says on stderr when the connection is not encrypted."""
    from relgui.services.database import open_database  # lazy: the engine, migrations check, models, ~420 ms

    create = getattr(args, "command", None) in CREATING
    url = database_url(args)
    try:
        db = open_database(url, create=create)
    except RelguiError as exc:
        if not _may_prompt(exc, url, args):
            raise
        import getpass

        password = getpass.getpass(_say("pg_password_prompt", args.lang, account=connection.account(url)))
        db = open_database(url.set(password=password), create=create)
    if db.exposed:
        print(f"relgui-admin: {_say('pg_not_encrypted', args.lang)}", file=sys.stderr)
    return db


def _may_prompt(exc: RelguiError, url, args) -> bool:
    return (url.get_backend_name() == "postgresql" and url.password is None
            and any(r.code == "pg_password_needed" for r in exc.refusals)
            and not getattr(args, "db_password_stdin", False)
            and sys.stdin is not None and sys.stdin.isatty())


def stdin_line(field: str, *, required: bool = True) -> str:
    """The next line of standard input, without its line ending, decoded on its own (so bytes
    that do not decode are blamed on the line that holds them). A missing line or one that is
    not text is refused in words (InvalidInput), never a traceback; nothing is echoed."""
    stream = sys.stdin
    if stream is None:
        line = ""
    elif getattr(stream, "buffer", None) is not None:  # a real stream: one line of bytes
        encoding = stream.encoding or "utf-8"
        try:
            line = stream.buffer.readline().decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise InvalidInput(Refusal("cli_stdin_not_text", params={"field": field, "encoding": encoding})) from None
    else:
        line = stream.readline()
    if not line and required:
        raise InvalidInput(Refusal("cli_stdin_empty", params={"field": field}))
    return line.rstrip("\r\n")


def on_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def command_of(args) -> str:
    """The command's words: "user add", "audit verify", "demo" …"""
    words = [args.command]
    for attr in ("user_cmd", "audit_cmd", "release_cmd", "doc_cmd"):
        if getattr(args, attr, None):
            words.append(getattr(args, attr))
    return " ".join(words)


def context(args, needs: tuple[str, ...] | None = None):
    """The database opened, and who acts: the relgui user who logged in with --user (who must
    hold one of ``needs``), or READER for a command that needs no login."""
    ctx = reader(args)
    try:
        return log_in(args, ctx, needs)
    except BaseException:
        ctx.db.dispose()
        raise


def reader(args):
    """The database opened for a command; nobody logged in yet (READER)."""
    from relgui.services.context import AppContext  # lazy: the unit of work, ORM and models, ~460 ms

    return AppContext(db=open_for(args), actor=READER, lang=args.lang)


def log_in(args, ctx, needs: tuple[str, ...] | None):
    """Log in as --user (relgui.services.users.login: audited, counted toward the lockout) and
    check the roles ``needs``; without --user, refuse a command that needs a login (exit 3)."""
    from relgui.services import users  # lazy: the accounts' use cases, ORM and models, ~410 ms

    command = command_of(args)
    if getattr(args, "user", None) is None:
        if needs is None:
            return ctx
        code = "cli_no_accounts" if users.count(ctx) == 0 else "cli_login_needed"
        raise AuthError(Refusal(code, params={"roles": needs, "command": command}))
    actor, _ = authenticate(args, ctx)
    if needs and not any(actor.has(r) for r in needs):
        raise PolicyViolation(Refusal("cli_wrong_role", params={"user": actor.username, "command": command,
                                                                "roles": needs}))
    return ctx.as_user(actor)


def authenticate(args, ctx) -> tuple[Actor, str]:
    """users.login as --user with the password from its source: (who acts now, the password)."""
    from relgui.services import users  # lazy: the accounts' use cases, ORM and models, ~410 ms

    username = args.user
    if users.count(ctx) == 0:  # nobody to log in as: said, and no failed login recorded in a new database
        raise AuthError(Refusal("cli_no_account_to_log_in", params={"user": username}))
    password, stored = login_password(args, ctx.db, username)
    try:
        return users.login(ctx.as_user(PRE_LOGIN), username, password), password
    except AuthError as exc:
        if stored:  # say where the refused password came from
            exc.refusals = (*exc.refusals, Refusal("cli_keyring_refused", params={
                "service": KEYRING_SERVICE, "entry": keyring_entry(ctx.db, username), "user": username}))
        raise


def login_password(args, db, username: str) -> tuple[str, bool]:
    """(password, whether it came from the credential store): --password-stdin, the credential
    store's entry, a prompt on a terminal; else refused in words (exit 3)."""
    if getattr(args, "login_password_stdin", False):
        return stdin_line("login_password"), False
    stored = keyring_get(db, username)
    if stored:
        return stored, True
    if on_terminal():
        import getpass

        try:
            return getpass.getpass(_say("cli_password_prompt", args.lang, user=username)), False
        except EOFError:
            pass
    raise AuthError(Refusal("cli_password_needed", params={"user": username}))


def keyring_entry(db, username: str) -> str:
    """The credential store's entry for a relgui account on this database: NAME@host:port/db,
    or NAME@/absolute/path/of/the/file.db."""
    import os

    url = db.url
    if db.dialect == "sqlite":
        where = os.path.realpath(url.database or "")
    else:
        where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    return f"{username}@{where}"


def keyring_get(db, username: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_entry(db, username))
    except Exception:  # noqa: BLE001 - no usable credential store on this machine
        return None


def print_json(value) -> None:
    """``--json``: UTF-8 bytes, whatever the console's code page or PYTHONIOENCODING (JSON is
    UTF-8, RFC 8259 §8.1; a program reading it decodes UTF-8). On a Windows console the
    binary layer takes UTF-8 too (Python's console writer decodes it to UTF-16). Where the
    stream has no binary layer (a test's capture), the text is written as it is."""
    text = json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()  # what was printed before comes first
    buffer.write(text.encode("utf-8"))
    buffer.flush()

