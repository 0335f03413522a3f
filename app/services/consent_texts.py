"""The fixed wording of 附件二 (the usage-consent letter and lists of `004_…txt`), quoted so the
outputs read exactly as the MOEA template does."""

from __future__ import annotations

from app.models import EFileRole
from app.models.enums import LabelledEnum


class ConsentScope(LabelledEnum):
    """The six partial scopes of 圖書之利用清單 (全部同意 is a separate flag)."""

    DIGITAL_ARCHIVE = "digital_archive"
    DIGITAL_READING = "digital_reading"
    PREVIEW = "preview"
    EBOOK_SALES = "ebook_sales"
    PRINT_ON_DEMAND = "print_on_demand"
    REPRINT = "reprint"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]


class ArticleScope(LabelledEnum):
    """What a serial article's consent covers."""

    FULL_TEXT = "full_text"
    ABSTRACT = "abstract"

    @property
    def label(self) -> str:
        return "全文(含摘要)" if self is ArticleScope.FULL_TEXT else "摘要"


SCOPE_LABELS = {
    ConsentScope.DIGITAL_ARCHIVE: "數位典藏",
    ConsentScope.DIGITAL_READING: "數位閱覽服務",
    ConsentScope.PREVIEW: "部分內容試閱",
    ConsentScope.EBOOK_SALES: "製作電子書銷售",
    ConsentScope.PRINT_ON_DEMAND: "隨選列印銷售",
    ConsentScope.REPRINT: "重製加印",
}

BOOK_EFILE_TYPES = [EFileRole.FINAL_COVER, EFileRole.FINAL_BODY, EFileRole.PRINT_COVER,
                    EFileRole.PRINT_BODY, EFileRole.SCAN]
SERIAL_EFILE_TYPES = [EFileRole.PRINT_BODY, EFileRole.SCAN]
EFILE_LIST_LABELS = {
    EFileRole.FINAL_COVER: "定稿印製檔(封面)", EFileRole.FINAL_BODY: "定稿印製檔(內文)",
    EFileRole.PRINT_COVER: "印製用PDF檔(封面)", EFileRole.PRINT_BODY: "印製用PDF檔(內文)",
    EFileRole.SCAN: "全文掃描PDF檔",
}

RECIPIENT = "文化部"
CLOSING_NOTE = "注意事項：已同意文化部之出版品，若另有讓與或專屬授權等情事，務請保障已授予文化部之相關權利。"
BOOK_ITEM_2 = "本機關就前項出版品，同意貴部利用（同意範圍如利用清單），其所生之合理使用報酬，由貴部統籌洽定之。"
SERIAL_ITEM_2 = ("本機關就旨揭出版品，不限時間、地域同意貴部利用（同意範圍如利用清單），"
                 "其所生之合理使用報酬，由貴部統籌洽定之。")
BOOK_LIST_TITLE = "圖書之利用清單"
SERIAL_LIST_TITLE = "連續性出版品之利用清單"

BOOK_LIST_NOTES = [
    "一、同意利用之範圍，不限地域及時間，說明如次：",
    "(一) 數位典藏：指基於文獻保存之目的，由本部及授權他人進行數位化掃描、儲存及收錄於資料庫。(涉及重製權及編輯權)",
    "(二) 數位閱覽服務：指基於寄存服務需求，促進政府出版品之免費流通利用，由本部及同意寄存圖書館，進行數位化掃描、"
    "儲存、收錄於資料庫，並透過相關認證機制及借閱數量、時間之限制，以非營利方式提供線上檢索、瀏覽或下載借閱等服務。"
    "(涉及重製權、編輯權及公開傳輸權)",
    "(三) 部分內容試閱：指基於出版品銷售或推廣流通目的，由本部及授權他人以出版品之前十頁內容為原則，進行數位化掃描、"
    "儲存、收錄於資料庫，並提供使用者試閱之服務。(涉及重製權、編輯權及公開傳輸權)",
    "(四) 製作電子書銷售：指同意本部及授權他人以 PDF 格式或其他適合網路瀏覽之電子檔格式儲存、收錄於資料庫，"
    "並提供利用及銷售之服務。(涉及重製權、編輯權及公開傳輸權)",
    "(五) 隨選列印銷售：指同意本部及授權他人以 PDF 格式或其他電子檔格式儲存、收錄於資料庫，以隨選列印"
    " (Print on Demand, POD) 視需要列印紙本銷售或利用。(涉及重製權、編輯權及散布權)",
    "(六) 重製加印：指同意本部及授權他人重製或加印紙本銷售或利用。(涉及重製權、編輯權及散布權)",
    "(七) 「全部同意」係指機關應事先取得所同意之出版品，以各種方法，不限地域、時間、內容利用該出版品"
    "及授權他人利用之權利。",
    "二、各機關就同意利用之範圍，如有特殊利用情形者，請敘明於「備註」欄位。",
]
SERIAL_LIST_NOTES = [
    "一、本部就各機關同意利用之範圍，由本部及授權他人進行數位化掃描、儲存、收錄於資料庫及透過網路提供檢索、瀏覽、"
    "列印等服務。(涉及重製權、編輯權、公開傳輸權)",
    "二、各機關應就連續性出版品各期內容列出利用清單，並依各篇文章係同意全文(含摘要)或摘要予以勾選。",
    "三、各機關可就第一項所列以外之利用方式進行同意，並敘明於「備註」欄位。",
]

CHECKED, UNCHECKED = "■", "□"


def box(checked: bool) -> str:
    """The check box printed in the lists."""
    return CHECKED if checked else UNCHECKED
