"""The installer's screenshot runs on a display Xvfb chose itself (issue 30, item 10): a fixed
`:77` let two builds on one machine photograph each other, and nothing checked that Xvfb had
started at all."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
sys.path.insert(0, str(INSTALLER))

import smoke  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


def test_two_screens_at_once_get_their_own_display_numbers() -> None:
    first, first_display = smoke.start_xvfb()
    try:
        second, second_display = smoke.start_xvfb()
        try:
            assert first_display != second_display
            assert first.poll() is None
            assert second.poll() is None
        finally:
            second.terminate()
            second.wait()
    finally:
        first.terminate()
        first.wait()


def test_an_xvfb_that_cannot_start_stops_the_smoke_test_with_its_reason() -> None:
    with pytest.raises(SystemExit, match="Xvfb did not start"):
        smoke.start_xvfb(size="not-a-size")
