"""Chinese line breaking for every PDF we write (禁則): no line starts with closing
punctuation (，。、：；！？）」』】》…), none ends with opening punctuation (（「『【《…).

reportlab breaks CJK text character by character, on two paths — one for a paragraph in a
single style (`paragraph.wordSplit`), one for mixed runs (`paragraph.cjkFragSplit`). Its rules
know Japanese closing marks but not the full-width comma, colon or semicolon, and never look
at opening marks: 「（」 ended a line in the consent letter's 主旨 and 「：」 began one.
`install()` routes both paths through `break_points`, which keeps reportlab's measuring and
its care not to cut a run of Latin letters or digits (a GPN, a phone number) where a space or
a CJK character allows a better break.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from unicodedata import category

from reportlab.lib.textsplit import getCharWidths
from reportlab.platypus import paragraph
from reportlab.rl_config import _FUZZ

CANNOT_START = frozenset("，。、：；！？）〕］｝〉》」』】〗〙〛’”…‥・～ー"
                         "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                         "!),.:;?]}%")
"""Closing punctuation and marks that hang at the end of a line instead of starting one."""
CANNOT_END = frozenset("（〔［｛〈《「『【〖〘〚‘“([{")
"""Opening punctuation that moves to the next line with what it opens."""


def break_points(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                 forced: Callable[[int], bool] = lambda _i: False,
                 hang: bool = True) -> list[tuple[int, int]]:
    """The lines as (start, end) index pairs. `forced(i)`: a line must end after char i.
    `hang`: closing punctuation may hang past the line's end (a page's margin has room for
    it); in a table cell (False) it takes the character before it to the next line instead,
    so it is never drawn over the column's rule."""
    lines: list[tuple[int, int]] = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    while i < len(chars):
        char = chars[i]
        used += widths[i]
        i += 1
        must = forced(i - 1)
        if not (must or (used > max_width + _FUZZ and used > 0)):
            continue
        end = i
        if not must:
            if ord(char[:1] or " ") < 0x3000:
                end = _latin_break(chars, start, i) or i
            if end == i and i > start + 1 and (char not in CANNOT_START or not hang):
                end = i - 1  # the overflowing character starts the next line…
            if hang:
                # …unless it is a closing mark: then it hangs in the margin, with the closing
                # marks right after it (「】。」, 「」、」).
                hung = 0
                while end < len(chars) and chars[end] in CANNOT_START and hung < 3:
                    end += 1
                    hung += 1
            else:
                # …and a closing mark there takes the characters before it along — unless the
                # whole line is closing marks (「。。。…」): then it breaks where it overflows.
                overflow = end
                while end - 1 > start and end < len(chars) and chars[end] in CANNOT_START:
                    end -= 1
                if end - 1 <= start and end < len(chars) and chars[end] in CANNOT_START:
                    end = overflow
            while end - 1 > start and chars[end - 1] in CANNOT_END:
                end -= 1  # an opening mark goes with what it opens
        lines.append((start, end))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start = i = end
        used = 0.0
    if start < len(chars):
        lines.append((start, len(chars)))
    return lines


def _latin_break(chars: Sequence[str], start: int, end: int) -> int | None:
    """Where to break inside a run of Latin letters or digits overflowing at `end`: after the
    last space or CJK character in the second half of the line (None: no good place)."""
    for j in range(end - 1, (start + end) >> 1, -1):
        if chars[j] and (category(chars[j]) == "Zs" or ord(chars[j][:1]) >= 0x3000):
            return j + 1 if j + 1 < end else None
    return None


def kinsoku_word_split(word: str | bytes, max_widths: Any, font_name: str, font_size: float,
                       encoding: str = "utf8") -> list[list[Any]]:
    """`textsplit.wordSplit` with the rules: [[extra space, line text], …]."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = getCharWidths(text, font_name, font_size)
    limits = max_widths if isinstance(max_widths, list | tuple) else [max_widths]
    result: list[list[Any]] = []
    for start, end in break_points(text, widths, limits):
        limit = limits[min(len(result), len(limits) - 1)]
        result.append([limit - sum(widths[start:end]), text[start:end]])
    return result


def kinsoku_frag_split(frags: list[Any], max_widths: list[float], calc_bounds: bool,
                       encoding: str = "utf8") -> Any:
    """`paragraph.cjkFragSplit` with the rules (same arguments, same result type)."""
    units: list[Any] = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        if text:
            units.extend(paragraph.cjkU(t, frag, encoding) for t in text)
        else:
            units.append(paragraph.cjkU(text, frag, encoding))
    widths = [_width(u, max_widths[0]) for u in units]
    lines = []
    for number, (start, end) in enumerate(break_points(
            units, widths, max_widths, lambda i: hasattr(units[i].frag, "lineBreak"))):
        limit = max_widths[min(number, len(max_widths) - 1)]
        used = sum(widths[start:end])
        ends_forced = end > start and hasattr(units[end - 1].frag, "lineBreak")
        lines.append(paragraph.makeCJKParaLine(units[start:end], limit, used, limit - used,
                                               ends_forced, calc_bounds))
    return paragraph.ParaLines(kind=1, lines=lines)


def _width(unit: Any, max_width: float) -> float:
    width = unit.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        return float(width.normalizedValue(max_width))
    return float(width)


def install() -> None:
    """Use the rules for every CJK paragraph reportlab lays out (idempotent)."""
    paragraph.wordSplit = kinsoku_word_split
    paragraph.cjkFragSplit = kinsoku_frag_split
