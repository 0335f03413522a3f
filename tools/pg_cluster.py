"""A throwaway PostgreSQL server for tests and benchmarks: its own cluster in a temporary folder,
listening on 127.0.0.1 only, no fsync; the superuser `postgres` by trust, every other login
by its password (SCRAM). Standard library only, so `dev.py`
can use it before the virtual environment exists.

    with pg_cluster.running() as url:      # None when no PostgreSQL server is installed
        ...                                # url = postgresql+psycopg://postgres@127.0.0.1:PORT/postgres

PostgreSQL refuses to run as root; as root the cluster belongs to the `postgres` account that
Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_bin() -> Path | None:
    """The folder of `initdb`, `pg_ctl` and `postgres`, newest version first; None if absent.
    `PUBDESK_PG_BIN` names another (e.g. PostgreSQL 16 from the `pgserver` wheel)."""
    chosen = os.environ.get("PUBDESK_PG_BIN")
    if chosen:
        return Path(chosen) if (Path(chosen) / "postgres").exists() else None
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "postgres").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb:
        return Path(os.path.realpath(initdb)).parent
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    if os.name != "nt" and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def running() -> Iterator[str | None]:
    """Start a cluster, yield its URL, stop and delete it. Yields None if PostgreSQL is absent."""
    binaries = server_bin()
    if binaries is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="pubdesk-pg-"))
    if os.name != "nt" and os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        if subprocess.run(_as_owner(["test", "-x", str(binaries / "postgres")]),
                          check=False).returncode != 0:
            binaries = _reachable_copy(binaries, folder)
    data, port = folder / "data", _free_port()
    try:
        subprocess.run(_as_owner([str(binaries / "initdb"), "-D", str(data), "-A", "trust",
                                  "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        # The superuser by trust (the tests' own administration); every other login by its
        # password, as on an office server — the security tests rely on it.
        (data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n")
        options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        subprocess.run(_as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                                  "-l", str(folder / "server.log"), "-w", "start"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        _wait_ready(port)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                  "stop"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _reachable_copy(binaries: Path, folder: Path) -> Path:
    """Binaries the postgres account cannot reach (a wheel inside a checkout under /root),
    copied beside the cluster with the wheel's bundled libraries (`<package>.libs`, which
    they find by a relative path)."""
    package = binaries.parents[1]
    site = package.parent
    copy = folder / "install"
    for part in site.glob(f"{package.name}*"):
        if part.is_dir():
            shutil.copytree(part, copy / part.name, symlinks=True)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(path.stat().st_mode | (0o555 if path.is_dir() else 0o444))
    return copy / binaries.relative_to(site)


def _wait_ready(port: int, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not start on port {port} within {timeout_s:.0f} s")


def pgserver_bin() -> Path | None:
    """PostgreSQL 16's binaries from the `pgserver` wheel (a dev dependency on Linux), found
    without importing it; None when it is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return folder if (folder / "postgres").exists() else None


if __name__ == "__main__":
    # `python tools/pg_cluster.py --pgserver-bin`: where PostgreSQL 16 is, for .ci/run.
    import sys

    found = pgserver_bin() if sys.argv[1:] == ["--pgserver-bin"] else None
    if found is None:
        sys.exit(1)
    print(found)
