"""§4(二) in one place (issue 33, finding 1 and 2): a GPN/ISBN/ISSN/ISRC another publication
holds is refused — in the form, a number application's assignment and by the database itself
(plain SQL) — unless one is a reprint of the other; an assigned number is never replaced
silently; numbers shared before the rule are listed, not changed. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.db import Database, number_triggers
from app.errors import ValidationError
from app.models import (
    ApplicationKind,
    ApplicationStatus,
    AuditEntry,
    Publication,
    PublicationForm,
    PublicationType,
    RelationKind,
)
from app.paths import Locations
from app.services.number_rule import shared_numbers
from app.services.numbering import NumberCorrectionNeeded, advance, create_application
from app.services.publications import (
    copy_publication,
    create_publication,
    publication_data,
    update_publication,
)
from tests.app.factories import add_book, book


def isbn(serial: int) -> str:
    """A valid ISBN-13 in the 978-986 range."""
    body = f"978986{serial:06d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _refused(db: Database, data: object, holder_id: int, label: str) -> str:
    with db.session() as session, pytest.raises(ValidationError) as caught:
        create_publication(session, data)  # type: ignore[arg-type]
    message = str(caught.value)
    assert label in message, message
    assert f"編號 {holder_id}" in message, message
    return message


def test_an_unrelated_publication_cannot_take_a_number(db: Database, unit_id: int) -> None:
    first = add_book(db, unit_id, "產業年報", gpn="1011500057", isbn=isbn(1))
    _refused(db, book(unit_id, "另一本書", gpn="1011500057"), first, "GPN 1011500057")
    _refused(db, book(unit_id, "另一本書", gpn="1011500058", isbn=isbn(1)), first, "ISBN")
    serial = add_book(db, unit_id, "季刊", pub_type=PublicationType.SERIAL, gpn="2011500001",
                      issn="1234-5679")
    _refused(db, book(unit_id, "月刊", pub_type=PublicationType.SERIAL, gpn="2011500002",
                      issn="12345679"), serial, "ISSN")
    audio = add_book(db, unit_id, "有聲書", form=PublicationForm.AUDIOBOOK, gpn="1011500090",
                     isrc="TWM031126030")
    _refused(db, book(unit_id, "另一張", form=PublicationForm.AUDIOBOOK, gpn="1011500091",
                      isrc="TW-M03-11-26030"), audio, "ISRC")
    # A revision or another form needs its own numbers; the same printing twice is one book.
    _refused(db, book(unit_id, "產業年報", edition=2, gpn="1011500057"), first, "GPN")
    _refused(db, book(unit_id, "產業年報", form=PublicationForm.EBOOK,
                      pub_type=PublicationType.E_PUBLICATION, gpn="1011500059", isbn=isbn(1)),
             first, "ISBN")
    twice = _refused(db, book(unit_id, "產業年報", gpn="1011500057"), first, "GPN")
    assert "同一本出版品建了兩筆" in twice
    with db.session() as session:
        assert session.scalar(select(Publication.id).where(Publication.title == "另一本書")) is None


def test_a_reprint_keeps_its_numbers(db: Database, unit_id: int) -> None:
    first = add_book(db, unit_id, "產業年報", gpn="1011500057", isbn=isbn(1))
    with db.session() as session:
        reprint = copy_publication(session, first, RelationKind.REPRINT_OF).id
        third = create_publication(session, book(unit_id, "產業年報", printing=3,
                                                 gpn="1011500057", isbn=isbn(1))).id
    with db.session() as session:
        numbers = {p.id: (p.gpn, p.isbn, p.printing) for p in session.scalars(
            select(Publication).where(Publication.id.in_([first, reprint, third])))}
    assert numbers == {first: ("1011500057", isbn(1), 1), reprint: ("1011500057", isbn(1), 2),
                       third: ("1011500057", isbn(1), 3)}
    with db.session() as session:
        assert shared_numbers(session) == []


def test_editing_follows_the_rule(db: Database, unit_id: int) -> None:
    first = add_book(db, unit_id, "產業年報", gpn="1011500057")
    other = add_book(db, unit_id, "另一本書", gpn="1011500058")
    with db.session() as session:
        data, version = publication_data(session, other)
        data.gpn = "1011500057"
        with pytest.raises(ValidationError, match=f"編號 {first}"):
            update_publication(session, other, data, expected_version=version)
    with db.session() as session:
        reprint = copy_publication(session, first, RelationKind.REPRINT_OF).id
    # A recorded reprint is known by its link, not its title: a title corrected on the
    # original (through the form) and then on the reprint (plain SQL: the database agrees) is
    # saved both times — it never deadlocks.
    with db.session() as session:
        data, version = publication_data(session, first)
        data.title = "產業年報（修正題名）"
        update_publication(session, first, data, expected_version=version)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE publications SET title = '產業年報（修正題名）' WHERE id = :i"),
                     {"i": reprint})
    with db.session() as session:
        unlinked = create_publication(session, book(unit_id, "產業年報（修正題名）", printing=3,
                                                    gpn="1011500057")).id
    # A record that only looks like a reprint (imported history, no link) keeps the number by
    # its title: it cannot drift to another title while sharing it.
    with db.session() as session:
        data, version = publication_data(session, unlinked)
        data.title = "改了題名的第三刷"
        with pytest.raises(ValidationError, match="GPN 1011500057"):
            update_publication(session, unlinked, data, expected_version=version)
    with pytest.raises(IntegrityError, match="pubdesk_number_rule:gpn"), \
            db.engine.begin() as conn:
        conn.execute(text("UPDATE publications SET title = '改了題名的第三刷' WHERE id = :i"),
                     {"i": unlinked})
    with db.session() as session:
        assert shared_numbers(session) == []


def test_the_database_refuses_plain_sql(db: Database, unit_id: int) -> None:
    first = add_book(db, unit_id, "產業年報", gpn="1011500057", isbn=isbn(1))
    other = add_book(db, unit_id, "另一本書", gpn="1011500058")
    with pytest.raises(IntegrityError, match="pubdesk_number_rule:gpn"), \
            db.engine.begin() as conn:
        conn.execute(text("UPDATE publications SET gpn = '1011500057' WHERE id = :i"),
                     {"i": other})
    with pytest.raises(IntegrityError, match="pubdesk_number_rule:isbn"), \
            db.engine.begin() as conn:
        conn.execute(text("UPDATE publications SET isbn = :n, gpn = NULL WHERE id = :i"),
                     {"i": other, "n": isbn(1)})
    # Through a session the refusal is a sentence, not a traceback.
    with pytest.raises(ValidationError, match="資料庫拒絕了這次儲存：GPN"), db.session() as session:
        session.execute(text("UPDATE publications SET gpn = '1011500057' WHERE id = :i"),
                        {"i": other})
    # A reprint by plain SQL is what the rule allows.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE publications SET title = '產業年報', subtitle = '', printing = 2, "
                          "gpn = '1011500057' WHERE id = :i"), {"i": other})
    with db.session() as session:
        assert session.get(Publication, other).gpn == "1011500057"  # type: ignore[union-attr]
        assert session.get(Publication, first).gpn == "1011500057"  # type: ignore[union-attr]


def _legacy_duplicate(db: Database, unit_id: int) -> tuple[int, int]:
    """Two unrelated books sharing a GPN, as a workspace filled before the rule has them."""
    first = add_book(db, unit_id, "產業年報", gpn="1011500057")
    other = add_book(db, unit_id, "另一本書", gpn="1011500058")
    with db.engine.begin() as conn:
        number_triggers.drop(conn)
        conn.execute(text("UPDATE publications SET gpn = '1011500057' WHERE id = :i"),
                     {"i": other})
        number_triggers.install(conn)
    return first, other


def test_numbers_shared_before_the_rule_are_listed_and_still_editable(db: Database,
                                                                      unit_id: int) -> None:
    first, other = _legacy_duplicate(db, unit_id)
    with db.session() as session:
        shared = shared_numbers(session)
    assert [(s.label, s.value, [h.id for h in s.holders]) for s in shared] == \
        [("GPN", "1011500057", [first, other])]
    with db.session() as session:  # another field of it: saved, the duplicate still listed
        data, version = publication_data(session, other)
        data.pages = 99
        update_publication(session, other, data, expected_version=version)
    with db.session() as session:  # resolved by giving it a number of its own
        data, version = publication_data(session, other)
        data.gpn = "1011500058"
        update_publication(session, other, data, expected_version=version)
    with db.session() as session:
        assert shared_numbers(session) == []


def _submitted(db: Database, publication_id: int, *, correction: bool = False) -> int:
    with db.session() as session:
        application = create_application(session, publication_id, ApplicationKind.GPN,
                                         correction=correction)
        for status in (ApplicationStatus.READY, ApplicationStatus.SUBMITTED):
            advance(session, application, status, date(2026, 12, 1))
    return application


def _assign(db: Database, application: int, number: str, *, correction: bool = False) -> None:
    with db.session() as session:
        advance(session, application, ApplicationStatus.ASSIGNED, date(2026, 12, 7),
                assigned_number=number, correction=correction)


def test_an_assigned_number_is_never_replaced_silently(db: Database, unit_id: int) -> None:
    held = add_book(db, unit_id, "產業年報", gpn="1011500057")
    book_id = add_book(db, unit_id, "另一本書", gpn=None)
    application = _submitted(db, book_id)
    with pytest.raises(ValidationError, match=f"編號 {held}"):
        _assign(db, application, "1011500057")  # another book's number
    _assign(db, application, "1011500058")
    with pytest.raises(NumberCorrectionNeeded, match="已有 GPN 1011500058"):
        _submitted(db, book_id)  # it has one: a new application only as a correction
    correction = _submitted(db, book_id, correction=True)
    with pytest.raises(NumberCorrectionNeeded, match="1011500058 → 1011500059"):
        _assign(db, correction, "1011500059")
    _assign(db, correction, "1011500059", correction=True)
    with db.session() as session:
        assert session.get(Publication, book_id).gpn == "1011500059"  # type: ignore[union-attr]
        changes = [(e.old_value, e.new_value) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "publications",
                                     AuditEntry.entity_id == book_id,
                                     AuditEntry.field == "gpn").order_by(AuditEntry.id))]
    assert changes[-1] == ("1011500058", "1011500059")


def test_the_cli_lists_shared_numbers(db: Database, unit_id: int, locations: Locations,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    if locations.database_url.startswith("postgresql"):
        pytest.skip("the CLI opens the workspace's own SQLite file here")
    first, other = _legacy_duplicate(db, unit_id)
    assert main(["--data-dir", str(locations.data_dir), "numbers-shared"]) == 1
    out = capsys.readouterr().out
    assert "GPN 1011500057" in out
    assert f"編號 {first}" in out
    assert f"編號 {other}" in out


def test_the_agenda_names_each_record_of_a_shared_number(db: Database, unit_id: int) -> None:
    from app.services.agenda import agenda

    first, other = _legacy_duplicate(db, unit_id)
    with db.session() as session:
        items = [i for i in agenda(session, date(2026, 12, 7)) if i.kind == "number_shared"]
    assert sorted(i.record_id for i in items) == [first, other]
    assert all(i.page == "shared_numbers" and "GPN 1011500057 也由" in i.action for i in items)


def test_listing_shared_numbers_does_not_grow_its_queries_with_the_history(
        db: Database, unit_id: int) -> None:
    """A catalogue of reprints shares hundreds of numbers legitimately, and 待辦 reads the
    list on every reload: three queries a number kind, not a few per shared value."""
    from sqlalchemy import event, insert

    from app.models import PublicationRelation

    rows = []
    for n in range(300):
        for printing in (1, 2):
            rows.append({"unit_id": unit_id, "title": f"年報{n}", "subtitle": "",
                         "pub_type": PublicationType.BOOK, "form": PublicationForm.PRINT,
                         "edition": 1, "printing": printing, "gpn": f"10114{n:05d}",
                         "row_version": 1})
    with db.session() as session:
        session.execute(insert(Publication), rows)
        ids = session.execute(select(Publication.id, Publication.gpn, Publication.printing)
                              .order_by(Publication.id)).all()
        first = {gpn: pid for pid, gpn, printing in ids if printing == 1}
        session.add_all(PublicationRelation(source_id=pid, target_id=first[gpn],
                                            kind=RelationKind.REPRINT_OF)
                        for pid, gpn, printing in ids[:200] if printing == 2)
    statements: list[str] = []

    def count(*_args: object) -> None:
        statements.append("x")

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.session() as session:
            assert shared_numbers(session) == []  # linked or same-work reprints: all allowed
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 20, len(statements)
