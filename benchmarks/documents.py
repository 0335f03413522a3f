"""Benchmark: the consent letter and usage list for N books (DOCX, PDF, XLSX — what the officer
gets), against LibreOffice headless converting the same list DOCX to PDF, in the same run.

    python benchmarks/documents.py [--rows 10 200 2000] [--runs 2]

LibreOffice is warmed up once first (its first start loads its profile). The ratio is PubDesk
writing all its files ÷ LibreOffice converting one DOCX; target ≤ 0.25 at 200 rows, and PubDesk
linear from 200 to 2,000 rows (issue 19).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def libreoffice_pdf(docx: Path, out: Path, profile: Path) -> float:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    started = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=3600)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10, 200, 2000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()

    from app.db import open_database
    from app.models import ConsentKind
    from app.paths import resolve_locations
    from app.services.consent import (
        BookConsentItem,
        ConsentRequest,
        consent_draft,
        write_consent_files,
    )
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    folder = Path(tempfile.mkdtemp(prefix="pubdesk-docs-"))
    db = open_database(resolve_locations(folder / "ws", environ={}))
    with db.session() as session:
        unit = save_unit(session, UnitData(full_name="經濟部產業發展署", doc_code="產發"))
    books = [add_book(db, unit, f"產業發展研究報告第{i}輯：臺灣製造業轉型與升級之策略") for i in
             range(max(args.rows))]
    profile = folder / "lo-profile"
    rows_out = []
    warm = None
    for count in args.rows:
        request = ConsentRequest(unit_id=unit, kind=ConsentKind.BOOK, issued_on=date(2026, 11, 30),
                                 books=[BookConsentItem(b, all_rights=True) for b in books[:count]])
        ours, theirs = [], []
        for run in range(args.runs):
            target = folder / f"n{count}-{run}"
            started = time.perf_counter()
            with db.session() as session:
                draft = consent_draft(session, request)
            files = write_consent_files(draft, target)
            ours.append(time.perf_counter() - started)
            if warm is None:
                warm = libreoffice_pdf(files.list_docx, folder / "warm", profile)
            theirs.append(libreoffice_pdf(files.list_docx, target / "lo", profile))
        rows_out.append((count, statistics.median(theirs), statistics.median(ours)))
    db.dispose()
    print("| books (rows) | LibreOffice DOCX→PDF (s) | PubDesk, all files (s) | ratio |")
    print("|---|---|---|---|")
    for count, theirs, ours in rows_out:
        print(f"| {count:,} | {theirs:.2f} | {ours:.2f} | {ours / theirs:.2f} |")
    if len(rows_out) >= 2:
        (n1, _t1, o1), (n2, _t2, o2) = rows_out[-2], rows_out[-1]
        print(f"PubDesk {n1:,} → {n2:,} rows: ×{o2 / o1:.1f} time for ×{n2 / n1:.0f} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
