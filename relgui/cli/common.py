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
"""

from __future__ import annotations

import json
import sys

from relgui.domain.errors import Refusal, RelguiError


class UsageError(Exception):
    """A command line that makes no sense: printed on one line, exit code 2."""


# The commands that may make a new SQLite file at the path they are given: init, and restore
# (which fills only an empty database, so a new file is what it is for). Every other command
# refuses a missing or empty file naming the path (a mistyped --db made an empty database).
CREATING = frozenset({"init", "restore"})


def add_connection_options(parser) -> None:
    """The global options for a PostgreSQL connection (TLS and the password's source)."""
    from relgui.store.connection import SSL_MODES

    parser.add_argument("--sslmode", choices=SSL_MODES,
                        help="PostgreSQL TLS：verify-full（验证服务器证书，需 --sslrootcert）| require | disable；"
                             "默认：有 CA 证书时 verify-full，否则 require")
    parser.add_argument("--sslrootcert", metavar="CA.pem", help="签发服务器证书的 CA 证书文件 / the CA certificate file")
    parser.add_argument("--db-password-stdin", action="store_true",
                        help="从标准输入第一行读取数据库密码（不要把密码写进 --db 的 URL）/ read the database password "
                             "from the first line of standard input")


def _say(code: str, lang: str, **params) -> str:
    from relgui.domain.messages import render

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
    from relgui.store import connection
    from relgui.store.engine import normalise_url

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
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = connection.keyring_password(url)
        if password:
            url = url.set(password=password)  # else libpq looks in the pgpass file
    return url


def open_for(args):
    """Open the database for a command; ask for the password on a terminal when the server
    wants one that no other source gave. Says on stderr when the connection is not encrypted."""
    from relgui.services.database import open_database

    create = getattr(args, "command", None) in CREATING
    url = database_url(args)
    try:
        db = open_database(url, create=create)
    except RelguiError as exc:
        if not _may_prompt(exc, url, args):
            raise
        import getpass

        from relgui.store.connection import account

        password = getpass.getpass(_say("pg_password_prompt", args.lang, account=account(url)))
        db = open_database(url.set(password=password), create=create)
    if db.exposed:
        print(f"relgui-admin: {_say('pg_not_encrypted', args.lang)}", file=sys.stderr)
    return db


def _may_prompt(exc: RelguiError, url, args) -> bool:
    return (url.get_backend_name() == "postgresql" and url.password is None
            and any(r.code == "pg_password_needed" for r in exc.refusals)
            and not getattr(args, "db_password_stdin", False)
            and sys.stdin is not None and sys.stdin.isatty())


def context(args):
    from relgui.services.context import AppContext

    return AppContext(db=open_for(args), lang=args.lang)


def print_json(value) -> None:
    if not sys.stdout.isatty():
        sys.stdout.reconfigure(encoding="utf-8")
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def english(args) -> bool:
    return str(getattr(args, "lang", "zh_CN")).lower().startswith("en")

