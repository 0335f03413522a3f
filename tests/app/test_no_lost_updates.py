"""Two officers, one record: the second save based on an old version is refused with who and
when, and nothing of the first save is lost. On SQLite and PostgreSQL (two `Database`s on one
database stand for two PCs)."""

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.db.engine import make_engine
from app.errors import ChangedElsewhereError
from app.models import SalesStore
from app.services.consignment import StoreTerms, save_store_terms
from app.services.publications import publication_data, update_publication
from app.services.reference import list_libraries, save_library
from app.services.serials import (
    ArticleData,
    IssueData,
    add_issue,
    issue_version,
    list_articles,
    set_articles,
    update_issue,
)
from app.services.toc_service import get_toc, save_toc, toc_for_edit
from app.services.units import (
    ContactData,
    list_contacts,
    save_contacts,
    save_unit,
    unit_data,
    unit_version,
)
from app.toc import TocLine
from tests.app.factories import add_book


@pytest.fixture
def officers(db: Database) -> Iterator[tuple[Database, Database]]:
    first = Database(db.url, make_engine(db.url), data_dir=db.data_dir, user="林怡君")
    second = Database(db.url, make_engine(db.url), data_dir=db.data_dir, user="陳志明")
    yield first, second
    first.dispose()
    second.dispose()


def test_two_officers_editing_one_toc(officers: tuple[Database, Database], unit_id: int) -> None:
    first, second = officers
    pub_id = add_book(first, unit_id)
    with first.session() as s:
        seen_by_first = toc_for_edit(s, pub_id)[1]
    with second.session() as s:
        seen_by_second = toc_for_edit(s, pub_id)[1]
    with first.session() as s:
        save_toc(s, pub_id, [TocLine(1, "第一章 緒論")], expected_version=seen_by_first)
    with pytest.raises(ChangedElsewhereError, match="林怡君") as refused, second.session() as s:
        save_toc(s, pub_id, [TocLine(1, "第一章 總論"), TocLine(1, "第二章")],
                 expected_version=seen_by_second)
    assert "重新載入" in refused.value.message
    assert "民國" in refused.value.message
    with second.session() as s:
        assert [line.title for line in get_toc(s, pub_id)] == ["第一章 緒論"]
        fresh = toc_for_edit(s, pub_id)[1]
        save_toc(s, pub_id, [TocLine(1, "第一章 緒論"), TocLine(1, "第二章")],
                 expected_version=fresh)
        assert len(get_toc(s, pub_id)) == 2


def test_the_toc_and_the_form_share_one_version(officers: tuple[Database, Database],
                                               unit_id: int) -> None:
    """A form opened before someone saved the TOC may not overwrite the publication blindly,
    and the same window saving its TOC then its form goes on with the version it got back."""
    first, second = officers
    pub_id = add_book(first, unit_id)
    with first.session() as s:
        data, version = publication_data(s, pub_id)
    with second.session() as s:
        save_toc(s, pub_id, [TocLine(1, "序")], expected_version=toc_for_edit(s, pub_id)[1])
    data.pages = 999
    with pytest.raises(ChangedElsewhereError, match="陳志明"), first.session() as s:
        update_publication(s, pub_id, data, expected_version=version)
    with first.session() as s:
        data, version = publication_data(s, pub_id)
        version = save_toc(s, pub_id, [TocLine(1, "序"), TocLine(1, "本文")],
                           expected_version=version)
    with first.session() as s:
        update_publication(s, pub_id, data, expected_version=version)


def test_two_officers_editing_the_letterhead(officers: tuple[Database, Database],
                                            unit_id: int) -> None:
    first, second = officers
    with first.session() as s:
        seen_a, form_a = unit_version(s, unit_id), unit_data(s, unit_id)
    with second.session() as s:
        seen_b, form_b = unit_version(s, unit_id), unit_data(s, unit_id)
    form_a.phone = "(02)2321-9999"
    with first.session() as s:
        save_unit(s, form_a, unit_id, expected_version=seen_a)
    form_b.fax = "(02)2357-1111"
    with pytest.raises(ChangedElsewhereError, match="林怡君"), second.session() as s:
        save_unit(s, form_b, unit_id, expected_version=seen_b)
    with second.session() as s:
        stored = unit_data(s, unit_id)
    assert (stored.phone, stored.fax) == ("(02)2321-9999", "(02)2357-7000")


def test_contacts_count_as_a_save_of_the_unit(officers: tuple[Database, Database],
                                             unit_id: int) -> None:
    first, second = officers
    with second.session() as s:
        seen, form = unit_version(s, unit_id), unit_data(s, unit_id)
    with first.session() as s:
        version = unit_version(s, unit_id)
        save_contacts(s, unit_id, [ContactData("林怡君", "專員", "(02)2321-2200#8123")],
                      expected_version=version)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        save_unit(s, form, unit_id, expected_version=seen)
    with first.session() as s:
        assert [c.name for c in list_contacts(s, unit_id)] == ["林怡君"]


def test_two_officers_editing_one_issue(officers: tuple[Database, Database],
                                        unit_id: int) -> None:
    from app.models import PublicationType

    first, second = officers
    serial = add_book(first, unit_id, "能源季刊", pub_type=PublicationType.SERIAL, pages=None)
    with first.session() as s:
        issue = add_issue(s, serial, IssueData("1", "1", 2026, 3))
    with first.session() as s:
        seen_a = issue_version(s, issue)
    with second.session() as s:
        seen_b = issue_version(s, issue)
    with first.session() as s:
        set_articles(s, issue, [ArticleData("氫能展望", "王小明", "1", "12")], expected_version=seen_a)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        set_articles(s, issue, [ArticleData("碳費", "", "13", "20")], expected_version=seen_b)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        update_issue(s, issue, IssueData("1", "2", 2026, 3), expected_version=seen_b)
    with first.session() as s:
        assert [a.title for a in list_articles(s, issue)] == ["氫能展望"]


def test_store_terms_and_libraries_are_guarded(officers: tuple[Database, Database]) -> None:
    from sqlalchemy import select

    first, second = officers
    with first.session() as s:
        store = s.scalars(select(SalesStore).order_by(SalesStore.id)).first()
        assert store is not None
        store_id, store_seen = store.id, store.row_version
        library_id, library = list_libraries(s)[0]
        from app.models import DepositLibrary

        library_seen = s.get(DepositLibrary, library_id).row_version  # type: ignore[union-attr]
    with first.session() as s:
        save_store_terms(s, store_id, StoreTerms("甲", Decimal(35), 2), expected_version=store_seen)
        save_library(s, library, library_id, expected_version=library_seen)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        save_store_terms(s, store_id, StoreTerms("乙", Decimal(30), 1), expected_version=store_seen)
    library.copies = 3
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        save_library(s, library, library_id, expected_version=library_seen)


def test_two_callers_of_save_toc_on_one_version(db: Database, unit_id: int) -> None:
    """Issue #27: two windows read the TOC at the same version; the first save wins, the second
    is refused instead of replacing it, and the first's line is what the database keeps."""
    pub_id = add_book(db, unit_id)
    with db.session() as s:
        _lines, seen = toc_for_edit(s, pub_id)
    with db.session() as s:
        save_toc(s, pub_id, [TocLine(1, "第一章 緒論")], expected_version=seen)
    with pytest.raises(ChangedElsewhereError), db.session() as s:
        save_toc(s, pub_id, [TocLine(1, "第一章 別的標題")], expected_version=seen)
    with db.session() as s:
        assert [line.title for line in get_toc(s, pub_id)] == ["第一章 緒論"]


def _forgetful_saves(unit_id: int, pub_id: int, issue_id: int, store_id: int,
                     library_id: int) -> dict[str, Callable[[Session], object]]:
    """Each service that saves a record the officer edits, called without the version."""
    from app.services.reference import StoreData, save_store
    from app.services.toc_service import import_toc_text

    return {
        "update_publication": lambda s: update_publication(  # type: ignore[call-arg]
            s, pub_id, publication_data(s, pub_id)[0]),
        "save_toc": lambda s: save_toc(  # type: ignore[call-arg]
            s, pub_id, [TocLine(1, "序")]),
        "import_toc_text": lambda s: import_toc_text(  # type: ignore[call-arg]
            s, pub_id, "序……1"),
        "save_unit": lambda s: save_unit(  # type: ignore[call-overload]
            s, unit_data(s, unit_id), unit_id),
        "save_contacts": lambda s: save_contacts(  # type: ignore[call-arg]
            s, unit_id, [ContactData("林怡君")]),
        "update_issue": lambda s: update_issue(  # type: ignore[call-arg]
            s, issue_id, IssueData("1", "2", 2026, 3)),
        "set_articles": lambda s: set_articles(  # type: ignore[call-arg]
            s, issue_id, [ArticleData("氫能展望")]),
        "save_store_terms": lambda s: save_store_terms(  # type: ignore[call-arg]
            s, store_id, StoreTerms("甲", Decimal(35), 2)),
        "save_library": lambda s: save_library(  # type: ignore[call-overload]
            s, list_libraries(s)[0][1], library_id),
        "save_store": lambda s: save_store(  # type: ignore[call-overload]
            s, StoreData("門市"), store_id),
    }


SERVICES = ["update_publication", "save_toc", "import_toc_text", "save_unit", "save_contacts",
            "update_issue", "set_articles", "save_store_terms", "save_library", "save_store"]


@pytest.mark.parametrize("service", SERVICES)
def test_a_save_without_its_version_is_a_type_error(db: Database, unit_id: int,
                                                    service: str) -> None:
    """The version cannot be forgotten: without it the call fails before anything is written
    (no "None means no check" any more)."""
    from sqlalchemy import select

    from app.models import (
        DepositLibrary,
        Publication,
        PublicationType,
        PublishingUnit,
        SerialIssue,
    )

    serial = add_book(db, unit_id, "能源季刊", pub_type=PublicationType.SERIAL, pages=None)
    with db.session() as s:
        issue_id = add_issue(s, serial, IssueData("1", "1", 2026, 3))
        store_id = s.scalars(select(SalesStore.id).order_by(SalesStore.id)).first()
        library_id = list_libraries(s)[0][0]
    assert store_id is not None
    records: list[tuple[type, int]] = [
        (Publication, serial), (PublishingUnit, unit_id), (SerialIssue, issue_id),
        (SalesStore, store_id), (DepositLibrary, library_id)]

    def versions() -> list[int]:
        with db.session() as s:
            return [s.get(kind, record_id).row_version  # type: ignore[attr-defined]
                    for kind, record_id in records]

    before = versions()
    save = _forgetful_saves(unit_id, serial, issue_id, store_id, library_id)[service]
    with pytest.raises(TypeError, match="expected_version"), db.session() as s:
        save(s)
    assert versions() == before


def test_every_guarded_service_is_in_the_list() -> None:
    """A new service that checks versions joins the TypeError test above."""
    import ast
    from pathlib import Path

    import app.services

    checked = set()
    for path in Path(app.services.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                    isinstance(a, ast.arg) and a.arg == "expected_version"
                    for a in node.args.args + node.args.kwonlyargs):
                checked.add(node.name)
    assert checked == set(SERVICES)


def test_check_version_has_no_unchecked_mode(db: Database, unit_id: int) -> None:
    from app.services.guard import check_version
    from app.services.units import load_unit

    with db.session() as s:
        unit = load_unit(s, unit_id)
        with pytest.raises(TypeError):
            check_version(unit, None)  # type: ignore[arg-type]
        check_version(unit, unit.row_version)
        with pytest.raises(ChangedElsewhereError):
            check_version(unit, unit.row_version - 1)
