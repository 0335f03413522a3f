"""The page and type rules every writer follows, so DOCX and PDF give the same layout.

From reference/domain-facts.md (公文 typography): A4 portrait; 機關全銜+函 20 pt centred;
主旨/說明 16 pt; date, number and similar 12 pt; page numbers 10 pt; binding margin on the
left. Chinese in 標楷體 (or 全字庫正楷體), Latin letters and digits in Times New Roman.
"""

from __future__ import annotations

CM = 72 / 2.54
"""Points per centimetre."""

A4_WIDTH_CM, A4_HEIGHT_CM = 21.0, 29.7
MARGIN_LEFT_CM = 2.5
"""Binding line about 1.5 cm from the edge, text about 1 cm inside it."""
MARGIN_RIGHT_CM = 2.5
MARGIN_TOP_CM = 2.5
MARGIN_BOTTOM_CM = 2.0
TABLE_MARGIN_CM = 1.5
"""Margins of landscape lists (no binding)."""

TITLE_PT = 20
BODY_PT = 16
META_PT = 12
PAGE_NUMBER_PT = 10
TABLE_PT = 10
TABLE_TITLE_PT = 16
LINE_SPACING = 1.5
"""Leading as a multiple of the type size."""

ITEM_INDENT_EM = 2
"""Each 說明 level moves the label two characters right; text hangs two characters after it."""

CJK_FONT_DOCX = "標楷體"
LATIN_FONT_DOCX = "Times New Roman"
LANGUAGE_TAG = "zh-TW"


def page_number_text(page: int, total: int) -> str:
    """「第n頁，共N頁」."""
    return f"第{page}頁，共{total}頁"
