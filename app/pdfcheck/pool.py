"""A long-lived checker process for a batch (issue 26): in the GUI and on Windows, where the
checker cannot fork, each file used to get a fresh `pubdesk check-one` — an interpreter start
and every import again per file, 60 of them for a serial issue's articles. `CheckerPool`
starts one `pubdesk check-serve` child for the batch and hands it the files one by one on its
standard input, with exactly the isolation and bounds of `check-one`: the same memory bound
(the child's whole address space), the same time bound per file, cancel at once, the
verdicts streamed as they are known. A child that hits a bound, crashes, or is stopped is
replaced before the next file; one that has checked `JOBS_PER_CHILD` files too (nothing a
file leaves behind can build up)."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import bounded_child
from app.pdfcheck.report import FileReport, unreadable

MAX_KEPT = 8 * 1024 * 1024
"""Bytes of one file's streamed lines kept for a report cut short."""
JOBS_PER_CHILD = 100
"""Files one child checks before a fresh one takes over."""
_EOF = object()


class _Child:
    """One `check-serve` process, its output read by a thread into a queue of lines."""

    def __init__(self, command: list[str], env: dict[str, str], memory_mb: int):
        self._stack = contextlib.ExitStack()
        self.process = self._stack.enter_context(
            bounded_child.started(command, env, memory_mb, stdin=subprocess.PIPE))
        self.lines: queue.Queue[object] = queue.Queue()
        self.errors: list[str] = []
        self.jobs = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(_EOF)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.errors = [*self.errors, line.decode("utf-8", "replace").strip()][-5:]

    def send(self, job: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        # ASCII JSON: a file name that is not valid UTF-8 (surrogate escapes) goes through.
        self.process.stdin.write(json.dumps(job).encode("ascii") + b"\n")
        self.process.stdin.flush()
        self.jobs += 1

    def close(self) -> None:
        """End the child: its input closed (it leaves by itself), killed if it lingers."""
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        self.process.stdin = None  # closed: the clean-up's communicate() must not flush it
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=2)
        self._stack.close()  # kills the group and closes the job object if still running

    def kill(self) -> None:
        """Stop the child at once (a bound, cancel)."""
        bounded_child.kill_group(self.process)
        self.close()


class CheckerPool:
    """Check files one by one in a reused child; use as a context manager."""

    def __init__(self, memory_mb: int, command: list[str] | None = None):
        from app.pdfcheck.isolation import child_command

        self.memory_mb = memory_mb
        self.command = command or [*child_command(), "check-serve"]
        env = dict(os.environ)
        # The child must find this very `app` package, also when run from a checkout.
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self.env = env
        self._child: _Child | None = None
        self.started = 0
        """Children started so far (one for a batch that went well)."""

    def __enter__(self) -> CheckerPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the child, if one is running."""
        if self._child is not None:
            self._child.close()
            self._child = None

    def _replace(self, kill: bool) -> None:
        if self._child is not None:
            (self._child.kill if kill else self._child.close)()
            self._child = None

    def check(self, path: str, options: dict[str, Any], timeout: float,
              cancelled: Callable[[], bool] | None = None, retried: bool = False) -> FileReport:
        """One file's report, as `check_isolated` gives it; raises BatchCancelled."""
        from app.pdfcheck.isolation import BatchCancelled, report_from_output, timed_out

        if self._child is not None and self._child.jobs >= JOBS_PER_CHILD:
            self._replace(kill=False)
        if self._child is None:
            self._child = _Child(self.command, self.env, self.memory_mb)
            self.started += 1
        child = self._child
        try:
            child.send({"path": path, **options})
        except OSError:  # it died between files: a fresh one takes this file (once)
            self._replace(kill=True)
            if retried:
                stopped = "無法啟動檢查程式（它一啟動就結束了）。"
                return unreadable(path, stopped)
            return self.check(path, options, timeout, cancelled, retried=True)
        received: list[bytes] = []
        kept = 0
        deadline = time.monotonic() + timeout
        while True:
            # Cancel and the time bound on every pass: a child that never stops writing
            # must not escape them.
            if cancelled is not None and cancelled():
                self._replace(kill=True)
                raise BatchCancelled
            left = deadline - time.monotonic()
            if left <= 0:
                self._replace(kill=True)
                stopped = timed_out(timeout)
                return report_from_output(path, b"".join(received), stopped) or \
                    unreadable(path, stopped)
            try:
                line = child.lines.get(timeout=min(0.05, left))
            except queue.Empty:
                continue
            if line is _EOF:  # the child died with this file: a crash or the memory bound
                detail = (child.errors or ["無訊息"])[-1][:200]
                self._replace(kill=True)
                stopped = (f"檢查時程式異常結束（可能是記憶體不足或檔案嚴重損壞；記憶體上限 "
                           f"{self.memory_mb} MB）：{detail}")
                return report_from_output(path, b"".join(received), stopped) or \
                    unreadable(path, stopped)
            assert isinstance(line, bytes)
            if kept < MAX_KEPT:  # the verdicts streamed so far (bounded: junk is not kept)
                received.append(line)
                kept += len(line)
            if _is_final(line):
                report = report_from_output(path, line, None)
                if report is not None:
                    if _hit_memory(report):  # the bound was reached inside: start clean
                        self._replace(kill=False)
                    return report


def _is_final(line: bytes) -> bool:
    try:
        data = json.loads(line.decode("utf-8"))
    except ValueError:
        return False
    return isinstance(data, dict) and "checks" in data and "path" in data


def _hit_memory(report: FileReport) -> bool:
    words = " ".join([report.error or "", *report.notes])
    return "記憶體" in words
