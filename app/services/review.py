"""§16 / 附件五: after the GPN is assigned, the unit reviews the publication itself, then prints.
A unit chooses whether it records that review (Settings → 機關 → 印製前審核); when it does,
the checklist shows the step and the agenda asks for it until a review is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldProblem, ValidationError
from app.language import t
from app.models import PublicationReview
from app.services.publications import load_publication
from app.text_rules import control_character_problem


@dataclass(frozen=True)
class ReviewData:
    """What the officer records."""

    reviewed_on: date
    reviewer: str
    note: str = ""


def record_review(session: Session, publication_id: int, data: ReviewData,
                  today: date | None = None) -> int:
    """Record a review before print (audited); returns its id. Raises ValidationError."""
    pub = load_publication(session, publication_id)
    found = []
    if not data.reviewer.strip():
        found.append(FieldProblem("reviewer", t("請填寫審核人。")))
    if today is not None and data.reviewed_on > today:
        found.append(FieldProblem("reviewed_on", t("審核日期不能晚於今天。")))
    if not pub.gpn:
        found.append(FieldProblem("reviewed_on", t("§16 的審核在取得 GPN 之後；這筆出版品還沒有 GPN。")))
    for name, value in (("reviewer", data.reviewer), ("note", data.note)):
        problem = control_character_problem(name, t("這個欄位"), value, multiline=name == "note")
        if problem:
            found.append(problem)
    if found:
        raise ValidationError(found)
    review = PublicationReview(publication_id=publication_id, reviewed_on=data.reviewed_on,
                               reviewer=data.reviewer.strip(), note=data.note.strip())
    session.add(review)
    session.flush()
    return review.id


def reviews_of(session: Session, publication_id: int) -> list[PublicationReview]:
    """The publication's reviews, latest first."""
    return list(session.scalars(select(PublicationReview).where(
        PublicationReview.publication_id == publication_id).order_by(
        PublicationReview.reviewed_on.desc(), PublicationReview.id.desc())))
