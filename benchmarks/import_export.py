"""XLSX import and export of a publication list at office size (issue 26).

    python benchmarks/import_export.py [--records 10000] [--repeats 3] [--profile]

The list is the imported-history shape of benchmarks/agenda.py (`--imported`), its numbers
given valid check digits and every 「已登錄政府出版品網」 row a URL, so every row imports.
Measured, each in a fresh process, interleaved:

- baseline: openpyxl's read-only load of the same file, every cell read (what any importer
  must at least pay);
- `pubdesk import-publications FILE --create-units` into an empty workspace (read in the
  bounded child, checked, written in one transaction);
- `pubdesk export-publications` of the imported workspace.

Prints a Markdown table of medians and ratios to the baseline; `--profile` prints the import's
top functions instead."""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def make_list(records: int, folder: Path) -> Path:
    """The imported-history workspace, cleaned so every row imports, exported to XLSX."""
    import agenda
    from sqlalchemy import select, update
    from stdnum import ean, issn

    from app.models import Publication
    from app.services.publication_lists import export_publications

    db, _loaded, _counts = agenda.populate(records, random.Random(13), imported=True)
    with db.session() as session:
        rows = session.execute(select(Publication.id, Publication.isbn, Publication.issn,
                                      Publication.online_registered)).all()
        fixes = []
        for pub_id, isbn, serial_issn, registered in rows:
            fix: dict[str, object] = {"pid": pub_id}
            if isbn:
                first = f"978626{pub_id % 10**6:06d}"  # not 978986: no clash with the old
                fix["isbn"] = first + ean.calc_check_digit(first)
            if serial_issn:
                digits = f"{pub_id % 10**7:07d}"
                fix["issn"] = f"{digits[:4]}-{digits[4:]}{issn.calc_check_digit(digits)}"
            if registered:
                fix["online_url"] = f"https://gpi.culture.tw/books/{pub_id}"
            fixes.append(fix)
        # Cleared first: a new number may be another row's old one.
        session.execute(update(Publication).values(isbn=None, issn=None))
        for fix in fixes:
            values = {key: value for key, value in fix.items() if key != "pid"}
            if values:
                session.execute(update(Publication).where(Publication.id == fix["pid"])
                                .values(**values))
        target = folder / "list.xlsx"
        export_publications(session, target)
    db.dispose()
    return target


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed: {done.stdout[-1500:]}{done.stderr[-1500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pubdesk-import-"))
    try:
        listing = make_list(args.records, folder)
        python = sys.executable
        read = [python, "-c", "import sys, openpyxl\n"
                "book = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
                "n = sum(1 for row in book.active.iter_rows(values_only=True) for _ in row)\n",
                str(listing)]

        def pubdesk(data: Path, *rest: str) -> list[str]:
            return [python, "-m", "app", "--data-dir", str(data), *rest]

        if args.profile:
            data = folder / "profiled"
            subprocess.run([python, "-m", "cProfile", "-s", "cumulative", "-m", "app",
                            "--data-dir", str(data), "import-publications", str(listing),
                            "--create-units"], check=True)
            return 0
        baseline, imports, exports = [], [], []
        for repeat in range(args.repeats):
            data = folder / f"data{repeat}"
            baseline.append(timed(read))
            imports.append(timed(pubdesk(data, "import-publications", str(listing),
                                         "--create-units")))
            exports.append(timed(pubdesk(data, "export-publications",
                                         str(folder / f"out{repeat}.xlsx"))))
            shutil.rmtree(data)
        base = statistics.median(baseline)
        print(f"{args.records:,} rows ({listing.stat().st_size / 1e6:.1f} MB), "
              f"{args.repeats} runs, medians")
        print("| what | median s | ratio to baseline |")
        print("|---|---|---|")
        print(f"| baseline: openpyxl read-only load, every cell | {base:.2f} | 1.00 |")
        print(f"| **import-publications --create-units** | {statistics.median(imports):.2f} | "
              f"{statistics.median(imports) / base:.2f} |")
        print(f"| export-publications | {statistics.median(exports):.2f} | "
              f"{statistics.median(exports) / base:.2f} |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
