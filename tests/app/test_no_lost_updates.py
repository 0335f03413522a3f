"""Two officers, one record: the second save based on an old version is refused with who and
when, and nothing of the first save is lost. On SQLite and PostgreSQL (two `Database`s on one
database stand for two PCs)."""

from collections.abc import Iterator
from decimal import Decimal

import pytest

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
        save_toc(s, pub_id, [TocLine(1, "第一章 緒論")], seen_by_first)
    with pytest.raises(ChangedElsewhereError, match="林怡君") as refused, second.session() as s:
        save_toc(s, pub_id, [TocLine(1, "第一章 總論"), TocLine(1, "第二章")], seen_by_second)
    assert "重新載入" in refused.value.message
    assert "民國" in refused.value.message
    with second.session() as s:
        assert [line.title for line in get_toc(s, pub_id)] == ["第一章 緒論"]
        fresh = toc_for_edit(s, pub_id)[1]
        save_toc(s, pub_id, [TocLine(1, "第一章 緒論"), TocLine(1, "第二章")], fresh)
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
        save_toc(s, pub_id, [TocLine(1, "序")], toc_for_edit(s, pub_id)[1])
    data.pages = 999
    with pytest.raises(ChangedElsewhereError, match="陳志明"), first.session() as s:
        update_publication(s, pub_id, data, version)
    with first.session() as s:
        data, version = publication_data(s, pub_id)
        version = save_toc(s, pub_id, [TocLine(1, "序"), TocLine(1, "本文")], version)
    with first.session() as s:
        update_publication(s, pub_id, data, version)


def test_two_officers_editing_the_letterhead(officers: tuple[Database, Database],
                                            unit_id: int) -> None:
    first, second = officers
    with first.session() as s:
        seen_a, form_a = unit_version(s, unit_id), unit_data(s, unit_id)
    with second.session() as s:
        seen_b, form_b = unit_version(s, unit_id), unit_data(s, unit_id)
    form_a.phone = "(02)2321-9999"
    with first.session() as s:
        save_unit(s, form_a, unit_id, seen_a)
    form_b.fax = "(02)2357-1111"
    with pytest.raises(ChangedElsewhereError, match="林怡君"), second.session() as s:
        save_unit(s, form_b, unit_id, seen_b)
    with second.session() as s:
        stored = unit_data(s, unit_id)
    assert (stored.phone, stored.fax) == ("(02)2321-9999", "(02)2357-7000")


def test_contacts_count_as_a_save_of_the_unit(officers: tuple[Database, Database],
                                             unit_id: int) -> None:
    first, second = officers
    with second.session() as s:
        seen, form = unit_version(s, unit_id), unit_data(s, unit_id)
    with first.session() as s:
        save_unit(s, unit_data(s, unit_id), unit_id, unit_version(s, unit_id))
        save_contacts(s, unit_id, [ContactData("林怡君", "專員", "(02)2321-2200#8123")])
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        save_unit(s, form, unit_id, seen)
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
        set_articles(s, issue, [ArticleData("氫能展望", "王小明", "1", "12")], seen_a)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        set_articles(s, issue, [ArticleData("碳費", "", "13", "20")], seen_b)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        update_issue(s, issue, IssueData("1", "2", 2026, 3), seen_b)
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
        save_store_terms(s, store_id, StoreTerms("甲", Decimal(35), 2), store_seen)
        save_library(s, library, library_id, library_seen)
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        save_store_terms(s, store_id, StoreTerms("乙", Decimal(30), 1), store_seen)
    library.copies = 3
    with pytest.raises(ChangedElsewhereError), second.session() as s:
        save_library(s, library, library_id, library_seen)
