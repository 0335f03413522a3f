"""目次 in the database: read and save a publication's TOC as a whole outline.

The editor works on the list (app.toc) and saves it back; saving replaces the rows in one
transaction after checking the levels, so the stored outline is always valid.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import PublicationType, TocEntry
from app.services.guard import check_version, touch
from app.services.publications import load_publication
from app.text_rules import control_character_problem
from app.toc import TocLine, check_levels, parse_toc_text


def get_toc(session: Session, publication_id: int) -> list[TocLine]:
    """The TOC in reading order."""
    pub = load_publication(session, publication_id)
    return [TocLine(e.level, e.title, e.page, e.kind) for e in pub.toc_entries]


def toc_for_edit(session: Session, publication_id: int) -> tuple[list[TocLine], int]:
    """The TOC and the version to pass back to `save_toc` (the publication's: the TOC is part
    of it), read version first (app.services.guard)."""
    version = load_publication(session, publication_id).row_version
    session.expire_all()  # the lines from the database now, not an older copy in the session
    return get_toc(session, publication_id), version


def save_toc(session: Session, publication_id: int, lines: list[TocLine], *,
             expected_version: int) -> int:
    """Replace the TOC with `lines` (validated); return the publication's new version.
    Unchanged entries keep their rows, so the audit log shows only what really changed.
    Refused if the publication or its TOC was saved since `expected_version`, the version the
    lines were based on (app.services.guard)."""
    check_levels(lines)
    problems = [found for number, line in enumerate(lines, start=1) if (
        found := control_character_problem("toc", f"目次第 {number} 行", line.title + line.page))]
    if problems:
        raise ValidationError(problems)
    pub = load_publication(session, publication_id)
    check_version(pub, expected_version, pub.title)
    touch(pub)
    existing = list(pub.toc_entries)
    for position, line in enumerate(lines, start=1):
        if position <= len(existing):
            row = existing[position - 1]
            row.position, row.level, row.title = position, line.level, line.title.strip()
            row.page, row.kind = line.page.strip(), line.kind
        else:
            pub.toc_entries.append(TocEntry(position=position, level=line.level,
                                            title=line.title.strip(), page=line.page.strip(),
                                            kind=line.kind))
    for row in existing[len(lines):]:
        pub.toc_entries.remove(row)
    session.flush()
    return pub.row_version


def import_toc_text(session: Session, publication_id: int, text: str,
                    append: bool = False, *, expected_version: int) -> list[TocLine]:
    """Parse pasted TOC text and save it (replacing, or appended to the current TOC), refused
    like `save_toc` if the publication was saved since `expected_version`."""
    parsed = parse_toc_text(text)
    lines = [*get_toc(session, publication_id), *parsed] if append else parsed
    save_toc(session, publication_id, lines, expected_version=expected_version)
    return lines


def toc_applies(pub_type: PublicationType) -> bool:
    """Books and e-publications have a TOC the PDF bookmarks must match (附件三)."""
    return pub_type in (PublicationType.BOOK, PublicationType.E_PUBLICATION)
