"""Column widths from what a column must hold unbroken: a list's relative widths give each
column its share of the page, and no column is narrower than its longest unbreakable token
(a 序號 of four digits, a ROC month 「115年10月」, a 10-digit GPN) plus the format's cell
padding — Word breaks 「115」 into 「11/5」 in a column 0.82 cm wide less its 0.19 cm paddings."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents import style
from app.documents.model import Table

_TOKEN = re.compile(r"\d{2,3}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[!-~]+|\S")
"""What a line must not break: a ROC year-month (or date), a run of Latin letters, digits and
ASCII signs (a GPN, ISBN, phone number), otherwise one character."""
_CLOSING = "、。，；：？！）」』》〉】"
SERIAL_DIGITS = "0000"
"""A 序號 column holds numbers to four digits (a 151-book consent, a 2,000-book list)."""


AUTOSPACE_EM = 0.25
"""Word and LibreOffice set a quarter em between Chinese and Latin text by default
(「115 年 6 月」): a ROC month in DOCX/ODT is that much wider than its characters."""


def text_width(text: str, size: float = style.TABLE_PT) -> float:
    """Points `text` takes: full-width characters one em, ASCII by Times' metrics, a quarter
    em wherever Chinese meets Latin text (`AUTOSPACE_EM`)."""
    width = 0.0
    for before, after in pairwise(text):
        if before.isascii() != after.isascii() and not (before + after).isspace():
            width += AUTOSPACE_EM * size
    for char in text:
        if char.isascii():
            width += stringWidth(char, "Times-Roman", size)
        elif unicodedata.east_asian_width(char) in "WF" or ord(char) > 0xFFFF:
            width += size
        else:
            width += size * 0.6
    return width


SHORT_WORD = 4
"""A cell of at most this many characters is one word, never broken (「不符合」, 「售出冊數」,
「精/平裝」: 「不符/合」 read as two words)."""


def longest_token(text: str, size: float = style.TABLE_PT, short_word: bool = False) -> float:
    """The width of the widest piece of `text` no line may break (closing punctuation stays
    with the character before it, as line breaking keeps it; with `short_word`, a short cell
    is one word)."""
    if short_word and 0 < len(text.strip()) <= SHORT_WORD and "\n" not in text:
        return text_width(text.strip(), size)
    widest = 0.0
    for line in text.split("\n"):
        tokens = _TOKEN.findall(line)
        for index, token in enumerate(tokens):
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            piece = token + following if following and following in _CLOSING else token
            widest = max(widest, text_width(piece, size))
    return widest


def _token_minimum(table: Table, size: float) -> list[float]:
    """Each column's longest unbreakable token, worked out once per table and size: every
    format's writer asks (a 200-book list's six writers took 0.4 s of 2.3 s scanning it)."""
    known = table.measured.get(size)
    if known is not None:
        return list(known)
    minimum = [0.0] * table.column_count
    for placed in table.header_grid():
        for _row, column, cell in placed:
            if cell.colspan == 1:
                minimum[column] = max(minimum[column], longest_token(cell.text, size))
    for values in table.rows:
        for column, value in enumerate(values):
            # A header's label may wrap as the seed's do (「全部/同意」); a value may not.
            minimum[column] = max(minimum[column], longest_token(value, size, short_word=True))
    for column in range(table.column_count):
        values = [row[column] for row in table.rows if row[column]]
        if values and all(value.isdigit() for value in values):
            minimum[column] = max(minimum[column], text_width(SERIAL_DIGITS, size))
    table.measured[size] = minimum
    return list(minimum)


def column_widths(table: Table, usable: float, padding: float,
                  size: float = style.TABLE_PT) -> list[float]:
    """Each column's width in points, `usable` points shared (`padding`: a cell's left plus
    right padding, points): the list's shares, each raised to its longest unbreakable token
    plus padding, the room taken from the columns with room to spare."""
    total = sum(table.column_widths)
    shares = [usable * share / total for share in table.column_widths]
    minimum = _token_minimum(table, size)
    # A token longer than a column can sensibly be (a URL, a run of ISBNs in 備註) breaks
    # inside its column instead: it may ask for its share or a sixth of the page, whichever is
    # more — never every other column's room (all were squeezed below their own minimum, and a
    # 459-character URL made reportlab's widths negative).
    cap = [max(share, usable / 6) for share in shares]
    needed = [min(m, c) + padding + 1.0  # 1 pt for the font's own side bearings
              for m, c in zip(minimum, cap, strict=True)]
    if sum(needed) >= usable:
        return [usable * n / sum(needed) for n in needed]
    widths = shares[:]
    for _ in range(table.column_count):
        short = sum(max(n - w, 0.0) for n, w in zip(needed, widths, strict=True))
        if short <= 1e-6:
            break
        spare = [max(w - n, 0.0) for n, w in zip(needed, widths, strict=True)]
        room = sum(spare)
        widths = [max(w, n) - (s / room * short if room else 0.0)
                  for w, n, s in zip(widths, needed, spare, strict=True)]
    return widths
