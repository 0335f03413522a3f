"""PDFs built by the tests, one tricky case at a time (pikepdf; nothing of unknown origin).

Image streams carry a single token byte: the checks never decode image data, and a test
that did would notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

HELVETICA = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                       Encoding=Name.WinAnsiEncoding)


class Builder:
    """A PDF being assembled: pages with content and resources."""

    def __init__(self) -> None:
        self.pdf = pikepdf.new()

    def stream(self, data: bytes = b"", **entries: Any) -> Stream:
        """An indirect stream."""
        return self.pdf.make_stream(data, Dictionary(**entries))

    def image(self, width: int, height: int, colour: Any = Name.DeviceCMYK, bits: int = 8,
              mask: bool = False) -> Stream:
        """An image XObject (one token byte of data)."""
        entries: dict[str, Any] = {"Type": Name.XObject, "Subtype": Name.Image,
                                   "Width": width, "Height": height}
        if mask:
            entries["ImageMask"] = True
        else:
            entries["ColorSpace"] = colour
            entries["BitsPerComponent"] = bits
        return self.stream(b"\x00", **entries)

    def form(self, content: bytes, resources: Dictionary | None = None,
             matrix: list[float] | None = None, bbox: list[float] | None = None) -> Stream:
        """A Form XObject."""
        entries: dict[str, Any] = {"Type": Name.XObject, "Subtype": Name.Form,
                                   "BBox": Array(bbox or [0, 0, 1000, 1000])}
        if resources is not None:
            entries["Resources"] = resources
        if matrix is not None:
            entries["Matrix"] = Array(matrix)
        return self.stream(content, **entries)

    def page(self, content: bytes, resources: Dictionary | None = None,
             **extra: Any) -> pikepdf.Page:
        """Add a page."""
        page = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
                          Contents=self.stream(content),
                          Resources=resources if resources is not None else Dictionary(),
                          **extra)
        self.pdf.pages.append(pikepdf.Page(page))
        return self.pdf.pages[-1]

    def save(self, path: Path, **options: Any) -> Path:
        """Write the file."""
        self.pdf.save(path, **options)
        return path


def one_page(path: Path, content: bytes, resources: Dictionary | None = None,
             **options: Any) -> Path:
    """A single-page PDF."""
    builder = Builder()
    builder.page(content, resources)
    return builder.save(path, **options)


def fonts(**named: Dictionary) -> Dictionary:
    """A resource dictionary with fonts."""
    return Dictionary(Font=Dictionary(**named))


def xobjects(**named: Stream) -> Dictionary:
    """A resource dictionary with XObjects."""
    return Dictionary(XObject=Dictionary(**named))


def embedded_truetype(builder: Builder, name: str = "AAAAAA+Embedded",
                      data: bytes = b"\x00\x01\x00\x00rest-of-a-font") -> Dictionary:
    """A TrueType font whose descriptor carries a FontFile2."""
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/" + name), Flags=32,
                            FontBBox=Array([0, 0, 1000, 1000]), ItalicAngle=0, Ascent=800,
                            Descent=-200, CapHeight=700, StemV=80,
                            FontFile2=builder.stream(data))
    return Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/" + name),
                      Encoding=Name.WinAnsiEncoding, FirstChar=32, LastChar=32,
                      Widths=Array([250]), FontDescriptor=descriptor)


def helvetica() -> Dictionary:
    """A new dictionary each time (one made indirect belongs to its PDF)."""
    return Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                      Encoding=Name.WinAnsiEncoding)


def long_book(path: Path, pages: int = 60, *, shared_form: bool = False,
              type3_pages: tuple[int, ...] = (), hidden_pages: tuple[int, ...] = (),
              bad_pages: tuple[int, ...] = (), direct_font: bool = False) -> Path:
    """A book of many varied pages: a different image on each (some RGB), an embedded font
    and a standard one, a form on page 3, an inline image on page 20; the options add a form
    on every page, Type3 text, content in a hidden layer, an operator inside a TJ array, a
    direct font on the last page (test_parallel: what makes two halves depend on each other)."""
    builder = Builder()
    pdf = builder.pdf
    embedded = pdf.make_indirect(embedded_truetype(builder))
    standard = pdf.make_indirect(helvetica())
    form = builder.form(b"BT /F2 8 Tf (running head) Tj ET 0 0 1 rg 0 0 5 5 re f",
                        Dictionary(Font=Dictionary(F2=standard)))
    glyph = builder.stream(b"0 0 d0 BT /F1 1 Tf (x) Tj ET")
    type3 = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1, 1]),
        FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]), CharProcs=Dictionary(a=glyph),
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65, Name.a])),
        FirstChar=65, LastChar=65, Widths=Array([1000]),
        Resources=Dictionary(Font=Dictionary(F1=standard))))
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("草稿")))
    pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(OFF=Array([layer])))
    for number in range(1, pages + 1):
        image = builder.image(300 + number * 10, 200,
                              colour=Name.DeviceRGB if number % 7 == 0 else Name.DeviceCMYK)
        font = helvetica() if direct_font and number == pages else (
            standard if number in (5, 50) else embedded)
        content = [b"BT /F1 10 Tf 72 700 Td (page) Tj [(a) -20 (b)] TJ ET",
                   b"q %d 0 0 100 0 0 cm /Im Do Q" % (36 + number),
                   b"0 0 0 1 k 0 0 10 10 re f"]
        resources = Dictionary(Font=Dictionary(F1=font, T3=type3),
                               XObject=Dictionary(Im=image, Fm=form),
                               Properties=Dictionary(Draft=layer))
        if shared_form or number == 3:
            content.append(b"q 2 0 0 2 0 0 cm /Fm Do Q")
        if number in type3_pages:
            content.append(b"BT /T3 12 Tf (A) Tj ET")
        if number in hidden_pages:
            content.append(b"/OC /Draft BDC q 500 0 0 500 0 0 cm /Im Do Q EMC")
        if number in bad_pages:
            content.append(b"BT /F1 10 Tf [(a) /Oops 3 Tf] TJ ET")
        if number == 20:
            content.append(b"BI /W 4 /H 4 /CS /G /BPC 8 ID \x00\x00\x00\x00\x00\x00\x00\x00"
                           b"\x00\x00\x00\x00\x00\x00\x00\x00 EI")
        builder.page(b"\n".join(content), resources)
    return builder.save(path)
