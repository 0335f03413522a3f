"""Builders for test data, through the same services the GUI uses."""

from __future__ import annotations

from app.db import Database
from app.models import ContributorRole, PublicationForm, PublicationType
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


def add_book(db: Database, unit_id: int, title: str = "臺灣產業發展年報",
             **changes: object) -> int:
    with db.session() as session:
        return create_publication(session, book(unit_id, title, **changes)).id
