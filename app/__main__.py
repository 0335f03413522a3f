"""`python -m app` is the same as the `pubdesk` command."""

import sys

from app.cli import main

sys.exit(main())
