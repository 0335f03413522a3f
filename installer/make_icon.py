"""Draws PubDesk's icon (installer/pubdesk.ico): 「出」 in the bundled 全字庫正楷體, white on
the blue of an official seal's ink pad. Run once after a change; the .ico is committed.

    .venv/bin/python installer/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SIZES = [16, 24, 32, 48, 64, 128, 256]


def draw(size: int = 256) -> Image.Image:
    """The icon at `size` pixels."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = max(1, size // 32)
    pen.rounded_rectangle((margin, margin, size - margin - 1, size - margin - 1),
                          radius=size // 6, fill=(27, 74, 140, 255))
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "TW-Kai-98_1.ttf"),
                              int(size * 0.72))
    pen.text((size / 2, size / 2 + size * 0.02), "出", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    target = ROOT / "installer" / "pubdesk.ico"
    draw().save(target, sizes=[(s, s) for s in SIZES])
    draw().save("/tmp/pubdesk-icon.png")
    print(target, target.stat().st_size)
