"""A child process bounded in memory, and killed with everything it started: the one way
PubDesk runs parsing of files from outside — the e-file checker's `check-one`
(app.pdfcheck.isolation) and the spreadsheet reader's `read-sheet` (app.intake.child)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.pdfcheck import winjob


def limit_memory(megabytes: int) -> Callable[[], None] | None:
    if sys.platform == "win32":
        return None

    def apply() -> None:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


@contextlib.contextmanager
def started(command: list[str], env: dict[str, str], memory_mb: int,
             stdin: int = subprocess.DEVNULL) -> Iterator[subprocess.Popen[bytes]]:
    """The child, bounded in memory; killed on the way out if it has not ended. `stdin`
    PIPE for a child that takes its work as it goes (app.pdfcheck.pool)."""
    job: winjob.Job | None = None
    if sys.platform == "win32":
        from app.pdfcheck import winjob  # ctypes: only where it is used

        # No console window flashes up for each file; the memory bound is a job object.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=stdin, env=env,
                                   creationflags=subprocess.CREATE_NO_WINDOW)
        job = winjob.bound_memory(process, memory_mb)
    else:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=stdin, env=env, process_group=0,
                                   preexec_fn=limit_memory(memory_mb))  # noqa: PLW1509
    try:
        yield process
    finally:
        if process.poll() is None:
            kill_group(process)
            process.communicate()
        if job is not None:
            job.close()


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the child and, on POSIX, its process group: the second walker it may have forked
    (app.pdfcheck.parallel) goes with it."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
