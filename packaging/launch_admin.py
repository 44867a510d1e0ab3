"""Entry script of the frozen relgui-admin.exe (console)."""

import multiprocessing
import sys

from relgui.cli.main import main

if __name__ == "__main__":
    # A worker process of `audit verify` (relgui.store.rowhash, spawn) is this program started
    # again: freeze_support runs the worker and exits before main().
    multiprocessing.freeze_support()
    if len(sys.argv) == 3 and sys.argv[1] == "--frozen-self-check":
        # The smoke test's in-process checks of the bundle (packaging/self_check.py): Excel and
        # PDF reading, the PostgreSQL driver, a chart on a Qt canvas. Not an option of the CLI.
        import self_check

        sys.exit(self_check.main(sys.argv[2]))
    sys.exit(main())
