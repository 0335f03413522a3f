"""第13點: e-files are backed up before they are sent. Each package's e-files are kept in the
data folder under `package-backups/`, once per content (named by SHA-256, so building the
same files again costs nothing), with a copy of the package's manifest; the build itself is
recorded (`PackageBuild`) and shows on each publication's 異動紀錄.

The copy is made from the package's own files (a folder package) or from the sources (a ZIP,
written straight into its archive), before the package is moved into place, and it is checked
against the SHA-256 the package recorded: a copy that differs — a source rewritten meanwhile, a
failing disk — or a disk that is full refuses the package: nothing leaves without its backup."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import PubDeskError
from app.models import PackageBuild, PackagePublication
from app.models.datapath import current_data_folder
from app.os_errors import sentence
from app.packages.builder import PackageBuilder, PackageCancelled

FOLDER = "package-backups"
EFILES = "efiles"
CHUNK = 1024 * 1024


def backup_root(data_folder: Path | None = None) -> Path | None:
    """Where packages are kept: in the open database's data folder."""
    folder = data_folder or current_data_folder()
    return folder / FOLDER if folder is not None else None


def kept_name(sha256: str, source: Path) -> str:
    """The name of a kept e-file: its content's hash (and its own suffix)."""
    return f"{sha256}{source.suffix.lower()}"


def keep_files(builder: PackageBuilder, sources: dict[str, Path], root: Path,
               cancelled: Callable[[], bool] | None = None) -> Path:
    """Copy the package's e-files (`sources`: package name → source file) into `root` and
    write the manifest beside them; return the build's backup folder. Raises PubDeskError."""
    store = root / EFILES
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = root / f"{stamp}-{builder.manifest.kind}"
    index = 1
    while folder.exists():
        index += 1
        folder = root / f"{stamp}-{builder.manifest.kind}-{index}"
    digests = {f.path: f.sha256 for f in builder.manifest.files}
    kept = []
    try:
        store.mkdir(parents=True, exist_ok=True)
        for name, source in sources.items():
            if cancelled is not None and cancelled():
                raise PackageCancelled
            digest = digests[name]
            target = store / kept_name(digest, source)
            if not target.exists():  # the package's own copy where there is one (a folder)
                _copy_checked(builder.packed(name) or source, target, digest, source)
            kept.append({"file": name, "sha256": digest, "kept": f"{EFILES}/{target.name}"})
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text(builder.manifest.to_json(), encoding="utf-8")
        (folder / "kept-efiles.json").write_text(
            json.dumps(kept, ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        raise PubDeskError(f"電子檔送出前的備份失敗（第13點），未建立送交包：{sentence(exc, root)}"
                           f"備份位置：{root}", path=str(root)) from exc
    return folder


def _copy_checked(source: Path, target: Path, digest: str, original: Path) -> None:
    """Copy while hashing; the copy takes its name only when its hash is the package's."""
    partial = target.with_name(f".{target.name}.partial")
    hasher = hashlib.sha256()
    try:
        with source.open("rb") as reading, partial.open("wb") as writing:
            while chunk := reading.read(CHUNK):
                hasher.update(chunk)
                writing.write(chunk)
            writing.flush()
            os.fsync(writing.fileno())
        if hasher.hexdigest() != digest:
            raise PubDeskError(f"「{original.name}」的備份與送交包裡的內容不同（檔案在建立送交包時被其他程式改寫，"
                               "或磁碟有問題），未建立送交包。請確認沒有程式正在寫入這個檔案、檢查磁碟後再試。",
                               path=str(target))
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def record_build(session: Session, builder: PackageBuilder, target: Path,
                 publication_ids: list[int], backup_folder: Path | None) -> PackageBuild:
    """The build as a record (audited), linked to its publications."""
    manifest = builder.manifest
    engines = sorted({f"{c['virus_scan'].get('engine', '')} {c['virus_scan'].get('signatures', '')}"
                      .strip() for c in manifest.checks if c.get("virus_scan", {}).get("engine")})
    build = PackageBuild(
        kind=manifest.kind, built_at=datetime.now().astimezone(), target=str(target),
        as_zip=builder.as_zip, file_count=len(manifest.files),
        total_bytes=sum(f.size for f in manifest.files),
        manifest_sha256=hashlib.sha256(manifest.to_json().encode("utf-8")).hexdigest(),
        virus_scan="；".join(engines),
        overrides=json.dumps(manifest.overrides, ensure_ascii=False) if manifest.overrides
        else "",
        backup_folder=str(backup_folder) if backup_folder is not None else "",
        publications=[PackagePublication(publication_id=pid)
                      for pid in dict.fromkeys(publication_ids)])
    session.add(build)
    session.flush()
    return build
