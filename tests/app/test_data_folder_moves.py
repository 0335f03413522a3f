"""Outputs belong to the data folder, not to one PC's absolute paths (issue 12, defect 6):
copy or restore the data folder elsewhere and every stored link still works."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from app.db import open_database
from app.demo import build_sample, write_numbering_documents, write_sample_documents
from app.models import NumberApplication
from app.models.datapath import from_stored, to_stored
from app.packages.kinds import build_package
from app.paths import resolve_locations
from app.services.consent import consent_history


def test_outputs_are_found_after_the_data_folder_moves(tmp_path: Path) -> None:
    old = resolve_locations(tmp_path / "old", environ={})
    db = open_database(old)
    sample = build_sample(db)
    write_sample_documents(db, sample, old.data_dir / "output", date(2026, 11, 23))
    write_numbering_documents(db, sample, old.data_dir / "output")
    db.dispose()
    with sqlite3.connect(old.data_dir / "pubdesk.sqlite3") as conn:
        stored = [row[0] for row in conn.execute("SELECT output_folder FROM consent_letters")]
        stored += [row[0] for row in conn.execute("SELECT file_path FROM application_parts")]
    assert stored
    assert all(value.startswith("output/") for value in stored), stored

    shutil.copytree(old.data_dir, tmp_path / "new PC")
    shutil.rmtree(old.data_dir)
    new = resolve_locations(tmp_path / "new PC", environ={})
    db = open_database(new)
    try:
        with db.session() as session:
            for record in consent_history(session):
                assert Path(record.output_folder).is_dir()
                assert Path(record.output_folder).is_relative_to(new.data_dir)
            parts = [p for a in session.query(NumberApplication) for p in a.parts]
            assert parts
            assert all(Path(p.file_path).is_file() for p in parts)
            package = build_package(session, "ncl", [sample.books[1]], tmp_path / "ncl")
        assert len(list(package.rglob("*.pdf"))) == 4
    finally:
        db.dispose()


def test_stored_forms_of_paths(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "output" / "編號").mkdir(parents=True)
    inside = str(data / "output" / "編號" / "版權頁.pdf")
    assert to_stored(inside, data) == "output/編號/版權頁.pdf"
    assert from_stored("output/編號/版權頁.pdf", data) == inside
    elsewhere = str(tmp_path / "book.pdf")
    assert to_stored(elsewhere, data) == elsewhere, "files outside the data folder stay absolute"
    # An absolute path written by an older version on another PC is found in this folder.
    (data / "output" / "編號" / "版權頁.pdf").write_bytes(b"%PDF")
    assert from_stored("C:\\Users\\officer\\AppData\\PubDesk\\output\\編號\\版權頁.pdf",
                       data) == inside
    assert from_stored("/old/pc/output/missing.pdf", data) == "/old/pc/output/missing.pdf"
