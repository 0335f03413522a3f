"""Benchmark: does the window keep answering while long jobs run?

    python benchmarks/responsiveness.py [--books 200] [--records 20000]

A 10 ms timer runs on the GUI thread of a real main window (offscreen) and records the longest
gap between two of its ticks while each job runs; the baseline is the same timer with the
window idle. Jobs run as the pages run them: in the worker (`ui.worker.run_job`). Each job is
measured with Python's garbage collector as it is at start-up, and after `gc.freeze()` (what
`ui.main` does once the window is up), to show what the freeze buys. Also timed: work the GUI
thread still does itself (the publication search, a change announcement).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


class GapMeter:
    """The longest interval between ticks of a 10 ms timer, in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


def run_and_measure(window: Any, meter: GapMeter, job: Callable[[Any, Any], Any]) -> tuple[float, float]:
    """(seconds, longest gap ms) of one job run through the worker."""
    from PySide6.QtCore import QEventLoop

    from ui.worker import run_job

    loop = QEventLoop()
    result: list[Any] = []
    started = time.perf_counter()
    meter.start()
    run_job(window, "benchmark", job, on_done=lambda r: (result.append(r), loop.quit()),
            on_failed=lambda exc: (result.append(exc), loop.quit()))
    loop.exec()
    gap = meter.stop()
    if result and isinstance(result[0], BaseException):
        raise result[0]
    return time.perf_counter() - started, gap


def idle_gap(meter: GapMeter, seconds: float = 2.0) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    meter.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    return meter.stop()


def main() -> int:  # noqa: PLR0915 — one linear script of setup and measurements
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=200)
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication
    from startup import make_workspace

    from app.db import open_database
    from app.models import ConsentKind
    from app.paths import resolve_locations
    from app.pdfcheck.engine import check_pdf
    from app.pdfcheck.export import export_report
    from app.services.consent import (
        BookConsentItem,
        ConsentRequest,
        consent_draft,
        write_consent_files,
    )
    from app.services.copyright_page import write_copyright_page
    from app.services.units import list_units
    from app.settings import Settings
    from tests.app.factories import add_book
    from ui.fonts import install_fonts
    from ui.mainwindow import MainWindow

    app = QApplication(sys.argv[:1])
    install_fonts(app)
    folder = Path(tempfile.mkdtemp(prefix="pubdesk-resp-"))
    make_workspace(folder, args.records)
    locations = resolve_locations(folder, environ={})
    db = open_database(locations)
    with db.session() as session:
        unit_id = list_units(session)[0][0]
    books = [add_book(db, unit_id, f"產業發展研究報告第{i}輯") for i in range(args.books)]
    request = ConsentRequest(unit_id=unit_id, kind=ConsentKind.BOOK, issued_on=date(2026, 11, 30),
                             books=[BookConsentItem(b, all_rights=True) for b in books])
    window = MainWindow(db, Settings(), locations)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    meter = GapMeter()

    def consent(_p: Any, _c: Any) -> Any:
        with db.session() as session:
            draft = consent_draft(session, request)
        return write_consent_files(draft, folder / "consent")

    def copyright_page(_p: Any, _c: Any) -> Any:
        with db.session() as session:
            return write_copyright_page(session, books[0], folder / "copyright")

    def report(_p: Any, _c: Any) -> Any:
        export_report(reports, "print", pdf=folder / "report.pdf", xlsx=folder / "report.xlsx")

    def check(_p: Any, _c: Any) -> Any:
        return check_pdf(pdf)

    rows = [("idle (baseline)", 0.0, idle_gap(meter), idle_gap(meter))]
    files = consent(None, None)
    pdf = files.list_pdf
    reports = [check_pdf(pdf) for _ in range(20)]
    jobs = {f"consent letter + usage list, {args.books} books": consent,
            "copyright page": copyright_page, "check report of 20 files (PDF + XLSX)": report,
            f"e-file check of the usage list ({pdf.stat().st_size // 1024} KB)": check}
    for name, job in jobs.items():
        gc.unfreeze()
        seconds, normal = run_and_measure(window, meter, job)
        gc.freeze()
        _s, frozen = run_and_measure(window, meter, job)
        gc.unfreeze()
        rows.append((name, seconds, normal, frozen))

    searches = []
    picker = window.numbering.publication
    for text in ("產業", "統計年報第1", "第19999輯", "zzz"):
        started = time.perf_counter()
        picker.search_now(text)
        searches.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    window.hub.announce("publications")
    app.processEvents()
    announce = (time.perf_counter() - started) * 1000

    print(f"{args.records + args.books + 4:,} publications; timer 10 ms; gaps in ms")
    print("| job | seconds | longest gap | with gc.freeze() |")
    print("|---|---|---|---|")
    for name, seconds, normal, frozen in rows:
        print(f"| {name} | {seconds:.2f} | {normal:.0f} | {frozen:.0f} |")
    if searches:
        print(f"GUI thread: publication search {statistics.median(searches):.0f} ms median, "
              f"{max(searches):.0f} ms max")
    print(f"GUI thread: change announcement (publications) {announce:.0f} ms")
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
