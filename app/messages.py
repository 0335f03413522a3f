"""The catalogue of core messages that reach users (Traditional Chinese), kept in one place so
they can be reviewed and translated together. Each says what happened and what to do."""

from __future__ import annotations

CHANGED_ELSEWHERE = "這筆資料已在其他視窗或電腦上被修改。請重新載入後再編輯，您的修改尚未儲存。"
CHANGED_BY = ("「{record}」在您開啟之後，已由 {who} 於 {when} 儲存過，所以這次的修改沒有儲存，"
              "以免蓋掉對方的內容。請按「重新載入」看最新的內容，再重做您的修改。")
DATABASE_LOCKED = (
    "資料庫正被其他程式使用中（可能是另一個 PubDesk 視窗或備份軟體）。"
    "請稍候再試，或關閉其他使用此資料庫的程式。您的修改尚未儲存。"
)
DATABASE_REPLACED = (
    "資料庫檔案「{path}」在 PubDesk 開著它的時候，被其他程式換掉或覆蓋了（例如雲端同步軟體，"
    "或有人把另一個資料庫檔案複製過來）。這次的修改沒有儲存，也沒有寫進那個檔案。"
    "PubDesk 會重新開啟它，畫面將顯示檔案裡現在的資料；沒有存到的修改請再做一次。")
DISK_FULL = "磁碟空間不足，資料未能寫入。請清出空間後再試，您的修改尚未儲存。"
DATABASE_READ_ONLY = "資料庫檔案為唯讀，無法寫入。請確認檔案權限或改用其他資料夾（--data-dir）。"
DATABASE_DAMAGED = ("資料庫檔案已損壞，PubDesk 沒有更動它。請從「檔案 → 還原備份」還原最近的備份"
                    "（命令列：pubdesk db restore 備份檔），並把損壞的檔案留給資訊人員檢查。")
DATABASE_EMPTY_FILE = ("資料庫檔案「{path}」是空的（0 位元組），可能是複製或同步中斷。PubDesk 沒有把它當成新資料庫，"
                       "以免蓋掉您要找回的資料。請從備份還原（pubdesk db restore 備份檔）；"
                       "若確定要從空白資料庫開始，請先刪除或改名這個檔案。")
DATABASE_NO_PERMISSION = ("您的資料庫帳號沒有修改資料的權限（唯讀帳號），這次的修改沒有儲存。"
                          "需要修改請洽系統管理者開通「承辦人」權限。")
SERVER_UNREACHABLE = ("無法連線到辦公室資料庫伺服器（{detail}）。請確認網路與伺服器是否正常，"
                      "或在「設定 → 資料庫」改用本機檔案。畫面上尚未儲存的修改都還在。")
SERVER_TOO_SLOW = ("辦公室資料庫伺服器沒有在時限內完成這項工作（{detail}），沒有寫入任何資料。"
                   "可能有同仁正在修改同一筆資料，或伺服器忙碌；畫面上尚未儲存的修改都還在，請稍後再試。")
RESTORE_LOCKED = ("資料庫正被其他程式使用中，等了 {seconds} 秒仍無法還原。請關閉其他 PubDesk 視窗或備份軟體後再試。"
                  "目前的資料庫未被更動。")
UPGRADED = "資料庫結構已從 {old} 版升級到 {new} 版。升級前的備份：{backup}"
OFFICE_NEEDS_POSTGRES = "辦公室資料庫需要 PostgreSQL 伺服器（網址以 postgresql+psycopg:// 開頭）。"
OFFICE_NOT_INITIALISED = ("已連上伺服器，但這個資料庫還沒有 PubDesk 的資料表。請系統管理者先執行 "
                          "pubdesk db init-server。")
OFFICE_WRONG_PASSWORD = "伺服器拒絕了這個帳號或密碼。請確認帳號與密碼，或洽系統管理者。"
NEW_DATABASE = "已建立新的資料庫（結構 {new} 版）。"
UP_TO_DATE = "資料庫結構已是最新版（{revision}），不需要升級。"
DATABASE_FAILED = "資料庫發生錯誤：{detail}"
NOT_A_DATABASE = "「{path}」不是 PubDesk 資料庫檔案（可能是其他檔案被改了名稱）。請選擇正確的資料庫。"
FOLDER_NOT_WRITABLE = (
    "PubDesk 無法在資料夾「{path}」寫入資料（資料庫要在它的資料夾裡寫入暫存檔）。{reason}"
    "要換資料夾，請在視窗中按「選擇其他資料夾」，或在命令列加上 --data-dir。")
DATABASE_FILE_READ_ONLY = ("資料庫檔案「{path}」是唯讀的（或您沒有寫入它的權限），PubDesk 無法儲存。"
                           "請在檔案的「內容」中取消「唯讀」，或請資訊人員開放寫入權限。")
DATABASE_CANNOT_OPEN = ("無法開啟資料庫檔案「{path}」。請確認它與它所在的資料夾都還在、您有權限讀寫，"
                        "且磁碟仍連接著（隨身碟、網路磁碟）。")
SQLITE_FILE_DAMAGED = "「{path}」已損壞，或不是 SQLite 資料庫檔案。"
SQLITE_FAILED = ("處理資料庫檔案「{path}」時發生錯誤（SQLite 錯誤代碼 {code}）。請再試一次；"
                 "若一再發生，請把錯誤代碼告訴資訊人員。")
NETWORK_SHARE = (
    "資料庫「{path}」位於網路磁碟。為避免資料損壞，已停用 WAL 模式，且同一時間請只由一台電腦使用；"
    "多人共用請改用伺服器資料庫（--db postgresql://…）。"
)
DATABASE_TOO_NEW = (
    "這個資料庫是由較新版本的 PubDesk 建立的（結構版本 {revision}），本程式無法安全開啟。"
    "請安裝最新版 PubDesk，資料庫未被更動。"
)
MIGRATION_FAILED = "資料庫升級失敗，已保持原狀：{detail}。升級前的備份在「{backup}」。"
MIGRATION_FK_BROKEN = "資料庫升級後有 {count} 筆資料的關聯不一致，升級已取消，資料庫保持原狀。"
BACKUP_UNSUPPORTED = ("PubDesk 只能備份 SQLite 檔案與 PostgreSQL 伺服器的資料庫（目前是 {url}），"
                      "請以該資料庫的備份工具備份。")
PG_DUMP_MISSING = ("這部電腦找不到 PostgreSQL 的備份程式 pg_dump，無法備份辦公室伺服器的資料庫。"
                   "請資訊人員安裝 PostgreSQL 用戶端工具（與伺服器同版或較新），或由伺服器端備份。")
RESTORE_WRONG_KIND = ("「{path}」與目前的資料庫不同種類（SQLite 檔案的備份只能還原到 SQLite，"
                      "伺服器的備份只能還原到伺服器）。目前的資料庫未被更動。")
BACKUP_FAILED = "備份失敗：{detail}。資料庫未被更動。"
BACKUP_NOT_WRITTEN = "備份失敗。{reason}資料庫未被更動。"
PG_DUMP_TIMED_OUT = "備份失敗：pg_dump 執行超過 {minutes} 分鐘仍未完成。資料庫未被更動。"
RESTORE_FAILED = "還原失敗。{reason}還原前的資料已另存為「{safety}」。"
RESTORE_OVER_BROKEN_FAILED = "還原失敗。{reason}原本的資料庫檔案保持原狀。"
BACKUP_DISK_FULL = "備份失敗：磁碟空間不足（{path}）。請清出空間或選擇其他資料夾。"
RESTORE_FOREIGN_CODE = ("「{path}」含有 PubDesk 不會建立的程式物件（{objects}），可能被其他工具改過，"
                        "還原後它們會在每次儲存時執行。PubDesk 不還原這個檔案，目前的資料庫未被更動。"
                        "請改用 PubDesk 自己做的備份，或把檔案交給資訊人員檢查。")
RESTORE_NOT_FOUND = "找不到備份檔「{path}」。"
RESTORE_INVALID = "「{path}」不是可還原的 PubDesk 備份：{detail}。目前的資料庫未被更動。"
RESTORE_UNREADABLE = "無法讀取備份檔。{reason}目前的資料庫未被更動。"
RESTORE_DAMAGED = ("備份檔「{path}」已損壞（SQLite 的完整性檢查沒有通過），無法還原。請改選其他備份；"
                   "目前的資料庫未被更動。")
RESTORE_TOO_NEW = "備份檔「{path}」由較新版本的 PubDesk 建立，無法還原。目前的資料庫未被更動。"
OFFICE_SERVER_TOO_OLD = ("這台 PostgreSQL 伺服器是 {version} 版；PubDesk 需要 13 版或更新的版本。"
                         "請資訊人員升級伺服器，資料庫未被更動。")
OFFICE_INIT_NOT_OWNER = ("帳號 {login} 不是這個資料庫的擁有者，不能建立 PubDesk 的資料表與角色。"
                         "請以資料庫擁有者（或 postgres）執行 pubdesk db init-server，資料庫未被更動。")
OFFICE_INIT_NEEDS_CREATEROLE = (
    "帳號 {login} 沒有 CREATEROLE 權限，無法建立 PubDesk 的三個角色。請伺服器管理者執行 "
    "ALTER ROLE {login} CREATEROLE;（完成後可再收回），或改以 postgres 執行 pubdesk db init-server。"
    "資料庫未被更動。")
OFFICE_INIT_NEEDS_ADMIN_OPTION = (
    "角色 {role} 已由其他帳號建立；PostgreSQL 16 起，帳號 {login} 必須對它有 ADMIN OPTION 才能設定。"
    "請以 postgres 執行 pubdesk db init-server，或請伺服器管理者執行 "
    "GRANT {role} TO {login} WITH ADMIN OPTION;。資料庫未被更動。")
OFFICE_INIT_FAILED = ("設定角色與權限時，伺服器拒絕了其中一個步驟（{detail}）。資料表已建立；"
                      "請以 postgres 再執行一次 pubdesk db init-server。")
LOGIN_NAME_RULE = ("帳號請用小寫英文字母開頭，只含小寫英文、數字與底線（2–41 字），"
                   "且不可以 pg_ 或 pubdesk_ 開頭。")
PASSWORD_TOO_SHORT = "密碼至少 {count} 個字元。"
PASSWORDS_DIFFER = "兩次輸入的密碼不一樣，帳號沒有建立。請再執行一次。"
LOGIN_GROUP_RULE = "角色應為 {groups} 之一。"
LOGIN_EXISTS = "伺服器上已有帳號 {login}。請換一個帳號名稱；要改它的密碼請用 pubdesk db set-password。"
LOGIN_NOT_FOUND = "伺服器上沒有帳號 {login}。請確認帳號名稱（pubdesk db add-login 可建立）。"
LOGIN_NEEDS_ADMIN = ("您登入的帳號不是 PubDesk 管理者（pubdesk_admin），不能管理帳號；"
                     "或這個資料庫還沒執行過 pubdesk db init-server。請洽系統管理者。")
LOGIN_NOT_PUBDESK = ("{login} 不是只屬於 PubDesk 角色的一般帳號（它有其他角色或特殊權限），"
                     "PubDesk 不會更動它。請由伺服器管理者處理。")
LOGIN_MANAGER_CANNOT = ("伺服器不允許 PubDesk 更動帳號 {login}（可能是以其他方式建立的帳號）。"
                        "請伺服器管理者以 postgres 處理，或為這位同仁另建新帳號。")
AUDIT_INTACT = "異動紀錄完整：共 {count} 筆，雜湊鏈沒有斷裂；本機記下的 {anchors} 個檢查點都吻合。"
AUDIT_BROKEN = ("異動紀錄在第 {entry} 筆起不一致（{problem}）：這筆或它之前的紀錄被改動、刪除或插入過。"
                "請保留這個資料庫與備份，交給資訊人員調查。")
AUDIT_PROBLEMS = {
    "changed": "紀錄內容與它的雜湊值不符",
    "unlinked": "紀錄與前一筆的連結不符",
    "unchained": "紀錄沒有雜湊值",
    "anchor": "本機先前記下的檢查點已不在或已被改寫",
}

# What went wrong with a file, by the operating system's error (app.os_errors.sentence): each
# names the file and says what to do; the system's own English text is never shown.
OS_NOT_FOUND = "找不到「{path}」：檔案或資料夾不存在，可能已被移動、改名或刪除。請確認位置後再試。"
OS_NO_PERMISSION = ("您沒有存取「{path}」的權限。請改用您有權限的資料夾，"
                    "或請資訊人員開放這個檔案或資料夾的權限。")
OS_DENIED_OR_IN_USE = ("無法存取「{path}」：它可能正由另一個程式開著（例如 Word、Excel 或 Acrobat），"
                       "或您沒有權限。請關閉使用它的程式後再試；仍然不行，請改用其他資料夾或洽資訊人員。")
OS_IN_USE = "「{path}」正由另一個程式使用中（例如在 Word、Excel 或 Acrobat 中開著），請關閉它後再試。"
OS_READ_ONLY = ("「{path}」位於唯讀的磁碟或資料夾（例如光碟、防寫的隨身碟或唯讀的網路資料夾），無法寫入。"
                "請改用其他資料夾，或請資訊人員開放寫入。")
OS_DISK_FULL = "「{path}」所在的磁碟已滿，無法寫入。請清出空間，或改存到其他磁碟後再試。"
OS_QUOTA = "您在「{path}」所在磁碟的配額已用完，無法寫入。請刪除不需要的檔案，或請資訊人員提高配額。"
OS_IS_FOLDER = "「{path}」是資料夾，不是檔案。請選擇檔案，或換一個不與資料夾同名的檔名。"
OS_NOT_FOLDER = "「{path}」的路徑中有一段是檔案而不是資料夾。請確認位置，或改用其他資料夾。"
OS_NAME_TOO_LONG = "「{path}」的路徑或檔名太長。請改用較短的資料夾路徑或檔名後再試。"
OS_INVALID_NAME = "「{path}」的檔名含有 Windows 不允許的字元（\\ / : * ? \" < > |）。請換一個檔名。"
OS_EXISTS = "「{path}」已經存在。請換一個名稱，或先移走現有的檔案。"
OS_BUSY = "「{path}」正被系統或其他程式使用中。請稍候再試，或關閉可能使用它的程式。"
OS_IO = ("讀寫「{path}」時磁碟或裝置發生錯誤（磁碟可能損壞，或隨身碟、網路磁碟已中斷）。"
         "請確認裝置後再試；若一再發生，請洽資訊人員檢查磁碟。")
OS_NETWORK = "連不到「{path}」所在的網路位置（網路磁碟或共用資料夾）。請確認網路連線與共用資料夾可用後再試。"
OS_TOO_MANY_FILES = "同時開啟的檔案太多，無法開啟「{path}」。請關閉一些視窗或程式後再試。"
OS_BLOCKED = "防毒軟體擋下了「{path}」。請洽資訊人員確認這個檔案是否安全。"
OS_FAILED = ("無法存取「{path}」（錯誤代碼 {code}）。請確認檔案位置與權限後再試；"
             "若一再發生，請把錯誤代碼告訴資訊人員。")
OS_FAILED_NO_CODE = "無法存取「{path}」。請確認檔案位置與權限後再試；若一再發生，請洽資訊人員。"
OS_UNNAMED_FILE = "未指明的檔案"

# The number rule (§4(二); app.services.number_rule, app.db.number_triggers)
NUMBER_HELD_BY_OTHER = ("{label} {value} 已由另一筆出版品使用：{holder}。"
                        "每一種出版品、每一種載體各需自己的號碼，只有再刷沿用原號碼；"
                        "請確認號碼，或到那一筆更正。")
NUMBER_HELD_BY_SAME = ("{label} {value} 已由同題名、同版次、同刷次的 {holder}使用，"
                       "這像是同一本出版品建了兩筆。請改用那一筆，或更正版次、刷次。")
NUMBER_RULE_REFUSED = ("資料庫拒絕了這次儲存：{label} 已由另一筆不是它再刷的出版品使用"
                       "（每一種出版品、每一種載體各需自己的號碼）。請確認號碼後再試。")
NUMBER_ALREADY_ASSIGNED = ("這筆出版品已有 {label} {old}，核發的號碼 {new} 與它不同。"
                           "號碼不會被悄悄換掉：若確實要更正，請選「更正號碼」，"
                           "變更會記入異動紀錄（{old} → {new}）。")
NUMBER_APPLICATION_HAS_NUMBER = ("這筆出版品已有 {label} {number}，不需要再申請。"
                                 "若號碼有誤、要申請更正，請選「申請更正」。")

# A letter under its publications' own agency (app.services.consent)
LETTER_UNIT_MISMATCH = ("「{publication}」屬於「{owner}」，發文機關卻是「{unit}」。授權函由出版品所屬的機關發文"
                        "（聯絡人也是該機關的）：請把發文機關改為「{owner}」，或把不同機關的出版品分成各自的函。")

# Packages refused (app.packages.kinds.ExportRefused)
EXPORT_FILES_UNOPENED = ("有 {count} 個電子檔打不開，未匯出：{listing}。打不開的檔案不能以理由核可：請在「電子檔」"
                         "重新指定檔案（可能已被移動或刪除），或把它從出版品移除。")
EXPORT_CHECKS_FAILED = ("有 {count} 項檢查不符合，未匯出：{listing}。請修正檔案，"
                        "或對個別項目註明理由後核可例外。")

# 資源回收筒 (app.services.recycle_bin): a restore is all or nothing; each says so.
RESTORE_MISSING = ("無法還原「{label}」：它用到的 {count} 筆資料已不存在：{names}。"
                   "請為每一筆選擇從資源回收筒重建、改用現有的另一筆，或不還原用到它的部分；"
                   "沒有寫入任何資料，這筆仍在資源回收筒。")
RESTORE_DUPLICATE = ("無法還原「{label}」：{what}「{name}」與現有的「{holder}」重複（{fields}相同）。"
                     "請先修改或刪除現有的那一筆，或還原時改用現有的那一筆；"
                     "沒有寫入任何資料，這筆仍在資源回收筒。")
RESTORE_NUMBER_TAKEN = "無法還原「{label}」：{problem}沒有寫入任何資料，這筆仍在資源回收筒。"
RESTORE_REFUSED = ("無法還原「{label}」：資料庫拒絕寫入（{detail}）。"
                   "沒有寫入任何資料，這筆仍在資源回收筒；請把這段訊息告訴資訊人員。")

# The 號碼重複 page (app.services.number_resolution)
REPRINT_OF_ITSELF = "一筆出版品不能是它自己的再刷：請選另一筆作為原出版品。"
REPRINT_NEEDS_SAME_FORM = ("{reprint} 與 {original} 的載體不同：不同載體各自需"
                           "要自己的號碼，不能記為再刷。請把其中一筆的號碼清除，再為它申請號碼。")
REPRINT_NEEDS_SAME_EDITION = ("{reprint} 與 {original} 的版次不同：修訂版或增訂版"
                              "須有新的號碼，不能記為再刷。請把其中一筆的號碼清除，再為它申請號碼。")
REPRINT_SAME_PRINTING = ("{reprint} 與 {original} 的版次、刷次都相同，再刷的"
                         "刷次應該較大。若它們是同一本出版品建了兩筆，請刪除其中一筆（會移到資源回"
                         "收筒）；若是再刷，請先更正刷次。")
REPRINT_LINK_EXISTS = "{reprint} 已記為 {original} 的再刷（或反之）。"
NUMBER_CHANGED_MEANWHILE = ("{publication} 的 {label} 已不是 {value}（現在是 {now}），"
                            "可能有人剛更正過：沒有清除任何號碼，清單已重新整理。")
DOCUMENT_SET_NOT_WRITTEN = ("「{set}」沒有產生，這一組的檔案都沒有更新，資料夾裡原有的檔案保持原樣。"
                            "原因：{reason}")
IMPORT_CANCELLED = "匯入已取消，沒有寫入任何資料。"
AGENCY_CODE_INVALID = ("機關代碼「{code}」只能有英文字母與數字（最多 20 個），"
                       "請照公文系統通訊錄上的代碼填寫。")
