"""Does the PDF check's Windows memory bound (app.pdfcheck.winjob) work on this Windows?

    python installer/winjob_probe.py [--expect-limit]

Prints one JSON line: the child was put in the job (`assigned`), a child that allocates 200 MB
under a 40 MB bound was ended (`limit_enforced`), closing the job ended a sleeping child
(`killed_with_job`). Wine 8 assigns and kills with the job but does not enforce the memory
limit, so the wine smoke test asks for the first and the last; the real-Windows workflow adds
--expect-limit. Run with a Windows Python and the checkout on sys.path."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.pdfcheck import winjob

GREEDY = ("import time; time.sleep(1); block = bytearray(200 * 1024 * 1024); "
          "print('allocated', flush=True)")


def main() -> int:
    import ctypes

    greedy = subprocess.Popen([sys.executable, "-c", GREEDY], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    job = winjob.bound_memory(greedy, 40)
    inside = ctypes.c_int(0)
    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
    kernel32.IsProcessInJob(ctypes.c_void_p(int(greedy._handle)),  # type: ignore[attr-defined]
                            ctypes.c_void_p(job.handle), ctypes.byref(inside))
    out, _ = greedy.communicate(timeout=60)
    job.close()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    winjob.bound_memory(sleeper, 512).close()
    time.sleep(3)
    ended = sleeper.poll() is not None
    if not ended:
        sleeper.kill()
    result = {"assigned": inside.value == 1,
              "limit_enforced": b"allocated" not in out,
              "killed_with_job": ended}
    print(json.dumps(result))
    wanted = ["assigned", "killed_with_job"] + (["limit_enforced"] if "--expect-limit" in
                                                sys.argv else [])
    return 0 if all(result[name] for name in wanted) else 1


if __name__ == "__main__":
    sys.exit(main())
