"""Records that share a title are told apart, and each has its own output folder
(issue 12, defects 5 and 9)."""

from __future__ import annotations

from pathlib import Path

from app.db import Database
from app.models import PublicationForm, RelationKind
from app.outputs import output_folder_for
from app.services.publications import (
    copy_publication,
    load_publication,
    publication_data,
    search_publications,
    update_publication,
)
from tests.app.factories import add_book


def test_print_ebook_reprint_and_revision_have_distinct_labels_and_folders(
        db: Database, unit_id: int, tmp_path: Path) -> None:
    original = add_book(db, unit_id, "臺灣產業創新白皮書", gpn="1011500057")
    with db.session() as session:
        ebook = copy_publication(session, original, RelationKind.OTHER_FORM,
                                 PublicationForm.EBOOK).id
        reprint = copy_publication(session, original, RelationKind.REPRINT_OF).id
        revision = copy_publication(session, original, RelationKind.REVISION_OF).id
        rows = search_publications(session, "白皮書")
        labels = {row.id: row.label for row in rows}
        folders = {pid: output_folder_for(session, tmp_path, "編號", pid)
                   for pid in (original, ebook, reprint, revision)}
    assert set(labels) == {original, ebook, reprint, revision}
    assert len(set(labels.values())) == 4, labels
    assert labels[original] == "臺灣產業創新白皮書（紙本，初版，GPN 1011500057）"
    assert labels[reprint] == "臺灣產業創新白皮書（紙本，初版二刷，GPN 1011500057）"
    assert labels[ebook] == f"臺灣產業創新白皮書（電子書，初版，編號 {ebook}）"
    assert "二版" in labels[revision]
    assert len(set(folders.values())) == 4

    # A folder stays the record's when its title changes later.
    folders[original].mkdir(parents=True)
    with db.session() as session:
        data, version = publication_data(session, original)
        data.title = "臺灣產業創新白皮書/上冊"
        update_publication(session, original, data, expected_version=version)
        assert output_folder_for(session, tmp_path, "編號", original) == folders[original]
        assert "/" not in folders[original].name
        assert load_publication(session, original).title.endswith("上冊")


def test_search_is_bounded(db: Database, unit_id: int) -> None:
    for index in range(60):
        add_book(db, unit_id, f"年報{index}")
    with db.session() as session:
        assert len(search_publications(session, "年報")) == 50
        assert [r.title for r in search_publications(session, "年報59")] == ["年報59"]
        assert search_publications(session, "沒有這本") == []
