"""The window fits the screens officers have, down to 1280×800 at 150 % scaling (853×533
logical pixels): every page sits in a scroll area, so a page wider or taller than the window
scrolls instead of refusing the size or cutting fields off; at 1920×1080 and 150 % (1280×720)
no page needs to scroll sideways."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea

from ui.mainwindow import PAGE_KEYS


def test_every_page_fits_small_screens_by_scrolling(make_window) -> None:  # type: ignore[no-untyped-def]
    window, _db, _locations = make_window()
    for key in PAGE_KEYS:
        window.show_page(key)
        holder = window.stack.currentWidget()
        assert isinstance(holder, QScrollArea), key
        assert holder.widget() is window.page(key), key
    hint = window.minimumSizeHint()
    assert hint.width() <= 853, hint
    assert hint.height() <= 533, hint
    window.resize(853, 533)
    assert (window.width(), window.height()) == (853, 533)
    window.resize(1280, 720)
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.page(key)
        assert page.minimumSizeHint().width() <= window.stack.width(), key
