"""Ctrl+N works on every page: it creates what that page creates, and asks where that is
ambiguous."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog

from ui.mainwindow import NEW_THINGS, PAGE_KEYS


def ctrl_n(window) -> None:  # type: ignore[no-untyped-def]
    (action,) = [a for a in window.findChildren(type(window.menuBar().actions()[0]))
                 if a.shortcut() == QKeySequence(QKeySequence.StandardKey.New)]
    action.trigger()


@pytest.mark.parametrize("key", list(NEW_THINGS))
def test_ctrl_n_creates_what_the_page_creates(make_window, monkeypatch, key: str) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    window.show_page(key)
    called: list[str] = []
    method = NEW_THINGS[key][0]
    monkeypatch.setattr(type(window.page(key)), method, lambda self: called.append(method))
    ctrl_n(window)
    assert called == [method]
    assert window.current_page_key() == key


@pytest.mark.parametrize("key", [k for k in PAGE_KEYS if k not in NEW_THINGS])
def test_ctrl_n_asks_where_it_is_ambiguous(make_window, monkeypatch, key: str) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    window.show_page(key)
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *_a, **_k):  # type: ignore[no-untyped-def]
        offered.append(items)
        return next(item for item in items if item.startswith("出版品")), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    called: list[str] = []
    monkeypatch.setattr(type(window.page("publications")), "new_publication",
                        lambda self: called.append("new"))
    ctrl_n(window)
    assert len(offered[0]) == len(NEW_THINGS)
    assert called == ["new"]
    assert window.current_page_key() == "publications"


def test_choosing_nothing_creates_nothing(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    window.show_page("agenda")
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *_a, **_k: ("", False)))
    ctrl_n(window)
    assert window.current_page_key() == "agenda"
