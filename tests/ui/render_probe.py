"""Run in a subprocess by test_fonts_and_language with a fontconfig that has no system fonts:
renders each character and reports, as JSON, the ink and a digest of every image."""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile

from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QApplication, QLabel

from app.paths import resolve_locations
from ui.main import prepare_application


def render(text: str) -> QImage:
    label = QLabel(text)
    label.resize(80, 60)
    font = label.font()
    font.setPointSize(28)
    label.setFont(font)
    return label.grab().toImage()


def ink(image: QImage) -> int:
    background = image.pixel(0, 0)
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixel(x, y) != background)


def main() -> None:
    app = QApplication([])
    prepare_application(app, "zh_TW", resolve_locations(tempfile.mkdtemp(), environ={}))
    report = {"families": QFontDatabase.families(), "glyphs": {}}
    for char in sys.argv[1]:
        image = render(char)
        report["glyphs"][char] = {
            "ink": ink(image),
            "digest": hashlib.sha256(bytes(image.constBits())).hexdigest()}
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
