"""A stand-in for ClamAV's clamscan in tests that are not about virus scanning: it answers as
clamscan does (one `path: OK` or `path: Name FOUND` line per file; exit 0, or 1 when it found
something), finding only the EICAR test string. Tests run with it so that their verdicts do
not depend on which scanner this PC has; tests/app/test_virus_scan.py uses the real ClamAV."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def main(argv: list[str]) -> int:
    if "--version" in argv:
        print("ClamAV 0.0-tests/1/Tue Dec  8 00:00:00 2026")
        return 0
    found = 0
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        if arg in ("--database", "-d"):
            skip_next = True
            continue
        if arg.startswith("-"):
            continue
        try:
            data = Path(arg).read_bytes()
        except OSError:
            print(f"{arg}: Can't open file or directory ERROR")
            continue
        if EICAR in data:
            print(f"{arg}: Eicar-Test-Signature FOUND")
            found = 1
        else:
            print(f"{arg}: OK")
    return found


def install(folder: Path) -> Path:
    """Write an executable `clamscan` into `folder` that runs this module; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "clamscan"
    program.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(Path(__file__).parent.parent)!r})\n"
                       "from tests.fake_scanner import main\nsys.exit(main(sys.argv[1:]))\n",
                       encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return program


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
