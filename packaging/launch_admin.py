"""Entry script of the frozen relgui-admin.exe (console)."""

import sys

from relgui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
