"""Search across everything (Ctrl+K): publications (title, people, GPN, ISBN, ISSN — the
publications page's search), number applications (掛號單號), letters (發文字號), stores and
libraries. Each hit names the page and record that open it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import ConsentLetter, DepositLibrary, NumberApplication, Publication, SalesStore
from app.services.publications import (
    PublicationFilter,
    count_publications,
    label_of,
    like_pattern,
    search_publications,
)

LIMIT = 20
"""Hits per kind at most: the list is for choosing, not for reading through."""
ALL_LIMIT = 1000
"""Hits per kind when the officer asks to see them all (「顯示全部」)."""
COUNT_LIMIT = ALL_LIMIT
"""Matches counted per kind, at most: beyond it the dialog says 「1,000 筆以上」 (one
character matches most of a 100,000-record catalogue, and is typed on the GUI thread)."""


@dataclass(frozen=True)
class Hit:
    """One thing found."""

    kind: str
    """出版品, 編號申請, 授權函, 展售門市, 寄存圖書館."""
    text: str
    page: str
    record_id: int


@dataclass(frozen=True)
class Found:
    """The hits shown and how many match in all, so the dialog can say 「顯示 20 筆，共 103 筆」
    and offer the rest, never 「找到 20 筆」 when 103 matched."""

    hits: list[Hit]
    total: int
    """Matches in all, counted up to COUNT_LIMIT a kind (`capped` when a kind had more)."""
    capped: bool = False

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


def search_everything(session: Session, text: str) -> list[Hit]:
    """Hits for `text` (empty text: nothing), publications first, at most LIMIT a kind."""
    return find_everything(session, text).hits


def find_everything(session: Session, text: str, limit: int = LIMIT) -> Found:
    """Hits for `text`, at most `limit` of each kind, and the count of every match."""
    text = text.strip()
    if not text:
        return Found([], 0)
    hits = [Hit("出版品", row.label, "publications", row.id)
            for row in search_publications(session, text, limit=limit)]
    counts = [count_publications(session, PublicationFilter(text=text), at_most=COUNT_LIMIT)]
    pattern = like_pattern(text)
    numbers = or_(NumberApplication.registration_no.ilike(pattern, escape="\\"),
                  NumberApplication.assigned_number.ilike(pattern, escape="\\"))
    for application, pub in session.execute(
            select(NumberApplication, Publication).join(Publication).where(numbers)
            .order_by(NumberApplication.id.desc()).limit(limit)).all():
        number = application.registration_no or application.assigned_number
        hits.append(Hit("編號申請", f"{application.kind.label} {number}（{application.status.label}）"
                                    f"：{label_of(pub)}", "numbering", pub.id))
    letters = ConsentLetter.doc_number.ilike(pattern, escape="\\")
    for letter in session.scalars(select(ConsentLetter).where(letters)
                                  .order_by(ConsentLetter.issued_on.desc()).limit(limit)):
        # The consent page lists the letters it wrote; it opens on its history.
        hits.append(Hit("授權函", f"{letter.doc_number}（{letter.issued_on}）{letter.subject[:30]}",
                        "consent", -1))
    stores = SalesStore.name.ilike(pattern, escape="\\")
    for store in session.scalars(select(SalesStore).where(stores).limit(limit)):
        hits.append(Hit("展售門市", store.name + ("" if store.active else "（停用）"), "consignment",
                        store.id))
    libraries = DepositLibrary.name.ilike(pattern, escape="\\")
    for library in session.scalars(select(DepositLibrary).where(libraries).limit(limit)):
        hits.append(Hit("寄存圖書館", library.name, "settings", -1))
    for model, condition in ((NumberApplication, numbers), (ConsentLetter, letters),
                             (SalesStore, stores), (DepositLibrary, libraries)):
        matching = select(model.id).where(condition).limit(COUNT_LIMIT + 1).subquery()
        counts.append(int(session.scalar(select(func.count()).select_from(matching)) or 0))
    capped = any(c > COUNT_LIMIT for c in counts)
    return Found(hits, sum(min(c, COUNT_LIMIT) for c in counts), capped)
