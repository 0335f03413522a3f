"""Fetch the 全字庫 fonts for characters beyond the BMP into resources/fonts/.

    python tools/fetch_fonts.py            (dev.py setup and installer/build.py call it)

TW-Kai (committed, 52 MB) covers the BMP only. Personal names often need CJK Extension B
(𠀋, 𡘙 …): TW-Kai-Ext-B covers it, and TW-Kai-Plus maps the CNS 11643 characters outside
Unicode into the Private Use Area (an agency's 造字). Together they are 98 MB — too big for the
repository — so they are taken from Debian's `fonts-cns11643-kai` (the same release as the
committed TW-Kai, same licence), checked against a pinned SHA-256, and unpacked with Python
alone (a .deb is an `ar` archive holding a tar), so this also runs on Windows. Without network
the fonts are simply missing: PDFs then name the character they cannot draw.
"""

from __future__ import annotations

import hashlib
import io
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "resources" / "fonts"
PACKAGE_URL = ("http://deb.debian.org/debian/pool/main/f/fonts-cns11643/"
               "fonts-cns11643-kai_103.1%2b20181001-1_all.deb")
PACKAGE_SHA256 = "c8c92e76357c0980b50d80d83674a5109a11624df83b9994c9118ad3aec31ece"
WANTED = ("TW-Kai-Ext-B-98_1.ttf", "TW-Kai-Plus-98_1.ttf")


def missing(folder: Path = FONTS) -> list[str]:
    """The wanted font files not yet in `folder`."""
    return [name for name in WANTED if not (folder / name).exists()]


def _ar_members(data: bytes) -> dict[str, bytes]:
    """The members of an `ar` archive (the outer format of a .deb)."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    members: dict[str, bytes] = {}
    offset = 8
    while offset + 60 <= len(data):
        header = data[offset:offset + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        members[name] = data[offset + 60:offset + 60 + size]
        offset += 60 + size + (size % 2)
    return members


def unpack(package: bytes, folder: Path) -> list[Path]:
    """Write the wanted fonts of the Debian package into `folder`."""
    members = _ar_members(package)
    data_name = next(name for name in members if name.startswith("data.tar"))
    written = []
    with tarfile.open(fileobj=io.BytesIO(members[data_name])) as tar:
        for member in tar.getmembers():
            name = Path(member.name).name
            if name in WANTED and member.isfile():
                source = tar.extractfile(member)
                assert source is not None
                partial = folder / (name + ".part")
                partial.write_bytes(source.read())
                partial.replace(folder / name)
                written.append(folder / name)
    return written


def fetch(folder: Path = FONTS, url: str = PACKAGE_URL) -> list[Path]:
    """Download, check and unpack; returns the files written (none if all were there)."""
    if not missing(folder):
        return []
    cache = Path(tempfile.gettempdir()) / Path(url).name.replace("%2b", "+")
    if cache.exists() and hashlib.sha256(cache.read_bytes()).hexdigest() == PACKAGE_SHA256:
        package = cache.read_bytes()
    else:
        with urllib.request.urlopen(url, timeout=120) as response:  # a pinned URL, checked below
            package = response.read()
        digest = hashlib.sha256(package).hexdigest()
        if digest != PACKAGE_SHA256:
            raise ValueError(f"{url}: SHA-256 {digest}, expected {PACKAGE_SHA256}")
        cache.write_bytes(package)
    return unpack(package, folder)


def main() -> int:
    try:
        written = fetch()
    except (OSError, ValueError) as exc:
        print(f"The 全字庫 Ext-B/Plus fonts could not be fetched ({exc}); rare characters "
              "(e.g. 𠀋) will not print until they are. Run python tools/fetch_fonts.py again "
              "when the network is back.", file=sys.stderr)
        return 1
    for path in written:
        print(f"Fetched {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
