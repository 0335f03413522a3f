"""The disc label of 附件三 五 (issue 29 item 8): each publication's 題名、出版年月 and GPN
together, in order of date (115年1月 before 115年10月), no ROC month broken over two lines —
on the disc and on the case insert, 12 titles at once."""

from __future__ import annotations

import random
import re
from pathlib import Path

from app.documents.disc_label import DiscItem, disc_layout, disc_lines, write_disc_label
from tests.pdf_helpers import page_texts

MONTH = re.compile(r"115年\d{1,2}月")


def twelve_items() -> list[DiscItem]:
    items = [DiscItem(f"產業研究報告第{month}輯", f"115年{month}月", f"10115000{month + 40:02d}")
             for month in range(1, 13)]
    random.Random(29).shuffle(items)
    return items


def test_items_are_in_date_order_with_their_fields_together() -> None:
    lines = disc_lines(twelve_items(), "經濟部產業發展署", ["檔案類型：印製用PDF檔（內文）"])
    assert lines[:12] == [f"產業研究報告第{m}輯（115年{m}月，GPN：10115000{m + 40:02d}）"
                          for m in range(1, 13)]
    assert lines[12:] == ["經濟部產業發展署", "檔案類型：印製用PDF檔（內文）"]


def test_no_roc_month_is_broken_on_the_disc_or_the_insert(tmp_path: Path) -> None:
    items = twelve_items()
    lines = disc_lines(items, "經濟部產業發展署", ["檔案類型：印製用PDF檔（內文）"])
    placed = [line.text for line in disc_layout(lines, (300.0, 500.0), above=len(items))]
    found = [month for text in placed for month in MONTH.findall(text)]
    assert sorted(found) == sorted(f"115年{m}月" for m in range(1, 13)), placed
    # Each item in reading order: its GPN after its own month, before the next item's title.
    text = "".join(placed)
    positions = [text.index(f"115年{m}月，GPN：10115000{m + 40:02d}") for m in range(1, 13)]
    assert positions == sorted(positions)
    pdf = write_disc_label(lines, tmp_path / "disc.pdf", above=len(items))
    insert = page_texts(pdf)[1]
    insert_months = [m for line in insert.splitlines() for m in MONTH.findall(line)]
    assert sorted(insert_months) == sorted(f"115年{m}月" for m in range(1, 13)), insert
