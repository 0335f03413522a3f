"""The life-cycle checklist follows what was recorded, step by step."""

from __future__ import annotations

from datetime import date

from app.db import Database
from app.models import DepositLine, EFile, EFileRole, Publication
from app.services.deposit import acknowledge, mark_sent, plan_deposit
from app.services.life_cycle import checklist
from app.services.numbering import confirm_publication
from tests.app.factories import add_book


def steps(db: Database, publication_id: int) -> dict[str, bool]:
    with db.session() as session:
        return {step.key: step.done for step in checklist(session, publication_id)}


def test_a_book_from_planning_to_deposit(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id, gpn=None)
    assert steps(db, book) == {"numbers": False, "confirmed": False, "deposit": False,
                               "on_sale": False, "consent": False, "efiles": False}
    with db.session() as session:
        (first,) = [s for s in checklist(session, book) if s.key == "numbers"]
        assert "GPN" in first.detail
        assert "ISBN" in first.detail
    with db.session() as session:  # the numbers as an assigned application writes them
        publication = session.get(Publication, book)
        assert publication is not None
        publication.gpn, publication.isbn = "1011500057", "9789865431297"
    assert steps(db, book)["numbers"]
    with db.session() as session:
        confirm_publication(session, book, date(2026, 8, 20))
    with db.session() as session:
        confirmed = next(s for s in checklist(session, book) if s.key == "confirmed")
        assert confirmed.done
        assert confirmed.on == date(2026, 8, 20)
        plan_deposit(session, book)
    with db.session() as session:
        from sqlalchemy import select

        line_ids = list(session.scalars(select(DepositLine.id).where(
            DepositLine.publication_id == book)))
        mark_sent(session, line_ids, date(2026, 8, 25))
        acknowledge(session, line_ids[:1], date(2026, 9, 1))
    with db.session() as session:
        deposit = next(s for s in checklist(session, book) if s.key == "deposit")
        assert not deposit.done
        assert "已收回執 1 處" in deposit.detail
        acknowledge(session, line_ids, date(2026, 9, 3))
    assert steps(db, book)["deposit"]


def test_e_files_count_only_when_all_pass(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id, gpn=None)
    with db.session() as session:
        session.add(EFile(publication_id=book, role=EFileRole.PRINT_BODY, path="a.pdf",
                          check_status="pass"))
        session.add(EFile(publication_id=book, role=EFileRole.PRINT_COVER, path="b.pdf",
                          check_status="fail"))
    with db.session() as session:
        efiles = next(s for s in checklist(session, book) if s.key == "efiles")
    assert not efiles.done
    assert "1 個不符合" in efiles.detail
