"""Is a database file on a network share? SQLite's WAL needs shared memory, which network
file systems do not give; two PCs writing one file over SMB can corrupt it."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "ncpfs", "davfs", "fuse.sshfs",
    "fuse.davfs2", "fuse.rclone", "ceph", "glusterfs", "fuse.glusterfs",
})


def is_unc_path(path: str) -> bool:
    r"""A Windows UNC path (\\server\share\…), including the \\?\UNC\ long form."""
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith("\\\\?\\") and not text.startswith(
        "\\\\.\\")


def filesystem_type(path: Path, mounts_text: str) -> str:
    """The file-system type of `path` according to a /proc/mounts text (longest mount prefix)."""
    best, best_type = "", ""
    target = path.as_posix()
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes

    drive = PureWindowsPath(path).drive
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)


def is_network_path(path: Path) -> bool:
    """True when `path` lies on a network share (UNC, mapped drive, NFS/SMB mount)."""
    if is_unc_path(str(path)):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    mounts = Path("/proc/mounts")
    if mounts.exists():
        try:
            fs_type = filesystem_type(Path(os.path.realpath(path)), mounts.read_text())
        except OSError:
            return False
        return fs_type in NETWORK_FILESYSTEMS
    return False
