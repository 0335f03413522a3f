"""資源回收筒, issue 28 item 5: a restore never loses. What a binned publication points at may
be deleted since — its unit, a deposit library, a sales store, a consignment list, a related
publication — in any order; until each is resolved (recreated from the bin's copy, replaced by
another row, or done without where nothing needs it) a restore writes nothing and keeps the
entry, and once resolved every row comes back with the values it had."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update

from app.db import Database
from app.db.audit_chain import verify
from app.models import (
    AuditEntry,
    ConsignmentList,
    DepositLibrary,
    DepositLine,
    LibraryKind,
    Publication,
    PublicationRelation,
    PublishingUnit,
    RecycledPublication,
    RelationKind,
    SalesStore,
    Shipment,
)
from app.services.consignment import ListItem, create_list
from app.services.publications import (
    PublicationFilter,
    _indexed,
    delete_publication,
    filtered_query,
    load_publication,
    publication_data,
    update_publication,
)
from app.services.recycle_bin import (
    MissingReferencesError,
    Resolution,
    RestoreConflictError,
    list_bin,
    reference_choices,
    restore,
    restore_plan,
)
from app.services.recycle_snapshot import KeptRow, read_payload
from app.services.reference import LibraryData, StoreData, save_library, save_store
from app.services.units import ContactData, UnitData, delete_unit, save_contacts, save_unit
from tests.app.factories import add_book
from tests.app.test_recycle_bin import everything

THINGS = ("unit", "library", "store", "list", "related")
TABLES = {"unit": "publishing_units", "library": "deposit_libraries", "store": "sales_stores",
          "list": "consignment_lists", "related": "publications"}
ON = date(2026, 11, 30)


@dataclass
class Binned:
    """A publication in the bin and the five rows outside it that it points at."""

    item: int
    publication: int
    title: str
    ids: dict[str, int]

    def key(self, thing: str) -> tuple[str, int]:
        return (TABLES[thing], self.ids[thing])


def _unit(db: Database, name: str) -> int:
    with db.session() as session:
        unit = save_unit(session, UnitData(full_name=name, short_name=name[:4], doc_code="測",
                                           address="臺北市中正區福州街15號"))
        version = session.get(PublishingUnit, unit).row_version  # type: ignore[union-attr]
        save_contacts(session, unit, [ContactData("林怡君", "科員", "(02)2321-2200",
                                                  is_default=True)], expected_version=version)
    return unit


def _shipped(db: Database, unit: int, store: int, title: str, gpn: str) -> tuple[int, int]:
    """A book of `unit` supplied to `store` on a consignment list: (book, list)."""
    book = add_book(db, unit, title, gpn=gpn)
    with db.session() as session:
        listed = create_list(session, store, ON, [ListItem(book, 3, sample=True)],
                             contact_name="林怡君")
    return book, listed


def bin_one(db: Database, office_unit: int, n: int
            ) -> tuple[Binned, dict[str, list[tuple[Any, ...]]]]:
    """A book of a unit of its own, deposited with a library, supplied to a store on a list,
    another form of a book of the office's unit — then deleted into the bin; with every
    content row as it was just before the delete."""
    unit = _unit(db, f"第{n}號測試機關")
    with db.session() as session:
        library = save_library(session, LibraryData(f"第{n}號寄存圖書館", address="臺中市",
                                                    copies=2, kind=LibraryKind.DESIGNATED))
        store = save_store(session, StoreData(f"第{n}號展售門市", phone="(02)2518-0207"))
    title = f"要刪除的書{n}"
    book, listed = _shipped(db, unit, store, title, f"10115{n:05d}")
    related = add_book(db, office_unit, f"原書{n}", gpn=None)
    with db.session() as session:
        session.add(DepositLine(publication_id=book, library_id=library, copies=2,
                                reason="測試"))
        session.add(PublicationRelation(source_id=book, target_id=related,
                                        kind=RelationKind.OTHER_FORM))
    before = everything(db)
    with db.session() as session:
        delete_publication(session, book, confirmed=True)
    with db.session() as session:
        item = next(i.id for i in list_bin(session) if i.publication_id == book)
    return Binned(item, book, title, {"unit": unit, "library": library, "store": store,
                                      "list": listed, "related": related}), before


def _drop(db: Database, statement: Any) -> None:
    with db.session() as session:
        session.execute(statement)


def deleters(binned: Binned) -> dict[str, Callable[[Database], None]]:
    """How each thing goes — with what the database requires to go first (a unit's and a
    store's consignment lists): PubDesk itself deletes units and publications only."""
    ids = binned.ids

    def unit(db: Database) -> None:
        _drop(db, delete(ConsignmentList).where(ConsignmentList.unit_id == ids["unit"]))
        with db.session() as session:
            delete_unit(session, ids["unit"])

    def store(db: Database) -> None:
        _drop(db, delete(ConsignmentList).where(ConsignmentList.store_id == ids["store"]))
        _drop(db, delete(SalesStore).where(SalesStore.id == ids["store"]))

    def related(db: Database) -> None:
        with db.session() as session:
            delete_publication(session, ids["related"], confirmed=True)

    return {"unit": unit, "store": store, "related": related,
            "library": lambda db: _drop(db, delete(DepositLibrary).where(
                DepositLibrary.id == ids["library"])),
            "list": lambda db: _drop(db, delete(ConsignmentList).where(
                ConsignmentList.id == ids["list"]))}


def gone(db: Database, binned: Binned) -> set[tuple[str, int]]:
    """The things the binned publication points at that are not in the database."""
    with db.session() as session:
        return {binned.key(thing) for thing in THINGS
                if session.connection().execute(text(
                    f"SELECT 1 FROM {TABLES[thing]} WHERE id = :id"),
                    {"id": binned.ids[thing]}).first() is None}


def audit_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def refused(db: Database, binned: Binned, resolutions: dict[tuple[str, Any], Resolution],
            expected: type[Exception] = MissingReferencesError) -> Any:
    """The restore is refused, and the entry is still in the bin — also when the caller
    commits its session after catching the error (`unchanged` checks nothing was written)."""
    with db.session() as session, pytest.raises(expected) as caught:
        restore(session, binned.item, resolutions)
    with db.session() as session:
        assert session.get(RecycledPublication, binned.item) is not None
    return caught.value


class Unchanged:
    """Not a row written, not an audit entry, between entering and leaving."""

    def __init__(self, db: Database):
        self.db = db

    def __enter__(self) -> None:
        self.before, self.entries = everything(self.db), audit_count(self.db)

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            assert everything(self.db) == self.before
            assert audit_count(self.db) == self.entries


def column_values(db: Database, row: KeptRow, row_id: int) -> dict[str, Any]:
    with db.session() as session:
        found = session.connection().execute(select(row.table).where(
            row.table.c.id == row_id)).mappings().one()
    return dict(found)


def search_finds(db: Database, title: str) -> tuple[set[int], set[int]]:
    """The publications search by the index (SQLite's FTS, PostgreSQL's trigram LIKE) and
    by the plain scan."""
    flt = PublicationFilter(text=title)
    with db.session() as session:
        return (set(session.scalars(filtered_query(flt, indexed=_indexed(session)))),
                set(session.scalars(filtered_query(flt, indexed=False))))


def replacements(db: Database, office_unit: int, n: int) -> dict[str, int]:
    """Other existing rows to use: a unit, a library, a store with a list, a publication."""
    unit = _unit(db, f"第{n}號接手機關")
    with db.session() as session:
        library = save_library(session, LibraryData(f"第{n}號接手圖書館",
                                                    kind=LibraryKind.DESIGNATED))
        store = save_store(session, StoreData(f"第{n}號接手門市"))
    _book, listed = _shipped(db, unit, store, f"接手的書{n}", f"10116{n:05d}")
    return {"unit": unit, "library": library, "store": store, "list": listed,
            "related": add_book(db, office_unit, f"接手的原書{n}", gpn=None)}


@pytest.mark.parametrize("half", [0, 1])
def test_deleting_what_it_points_at_in_every_order_then_restoring(
        db: Database, unit_id: int, half: int) -> None:
    """All 120 orders (even ones on the first run, odd ones on the second, each resolved its
    own way): after each deletion the plan names exactly what is gone, a restore without (or
    with some) resolutions writes nothing, and the resolved restore brings every row back."""
    orders = list(itertools.permutations(THINGS))
    for n, order in enumerate(orders):
        if n % 2 != half:
            continue
        binned, before_delete = bin_one(db, unit_id, n)
        with db.session() as session:
            payload = read_payload(session.get(RecycledPublication, binned.item).payload)  # type: ignore[union-attr]
        delete_of = deleters(binned)
        for step, thing in enumerate(order, start=1):
            delete_of[thing](db)
            missing = gone(db, binned)
            assert binned.key(thing) in missing
            with db.session() as session:
                plan = restore_plan(session, binned.item)
            assert {m.key for m in plan.required({})} == missing, (order, step)
            assert all(m.recreatable != (m.table == "publications") for m in plan.missing)
            with Unchanged(db):
                error = refused(db, binned, {})
                assert {m.key for m in error.missing} == missing
                if len(missing) > 1:  # one left open is one too many
                    last, *others = sorted(missing)
                    partial = refused(db, binned, {
                        key: Resolution.leave_out() if key[0] == "publications"
                        else Resolution.recreate() for key in others})
                    assert [m.key for m in partial.missing] == [last]

        if half == 0:
            # Recreate everything from the bin; the related book comes back from its own entry.
            with db.session() as session:
                related_item = next(i.id for i in list_bin(session)
                                    if i.publication_id == binned.ids["related"])
                assert restore_plan(session, related_item).missing == []
                restore(session, related_item)
            with db.session() as session:
                plan = restore_plan(session, binned.item)
            assert {m.key for m in plan.missing} == {binned.key(t) for t in THINGS[:4]}
            with db.session() as session:
                result = restore(session, binned.item,
                                 {m.key: Resolution.recreate() for m in plan.missing})
            assert sorted(result.recreated) == sorted(f"{m.what}「{m.name}」"
                                                      for m in plan.missing)
            moved: dict[tuple[str, int], int] = {}
            assert everything(db) == before_delete, order  # as if nothing had happened
            for key, copy in payload.referenced.items():
                if key[0] != "publications":
                    assert column_values(db, copy, key[1]) == copy.values
                    for part in copy.parts:
                        assert column_values(db, part, part.values["id"]) == part.values
        else:
            # Use other rows, the related book included (chosen from the choices offered).
            others = replacements(db, unit_id, n)
            with db.session() as session:
                for thing in THINGS[:4]:
                    assert others[thing] in dict(reference_choices(session, TABLES[thing]))
                result = restore(session, binned.item, {
                    binned.key(thing): Resolution.use(others[thing]) for thing in THINGS})
            assert result.recreated == result.left_out == []
            moved = {binned.key(thing): others[thing] for thing in THINGS}
        assert result.publication_id == binned.publication
        assert result.rows == len(payload.rows)
        for row in payload.rows:
            expected = {column: moved.get((next(iter(row.table.c[column].foreign_keys))
                                           .column.table.name, value), value)
                        if row.table.c[column].foreign_keys and value is not None else value
                        for column, value in row.values.items()}
            assert column_values(db, row, row.values["id"]) == expected, (order, row.table.name)
        with db.session() as session:
            assert session.get(RecycledPublication, binned.item) is None
            assert verify(session.connection()).broken is None
        indexed, scanned = search_finds(db, binned.title)
        assert indexed == scanned == {binned.publication}



def test_old_bin_entries_can_only_choose_another(db: Database, unit_id: int) -> None:
    """An entry written before the bin kept copies: what is gone can be replaced, not
    recreated — and it still comes back whole."""
    binned, _before = bin_one(db, unit_id, 1)
    with db.session() as session:
        item = session.get(RecycledPublication, binned.item)
        assert item is not None
        old = json.loads(item.payload)
        item.payload = json.dumps({"version": 1, "rows": old["rows"],
                                   "detached": old["detached"]}, ensure_ascii=False)
    deleters(binned)["unit"](db)  # and with it the unit's consignment list
    with db.session() as session:
        plan = restore_plan(session, binned.item)
    assert {m.key for m in plan.missing} == {binned.key("unit"), binned.key("list")}
    assert not any(m.recreatable or m.same_name_id for m in plan.missing)
    unit = next(m for m in plan.missing if m.key == binned.key("unit"))
    listed = next(m for m in plan.missing if m.key == binned.key("list"))
    assert unit.name == f"編號 {binned.ids['unit']}"
    with Unchanged(db):
        refused(db, binned, {m.key: Resolution.recreate() for m in plan.missing})
        refused(db, binned, {unit.key: Resolution.leave_out(),  # the book needs a unit
                             listed.key: Resolution.leave_out()})
        refused(db, binned, {unit.key: Resolution.use(987654),  # no such unit
                             listed.key: Resolution.leave_out()})
    with db.session() as session:
        result = restore(session, binned.item, {unit.key: Resolution.use(unit_id),
                                                listed.key: Resolution.leave_out()})
        assert load_publication(session, result.publication_id).unit_id == unit_id
        assert session.scalars(select(Shipment.list_id).where(
            Shipment.publication_id == binned.publication)).all() == [None]


def test_a_name_taken_since_is_a_conflict_and_the_holder_is_offered(db: Database,
                                                                     unit_id: int) -> None:
    """The unit was deleted and entered again (a new id, the same name): recreating the old
    one would make two units of one name — refused in words; the plan points at the new one."""
    binned, _before = bin_one(db, unit_id, 2)
    deleters(binned)["unit"](db)
    again = _unit(db, "第2號測試機關")
    with db.session() as session:
        plan = restore_plan(session, binned.item)
    unit = next(m for m in plan.missing if m.key == binned.key("unit"))
    assert unit.same_name_id == again
    chosen = {m.key: Resolution.recreate() for m in plan.missing}
    with Unchanged(db):
        error = refused(db, binned, chosen, RestoreConflictError)
    assert "機關「第2號測試機關」" in error.message
    assert "機關名稱" in error.message
    with db.session() as session:
        restore(session, binned.item, chosen | {unit.key: Resolution.use(again)})
        assert load_publication(session, binned.publication).unit_id == again
        assert session.scalar(select(func.count()).select_from(ConsignmentList).where(
            ConsignmentList.id == binned.ids["list"], ConsignmentList.unit_id == again)) == 1


def test_a_number_taken_since_is_a_conflict_and_what_was_recreated_goes_too(
        db: Database, unit_id: int) -> None:
    """Another work took the book's GPN meanwhile: refused, naming the GPN and the holder —
    and the unit recreated a moment before the refusal is not left behind."""
    binned, _before = bin_one(db, unit_id, 3)
    deleters(binned)["unit"](db)
    holder = add_book(db, unit_id, "拿走號碼的書", gpn="1011500003")
    with db.session() as session:
        chosen = {m.key: Resolution.recreate()
                  for m in restore_plan(session, binned.item).missing}  # the unit, its list
    with Unchanged(db):
        error = refused(db, binned, chosen, RestoreConflictError)
    assert "GPN 1011500003" in error.message
    assert f"編號 {holder}" in error.message
    with db.session() as session:
        assert session.get(PublishingUnit, binned.ids["unit"]) is None
        session.execute(update(Publication).where(Publication.id == holder).values(gpn=None))
    with db.session() as session:
        restore(session, binned.item, chosen)
        assert session.get(PublishingUnit, binned.ids["unit"]) is not None


def test_what_only_a_row_to_recreate_needs_is_asked_for_then(db: Database,
                                                             unit_id: int) -> None:
    """The book moved to another unit after its consignment list was made: the list is gone,
    and so is the list's unit. The unit matters only if the list is recreated."""
    binned, _before = bin_one(db, unit_id, 4)
    with db.session() as session:
        restore(session, binned.item, {})  # nothing is missing yet
    with db.session() as session:
        data, version = publication_data(session, binned.publication)
    with db.session() as session:
        data.unit_id = unit_id
        update_publication(session, binned.publication, data, expected_version=version)
    with db.session() as session:
        delete_publication(session, binned.publication, confirmed=True)
        binned.item = list_bin(session)[0].id
    deleters(binned)["unit"](db)  # the list goes first, the unit's only other user
    with db.session() as session:
        plan = restore_plan(session, binned.item)
    listed = next(m for m in plan.missing if m.key == binned.key("list"))
    unit = next(m for m in plan.missing if m.key == binned.key("unit"))
    assert unit.needed_by == (listed.key,)
    assert listed.needed_by == ()
    assert listed.may_leave_out  # a shipment may be on no list
    assert listed.leaves_empty
    assert [m.key for m in plan.required({})] == [listed.key]
    assert [m.key for m in plan.required({listed.key: Resolution.recreate()})] == [
        listed.key, unit.key]
    with Unchanged(db):
        error = refused(db, binned, {listed.key: Resolution.recreate()})
        assert [m.key for m in error.missing] == [unit.key]
    with db.session() as session:
        result = restore(session, binned.item, {listed.key: Resolution.leave_out()})
        assert result.left_out == [f"展售清單「{listed.name}」"]
        assert session.scalars(select(Shipment.list_id).where(
            Shipment.publication_id == binned.publication)).all() == [None]
        assert session.get(ConsignmentList, binned.ids["list"]) is None


def test_a_refusal_only_the_database_knows_is_said_and_leaves_no_trace(
        db: Database, unit_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a rule missed by the checks before each row, the database's refusal would still
    take back every row written before it, in words."""
    import app.services.recycle_rows as rows

    binned, _before = bin_one(db, unit_id, 5)
    deleters(binned)["library"](db)
    with db.session() as session:
        save_library(session, LibraryData("第5號寄存圖書館", kind=LibraryKind.DESIGNATED))
    monkeypatch.setattr(rows, "_check_unique", lambda *_a: None)
    with Unchanged(db):
        error = refused(db, binned, {binned.key("library"): Resolution.recreate()},
                        RestoreConflictError)
    assert error.message.startswith("無法還原「要刪除的書5")
    assert "資料庫拒絕寫入" in error.message
