"""Mutants of PDFs the tests build — byte flips, truncation, duplicated and cut ranges, a
broken xref — each checked under the batch's bounds: every file gets a verdict for every
check or a reason it could not be opened; no child crashes, nothing runs past the bound.

A few hundred in the suite (fixed seed); `PUBDESK_FUZZ=5000` runs thousands. Issue 17: the
5,000-mutant run found 7 files whose broken page tree ended the child with an exception.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from app.pdfcheck import CHECK_IDS
from app.pdfcheck.isolation import check_files
from tests.pdf_factory import HELVETICA, Builder, long_book

MUTANTS = int(os.environ.get("PUBDESK_FUZZ", "300"))


def _bases(folder: Path) -> list[Path]:
    book = Builder()
    image = book.image(600, 400)
    form = book.form(b"q 50 0 0 50 0 0 cm /Im Do Q", Dictionary(XObject=Dictionary(Im=image)))
    for _ in range(3):
        book.page(b"BT /F1 12 Tf 10 10 Td (Hello) Tj ET q 2 0 0 2 0 0 cm /Fm Do Q",
                  Dictionary(Font=Dictionary(F1=HELVETICA), XObject=Dictionary(Fm=form)))
    item = book.pdf.make_indirect(Dictionary(Title=String("第一章"),
                                             Dest=Array([book.pdf.pages[0].obj, Name.Fit])))
    book.pdf.Root.Outlines = book.pdf.make_indirect(Dictionary(First=item, Last=item, Count=1))
    links = Builder()
    link = links.pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 10, 10]),
        A=Dictionary(S=Name.URI, URI=String("https://example.com"),
                     Next=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))))
    links.page(b"0 0 1 rg 0 0 100 100 re f", Annots=Array([link]))
    # Long enough for two walkers (app.pdfcheck.parallel); content left uncompressed, so
    # flipped bytes land in the operators and the mutants that still open walk on two cores.
    long = long_book(folder / "long.pdf", 60, hidden_pages=(10, 40), type3_pages=(50,))
    pikepdf.open(long).save(folder / "long-plain.pdf", compress_streams=False,
                            object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return [folder / "long-plain.pdf", book.save(folder / "book.pdf"),
            links.save(folder / "links.pdf", compress_streams=False,
                       object_stream_mode=pikepdf.ObjectStreamMode.disable)]


def _mutant(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    kind = rng.choice(("flip", "truncate", "duplicate", "cut", "xref"))
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif kind == "truncate":
        del out[rng.randrange(16, len(out)):]
    elif kind in ("duplicate", "cut"):
        start = rng.randrange(len(out))
        end = min(len(out), start + rng.randint(1, 400))
        if kind == "cut":
            del out[start:end]
        else:
            at = rng.randrange(len(out))
            out[at:at] = out[start:end]
    else:
        position = out.rfind(b"startxref")
        out[position:] = b"startxref\n%d\n%%%%EOF\n" % rng.randrange(len(out))
    return bytes(out)


def test_every_mutant_gets_a_verdict_within_the_bound(tmp_path: Path) -> None:
    rng = random.Random(20261130)
    paths = []
    for base in _bases(tmp_path):
        data = base.read_bytes()
        for index in range(MUTANTS // 3):
            path = tmp_path / f"{base.stem}-{index}.pdf"
            path.write_bytes(_mutant(data, rng))
            paths.append(str(path))
    started = time.monotonic()
    reports = check_files(paths, timeout=30)
    assert len(reports) == len(paths)
    assert time.monotonic() - started < 30 + len(paths) * 2
    for report in reports:
        if not report.opened:
            assert report.error, report.path
            assert "異常結束" not in report.error, f"the child crashed on {report.path}"
            assert "逾時" not in report.error, f"past the bound on {report.path}"
            continue
        assert set(CHECK_IDS) - {"naming"} <= set(report.checks), report.path
        for check_id, result in report.checks.items():
            assert result.message, (report.path, check_id)
            assert "無法完成" not in result.message, (report.path, check_id, result.evidence)
