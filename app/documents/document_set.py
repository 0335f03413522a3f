"""A document set — a PDF and its editable twins (授權函 + 利用清單, 寄存清單 + labels + letters,
附件一's copies) — written all or nothing: every file into a hidden folder beside the target
(same file system, so a rename moves it), PDF first, editables after, and moved into place only
when all are written. A PDF that cannot be made (a 造字 no font has) leaves the previous set as
it was, never new DOCX/ODT beside an older PDF."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app import messages
from app.errors import PubDeskError
from app.os_errors import sentence

STAGE_PREFIX = ".pubdesk-"
"""The hidden folder's name starts so (a dot hides it in Finder and file listings)."""
STALE_AFTER_S = 12 * 3600
"""A stage untouched this long was left by a PubDesk that stopped (a crash, a power cut): no
set takes hours to write, and a PC whose clock is ahead of the file server's by an hour or two
must not take another officer's stage for an abandoned one."""
PLAN = ".plan"
"""In a stage being moved into place: the names it moves, one a line."""
PREVIOUS, DONE = ".previous", ".done"
"""The previous files while the move is under way; renamed DONE once every file is in place,
so a stage left after a finished move is never taken for an interrupted one."""


class DocumentSet:
    """The folder a set is written into (`stage`) and where its files go (`folder`)."""

    def __init__(self, folder: Path, stage: Path) -> None:
        self.folder = folder
        self.stage = stage

    def final(self, path: Path) -> Path:
        """Where a file written into the stage ends up."""
        return self.folder / path.relative_to(self.stage)

    def finals(self, paths: list[Path]) -> list[Path]:
        """`final` of each."""
        return [self.final(path) for path in paths]


def _hide(stage: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows only: the dot does not hide a folder there
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(stage), 0x02)  # type: ignore[attr-defined]


def _move_into_place(stage: Path, folder: Path) -> None:
    """Every file of `stage` over its namesake in `folder`; if one cannot be moved (a list open
    in Word), those already moved are put back and the previous files restored."""
    previous = stage / PREVIOUS
    staged_files = sorted(p for p in stage.iterdir() if p.name not in (PREVIOUS, PLAN, DONE))
    (stage / PLAN).write_text("\n".join(p.name for p in staged_files), encoding="utf-8")
    previous.mkdir()
    moved: list[tuple[Path, Path | None]] = []
    try:
        for staged in staged_files:
            target = folder / staged.name
            kept = None
            if target.exists():
                kept = previous / staged.name
                os.replace(target, kept)
            moved.append((target, kept))
            os.replace(staged, target)
    except OSError:
        for target, kept in reversed(moved):
            with contextlib.suppress(OSError):
                if kept is not None:
                    os.replace(kept, target)
                elif target.exists():
                    target.unlink()
        raise
    os.replace(previous, stage / DONE)  # every file is in place: nothing left to put back


def clear_stale_stages(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the stages a stopped PubDesk left in `folder`. One that stopped while moving its
    files into place holds the previous files in `.previous`: they are put back first, so the
    folder has the previous set again rather than a mix. Returns the stages removed."""
    import time

    moment = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError):
        candidates = [p for p in folder.iterdir()
                      if p.name.startswith(STAGE_PREFIX) and p.is_dir()]
        for stage in candidates:
            with contextlib.suppress(OSError):
                if moment - stage.stat().st_mtime < STALE_AFTER_S:
                    continue  # perhaps another PubDesk writing into the same folder now
                previous = stage / PREVIOUS
                if previous.is_dir():  # stopped half-way through the move: undo it
                    planned = (stage / PLAN).read_text(encoding="utf-8").splitlines() \
                        if (stage / PLAN).is_file() else []
                    for name in planned:
                        kept, target = previous / name, folder / name
                        if kept.exists():
                            os.replace(kept, target)
                        elif not (stage / name).exists() and target.exists():
                            target.unlink()  # moved in, and there was none before it
                shutil.rmtree(stage)
                removed.append(stage)
    return removed


@contextlib.contextmanager
def document_set(folder: Path, label: str) -> Iterator[DocumentSet]:
    """Write a set (named `label` in a failure message) into `DocumentSet.stage`; on leaving
    the block every file is moved into `folder`. On any failure the stage is removed, the
    previous files stay untouched, and the error says which set stopped and why."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        clear_stale_stages(folder)
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=folder))
    except OSError as exc:
        raise PubDeskError(sentence(exc, folder), path=str(folder)) from exc
    try:
        _hide(stage)
        yield DocumentSet(folder, stage)
        _move_into_place(stage, folder)
    except PubDeskError as exc:
        # The same error (a MissingGlyphError stays one), saying also that nothing changed.
        exc.message = messages.DOCUMENT_SET_NOT_WRITTEN.format(set=label, reason=exc.message)
        exc.args = (exc.message,)
        raise
    except OSError as exc:
        raise PubDeskError(messages.DOCUMENT_SET_NOT_WRITTEN.format(
            set=label, reason=sentence(exc, folder)), path=str(folder)) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
