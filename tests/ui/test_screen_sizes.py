"""The window fits the screens officers have: with every page built it can be as small as
1280×720 logical pixels — 1920×1080 at 150 % scaling (and 1280×800 at 100 %); forms scroll
rather than clip (the English run of the same check is in test_english_everywhere)."""

from __future__ import annotations

from ui.mainwindow import PAGE_KEYS


def test_every_page_fits_1280_by_720(make_window) -> None:  # type: ignore[no-untyped-def]
    window, _db, _locations = make_window()
    for key in PAGE_KEYS:
        window.show_page(key)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280, hint
    assert hint.height() <= 720, hint
    window.resize(1280, 720)
    assert window.width() == 1280
    assert window.height() == 720
