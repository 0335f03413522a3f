"""One reused checker child for a batch where the checker cannot fork (the GUI, Windows;
issue 26): the same reports as a fresh `check-one` per file, one interpreter start for the
batch, and the same isolation — a file that hangs or kills its child costs that file only,
the next one is checked by a fresh child, cancel stops at once."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from app.pdfcheck import BatchCancelled, check_files, write_outline
from app.pdfcheck.isolation import check_isolated
from app.pdfcheck.pool import CheckerPool
from tests.app.pdfcheck.test_structure import TOC, book
from tests.pdf_factory import one_page

OPTIONS = {"profile": "print", "toc": None, "page_offset": 0}


def _files(tmp_path: Path, count: int) -> list[Path]:
    return [one_page(tmp_path / f"第{i}篇.pdf", b"0 0 0 1 k 0 0 10 10 re f") for i in range(count)]


def test_a_batch_is_checked_by_one_child_with_the_reports_of_check_one(tmp_path: Path) -> None:
    files = _files(tmp_path, 6)
    good = write_outline(book(tmp_path), tmp_path / "good.pdf", TOC)
    with CheckerPool(512) as pool:
        reports = [pool.check(str(f), OPTIONS, timeout=60) for f in files]
        with_toc = pool.check(str(good), {**OPTIONS, "toc": TOC}, timeout=60)
        assert pool.started == 1
    for file, report in zip(files, reports, strict=True):
        assert report.to_json() == check_isolated(str(file), OPTIONS).to_json()
    assert with_toc.checks["bookmarks"].status.value == "pass"


def _stand_in(tmp_path: Path, behaviour: str) -> list[str]:
    """A child that answers like check-serve, but hangs or dies on a file named for it."""
    script = tmp_path / "serve.py"
    script.write_text(f"""
import json, os, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})
from app.pdfcheck.cli import _check_one
for line in sys.stdin.buffer:
    job = json.loads(line)
    if os.path.basename(job["path"]).startswith("BAD"):
        if "{behaviour}" == "hang":
            time.sleep(60)
        os._exit(9)
    _check_one(job)
    sys.stdout.buffer.write(b"\\n")
    sys.stdout.buffer.flush()
""", encoding="utf-8")
    return [sys.executable, str(script)]


@pytest.mark.parametrize("behaviour", ["hang", "die"])
def test_a_file_that_hangs_or_kills_its_child_costs_that_file_only(tmp_path: Path,
                                                                   behaviour: str) -> None:
    files = _files(tmp_path, 2)
    bad = one_page(tmp_path / f"BAD-{behaviour}.pdf", b"0 0 10 10 re f")
    with CheckerPool(512, command=_stand_in(tmp_path, behaviour)) as pool:
        first = pool.check(str(files[0]), OPTIONS, timeout=30)
        stopped = pool.check(str(bad), OPTIONS, timeout=2)
        after = pool.check(str(files[1]), OPTIONS, timeout=30)
        assert pool.started == 2  # the bad file's child was replaced
    assert first.opened
    assert after.opened
    assert not stopped.opened
    assert stopped.failed
    assert ("逾時" if behaviour == "hang" else "異常結束") in (stopped.error or "")


def test_cancel_stops_the_child_at_once(tmp_path: Path) -> None:
    bad = one_page(tmp_path / "BAD-hang.pdf", b"0 0 10 10 re f")
    pool = CheckerPool(512, command=_stand_in(tmp_path, "hang"))
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    with pytest.raises(BatchCancelled):
        pool.check(str(bad), OPTIONS, timeout=60, cancelled=cancel.is_set)
    assert pool._child is None  # killed, not left running
    pool.close()


def test_the_memory_bound_still_holds(tmp_path: Path) -> None:
    """The child's whole address space is bounded as check-one's is: far too little memory
    ends in a verdict naming it, for every file, and never in an exception."""
    files = _files(tmp_path, 2)
    with CheckerPool(30) as pool:
        reports = [pool.check(str(f), OPTIONS, timeout=30) for f in files]
    assert all(not r.opened and "記憶體" in (r.error or "") for r in reports)


def test_check_files_uses_the_pool_where_it_cannot_fork(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.pdfcheck import isolation, pool

    started: list[int] = []
    real = pool._Child.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(pool._Child, "__init__", counting)
    monkeypatch.setattr(isolation, "can_fork", lambda: False)  # as in the GUI, or on Windows
    reports = check_files([str(f) for f in _files(tmp_path, 8)], virus_scan=False)
    assert len(reports) == 8
    assert all(r.opened for r in reports)
    assert started == [1]


def test_a_child_that_never_stops_writing_still_meets_its_bounds(tmp_path: Path) -> None:
    """Review finding: the time bound and cancel were looked at only after 50 ms of silence."""
    script = tmp_path / "chatty.py"
    script.write_text("import sys, time\nsys.stdin.buffer.readline()\n"
                      "while True:\n    sys.stdout.buffer.write(b'noise\\n')\n"
                      "    sys.stdout.buffer.flush()\n    time.sleep(0.005)\n", encoding="utf-8")
    file = _files(tmp_path, 1)[0]
    with CheckerPool(512, command=[sys.executable, str(script)]) as pool:
        report = pool.check(str(file), OPTIONS, timeout=1)
    assert "逾時" in (report.error or "")
    with CheckerPool(512, command=[sys.executable, str(script)]) as pool:
        calls = {"n": 0}

        def later() -> bool:
            calls["n"] += 1
            return calls["n"] > 20

        with pytest.raises(BatchCancelled):
            pool.check(str(file), OPTIONS, timeout=60, cancelled=later)


def test_what_a_library_prints_never_hides_the_report(tmp_path: Path) -> None:
    """Review finding: text printed to standard output without a newline was glued onto the
    report line, and the file was said to have timed out. check-serve keeps standard output
    for its protocol and sends the rest to standard error."""
    files = _files(tmp_path, 2)
    script = tmp_path / "serve.py"
    script.write_text(f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})
from app.pdfcheck import engine
real = engine.check_pdf
def noisy(*args, **kwargs):
    print("a library's chatter, no newline", end="", flush=True)
    return real(*args, **kwargs)
engine.check_pdf = noisy
from app.pdfcheck.cli import run_check_serve
sys.exit(run_check_serve(None))
""", encoding="utf-8")
    with CheckerPool(512, command=[sys.executable, str(script)]) as pool:
        reports = [pool.check(str(f), OPTIONS, timeout=30) for f in files]
    assert all(r.opened for r in reports), [r.error for r in reports]


def test_a_file_name_that_is_not_utf8_is_checked(tmp_path: Path) -> None:
    """Review finding: a name with bytes that are not UTF-8 (surrogate escapes) made the
    job's JSON unencodable and stopped the batch."""
    import os

    good = _files(tmp_path, 1)[0]
    odd = os.fsdecode(os.fsencode(str(tmp_path)) + b"/\xff\xfe-bad.pdf")
    Path(odd).write_bytes(good.read_bytes())
    with CheckerPool(512) as pool:
        report = pool.check(odd, OPTIONS, timeout=60)
        after = pool.check(str(good), OPTIONS, timeout=60)
    # a verdict for that file (pikepdf itself cannot open such a name: said, not crashed),
    # and the batch goes on with the same child
    assert report.path == odd
    assert report.opened or "檔名含有無法辨識的字元" in (report.error or "")
    assert after.opened
    assert pool.started == 1
