"""The e-file checker's bounds (issue 28, item 9): a valid PDF whose page content is beyond a
bound is too large to check fully — said with the limit, never as damage — and its e-file is
kept as 請注意 (warn), not failed. The bounds are stated once, in app.pdfcheck.bounds."""

from __future__ import annotations

import dataclasses
import re
import zlib
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

from app.db import Database
from app.intake.limits import LIMITS
from app.language import set_language, shown
from app.models import EFile, EFileRole
from app.pdfcheck import Status, check_files, check_pdf, isolation
from app.pdfcheck import cli as check_cli
from app.pdfcheck.bounds import BOUND_WORDS, BOUNDS, BoundExceeded, CheckerBounds, bound_words
from app.pdfcheck.engine import WALK_CHECKS
from app.services.efiles import record_check, stored_report
from tests.app.factories import add_book
from tests.pdf_factory import Builder, embedded_truetype, fonts

DAMAGED = "檔案結構有損壞"
NOT_DAMAGED = "這不表示檔案損壞"
CHINESE = re.compile(r"[\u3400-\u9fff]")
THRESHOLDS = {"count_from_bytes", "measure_from_raw_bytes"}
"""When to measure or count, not limits."""


def big_page(path: Path, content: bytes) -> Path:
    """A valid one-page PDF (embedded font) whose content stream is `content`, compressed."""
    builder = Builder()
    font = embedded_truetype(builder)
    builder.page(content, fonts(F1=font))
    return builder.save(path, compress_streams=True)


def many_instructions(path: Path, count: int) -> Path:
    """Text in the embedded font, then `count` colour changes the walk keeps: valid, big."""
    return big_page(path, b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n" + b"0 0 0 1 k\n" * count)


def assert_too_large_not_damaged(report, bound: str,  # type: ignore[no-untyped-def]
                                 *others: str) -> None:
    """Too large (by `bound`, or one of `others`), said so and not as damage."""
    structure = report.checks["structure"]
    bound = next((b for b in (bound, *others) if structure.evidence.get("bounds") == [b]), bound)
    words = bound_words(bound)
    assert structure.status is Status.WARN, structure.message
    assert "檔案太大，無法完整檢查" in structure.message
    assert words in structure.message
    assert NOT_DAMAGED in structure.message
    assert structure.evidence["bounds"] == [bound]
    for check_id in WALK_CHECKS:  # what the walk did not see cannot pass
        result = report.checks[check_id]
        assert result.status is Status.WARN, (check_id, result.message)
        assert "未能完整檢查" in result.message
        assert words in result.message
    everything = " ".join([*report.notes, *(c.message for c in report.checks.values())])
    assert DAMAGED not in everything
    assert "損壞，無法" not in everything
    assert report.opened
    assert not report.failed
    assert report.verdict is Status.WARN


def test_the_bounds_are_one_frozen_record_shared_with_the_imports() -> None:
    assert isinstance(BOUNDS, CheckerBounds)
    with pytest.raises(dataclasses.FrozenInstanceError):
        BOUNDS.content_bytes = 1  # type: ignore[misc]
    assert BOUNDS.memory_mb == LIMITS.memory_mb
    assert (BOUNDS.seconds, BOUNDS.memory_mb) == \
        (isolation.DEFAULT_TIMEOUT, isolation.DEFAULT_MEMORY_MB)
    import argparse

    parser = argparse.ArgumentParser()
    check_cli.add_arguments(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["check", "x.pdf"])
    assert (args.timeout, args.memory_mb) == (BOUNDS.seconds, BOUNDS.memory_mb)
    for field in dataclasses.fields(CheckerBounds):  # every bound can be said, with its figure
        if field.name not in THRESHOLDS:
            assert re.search(r"\d", bound_words(field.name)), field.name
    assert set(BOUND_WORDS) == {f.name for f in dataclasses.fields(CheckerBounds)} - THRESHOLDS


def test_bound_exceeded_carries_which_bound() -> None:
    exc = BoundExceeded("content_instructions")
    assert exc.bound == "content_instructions"
    assert exc.words == "單一內容串流的繪圖指令超過 200,000 個" == str(exc)
    assert BoundExceeded("content_bytes").words == "單一內容串流解壓後超過 64 MB"


def test_a_content_stream_over_the_instruction_bound_is_too_large_not_damaged(
        tmp_path: Path) -> None:
    path = many_instructions(tmp_path / "map.pdf", BOUNDS.content_instructions + 10)
    report = check_pdf(path)
    assert_too_large_not_damaged(report, "content_instructions")
    assert any("第 1 頁的頁面內容" in note and NOT_DAMAGED in note for note in report.notes)
    # the checks that need no walk still judge the file
    assert report.checks["pdf_version"].status is Status.PASS
    assert report.checks["active_content"].status is Status.PASS


def test_a_content_stream_over_the_byte_bound_is_too_large_and_not_inflated_whole(
        tmp_path: Path) -> None:
    # Path drawing costs the walk nothing (qpdf skips it), but 64 MB decoded is the bound;
    # written compressed (a few hundred KB), so it is also a small file that inflates hugely.
    line = b"0 0 m 100 100 l S\n"
    body = b"BT /F1 12 Tf (Hello) Tj ET\n" + line * (BOUNDS.content_bytes // len(line) + 10)
    builder = Builder()
    font = embedded_truetype(builder)
    page = builder.page(b"", fonts(F1=font))
    page.obj.Contents.write(zlib.compress(body, 9), filter=Name.FlateDecode)
    path = builder.save(tmp_path / "plan.pdf")
    del body
    assert path.stat().st_size < 1_000_000
    report = check_pdf(path)
    assert_too_large_not_damaged(report, "content_bytes")


def test_below_the_bounds_a_large_page_is_checked_in_full(tmp_path: Path) -> None:
    # 150,000 colour changes and a million path segments: big, within every bound.
    path = big_page(tmp_path / "dense.pdf", b"BT /F1 12 Tf (Hello) Tj ET\n" +
                    b"0 0 0 1 k\n" * 150_000 + b"0 0 m 9 9 l S\n" * 1_000_000)
    report = check_pdf(path)
    assert report.checks["structure"].status is Status.PASS
    assert report.checks["fonts_embedded"].status is Status.PASS
    assert not any("太大" in note for note in report.notes)


def test_the_isolated_check_says_too_large_where_it_used_to_say_damaged(
        tmp_path: Path) -> None:
    # Issue 28 item 9: a million instructions exhausted the child's 512 MB inside qpdf and the
    # file was called 「檔案的頁面結構損壞」; five million crashed the child outright. The
    # forked child inherits the test run's address space, so under the whole suite it may run
    # out of its 512 MB even while counting: that too is too large, not damaged.
    for count in (1_000_000, 5_000_000):
        path = many_instructions(tmp_path / f"big-{count}.pdf", count)
        report = check_files([str(path)])[0]
        assert_too_large_not_damaged(report, "content_instructions", "memory_mb")


def test_the_e_file_record_keeps_warn_not_failed_as_damaged(
        tmp_path: Path, db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id)
    path = many_instructions(tmp_path / "body.pdf", BOUNDS.content_instructions + 1)
    report = check_pdf(path)
    with db.session() as session:
        efile_id = record_check(session, book, report, EFileRole.PRINT_BODY)
    with db.session() as session:
        efile = session.get(EFile, efile_id)
        assert efile is not None
        assert efile.check_status == "warn"
        kept = stored_report(session, efile_id)
    assert kept is not None
    assert kept.verdict is Status.WARN
    assert NOT_DAMAGED in kept.checks["structure"].message


def test_the_too_large_sentences_have_english(tmp_path: Path) -> None:
    report = check_pdf(many_instructions(tmp_path / "map.pdf",
                                         BOUNDS.content_instructions + 1))
    said = [*report.notes, *(report.checks[c].message for c in ("structure", *WALK_CHECKS)),
            *(report.checks[c].fix for c in ("structure", *WALK_CHECKS))]
    set_language("en")
    try:
        english = [shown(text) for text in said]
    finally:
        set_language("zh_TW")
    for source, target in zip(said, english, strict=True):
        assert not CHINESE.search(target), (source, target)
    assert any("too large to check fully" in text for text in english), english
    assert any("200,000" in text for text in english)


def test_the_whole_walk_out_of_memory_is_too_large_not_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.pdfcheck import parallel

    def exhausted(_walker: object, _path: str) -> list[str]:
        raise MemoryError("std::bad_alloc")

    monkeypatch.setattr(parallel, "walk", exhausted)
    path = many_instructions(tmp_path / "small.pdf", 10)
    report = check_pdf(path)
    assert report.opened
    assert report.verdict is Status.WARN
    assert report.checks["pdf_version"].status is Status.PASS
    assert "記憶體超過 512 MB" in report.notes[0]
    assert NOT_DAMAGED in report.notes[0]
    assert all(DAMAGED not in c.message for c in report.checks.values())


def test_a_stream_that_cannot_be_inflated_is_left_to_qpdf(tmp_path: Path) -> None:
    builder = Builder()
    page = builder.page(b"", fonts(F1=embedded_truetype(builder)))
    page.obj.Contents.write(b"not deflate at all", filter=Name.FlateDecode)
    path = builder.save(tmp_path / "broken.pdf")
    report = check_pdf(path)
    assert report.checks["structure"].status is Status.FAIL  # damage is still damage
    assert not any("太大" in note for note in report.notes)


def test_a_bound_is_not_an_unreadable_page_in_the_second_walker(tmp_path: Path) -> None:
    # Two walkers (48 pages or more): the second half's too-large pages are merged as such.
    builder = Builder()
    font = builder.pdf.make_indirect(embedded_truetype(builder))
    for number in range(60):
        body = b"0 0 0 1 k\n" * (BOUNDS.content_instructions + 1) if number == 55 else b""
        builder.page(b"BT /F1 12 Tf (Hello) Tj ET\n" + body, fonts(F1=font))
    path = builder.save(tmp_path / "book.pdf", compress_streams=True)
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 60
    report = check_pdf(path)
    assert_too_large_not_damaged(report, "content_instructions")
    assert "第 56 頁的頁面內容" in report.checks["structure"].message


def test_content_written_small_enough_to_skip_holds_too_little_to_matter() -> None:
    # deflate expands at most ~1,050×: the most compressible content the walk keeps, 600 KB
    # of it (300,000 instructions, 81 MB held), already takes more than
    # `measure_from_raw_bytes` to write, so what is not measured fits in the child with room
    for content in (b"q\n" * 300_000, b"Q " * 300_000, b"q Q\n" * 150_000):
        assert len(zlib.compress(content, 9)) >= BOUNDS.measure_from_raw_bytes
    assert BOUNDS.memory_mb * 1024 * 1024 // 4 > 300_000 * 270


def test_the_time_bound_is_said_as_a_bound_not_as_damage(tmp_path: Path) -> None:
    path = many_instructions(tmp_path / "slow.pdf", 10)
    report = check_files([str(path)], timeout=0.001)[0]
    assert "檢查逾時（檢查時間超過 0.001 秒）" in (report.error or "")
    assert NOT_DAMAGED in (report.error or "")
    assert "損壞。" not in (report.error or "").replace(NOT_DAMAGED, "")
    assert report.failed  # not checked fully in time: not passed either
