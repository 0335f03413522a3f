"""Benchmark: the 待辦 agenda over N publications with their deposit lines, shipments and
settlements, against a plain read of every publication row in the same run.

    python benchmarks/agenda.py [--records 100000] [--repeats 5] [--imported]

The workspace is what an agency has after years of use, inserted in bulk into SQLite: 80 % of
the publications published (each with seven deposit lines, almost all sent and acknowledged),
10 % numbered, 10 % in planning; books with GPN and ISBN, serials with ISSN; a few e-files,
applications and online links; one store supplied twice a year with its settlements. Timed:
the baseline (`SELECT * FROM publications`, every row fetched) and `agenda(session, today)`,
median of `--repeats` runs each, alternating. Target (issue 13): ≤ 1 s at 100,000.

`--imported` is the other shape offices have (issue 26): years of history imported from
Excel with nothing done for most of it — no deposit lines, no consent letters — so the backlog
is real (about 1.7 items a record, against 0.08 in the default shape).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search import title  # noqa: E402  (the same realistic titles)

TODAY = date(2026, 11, 30)


def populate(records: int, rng: random.Random,
             imported: bool = False) -> tuple[Any, float, dict[str, int]]:
    """The workspace (see the module's note), in bulk."""
    from sqlalchemy import insert, select

    from app.db import open_database
    from app.models import (
        ApplicationKind,
        ApplicationStatus,
        DepositLibrary,
        DepositLine,
        EFile,
        EFileRole,
        FreightPayer,
        NumberApplication,
        Publication,
        PublicationForm,
        PublicationStatus,
        PublicationType,
        SalesStore,
        Settlement,
        Shipment,
        ShipmentKind,
    )
    from app.paths import resolve_locations
    from app.services.units import UnitData, save_unit

    folder = Path(tempfile.mkdtemp(prefix="pubdesk-agenda-"))
    db = open_database(resolve_locations(folder, environ={}))
    now = datetime.now(UTC)
    started = time.perf_counter()
    counts: dict[str, int] = {}
    with db.session() as session:
        unit = save_unit(session, UnitData(full_name="經濟部產業發展署"))
        libraries = list(session.scalars(select(DepositLibrary.id).order_by(DepositLibrary.id)))[:7]
        store = session.scalars(select(SalesStore).order_by(SalesStore.id)).first()
        assert store is not None
        store.commission_percent = Decimal("35")
        rows = []
        for i in range(records):
            share = rng.random()
            status = (PublicationStatus.PLANNING if share < 0.1 else PublicationStatus.NUMBERED
                      if share < 0.2 else rng.choice([PublicationStatus.PRINTED,
                                                       PublicationStatus.DEPOSITED,
                                                       PublicationStatus.ON_SALE,
                                                       PublicationStatus.CONSENT_SENT]))
            serial = rng.random() < 0.1
            # numbered but not yet published: planned for the coming months (a few late)
            year = (rng.choice([2027, 2027, 2027, 2026]) if status is PublicationStatus.NUMBERED
                    else rng.randint(2005, 2026))
            rows.append({
                "unit_id": unit, "title": title(rng), "edition": 1, "printing": 1,
                "pub_type": PublicationType.SERIAL if serial else PublicationType.BOOK,
                "form": PublicationForm.PRINT, "status": status,
                "gpn": None if status is PublicationStatus.PLANNING else f"10{i:08d}",
                "isbn": None if serial or status is PublicationStatus.PLANNING
                or rng.random() < 0.002 else f"978986{i:07d}",
                "issn": f"{i // 1000:04d}-{i % 1000:03d}X" if serial else None,
                "published_year": year, "published_month": rng.randint(1, 12),
                # most published books had their consent letter long ago
                "consent_sent_on": date(year, 12, 1) if status is not
                PublicationStatus.PLANNING and rng.random() < 0.97 and not imported else None,
                "online_url": "https://example.gov.tw/p" if rng.random() < 0.01 else "",
                "online_registered": rng.random() < 0.5,
                "created_at": now, "updated_at": now, "row_version": 1})
        for start in range(0, records, 10_000):
            session.execute(insert(Publication), rows[start:start + 10_000])
        published = list(session.scalars(select(Publication.id).where(Publication.status.in_(
            [PublicationStatus.PRINTED, PublicationStatus.DEPOSITED, PublicationStatus.ON_SALE,
             PublicationStatus.CONSENT_SENT]))))
        lines = []
        for pid in [] if imported else published:
            sent = TODAY - timedelta(days=rng.randint(40, 4000))
            for library in libraries:
                lines.append({"publication_id": pid, "library_id": library, "copies": 1,
                              "sent_on": None if rng.random() < 0.001 else sent,
                              "acknowledged_on": None if rng.random() < 0.002
                              else sent + timedelta(days=10), "reference": "",
                              "reason": "", "include_efiles": False, "carrier": ""})
        for start in range(0, len(lines), 50_000):
            session.execute(insert(DepositLine), lines[start:start + 50_000])
        counts["deposit lines"] = len(lines)
        sample = rng.sample(published, min(2000, len(published)))
        session.execute(insert(EFile), [
            {"publication_id": pid, "role": EFileRole.PRINT_BODY, "path": f"/files/{pid}.pdf",
             "check_status": rng.choice(["pass", "pass", "pass", "fail", ""])}
            for pid in sample])
        counts["e-files"] = len(sample)
        numbered = list(session.scalars(select(Publication.id).where(
            Publication.status == PublicationStatus.NUMBERED).limit(500)))
        session.execute(insert(NumberApplication), [
            {"publication_id": pid, "kind": ApplicationKind.ISBN,
             "status": ApplicationStatus.SUBMITTED, "submitted_on": TODAY - timedelta(days=20),
             "registration_no": f"R{pid}"} for pid in numbered])
        on_sale = rng.sample(published, min(400, len(published)))
        shipments, settlements = [], []
        for year in range(2020, 2027):
            for month, day in ((1, 15), (7, 15)):
                for pid in on_sale:
                    shipments.append({"store_id": store.id, "publication_id": pid,
                                      "kind": ShipmentKind.SUPPLY, "quantity": 10,
                                      "freight_payer": FreightPayer.AGENCY,
                                      "shipped_on": date(year, month, day)})
            for period in (date(year, 6, 30), date(year, 12, 31)):
                if period < TODAY - timedelta(days=180):
                    settlements.append({"store_id": store.id, "period_end": period,
                                        "commission_percent": Decimal("35"),
                                        "due_on": period + timedelta(days=61),
                                        "created_at": now})
        session.execute(insert(Shipment), shipments)
        session.execute(insert(Settlement), settlements)
        counts["shipments"] = len(shipments)
        counts["settlements"] = len(settlements)
    return db, time.perf_counter() - started, counts


def measure(db: Any, repeats: int,
            history_years: int = 0) -> tuple[list[float], list[float], int]:
    from sqlalchemy import text

    from app.services.agenda import Thresholds, agenda
    from app.settings import Settings

    limits = Thresholds.of(Settings(agenda_history_years=history_years), TODAY)

    baseline, timed = [], []
    count = 0
    for _ in range(repeats):
        with db.session() as session:
            t0 = time.perf_counter()
            session.connection().execute(text("SELECT * FROM publications")).all()
            t1 = time.perf_counter()
            items = agenda(session, TODAY, limits)
            count = len(items)
            t2 = time.perf_counter()
        baseline.append(t1 - t0)
        timed.append(t2 - t1)
    kinds: dict[str, int] = {}
    for item in items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    print("items by kind:", kinds)
    return baseline, timed, count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--imported", action="store_true",
                        help="imported history: no deposit lines or consent letters")
    parser.add_argument("--history-years", type=int, default=0,
                        help="待辦's history cut-off (Settings): list the last N years only")
    args = parser.parse_args()
    db, loaded, counts = populate(args.records, random.Random(13), args.imported)
    baseline, timed, items = measure(db, args.repeats, args.history_years)
    db.dispose()
    print(f"{args.records:,} publications, " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
          + f" (loaded in {loaded:.0f} s); {items:,} agenda items")
    print("| what | median s | ratio to baseline |")
    print("|---|---|---|")
    base = statistics.median(baseline)
    print(f"| baseline: `SELECT * FROM publications`, every row | {base:.3f} | 1.00 |")
    print(f"| **agenda(today)** | {statistics.median(timed):.3f} | "
          f"{statistics.median(timed) / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
