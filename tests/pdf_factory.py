"""PDFs built by the tests, one tricky case at a time (pikepdf; nothing of unknown origin).

Image streams carry a single token byte: the checks never decode image data, and a test
that did would notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

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
