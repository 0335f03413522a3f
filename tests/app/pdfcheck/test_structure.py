import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from app.pdfcheck import BatchCancelled, Status, check_files, check_pdf, write_outline
from app.pdfcheck.checks.naming import NamingRule
from tests.pdf_factory import Builder, one_page

ROOT = Path(__file__).resolve().parents[3]
TOC = [{"title": "第一章　緒論", "page": "1", "children": [
    {"title": "第一節 背景", "page": "2", "children": []}]},
    {"title": "圖目次", "page": "5", "children": []}]


def book(tmp_path: Path, pages: int = 8) -> Path:
    builder = Builder()
    for _ in range(pages):
        builder.page(b"")
    return builder.save(tmp_path / "book.pdf")


def test_outline_written_from_the_toc_matches_it_and_the_original_is_untouched(
        tmp_path: Path) -> None:
    source = book(tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = write_outline(source, tmp_path / "with-bookmarks.pdf", TOC, page_offset=2)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    result = check_pdf(target, toc=TOC, page_offset=2).checks["bookmarks"]
    assert result.status is Status.PASS, result.evidence["differences"]
    assert result.evidence["outline"][0]["page"] == 3
    assert result.evidence["outline"][0]["children"][0]["title"] == "第一節 背景"
    assert check_pdf(source, toc=TOC).checks["bookmarks"].status is Status.FAIL
    with pytest.raises(Exception, match="不會覆蓋原始檔"):
        write_outline(source, source, TOC)


@pytest.mark.parametrize(("toc", "kind"), [
    ([*TOC, {"title": "第二章", "page": "6", "children": []}], "missing"),
    ([TOC[0]], "extra"),
    ([TOC[1], TOC[0]], "misplaced"),
    ([{"title": "第一章 緒論", "page": "1", "children": []},
      {"title": "第一節 背景", "page": "2", "children": []}, TOC[1]], "level"),
    ([{**TOC[0], "page": "4"}, TOC[1]], "page"),
])
def test_each_kind_of_difference(tmp_path: Path, toc: list, kind: str) -> None:
    target = write_outline(book(tmp_path), tmp_path / "b.pdf", TOC)
    result = check_pdf(target, toc=toc).checks["bookmarks"]
    assert result.status is Status.FAIL
    assert kind in {d["kind"] for d in result.evidence["differences"]}


def test_titles_compare_across_full_and_half_width_and_spaces(tmp_path: Path) -> None:
    target = write_outline(book(tmp_path), tmp_path / "b.pdf", [
        {"title": "第１章　緒論 ( 上 )", "page": "1", "children": []}])
    result = check_pdf(target, toc=[{"title": "第1章 緒論(上)", "page": "1"}]).checks["bookmarks"]
    assert result.status is Status.PASS


def test_named_destinations_and_goto_actions_resolve(tmp_path: Path) -> None:
    builder = Builder()
    for _ in range(4):
        builder.page(b"")
    pdf = builder.pdf
    page3 = pdf.pages[2].obj
    names = pikepdf.NameTree.new(pdf)
    names["chapter"] = Array([page3, Name.Fit])
    pdf.Root.Names = Dictionary(Dests=names.obj)
    pdf.Root.Dests = Dictionary(old=Dictionary(D=Array([pdf.pages[3].obj, Name.Fit])))
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    first = pdf.make_indirect(Dictionary(Title=String("named"), Parent=outlines,
                                         Dest=String("chapter")))
    second = pdf.make_indirect(Dictionary(Title=String("action"), Parent=outlines,
                                          A=Dictionary(S=Name.GoTo,
                                                       D=Array([pdf.pages[1].obj, Name.Fit]))))
    third = pdf.make_indirect(Dictionary(Title=String("old"), Parent=outlines,
                                         Dest=Name("/old")))
    first.Next, second.Prev, second.Next, third.Prev = second, first, third, second
    outlines.First, outlines.Last = first, third
    pdf.Root.Outlines = outlines
    result = check_pdf(builder.save(tmp_path / "n.pdf")).checks["bookmarks"]
    assert [(o["title"], o["page"]) for o in result.evidence["outline"]] == [
        ("named", 3), ("action", 2), ("old", 4)]


def test_an_outline_cycle_is_reported_not_looped(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"")
    pdf = builder.pdf
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    a = pdf.make_indirect(Dictionary(Title=String("A"), Parent=outlines,
                                     Dest=Array([pdf.pages[0].obj, Name.Fit])))
    b = pdf.make_indirect(Dictionary(Title=String("B"), Parent=outlines,
                                     Dest=Array([pdf.pages[0].obj, Name.Fit])))
    a.Next, b.Next, b.First = b, a, a  # a cycle through Next and a child pointing back
    outlines.First = a
    pdf.Root.Outlines = outlines
    result = check_pdf(builder.save(tmp_path / "cycle.pdf")).checks["bookmarks"]
    assert any("循環" in p for p in result.evidence["problems"])
    assert [o["title"] for o in result.evidence["outline"]] == ["A", "B"]


def test_no_toc_says_whether_there_is_an_outline(tmp_path: Path) -> None:
    assert check_pdf(book(tmp_path)).checks["bookmarks"].status is Status.WARN
    marked = write_outline(book(tmp_path), tmp_path / "m.pdf", TOC)
    assert check_pdf(marked).checks["bookmarks"].status is Status.PASS


def test_owner_password_only_is_still_protection(tmp_path: Path) -> None:
    path = one_page(tmp_path / "owner.pdf", b"", encryption=pikepdf.Encryption(
        owner="secret", user="", allow=pikepdf.Permissions(extract=False)))
    report = check_pdf(path)
    assert report.opened
    result = report.checks["protection"]
    assert result.status is Status.FAIL
    assert result.evidence["copy_allowed"] is False
    assert "複製文字與圖片" in result.evidence["refused"]
    locked = one_page(tmp_path / "user.pdf", b"", encryption=pikepdf.Encryption(
        owner="secret", user="open"))
    report = check_pdf(locked)
    assert not report.opened
    assert "密碼" in report.error
    assert report.checks["protection"].status is Status.FAIL


def test_active_content(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"")
    builder.pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    result = check_pdf(builder.save(tmp_path / "js.pdf")).checks["active_content"]
    assert result.status is Status.FAIL
    assert "JavaScript" in result.message
    builder = Builder()
    launch = builder.pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 10, 10]),
        A=Dictionary(S=Name.Launch, F=String("cmd.exe"))))
    builder.page(b"", Dictionary(), Annots=Array([launch]))
    result = check_pdf(builder.save(tmp_path / "launch.pdf")).checks["active_content"]
    assert result.status is Status.FAIL
    assert result.evidence["items"][0]["where"] == "第 1 頁的連結或按鈕"
    builder = Builder()
    builder.page(b"")
    builder.pdf.attachments["data.xlsx"] = pikepdf.AttachedFileSpec(builder.pdf, b"x")
    result = check_pdf(builder.save(tmp_path / "att.pdf")).checks["active_content"]
    assert result.status is Status.WARN


@pytest.mark.parametrize(("content", "message"), [
    (b"", "空的"),
    (b"<!DOCTYPE html><html><body>Not found</body></html>", "HTML"),
    (b"\x89PNG\r\n\x1a\n binary", "不是 PDF"),
])
def test_files_that_are_not_pdfs(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    report = check_pdf(path)
    assert not report.opened
    assert message in report.error
    assert report.failed


def test_truncated_and_broken_xref_files_get_a_verdict(tmp_path: Path) -> None:
    good = write_outline(book(tmp_path), tmp_path / "good.pdf", TOC)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    broken = tmp_path / "broken-xref.pdf"
    position = data.rfind(b"startxref")
    broken.write_bytes(data[:position] + b"startxref\n999999\n%%EOF\n")
    for path in (truncated, broken):
        report = check_pdf(path)
        assert report.opened or report.error
        if report.opened:
            assert any("修復" in n for n in report.notes)
            # Issue 17 (4): a damaged file never passes, whatever the other checks saw.
            assert report.checks["structure"].status is Status.FAIL
            assert report.failed
    assert "結尾不完整" in check_pdf(truncated).checks["structure"].message
    assert check_pdf(good).checks["structure"].status is Status.PASS
    missing = check_pdf(tmp_path / "nowhere.pdf")
    assert "找不到" in missing.error


def test_naming_of_a_serial_issue_and_a_book() -> None:
    rule = NamingRule("serial", "12", "3")
    from app.pdfcheck.checks.naming import check_set

    good = ["12卷3期_版權頁.pdf", "12卷3期_目次頁.pdf", "12卷3期_半導體.pdf"]
    assert {r.status for r in check_set(good, rule).values()} == {Status.PASS}
    results = check_set(["12卷3期_版權頁.pdf", "第3期_半導體.pdf"], rule)
    wrong = results["第3期_半導體.pdf"]
    assert wrong.status is Status.FAIL
    assert wrong.evidence["expected"] == "12卷3期_第3期_半導體.pdf"
    assert results["12卷3期_版權頁.pdf"].status is Status.WARN, "目次頁 missing"
    book_results = check_set(["a.pdf", "b.pdf"], NamingRule("book"))
    assert all(r.status is Status.FAIL for r in book_results.values())


def test_batch_isolates_files_bounds_time_and_cancels(tmp_path: Path) -> None:
    good = book(tmp_path)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"garbage")
    reports = check_files([str(good), str(bad)], naming=NamingRule("book"))
    assert [r.opened for r in reports] == [True, False]
    assert reports[0].checks["naming"].status is Status.FAIL, "two files for one book"
    slow = check_files([str(good)], timeout=0.001)
    assert "逾時" in slow[0].error
    with pytest.raises(BatchCancelled):
        check_files([str(good)], cancelled=lambda: True)


def test_cli_json_is_one_document_and_exit_codes(tmp_path: Path) -> None:
    good = write_outline(book(tmp_path), tmp_path / "good.pdf", TOC)
    toc = tmp_path / "toc.json"
    toc.write_text(json.dumps(TOC, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "app", "check", "--json", "--toc", str(toc),
                          str(good)], capture_output=True, text=True, cwd=ROOT, check=False)
    document = json.loads(run.stdout)
    checks = document["files"][0]["checks"]
    assert set(checks) == {"structure", "pdf_version", "fonts_embedded", "image_resolution", "colour_space",
                           "bookmarks", "protection", "text_copyable", "private_use_chars",
                           "active_content", "naming", "virus_scan"}
    assert checks["virus_scan"]["status"] == "pass"  # the stand-in scanner (tests.fake_scanner)
    assert checks["bookmarks"]["status"] == "pass"
    assert checks["image_resolution"]["evidence"]["min_ppi"] is None
    assert checks["protection"]["evidence"] == {"encrypted": False, "copy_allowed": True}
    assert run.returncode == 0
    bad = tmp_path / "bad.pdf"
    bad.write_text("<html></html>")
    failing = subprocess.run([sys.executable, "-m", "app", "check", str(bad)],
                             capture_output=True, text=True, cwd=ROOT, check=False)
    assert failing.returncode == 1
    assert "HTML" in failing.stdout
    usage = subprocess.run([sys.executable, "-m", "app", "check"], capture_output=True,
                           text=True, cwd=ROOT, check=False)
    assert usage.returncode == 2


@pytest.mark.parametrize("runner", ["forked", "process"])
def test_both_isolation_runners_give_the_same_report(tmp_path: Path, runner: str) -> None:
    from app.pdfcheck.isolation import check_forked, check_isolated

    good = write_outline(book(tmp_path), tmp_path / "good.pdf", TOC)
    options = {"profile": "print", "toc": TOC, "page_offset": 0}
    function = check_forked if runner == "forked" else check_isolated
    report = function(str(good), options)
    assert report.opened
    assert report.checks["bookmarks"].status is Status.PASS
    assert report.to_json()["checks"] == check_pdf(good, toc=TOC).to_json()["checks"]
    assert "逾時" in (function(str(good), options, timeout=0.0001).error or "")
    with pytest.raises(BatchCancelled):
        function(str(good), options, cancelled=lambda: True)


def test_the_memory_bound_ends_in_a_verdict(tmp_path: Path) -> None:
    """A file that needs more memory than the bound gets a verdict naming the bound (the
    bound is the child's address space; far below what any check needs here)."""
    from app.pdfcheck.isolation import check_isolated

    good = write_outline(book(tmp_path), tmp_path / "good.pdf", TOC)
    report = check_isolated(str(good), {"profile": "print"}, memory_mb=30)
    assert not report.opened
    assert "記憶體" in (report.error or "")
    assert check_isolated(str(good), {"profile": "print"}).opened, "the default bound suffices"
