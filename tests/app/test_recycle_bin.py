"""資源回收筒: a deleted publication comes back whole — every child row, every cleared
reference — exactly once, also when its id was taken meanwhile."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.demo import (
    add_agenda_samples,
    build_sample,
    write_consignment_documents,
    write_deposit_documents_for,
    write_numbering_documents,
    write_sample_documents,
)
from app.errors import PubDeskError
from app.models import (
    Base,
    ConsentEntry,
    Contributor,
    Publication,
    PublicationForm,
    PublicationRelation,
    PublicationType,
    RecycledPublication,
    RelationKind,
    SettlementLine,
)
from app.services.publications import copy_publication, delete_publication
from app.services.recycle_bin import (
    MissingReferencesError,
    Resolution,
    empty_bin,
    list_bin,
    purge,
    restore,
    restore_plan,
)
from tests.app.factories import add_book

NOT_CONTENT = {"audit_log", "recycled_publications", "app_meta"}
ON = date(2026, 11, 30)


def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every content table, sorted (the audit log and the bin left out). Not
    `row_version`: the database counts every change of a row, and a reference the delete
    cleared (SET NULL) and the restore set again is two changes of the row that held it."""
    with db.session() as session:
        return {table.name: sorted((tuple(row) for row in session.execute(
                    select(*[c for c in table.c if c.name != "row_version"]))), key=repr)
                for table in Base.metadata.sorted_tables if table.name not in NOT_CONTENT}


@pytest.fixture
def full_workspace(db: Database, tmp_path: Path) -> Database:
    """The demo's records: books, an e-book, a serial with issues and articles, applications,
    deposits, a consignment with settlements, consent letters, e-files, relations."""
    sample = build_sample(db)
    output = tmp_path / "output"
    write_sample_documents(db, sample, output, ON)
    write_numbering_documents(db, sample, output)
    write_deposit_documents_for(db, sample, output, ON)
    write_consignment_documents(db, sample, output, ON)
    add_agenda_samples(db, sample, ON)
    return db


def deletable(db: Database) -> list[int]:
    with db.session() as session:
        settled = set(session.scalars(select(SettlementLine.publication_id)))
        return [i for i in session.scalars(select(Publication.id).order_by(Publication.id))
                if i not in settled]


def test_every_publication_comes_back_exactly_as_it_was(full_workspace: Database) -> None:
    db = full_workspace
    before = everything(db)
    ids = deletable(db)
    assert len(ids) >= 5
    for publication_id in ids:
        with db.session() as session:
            delete_publication(session, publication_id, confirmed=True)
        after_delete = everything(db)
        assert publication_id not in {row[0] for row in after_delete["publications"]}
        with db.session() as session:
            (item,) = list_bin(session)
            assert item.publication_id == publication_id
            result = restore(session, item.id)
        assert result.publication_id == publication_id
        assert result.new_ids == 0
        assert result.recreated == result.left_out == []
        assert everything(db) == before, f"publication {publication_id} did not come back whole"
    with db.session() as session:
        assert list_bin(session) == []


def test_a_cleared_reference_is_linked_again(full_workspace: Database) -> None:
    db = full_workspace
    free = deletable(db)
    with db.session() as session:
        entry = session.scalars(select(ConsentEntry).where(
            ConsentEntry.publication_id.in_(free))).first()
        assert entry is not None
        entry_id, publication_id = entry.id, entry.publication_id
        assert publication_id is not None
        delete_publication(session, publication_id, confirmed=True)
    with db.session() as session:
        assert session.get(ConsentEntry, entry_id).publication_id is None  # type: ignore[union-attr]
        restore(session, list_bin(session)[0].id)
    with db.session() as session:
        assert session.get(ConsentEntry, entry_id).publication_id == publication_id  # type: ignore[union-attr]


def test_restored_once_only(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id)
    with db.session() as session:
        delete_publication(session, book, confirmed=True)
        item = list_bin(session)[0].id
    with db.session() as session:
        restore(session, item)
    with db.session() as session, pytest.raises(PubDeskError, match="已不在資源回收筒"):
        restore(session, item)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication)) == 1


def test_a_taken_id_gives_new_ids_and_children_follow(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id, "被刪除的書")
    with db.session() as session:
        delete_publication(session, book, confirmed=True)
    # Another record takes the id meanwhile (SQLite reuses the highest id; PostgreSQL never
    # does, so the test hands it over explicitly on both).
    with db.session() as session:
        session.add(Publication(id=book, unit_id=unit_id, title="後來的書", gpn="1011500058",
                                pub_type=PublicationType.BOOK, form=PublicationForm.PRINT))
    with db.session() as session:
        result = restore(session, list_bin(session)[0].id)
    assert result.publication_id != book
    assert result.new_ids >= 1
    with db.session() as session:
        assert session.get(Publication, book).title == "後來的書"  # type: ignore[union-attr]
        restored = session.get(Publication, result.publication_id)
        assert restored is not None
        assert restored.title == "被刪除的書"
        people = session.scalars(select(Contributor.name).where(
            Contributor.publication_id == result.publication_id)).all()
        assert sorted(people) == ["王小明", "陳美華"]
        assert session.scalar(select(func.count()).select_from(Contributor).where(
            Contributor.publication_id == book)) == 0


def test_a_relation_to_a_publication_gone_since_is_asked_about(db: Database,
                                                               unit_id: int) -> None:
    first = add_book(db, unit_id, "初版")
    with db.session() as session:
        reprint = copy_publication(session, first, RelationKind.REPRINT_OF).id
    with db.session() as session:
        delete_publication(session, reprint, confirmed=True)
        delete_publication(session, first, confirmed=True)
    with db.session() as session:
        reprint_item = next(i for i in list_bin(session) if i.publication_id == reprint)
        (missing,) = restore_plan(session, reprint_item.id).missing
    assert (missing.table, missing.id, missing.in_bin) == ("publications", first, True)
    assert not missing.recreatable  # a publication comes back from its own entry
    assert missing.may_leave_out
    assert not missing.leaves_empty
    with db.session() as session, pytest.raises(MissingReferencesError, match="初版"):
        restore(session, reprint_item.id)
    with db.session() as session:
        result = restore(session, reprint_item.id, {missing.key: Resolution.leave_out()})
    assert result.left_out == [f"出版品「{missing.name}」"]
    with db.session() as session:
        assert session.get(Publication, reprint) is not None
        assert session.scalar(select(func.count()).select_from(PublicationRelation)) == 0


def test_purge_and_empty(db: Database, unit_id: int) -> None:
    ids = [add_book(db, unit_id, f"書{i}", gpn=None) for i in range(3)]
    with db.session() as session:
        for publication_id in ids:
            delete_publication(session, publication_id, confirmed=True)
    with db.session() as session:
        items = list_bin(session)
        assert [i.publication_id for i in items] == list(reversed(ids))  # newest first
        purge(session, items[0].id)
    with db.session() as session:
        assert empty_bin(session) == 2
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(RecycledPublication)) == 0
        assert session.scalar(select(func.count()).select_from(Publication)) == 0


def test_a_session_of_deletes_creates_and_restores(db: Database, unit_id: int) -> None:
    """Hundreds of mixed actions over a thousand publications; after every step each
    publication exists exactly once — in the table or in the bin — and children follow."""
    rng = random.Random(20261130)
    made: set[str] = set()
    with db.session() as session:
        from app.services.publications import create_publication
        from tests.app.factories import book as book_data

        for n in range(1000):
            title = f"出版品{n:04d}"
            create_publication(session, book_data(unit_id, title, gpn=None))
            made.add(title)
    for step in range(150):
        action = rng.choice(["delete", "delete", "create", "restore"])
        with db.session() as session:
            if action == "delete":
                victim = session.scalars(select(Publication.id).order_by(
                    func.random()).limit(1)).first()
                if victim is not None:
                    delete_publication(session, victim, confirmed=True)
            elif action == "create":
                title = f"新書{step:03d}"
                create_publication(session, book_data(unit_id, title, gpn=None))
                made.add(title)
            else:
                items = list_bin(session)
                if items:
                    restore(session, rng.choice(items).id)
        with db.session() as session:
            live = list(session.scalars(select(Publication.title)))
            binned = [i.label.split("（")[0] for i in list_bin(session)]
            assert sorted(live + binned) == sorted(made), f"step {step}: {action}"
            orphans = session.scalar(select(func.count()).select_from(Contributor).where(
                Contributor.publication_id.not_in(select(Publication.id))))
            assert orphans == 0
            people = session.scalar(select(func.count()).select_from(Contributor))
            assert people == 2 * len(live)
