"""File paths stored relative to the data folder, so that copying or restoring the data folder
on another PC keeps every link to an output working.

In Python a path attribute is always an absolute path string; in the database a path inside
the data folder is stored relative to it (forward slashes), anything else absolutely. The data
folder is the one of the open `Database` whose session is running (a context variable, set by
`Database.session()`), so services need not pass it around.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

_data_dir: contextvars.ContextVar[Path | None] = contextvars.ContextVar("pubdesk_data_dir",
                                                                        default=None)
OUTPUT_FOLDER = "output"
"""The data folder's sub-folder for generated documents (see `app.outputs`)."""


@contextmanager
def data_folder(folder: Path | None) -> Iterator[None]:
    """Within this block, stored paths are relative to `folder`."""
    token = _data_dir.set(folder)
    try:
        yield
    finally:
        _data_dir.reset(token)


def current_data_folder() -> Path | None:
    """The data folder of the session running now (None outside one)."""
    return _data_dir.get()


def to_stored(value: str, folder: Path | None) -> str:
    """The database form of an absolute path: relative to `folder` when inside it."""
    if not value or folder is None:
        return value
    path = Path(value)
    if not path.is_absolute():
        return PurePosixPath(value.replace("\\", "/")).as_posix()
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return value


def from_stored(value: str, folder: Path | None) -> str:
    """The absolute path for a stored value. An absolute path written by an older version
    that no longer exists, but whose part from `output/` on exists in this data folder, is
    found there (a data folder copied from another PC)."""
    if not value or folder is None:
        return value
    if not _is_absolute(value):
        return str(folder / Path(*PurePosixPath(value).parts))
    if Path(value).exists():
        return value
    parts = (PureWindowsPath(value) if "\\" in value else PurePosixPath(value)).parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == OUTPUT_FOLDER:
            moved = folder.joinpath(*parts[index:])
            if moved.exists():
                return str(moved)
            break
    return value


def _is_absolute(value: str) -> bool:
    return PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()


class DataPath(TypeDecorator[str]):
    """A path column: see the module docstring."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return to_stored(value, _data_dir.get()) if isinstance(value, str) else value

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return from_stored(value, _data_dir.get()) if isinstance(value, str) else value
