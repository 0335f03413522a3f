"""The page walk on two cores (app.pdfcheck.parallel) finds exactly what one walk finds: the
same report, word for word, on books built to make the halves depend on each other (a form
or a Type3 font in both halves, hidden layers and bad values in both, direct fonts, a damaged
file) — and the second half is really taken from the child where it can be.

And the bounds hold for the second walker: killing the check kills it too."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from pikepdf import Dictionary

from app.pdfcheck import parallel
from app.pdfcheck.engine import check_pdf
from app.pdfcheck.isolation import check_files
from tests.pdf_factory import Builder, helvetica, long_book

PAGES = 60

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="two walkers need fork")


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, Any],
                                                               list[bool]]:
    """(one walk's report, two walkers' report, whether each merge took the child's half)."""
    merged: list[bool] = []
    real_merge = parallel._merge

    def spy(*args: Any) -> bool:
        merged.append(real_merge(*args))
        return merged[-1]

    with monkeypatch.context() as patch:
        patch.setattr(parallel, "usable", lambda: False)
        alone = check_pdf(path).to_json()
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "MIN_PAGES", 2)
        patch.setattr(parallel, "usable", lambda: True)
        patch.setattr(parallel, "_merge", spy)
        together = check_pdf(path).to_json()
    return alone, together, merged


@pytest.mark.parametrize(("options", "child_taken"), [
    ({}, True),
    ({"hidden_pages": (10, 40), "bad_pages": (7, 45)}, True),
    ({"type3_pages": (50,)}, True),
    ({"type3_pages": (3, 55)}, False),       # glyphs walked once: both halves met them
    ({"shared_form": True}, False),          # a running head placed on every page
    ({"direct_font": True}, False),          # nothing to find the child's font by
])
def test_two_walkers_report_what_one_walk_reports(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  options: dict[str, Any],
                                                  child_taken: bool) -> None:
    path = long_book(tmp_path / "book.pdf", **options)
    alone, together, merged = _both(path, monkeypatch)
    assert together == alone
    assert merged == [child_taken]
    checks = alone["checks"]
    assert checks["colour_space"]["status"] == "fail"       # the RGB images
    assert checks["image_resolution"]["evidence"]["placements"] >= PAGES
    if options.get("hidden_pages"):
        assert any("第 10、40 頁有預設隱藏的圖層" in note for note in alone["notes"])
    if options.get("bad_pages"):
        assert any("第 7 頁有無法解讀的值" in note for note in alone["notes"])


def test_a_damaged_file_is_walked_in_one_process(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A file repaired on opening is walked by one walker: a repair in one half could change
    what the other half reads."""
    path = long_book(tmp_path / "book.pdf")
    data = path.read_bytes()
    broken = data[:data.rfind(b"startxref")] + b"startxref\n999\n%%EOF\n"
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(broken)
    alone, together, merged = _both(damaged, monkeypatch)
    assert together == alone
    assert merged == []                                       # no second walker at all
    assert alone["checks"]["structure"]["status"] == "fail"


def _group_members(group: int) -> list[str]:
    """States of the live processes in a process group (zombies left out)."""
    states = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            states.append(f"{entry.name}:{fields[0]}")
    return states


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_time_bound_kills_the_second_walker_too(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A check stopped by its time bound leaves no walker running (the second walker is in
    the check's process group)."""
    builder = Builder()
    busy = b" ".join([b"BT /F1 10 Tf (x) Tj ET"] * 400)
    font = builder.pdf.make_indirect(helvetica())
    for _ in range(4000):
        builder.page(busy, Dictionary(Font=Dictionary(F1=font)))
    path = builder.save(tmp_path / "long.pdf")
    forked: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    monkeypatch.setattr(parallel, "usable", lambda: True)
    started = time.monotonic()
    # No memory bound to speak of: the forked child inherits the address space of this test
    # run, which after the GUI tests exceeds any bound an officer's check would have (the
    # child then cannot even map the file). This test is about the time bound.
    report = check_files([str(path)], timeout=1.5, memory_mb=1 << 20)[0]
    assert time.monotonic() - started < 10
    assert "逾時" in (report.error or "")
    assert forked, "the check was not forked"
    deadline = time.monotonic() + 5  # SIGKILL is prompt, but a loaded machine may lag
    while _group_members(forked[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group_members(forked[0]) == []
    for pid in forked:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        os.kill(pid, signal.SIGKILL)
        pytest.fail(f"process {pid} outlived the bound")
