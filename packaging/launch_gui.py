"""Entry script of the frozen relgui.exe (windowed)."""

import sys

from relgui.gui.main import main

if __name__ == "__main__":
    sys.exit(main())
