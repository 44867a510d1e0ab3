"""What every relgui-admin command shares: opening the context, JSON output, usage errors."""

from __future__ import annotations

import json
import sys


class UsageError(Exception):
    """A command line that makes no sense: printed on one line, exit code 2."""


def context(args):
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    return AppContext(db=open_database(args.db), lang=args.lang)


def print_json(value) -> None:
    if not sys.stdout.isatty():
        sys.stdout.reconfigure(encoding="utf-8")
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def english(args) -> bool:
    return str(getattr(args, "lang", "zh_CN")).lower().startswith("en")
