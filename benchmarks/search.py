"""Benchmark: the publications search (type-ahead and Ctrl+K) over N publications, against a
plain `LIKE '%…%'` scan of the titles in the same run.

    python benchmarks/search.py [--records 100000] [--queries 200]

N publications with realistic Chinese titles (10–30 characters), two people each and GPNs are
inserted in bulk into a SQLite workspace (the search index is kept by triggers, as in use).
The queries are one- to four-character substrings taken from the titles and names at random
(seeded). For each query three timings: the baseline (`SELECT id FROM publications WHERE title
LIKE ?`), PubDesk's type-ahead through the full-text index (`search_publications`, 50 hits:
title, subtitle, series, people, GPN, ISBN), and the same without the index (the scan it
replaces). Target (issue 13): p95 ≤ 50 ms for the type-ahead at 100,000 publications.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (
    "臺灣", "產業", "發展", "年報", "中小企業", "白皮書", "經濟", "統計", "季刊", "能源", "政策", "研究", "報告",
    "國際", "貿易", "投資", "標準", "檢驗", "智慧", "財產", "專利", "商標", "水利", "工程", "地質", "調查", "加工",
    "出口", "區", "數位", "轉型", "淨零", "排放", "創新", "創業", "輔導", "計畫", "成果", "彙編", "手冊", "指南",
)
NAMES = "王陳林張李黃吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高"
GIVEN = "志明美華玲雅婷怡君淑芬家豪俊傑宗翰文雄麗娟建宏"


def title(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2026)}" + "".join(rng.choice(WORDS)
                                                  for _ in range(rng.randint(3, 8)))


def person(rng: random.Random) -> str:
    return rng.choice(NAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    rng = random.Random(13)
    db, titles, names, loaded = populate(args.records, rng)
    queries = []
    for _ in range(args.queries):
        source = rng.choice(titles) if rng.random() < 0.8 else rng.choice(names)
        length = rng.randint(1, min(4, len(source)))
        at = rng.randrange(len(source) - length + 1)
        queries.append(source[at:at + length])
    baseline, indexed, scanned = measure(db, queries)
    db.dispose()
    report(args.records, len(names), loaded, queries, baseline, indexed, scanned)
    return 0


def populate(records: int, rng: random.Random) -> tuple[Any, list[str], list[str], float]:
    """A SQLite workspace with `records` publications and two people each, in bulk."""
    from sqlalchemy import insert, select

    from app.db import open_database
    from app.models import (
        Contributor,
        ContributorRole,
        Publication,
        PublicationForm,
        PublicationType,
    )
    from app.paths import resolve_locations
    from app.services.units import UnitData, save_unit

    folder = Path(tempfile.mkdtemp(prefix="pubdesk-search-"))
    db = open_database(resolve_locations(folder, environ={}))
    with db.session() as session:
        unit = save_unit(session, UnitData(full_name="經濟部產業發展署"))
    now = datetime.now(UTC)
    titles = [title(rng) for _ in range(records)]
    started = time.perf_counter()
    with db.session() as session:
        for start in range(0, records, 10_000):
            session.execute(insert(Publication), [
                {"unit_id": unit, "title": titles[i], "pub_type": PublicationType.BOOK,
                 "form": PublicationForm.PRINT, "edition": 1, "printing": 1,
                 "gpn": f"10{i:08d}", "created_at": now, "updated_at": now, "row_version": 1}
                for i in range(start, min(records, start + 10_000))])
        ids = list(session.scalars(select(Publication.id).order_by(Publication.id)))
        people = [(pid, person(rng), position) for pid in ids for position in (0, 1)]
        for start in range(0, len(people), 20_000):
            session.execute(insert(Contributor), [
                {"publication_id": pid, "name": name, "role": ContributorRole.AUTHOR,
                 "position": position} for pid, name, position in people[start:start + 20_000]])
    return db, titles, [name for _pid, name, _p in people], time.perf_counter() - started


def measure(db: Any, queries: list[str]) -> tuple[list[float], list[float], list[float]]:
    """Per query: the title scan, the type-ahead with the index, the type-ahead without."""
    from sqlalchemy import text

    from app.services import publications

    baseline: list[float] = []
    indexed: list[float] = []
    scanned: list[float] = []
    with db.session() as session:
        connection = session.connection()
        assert publications._indexed(session), "the search index is missing"
        for query in queries:
            t0 = time.perf_counter()
            connection.execute(text("SELECT id FROM publications WHERE title LIKE :p"),
                               {"p": f"%{query}%"}).all()
            t1 = time.perf_counter()
            fast = publications.search_publications(session, query, limit=50)
            t2 = time.perf_counter()
            publications._INDEXED[session.get_bind()] = False
            slow = publications.search_publications(session, query, limit=50)
            publications._INDEXED[session.get_bind()] = True
            t3 = time.perf_counter()
            assert [r.id for r in fast] == [r.id for r in slow], query
            baseline.append(t1 - t0)
            indexed.append(t2 - t1)
            scanned.append(t3 - t2)
    return baseline, indexed, scanned


def report(records: int, people: int, loaded: float, queries: list[str], baseline: list[float],
           indexed: list[float], scanned: list[float]) -> None:
    """The results table for the README."""

    def row(name: str, values: list[float]) -> str:
        return (f"| {name} | {statistics.median(values) * 1000:.1f} | "
                f"{percentile(values, 0.95) * 1000:.1f} | "
                f"{percentile(values, 0.95) / percentile(baseline, 0.95):.2f} |")

    print(f"{records:,} publications, {people:,} people (loaded in {loaded:.0f} s); "
          f"{len(queries)} queries of 1–4 characters")
    print("| search | median ms | p95 ms | p95 ratio to baseline |")
    print("|---|---|---|---|")
    print(row("baseline: `title LIKE '%…%'` scan", baseline))
    print(row("**type-ahead, full-text index** (50 hits)", indexed))
    print(row("type-ahead without the index (the scan it replaces)", scanned))
    for length in (1, 2, 3, 4):
        chosen = [i for i, q in enumerate(queries) if len(q) == length]
        if chosen:
            fast = [indexed[i] for i in chosen]
            slow = [scanned[i] for i in chosen]
            base = [baseline[i] for i in chosen]
            print(f"  {length} character(s): {len(chosen)} queries; p95 ms — baseline "
                  f"{percentile(base, 0.95) * 1000:.1f}, indexed {percentile(fast, 0.95) * 1000:.1f}"
                  f", without the index {percentile(slow, 0.95) * 1000:.1f}")


if __name__ == "__main__":
    sys.exit(main())
