"""握住資料庫檔 — the handle PubDesk keeps on its database file while the file is in use.

The file guard (app.db.file_guard) reads the database file's header through one descriptor it
keeps open for as long as the database is in use, never one opened and closed for each look:
on Linux and macOS, closing any descriptor of a file drops every POSIX lock this process holds
on it, SQLite's included (see app.db.engine.check_sqlite_file).

On Windows that descriptor is also the hold: the file is opened with CreateFileW sharing read
and write — SQLite's own connections open it for both — but not delete, so while PubDesk runs
another program (a sync tool, Explorer) cannot rename, delete or move another file over it;
Windows answers that program with a sharing violation. SQLite's own handles already refuse
delete sharing (its winOpen shares read and write only); the hold covers the moments when
no connection is open — while the database is (re)opened, and between connections when the
pool is emptied for a restore.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

FILE_SHARE_READ = 0x1
FILE_SHARE_WRITE = 0x2
FILE_SHARE_DELETE = 0x4
GENERIC_READ = 0x80000000
OPEN_EXISTING = 3
FILE_ATTRIBUTE_NORMAL = 0x80
INVALID_HANDLE_VALUE = -1


def share_mode(hold: bool = True) -> int:
    """What a handle of ours lets other handles do: read and write (SQLite needs both); delete
    — which renaming the file, or moving another over it, needs — only when it does not
    `hold` the file (a quick look at the -wal file, which SQLite deletes when it is done)."""
    return FILE_SHARE_READ | FILE_SHARE_WRITE | (0 if hold else FILE_SHARE_DELETE)


def open_held(path: Path, *, hold: bool = True, platform: str = sys.platform) -> int:
    """A read-only descriptor of `path`. On Windows, with `hold`, it keeps other programs
    from renaming, deleting or replacing the file until it is closed (`share_mode`);
    elsewhere it is a plain read-only descriptor."""
    if platform != "win32":
        return os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    return _open_windows(path, hold)  # pragma: no cover - Windows only


def _open_windows(path: Path, hold: bool) -> int:  # pragma: no cover - Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    create = kernel32.CreateFileW
    create.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, wintypes.LPVOID,
                       wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE]
    create.restype = wintypes.HANDLE
    handle = create(str(path), GENERIC_READ, share_mode(hold), None, OPEN_EXISTING,
                    FILE_ATTRIBUTE_NORMAL, None)
    if handle is None or handle == wintypes.HANDLE(INVALID_HANDLE_VALUE).value:
        error = ctypes.get_last_error()  # type: ignore[attr-defined]
        raise OSError(None, ctypes.FormatError(error), str(path), error)  # type: ignore[attr-defined]
    try:
        return int(msvcrt.open_osfhandle(handle, os.O_RDONLY | os.O_BINARY))  # type: ignore[attr-defined]
    except OSError:
        kernel32.CloseHandle(handle)
        raise


_SEEKING = threading.Lock()


def read_at(fd: int, offset: int, size: int) -> bytes:
    """`size` bytes at `offset` of the open file `fd` (fewer at its end)."""
    pread = getattr(os, "pread", None)
    if pread is not None:
        return bytes(pread(fd, size, offset))
    with _SEEKING:  # Windows has no pread: a seek and a read that no other thread splits
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)
