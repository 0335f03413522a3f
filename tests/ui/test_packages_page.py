"""Export a package from the page: refused with the failures listed, accepted with a reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app.demo import build_sample, write_sample_documents
from app.models import EFile, EFileRole
from tests.pdf_factory import Builder


def test_refuse_then_accept_with_reason(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, db, locations = make_window()
    sample = build_sample(db)
    write_sample_documents(db, sample, locations.data_dir / "output", date(2026, 11, 23))
    builder = Builder()
    builder.page(b"1 0 0 rg 0 0 9 9 re f")
    cover = builder.save(tmp_path / "封面.pdf")
    with db.session() as session:
        session.add(EFile(publication_id=sample.books[0], role=EFileRole.PRINT_COVER,
                          path=str(cover)))
    window.hub.announce("publications")
    window.show_page("packages")
    page = window.packages
    page.folder.setText(str(tmp_path / "packages"))
    page.choose(sample.books[0])
    page.export()
    qtbot.waitUntil(lambda: page.failures.rowCount() == 1, timeout=30000)
    assert page.failures.item(0, 0).text() == "封面.pdf"
    assert page.failures.item(0, 1).text() == "色彩模式"
    assert "不符合" in page.error.text()
    assert not (tmp_path / "packages").exists() or not any((tmp_path / "packages").iterdir())

    page.failures.item(0, 3).setText("封面由印刷廠另行轉為 CMYK")
    page.as_zip.setChecked(False)
    page.export()
    qtbot.waitUntil(lambda: page.last_package is not None, timeout=30000)
    manifest = json.loads((page.last_package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["overrides"][0]["reason"] == "封面由印刷廠另行轉為 CMYK"
    assert any(f["path"].endswith("封面.pdf") for f in manifest["files"])
