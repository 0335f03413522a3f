"""Writing an output file safely: into `name.partial` first, renamed when complete, so a
failure (full disk, file open in Word, folder gone) leaves no half document behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from app.errors import PubDeskError
from app.os_errors import sentence


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces `path`. A failure is said by
    its meaning (app.os_errors) about `path`, or about the folder when the folder is the
    problem — never about the `.partial` file the officer has never heard of."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        os.replace(partial, path)
    except OSError as exc:
        _discard(partial)
        named = Path(exc.filename) if exc.filename else path
        raise PubDeskError(sentence(exc, named if named in path.parents else path),
                           path=str(path)) from exc
    except BaseException:
        _discard(partial)
        raise
