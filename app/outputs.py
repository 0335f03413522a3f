"""Where generated documents go: one folder per record, never per title.

Titles repeat (the print book and its e-book, a reprint, a revision) and may hold characters
Windows refuses, so a folder is named from the record's id first — `00012_臺灣產業白皮書（紙本）`
— which cannot collide, reads well sorted, and stays the folder of that record when its title
changes later (an existing folder with the id is reused).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.models import Publication
from app.packages.names import safe_name
from app.services.publications import load_publication

TITLE_CHARS = 50
"""Enough of a title to recognise it; keeps paths far from Windows' 260-character limit."""


def record_folder_name(publication: Publication) -> str:
    """The folder name of a publication, in the output folder and in every package."""
    title = publication.title.strip()
    short = title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1] + "…"
    return safe_name(f"{publication.id:05d}_{short}（{publication.form.label}）")


def publication_output_folder(output_root: Path, workflow: str, publication: Publication) -> Path:
    """`output_root/workflow/<record folder>`: the existing folder of this record when there
    is one (its title may have changed since), else a new name."""
    base = output_root / workflow
    prefix = f"{publication.id:05d}_"
    if base.is_dir():
        for existing in sorted(base.iterdir()):
            if existing.is_dir() and existing.name.startswith(prefix):
                return existing
    return base / record_folder_name(publication)


def output_folder_for(session: Session, output_root: Path, workflow: str,
                      publication_id: int) -> Path:
    """The output folder of publication `publication_id` for one workflow (e.g. 「編號」)."""
    return publication_output_folder(output_root, workflow,
                                     load_publication(session, publication_id))
