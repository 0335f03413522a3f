"""Search across everything (Ctrl+K): publications (title, people, GPN, ISBN, ISSN — the
publications page's search), number applications (掛號單號), letters (發文字號), stores and
libraries. Each hit names the page and record that open it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import ConsentLetter, DepositLibrary, NumberApplication, Publication, SalesStore
from app.services.publications import label_of, like_pattern, search_publications

LIMIT = 20
"""Hits per kind at most: the list is for choosing, not for reading through."""


@dataclass(frozen=True)
class Hit:
    """One thing found."""

    kind: str
    """出版品, 編號申請, 授權函, 展售門市, 寄存圖書館."""
    text: str
    page: str
    record_id: int


def search_everything(session: Session, text: str) -> list[Hit]:
    """Hits for `text` (empty text: nothing), publications first."""
    text = text.strip()
    if not text:
        return []
    hits = [Hit("出版品", row.label, "publications", row.id)
            for row in search_publications(session, text, limit=LIMIT)]
    pattern = like_pattern(text)
    for application, pub in session.execute(
            select(NumberApplication, Publication).join(Publication)
            .where(or_(NumberApplication.registration_no.ilike(pattern, escape="\\"),
                       NumberApplication.assigned_number.ilike(pattern, escape="\\")))
            .order_by(NumberApplication.id.desc()).limit(LIMIT)).all():
        number = application.registration_no or application.assigned_number
        hits.append(Hit("編號申請", f"{application.kind.label} {number}（{application.status.label}）"
                                    f"：{label_of(pub)}", "numbering", pub.id))
    for letter in session.scalars(select(ConsentLetter).where(
            ConsentLetter.doc_number.ilike(pattern, escape="\\"))
            .order_by(ConsentLetter.issued_on.desc()).limit(LIMIT)):
        # The consent page lists the letters it wrote; it opens on its history.
        hits.append(Hit("授權函", f"{letter.doc_number}（{letter.issued_on}）{letter.subject[:30]}",
                        "consent", -1))
    for store in session.scalars(select(SalesStore).where(
            SalesStore.name.ilike(pattern, escape="\\")).limit(LIMIT)):
        hits.append(Hit("展售門市", store.name + ("" if store.active else "（停用）"), "consignment",
                        store.id))
    for library in session.scalars(select(DepositLibrary).where(
            DepositLibrary.name.ilike(pattern, escape="\\")).limit(LIMIT)):
        hits.append(Hit("寄存圖書館", library.name, "settings", -1))
    return hits
