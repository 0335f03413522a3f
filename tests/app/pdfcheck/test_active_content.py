"""active_content on every path a reader follows (issue 17, finding 5): each case was reported
as 「沒有 JavaScript、啟動動作或附加檔案」 by the old walk."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pikepdf import Array, Dictionary, Name, String

from app.pdfcheck import Status, check_pdf
from tests.pdf_factory import Builder

JS = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))


def _page_aa(b: Builder) -> None:
    b.page(b"", AA=Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("this.print()"))))


def _bookmark_js(b: Builder) -> None:
    b.page(b"")
    item = b.pdf.make_indirect(Dictionary(Title=String("第一章"), A=JS))
    outlines = b.pdf.make_indirect(Dictionary(Type=Name.Outlines, First=item, Last=item, Count=1))
    item.Parent = outlines
    b.pdf.Root.Outlines = outlines


def _xfa_script(b: Builder) -> None:
    b.page(b"")
    xfa = b.stream(b'<xdp:xdp><template><script contentType="application/x-javascript">'
                   b"app.launchURL('x')</script></template></xdp:xdp>")
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)


def _rendition_js(b: Builder) -> None:
    screen = b.pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Screen, Rect=Array([0, 0, 10, 10]),
        A=Dictionary(S=Name.Rendition, OP=0, JS=String("app.alert(2)"))))
    b.page(b"", Annots=Array([screen]))


def _chained_20(b: Builder) -> None:
    b.page(b"")
    action = JS
    for _ in range(20):
        action = Dictionary(S=Name.URI, URI=String("https://example.com"), Next=action)
    b.pdf.Root.OpenAction = action


def _field_aa(b: Builder) -> None:
    b.page(b"")
    field = b.pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("name"), AA=Dictionary(
        K=Dictionary(S=Name.JavaScript, JS=String("event.rc = true")))))
    parent = b.pdf.make_indirect(Dictionary(T=String("group"), Kids=Array([field])))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([parent]))


@pytest.mark.parametrize("build", [_page_aa, _bookmark_js, _xfa_script, _rendition_js,
                                   _chained_20, _field_aa])
def test_code_on_any_path_fails(tmp_path: Path, build: Callable[[Builder], None]) -> None:
    builder = Builder()
    build(builder)
    result = check_pdf(builder.save(tmp_path / f"{build.__name__}.pdf")).checks["active_content"]
    assert result.status is Status.FAIL, result.message
    assert "JavaScript" in result.message


def _catalog_af(b: Builder) -> None:
    b.page(b"")
    spec = b.pdf.make_indirect(Dictionary(Type=Name.Filespec, F=String("data.xml")))
    b.pdf.Root.AF = Array([spec])


def _goto_embedded(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.OpenAction = Dictionary(S=Name.GoToE, NewWindow=False,
                                       T=Dictionary(R=Name.C, N=String("a.pdf")))


def _rich_media(b: Builder) -> None:
    media = b.pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.RichMedia,
                                           Rect=Array([0, 0, 10, 10])))
    b.page(b"", Annots=Array([media]))


@pytest.mark.parametrize("build", [_catalog_af, _goto_embedded, _rich_media])
def test_files_and_media_are_reported(tmp_path: Path, build: Callable[[Builder], None]) -> None:
    builder = Builder()
    build(builder)
    result = check_pdf(builder.save(tmp_path / f"{build.__name__}.pdf")).checks["active_content"]
    assert result.status is Status.WARN, result.message


def test_cycles_end_the_walk_not_the_check(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"")
    first = builder.pdf.make_indirect(Dictionary(S=Name.URI, URI=String("https://a")))
    second = builder.pdf.make_indirect(Dictionary(S=Name.URI, URI=String("https://b"), Next=first))
    first.Next = second
    builder.pdf.Root.OpenAction = first
    one = builder.pdf.make_indirect(Dictionary(Title=String("甲")))
    two = builder.pdf.make_indirect(Dictionary(Title=String("乙"), Next=one, First=one))
    one.Next = two
    builder.pdf.Root.Outlines = builder.pdf.make_indirect(Dictionary(First=one, Last=two))
    result = check_pdf(builder.save(tmp_path / "cycles.pdf")).checks["active_content"]
    assert result.status is Status.PASS, result.message
    assert result.evidence["links"] == 2
