"""Spreadsheets as they arrive on an office PC from outside — bombs, lies, damage, hidden
parts — generated on the spot (nothing checked in), for the hostile-files suite."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/></Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
MiB = 1 << 20


def _workbook(sheets: list[tuple[str, str]]) -> tuple[str, str]:
    """workbook.xml and its relations for sheets [(name, state)]."""
    entries = "".join(f'<sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
                      for i, (name, state) in enumerate(sheets, start=1))
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {R_NS}><sheets>{entries}'
            '</sheets></workbook>')
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1))
    rels += ('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    return book, ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                  f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')


def write_xlsx(path: Path, sheets: list[tuple[str, str, Iterable[bytes]]],
               shared: Iterable[bytes] | None = None) -> Path:
    """A workbook from raw parts: sheets [(name, state, sheet XML chunks)], shared texts."""
    book, rels = _workbook([(name, state) for name, state, _chunks in sheets])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        parts = [(f"xl/worksheets/sheet{i}.xml", chunks)
                 for i, (_n, _s, chunks) in enumerate(sheets, start=1)]
        if shared is not None:
            parts.append(("xl/sharedStrings.xml", shared))
        for name, chunks in parts:
            with archive.open(name, "w", force_zip64=True) as stream:
                for chunk in chunks:
                    stream.write(chunk)
    return path


def cell(ref: str, text: str) -> str:
    """An inline-string cell."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def sheet_xml(rows: Iterable[str], before: str = "") -> list[bytes]:
    """A worksheet from row elements."""
    return [f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{before}<sheetData>'
            .encode(), "".join(rows).encode(), b"</sheetData></worksheet>"]


def row(number: int, values: list[str], hidden: bool = False) -> str:
    """A row of inline-string cells from column A."""
    cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values) if v)
    flag = ' hidden="1"' if hidden else ""
    return f'<row r="{number}"{flag}>{cells}</row>'


def _repeat(head: bytes, body: bytes, times: int, tail: bytes) -> Iterator[bytes]:
    yield head
    for _ in range(times):
        yield body
    yield tail


def shared_text_bomb(path: Path, mebibytes: int = 1024) -> Path:
    """One shared text of `mebibytes` MiB of 'A' — about 1 MB on disk for 1 GiB."""
    shared = _repeat(f'<?xml version="1.0"?><sst {NS} count="1" uniqueCount="1"><si><t>'
                     .encode(), b"A" * MiB, mebibytes, b"</t></si></sst>")
    body = sheet_xml(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'])
    return write_xlsx(path, [("清單", "visible", body)], shared)


def inline_text_bomb(path: Path, mebibytes: int = 1024) -> Path:
    """One inline cell of `mebibytes` MiB."""
    body = _repeat(f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1">'
                   '<c r="A1" t="inlineStr"><is><t>'.encode(), b"A" * MiB, mebibytes,
                   b"</t></is></c></row></sheetData></worksheet>")
    return write_xlsx(path, [("清單", "visible", body)])


def empty_rows(path: Path, count: int = 20_000_000) -> Path:
    """`count` empty rows (<row/>): 176 KB on disk for 20 million."""
    batch = 100_000
    body = _repeat(f'<?xml version="1.0"?><worksheet {NS}><sheetData>'.encode(),
                   b"<row/>" * batch, count // batch, b"</sheetData></worksheet>")
    return write_xlsx(path, [("清單", "visible", body)])


def dimension_lie(path: Path) -> Path:
    """A 2 KB file that declares the whole grid and has one cell at XFD1048576."""
    body = sheet_xml(['<row r="1048576">' + cell("XFD1048576", "x") + "</row>"],
                     before='<dimension ref="A1:XFD1048576"/>')
    return write_xlsx(path, [("清單", "visible", body)])


def billion_laughs(path: Path) -> Path:
    """Entities that expand to gigabytes, declared in a DTD inside the sheet."""
    entities = '<!ENTITY a "' + "x" * 100 + '">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
    body = [f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet {NS}>'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>'
            "</sheetData></worksheet>".encode()]
    return write_xlsx(path, [("清單", "visible", body)])


def control_character(path: Path) -> Path:
    """A raw &#1; in the sheet XML (not allowed in XML 1.0)."""
    body = sheet_xml([row(1, ["出版機關", "題名"]),
                      '<row r="2"><c r="A2" t="inlineStr"><is><t>a&#1;b</t></is></c></row>'])
    return write_xlsx(path, [("清單", "visible", body)])


def encrypted_ooxml(path: Path) -> Path:
    """What Excel writes for a workbook with an opening password: an OLE compound file whose
    directory names the stream EncryptedPackage (UTF-16)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le").ljust(128, b"\0") + \
        "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    path.write_bytes(header + bytes(512) + directory + bytes(4096))
    return path


def old_xls(path: Path) -> Path:
    """An old binary .xls: an OLE compound file with a Workbook stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + "Workbook".encode("utf-16-le").ljust(128, b"\0") + bytes(4096))
    return path


def encrypted_ods(path: Path) -> Path:
    """An ODS saved with a password: the manifest says encryption-data for content.xml."""
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml">'
                '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum'
                '="x"/></manifest:file-entry></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", bytes(range(256)) * 64)
    return path


ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
    '<office:automatic-styles><style:style style:name="hide" style:family="table">'
    '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
    "<office:body><office:spreadsheet>")
ODS_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def ods_cell(text: str, repeat: int = 1) -> str:
    """A text cell of an ODF table."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    span = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (f'<table:table-cell office:value-type="string"{span}><text:p>{escaped}</text:p>'
            "</table:table-cell>")


def write_ods(path: Path, tables: str) -> Path:
    """An .ods whose content.xml holds `tables` (table:table elements)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", ODS_HEAD + tables + ODS_TAIL)
    return path


def ods_repeated_rows(path: Path, times: int = 1_048_576) -> Path:
    """One filled row repeated a million times: a few hundred bytes."""
    row_xml = (f'<table:table-row table:number-rows-repeated="{times}">'
               + ods_cell("經濟部") + ods_cell("書") + "</table:table-row>")
    header = "<table:table-row>" + ods_cell("出版機關") + ods_cell("題名") + "</table:table-row>"
    return write_ods(path, f'<table:table table:name="清單">{header}{row_xml}</table:table>')


def ods_repeated_columns(path: Path) -> Path:
    """A filled cell repeated across 16,384 columns, in 1,000 rows."""
    row_xml = ('<table:table-row table:number-rows-repeated="1000">' + ods_cell("x", 16_384)
               + "</table:table-row>")
    header = "<table:table-row>" + ods_cell("出版機關") + ods_cell("題名") + "</table:table-row>"
    return write_ods(path, f'<table:table table:name="清單">{header}{row_xml}</table:table>')


def truncated(source: Path, path: Path) -> Path:
    """The first half of a good file (a download or copy cut off)."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def lying_sizes(source: Path, path: Path) -> Path:
    """A good file whose ZIP directory understates every part's uncompressed size."""
    data = bytearray(source.read_bytes())
    index = 0
    while (index := data.find(b"PK\x01\x02", index)) != -1:
        data[index + 24:index + 28] = (10).to_bytes(4, "little")  # uncompressed size
        index += 4
    path.write_bytes(bytes(data))
    return path
