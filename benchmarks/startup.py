"""Benchmark: start → first painted main window, on a workspace of 100,000 publications
against the 4-record demo workspace, in the same run, alternating (issue 12: ≤ 2×).

    python benchmarks/startup.py [--records 100000] [--runs 3]

Each run is a new process (`ui.launcher.main`, as the `pubdesk` command starts), offscreen;
the clock runs from the process's first line to the first paint of the main window, then the
process quits. Peak RSS of each process is reported too.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import time
started = time.perf_counter()
import sys
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(f"painted {time.perf_counter() - started:.3f}", flush=True)
            QTimer.singleShot(0, lambda: watched.close() or app.quit())
            app.removeEventFilter(self)
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
from ui.launcher import main
main(["--data-dir", sys.argv[1]])
"""


def make_workspace(folder: Path, records: int) -> None:
    """The demo workspace, plus `records` publications inserted in bulk."""
    from sqlalchemy import insert

    from app.db import open_database
    from app.demo import build_sample
    from app.models import Publication, PublicationForm, PublicationType
    from app.paths import resolve_locations

    db = open_database(resolve_locations(folder, environ={}))
    sample = build_sample(db)
    now = datetime.now(UTC)
    rows = [{"unit_id": sample.unit_id, "title": f"產業統計年報第{i}輯",
             "pub_type": PublicationType.BOOK, "form": PublicationForm.PRINT, "edition": 1,
             "printing": 1, "created_at": now, "updated_at": now, "row_version": 1}
            for i in range(records)]
    with db.session() as session:
        for start in range(0, len(rows), 10_000):
            session.execute(insert(Publication), rows[start:start + 10_000])
    db.dispose()


def first_paint(folder: Path) -> tuple[float, float]:
    """Seconds to the first paint and peak RSS (MB) of one start."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder)], env=env, cwd=ROOT, check=False,
                         capture_output=True, text=True, timeout=1200)
    line = next((x for x in out.stdout.splitlines() if x.startswith("painted")), None)
    if line is None:
        raise SystemExit(f"no window painted:\n{out.stdout}\n{out.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return float(line.split()[1]), max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "demo", Path(tmp) / "large"
        make_workspace(small, 0)
        make_workspace(large, args.records)
        first_paint(small)  # warm the file cache and compile the translations once
        small_times, large_times = [], []
        for _ in range(args.runs):
            small_times.append(first_paint(small)[0])
            seconds, _peak = first_paint(large)
            large_times.append(seconds)
        base, big = statistics.median(small_times), statistics.median(large_times)
    print("| workspace | seconds to first paint (median) |\n|---|---|")
    print(f"| **baseline: demo, 4 publications** | **{base:.2f}** |")
    print(f"| {args.records:,} publications | {big:.2f} |")
    print(f"\nRatio {big / base:.2f} (target ≤ 2.0: {'met' if big <= 2 * base else 'NOT met'}); "
          f"peak RSS of the children {_peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
