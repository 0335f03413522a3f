"""The page walk on both cores: a forked child walks the second half of a big file while this
process walks the first; the halves are merged into exactly what one walk would have found.

Exactly: one walk remembers what it has already walked (a form at a given scale, a Type3
font's glyphs) and adds up a placement budget, so the second half's findings depend on the
first's. The child's half is taken only when it cannot have differed — it walked no form or
glyph procedure the first half walked too, the budget holds for both together, and neither
half raised a qpdf warning (a repair in one half could change what the other reads). Otherwise
this process walks the second half itself, as one walk would (a file whose pages share a form
across the halves gains nothing, and loses only the fork).

POSIX only (fork); Windows, a process with threads (the GUI) and small files walk in one
process. The child opens the file itself (no file offset shared with this process) and is in
this process's process group, so the bounds that kill the check kill it too; it also stops
when its parent is gone.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from app.pdfcheck.isolation import can_fork, kill_child
from app.pdfcheck.walker import (
    PLACEMENT_BUDGET,
    ColourUse,
    FontUse,
    ImagePlacement,
    WalkCancelled,
    Walker,
)

MIN_PAGES = 48
"""Below this a fork (a few milliseconds) costs about what it saves."""

Key = tuple[int, int]


@dataclass
class _Half:
    """What the child's walk found, with fonts by object number (picklable)."""

    fonts: list[tuple[Key, set[int], list[tuple[int, bytes]], set[int]]] = field(
        default_factory=list)
    declared: list[tuple[Key, set[int]]] = field(default_factory=list)
    images: list[ImagePlacement] = field(default_factory=list)
    colours: list[ColourUse] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    too_large: list[str] = field(default_factory=list)
    bounds_hit: list[str] = field(default_factory=list)
    hidden_pages: set[int] = field(default_factory=set)
    skipped_values: int = 0
    first_skip: tuple[int, str] | None = None
    placed: set[Any] = field(default_factory=set)
    type3_done: set[Key] = field(default_factory=set)
    form_placements: int = 0
    warnings: int = 0


def usable() -> bool:
    """Whether this process may fork a second walker: where it may fork at all
    (`isolation.can_fork`) and has a second core."""
    return can_fork() and (os.cpu_count() or 1) > 1


def walk(walker: Walker, path: str) -> list[str]:
    """Walk every page of `walker.pdf` (opened from `path`) into `walker`, on two cores when
    that pays; the caller then calls `walker.finish()`. Returns the qpdf warnings read on the
    way (reading them clears them from the file): the caller adds those read after."""
    pdf = walker.pdf
    total = len(pdf.pages)
    taken = [str(warning) for warning in pdf.get_warnings()]
    if total < MIN_PAGES or not usable() or taken:
        walker.walk_pages(0, total)
        return taken
    half = total // 2
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(path, walker, half, total, parent, write_end)
    os.close(write_end)
    try:
        own_progress = walker.progress
        if own_progress is not None:  # both halves move at about the same pace
            walker.progress = lambda done, _total, text: own_progress(
                min(total - 1, done * 2), total, text)
        try:
            walker.walk_pages(0, half)
        finally:
            walker.progress = own_progress
        taken += [str(warning) for warning in pdf.get_warnings()]
        result = _receive(read_end, walker)
    except BaseException:
        kill_child(pid)
        raise
    finally:
        os.close(read_end)
    kill_child(pid)
    if result is None or taken or not _merge(walker, result):
        walker.walk_pages(half, total)
    return taken


def _child(path: str, walker: Walker, first: int, stop: int, parent: int, out: int) -> None:
    """Walk pages first..stop-1 of a fresh copy of the file and send what was found."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
        with pikepdf.open(path) as pdf:
            if pdf.get_warnings():
                raise RuntimeError("repaired on opening")
            own = Walker(pdf, walker.want_strings,
                         cancelled=lambda: os.getppid() != parent)
            own.walk_pages(first, stop)
            payload = pickle.dumps(_portable(own, len(pdf.get_warnings())),
                                   protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as stream:
            stream.write(payload)
    except BaseException:  # the parent walks this half itself
        status = 3
    finally:
        os._exit(status)


def _portable(walker: Walker, warnings: int) -> _Half:
    usage = walker.usage
    return _Half(
        fonts=[(key, use.pages, use.strings, use.invisible_pages)
               for key, use in usage.fonts.items()],
        declared=[(key, pages) for key, (_font, pages) in usage.declared_fonts.items()],
        images=usage.images, colours=usage.colours, problems=usage.problems,
        unreadable=usage.unreadable, too_large=usage.too_large,
        bounds_hit=usage.bounds_hit, hidden_pages=usage.hidden_pages,
        skipped_values=usage.skipped_values, first_skip=walker.first_skip,
        placed=walker.placed_keys(), type3_done=walker.type3_keys(),
        form_placements=walker.form_placements, warnings=warnings)


def _receive(read_end: int, walker: Walker) -> _Half | None:
    """The child's findings, or None when it failed; waits while honouring cancel."""
    chunks: list[bytes] = []
    while True:
        if walker.cancelled is not None and walker.cancelled():
            raise WalkCancelled
        ready, _w, _x = select.select([read_end], [], [], 0.05)
        if not ready:
            continue
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    try:
        result = pickle.loads(b"".join(chunks)) if chunks else None
    except (pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError):
        return None
    return result if isinstance(result, _Half) else None


def _merge(walker: Walker, half: _Half) -> bool:
    """Add the child's half to `walker` when one walk would have found the same; False (and
    `walker` untouched) when it might not have."""
    if half.warnings:
        return False
    if half.placed & walker.placed_keys() or half.type3_done & walker.type3_keys():
        return False
    if walker.form_placements + half.form_placements > PLACEMENT_BUDGET:
        return False
    keys = [key for key, *_rest in half.fonts] + [key for key, _pages in half.declared]
    if any(key[0] <= 0 for key in keys):
        return False  # a direct font has no number to find it by in this process
    if any(place[0][0] == -2 for place in half.placed) or \
            any(key[0] == -2 for key in half.type3_done):
        return False  # an identity that means nothing outside the child
    objects: dict[Key, pikepdf.Dictionary] = {}
    for key in set(keys):
        try:
            found = walker.pdf.get_object(key)
        except (pikepdf.PdfError, ValueError, TypeError):
            return False
        if not isinstance(found, pikepdf.Dictionary):
            return False
        objects[key] = found
    usage = walker.usage
    for key, pages, strings, invisible in half.fonts:
        use = usage.fonts.setdefault(key, FontUse(objects[key]))
        use.pages |= pages
        use.strings.extend(strings)
        use.invisible_pages |= invisible
    for key, pages in half.declared:
        usage.declared_fonts.setdefault(key, (objects[key], set()))[1].update(pages)
    usage.images.extend(half.images)
    usage.colours.extend(half.colours)
    usage.problems.extend(half.problems)
    usage.unreadable.extend(half.unreadable)
    usage.too_large.extend(half.too_large)
    usage.bounds_hit.extend(b for b in half.bounds_hit if b not in usage.bounds_hit)
    usage.hidden_pages |= half.hidden_pages
    usage.skipped_values += half.skipped_values
    if walker.first_skip is None:
        walker.first_skip = half.first_skip
    walker.adopt(half.placed, half.type3_done, half.form_placements)
    return True
