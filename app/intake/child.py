"""Reading a list in a child process bounded in memory and time (`pubdesk read-sheet`), as
the e-file checker does: the worst file ends the child, never the window's process; Cancel
ends it at once.

The child writes JSON lines: {"progress": rows} while it reads, then {"table": …} or
{"error": sentence, "limit": name}. The parent turns a child that went over its memory
bound, ran out of time or ended without a word into the sentence for that."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from app.errors import PubDeskError
from app.intake.limits import LIMITS, LimitExceeded, Limits
from app.intake.messages import CANCELLED, OUT_OF_MEMORY, READER_FAILED, TIMED_OUT
from app.intake.sheet import Row
from app.intake.table import Table, read_table, row_from_json, row_json

ROWS_PER_LINE = 1000


class ReadCancelled(PubDeskError):
    """The officer cancelled the reading."""


def run_child(request: str, out: IO[bytes] | None = None) -> int:
    """In the child: read the list the request names and answer on stdout."""
    stream = out if out is not None else sys.stdout.buffer
    options = json.loads(request)

    def say(data: dict[str, Any]) -> None:
        stream.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
        stream.flush()

    batch: list[Row] = []

    def sink(row: Row) -> None:  # rows leave as they are read: the child holds a batch
        batch.append(row)
        if len(batch) == ROWS_PER_LINE:
            say({"rows": [row_json(r) for r in batch]})
            batch.clear()

    try:
        table = read_table(Path(options["path"]), list(options["required"]),
                           sheet=options.get("sheet"), preferred=options.get("preferred", ""),
                           progress=lambda rows: say({"progress": rows}), sink=sink)
    except LimitExceeded as exc:
        say({"error": exc.message, "limit": exc.limit})
        return 1
    except PubDeskError as exc:
        say({"error": exc.message, "limit": "other"})
        return 1
    except MemoryError:
        say({"error": "", "limit": "memory"})
        return 1
    except OSError as exc:
        from app.os_errors import sentence

        say({"error": sentence(exc, options["path"]), "limit": "os"})
        return 1
    if batch:
        say({"rows": [row_json(r) for r in batch]})
    say({"table": table.to_json()})
    return 0


def _command() -> list[str]:
    from app.pdfcheck.isolation import child_command

    return [*child_command(), "read-sheet"]


def read_table_bounded(path: Path, required: list[str], *, sheet: str | None = None,
                       preferred: str = "", limits: Limits = LIMITS,
                       progress: Callable[[int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Table:
    """`read_table` in a bounded child; raises LimitExceeded (or ReadCancelled) with the
    sentence to show."""
    from app import bounded_child

    request = json.dumps({"path": str(path), "required": required, "sheet": sheet,
                          "preferred": preferred}, ensure_ascii=False)
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    lines: list[bytes] = []
    rows: list[Row] = []
    with bounded_child.started([*_command(), request], env, limits.memory_mb) as process:
        assert process.stdout is not None

        def pump(source: IO[bytes]) -> None:
            for line in source:
                if line.startswith(b'{"progress"'):
                    if progress is not None:
                        progress(int(json.loads(line)["progress"]))
                elif line.startswith(b'{"rows"'):
                    rows.extend(row_from_json(item) for item in json.loads(line)["rows"])
                else:
                    lines.append(line)

        reader = threading.Thread(target=pump, args=(process.stdout,), daemon=True)
        errors = tempfile.TemporaryFile()  # noqa: SIM115 — closed below, after the threads
        stderr = process.stderr
        assert stderr is not None
        drain = threading.Thread(target=lambda: errors.write(stderr.read()), daemon=True)
        reader.start()
        drain.start()
        deadline = time.monotonic() + limits.seconds
        while process.poll() is None:
            if cancelled is not None and cancelled():
                bounded_child.kill_group(process)
                raise ReadCancelled(CANCELLED.format(name=path.name))
            if time.monotonic() > deadline:
                bounded_child.kill_group(process)
                raise LimitExceeded(TIMED_OUT.format(name=path.name,
                                                     seconds=f"{limits.seconds:.0f}"),
                                    limit="seconds", path=str(path))
            time.sleep(0.02)
        reader.join()
        drain.join()
        if cancelled is not None and cancelled():
            raise ReadCancelled(CANCELLED.format(name=path.name))
        errors.seek(0)
        detail = errors.read().decode("utf-8", "replace").strip().splitlines()
        errors.close()
    return _outcome(path, limits, lines, rows, detail, process.returncode)


def _outcome(path: Path, limits: Limits, lines: list[bytes], rows: list[Row],
             detail: list[str], returncode: int | None) -> Table:
    """The table the child sent, or the sentence for why it did not."""
    answer: dict[str, Any] = {}
    for line in lines:
        try:
            answer = json.loads(line)
        except ValueError:
            continue
    if "table" in answer:
        table = Table.from_json(answer["table"])
        table.rows = rows
        return table
    memory = f"{limits.memory_mb} MB"
    if answer.get("limit") == "memory" or any("MemoryError" in line for line in detail[-3:]):
        raise LimitExceeded(OUT_OF_MEMORY.format(name=path.name, limit=memory),
                            limit="memory", path=str(path))
    if "error" in answer:
        raise LimitExceeded(answer["error"], limit=str(answer.get("limit")), path=str(path))
    if returncode is not None and returncode < 0:  # killed: the memory bound
        raise LimitExceeded(OUT_OF_MEMORY.format(name=path.name, limit=memory),
                            limit="memory", path=str(path))
    raise LimitExceeded(READER_FAILED.format(name=path.name,
                                             detail=(detail[-1:] or ["—"])[0][:200]),
                        limit="crash", path=str(path))


def main(argv: list[str]) -> int:
    """`pubdesk read-sheet REQUEST` (internal: the parent starts it)."""
    return run_child(argv[0])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
