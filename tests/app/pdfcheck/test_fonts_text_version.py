from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from app.pdfcheck import Status, check_pdf
from tests.pdf_factory import HELVETICA, Builder, embedded_truetype, fonts, one_page, xobjects

TEXT = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"


def test_version_is_the_later_of_header_and_catalog(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"")
    builder.pdf.Root.Version = Name("/1.4")
    path = builder.save(tmp_path / "v.pdf", force_version="1.2")
    assert path.read_bytes().startswith(b"%PDF-1.2")
    result = check_pdf(path).checks["pdf_version"]
    assert result.status is Status.PASS
    assert result.evidence == {"header": "1.2", "catalog": "1.4", "effective": "1.4"}
    old = one_page(tmp_path / "old.pdf", b"", force_version="1.2")
    assert check_pdf(old).checks["pdf_version"].status is Status.FAIL


def test_standard_font_without_file_is_not_embedded(tmp_path: Path) -> None:
    path = one_page(tmp_path / "h.pdf", TEXT, fonts(F1=HELVETICA))
    result = check_pdf(path).checks["fonts_embedded"]
    assert result.status is Status.FAIL
    assert result.evidence["not_embedded"] == ["Helvetica"]
    assert result.evidence["fonts"][0]["used_on_pages"] == [1]


def test_embedded_font_passes_and_unused_fonts_are_listed_apart(tmp_path: Path) -> None:
    builder = Builder()
    font = embedded_truetype(builder)
    builder.page(TEXT, fonts(F1=font, F2=HELVETICA))
    result = check_pdf(builder.save(tmp_path / "e.pdf")).checks["fonts_embedded"]
    assert result.status is Status.PASS
    assert result.evidence["fonts"][0]["subset"] is True
    assert result.evidence["declared_unused"][0]["name"] == "Helvetica"


def test_font_file_present_but_unreadable_is_said_so(tmp_path: Path) -> None:
    builder = Builder()
    font = embedded_truetype(builder, data=b"this is not a font")
    builder.page(TEXT, fonts(F1=font))
    result = check_pdf(builder.save(tmp_path / "u.pdf")).checks["fonts_embedded"]
    assert result.status is Status.FAIL
    assert result.evidence["not_embedded"] == []
    assert "無法讀取" in result.message


def test_font_used_only_inside_a_nested_form(tmp_path: Path) -> None:
    builder = Builder()
    inner = builder.form(TEXT, fonts(F1=HELVETICA))
    outer = builder.form(b"q 0.5 0 0 0.5 0 0 cm /Inner Do Q", xobjects(Inner=inner))
    builder.page(b"/Outer Do", xobjects(Outer=outer))
    result = check_pdf(builder.save(tmp_path / "f.pdf")).checks["fonts_embedded"]
    assert result.evidence["not_embedded"] == ["Helvetica"]


def test_font_used_only_in_an_annotation_appearance(tmp_path: Path) -> None:
    builder = Builder()
    appearance = builder.form(TEXT, fonts(F1=HELVETICA), bbox=[0, 0, 200, 50])
    annotation = builder.pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([100, 100, 300, 150]),
        AP=Dictionary(N=appearance)))
    builder.page(b"", Dictionary(), Annots=Array([annotation]))
    result = check_pdf(builder.save(tmp_path / "a.pdf")).checks["fonts_embedded"]
    assert result.evidence["not_embedded"] == ["Helvetica"]


def test_font_used_only_in_a_type3_glyph(tmp_path: Path) -> None:
    builder = Builder()
    glyph = builder.stream(b"0 0 d0 BT /F1 1 Tf (x) Tj ET")
    type3 = Dictionary(Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1, 1]),
                       FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
                       CharProcs=Dictionary(a=glyph), Encoding=Dictionary(
                           Type=Name.Encoding, Differences=Array([65, Name.a])),
                       FirstChar=65, LastChar=65, Widths=Array([1000]),
                       Resources=fonts(F1=HELVETICA))
    builder.page(b"BT /T3 12 Tf (A) Tj ET", fonts(T3=type3))
    result = check_pdf(builder.save(tmp_path / "t3.pdf")).checks["fonts_embedded"]
    names = {f["name"]: f["embedded"] for f in result.evidence["fonts"]}
    assert names["Helvetica"] is False
    assert any(embedded for name, embedded in names.items() if "Type3" in name)


def identity_font(builder: Builder, tounicode: bytes | None) -> Dictionary:
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/CJK"), Flags=4,
                            FontBBox=Array([0, 0, 1000, 1000]), ItalicAngle=0, Ascent=880,
                            Descent=-120, CapHeight=700, StemV=80,
                            FontFile2=builder.stream(b"\x00\x01\x00\x00font"))
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/CJK"),
                     CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"),
                                              Ordering=pikepdf.String("Identity"),
                                              Supplement=0), FontDescriptor=descriptor)
    font = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/CJK"),
                      Encoding=Name("/Identity-H"), DescendantFonts=Array([cid]))
    if tounicode is not None:
        font.ToUnicode = builder.stream(tounicode)
    return font


CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <E000> <0002> <81FA> endbfchar
1 beginbfrange <0010> <0012> <4E00> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def test_type0_descendant_font_file_counts_and_identity_without_tounicode_is_garbage(
        tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"BT /F1 12 Tf <00100011> Tj ET", fonts(F1=identity_font(builder, None)))
    report = check_pdf(builder.save(tmp_path / "id.pdf"))
    assert report.checks["fonts_embedded"].status is Status.PASS
    copy = report.checks["text_copyable"]
    assert copy.status is Status.FAIL
    assert copy.evidence["garbage_fonts"] == ["CJK"]


def test_private_use_characters_are_listed_with_pages(tmp_path: Path) -> None:
    builder = Builder()
    font = identity_font(builder, CMAP)
    builder.page(b"BT /F1 12 Tf <0010> Tj ET", fonts(F1=font))
    builder.page(b"BT /F1 12 Tf [<0011> 100 <0001>] TJ ET", fonts(F1=font))
    report = check_pdf(builder.save(tmp_path / "pua.pdf"))
    assert report.checks["text_copyable"].status is Status.PASS
    pua = report.checks["private_use_chars"]
    assert pua.status is Status.WARN
    assert pua.evidence["characters"] == [{"char": "\ue000", "codepoint": "U+E000",
                                           "font": "CJK", "code": "0001", "pages": [2]}]


def test_standard_encodings_and_predefined_cjk_cmaps_copy(tmp_path: Path) -> None:
    builder = Builder()
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/MingLiU"),
                     CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"),
                                              Ordering=pikepdf.String("CNS1"), Supplement=0))
    cns = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/MingLiU"),
                     Encoding=Name("/UniCNS-UCS2-H"), DescendantFonts=Array([cid]))
    builder.page(TEXT + b" BT /F2 12 Tf <4E00> Tj ET", fonts(F1=HELVETICA, F2=cns))
    report = check_pdf(builder.save(tmp_path / "std.pdf"))
    assert report.checks["text_copyable"].status is Status.PASS


def test_a_font_name_that_is_not_utf8_is_still_judged(tmp_path: Path) -> None:
    """Issue 17 (1): `/Hel#F9tca` raised UnicodeDecodeError inside two checks, whose verdict
    then read 「這項檢查無法完成」 though the font could be judged."""
    builder = Builder()
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                      Encoding=Name.WinAnsiEncoding)
    builder.page(b"BT /F1 12 Tf 10 10 Td (Hi) Tj ET", Dictionary(Font=Dictionary(F1=font)))
    path = builder.save(tmp_path / "plain.pdf", compress_streams=False,
                        object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = path.read_bytes()
    assert data.count(b"/Helvetica") == 1
    odd = tmp_path / "odd-name.pdf"
    odd.write_bytes(data.replace(b"/Helvetica", b"/Hel#F9tca"))  # same length: xref intact
    report = check_pdf(odd)
    for check_id in ("fonts_embedded", "text_copyable"):
        assert "無法完成" not in report.checks[check_id].message, report.checks[check_id].message
    assert report.checks["fonts_embedded"].status is Status.FAIL
    assert "Hel#f9tca" in report.checks["fonts_embedded"].message


def test_invisible_text_needs_no_embedded_font(tmp_path: Path) -> None:
    """Issue 17 (7): the OCR layer of a scan (`3 Tr`) was made to need an embedded font."""
    ocr = one_page(tmp_path / "scan-ocr.pdf", b"BT 3 Tr /F1 12 Tf 10 10 Td (Hello) Tj ET",
                   fonts(F1=HELVETICA))
    result = check_pdf(ocr).checks["fonts_embedded"]
    assert result.status is Status.PASS, result.message
    assert "看不見的文字" in result.message
    shown = one_page(tmp_path / "shown.pdf", b"BT 3 Tr 0 Tr /F1 12 Tf 10 10 Td (Hi) Tj ET",
                     fonts(F1=HELVETICA))
    assert check_pdf(shown).checks["fonts_embedded"].status is Status.FAIL


def test_only_the_shown_appearance_of_a_checkbox_is_walked(tmp_path: Path) -> None:
    """Issue 17 (7): an unchecked box with no "Off" appearance had its "Yes" glyph walked, so
    ZapfDingbats (not embedded) counted as used."""
    builder = Builder()
    zapf = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.ZapfDingbats)
    on = builder.form(b"BT /Z 10 Tf 0 0 Td (4) Tj ET", Dictionary(Font=Dictionary(Z=zapf)))
    box = builder.pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, Rect=Array([0, 0, 10, 10]),
        AS=Name.Off, AP=Dictionary(N=Dictionary(Yes=on))))
    builder.pdf.Root.AcroForm = Dictionary(Fields=Array([box]))
    builder.page(b"", Annots=Array([box]))
    unchecked = check_pdf(builder.save(tmp_path / "unchecked.pdf")).checks["fonts_embedded"]
    assert unchecked.status is Status.PASS, unchecked.message
    box.AS = Name.Yes
    checked = check_pdf(builder.save(tmp_path / "checked.pdf")).checks["fonts_embedded"]
    assert checked.status is Status.FAIL
    assert "ZapfDingbats" in checked.message


def test_one_bad_value_loses_one_instruction_not_the_page(tmp_path: Path) -> None:
    path = one_page(tmp_path / "bad-value.pdf",
                    b"BT /F1 12 Tf 10 10 Td [(A) /Oops (B)] TJ 1 0 0 rg ET "
                    b"q 1 0 0 1 0 0 cm /F1 (x) cm Q 0 0 1 k",
                    fonts(F1=HELVETICA))
    report = check_pdf(path)
    assert report.checks["fonts_embedded"].status is Status.FAIL, "Helvetica seen on the page"
    assert "CMYK" in report.checks["colour_space"].message or \
        "DeviceCMYK" in str(report.checks["colour_space"].evidence)


def test_content_that_cannot_be_read_is_a_failure_not_a_pass(tmp_path: Path) -> None:
    builder = Builder()
    page = builder.page(b"")
    page.obj.Contents = builder.stream(b"\x00garbage", Filter=Name.FlateDecode)
    report = check_pdf(builder.save(tmp_path / "unreadable.pdf"))
    assert report.checks["structure"].status is Status.FAIL, report.checks["structure"].message
    assert "無法讀取" in report.checks["structure"].message
    assert report.failed


def test_a_font_file_bomb_is_judged_by_its_head(tmp_path: Path) -> None:
    """Issue 17 (3): a font file inflating to 700 MB was decompressed whole to read its first
    bytes; now the check reads only the head, in a moment and a little memory."""
    import resource
    import time
    import zlib

    squeeze = zlib.compressobj(9)
    chunk = b"\x00" * (1 << 20)
    packed = b"".join(squeeze.compress(chunk) for _ in range(700)) + squeeze.flush()
    builder = Builder()
    font_file = builder.pdf.make_stream(b"")
    font_file.write(packed, filter=Name.FlateDecode)
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/AAAAAA+Bomb"),
                            FontFile2=font_file)
    font = Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/AAAAAA+Bomb"),
                      FontDescriptor=descriptor, Encoding=Name.WinAnsiEncoding)
    builder.page(b"BT /F1 12 Tf (x) Tj ET", fonts(F1=font))
    path = builder.save(tmp_path / "bomb.pdf")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = check_pdf(path).checks["fonts_embedded"]
    assert time.monotonic() - started < 10
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200, f"peak memory grew {grown_mb:.0f} MB"
    assert result.status is Status.FAIL
    assert "不是可辨識的字型格式" in result.message
