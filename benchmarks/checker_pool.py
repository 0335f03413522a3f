"""Benchmark: a batch of e-files checked where the checker cannot fork (the GUI, Windows),
a fresh `pubdesk check-one` per file against one reused `check-serve` child (issue 26).

    python benchmarks/checker_pool.py [--files 40] [--runs 3]

Generates `--files` small print PDFs (one page of CMYK vector art each — a serial issue's
articles), then times in the same run, alternating, `check_files` over them with forking
turned off: (a) the way before, `check_isolated` per file (an interpreter start and every
import per file), (b) `CheckerPool` (one child for the batch). The virus scan is left out of
both (it is one run over the set either way). Median of `--runs`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(paths: list[str], per_file: bool) -> float:
    from app.pdfcheck import isolation, pool

    original_fork, original_check = isolation.can_fork, pool.CheckerPool.check
    isolation.can_fork = lambda: False  # type: ignore[assignment]
    if per_file:
        def one_shot(self, path, options, timeout, cancelled=None):  # type: ignore[no-untyped-def]
            return isolation.check_isolated(path, options, timeout, self.memory_mb, cancelled)

        pool.CheckerPool.check = one_shot  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        reports = isolation.check_files(paths, virus_scan=False)
        seconds = time.perf_counter() - start
    finally:
        isolation.can_fork, pool.CheckerPool.check = original_fork, original_check  # type: ignore[method-assign]
    assert all(r.opened for r in reports)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from tests.pdf_factory import one_page

    folder = Path(tempfile.mkdtemp(prefix="pubdesk-pool-bench-"))
    paths = [str(one_page(folder / f"12卷3期_第{i:02d}篇.pdf", b"0 0 0 1 k 0 0 99 99 re f"))
             for i in range(args.files)]
    before, after = [], []
    for _run in range(args.runs):
        before.append(timed(paths, per_file=True))
        after.append(timed(paths, per_file=False))
    old, new = statistics.median(before), statistics.median(after)
    print(f"| {args.files} files, median of {args.runs} | seconds | ratio |")
    print("|---|---|---|")
    print(f"| before: a fresh `check-one` per file | {old:.2f} | 1.00 |")
    print(f"| **one reused `check-serve` child** | **{new:.2f}** | {new / old:.2f} |")


if __name__ == "__main__":
    main()
