"""ToUnicode CMaps: the character codes of a font mapped to Unicode (for copying text and for
finding self-made characters, 造字, in the Private Use Area)."""

from __future__ import annotations

import re

import pikepdf

_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_BLOCK = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)

PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


def is_private_use(codepoint: int) -> bool:
    """In one of the Unicode Private Use Areas."""
    return any(low <= codepoint <= high for low, high in PRIVATE_USE)


def _hex(data: bytes) -> bytes:
    return bytes.fromhex(re.sub(rb"\s", b"", data).decode("ascii"))


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-16-be")
    except UnicodeDecodeError:
        return ""


class ToUnicode:
    """A parsed ToUnicode map: code bytes → text; code length from the codespace ranges."""

    def __init__(self, data: bytes):
        self.map: dict[bytes, str] = {}
        self.code_length = 1
        for kind, body in _BLOCK.findall(data):
            if kind == b"codespacerange":
                first = _HEX.search(body)
                if first:
                    self.code_length = max(1, len(_hex(first.group(1))))
            elif kind == b"bfchar":
                values = _HEX.findall(body)
                for src, dst in zip(values[0::2], values[1::2], strict=False):
                    self.map[_hex(src)] = _text(_hex(dst))
            else:
                self._ranges(body)

    def _ranges(self, body: bytes) -> None:
        for match in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[.*?\])",
                                 body, re.S):
            low, high = _hex(match.group(1)), _hex(match.group(2))
            start, end = int.from_bytes(low, "big"), int.from_bytes(high, "big")
            if end - start > 0xFFFF:
                continue
            target = match.group(3)
            if target.startswith(b"["):
                for offset, value in enumerate(_HEX.findall(target)):
                    code = (start + offset).to_bytes(len(low), "big")
                    self.map[code] = _text(_hex(value))
            else:
                base = _text(_hex(target[1:-1]))
                if not base:
                    continue
                for offset in range(end - start + 1):
                    code = (start + offset).to_bytes(len(low), "big")
                    self.map[code] = base[:-1] + chr(ord(base[-1]) + offset)

    def private_use_codes(self) -> dict[bytes, str]:
        """The codes that map into the Private Use Area."""
        return {code: text for code, text in self.map.items()
                if any(is_private_use(ord(ch)) for ch in text)}

    def decode_codes(self, data: bytes) -> list[bytes]:
        """Split a shown string into codes."""
        size = self.code_length
        return [data[i:i + size] for i in range(0, len(data) - size + 1, size)]


def parse(font: pikepdf.Dictionary) -> ToUnicode | None:
    """The font's ToUnicode map, or None."""
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        return ToUnicode(stream.read_bytes())
    except (pikepdf.PdfError, ValueError):
        return None
