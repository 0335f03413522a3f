"""Render the demo's editable documents as an office prints them, for the README tour:
LibreOffice headless converts each DOCX/XLSX/ODT/ODS to PDF (seeing only the system's fonts
and our bundled TW-Kai, as on a PC without 標楷體), and the first page becomes a PNG.

    python tools/office_pages.py OUTPUT_DIR        (needs LibreOffice: soffice on PATH)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from app.demo import make_demo
from app.resources import resource_path

WANTED = ("圖書授權函.odt", "圖書授權函.docx", "圖書之利用清單.ods", "圖書之利用清單.xlsx",
          "寄存函-國家圖書館.odt", "委託統籌展售清單-展售門市聯.docx", "版權頁.odt")


def main(out: Path) -> None:
    import pypdfium2 as pdfium

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed.")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pubdesk-office-"))
    _locations, sample = make_demo(work / "demo", date.today())
    chosen = {p.name: p for p in sample.outputs if p.name in WANTED}
    stage = work / "stage"
    stage.mkdir()
    for name, path in chosen.items():
        shutil.copy(path, stage / f"{Path(name).stem}_{path.suffix[1:]}{path.suffix}")
    conf = work / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{resource_path("fonts")}</dir><cachedir>{work / "fc"}</cachedir></fontconfig>""")
    subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work / "pdf"),
                    *sorted(str(p) for p in stage.iterdir())],
                   check=True, capture_output=True, env=dict(os.environ, FONTCONFIG_FILE=str(conf)))
    for pdf in sorted((work / "pdf").glob("*.pdf")):
        document = pdfium.PdfDocument(str(pdf))
        image = document[0].render(scale=1.4).to_pil()
        target = out / f"office-{pdf.stem}.png"
        image.save(target)
        print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
