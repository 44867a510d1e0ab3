"""Entry script of the frozen relgui-admin.exe (console)."""

import multiprocessing
import sys

from relgui.cli.main import main

if __name__ == "__main__":
    # A worker process of `audit verify` (relgui.store.rowhash, spawn) is this program started
    # again: freeze_support runs the worker and exits before main().
    multiprocessing.freeze_support()
    sys.exit(main())
