"""ZIP containers (XLSX, ODS) opened within bounds: sizes and ratios of every part checked
before anything is parsed, and counted again while it is read — the sizes a ZIP declares are
checked by `zipfile` itself (a part longer than it says fails its CRC), the counting keeps the
total honest across parts."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.intake.limits import LIMITS, LimitExceeded, Limits
from app.intake.messages import (
    FILE_TOO_BIG,
    NOT_A_SPREADSHEET,
    OLD_OR_PROTECTED,
    PART_TOO_BIG,
    PART_TOO_COMPRESSED,
    PASSWORD_PROTECTED,
    TOO_MANY_PARTS,
    TOTAL_TOO_BIG,
    megabytes,
)

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE compound file: an old .xls, or an OOXML workbook encrypted with a password."""
CHUNK = 256 * 1024


class Archive:
    """A ZIP file whose parts are read as bounded streams."""

    def __init__(self, path: Path, limits: Limits = LIMITS):
        self.path, self.limits, self.read_total = path, limits, 0
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise LimitExceeded(FILE_TOO_BIG.format(name=path.name, size=megabytes(size),
                                                    limit=megabytes(limits.file_bytes)),
                                limit="file_bytes", path=str(path))
        with path.open("rb") as head:
            start = head.read(8)
        if start == CFB_SIGNATURE:
            raise LimitExceeded(_protected_or_old(path), limit="format", path=str(path))
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise LimitExceeded(NOT_A_SPREADSHEET.format(name=path.name), limit="format",
                                path=str(path)) from exc
        infos = self.zip.infolist()
        if len(infos) > limits.members:
            raise LimitExceeded(TOO_MANY_PARTS.format(name=path.name, count=len(infos),
                                                      limit=limits.members),
                                limit="members", path=str(path))
        self.infos = {info.filename: info for info in infos}
        for info in infos:
            self._check(info)

    def _check(self, info: zipfile.ZipInfo) -> None:
        limits = self.limits
        if info.file_size > limits.member_bytes:
            raise LimitExceeded(PART_TOO_BIG.format(
                name=self.path.name, part=info.filename, size=megabytes(info.file_size),
                limit=megabytes(limits.member_bytes)), limit="member_bytes", path=str(self.path))
        if info.file_size > limits.ratio_from_bytes and \
                info.file_size > limits.ratio * max(info.compress_size, 1):
            raise LimitExceeded(PART_TOO_COMPRESSED.format(
                name=self.path.name, part=info.filename, size=megabytes(info.file_size),
                packed=megabytes(info.compress_size),
                ratio=info.file_size // max(info.compress_size, 1), limit=limits.ratio),
                limit="ratio", path=str(self.path))

    def has(self, name: str) -> bool:
        """Whether the container holds the part `name`."""
        return name in self.infos

    def size(self, name: str) -> int:
        """The uncompressed size of part `name` (as declared, and enforced by zipfile)."""
        return self.infos[name].file_size

    def chunks(self, name: str) -> Iterator[bytes]:
        """Part `name`, in chunks, counted against the total bound."""
        stream: IO[bytes]
        try:
            with self.zip.open(self.infos[name]) as stream:
                while chunk := stream.read(CHUNK):
                    self.read_total += len(chunk)
                    if self.read_total > self.limits.total_bytes:
                        raise LimitExceeded(TOTAL_TOO_BIG.format(
                            name=self.path.name, limit=megabytes(self.limits.total_bytes)),
                            limit="total_bytes", path=str(self.path))
                    yield chunk
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
            if "encrypt" in str(exc).lower():
                raise LimitExceeded(PASSWORD_PROTECTED.format(name=self.path.name),
                                    limit="format", path=str(self.path)) from exc
            raise LimitExceeded(NOT_A_SPREADSHEET.format(name=self.path.name), limit="format",
                                path=str(self.path)) from exc

    def read_small(self, name: str, limit: int) -> bytes:
        """Part `name` whole, refused beyond `limit` bytes (for the few small parts that
        describe a workbook)."""
        if self.size(name) > limit:
            raise LimitExceeded(PART_TOO_BIG.format(
                name=self.path.name, part=name, size=megabytes(self.size(name)),
                limit=megabytes(limit)), limit="member_bytes", path=str(self.path))
        return b"".join(self.chunks(name))

    def close(self) -> None:
        """Close the file."""
        self.zip.close()


def _protected_or_old(path: Path) -> str:
    """An OLE file is an encrypted OOXML workbook when it holds the stream EncryptedPackage
    (its directory names are UTF-16), else an old binary .xls/.xlt."""
    marker = "EncryptedPackage".encode("utf-16-le")
    overlap = b""
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            if marker in overlap + block:
                return PASSWORD_PROTECTED.format(name=path.name)
            overlap = block[-len(marker):]
    return OLD_OR_PROTECTED.format(name=path.name)
