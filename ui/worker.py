"""Long jobs off the GUI thread: one worker helper (QThreadPool + signals) and one progress
dialog, used by every page.

An `app` function that takes `progress` and `cancelled` callbacks runs in the pool:

    run_job(parent, title, lambda progress, cancelled: check_pdf(path, progress=progress,
            cancelled=cancelled), on_done=show_report)

`progress(done, total, text)` moves the bar; `cancelled()` turns true when the officer
presses 取消, and the function is expected to stop soon after (raising `JobCancelled` or
returning early).
"""

from __future__ import annotations

import threading
import traceback
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from ui.errors import show_error

ProgressCallback = Callable[[int, int, str], None]
CancelledCallback = Callable[[], bool]
JobFunction = Callable[[ProgressCallback, CancelledCallback], Any]


class JobCancelled(Exception):
    """Raised by a job that stopped because the officer cancelled it."""


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class Job(QRunnable):
    """One function run in the thread pool, reporting through signals."""

    def __init__(self, function: JobFunction):
        super().__init__()
        self.function = function
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        """Ask the job to stop."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """Whether cancel was asked."""
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.function(self.signals.progress.emit, self._cancel.is_set)
        except JobCancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.done.emit(result)


class ProgressDialog(QProgressDialog):
    """The one progress dialog: a bar, a line of text, and 取消."""

    def __init__(self, title: str, parent: QWidget | None):
        from PySide6.QtCore import Qt  # not at import: ui.mainwindow paints before `Qt` is built

        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(title)
        self.setCancelButtonText(self.tr("Cancel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)

    @Slot(int, int, str)
    def report(self, done: int, total: int, text: str) -> None:
        """Show progress; total 0 means 'unknown' (a busy bar)."""
        if total > 0:
            self.setRange(0, total)
            self.setValue(min(done, total))
        if text:
            self.setLabelText(text)


_RUNNING: set[Job] = set()
_WAITING: list[Job] = []
_RETIRED: deque[Job] = deque(maxlen=32)
"""Jobs `wait_for` is done with, kept a while: the pool thread may still be returning from
`run()` when the GUI thread has the answer, and the job's signals must outlive that."""
Result = TypeVar("Result")


def run_job(parent: QWidget | None, title: str, function: JobFunction,
            on_done: Callable[[Any], None] | None = None,
            on_cancelled: Callable[[], None] | None = None,
            on_failed: Callable[[BaseException], None] | None = None,
            pool: QThreadPool | None = None) -> Job:
    """Run `function` in the background with the progress dialog; call back on the GUI
    thread. Errors go to `on_failed`, or to the standard error display."""
    job = Job(function)
    dialog = ProgressDialog(title, parent)
    _RUNNING.add(job)

    def finish() -> bool:
        """Close the dialog; False when the window that asked is gone (app closing)."""
        _RUNNING.discard(job)
        if isValid(dialog):
            # Progress reports may still be queued behind the result: cut them off before
            # the dialog goes, or they would reach a deleted object.
            job.signals.progress.disconnect(dialog.report)
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        return parent is None or isValid(parent)

    def done(result: Any) -> None:
        if finish() and on_done:
            on_done(result)

    def failed(exc: BaseException, details: str) -> None:
        if not finish():
            return
        if on_failed:
            on_failed(exc)
        else:
            show_error(parent, exc, details)

    def cancelled() -> None:
        if finish() and on_cancelled:
            on_cancelled()

    job.signals.progress.connect(dialog.report)
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    dialog.canceled.connect(job.cancel)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


class LatestRead:
    """Reads in the background where only the newest answer counts: the 待辦 list, the
    publications type-ahead, Ctrl+K. `start` runs `read()` in the pool; its answer reaches
    `on_done` on the GUI thread only if nothing newer was started (or `discard`ed) meanwhile
    and `owner` still exists — the list on screen stays until then, the window answers."""

    def __init__(self, owner: QWidget):
        self.owner = owner
        self.running = False
        """True from `start` until the newest read has answered (or failed)."""
        self._generation = 0
        self._jobs: set[Job] = set()

    def discard(self) -> None:
        """Whatever is still running is out of date (the list was just read another way)."""
        self._generation += 1
        self.running = False

    def start(self, read: Callable[[], Any], on_done: Callable[[Any], None],
              on_failed: Callable[[BaseException, str], None]) -> None:
        """Read in the background; `on_done(answer)` or `on_failed(exc, details)` after."""
        self._generation += 1
        generation = self._generation
        self.running = True
        job = Job(lambda _progress, _cancelled: read())
        self._jobs.add(job)

        def current() -> bool:
            self._jobs.discard(job)
            if generation != self._generation or not isValid(self.owner):
                return False
            self.running = False
            return True

        job.signals.done.connect(lambda answer: on_done(answer) if current() else None)
        job.signals.failed.connect(
            lambda exc, details: on_failed(exc, details) if current() else None)
        QThreadPool.globalInstance().start(job)


def wait_for(title: str, function: Callable[[], Result]) -> Result:
    """`function()` in the pool — a save, whose caller needs its answer before it goes on —
    while the window goes on painting: a nested event loop that leaves the officer's clicks and
    keys queued until the save is done (so nothing is started twice, and nothing is lost), and
    after 400 ms a busy dialog that says what it waits for (an office server that does not
    answer: the engine bounds that wait). Returns `function`'s result, or raises its error here,
    on the GUI thread."""
    from PySide6.QtCore import Qt

    job = Job(lambda _progress, _cancelled: function())
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException, _details: str) -> None:
        outcome["error"] = exc
        loop.quit()

    def cancelled() -> None:  # the function raised JobCancelled itself
        outcome["error"] = JobCancelled()
        loop.quit()

    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    # No parent widget: one deleted while the loop runs (deferred deletes are processed in
    # it) must not take the dialog and its timer with it — the save has happened all the
    # same. Application-modal, it is shown over whatever window is active.
    dialog = QProgressDialog(title, "", 0, 0)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # a transaction half-way is not cancelled from here
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.hide()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(400)
    _WAITING.append(job)
    try:
        QThreadPool.globalInstance().start(job)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        _WAITING.remove(job)
        _RETIRED.append(job)
        timer.stop()
        dialog.hide()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]


def waiting() -> bool:
    """Whether a `wait_for` is under way (the window must not close under it)."""
    return bool(_WAITING)
