"""Benchmark: start → first painted main window, against a bare PySide6 QMainWindow in the
same run, alternating: an empty workspace, the 4-record demo and 100,000 publications.
Targets: ≤ 1.5× the bare window (empty, demo), ≤ 3× with 100,000 (issue 19) and ≤ 2× the demo
(issue 12); peak RSS ≤ 400 MB.

    python benchmarks/startup.py [--records 100000] [--runs 5]

Each run is a new process (`ui.launcher.main`, as the `pubdesk` command starts), offscreen;
the clock runs from the process's first line to the first paint of the main window, then the
process quits.
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

BARE = sys.argv[1] == "--bare"


class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if isinstance(watched, QMainWindow) and not self.painted:
            self.painted = True
            print(f"painted {time.perf_counter() - started:.3f}", flush=True)
        parent = watched.parent() if hasattr(watched, "parent") else None
        table = getattr(parent, "objectName", lambda: "")()
        # The first page with its data: the 待辦 list (the page PubDesk opens on) or the
        # publications table (when the officer last left it there).
        if BARE or table in ("publicationsTable", "agendaTree"):
            print(f"ready {time.perf_counter() - started:.3f}", flush=True)
            app.removeEventFilter(self)
            QTimer.singleShot(0, lambda: [w.close() for w in app.topLevelWidgets()] and app.quit())
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
if BARE:
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.exec()
else:
    from ui.launcher import main
    main(["--data-dir", sys.argv[1]])
"""


def make_workspace(folder: Path, records: int, demo: bool = True) -> None:
    """The demo workspace (or an empty one), plus `records` publications inserted in bulk."""
    from sqlalchemy import insert

    from app.db import open_database
    from app.demo import build_sample
    from app.models import Publication, PublicationForm, PublicationType
    from app.paths import resolve_locations

    db = open_database(resolve_locations(folder, environ={}))
    if not demo:
        db.dispose()
        return
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


def first_paint(target: str) -> tuple[float, float]:
    """Seconds to the first paint of the window, and to the first page painted with its data
    (the 待辦 list, or the publications table) (the bare window: its first paint twice), for one start (`target`: a data
    folder, or --bare)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD, target], env=env, cwd=ROOT, check=False,
                         capture_output=True, text=True, timeout=120)
    found = {x.split()[0]: float(x.split()[1]) for x in out.stdout.splitlines()
             if x.startswith(("painted", "ready"))}
    if set(found) != {"painted", "ready"}:
        raise SystemExit(f"no window painted:\n{out.stdout}\n{out.stderr}")
    return found["painted"], found["ready"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        targets = {"bare": "--bare", "empty": str(Path(tmp) / "empty"),
                   "demo": str(Path(tmp) / "demo"), "large": str(Path(tmp) / "large")}
        make_workspace(Path(targets["empty"]), 0, demo=False)
        make_workspace(Path(targets["demo"]), 0)
        make_workspace(Path(targets["large"]), args.records)
        for target in targets.values():
            first_paint(target)  # warm the file cache; the .qm is compiled once
        times: dict[str, list[tuple[float, float]]] = {key: [] for key in targets}
        for _ in range(args.runs):
            for key, target in targets.items():
                times[key].append(first_paint(target))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    painted = {key: statistics.median(p for p, _r in values) for key, values in times.items()}
    ready = {key: statistics.median(r for _p, r in values) for key, values in times.items()}
    bare = painted["bare"]
    rows = (("**baseline: bare PySide6 QMainWindow**", "bare", None),
            ("PubDesk, empty workspace", "empty", 1.5),
            ("PubDesk, demo (4 publications)", "demo", 1.5),
            (f"PubDesk, {args.records:,} publications", "large", 3.0))
    print("| start → | window painted (s) | × bare | target | list shown (s) | × bare |\n"
          "|---|---|---|---|---|---|")
    for label, key, goal in rows:
        ratio = painted[key] / bare
        verdict = "" if goal is None else f"≤ {goal}× ({'met' if ratio <= goal else 'NOT met'})"
        print(f"| {label} | {painted[key]:.3f} | {ratio:.2f} | {verdict} | {ready[key]:.3f} | "
              f"{ready[key] / bare:.2f} |")
    print(f"\nList shown with {args.records:,} publications against the demo: "
          f"{ready['large'] / ready['demo']:.2f}× (issue 12 target ≤ 2); "
          f"peak RSS of any start {peak:.0f} MB (target ≤ 400 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
