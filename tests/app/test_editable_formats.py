"""The officer picks the editable formats (Settings: ODF, Word/Excel, or both): every
document service and the packages write exactly those, beside the PDF (issue 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.db import open_database
from app.demo import build_sample
from app.documents.editable import EditableFormats
from app.documents.labels import PRESETS
from app.packages.kinds import build_package
from app.paths import resolve_locations
from app.services.consent import (
    BookConsentItem,
    ConsentKind,
    ConsentRequest,
    consent_draft,
    record_consent,
    write_consent_files,
)
from app.services.consent_texts import ConsentScope
from app.services.copyright_page import write_copyright_page
from app.services.deposit import plan_deposit, write_deposit_documents
from app.settings import Settings, load_settings, save_settings

ODF = {".odt", ".ods"}
OOXML = {".docx", ".xlsx"}


@pytest.mark.parametrize(("formats", "wanted", "unwanted"), [
    (EditableFormats(odf=True, ooxml=False), ODF, OOXML),
    (EditableFormats(odf=False, ooxml=True), OOXML, ODF),
    (EditableFormats(), ODF | OOXML, set()),
])
def test_every_service_writes_the_formats_asked_for(tmp_path: Path, formats: EditableFormats,
                                                    wanted: set[str],
                                                    unwanted: set[str]) -> None:
    db = open_database(resolve_locations(tmp_path / "ws", environ={}))
    try:
        sample = build_sample(db)
        on = date(2026, 11, 30)
        with db.session() as session:
            draft = consent_draft(session, ConsentRequest(
                unit_id=sample.unit_id, kind=ConsentKind.BOOK, issued_on=on,
                books=[BookConsentItem(sample.books[0], {ConsentScope.PREVIEW})]))
            letters = tmp_path / "out" / "consent"
            files = write_consent_files(draft, letters, formats)
            record_consent(session, draft, str(letters))
            plan_deposit(session, sample.books[0])
            deposit = write_deposit_documents(session, sample.books[0], tmp_path / "out" / "d",
                                              PRESETS[0], on, letters=True, formats=formats)
            copyright_page = write_copyright_page(session, sample.books[0],
                                                  tmp_path / "out" / "c", formats)
        for written in (files.all(), deposit, copyright_page):
            suffixes = {p.suffix for p in written}
            assert ".pdf" in suffixes
            assert not suffixes & unwanted, suffixes
            assert suffixes & wanted, suffixes
        assert files.letter_editable is not None
        assert files.letter_editable.suffix in wanted
        with db.session() as session:
            package = build_package(session, "deposit", [sample.books[0]],
                                    tmp_path / "pkg" / "deposit", formats=formats)
        suffixes = {p.suffix for p in package.rglob("*") if p.is_file()}
        assert not suffixes & unwanted, suffixes
    finally:
        db.dispose()


def test_the_choice_is_a_setting_that_never_leaves_none(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(write_odf=False, write_ooxml=False), path)
    loaded = load_settings(path)
    assert loaded.write_odf  # none at all is not a choice
    assert loaded.write_ooxml
    save_settings(Settings(write_odf=True, write_ooxml=False), path)
    assert EditableFormats.of(load_settings(path)) == EditableFormats(odf=True, ooxml=False)
    assert EditableFormats(odf=True, ooxml=False).suffixes == (".odt", ".ods")
