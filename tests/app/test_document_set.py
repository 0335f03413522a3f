"""All or nothing per document set (issue 29 item 6): a PDF that cannot be made, or a file that
cannot be moved into place, leaves the previous set byte for byte and no hidden folder behind,
and the message says which set stopped and on which character."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from app.db import Database
from app.documents import document_set as document_set_module
from app.documents.document_set import STAGE_PREFIX, document_set
from app.documents.pdf_fonts import MissingGlyphError
from app.errors import PubDeskError
from app.models import ConsentKind
from app.services.consent import (
    BookConsentItem,
    ConsentRequest,
    consent_draft,
    write_consent_files,
)
from tests.app.factories import add_book

DAY = date(2026, 11, 23)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of `folder` (hidden ones too) with its bytes."""
    return {p.name: p.read_bytes() if p.is_file() else b"<folder>" for p in folder.iterdir()}


@pytest.fixture
def consent(db: Database, unit_id: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    book = add_book(db, unit_id, "臺灣產業發展年報")
    with db.session() as session:
        draft = consent_draft(session, ConsentRequest(
            unit_id=unit_id, kind=ConsentKind.BOOK, issued_on=DAY,
            books=[BookConsentItem(book, all_rights=True)]))
    files = write_consent_files(draft, tmp_path)
    assert len(files.all()) == 9  # with the DI file
    return draft


def test_a_pdf_that_fails_leaves_the_previous_set_as_it_was(consent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tmp_path)
    # A 造字 in the Private Use Area no bundled font has: DOCX, ODT, XLSX and ODS take it,
    # the PDF cannot draw it.
    consent.table.rows[0][13] = "限\ue000非營利"
    with pytest.raises(MissingGlyphError) as caught:
        write_consent_files(consent, tmp_path)
    assert snapshot(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(STAGE_PREFIX)]
    message = caught.value.message
    assert message.startswith("「圖書授權函及圖書之利用清單」沒有產生")
    assert "原有的檔案保持原樣" in message
    assert "U+E000" in message


def test_a_file_that_cannot_be_replaced_puts_the_others_back(
        consent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tmp_path)
    consent.table.rows[0][13] = "改過的備註"
    real_replace = os.replace
    calls = {"count": 0}

    def replace(source: str | Path, target: str | Path) -> None:
        calls["count"] += 1
        if calls["count"] == 7:  # the fourth file of the set (each moves old, then new)
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(document_set_module.os, "replace", replace)
    with pytest.raises(PubDeskError) as caught:
        write_consent_files(consent, tmp_path)
    assert calls["count"] >= 7
    assert snapshot(tmp_path) == before
    assert "沒有產生" in caught.value.message


def test_a_new_set_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "新資料夾"

    def fail_after_the_pdf() -> None:
        with document_set(target, "測試清單") as written:
            (written.stage / "清單.pdf").write_bytes(b"%PDF-1.7")
            raise PubDeskError("字型中沒有「\ue000」")

    with pytest.raises(PubDeskError) as caught:
        fail_after_the_pdf()
    assert "測試清單" in caught.value.message
    assert list(target.iterdir()) == []
    with document_set(target, "測試清單") as written:
        pdf = written.stage / "清單.pdf"
        pdf.write_bytes(b"%PDF-1.7")
        (written.stage / "清單.odt").write_bytes(b"PK")
    assert written.final(pdf) == target / "清單.pdf"
    assert sorted(p.name for p in target.iterdir()) == ["清單.odt", "清單.pdf"]


def test_a_stage_left_by_a_stopped_pubdesk_is_cleared_and_the_previous_set_put_back(
        tmp_path: Path) -> None:
    """A crash while moving a set into place left `.pubdesk-*` with the previous files in its
    `.previous`: the next set written there puts them back, then removes the stage; a fresh
    stage (another PubDesk writing now) is left alone."""
    folder = tmp_path / "授權利用"
    folder.mkdir()
    (folder / "授權函.pdf").write_bytes(b"new, moved before the crash")
    (folder / "清單.pdf").write_bytes(b"previous")
    (folder / "標籤.pdf").write_bytes(b"new, moved before the crash, none before it")
    stale = folder / f"{STAGE_PREFIX}crashed"
    (stale / ".previous").mkdir(parents=True)
    (stale / ".plan").write_text("授權函.pdf\n清單.pdf\n標籤.pdf", encoding="utf-8")
    (stale / ".previous" / "授權函.pdf").write_bytes(b"previous")
    (stale / "清單.pdf").write_bytes(b"new, never moved")
    fresh = folder / f"{STAGE_PREFIX}writing"
    fresh.mkdir()
    hour_ago = os.path.getmtime(fresh) - document_set_module.STALE_AFTER_S - 5
    os.utime(stale, (hour_ago, hour_ago))
    with document_set(folder, "其他") as written:
        (written.stage / "其他.txt").write_text("x")
    assert not stale.exists()
    assert fresh.exists()
    assert (folder / "授權函.pdf").read_bytes() == b"previous"
    assert (folder / "清單.pdf").read_bytes() == b"previous"
    assert not (folder / "標籤.pdf").exists()  # the previous set had none
    assert (folder / "其他.txt").read_text() == "x"


def test_a_stage_left_after_a_finished_move_never_puts_the_older_set_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stage of a set that was moved into place whole, then not removed (a crash right
    after, a file in it held by a virus scanner), holds the previous files: they stay where
    they are, the newer set stays in place."""
    folder = tmp_path / "寄存"
    for version in (b"v1", b"v2"):
        monkeypatch.setattr(document_set_module.shutil, "rmtree",
                            lambda *_args, **_kwargs: None)  # the stage is left behind
        with document_set(folder, "寄存清單") as written:
            (written.stage / "清單.pdf").write_bytes(version)
    monkeypatch.undo()
    left = [p for p in folder.iterdir() if p.name.startswith(STAGE_PREFIX)]
    assert len(left) == 2
    later = os.path.getmtime(left[0]) + document_set_module.STALE_AFTER_S + 60
    assert len(document_set_module.clear_stale_stages(folder, now=later)) == 2
    assert (folder / "清單.pdf").read_bytes() == b"v2"
    assert [p.name for p in folder.iterdir()] == ["清單.pdf"]
