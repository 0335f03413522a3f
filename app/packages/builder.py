"""Building a package atomically: everything goes into a hidden folder beside the target
(same volume), each file hashed while it is copied, then the folder (or a ZIP of it) is renamed
into place. Cancel, a failure or a full disk leave nothing at the target."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from app import __version__
from app.errors import PubDeskError
from app.os_errors import sentence
from app.packages.names import safe_relative

CHUNK = 8 * 1024 * 1024


class PackageCancelled(Exception):
    """The officer cancelled the export."""


@dataclass
class ManifestFile:
    """One file of the package."""

    path: str
    what: str
    record: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """manifest.json: what is in the package and why it may be trusted."""

    kind: str
    app_version: str = __version__
    created_at: str = field(default_factory=lambda: datetime.now().astimezone().isoformat())
    files: list[ManifestFile] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    overrides: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> str:
        """The JSON text."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def _disk_error(exc: OSError, where: str, path: Path, source: Path | None = None) -> PubDeskError:
    """A failure while building the package at `path`, said by its meaning (app.os_errors):
    about the `source` file being copied in when reading it failed, else about the package."""
    if exc.errno == errno.ENOSPC:
        return PubDeskError(f"磁碟空間不足，無法完成送交包（{where}）。已寫入的部分已清除，請清出空間後再試。")
    reading = source is not None and exc.filename is not None and Path(exc.filename) == source
    if isinstance(exc, FileNotFoundError) and reading:
        return PubDeskError(f"檔案在匯出過程中消失了：{exc.filename}。請確認檔案位置後再試；送交包未建立。",
                            path=str(exc.filename))
    about = source if reading and source is not None else path
    return PubDeskError(f"{sentence(exc, about)}送交包未建立。", path=str(about))


ALREADY_COMPRESSED = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip",
                                ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub",
                                ".gz", ".7z", ".mp3", ".mp4", ".m4a", ".flac"})
"""What deflate does not shrink: print PDFs are compressed streams already, office files are
ZIPs. Deflating them cost 4.7× the time of a folder copy and made a 2 GB package 0.6 MB
larger (issue 26); they are stored as they are, the rest (manifest, index, text) deflated.
Each file goes straight from its source into the archive (one read, one write, hashed on the
way): copying into a folder first and then into the archive made a ZIP 1.3× a folder."""


def zip_method(file: Path) -> int:
    """The ZIP method for one file of a package."""
    return zipfile.ZIP_STORED if file.suffix.lower() in ALREADY_COMPRESSED else \
        zipfile.ZIP_DEFLATED


class PackageBuilder:
    """Use as a context manager; `commit()` moves the finished package into place."""

    def __init__(self, target: Path, kind: str, as_zip: bool = False,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, total_bytes: int = 0):
        self.target = target.with_suffix(".zip") if as_zip and target.suffix != ".zip" else target
        self.as_zip = as_zip
        self.manifest = Manifest(kind)
        self.progress = progress
        self.cancelled = cancelled
        self.total_bytes = total_bytes
        self.done_bytes = 0
        if self.target.exists():
            raise PubDeskError(f"「{self.target}」已經存在；請選擇新的名稱或先移走舊的送交包。")
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            # What a crash (power cut, killed process) left behind for this same target.
            for stale in self.target.parent.glob(f".{self.target.name}.*.partial"):
                shutil.rmtree(stale, ignore_errors=True)
            self.work = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".partial",
                                              dir=self.target.parent))
        except OSError as exc:
            raise _disk_error(exc, "建立暫存資料夾", self.target.parent) from exc
        self.root = self.work / "package"
        self.root.mkdir()
        self._taken: set[str] = set()
        self._archive: zipfile.ZipFile | None = None
        """A ZIP package is written straight into its archive as files are added (each byte
        written once); a folder package into `root`."""
        if as_zip:
            try:
                self._archive = zipfile.ZipFile(self.work / "package.zip", "w",
                                                zipfile.ZIP_DEFLATED)
            except OSError as exc:
                shutil.rmtree(self.work, ignore_errors=True)
                raise _disk_error(exc, "建立暫存資料夾", self.target.parent) from exc

    def __enter__(self) -> PackageBuilder:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._archive is not None:
            with contextlib.suppress(Exception):  # a half-written entry: discarded anyway
                self._archive.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def _check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise PackageCancelled

    def _tick(self, text: str) -> None:
        if self.progress is not None:
            total = max(self.total_bytes, self.done_bytes, 1)
            self.progress(self.done_bytes // 1024, total // 1024, text)

    def add_file(self, source: Path, relative: str, what: str, record: str = "") -> str:
        """Copy a file in, hashing the same buffers as they are written (one read)."""
        self._check_cancel()
        name = self._unique(safe_relative(relative))
        digest = hashlib.sha256()
        size = 0
        try:
            with source.open("rb") as reader, self._writer(name, source) as writer:
                while chunk := reader.read(CHUNK):
                    self._check_cancel()
                    writer.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    self.done_bytes += len(chunk)
                    self._tick(name)
        except OSError as exc:
            raise _disk_error(exc, name, self.target, source) from exc
        self.manifest.files.append(ManifestFile(name, what, record, size, digest.hexdigest()))
        return name

    def add_bytes(self, data: bytes, relative: str, what: str, record: str = "") -> str:
        """Add generated content."""
        self._check_cancel()
        name = self._unique(safe_relative(relative))
        try:
            with self._writer(name) as writer:
                writer.write(data)
        except OSError as exc:
            raise _disk_error(exc, name, self.target) from exc
        self.manifest.files.append(ManifestFile(name, what, record, len(data),
                                                hashlib.sha256(data).hexdigest()))
        return name

    def _writer(self, name: str, source: Path | None = None) -> IO[bytes]:
        """Where the file `name` of the package is written: an entry of the archive (stored
        or deflated by `zip_method`, ZIP64 whatever its size; a non-ASCII name is stored as
        UTF-8 with the language flag set), or a file in `root`."""
        if self._archive is None:
            target = self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            return target.open("wb")
        stamp = time.localtime(source.stat().st_mtime if source is not None else time.time())
        # ZIP dates run from 1980 to 2107: a file dated outside them gets the nearest
        when = (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min,
                stamp.tm_sec)
        date_time = min(max(when, (1980, 1, 1, 0, 0, 0)), (2107, 12, 31, 23, 59, 58))
        info = zipfile.ZipInfo(name, date_time=date_time)
        info.compress_type = zip_method(Path(name))
        info.external_attr = 0o644 << 16
        return self._archive.open(info, "w", force_zip64=True)

    def packed(self, name: str) -> Path | None:
        """The package's own copy of file `name` while it is built (None in a ZIP)."""
        path = self.root / name
        return path if self._archive is None and path.is_file() else None

    def _unique(self, name: str) -> str:
        """`name`, or `name_2`, `name_3` … when a file of the package already has it. Windows
        and ZIP readers compare names without case, and two sources can make one safe name
        (「a:b」 and 「a?b」), so a later file must never overwrite an earlier one."""
        stem, dot, suffix = name.rpartition(".")
        if not dot or "/" in suffix:
            stem, dot, suffix = name, "", ""
        candidate, number = name, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = f"{stem}_{number}{dot}{suffix}"
        self._taken.add(candidate.casefold())
        return candidate

    def verify(self) -> None:
        """The package holds exactly the files of its manifest, each of its recorded size; a
        package that does not is never reported as built."""
        on_disk = {i.filename: i.file_size for i in self._archive.infolist()} \
            if self._archive is not None else \
            {p.relative_to(self.root).as_posix(): p.stat().st_size
             for p in self.root.rglob("*") if p.is_file()}
        listed = {f.path: f.size for f in self.manifest.files}
        if on_disk != listed:
            missing = sorted(set(listed) - set(on_disk))
            extra = sorted(set(on_disk) - set(listed))
            changed = sorted(n for n in set(listed) & set(on_disk) if listed[n] != on_disk[n])
            raise PubDeskError("送交包的檔案與清單（manifest）不符，未建立送交包："
                               + "；".join(f"{what}：{'、'.join(names[:5])}" for what, names in
                                          (("缺少", missing), ("多出", extra), ("大小不符", changed))
                                          if names) + "。請回報這個問題。")

    def scratch(self) -> Path:
        """A folder for writers to put generated documents in before `add_file`."""
        folder = self.work / "scratch"
        folder.mkdir(exist_ok=True)
        return folder

    def _index_html(self) -> str:
        from html import escape

        rows = "\n".join(f"<tr><td>{escape(f.path)}</td><td>{escape(f.what)}</td>"
                         f"<td>{escape(f.record)}</td><td>{f.size:,}</td>"
                         f"<td><code>{f.sha256}</code></td></tr>" for f in self.manifest.files)
        overrides = "".join(f"<li>{escape(o['file'])}：{escape(o['check'])} — "
                            f"{escape(o['reason'])}</li>" for o in self.manifest.overrides)
        return ("<!DOCTYPE html><html lang=\"zh-TW\"><meta charset=\"utf-8\">"
                f"<title>送交包目錄</title><h1>送交包目錄（{escape(self.manifest.kind)}）</h1>"
                f"<p>PubDesk {escape(self.manifest.app_version)}，{escape(self.manifest.created_at)}"
                "</p><table border=1 cellpadding=4><tr><th>檔案</th><th>內容</th><th>來源</th>"
                f"<th>位元組</th><th>SHA-256</th></tr>{rows}</table>"
                + (f"<h2>例外核可</h2><ul>{overrides}</ul>" if overrides else "") + "</html>")

    def commit(self) -> Path:
        """Write manifest.json and 目錄.html, then move the package into place."""
        self._check_cancel()
        self.verify()
        try:
            if self._archive is not None:
                for name, text in (("manifest.json", self.manifest.to_json()),
                                   ("目錄.html", self._index_html())):
                    with self._writer(name) as writer:
                        writer.write(text.encode("utf-8"))
                self._archive.close()
                self._archive = None
                os.replace(self.work / "package.zip", self.target)
            else:
                (self.root / "manifest.json").write_text(self.manifest.to_json(),
                                                         encoding="utf-8")
                (self.root / "目錄.html").write_text(self._index_html(), encoding="utf-8")
                os.replace(self.root, self.target)
        except OSError as exc:
            raise _disk_error(exc, "完成送交包", self.target) from exc
        return self.target
