"""Ten officers on one office server: no lost updates under load.

    .venv/bin/python benchmarks/office_load.py [--officers 10] [--seconds 300] [--books 200]

Starts a throwaway PostgreSQL (tools/pg_cluster.py), runs `db init-server`, then N processes,
each an officer who, again and again, opens a random book, and either changes its page count
or adds a line to its TOC, saving with the version it opened (as the window does). A refusal
("saved by someone else meanwhile") is counted, the book reloaded and the edit redone — as an
officer would after pressing Reload.

At the end, every acknowledged change is looked for: each acknowledged TOC line must be in its
book's TOC, and each book's page count must be the one of its newest acknowledged save. Any
miss is a lost update. Prints the counts and the save latency percentiles (ms).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]


def officer(number: int, url: str, book_ids: list[int], seconds: float, out: str) -> None:
    from app.db import Database
    from app.db.engine import make_engine
    from app.errors import ChangedElsewhereError, DatabaseLockedError
    from app.services.publications import publication_data, update_publication
    from app.services.toc_service import save_toc, toc_for_edit

    db = Database(url, make_engine(url), user=f"officer{number}")
    rng = random.Random(number)
    acks: list[dict[str, object]] = []
    refusals = locked = 0
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    edit = 0
    while time.monotonic() < deadline:
        book = rng.choice(book_ids)
        edit += 1
        while True:  # redo after a refusal, as after pressing Reload
            try:
                if rng.random() < 0.5:
                    with db.session() as s:
                        data, version = publication_data(s, book)
                    data.pages = (data.pages or 0) % 999 + rng.randint(1, 5)  # always a change
                    started = time.perf_counter()
                    with db.session() as s:
                        saved = update_publication(s, book, data, expected_version=version)
                    latencies.append((time.perf_counter() - started) * 1000)
                    acks.append({"book": book, "pages": data.pages, "version": saved.row_version,
                                 "read": version})
                else:
                    with db.session() as s:
                        lines, version = toc_for_edit(s, book)
                    from app.toc import TocLine

                    line = f"o{number}-e{edit}"
                    started = time.perf_counter()
                    with db.session() as s:
                        new_version = save_toc(s, book, [*lines, TocLine(1, line)],
                                               expected_version=version)
                    latencies.append((time.perf_counter() - started) * 1000)
                    acks.append({"book": book, "toc": line, "version": new_version,
                                 "read": version, "lines": len(lines)})
                break
            except ChangedElsewhereError:
                refusals += 1
            except DatabaseLockedError:
                locked += 1
    db.dispose()
    Path(out).write_text(json.dumps({"acks": acks, "refusals": refusals, "locked": locked,
                                     "latencies": latencies}))


def count_lost(db: Any, acks: list[dict[str, Any]], books: list[int]) -> tuple[int, int]:
    """(acknowledged changes missing from the database, versions acknowledged twice)."""
    from sqlalchemy import select

    from app.models import Publication
    from app.services.toc_service import get_toc

    lost = 0
    with db.session() as s:
        pages = dict(s.execute(select(Publication.id, Publication.pages)).all())
        tocs = {b: {line.title for line in get_toc(s, b)} for b in books}
    newest: dict[int, dict[str, object]] = {}
    for ack in acks:
        book = int(ack["book"])  # type: ignore[call-overload]
        if "toc" in ack and ack["toc"] not in tocs[book]:
            lost += 1
            print("lost TOC line", ack, [a for a in acks if a["book"] == book and
                  ack["version"] <= a["version"] <= ack["version"] + 2])
        if "pages" in ack and (book not in newest or
                               int(ack["version"]) > int(newest[book]["version"])):  # type: ignore[call-overload]
            newest[book] = ack
    versions = [(a["book"], a["version"]) for a in acks]
    duplicate_versions = len(versions) - len(set(versions))
    # A TOC save raises the version but keeps the pages it read: the page count must be
    # the one of the newest acknowledged page save.
    for book, ack in newest.items():
        if pages[book] != ack["pages"]:
            lost += 1
            print("lost page count", ack, "stored", pages[book])
    return lost, duplicate_versions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--books", type=int, default=200)
    args = parser.parse_args()
    import pg_cluster

    with pg_cluster.running() as server:
        if server is None:
            print("PostgreSQL is not installed (apt-get install postgresql).")
            return 2
        from app.db import Database
        from app.db.engine import make_engine
        from app.db.office import init_server
        from app.services.units import UnitData, save_unit
        from tests.app.factories import add_book
        from tests.postgres import create_database

        url = create_database(server, "office")
        init_server(url)
        db = Database(url, make_engine(url))
        with db.session() as s:
            unit = save_unit(s, UnitData(full_name="經濟部產業發展署", doc_code="產發"))
        books = [add_book(db, unit, f"書{i}") for i in range(args.books)]
        folder = Path(tempfile.mkdtemp(prefix="pubdesk-load-"))
        workers = [multiprocessing.Process(target=officer, args=(
            n, url, books, args.seconds, str(folder / f"{n}.json")))
            for n in range(args.officers)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        wall = time.monotonic() - started
        results = [json.loads((folder / f"{n}.json").read_text()) for n in range(args.officers)]
        acks = [a for r in results for a in r["acks"]]
        latencies = sorted(x for r in results for x in r["latencies"])
        lost, duplicate_versions = count_lost(db, acks, books)
        db.dispose()
        print(f"officers {args.officers}, {wall:.0f} s, books {args.books}")
        print(f"acknowledged saves {len(acks)}, refused (changed elsewhere) "
              f"{sum(r['refusals'] for r in results)}, locked {sum(r['locked'] for r in results)}")
        print(f"lost updates {lost}, two saves acknowledged with one version {duplicate_versions}")
        print(f"save latency ms: p50 {statistics.median(latencies):.1f}, "
              f"p95 {latencies[int(len(latencies) * 0.95)]:.1f}, max {latencies[-1]:.1f}")
        return 1 if lost or duplicate_versions else 0


if __name__ == "__main__":
    sys.exit(main())
