"""What the readers of outside files say (Traditional Chinese; English in app_en.po). Each
names the file and the limit, and says what to do; all end by saying nothing was written."""

from __future__ import annotations

FILE_TOO_BIG = ("「{name}」有 {size}，超過匯入檔案的上限 {limit}。請把清單分成幾個檔案再匯入。"
                "沒有匯入任何資料。")
NOT_A_SPREADSHEET = ("「{name}」不是 Excel 活頁簿（.xlsx）或 ODF 試算表（.ods），或檔案已損壞。"
                     "請用 Excel 或 LibreOffice 開啟後另存為 .xlsx 或 .ods 再匯入。沒有匯入任何資料。")
OLD_OR_PROTECTED = ("「{name}」是舊版 Excel 檔（.xls），PubDesk 讀不了。請在 Excel 中「另存新檔」為 "
                    "Excel 活頁簿（.xlsx）後再匯入。沒有匯入任何資料。")
PASSWORD_PROTECTED = ("「{name}」設有開啟密碼，PubDesk 無法讀取內容。請在 Excel 或 LibreOffice 以密碼開啟後，"
                      "移除密碼（或另存一份沒有密碼的檔案）再匯入。沒有匯入任何資料。")
TOO_MANY_PARTS = ("「{name}」內含 {count} 個組成檔，超過上限 {limit} 個，不像一般的試算表。"
                  "請在 Excel 或 LibreOffice 開啟後另存新檔再匯入。沒有匯入任何資料。")
PART_TOO_BIG = ("「{name}」的組成檔 {part} 解壓後有 {size}，超過上限 {limit}。請把清單分成幾個檔案，"
                "或刪除多餘的工作表後再匯入。沒有匯入任何資料。")
PART_TOO_COMPRESSED = (
    "「{name}」的組成檔 {part} 壓縮前有 {size}、壓縮後只有 {packed}（{ratio} 倍，上限 {limit} 倍），"
    "這是「壓縮炸彈」的特徵，一般試算表不會如此。PubDesk 沒有開啟它；若檔案來源可信，請用 Excel 或 "
    "LibreOffice 開啟後另存新檔再匯入。沒有匯入任何資料。")
TOTAL_TOO_BIG = ("「{name}」解壓後的內容超過上限 {limit}。請把清單分成幾個檔案再匯入。沒有匯入任何資料。")
TEXTS_TOO_BIG = ("「{name}」的文字內容解壓後超過上限 {limit}。請把清單分成幾個檔案再匯入。沒有匯入任何資料。")
MISSING_PART = ("「{name}」缺少試算表必要的組成檔 {part}，檔案可能不完整或已損壞。請重新儲存或重新下載後再匯入。"
                "沒有匯入任何資料。")
BAD_XML = ("「{name}」的 {part} 內容有誤（第 {line} 行：{problem}），無法讀取。請用 Excel 或 LibreOffice "
           "開啟後另存新檔再匯入。沒有匯入任何資料。")
XML_CONTROL_CHARACTER = "含有 XML 不允許的控制字元"
XML_INVALID_CHARACTER = "含有無效的字元"
XML_TRUNCATED = "內容在中途就結束了，檔案不完整"
XML_TAG_MISMATCH = "標記沒有正確配對"
XML_UNDEFINED_ENTITY = "引用了未定義的實體"
XML_OTHER = "格式錯誤（代碼 {code}）"
DOCTYPE = ("「{name}」的 {part} 含有文件型別宣告（DOCTYPE），一般試算表不會有，可能是惡意檔案。"
           "PubDesk 沒有讀取它。沒有匯入任何資料。")
TOO_MANY_ROWS = ("「{name}」的工作表「{sheet}」超過 {limit} 列，請把清單分成幾個檔案再匯入。沒有匯入任何資料。")
TOO_MANY_DATA_ROWS = ("「{name}」的工作表「{sheet}」有資料的列超過 {limit} 列，請把清單分成幾個檔案再匯入。"
                      "沒有匯入任何資料。")
TOO_MANY_CELLS = ("「{name}」的工作表「{sheet}」有值的儲存格超過 {limit} 格，請把清單分成幾個檔案再匯入。"
                  "沒有匯入任何資料。")
TOO_MANY_COLUMNS = ("「{name}」的工作表「{sheet}」第 {row} 列超過 {limit} 欄，不像一般的清單。"
                    "請刪除多餘的欄後再匯入。沒有匯入任何資料。")
BAD_CELL_REFERENCE = ("「{name}」的工作表「{sheet}」有無效的儲存格位置「{ref}」，檔案可能已損壞。"
                      "請用 Excel 或 LibreOffice 開啟後另存新檔再匯入。沒有匯入任何資料。")
CELL_TOO_LONG = ("「{name}」的工作表「{sheet}」第 {row} 列有一格超過 {limit} 字（Excel 的上限）。"
                 "請縮短後再匯入。沒有匯入任何資料。")
NO_VISIBLE_SHEET = ("「{name}」沒有可見的工作表（全部都被隱藏了）。請在 Excel 或 LibreOffice 取消隱藏"
                    "要匯入的工作表後再匯入。沒有匯入任何資料。")
NO_SUCH_SHEET = ("「{name}」沒有名為「{sheet}」的工作表（有：{sheets}）。")
TIMED_OUT = ("讀取「{name}」超過 {seconds} 秒仍未完成，已停止。檔案可能過大或結構異常；請把清單分成幾個檔案，"
             "或用 Excel 或 LibreOffice 另存新檔再匯入。沒有匯入任何資料。")
OUT_OF_MEMORY = ("讀取「{name}」需要的記憶體超過上限 {limit}，已停止，以免拖垮這台電腦。"
                 "請把清單分成幾個檔案，或用 Excel 或 LibreOffice 另存新檔再匯入。沒有匯入任何資料。")
READER_FAILED = ("讀取「{name}」時發生未預期的錯誤（{detail}），已停止。請用 Excel 或 LibreOffice "
                 "另存新檔再匯入；若一再發生，請把檔案交給資訊人員。沒有匯入任何資料。")
CANCELLED = "已取消讀取「{name}」。沒有匯入任何資料。"

TOC_TOO_LONG = ("貼上的目次有 {count} 個字，超過上限 {limit} 字，不像一本書的目次（可能貼成了全文）。"
                "請只複製目次的部分再貼上。目次沒有更動。")


# The publication list (app.services.publication_lists)

SHEET_CHOICE = ("「{name}」有幾個工作表都有出版品清單：{sheets}。請選擇要匯入的工作表"
                "（命令列：--sheet 工作表名稱）。沒有匯入任何資料。")
NO_HEADER = ("在工作表「{sheet}」的前 {rows} 列找不到欄名列（需要：{required}）。"
             "請用 PubDesk 匯出的清單當範本，或在清單上方加一列欄名。沒有匯入任何資料。")
TITLE_ROWS = "欄名在第 {row} 列；上方 {count} 列是標題或說明，不會匯入。"
HIDDEN_COLUMNS = "這些欄在試算表中是隱藏的，仍會匯入：{columns}。"
HIDDEN_SHEETS = "已略過隱藏的工作表：{sheets}。"
UNKNOWN_COLUMNS = "這些欄不認得，不會匯入：{columns}。"
HIDDEN_ROW = "這一列在試算表中是隱藏的（可能被篩選掉），沒有匯入。要匯入請在 Excel 取消隱藏後再匯入一次。"
UNIT_MISSING = ("出版機關「{unit}」還沒有設定（已有：{names}）。可在匯入時選擇「建立清單中的新機關」"
                "（命令列：--create-units），或先在「設定」新增，或改成已有的名稱。")
UNIT_TO_CREATE = "出版機關「{unit}」會在匯入時新增（之後請到「設定」補上地址與聯絡人）。"
NUMBER_IN_DATABASE = "{label} {value} 已用於資料庫中的「{title}」。"
ALREADY_IN_DATABASE = "{label} {value} 的這一刷（第 {printing} 刷）已在資料庫中（「{title}」），不重複匯入。"
SAME_RECORD_IN_DATABASE = ("機關、題名、版次、刷次與出版年月都相同的「{title}」已在資料庫中，不重複匯入。"
                           "若確實是另一筆出版品，請在清單中區分題名或出版年月。")
NUMBER_IN_FILE = "{label} {value} 與第 {row} 列重複。"

def megabytes(size: int) -> str:
    """A size as people read it: 「1.2 MB」「3 GB」."""
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} GB"
    if size >= 1024 ** 2:
        return f"{size / 1024 ** 2:.1f} MB"
    return f"{max(size, 1) / 1024:.0f} KB"
