"""Chinese line breaking in every PDF (issue 14, finding 6): no line starts with closing
punctuation, none ends with opening punctuation — checked on the laid-out lines of many
paragraphs at many widths, and on a real letter's text extraction."""

import random

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from app.documents.linebreak import CANNOT_END, CANNOT_START
from app.documents.pdf_fonts import pdf_fonts

SENTENCES = ["檢送下列出版品紙本各1冊（電子檔）及利用清單1份如附件，請查照。",
             "依據經濟部及所屬機關（構）政府出版品管理作業注意事項第十三點辦理：",
             "統一編號GPN：1011500057；ISBN：978-986-00-0000-9（平裝）。",
             "「2026臺灣產業發展年報」、『中小企業白皮書』與【能源統計】。"]


def _lines(markup: str, width: float) -> list[str]:
    """The text of each laid-out line, on either of reportlab's CJK paths (one style: kind 0;
    mixed runs, here a bold word: kind 1)."""
    fonts = pdf_fonts()
    style = ParagraphStyle("t", fontName=fonts.cjk, fontSize=12, leading=16, wordWrap="CJK")
    para = Paragraph(markup, style)
    para.wrap(width, 10_000)
    if para.blPara.kind == 0:
        return ["".join(parts) for _space, parts in para.blPara.lines]
    return ["".join(word.text for word in line.words) for line in para.blPara.lines]


@pytest.mark.parametrize("seed", range(6))
def test_no_line_starts_closed_or_ends_open(seed: int) -> None:
    rng = random.Random(seed)
    checked = 0
    for _ in range(40):
        text = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 4)))
        mixed = seed % 2 == 1
        markup = text.replace("GPN", f'<font name="{pdf_fonts().latin}">GPN</font>') \
            if mixed else text
        for width in (rng.uniform(60, 400) for _ in range(4)):
            lines = [line for line in _lines(markup, width) if line]
            assert "".join(lines) == text, "nothing lost or doubled"
            for line in lines[1:]:
                assert line[0] not in CANNOT_START, (width, line)
            for line in lines[:-1]:
                assert line[-1] not in CANNOT_END, (width, line)
            checked += len(lines)
    assert checked > 200
