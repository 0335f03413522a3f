"""Benchmark: start → first painted main window, against a bare PySide6 QMainWindow in the
same run, alternating: an empty workspace, the 4-record demo and 100,000 publications.
Targets: ≤ 1.5× the bare window (empty, demo), ≤ 3× with 100,000 (issue 19) and ≤ 2× the demo
(issue 12); peak RSS ≤ 400 MB.

    python benchmarks/startup.py [--records 100000] [--runs 5]

Each run is a new process (`ui.launcher.main`, as the `pubdesk` command starts), offscreen;
the clock runs from the process's first line to the first paint of the main window (seen by
overriding the window class's paintEvent, the same way for both), then to the first page
painted with its data, then the process quits.
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


class PageShown(QObject):
    # Installed once the window has painted: an application-wide filter sees every event,
    # and while the window is being built it would cost PubDesk's start more than the bare
    # window's (it slowed PubDesk's first paint by about 25 ms).

    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint:
            return False
        parent = watched.parent() if hasattr(watched, "parent") else None
        table = getattr(parent, "objectName", lambda: "")()
        # The first page with its data: the 待辦 list (the page PubDesk opens on) or the
        # publications table (when the officer last left it there).
        if table in ("publicationsTable", "agendaTree"):
            ready()
        return False


def ready():
    print(f"ready {time.perf_counter() - started:.3f}", flush=True)
    app.removeEventFilter(watcher)
    QTimer.singleShot(0, lambda: [w.close() for w in app.topLevelWidgets()] and app.quit())


watcher = PageShown()
painted = []


def first_paint(window_class):
    # The window's own first paint event, seen by overriding paintEvent on its class.
    original = window_class.paintEvent

    def paintEvent(self, event):
        original(self, event)
        if not painted:
            painted.append(True)
            print(f"painted {time.perf_counter() - started:.3f}", flush=True)
            if BARE:
                ready()
            else:
                app.installEventFilter(watcher)

    window_class.paintEvent = paintEvent


if BARE:
    class Window(QMainWindow):
        pass

    first_paint(Window)
    window = Window()
    window.resize(1280, 800)
    window.show()
    app.exec()
else:
    from ui.mainwindow import MainWindow  # imported by ui.main anyway: inside the clock
    first_paint(MainWindow)
    from ui.launcher import main
    main([])  # as the officer starts it: the data folder found as usual (XDG_DATA_HOME here)
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
    env.pop("PUBDESK_DATA_DIR", None)
    if target != "--bare":  # the workspace is found by platformdirs under it
        env["XDG_DATA_HOME"] = target
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
    # Bytecode as an installed PubDesk has it: a module changed since its .pyc (and a shell with
    # PYTHONDONTWRITEBYTECODE=1) would be compiled again on every start, milliseconds each.
    import compileall

    for package in ("app", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        targets = {"bare": "--bare", "empty": str(Path(tmp) / "empty"),
                   "demo": str(Path(tmp) / "demo"), "large": str(Path(tmp) / "large")}
        # Where platformdirs puts PubDesk's folder under XDG_DATA_HOME (the child sets it to the
        # target), so that the start finds its data as an officer's does, not via --data-dir.
        from platformdirs import user_data_dir

        for key, records, demo in (("empty", 0, False), ("demo", 0, True),
                                   ("large", args.records, True)):
            os.environ["XDG_DATA_HOME"] = targets[key]
            make_workspace(Path(user_data_dir("PubDesk", "PubDesk")), records, demo=demo)
        os.environ.pop("XDG_DATA_HOME")
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
