"""A 函 as a DI file (文書本文檔): the XML an agency's 公文系統 imports as a draft, in the tag set
of 檔案管理局's 文書及檔案管理電腦化作業規範 (`<!DOCTYPE 函 SYSTEM "104_2_utf8.dtd">`, UTF-8;
the DTD ships in resources/di and every file written is valid against it).

The elements follow the DTD's order: 發文機關 (全銜, 機關代碼), 函類別, 地址, 聯絡方式 (a line
each), 受文者 (全銜, 機關代碼), 發文日期, 發文字號, 速別, 密等及解密條件或保密期限, 附件 (文字
and the attachment files, declared as NDATA entities), 主旨, 段落 「說明：」 with nested 條列,
正本, 副本. What the document system gives is left to it: a 發文字號 not yet issued is the
unit's 字 with an empty 文號, an undated letter an empty 年月日, an unknown 機關代碼 empty —
never guessed. A closing note (附件二's 注意事項) has no element of its own: it follows 說明 as
a 段落 of its own name."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from app.documents.files import atomic_output
from app.documents.model import Item, OfficialLetter
from app.resources import resource_path

DTD_NAME = "104_2_utf8.dtd"
"""The DTD of 函 in the 規範's current tag set (104 版)."""
NOTATION = "_X"
"""The notation attachments are declared with (any file type)."""
SPEEDS = ("普通件", "速件", "最速件")
SECRECY = ("密", "機密", "極機密", "絕對機密")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOTE_LABEL = re.compile(r"^\s*([^：:]{1,12})[：:]\s*(.*)$", re.S)


def _text(value: str) -> str:
    return escape(_CONTROL.sub("", value))


def _element(name: str, value: str = "", attributes: str = "") -> str:
    return f"<{name}{attributes}>{_text(value)}</{name}>"


def entity_names(attachments: list[Path]) -> list[str]:
    """ATTCH1, ATTCH2 … — the entity each attachment is declared as."""
    return [f"ATTCH{n}" for n in range(1, len(attachments) + 1)]


def _doctype(attachments: list[Path]) -> str:
    lines = [f'<!DOCTYPE 函 SYSTEM "{DTD_NAME}" [']
    for name, path in zip(entity_names(attachments), attachments, strict=True):
        # A system literal is not escaped (&amp; would stay five characters): quoted as is;
        # a file name cannot hold both kinds of quote (Windows allows neither).
        quote = "'" if '"' in path.name else '"'
        lines.append(f"<!ENTITY {name} SYSTEM {quote}{path.name}{quote} NDATA {NOTATION}>")
    lines.append(f'<!NOTATION {NOTATION} SYSTEM "">')
    lines.append("]>")
    return "\n".join(lines)


def _items(items: list[Item], level: int) -> list[str]:
    from app.documents.model import item_label

    out = []
    for index, item in enumerate(items, start=1):
        label = item_label(level, index)
        inner = [_element("文字", item.text), *_items(item.children, level + 1)]
        out.append(f"<條列 序號={quoteattr(label)}>{''.join(inner)}</條列>")
    return out


def _doc_number(letter: OfficialLetter) -> str:
    if letter.doc_number.strip():
        return f"<發文字號>{_element('文字', letter.doc_number.strip())}</發文字號>"
    # Not issued yet: the document system gives the number (年度, 流水號) when it is sent.
    word = f"{letter.doc_code}字" if letter.doc_code else ""
    return (f"<發文字號>{_element('字', word)}<文號>{_element('年度')}{_element('流水號')}"
            "</文號></發文字號>")


def _secrecy(letter: OfficialLetter) -> str:
    level = letter.secrecy.strip()
    code = f" 代碼={quoteattr(level)}" if level in SECRECY else ""  # 普通: no 代碼
    return (f"<密等及解密條件或保密期限><密等{code}/>{_element('解密條件或保密期限')}"
            "</密等及解密條件或保密期限>")


def letter_di(letter: OfficialLetter, attachments: list[Path] | None = None) -> bytes:
    """The DI file of `letter`, its `attachments` (files beside it) declared as entities."""
    files = list(attachments or [])
    parts = ["<函>",
             f"<發文機關>{_element('全銜', letter.agency_name)}"
             f"{_element('機關代碼', letter.agency_code)}</發文機關>",
             '<函類別 代碼="函"/>', _element("地址", letter.address)]
    contact = [line for line in letter.contact_lines if line.strip()] or [""]
    parts += [_element("聯絡方式", line) for line in contact]
    parts.append(f"<受文者>{_element('全銜', letter.recipient)}"
                 f"{_element('機關代碼', letter.recipient_code)}</受文者>")
    parts.append(f"<發文日期>{_element('年月日', letter.date_text() if letter.issued_on else '')}"
                 "</發文日期>")
    parts.append(_doc_number(letter))
    speed = letter.speed.strip()
    parts.append(f"<速別 代碼={quoteattr(speed)}/>" if speed in SPEEDS else "<速別/>")
    parts.append(_secrecy(letter))
    names = " ".join(entity_names(files))
    parts.append(f"<附件>{_element('文字', letter.attachments)}"
                 + (f"<附件檔名 附件名={quoteattr(names)}/>" if files else "") + "</附件>")
    parts.append(f"<主旨>{_element('文字', letter.subject)}</主旨>")
    if letter.items:
        parts.append(f'<段落 段名="說明：">{"".join(_items(letter.items, 0))}</段落>')
    if letter.notes.strip():
        found = _NOTE_LABEL.match(letter.notes.strip())
        name, body = (found.group(1) + "：", found.group(2)) if found else ("", letter.notes)
        parts.append(f"<段落 段名={quoteattr(name)}>{_element('文字', body.strip())}</段落>")
    originals = [name for name in letter.originals if name.strip()] or [letter.recipient]
    parts.append("<正本>" + "".join(_element("全銜", name) for name in originals) + "</正本>")
    copies = [name for name in letter.copies if name.strip()]
    if copies:
        parts.append("<副本>" + "".join(_element("全銜", name) for name in copies) + "</副本>")
    parts.append("</函>")
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + _doctype(files) + "\n" + \
        "\n".join(parts) + "\n"
    return xml.encode("utf-8")


def write_letter_di(letter: OfficialLetter, path: Path,
                    attachments: list[Path] | None = None) -> Path:
    """Write `letter_di` to `path` (a temporary file renamed into place)."""
    data = letter_di(letter, attachments)
    with atomic_output(path) as partial:
        partial.write_bytes(data)
    return path


def validation_errors(data: bytes) -> list[str]:
    """What the 規範's DTD finds wrong with a DI file (nothing: an empty list). Read without
    the network and without expanding entities; the DTD comes from resources/di."""
    from lxml import etree  # type: ignore[import-untyped]

    folder = resource_path("di")

    class Local(etree.Resolver):  # type: ignore[misc]
        def resolve(self, url: str, _id: str, context: object) -> object:
            name = Path(url).name
            if (folder / name).is_file():
                return self.resolve_filename(str(folder / name), context)
            return None

    parser = etree.XMLParser(dtd_validation=True, load_dtd=True, no_network=True,
                             resolve_entities=False)
    parser.resolvers.add(Local())
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [str(exc)] + [str(e) for e in parser.error_log if str(e) != str(exc)]
    return [str(error) for error in parser.error_log
            if error.level_name in ("ERROR", "FATAL")]


def read_letter_di(data: bytes) -> tuple[OfficialLetter, list[str]]:
    """A DI file read back into a letter and its attachment file names (the round trip the
    tests make; entities are not expanded, nothing is fetched)."""
    from lxml import etree

    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    root = etree.fromstring(data, parser)

    def text(path: str) -> str:
        return root.findtext(path) or ""

    def items(node: object) -> list[Item]:
        return [Item(child.findtext("文字") or "", items(child))
                for child in node.findall("條列")]  # type: ignore[attr-defined]

    explanation = next((p for p in root.findall("段落") if p.get("段名") == "說明："), None)
    notes = [p for p in root.findall("段落") if p.get("段名") != "說明："]
    number = text("發文字號/文字")
    letter = OfficialLetter(
        agency_name=text("發文機關/全銜"), agency_code=text("發文機關/機關代碼"),
        recipient=text("受文者/全銜"), recipient_code=text("受文者/機關代碼"),
        subject=text("主旨/文字"), items=items(explanation) if explanation is not None else [],
        address=text("地址"),
        contact_lines=[e.text or "" for e in root.findall("聯絡方式") if e.text],
        speed=(root.find("速別").get("代碼") or "") if root.find("速別") is not None else "",
        attachments=text("附件/文字"), doc_number=number,
        doc_code=text("發文字號/字").removesuffix("字"),
        originals=[e.text or "" for e in root.findall("正本/全銜")],
        copies=[e.text or "" for e in root.findall("副本/全銜")],
        notes="".join(f"{p.get('段名') or ''}{p.findtext('文字') or ''}" for p in notes))
    declared = {name: (double or single) for name, double, single in re.findall(
        r"""<!ENTITY\s+(\S+)\s+SYSTEM\s+(?:"([^"]*)"|'([^']*)')\s+NDATA""",
        data.decode("utf-8"))}
    named = (root.find("附件/附件檔名").get("附件名") or "").split() \
        if root.find("附件/附件檔名") is not None else []
    return letter, [declared[name] for name in named if name in declared]
