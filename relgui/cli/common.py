"""What every relgui-admin command shares: opening the context, JSON output, usage errors."""

from __future__ import annotations

import json
import sys


class UsageError(Exception):
    """A command line that makes no sense: printed on one line, exit code 2."""


# The commands that may make a new SQLite file at the path they are given: init, and restore
# (which fills only an empty database, so a new file is what it is for). Every other command
# refuses a missing or empty file naming the path (a mistyped --db made an empty database).
CREATING = frozenset({"init", "restore"})


def context(args):
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    create = getattr(args, "command", None) in CREATING
    return AppContext(db=open_database(args.db, create=create), lang=args.lang)


def print_json(value) -> None:
    if not sys.stdout.isatty():
        sys.stdout.reconfigure(encoding="utf-8")
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def english(args) -> bool:
    return str(getattr(args, "lang", "zh_CN")).lower().startswith("en")
