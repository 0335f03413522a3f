"""The bounds within which the e-file checker reads a PDF — stated once, here, as
`app.intake.limits` states them for spreadsheet imports (the memory bound is that module's: one
child, one figure).

A PDF from outside may be enormous without being damaged: a map page whose content stream
holds millions of drawing instructions is valid, only too large to check fully. Reaching a
bound is therefore said as such — 「檔案太大，無法完整檢查（哪一項上限），並不表示檔案損壞」 —
never as damage (`BoundExceeded` carries which bound), and the file's verdict is 請注意, not
不符合: the checks that saw only part of the content say so instead of passing.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.intake.limits import LIMITS


@dataclass(frozen=True)
class CheckerBounds:
    """Bounds for checking one PDF; the defaults are what `pubdesk check` and the check page
    use (`--timeout` and `--memory-mb` change the last two)."""

    content_bytes: int = 64 * 1024 * 1024
    """One content stream (a page's, a form's, a glyph procedure's), decoded: a 400-page
    book's pages are 5–100 KB each, a dense map page a few MB. Measured while decoding, so a
    stream that inflates to gigabytes costs no more than this."""
    content_instructions: int = 200_000
    """Instructions of one content stream that the checks read (colour, text, images, forms;
    pure path drawing is skipped by qpdf and costs nothing), counted before qpdf builds them:
    each costs about 270 bytes of memory and 150 more per operand, so 200,000 `TJ` arrays of
    seven values take 330 MB of the child's 512. A dense text page has a few thousand."""
    count_from_bytes: int = 256 * 1024
    """Streams smaller than this are not counted first: they hold 35 MB of instructions at
    most, and nearly every page is one of them."""
    measure_from_raw_bytes: int = 512
    """Content written in fewer bytes than this, plain or with one Flate filter, is not
    measured at all: deflate expands at most about 1,050× (a megabyte of `q` takes 994
    bytes), so it holds about 540 KB and 75 MB of instructions at most — and a typical page
    is a few hundred bytes, which then is not decoded twice."""
    nesting_depth: int = 24
    """Forms inside forms (inside glyph procedures, patterns…) walked: deeper is a loop in
    disguise or a deliberate bomb."""
    form_placements: int = 50_000
    """Form placements walked per file (each distinct form, scale and fill counts once): a
    form placed 32 times in each of 6 levels is a billion placements."""
    action_visits: int = 200_000
    """Dictionaries the active-content check visits (actions, fields, bookmarks): a file built
    to make that walk endless still gets a verdict."""
    outline_entries: int = 20_000
    """Bookmarks read (a 1,000-page book has a few hundred)."""
    seconds: float = 60.0
    """Wall-clock time of the child that checks one file (`--timeout`): the 5,000-mutant
    fuzz run needed 0.1 s each."""
    memory_mb: int = LIMITS.memory_mb
    """Address space of that child (`--memory-mb`; POSIX rlimit, a job object on Windows):
    the same figure as the spreadsheet reader's."""


BOUNDS = CheckerBounds()
"""The checker's bounds."""

BOUND_WORDS = {
    "content_bytes": "單一內容串流解壓後超過 {limit} MB",
    "content_instructions": "單一內容串流的繪圖指令超過 {limit} 個",
    "nesting_depth": "表單物件巢狀超過 {limit} 層",
    "form_placements": "表單物件擺放超過 {limit} 次",
    "action_visits": "動作與物件超過 {limit} 個",
    "outline_entries": "書籤超過 {limit} 筆",
    "seconds": "檢查時間超過 {limit} 秒",
    "memory_mb": "記憶體超過 {limit} MB",
}
"""Each bound in words, with its figure."""


def bound_words(bound: str, bounds: CheckerBounds = BOUNDS) -> str:
    """Which limit, in words: 「單一內容串流的繪圖指令超過 1,000,000 個」."""
    value = getattr(bounds, bound)
    if bound == "content_bytes":
        value = value // (1024 * 1024)
    return BOUND_WORDS[bound].format(limit=f"{value:,}" if isinstance(value, int) else
                                     f"{value:g}")


class BoundExceeded(Exception):
    """Reading stopped at a bound: the file is too large to check fully, not damaged.

    `bound` names the field of `CheckerBounds` reached (for tests and logs); `words` says it
    for the officer."""

    def __init__(self, bound: str, bounds: CheckerBounds = BOUNDS):
        self.bound = bound
        self.words = bound_words(bound, bounds)
        super().__init__(self.words)
