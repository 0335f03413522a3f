"""§15: the officer keeps the agency's and the publications' data on the government
publications site (政府出版品資訊網) current. PubDesk remembers what the site was given — when the
GPN was assigned there, and each time the officer marks the site updated — and while a
publication's title, price, pages, online link or published state differ from that, the
agenda says "update the site", naming what changed.

Records imported from years of history have no such memory: nothing is known of what the site
holds, so they raise nothing until the officer marks them updated once."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from app.language import t
from app.models import AgendaSetAside, GpnSiteRecord, Publication, PublicationStatus
from app.services.publications import load_publication

PUBLISHED = (PublicationStatus.PRINTED, PublicationStatus.DEPOSITED, PublicationStatus.ON_SALE,
             PublicationStatus.CONSENT_SENT)
SITE_FIELDS = ("title", "price_ntd", "pages", "online_url", "published")
"""What the site holds of a publication."""


def field_names() -> dict[str, str]:
    """The site's fields as the officer calls them (in the screen's language)."""
    return {"title": t("題名"), "price_ntd": t("定價"), "pages": t("頁數"),
            "online_url": t("網路版網址"), "published": t("出版狀態")}


def _current(pub: Any) -> dict[str, object]:
    """What the site should hold of a publication (an entity or a row with these columns)."""
    return {"title": pub.title, "price_ntd": pub.price_ntd, "pages": pub.pages,
            "online_url": pub.online_url or "", "published": pub.status in PUBLISHED}


def held_of(row: Any) -> Any:
    """What the site holds, from a row that selected it as `site_<field>` (待辦's query)."""
    return SimpleNamespace(title=row.site_title, price_ntd=row.site_price, pages=row.site_pages,
                           online_url=row.site_url, published=row.site_published)


def differences(pub: Any, held: Any) -> list[str]:
    """The site's fields in which `held` (a record, or a row with them) differs from the
    publication, named for the officer — the one comparison the checklist and 待辦 use."""
    current, names = _current(pub), field_names()
    return [names[name] for name in SITE_FIELDS if getattr(held, name) != current[name]]


def record_of(session: Session, publication_id: int) -> GpnSiteRecord | None:
    """What the site was last given, or None when PubDesk does not know."""
    return session.scalar(select(GpnSiteRecord).where(
        GpnSiteRecord.publication_id == publication_id))


def mark_updated(session: Session, publication_id: int, on: date) -> GpnSiteRecord:
    """The officer has registered or updated the publication on the site (audited)."""
    pub = load_publication(session, publication_id)
    record = record_of(session, publication_id) or GpnSiteRecord(publication_id=publication_id)
    record.updated_on = on
    for name, value in _current(pub).items():
        setattr(record, name, value)
    session.add(record)
    # "Out of date" set aside belonged to the site as it was: the next change is news again.
    session.execute(delete(AgendaSetAside).where(
        AgendaSetAside.kind == "gpn_site_outdated", AgendaSetAside.record_id == publication_id))
    session.flush()
    return record


def registered_with_gpn(session: Session, pub: Publication, on: date) -> None:
    """A GPN was just assigned on the site: what it was given then is what it holds."""
    if pub.gpn and pub.id is not None and record_of(session, pub.id) is None:
        mark_updated(session, pub.id, on)


def changed_fields(session: Session, publication_id: int) -> list[str] | None:
    """The site's fields that changed since (named for the officer); None when unknown."""
    record = record_of(session, publication_id)
    if record is None:
        return None
    return differences(load_publication(session, publication_id), record)


def outdated_condition() -> object:
    """SQL: the publication (joined with its record) differs from what the site holds."""
    published = Publication.status.in_(PUBLISHED)
    return or_(Publication.title != GpnSiteRecord.title,
               Publication.price_ntd.is_distinct_from(GpnSiteRecord.price_ntd),
               Publication.pages.is_distinct_from(GpnSiteRecord.pages),
               Publication.online_url != GpnSiteRecord.online_url,
               and_(GpnSiteRecord.published.is_(True), ~published),
               and_(GpnSiteRecord.published.is_(False), published))
