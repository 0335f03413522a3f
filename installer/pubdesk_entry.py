"""The frozen program's entry point: `PubDesk` (the window) and `pubdesk-cli` (the console
commands) are both this script; with no command it opens the window."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
