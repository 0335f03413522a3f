"""Render the stress documents of the conformance tests to PNG, to look at (issue 29).

    python tools/render_stress.py [OUT]      (default docs/rendered)

Builds `tests.document_stress` in a scratch folder, prints the ODT and DOCX through
LibreOffice (soffice must be on PATH) and writes the first pages of each chosen document as
`stress-<document>-<format>-page<n>.png` (PDFium, 0.9 scale)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHOSEN = {
    ("consent", "圖書之利用清單"): ("consent-list", 3),
    ("consent", "圖書授權函"): ("consent-letter", 1),
    ("remark-190", "圖書之利用清單"): ("remark190-list", 2),
    ("consignment", "委託統籌展售清單"): ("consignment", 1),
    ("copyright", "版權頁"): ("copyright", 1),
    ("report", "電子檔檢查報告"): ("check-report", 2),
}


def main() -> None:
    import pypdfium2 as pdfium

    from tests.document_stress import build_stress

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "rendered"
    out.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as scratch:
        stress = build_stress(Path(scratch))
        chosen = {path: CHOSEN[(path.parent.name, path.stem)] for path in stress.files
                  if (path.parent.name, path.stem) in CHOSEN}
        pdfs = {path: path for path in chosen if path.suffix == ".pdf"}
        office = [path for path in chosen if path.suffix in (".odt", ".docx")]
        if soffice and office:
            from tests.app.test_office_rendering import convert

            # With the bundled fonts only, as CI prints them (no system CJK font needed).
            pdfs.update(convert(office, Path(scratch) / "printed"))
        for path, pdf in pdfs.items():
            name, pages = chosen[path]
            document = pdfium.PdfDocument(str(pdf))
            for index in range(min(pages, len(document))):
                image = document[index].render(scale=0.9).to_pil()
                image.save(out / f"stress-{name}-{path.suffix[1:]}-page{index + 1}.png")
            document.close()


if __name__ == "__main__":
    main()
