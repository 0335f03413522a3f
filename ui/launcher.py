"""The `pubdesk` command: the core's command line, with the window for no command."""

from __future__ import annotations

from collections.abc import Sequence

from app.cli import main as cli_main
from app.paths import Locations


def _start_gui(locations: Locations) -> int:
    from ui.main import run_gui

    return run_gui(locations)


def _about(locations: Locations, as_json: bool) -> int:
    from ui.about import run_about

    return run_about(locations, as_json)


def main(argv: Sequence[str] | None = None) -> int:
    """`pubdesk [--data-dir DIR] [--db URL] [COMMAND …]`; no command opens the window."""
    return cli_main(argv, start_gui=_start_gui, about=_about)
