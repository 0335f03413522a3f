"""Values of the wrong type, everywhere the checks read (issue 28, item 10): a PDF that uses
every kind of object the checks look at (fonts of six kinds, images, forms, patterns, soft
masks, layers, annotations, bookmarks, name trees, a form, actions) is built once; then each
key the checks read, wherever it occurs, is given in turn a value of every wrong type — a
number, a name, a string, an array or a dictionary of junk, a boolean, a null, a reference
back to the object holding it — and the file is checked (about 2,100 files, 15 s). Every
check must end in a verdict: never 「這項檢查無法完成」, never an exception, and one bad value
never costs the rest of its page."""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from app.pdfcheck import CHECK_IDS, check_pdf
from tests.pdf_factory import Builder, embedded_truetype

COULD_NOT = "這項檢查無法完成"
KEYS = frozenset({"/A", "/AA", "/AF", "/AP", "/AS", "/AcroForm", "/Annots", "/BBox",
    "/BaseFont", "/BaseState", "/BitsPerComponent", "/CS", "/CIDSystemInfo", "/CharProcs",
    "/ColorSpace", "/Contents", "/D", "/DecodeParms", "/DescendantFonts", "/Dest", "/Dests",
    "/EmbeddedFiles", "/Encoding", "/ExtGState", "/F", "/Fields", "/Filter", "/First",
    "/Font", "/FontDescriptor", "/FontFile", "/FontFile2", "/FontFile3", "/FontMatrix", "/G",
    "/H", "/Height", "/IM", "/ImageMask", "/JS", "/JavaScript", "/Kids", "/Last", "/Limits",
    "/Matrix", "/MediaBox", "/N", "/Names", "/Next", "/OC", "/OCGs", "/OCProperties", "/OFF",
    "/ON", "/OpenAction", "/Ordering", "/Outlines", "/Pattern", "/PatternType", "/Properties",
    "/Rect", "/Resources", "/S", "/SMask", "/Shading", "/Subtype", "/Title", "/ToUnicode",
    "/Type", "/Version", "/W", "/Width", "/XFA", "/XObject"})
"""Every key the checks and the walk read (grep of app/pdfcheck), and the few qpdf reads to
reach them (/MediaBox, /Kids, /Limits)."""
INLINE_ONLY = {"/CS", "/H", "/IM"}
"""Abbreviations of an inline image's dictionary, which is written in the content stream."""
NULL_MARK = "NULL-WRONG-VALUE"
SELF = "SELF-REFERENCE"

TOUNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def 1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <41> <0041> <42> <E000> endbfchar endcmap CMapName currentdict /CMap
defineresource pop end end"""


def rich(path: Path) -> Path:
    """One PDF with every kind of object the checks read, each valid."""
    b = Builder()
    pdf = b.pdf
    truetype = embedded_truetype(b)
    truetype.ToUnicode = b.stream(TOUNICODE)
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/AAAAAB+Ming"),
                     CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("CNS1"),
                                              Supplement=0),
                     FontDescriptor=Dictionary(Type=Name.FontDescriptor,
                                               FontName=Name("/AAAAAB+Ming"), Flags=4,
                                               FontFile2=b.stream(b"\x00\x01\x00\x00font")),
                     W=Array([0, Array([1000])]))
    type0 = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/AAAAAB+Ming"),
                       Encoding=Name("/ETen-B5-H"), DescendantFonts=Array([cid]))
    glyph = b.stream(b"0 0 d0 0 0 1 rg 0 0 1 1 re f")
    type3 = Dictionary(Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1, 1]),
                       FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
                       CharProcs=Dictionary(a=glyph), Resources=Dictionary(),
                       Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65, Name.a])),
                       FirstChar=65, LastChar=65, Widths=Array([1000]))
    standard = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                          Encoding=Name.WinAnsiEncoding)
    type1_file = b.stream(b"")
    type1_file.write(zlib.compress(b"%!PS-AdobeFont-1.0: Test"), filter=Name.FlateDecode,
                     decode_parms=Dictionary(Predictor=1))
    type1 = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/AAAAAC+Test"),
                       FontDescriptor=Dictionary(Type=Name.FontDescriptor,
                                                 FontName=Name("/AAAAAC+Test"), Flags=32,
                                                 FontFile=type1_file))
    cff = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/AAAAAD+Cff"),
                     FontDescriptor=Dictionary(Type=Name.FontDescriptor,
                                               FontName=Name("/AAAAAD+Cff"), Flags=32,
                                               FontFile3=b.stream(b"\x01\x00cff",
                                                                  Subtype=Name.Type1C)))
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("layer")))
    hidden = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("hidden")))
    pdf.Root.OCProperties = Dictionary(OCGs=Array([layer, hidden]), D=Dictionary(
        BaseState=Name.ON, ON=Array([layer]), OFF=Array([hidden])))
    icc = b.stream(b"\x00" * 16, N=4)
    mask = b.image(4, 4, colour=Name.DeviceGray)
    image = b.image(600, 600, colour=Array([Name.ICCBased, icc]))
    image.SMask = mask
    indexed = b.image(8, 8, colour=Array([Name.Indexed, Name.DeviceRGB, 1,
                                          String(b"\x00" * 6)]), bits=1)
    stencil = b.image(8, 8, mask=True)
    group = b.form(b"/Im Do", Dictionary(XObject=Dictionary(Im=indexed)))
    form = b.form(b"BT /F4 9 Tf (form) Tj ET /St Do",
                  Dictionary(Font=Dictionary(F4=standard), XObject=Dictionary(St=stencil)),
                  matrix=[0.5, 0, 0, 0.5, 10, 10])
    form.OC = layer
    tiling = b.stream(b"0 0 0 1 k 0 0 5 5 re f", Type=Name.Pattern, PatternType=1,
                      PaintType=1, TilingType=1, BBox=Array([0, 0, 5, 5]), XStep=5, YStep=5,
                      Resources=Dictionary(), Matrix=Array([1, 0, 0, 1, 0, 0]))
    shading = Dictionary(ShadingType=2, ColorSpace=Name.DeviceCMYK,
                         Coords=Array([0, 0, 1, 0]),
                         Function=Dictionary(FunctionType=2, Domain=Array([0, 1]), N=1,
                                             C0=Array([0, 0, 0, 0]), C1=Array([0, 0, 0, 1])))
    resources = Dictionary(
        Font=Dictionary(F1=truetype, F2=type0, F3=type3, F5=standard, F6=type1, F7=cff),
        XObject=Dictionary(Im=image, Fm=form),
        Pattern=Dictionary(P1=tiling, P2=Dictionary(PatternType=2, Shading=shading)),
        Shading=Dictionary(Sh=shading),
        ColorSpace=Dictionary(CS0=Array([Name.Separation, Name.Gold, Name.DeviceCMYK,
                                         shading.Function]), CS1=Name.Pattern),
        ExtGState=Dictionary(GS=Dictionary(SMask=Dictionary(S=Name.Luminosity, G=group))),
        Properties=Dictionary(MC0=hidden))
    content = (b"q 300 0 0 300 50 50 cm /Im Do Q /GS gs /Fm Do "
               b"BT /F1 12 Tf 72 700 Td (AB) Tj /F2 12 Tf <a440> Tj /F3 12 Tf (A) Tj "
               b"/F5 10 Tf 3 Tr (ocr) Tj 0 Tr /F6 9 Tf (t) Tj /F7 9 Tf (c) Tj ET "
               b"/CS0 cs 1 scn /CS1 cs /P1 scn 0 0 9 9 re f "
               b"/P2 scn /Sh sh /OC /MC0 BDC /Fm Do EMC "
               b"q 10 0 0 10 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\x00\x00\x00 EI Q")
    appearance_on = b.form(b"BT /F1 8 Tf (x) Tj ET", Dictionary(Font=Dictionary(F1=truetype)))
    widget = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, T=String("box"),
        Rect=Array([10, 10, 30, 30]), AS=Name.On,
        AP=Dictionary(N=Dictionary(On=appearance_on, Off=b.form(b""))),
        AA=Dictionary(K=Dictionary(S=Name.URI, URI=String("https://example.com")))))
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 5, 5]),
                      A=Dictionary(S=Name.URI, URI=String("https://example.com"),
                                   Next=Dictionary(S=Name.GoTo, D=Array([0, Name.Fit]))))
    attachment = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment,
                            Rect=Array([0, 0, 5, 5]), AF=Array([]))
    first = b.page(content, resources, Annots=Array([widget, link, attachment]))
    second = b.page(b"0 0 0 1 k", Dictionary(), AA=Dictionary(O=Dictionary(
        S=Name.GoTo, D=Array([first.obj, Name.Fit]))))
    second.obj.Contents = Array([b.stream(b"q"), b.stream(b"Q")])
    target = Array([first.obj, Name.XYZ, 0, 0, 0])
    chapter = pdf.make_indirect(Dictionary(Title=String("第一章"), Dest=target))
    section = pdf.make_indirect(Dictionary(Title=String("第一節"), Parent=chapter,
                                           A=Dictionary(S=Name.GoTo, D=String("sec"))))
    appendix = pdf.make_indirect(Dictionary(Title=String("附錄"), Dest=Name.old, Prev=chapter))
    chapter.First = chapter.Last = section
    chapter.Next = appendix
    pdf.Root.Outlines = Dictionary(Type=Name.Outlines, First=chapter, Last=appendix, Count=3)
    leaf = pdf.make_indirect(Dictionary(Limits=Array([String("sec"), String("sec")]),
                                        Names=Array([String("sec"), Array([second.obj,
                                                                           Name.Fit])])))
    spec = Dictionary(Type=Name.Filespec, F=String("a.xml"),
                      EF=Dictionary(F=b.stream(b"<a/>", Type=Name.EmbeddedFile)))
    pdf.Root.Names = Dictionary(
        Dests=Dictionary(Kids=Array([leaf])),
        EmbeddedFiles=Dictionary(Names=Array([String("a.xml"), spec])),
        JavaScript=Dictionary(Names=Array([String("init"), Dictionary(
            S=Name.JavaScript, JS=String("app.alert(1)"))])))
    pdf.Root.Dests = Dictionary(old=Dictionary(D=Array([second.obj, Name.Fit])))
    pdf.Root.AcroForm = Dictionary(Fields=Array([pdf.make_indirect(Dictionary(
        T=String("group"), Kids=Array([widget])))]), XFA=Array([String("template"),
                                                                   b.stream(b"<template/>")]))
    pdf.Root.OpenAction = Array([first.obj, Name.Fit])
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.URI, URI=String("https://example.com")))
    pdf.Root.AF = Array([spec])
    pdf.Root.Version = Name("/1.7")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        return b.save(path, compress_streams=False,
                      object_stream_mode=pikepdf.ObjectStreamMode.disable)


Slot = tuple[tuple[int, int], tuple[Any, ...]]
"""An indirect object and the path of keys and indices to one value inside it."""


def slots(pdf: pikepdf.Pdf) -> Iterator[Slot]:
    """Every place a key of KEYS holds a value: in each indirect object and the direct
    dictionaries and arrays inside it."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue
        pending: list[tuple[Any, tuple[Any, ...]]] = [(obj, ())]
        while pending:
            value, path = pending.pop()
            if isinstance(value, pikepdf.Array):
                items: list[tuple[Any, Any]] = list(enumerate(value))
            elif isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
                items = list(value.items())
            else:
                continue
            for key, inner in items:
                if isinstance(key, str) and key in KEYS:
                    yield obj.objgen, (*path, key)
                if getattr(inner, "objgen", (0, 0)) == (0, 0):  # direct: look inside
                    pending.append((inner, (*path, key)))


WRONG: dict[str, Any] = {
    "integer": 7, "negative": -2.5, "name": Name("/Wrong"), "string": String("wrong"),
    "array": Array([Name("/X"), 1, String("s"), Array([])]), "empty array": Array([]),
    "dictionary": Dictionary(Wrong=1, Kids=3), "boolean": True, "null": NULL_MARK,
    "itself": SELF,
}
"""A value of every type but the right one (the right one is among them for some keys:
harmless). `null` becomes an indirect reference to a null object; `itself` a reference to
the object that holds the key (a loop: /First, /Next, /Kids, /Resources pointing back)."""


def mutant(base: Path, slot: Slot, wrong: str, out: Path) -> Path:
    """A copy of `base` with the value at `slot` replaced by WRONG[wrong]."""
    objgen, path = slot
    with pikepdf.open(base) as pdf:
        container = pdf.get_object(objgen)
        for step in path[:-1]:
            container = container[step]
        value = WRONG[wrong]
        if value == NULL_MARK:
            value = pdf.make_indirect(String(NULL_MARK))
        elif value == SELF:
            value = pdf.get_object(objgen)
        container[path[-1]] = value
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            pdf.save(out, compress_streams=False,
                     object_stream_mode=pikepdf.ObjectStreamMode.disable)
    marked = f"({NULL_MARK})".encode()
    data = out.read_bytes()
    if marked in data:
        out.write_bytes(data.replace(marked, b"null".ljust(len(marked))))
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rich(tmp_path_factory.mktemp("malformed") / "rich.pdf")


def test_the_rich_file_reaches_every_check_and_every_key(base: Path) -> None:
    report = check_pdf(base)
    assert report.opened
    assert set(report.checks) == set(CHECK_IDS) - {"naming", "virus_scan"}  # checked per set
    assert not [c for c in report.checks.values() if COULD_NOT in c.message]
    assert report.checks["structure"].status.value == "pass"
    assert {e["kind"] for e in report.checks["active_content"].evidence["items"]} >= {
        "EmbeddedFile", "JavaScript"}
    assert report.checks["private_use_chars"].evidence.get("characters")
    with pikepdf.open(base) as pdf:
        found = {path[-1] for _objgen, path in slots(pdf)}
    assert KEYS - found == INLINE_ONLY  # those are in the content (test below)


def _cases(base_path: Path) -> list[Slot]:
    with pikepdf.open(base_path) as pdf:
        return sorted(set(slots(pdf)), key=repr)


def test_every_wrong_value_of_every_key_still_ends_in_verdicts(
        base: Path, tmp_path: Path) -> None:
    failures: list[str] = []
    cases = _cases(base)
    assert len(cases) > 150
    with pikepdf.open(base) as pdf:
        page_tree = pdf.Root.Pages.objgen
    out = tmp_path / "mutant.pdf"
    for slot in cases:
        for wrong in WRONG:
            where = f"{slot[0]} {'/'.join(map(str, slot[1]))} = {wrong}"
            try:
                mutant(base, slot, wrong, out)
            except (pikepdf.PdfError, TypeError, ValueError, RuntimeError):
                continue  # pikepdf refuses to write it: no such file can be made
            try:
                report = check_pdf(out)
            except Exception as exc:  # the test reports every case at once
                failures.append(f"{where}: {type(exc).__name__}: {exc}")
                continue
            if not report.opened:  # only a page tree with no pages leaves nothing to check
                if slot != (page_tree, ("/Kids",)) or not report.error:
                    failures.append(f"{where}: unreadable: {report.error}")
                continue
            lost = [note for note in report.notes if "無法完整讀取" in note]
            if lost:  # one bad value loses that value, not the rest of the page
                failures.append(f"{where}: {lost[0][:120]}")
            for check_id, result in report.checks.items():
                if COULD_NOT in result.message:
                    failures.append(f"{where}: {check_id}: {result.evidence.get('technical')}")
    assert not failures, f"{len(failures)} cases:\n" + "\n".join(failures[:40])


@pytest.mark.parametrize("content", [
    b"BI /W /x /H (s) /CS 5 /BPC [1] ID \x00 EI",
    b"BI /W 2 /H 2 /IM 3 /CS [/Indexed 9] /F (x) ID \x00 EI",
    b"BI /W -4 /H 1e9 /CS /Pattern /BPC 0 ID \x00 EI",
    b"/F1 (x) Tf (a) Tj 12 Tf [1 2] cm (x) (y) cm /F1 /F1 Tf 3 (z) Tj",
    b"/CS0 5 scn /Nope cs (q) CS 1 2 3 4 5 k /P2 /P2 scn 9 sh /Sh /Sh sh (gs) gs",
    b"/Im (x) Do 5 Do /OC 7 BDC /OC /Nope BDC EMC EMC EMC (t) Tr 99 Tr BT 1 2 Tm ET",
], ids=["inline-types", "inline-mask", "inline-numbers", "text", "colour", "objects"])
def test_wrong_operands_and_inline_image_values_still_end_in_verdicts(
        base: Path, tmp_path: Path, content: bytes) -> None:
    with pikepdf.open(base) as pdf:
        pdf.pages[0].obj.Contents = pdf.make_stream(content)
        pdf.save(tmp_path / "operands.pdf")
    report = check_pdf(tmp_path / "operands.pdf")
    assert report.opened
    for check_id, result in report.checks.items():
        assert COULD_NOT not in result.message, (check_id, result.evidence)
