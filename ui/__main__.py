"""`python -m ui` is the same as the `pubdesk` command."""

import sys

from ui.launcher import main

sys.exit(main())
