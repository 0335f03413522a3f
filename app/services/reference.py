"""Reference data the officer maintains — deposit libraries and sales stores — seeded once from
`resources/data` and marked as not yet verified against the current official lists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import AppMeta, DepositLibrary, LibraryKind, SalesStore
from app.resources import resource_path
from app.services.agency_codes import clean_code
from app.services.guard import check_version, require_version, touch
from app.text_rules import control_character_problems

SEEDED_KEY = "reference_data_seeded"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("data", name).read_text(encoding="utf-8"))
    return data


def seed_reference_data(session: Session) -> bool:
    """Insert the shipped libraries and stores once per database. Returns True if it did.

    Runs once even if the officer later deletes every row: a deleted library stays deleted.
    """
    if session.get(AppMeta, SEEDED_KEY) is not None:
        return False
    existing_libraries = set(session.scalars(select(DepositLibrary.name)))
    for row in _load("deposit_libraries.json")["libraries"]:
        if row["name"] in existing_libraries:
            continue
        session.add(DepositLibrary(
            name=row["name"], division=row["division"], postcode=row["postcode"],
            address=row["address"], phone=row["phone"], copies=int(row["copies"]),
            kind=LibraryKind(row["kind"]), verified=False,
            note="預設資料，請與文化部最新公告的指定寄存圖書館名單核對。",
        ))
    existing_stores = set(session.scalars(select(SalesStore.name)))
    for row in _load("sales_stores.json")["stores"]:
        if row["name"] in existing_stores:
            continue
        session.add(SalesStore(
            name=row["name"], postcode=row["postcode"], address=row["address"],
            phone=row["phone"], url=row["url"],
            commission_percent=Decimal(row["commission_percent"]),
            first_edition_quantity=int(row["first_edition_quantity"]), verified=False,
            note="預設資料，電話與折扣請依現行契約核對。",
        ))
    session.add(AppMeta(key=SEEDED_KEY, value="1"))
    session.flush()
    return True


@dataclass
class LibraryData:
    """A deposit library as the officer edits it."""

    name: str
    division: str = ""
    postcode: str = ""
    address: str = ""
    phone: str = ""
    copies: int = 1
    kind: LibraryKind = LibraryKind.DESIGNATED
    active: bool = True
    verified: bool = False
    agency_code: str = ""
    """機關代碼 for the DI files of the deposit letters (app.services.agency_codes)."""
    agency_code_source: str = ""


def list_libraries(session: Session) -> list[tuple[int, LibraryData]]:
    """Every deposit library, in order."""
    return [(lib.id, LibraryData(lib.name, lib.division, lib.postcode, lib.address, lib.phone,
                                 lib.copies, lib.kind, lib.active, lib.verified,
                                 lib.agency_code, lib.agency_code_source))
            for lib in session.scalars(select(DepositLibrary).order_by(DepositLibrary.id))]


@overload
def save_library(session: Session, data: LibraryData) -> int: ...
@overload
def save_library(session: Session, data: LibraryData, library_id: int, *,
                 expected_version: int) -> int: ...
def save_library(session: Session, data: LibraryData, library_id: int | None = None, *,
                 expected_version: int | None = None) -> int:
    """Create or update a library (name required and unique, copies 0–20). An update requires
    the version it was based on and is refused if the library was saved since."""
    require_version("save_library", library_id, expected_version)
    name = data.name.strip()
    if not name:
        raise ValidationError.single("name", "請填寫圖書館名稱。")
    if not 0 <= data.copies <= 20:
        raise ValidationError.single("copies", "寄存冊數應在 0 到 20 之間。")
    clash = session.scalar(select(DepositLibrary.id).where(DepositLibrary.name == name))
    if clash is not None and clash != library_id:
        raise ValidationError.single("name", f"「{name}」已在清單中。")
    library = DepositLibrary(name=name, kind=data.kind) if library_id is None else \
        session.get(DepositLibrary, library_id)
    if library is None:
        raise ValidationError.single("name", "這個圖書館已被刪除，請重新整理。")
    if expected_version is not None:
        check_version(library, expected_version, library.name)
        touch(library)
    library.name, library.division, library.postcode = name, data.division.strip(), \
        data.postcode.strip()
    library.address, library.phone, library.copies = data.address.strip(), data.phone.strip(), \
        data.copies
    library.kind, library.active, library.verified = data.kind, data.active, data.verified
    library.agency_code = clean_code(data.agency_code)
    library.agency_code_source = data.agency_code_source.strip()
    session.add(library)
    session.flush()
    return library.id


@dataclass
class StoreData:
    """A sales store (展售門市) as the officer keeps it; its commission and first-edition
    quantity are the store terms of the consignment page (§7 and its 40 % rule)."""

    name: str
    postcode: str = ""
    address: str = ""
    phone: str = ""
    url: str = ""
    active: bool = True
    verified: bool = False


def list_stores(session: Session) -> list[tuple[int, StoreData, int]]:
    """Every store, active or not (kept for history): (id, data, version)."""
    return [(s.id, StoreData(s.name, s.postcode, s.address, s.phone, s.url, s.active,
                             s.verified), s.row_version)
            for s in session.scalars(select(SalesStore).order_by(SalesStore.id))]


def library_versions(session: Session) -> dict[int, int]:
    """Each library's version, to pass back to `save_library`."""
    return dict(session.execute(select(DepositLibrary.id, DepositLibrary.row_version)).all())


@overload
def save_store(session: Session, data: StoreData) -> int: ...
@overload
def save_store(session: Session, data: StoreData, store_id: int, *,
               expected_version: int) -> int: ...
def save_store(session: Session, data: StoreData, store_id: int | None = None, *,
               expected_version: int | None = None) -> int:
    """Add, rename or deactivate a store (a store with shipments is never deleted: deactivate
    it, and it disappears from new lists while its history stays). An update requires the
    version it was based on and is refused if the store was saved since."""
    require_version("save_store", store_id, expected_version)
    name = data.name.strip()
    if not name:
        raise ValidationError.single("name", "請填寫門市名稱。")
    problems = control_character_problems(data, {"name": "門市名稱", "address": "地址"})
    if problems:
        raise ValidationError(problems)
    clash = session.scalar(select(SalesStore.id).where(SalesStore.name == name))
    if clash is not None and clash != store_id:
        raise ValidationError.single("name", f"「{name}」已在清單中。")
    store = SalesStore(name=name) if store_id is None else session.get(SalesStore, store_id)
    if store is None:
        raise ValidationError.single("name", "這個門市已被刪除，請重新整理。")
    if expected_version is not None:
        check_version(store, expected_version, store.name)
        touch(store)
    store.name, store.postcode, store.address = name, data.postcode.strip(), data.address.strip()
    store.phone, store.url = data.phone.strip(), data.url.strip()
    store.active, store.verified = data.active, data.verified
    session.add(store)
    session.flush()
    return store.id
