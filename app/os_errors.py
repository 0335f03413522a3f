"""檔案錯誤 — what went wrong with a file, said by the operating system error's meaning.

An `OSError`'s own text ("Permission denied", "Read-only file system") is English whatever the
officer's language, and names the cause without saying what to do. `sentence` reads the error's
number instead — Windows' own code first (`winerror`: Python folds a sharing violation, a
write-protected disk and a missing network path into EACCES or ENOENT), then `errno` — and
returns a Chinese sentence from app.messages that names the file and says what to do; the
screen shows it in the officer's language through `app.language.shown`, like any core message.
An error we have no words for still names the file, with its number in brackets for IT.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from app import messages

_BY_WINERROR: dict[int, str] = {
    2: messages.OS_NOT_FOUND,  # ERROR_FILE_NOT_FOUND
    3: messages.OS_NOT_FOUND,  # ERROR_PATH_NOT_FOUND
    4: messages.OS_TOO_MANY_FILES,  # ERROR_TOO_MANY_OPEN_FILES
    5: messages.OS_DENIED_OR_IN_USE,  # ERROR_ACCESS_DENIED: also a file open in Word
    15: messages.OS_NOT_FOUND,  # ERROR_INVALID_DRIVE
    19: messages.OS_READ_ONLY,  # ERROR_WRITE_PROTECT
    21: messages.OS_IO,  # ERROR_NOT_READY: a drive taken out
    23: messages.OS_IO,  # ERROR_CRC
    32: messages.OS_IN_USE,  # ERROR_SHARING_VIOLATION
    33: messages.OS_IN_USE,  # ERROR_LOCK_VIOLATION
    39: messages.OS_DISK_FULL,  # ERROR_HANDLE_DISK_FULL
    51: messages.OS_NETWORK,  # ERROR_REM_NOT_LIST
    53: messages.OS_NETWORK,  # ERROR_BAD_NETPATH
    59: messages.OS_NETWORK,  # ERROR_UNEXP_NET_ERR
    64: messages.OS_NETWORK,  # ERROR_NETNAME_DELETED
    67: messages.OS_NETWORK,  # ERROR_BAD_NET_NAME
    80: messages.OS_EXISTS,  # ERROR_FILE_EXISTS
    112: messages.OS_DISK_FULL,  # ERROR_DISK_FULL
    121: messages.OS_NETWORK,  # ERROR_SEM_TIMEOUT: a share that stopped answering
    123: messages.OS_INVALID_NAME,  # ERROR_INVALID_NAME
    161: messages.OS_INVALID_NAME,  # ERROR_BAD_PATHNAME
    183: messages.OS_EXISTS,  # ERROR_ALREADY_EXISTS
    206: messages.OS_NAME_TOO_LONG,  # ERROR_FILENAME_EXCED_RANGE
    225: messages.OS_BLOCKED,  # ERROR_VIRUS_INFECTED
    226: messages.OS_BLOCKED,  # ERROR_VIRUS_DELETED
    267: messages.OS_NOT_FOLDER,  # ERROR_DIRECTORY
    483: messages.OS_IO,  # ERROR_DEVICE_HARDWARE_ERROR
    1117: messages.OS_IO,  # ERROR_IO_DEVICE
    1167: messages.OS_IO,  # ERROR_DEVICE_NOT_CONNECTED
    1222: messages.OS_NETWORK,  # ERROR_NO_NETWORK
    1224: messages.OS_IN_USE,  # ERROR_USER_MAPPED_FILE
    1231: messages.OS_NETWORK,  # ERROR_NETWORK_UNREACHABLE
    1232: messages.OS_NETWORK,  # ERROR_HOST_UNREACHABLE
    1314: messages.OS_NO_PERMISSION,  # ERROR_PRIVILEGE_NOT_HELD
}
"""Windows system error codes (winerror.h) by meaning."""


def _errno_table() -> dict[int, str]:
    table = {
        errno.ENOENT: messages.OS_NOT_FOUND,
        errno.EACCES: messages.OS_NO_PERMISSION,
        errno.EPERM: messages.OS_NO_PERMISSION,
        errno.EROFS: messages.OS_READ_ONLY,
        errno.ENOSPC: messages.OS_DISK_FULL,
        errno.EISDIR: messages.OS_IS_FOLDER,
        errno.ENOTDIR: messages.OS_NOT_FOLDER,
        errno.ENAMETOOLONG: messages.OS_NAME_TOO_LONG,
        errno.EEXIST: messages.OS_EXISTS,
        errno.EBUSY: messages.OS_BUSY,
        errno.EIO: messages.OS_IO,
        errno.ENXIO: messages.OS_IO,
        errno.ENODEV: messages.OS_IO,
        errno.ENETUNREACH: messages.OS_NETWORK,
        errno.ENETDOWN: messages.OS_NETWORK,
        errno.EHOSTUNREACH: messages.OS_NETWORK,
        errno.ETIMEDOUT: messages.OS_NETWORK,
        errno.ECONNRESET: messages.OS_NETWORK,
        errno.ECONNABORTED: messages.OS_NETWORK,
        errno.EMFILE: messages.OS_TOO_MANY_FILES,
        errno.ENFILE: messages.OS_TOO_MANY_FILES,
    }
    # Not every platform's errno module has these (Windows lacks several).
    for name, template in (("EDQUOT", messages.OS_QUOTA), ("ETXTBSY", messages.OS_BUSY),
                           ("ESTALE", messages.OS_NETWORK), ("EHOSTDOWN", messages.OS_NETWORK)):
        number = getattr(errno, name, None)
        if number is not None:
            table[number] = template
    return table


_BY_ERRNO = _errno_table()


def _template(exc: OSError) -> str | None:
    winerror = getattr(exc, "winerror", None)  # set on Windows only
    if isinstance(winerror, int) and winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    code = exc.errno
    if sys.platform == "win32":
        # open() goes through the C runtime, which reports a file another program holds (Word,
        # Excel) as a bare EACCES, and a name Windows refuses (「a:b」, 「名稱?」) as EINVAL.
        if code in (errno.EACCES, errno.EPERM):
            return messages.OS_DENIED_OR_IN_USE
        if code == errno.EINVAL:
            return messages.OS_INVALID_NAME
    return _BY_ERRNO.get(code) if code is not None else None


def _named(exc: OSError, path: Path | str | None) -> str:
    for candidate in (path, exc.filename, exc.filename2):
        if candidate is not None and str(candidate) != "":
            return str(candidate)
    return messages.OS_UNNAMED_FILE


def sentence(exc: OSError, path: Path | str | None = None) -> str:
    """A Chinese sentence (translated to English by the app's catalogue like other core
    messages) saying what went wrong with `path` by the error's meaning (errno / winerror),
    and what to do.

    `path` defaults to the file the error names (`exc.filename`); the sentence always names
    one. An error we have no words for gets a general sentence with its number for IT —
    never the system's English text."""
    where = _named(exc, path)
    template = _template(exc)
    if template is not None:
        return template.format(path=where)
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int):
        return messages.OS_FAILED.format(path=where, code=f"Windows {winerror}")
    if exc.errno is not None:
        return messages.OS_FAILED.format(path=where, code=exc.errno)
    return messages.OS_FAILED_NO_CODE.format(path=where)
