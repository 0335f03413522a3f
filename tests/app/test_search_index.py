"""The publications search through the SQLite full-text index gives exactly the plain LIKE
scan's results — for one- to four-character Chinese words, numbers, several words — and the
index follows every change (edits, people, deletes, the recycle bin)."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Contributor, ContributorRole, Publication
from app.services.publication_rules import ContributorData
from app.services.publications import (
    PublicationFilter,
    _indexed,
    create_publication,
    delete_publication,
    filtered_query,
    load_publication,
)
from app.services.recycle_bin import list_bin, restore
from tests.app.factories import book

CHARACTERS = "臺灣產業發展年報中小企業白皮書經濟統計季刊能源政策研究王陳林張李明華美玲志"


def both(db: Database, text: str) -> tuple[set[int], set[int]]:
    flt = PublicationFilter(text=text)
    with db.session() as session:
        scan = set(session.scalars(filtered_query(flt, indexed=False)))
        fast = set(session.scalars(filtered_query(flt, indexed=True)))
    return scan, fast


@pytest.fixture
def sqlite_db(db: Database) -> Database:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the full-text index is SQLite's; PostgreSQL uses pg_trgm under LIKE")
    return db


def test_same_results_as_the_scan(sqlite_db: Database, unit_id: int) -> None:
    db, rng = sqlite_db, random.Random(30)
    with db.session() as session:
        assert _indexed(session)
        for n in range(1500):
            title = "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(4, 18)))
            people = [ContributorData("".join(rng.choice(CHARACTERS) for _ in range(3)),
                                      ContributorRole.AUTHOR) for _ in range(rng.randint(0, 3))]
            create_publication(session, book(unit_id, title, gpn=f"10115{n:05d}",
                                             subtitle=rng.choice(["", "附錄", "Annual Report"]),
                                             contributors=people))
    words = ["", "臺", "產業", "發展年", "中小企業", "明陳", "10115", "00042", "annual", "REPORT",
             "100%", "a_b", '"引號"', "臺 年報", "王 產"]
    words += ["".join(rng.choice(CHARACTERS) for _ in range(rng.randint(1, 4)))
              for _ in range(150)]
    for word in words:
        scan, fast = both(db, word)
        assert fast == scan, word


def test_the_index_follows_every_change(sqlite_db: Database, unit_id: int) -> None:
    db = sqlite_db
    with db.session() as session:
        first = create_publication(session, book(unit_id, "能源政策白皮書", gpn=None)).id
    assert both(db, "政策白") == ({first}, {first})
    with db.session() as session:
        load_publication(session, first).title = "經濟統計年報"
    assert both(db, "政策白") == (set(), set())
    assert both(db, "統計年") == ({first}, {first})
    with db.session() as session:
        session.add(Contributor(publication_id=first, name="林志玲", role=ContributorRole.EDITOR,
                                position=9))
    assert both(db, "林志玲") == ({first}, {first})
    with db.session() as session:
        person = session.scalars(select(Contributor).where(Contributor.name == "林志玲")).one()
        person.name = "張美華"
    assert both(db, "林志玲") == (set(), set())
    assert both(db, "張美華") == ({first}, {first})
    with db.session() as session:
        delete_publication(session, first, confirmed=True)
    assert both(db, "統計年") == (set(), set())
    with db.session() as session:
        restore(session, list_bin(session)[0].id)
    assert both(db, "統計年") == ({first}, {first})
    assert both(db, "張美華") == ({first}, {first})
    with db.session() as session:
        assert session.get(Publication, first) is not None
