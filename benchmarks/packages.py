"""Benchmark: building a package against `cp -r` plus `sha256sum` over the same files.

    python benchmarks/packages.py [--gigabytes 2] [--files 40] [--runs 3] [--zip] [--backup]

Generates the files (random bytes, so nothing compresses or deduplicates), then times, in the
same run and alternating, (a) `cp -r SRC DST && sha256sum` over the copy — what an officer
would do by hand — and (b) PackageBuilder copying every file in, hashing the same buffers,
writing manifest.json and renaming the folder into place. Target: ratio ≤ 1.2. With `--zip`,
(b) writes the package as one ZIP file (PDFs stored, not deflated: issue 26 measured 6.2×
when it deflated them). With `--backup`, (b) also keeps the e-files in a data folder's
package-backups (第13點; app.packages.backup), as every package built by PubDesk does: a
second copy of every byte the first time a set of files is sent, none when it is sent again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_sources(folder: Path, gigabytes: float, count: int) -> list[Path]:
    """`count` files totalling `gigabytes`."""
    size = int(gigabytes * 1_000_000_000 / count)
    files = []
    block = os.urandom(8 * 1024 * 1024)
    for index in range(count):
        path = folder / f"第{index:02d}冊_印製用.pdf"
        with path.open("wb") as handle:
            written = 0
            while written < size:
                piece = block[: size - written]
                handle.write(piece)
                written += len(piece)
                block = block[1:] + block[:1]  # different bytes each pass
        files.append(path)
    return files


def baseline(source: Path, target: Path) -> float:
    """cp -r, then sha256sum over every copied file."""
    start = time.perf_counter()
    subprocess.run(["cp", "-r", str(source), str(target)], check=True)
    files = sorted(str(p) for p in target.rglob("*") if p.is_file())
    subprocess.run(["sha256sum", *files], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def ours(files: list[Path], target: Path, as_zip: bool = False,
         backup_root: Path | None = None) -> float:
    """PackageBuilder: copy + hash in one pass, manifest, atomic rename (or one ZIP); with
    `backup_root`, the e-files kept there first (a fresh folder each run: the first send)."""
    from app.packages import backup
    from app.packages.builder import PackageBuilder

    start = time.perf_counter()
    with PackageBuilder(target, "benchmark", as_zip=as_zip) as builder:
        names = {builder.add_file(path, f"電子檔/{path.name}", "印製用PDF檔"): path
                 for path in files}
        if backup_root is not None:
            backup.keep_files(builder, names, backup_root)
        builder.commit()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gigabytes", type=float, default=2.0)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zip", action="store_true", help="build the package as a ZIP")
    parser.add_argument("--backup", action="store_true",
                        help="keep the e-files in a data folder too (第13點), as PubDesk does")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pubdesk-pkg-bench-", dir=str(ROOT.parent)
                                 if os.access(ROOT.parent, os.W_OK) else None))
    try:
        source = work / "source"
        source.mkdir()
        files = make_sources(source, args.gigabytes, args.files)
        total = sum(p.stat().st_size for p in files) / 1_000_000_000
        print(f"{len(files)} files, {total:.2f} GB in {source}", flush=True)
        cp_times, our_times = [], []
        for run in range(args.runs):
            cp_times.append(baseline(source, work / f"cp{run}"))
            shutil.rmtree(work / f"cp{run}")
            target = work / (f"ours{run}.zip" if args.zip else f"ours{run}")
            kept = work / f"backups{run}" if args.backup else None
            our_times.append(ours(files, target, args.zip, kept))
            if kept is not None:
                shutil.rmtree(kept)
            if args.zip:
                target.unlink()
            else:
                shutil.rmtree(target)
        cp, us = statistics.median(cp_times), statistics.median(our_times)
        print()
        print(f"| {total:.2f} GB, {len(files)} files | median of {args.runs} (s) |")
        print("|---|---|")
        print(f"| cp -r + sha256sum | {cp:.2f} |")
        what = "as one ZIP, PDFs stored" if args.zip else "copy + SHA-256 + manifest + atomic move"
        what += ", e-files backed up" if args.backup else ""
        print(f"| PubDesk package ({what}) | {us:.2f} |")
        print()
        print(f"ratio ours / baseline = {us / cp:.2f}  (target ≤ 1.2)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
