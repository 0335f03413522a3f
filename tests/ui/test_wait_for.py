"""Saves run off the GUI thread (issue 26: a save with the office server hung froze the window
for 30 s). `ui.worker.wait_for` keeps the window painting while a save waits, leaves the
officer's keys queued until it is done (Qt's ExcludeUserInputEvents holds the window
system's input events; a posted event cannot stand in for one, so that part is not tested
here), raises its error on the GUI thread, and the window does
not close under it."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent

from app.errors import PubDeskError
from ui.worker import wait_for, waiting


def test_the_window_paints_while_a_save_waits(qtbot) -> None:  # type: ignore[no-untyped-def]
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    threads: list[str] = []

    def slow_save() -> str:
        threads.append(threading.current_thread().name)
        time.sleep(1.0)
        return "saved"

    assert wait_for("儲存中…", slow_save) == "saved"
    timer.stop()
    assert threads
    assert threads[0] != threading.main_thread().name
    assert len(ticks) >= 10  # the event loop ran all along: never blocked > 100 ms
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.3


def test_a_failed_save_raises_its_error_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    def refused() -> None:
        raise PubDeskError("無法連線到資料庫伺服器。")

    with pytest.raises(PubDeskError, match="無法連線"):
        wait_for("儲存中…", refused)
    assert not waiting()


def test_the_window_does_not_close_under_a_save(make_window) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    closes: list[bool] = []

    def save_while_closing() -> None:
        time.sleep(0.3)

    def try_to_close() -> None:
        event = QCloseEvent()
        window.closeEvent(event)
        closes.append(event.isAccepted())

    QTimer.singleShot(50, try_to_close)
    wait_for("儲存中…", save_while_closing)
    assert closes == [False]
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted()


def test_a_widget_deleted_during_the_wait_still_gets_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Deferred deletes run in the nested loop: the dialog and its timer belong to no widget
    (they were the caller's children, died with it, and the committed save came back as a
    RuntimeError)."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    QTimer.singleShot(50, parent.deleteLater)

    def slow() -> str:
        time.sleep(0.5)
        return "saved"

    assert wait_for("儲存中…", slow) == "saved"
    assert not waiting()


def test_a_cancelled_function_ends_the_wait(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.worker import JobCancelled

    def stop() -> None:
        raise JobCancelled()

    with pytest.raises(JobCancelled):
        wait_for("儲存中…", stop)
    assert not waiting()
