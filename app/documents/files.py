"""Writing an output file safely: into `name.partial` first, renamed when complete, so a
failure (full disk, file open in Word, folder gone) leaves no half document behind."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from app.errors import PubDeskError


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_output(path: Path, hint: str = "") -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces `path`."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        os.replace(partial, path)
    except OSError as exc:
        _discard(partial)
        if exc.errno == errno.ENOSPC:
            raise PubDeskError(f"磁碟空間不足，無法寫入「{path}」。請清出空間後再試。",
                               path=str(path)) from exc
        raise PubDeskError(f"無法寫入「{path}」：{exc.strerror or exc}。{hint}",
                           path=str(path)) from exc
    except BaseException:
        _discard(partial)
        raise
