"""Every shortcut the README lists is bound, and bound so that Windows has it too (issue 30,
item 9): `QKeySequence.StandardKey.Quit` is empty on Windows, so Ctrl+Q did nothing there."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShortcut

ROOT = Path(__file__).resolve().parents[2]
EMPTY_ON_WINDOWS = ("StandardKey.Quit", "StandardKey.Preferences", "StandardKey.FullScreen",
                    "StandardKey.Deselect", "StandardKey.DeleteCompleteLine")
"""Standard keys Qt's Windows key-binding table leaves without a sequence."""


def readme_shortcuts() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = text[text.index("\nKeyboard:"):].split("\n\n", 1)[0]
    found = []
    for key in dict.fromkeys(re.findall(r"Ctrl\+[0-9A-Z…]+", paragraph)):
        if "…" in key:  # Ctrl+1…9
            first, last = key.removeprefix("Ctrl+").split("…")
            found += [f"Ctrl+{n}" for n in range(int(first), int(last) + 1)]
        else:
            found.append(key)
    return found


def test_every_shortcut_the_readme_lists_is_bound(make_window) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    window.show_page("publications")
    bound = {sequence.toString() for action in window.findChildren(QAction)
             for sequence in action.shortcuts()}
    bound |= {shortcut.key().toString() for shortcut in window.findChildren(QShortcut)}
    listed = readme_shortcuts()
    assert "Ctrl+Q" in listed
    assert "Ctrl+9" in listed
    assert [key for key in listed if key not in bound] == []


def test_no_shortcut_relies_on_a_standard_key_windows_leaves_empty() -> None:
    used = [(path.name, key) for path in (ROOT / "ui").rglob("*.py")
            for key in EMPTY_ON_WINDOWS if key in path.read_text(encoding="utf-8")]
    assert used == []
    assert QKeySequence("Ctrl+Q").toString() == "Ctrl+Q"
