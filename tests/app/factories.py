"""Builders for test data, through the same services the GUI uses."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import ContributorRole, Publication, PublicationForm, PublicationType
from app.services.publication_rules import ContributorData, PublicationData
from app.services.publications import create_publication


def book(unit_id: int, title: str = "臺灣產業發展年報", **changes: object) -> PublicationData:
    data = PublicationData(
        unit_id=unit_id, title=title, pub_type=PublicationType.BOOK,
        form=PublicationForm.PRINT, published_year=2026, published_month=8, pages=240,
        size_cm="21×29.7", price_ntd=450, gpn="1011500057",
        contributors=[ContributorData("王小明", ContributorRole.CHIEF_EDITOR),
                      ContributorData("陳美華", ContributorRole.EDITOR)])
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def free_gpn(session: Session, first: str = "1011500057") -> str:
    """The first GPN from `first` on that no record holds: the test books are different
    publications, and §4(二) gives each its own number (app.services.number_rule)."""
    taken = set(session.scalars(select(Publication.gpn).where(Publication.gpn.is_not(None))))
    number = int(first)
    while str(number) in taken:
        number += 1
    return str(number)


def add_book(db: Database, unit_id: int, title: str = "臺灣產業發展年報",
             **changes: object) -> int:
    """A book of its own; without a `gpn` given, the next GPN no other record holds."""
    with db.session() as session:
        if "gpn" not in changes:
            changes["gpn"] = free_gpn(session)
        return create_publication(session, book(unit_id, title, **changes)).id
