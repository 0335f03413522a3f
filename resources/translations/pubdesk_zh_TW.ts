<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AgendaPage</name>
    <message>
        <source>All kinds</source>
        <translation>全部事項</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Mark done…</source>
        <translation>標記已處理…</translation>
    </message>
    <message>
        <source>Dealt with outside PubDesk: the chosen items leave the list (the audit log keeps who and why).</source>
        <translation>已在 PubDesk 之外處理：選取的項目會離開清單（異動紀錄會記下誰、為什麼）。</translation>
    </message>
    <message numerus="yes">
        <source>Snooze %n days</source>
        <translation>
            <numerusform>暫緩 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm published…</source>
        <translation>確認出版…</translation>
    </message>
    <message>
        <source>Record NCL&apos;s confirmation of publication for the chosen “confirm publication” items, with nothing changed (price, pages and month as recorded).</source>
        <translation>為選取的「待確認出版」項目登錄國家圖書館的確認出版，內容不變（定價、頁數與出版年月照目前紀錄）。</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>恢復</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>事項</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>機關</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待辦</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>對象</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>依據</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>該做什麼</translation>
    </message>
    <message>
        <source>Double-click an item, or press Enter, to open it on the page that does it.</source>
        <translation>按兩下或按 Enter，即在處理它的頁面開啟該項。</translation>
    </message>
    <message>
        <source>Choose the heading to act on every item of the group.</source>
        <translation>選取標題列，可對整組的每一項操作。</translation>
    </message>
    <message>
        <source>Nothing is set aside.</source>
        <translation>沒有擱置的項目。</translation>
    </message>
    <message>
        <source>Every year is listed, older publications too.</source>
        <translation>已列出所有年份，較早的出版品也列在內。</translation>
    </message>
    <message>
        <source>Only the recent years</source>
        <translation>只列最近幾年</translation>
    </message>
    <message>
        <source>Up to %1 more items belong to publications published before %2 and are not listed (Settings → To do lists publications of the last …).</source>
        <translation>另有至多 %1 項屬於 %2 以前出版的出版品，未列出（「設定 → 待辦只列出版於最近」可調整）。</translation>
    </message>
    <message>
        <source>List every year</source>
        <translation>列出所有年份</translation>
    </message>
    <message>
        <source>Items set aside (marked done or snoozed): choose some and press Bring back.</source>
        <translation>已擱置的項目（標記已處理或暫緩）：選取後按「恢復」。</translation>
    </message>
    <message>
        <source>Back to the to-do list</source>
        <translation>回到待辦清單</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) set aside (marked done or snoozed) are not listed.</source>
        <translation>
            <numerusform>另有 %n 項已擱置（標記已處理或暫緩），未列出。</numerusform>
        </translation>
    </message>
    <message>
        <source>List them</source>
        <translation>列出這些項目</translation>
    </message>
    <message>
        <source>Choose items first (or a group&apos;s heading for all of it).</source>
        <translation>請先選取項目（或選取組別標題列，代表整組）。</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>標記已處理</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) leave the to-do list. Why (kept in the audit log)?</source>
        <translation>
            <numerusform>%n 個項目將離開待辦清單。原因（記入異動紀錄）？</numerusform>
        </translation>
    </message>
    <message>
        <source>Dealt with before PubDesk</source>
        <translation>使用 PubDesk 之前已處理</translation>
    </message>
    <message>
        <source>%1 item(s) marked done.</source>
        <translation>已將 %1 項標記為已處理。</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>暫緩</translation>
    </message>
    <message>
        <source>%1 item(s) snoozed until %2.</source>
        <translation>已暫緩 %1 項，到 %2 再列出。</translation>
    </message>
    <message>
        <source>Choose “confirm publication” items first.</source>
        <translation>請先選取「待確認出版」的項目。</translation>
    </message>
    <message>
        <source>Confirm published</source>
        <translation>確認出版</translation>
    </message>
    <message numerus="yes">
        <source>Record %n publication(s) as published, with the price, pages and month they have now? Each is recorded as a confirmation in its history.</source>
        <translation>
            <numerusform>要將 %n 筆出版品登錄為已出版，定價、頁數與出版年月照目前紀錄嗎？每一筆都會在異動紀錄記下確認出版。</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirmed together from To do</source>
        <translation>由待辦批次確認</translation>
    </message>
    <message>
        <source>%1 publication(s) confirmed as published.</source>
        <translation>已確認出版 %1 筆。</translation>
    </message>
    <message>
        <source>%1 item(s) brought back.</source>
        <translation>已恢復 %1 項。</translation>
    </message>
    <message>
        <source>Due %1.</source>
        <translation>期限：%1。</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部機關</translation>
    </message>
    <message>
        <source>Reading the to-do list…</source>
        <translation>正在整理待辦事項…</translation>
    </message>
    <message>
        <source>The to-do list could not be read: %1</source>
        <translation>無法讀取待辦事項：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Show %1 more of the %2 left…</source>
        <translation>再顯示 %1 項（其餘共 %2 項）…</translation>
    </message>
    <message>
        <source>%1 overdue, %2 due soon, %3 open.</source>
        <translation>已逾期 %1 項、即將到期 %2 項、待辦 %3 項。</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>目前沒有待辦事項。</translation>
    </message>
    <message>
        <source>No publications yet: add the first one on the Publications page, or import your list with File → Import a publication list (Excel).</source>
        <translation>還沒有任何出版品：請到「出版品」新增第一筆，或用「檔案 → 匯入出版品清單（Excel）」匯入現有的清單。</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>All changes</source>
        <translation>全部異動紀錄</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部期間</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部資料</translation>
    </message>
    <message>
        <source>Words in the old or new value…</source>
        <translation>修改前後內容中的文字…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改者</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>資料</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>修改前 → 修改後</translation>
    </message>
    <message>
        <source>Show %1 more</source>
        <translation>再顯示 %1 筆</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>%1 changes shown</source>
        <translation>顯示 %1 筆異動</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Drop PDF files or folders here</source>
        <translation>將 PDF 檔或資料夾拖放到這裡</translation>
    </message>
    <message>
        <source>Print PDF</source>
        <translation>印製用PDF檔</translation>
    </message>
    <message>
        <source>Scanned PDF</source>
        <translation>全文掃描PDF檔</translation>
    </message>
    <message>
        <source>(none — do not compare or keep) Type to choose…</source>
        <translation>（不比對也不保存）輸入文字以選擇出版品…</translation>
    </message>
    <message>
        <source>PDF page = printed page + this number</source>
        <translation>PDF 頁序 = 印刷頁碼 + 此數</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>檢查規格</translation>
    </message>
    <message>
        <source>Publication (its TOC is compared)</source>
        <translation>出版品（比對其目次）</translation>
    </message>
    <message>
        <source>Page offset</source>
        <translation>頁碼差</translation>
    </message>
    <message>
        <source>Keep results as</source>
        <translation>結果存為</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>加入檔案…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>加入資料夾…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>開始檢查</translation>
    </message>
    <message>
        <source>Report as PDF</source>
        <translation>報告存成 PDF</translation>
    </message>
    <message>
        <source>Report as XLSX</source>
        <translation>報告存成 XLSX</translation>
    </message>
    <message>
        <source>Write bookmarks from the TOC…</source>
        <translation>由目次寫入書籤…</translation>
    </message>
    <message>
        <source>Add PDF files, then press Check.</source>
        <translation>請加入 PDF 檔，再按「開始檢查」。</translation>
    </message>
    <message>
        <source>File / check</source>
        <translation>檔案／檢查項目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Details and what to do</source>
        <translation>說明與處理方式</translation>
    </message>
    <message>
        <source>Add PDF files</source>
        <translation>加入 PDF 檔</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔 (*.pdf)</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>加入資料夾</translation>
    </message>
    <message>
        <source>Keeping results…</source>
        <translation>保存檢查結果…</translation>
    </message>
    <message>
        <source>Checking PDF files…</source>
        <translation>正在檢查 PDF 檔…</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>已取消檢查。</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>處理方式</translation>
    </message>
    <message>
        <source>Technical detail</source>
        <translation>技術細節</translation>
    </message>
    <message>
        <source>%1 file(s) checked: %2 not compliant.</source>
        <translation>已檢查 %1 個檔案，其中 %2 個不符合。</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>儲存報告</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>報告已存到 %1</translation>
    </message>
    <message>
        <source>Saving the report…</source>
        <translation>正在儲存報告…</translation>
    </message>
    <message>
        <source>Choose the publication whose TOC to write, and a file.</source>
        <translation>請選擇要寫入其目次的出版品與檔案。</translation>
    </message>
    <message>
        <source>Save the copy with bookmarks</source>
        <translation>儲存附書籤的複本</translation>
    </message>
    <message>
        <source>This publication has no TOC yet.</source>
        <translation>這筆出版品尚未輸入目次。</translation>
    </message>
    <message>
        <source>Bookmarks written to %1; the original is unchanged.</source>
        <translation>書籤已寫入 %1；原始檔未變動。</translation>
    </message>
    <message>
        <source>Writing bookmarks…</source>
        <translation>正在寫入書籤…</translation>
    </message>
</context>
<context>
    <name>ConsentColumns</name>
    <message>
        <source>Archive</source>
        <translation>典藏</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>閱覽</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>試閱</translation>
    </message>
    <message>
        <source>E-book</source>
        <translation>電子書</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>隨選列印</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>加印</translation>
    </message>
    <message>
        <source>Final cover</source>
        <translation>定稿封面</translation>
    </message>
    <message>
        <source>Final body</source>
        <translation>定稿內文</translation>
    </message>
    <message>
        <source>Print cover</source>
        <translation>印製封面</translation>
    </message>
    <message>
        <source>Print body</source>
        <translation>印製內文</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>掃描檔</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>Books (Annex 2(1))</source>
        <translation>圖書（附件二(一)）</translation>
    </message>
    <message>
        <source>Serial issue (Annex 2(2))</source>
        <translation>連續性出版品逐期（附件二(二)）</translation>
    </message>
    <message>
        <source>As the document system issues it; left empty, the letter prints a blank to fill in</source>
        <translation>公文系統取得的字號；留空則函上印出空白待填</translation>
    </message>
    <message>
        <source>Copies to, separated by commas</source>
        <translation>副本受文者，以「、」分隔</translation>
    </message>
    <message>
        <source>Consent for</source>
        <translation>授權對象</translation>
    </message>
    <message>
        <source>Issuing unit</source>
        <translation>發文機關</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>承辦人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>發文日期</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>發文字號</translation>
    </message>
    <message>
        <source>Copies to</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>列入</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>All rights</source>
        <translation>全部同意</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Add to the letter</source>
        <translation>加入函稿</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>圖書</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>篇名</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>連續性出版品</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>期別</translation>
    </message>
    <message>
        <source>One item per line; indent two spaces for a sub-item. Numbers (一、(一)1、) are added when printed.</source>
        <translation>每行一項；子項目前加兩個空白。編號（一、(一)1、）於輸出時自動加上。</translation>
    </message>
    <message>
        <source>Make draft</source>
        <translation>產生草稿</translation>
    </message>
    <message>
        <source>Write documents and record</source>
        <translation>輸出文件並登錄</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>出版品</translation>
    </message>
    <message>
        <source>Letters sent (double-click to preview)</source>
        <translation>已發函（按兩下預覽）</translation>
    </message>
    <message>
        <source>Choose a book to add first.</source>
        <translation>請先選擇要加入的圖書。</translation>
    </message>
    <message>
        <source>(no GPN)</source>
        <translation>（無 GPN）</translation>
    </message>
    <message>
        <source>Issuing unit set to the publication&apos;s own: %1</source>
        <translation>發文機關已改為出版品所屬的機關：%1</translation>
    </message>
    <message>
        <source>%1 belongs to %2, and this letter is for the publications of %3. A letter is issued by one unit for its own publications: send one letter per unit.</source>
        <translation>「%1」屬於「%2」，這封函是「%3」的出版品。一封授權函由一個機關為自己的出版品發文：請各機關分開發函。</translation>
    </message>
    <message>
        <source>Draft ready: check the subject and the explanation, then write.</source>
        <translation>草稿已產生：請確認主旨與說明後輸出。</translation>
    </message>
    <message>
        <source>Consent letter written to %1</source>
        <translation>授權函已輸出至 %1</translation>
    </message>
    <message>
        <source>Writing the consent documents…</source>
        <translation>正在輸出授權文件…</translation>
    </message>
    <message>
        <source>The files of this letter are no longer in %1.</source>
        <translation>這份公文的檔案已不在 %1。</translation>
    </message>
</context>
<context>
    <name>ConsignmentPage</name>
    <message>
        <source>Store</source>
        <translation>展售門市</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>冊數</translation>
    </message>
    <message>
        <source>With a sample</source>
        <translation>附樣品</translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation>加入清單</translation>
    </message>
    <message>
        <source>Remove the selected line</source>
        <translation>移除選取的項目</translation>
    </message>
    <message>
        <source>Make the list (two copies)</source>
        <translation>建立清單（1式2份）</translation>
    </message>
    <message>
        <source>Supply date</source>
        <translation>供貨日期</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>Consignment list</source>
        <translation>展售清單</translation>
    </message>
    <message>
        <source>Supplied</source>
        <translation>供貨</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退書</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>現有</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>樣品</translation>
    </message>
    <message>
        <source>Record a return of the selected title</source>
        <translation>登錄所選出版品退書</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <source>Sold in the period</source>
        <translation>本期售出</translation>
    </message>
    <message>
        <source>Contract from public selection / most-advantageous tender</source>
        <translation>依公開評選／最有利標決標之契約</translation>
    </message>
    <message>
        <source>Correct this period&apos;s settlement (replaces the one recorded; payments are kept)</source>
        <translation>更正這一期的結帳（取代已登錄的結帳，已收款項保留）</translation>
    </message>
    <message>
        <source>Record the settlement</source>
        <translation>登錄結帳</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>結帳期</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>代售酬金</translation>
    </message>
    <message>
        <source>Contract basis</source>
        <translation>契約依據</translation>
    </message>
    <message>
        <source>Period end</source>
        <translation>結帳日</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>銷售總額</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>應收淨額</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>付款期限</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Choose a publication to add first.</source>
        <translation>請先選擇要加入的出版品。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Record payment of the selected settlement</source>
        <translation>登錄所選結帳的收款</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>結帳</translation>
    </message>
    <message>
        <source>Save the store&apos;s terms</source>
        <translation>儲存門市條件</translation>
    </message>
    <message>
        <source>Commission (at most 40 %, §7)</source>
        <translation>代售酬金（上限 40%，第7點）</translation>
    </message>
    <message>
        <source>First-edition copies</source>
        <translation>初版送書冊數</translation>
    </message>
    <message>
        <source>Store terms</source>
        <translation>門市條件</translation>
    </message>
    <message>
        <source>Royalty</source>
        <translation>版稅</translation>
    </message>
    <message>
        <source>Management</source>
        <translation>管銷費用</translation>
    </message>
    <message>
        <source>Consignment fee</source>
        <translation>委託代售費用</translation>
    </message>
    <message>
        <source>Storage and freight</source>
        <translation>倉儲運費</translation>
    </message>
    <message>
        <source>Special purpose</source>
        <translation>特殊使用目的</translation>
    </message>
    <message>
        <source>Make it the publication&apos;s price</source>
        <translation>設為出版品定價</translation>
    </message>
    <message>
        <source>Calculate and keep</source>
        <translation>試算並保存</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>出版品</translation>
    </message>
    <message>
        <source>Choose each title to send and its copies. The first shipment of a title may carry one sample.</source>
        <translation>逐一選擇要送交的出版品與冊數。首次送交的出版品可附樣品1冊。</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未收金額</translation>
    </message>
    <message>
        <source>Printing cost per copy (NT$)</source>
        <translation>每冊印製成本（新臺幣）</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>計算過程</translation>
    </message>
    <message>
        <source>Price calculator (§6)</source>
        <translation>定價試算（第6點）</translation>
    </message>
    <message>
        <source>Writing the consignment list…</source>
        <translation>正在輸出展售清單…</translation>
    </message>
    <message>
        <source>Select a title in the stock list first.</source>
        <translation>請先在庫存表選擇出版品。</translation>
    </message>
    <message>
        <source>Return recorded.</source>
        <translation>已登錄退書。</translation>
    </message>
    <message>
        <source>Settlement recorded.</source>
        <translation>已登錄結帳。</translation>
    </message>
    <message>
        <source>Select a settlement first.</source>
        <translation>請先選擇結帳資料。</translation>
    </message>
    <message>
        <source>Payment recorded.</source>
        <translation>已登錄收款。</translation>
    </message>
    <message>
        <source>Store terms saved.</source>
        <translation>門市條件已儲存。</translation>
    </message>
    <message>
        <source>Price calculation kept.</source>
        <translation>定價試算已保存。</translation>
    </message>
</context>
<context>
    <name>DatabaseSettings</name>
    <message>
        <source>Database</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <source>This PC (a file in the data folder)</source>
        <translation>本機（資料夾中的資料庫檔案）</translation>
    </message>
    <message>
        <source>The office server (PostgreSQL)</source>
        <translation>辦公室伺服器（PostgreSQL）</translation>
    </message>
    <message>
        <source>server:5432/pubdesk</source>
        <translation>伺服器:5432/pubdesk</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Use this database from the next start</source>
        <translation>下次開啟時改用這個資料庫</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>This PC&apos;s database file needs no test.</source>
        <translation>本機資料庫檔案不需要測試連線。</translation>
    </message>
    <message>
        <source>Connected as %1: you can read and change records.</source>
        <translation>已以 %1 連線：可以查看與修改資料。</translation>
    </message>
    <message>
        <source>Connected as %1: read only (a viewer&apos;s login).</source>
        <translation>已以 %1 連線：唯讀（檢視者帳號）。</translation>
    </message>
    <message>
        <source>Saved. PubDesk uses this database from its next start.</source>
        <translation>已儲存。PubDesk 下次開啟時使用這個資料庫。</translation>
    </message>
    <message>
        <source>This PC has no credential store: PubDesk will ask for the password at each start.</source>
        <translation>這部電腦沒有可保存密碼的地方：每次開啟時 PubDesk 會詢問密碼。</translation>
    </message>
</context>
<context>
    <name>DepositPage</name>
    <message>
        <source>Show everything not yet sent (all publications)</source>
        <translation>顯示所有尚未寄出的項目（全部出版品）</translation>
    </message>
    <message>
        <source>Include the encouraged national libraries</source>
        <translation>包含鼓勵寄存的國立圖書館</translation>
    </message>
    <message>
        <source>Make the deposit plan</source>
        <translation>建立寄存計畫</translation>
    </message>
    <message>
        <source>The designated libraries are reference data: check them against the Ministry of Culture&apos;s current list with “Libraries…”.</source>
        <translation>文化部指定寄存圖書館為參考資料，請以「圖書館清單…」與文化部最新公告核對。</translation>
    </message>
    <message>
        <source>Libraries…</source>
        <translation>圖書館清單…</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>出版品</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>圖書館</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>冊數</translation>
    </message>
    <message>
        <source>E-files</source>
        <translation>電子檔</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>寄出日期</translation>
    </message>
    <message>
        <source>Carrier / reference</source>
        <translation>寄送方式／單號</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why it differs from the rule</source>
        <translation>與規定冊數不同的原因</translation>
    </message>
    <message>
        <source>Change copies</source>
        <translation>修改冊數</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>寄送方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>單號</translation>
    </message>
    <message>
        <source>Mark selected as sent</source>
        <translation>所選項目標示已寄出</translation>
    </message>
    <message>
        <source>Mark selected as acknowledged</source>
        <translation>所選項目標示已收到</translation>
    </message>
    <message>
        <source>Cover letter for each library</source>
        <translation>每個圖書館附函</translation>
    </message>
    <message>
        <source>Shipping list and labels</source>
        <translation>輸出寄存清單與標籤</translation>
    </message>
    <message>
        <source>Label sheet</source>
        <translation>標籤紙規格</translation>
    </message>
    <message>
        <source>Start at label</source>
        <translation>從第幾張標籤開始</translation>
    </message>
    <message>
        <source>Choose a publication to see its deposit plan.</source>
        <translation>請選擇出版品以檢視寄存計畫。</translation>
    </message>
    <message>
        <source>%1 line(s), %2 copies in total.</source>
        <translation>共 %1 項，合計 %2 冊。</translation>
    </message>
    <message>
        <source>Deposit plan ready.</source>
        <translation>寄存計畫已建立。</translation>
    </message>
    <message>
        <source>Select one line to change its copies.</source>
        <translation>請選擇一項再修改冊數。</translation>
    </message>
    <message>
        <source>Copies changed.</source>
        <translation>冊數已修改。</translation>
    </message>
    <message>
        <source>Marked as sent.</source>
        <translation>已標示寄出。</translation>
    </message>
    <message>
        <source>Marked as acknowledged.</source>
        <translation>已標示收到。</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>已輸出至 %1</translation>
    </message>
    <message>
        <source>Writing the deposit documents…</source>
        <translation>正在輸出寄存文件…</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>The file {path} is no longer there (moved or deleted?). Make it again from this page.</source>
        <translation>檔案 {path} 已不在原處（被移動或刪除了？）。請在這一頁重新產生。</translation>
    </message>
    <message>
        <source>The folder {path} could not be shown. Open it in File Explorer yourself.</source>
        <translation>無法顯示資料夾 {path}，請自行在檔案總管中開啟。</translation>
    </message>
    <message>
        <source>No program on this PC opens {kind} files (for example Microsoft Word or LibreOffice Writer for .docx and .odt). The file is saved at:
{path}</source>
        <translation>這台電腦沒有可以開啟 {kind} 檔的程式（例如 .docx 與 .odt 可用 Microsoft Word 或 LibreOffice Writer）。檔案已存在：
{path}</translation>
    </message>
    <message>
        <source>Show the folder</source>
        <translation>顯示資料夾</translation>
    </message>
</context>
<context>
    <name>DocumentViewerPage</name>
    <message>
        <source>No document open</source>
        <translation>尚未開啟文件</translation>
    </message>
    <message>
        <source>Open PDF…</source>
        <translation>開啟 PDF…</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>符合寬度</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>列印…</translation>
    </message>
    <message>
        <source>Open in Word</source>
        <translation>以 Word 開啟</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>開啟資料夾</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>“%1” cannot be shown: the file is missing or damaged.</source>
        <translation>無法顯示「%1」：檔案不存在或已損壞。</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>共 %1 頁</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>開啟 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔 (*.pdf)</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已送出列印。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>列印</translation>
    </message>
    <message>
        <source>The printer could not start.</source>
        <translation>印表機無法啟動。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>列印中…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ErrorDisplay</name>
    <message>
        <source>Something went wrong inside PubDesk. Your saved data is safe. Please send the details below to the developers.</source>
        <translation>PubDesk 內部發生錯誤。已儲存的資料都安全。請將下方的詳細資料提供給開發人員。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新載入</translation>
    </message>
    <message>
        <source>Keep my edits on screen</source>
        <translation>保留畫面上的修改（不儲存）</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>PubDesk user guide</source>
        <translation>PubDesk 使用說明</translation>
    </message>
    <message>
        <source>Search the guide…</source>
        <translation>搜尋說明…</translation>
    </message>
    <message>
        <source>Nothing in the guide matches “%1”.</source>
        <translation>說明中找不到「%1」。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>異動者</translation>
    </message>
    <message>
        <source>What</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>A new publication has no history yet.</source>
        <translation>新的出版品還沒有異動紀錄。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s), newest first.</source>
        <translation>
            <numerusform>共 %n 筆異動，最新的在前。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import %1</source>
        <translation>匯入 %1</translation>
    </message>
    <message>
        <source>Sheet %4 — %1 rows: %2 can be imported, %3 have problems and will be left out. Nothing has been written yet.</source>
        <translation>工作表 %4：共 %1 列，%2 列可匯入，%3 列有問題，將不匯入。目前尚未寫入任何資料。</translation>
    </message>
    <message>
        <source>Create the units named in the list that are not set up yet (%1)</source>
        <translation>建立清單中的新機關（尚未設定：%1）</translation>
    </message>
    <message>
        <source>Import %1 publications</source>
        <translation>匯入 %1 筆出版品</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Written %1 of %2 rows…</source>
        <translation>已寫入 %1／%2 列…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，沒有寫入任何資料。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>匯入中…</translation>
    </message>
</context>
<context>
    <name>ImportRowsModel</name>
    <message>
        <source>Row</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Will be imported</source>
        <translation>將匯入</translation>
    </message>
</context>
<context>
    <name>IssuesEditor</name>
    <message>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>期</translation>
    </message>
    <message>
        <source>Year-month</source>
        <translation>年月</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>ROC year</source>
        <translation>民國年</translation>
    </message>
    <message>
        <source>Issue number</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Year / month</source>
        <translation>出版年月</translation>
    </message>
    <message>
        <source>Special title</source>
        <translation>專刊名稱</translation>
    </message>
    <message>
        <source>Add issue</source>
        <translation>新增期別</translation>
    </message>
    <message>
        <source>Save issue</source>
        <translation>儲存期別</translation>
    </message>
    <message>
        <source>Delete issue</source>
        <translation>刪除期別</translation>
    </message>
    <message>
        <source>Article title</source>
        <translation>篇名</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>起頁</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>迄頁</translation>
    </message>
    <message>
        <source>Add article</source>
        <translation>新增篇目</translation>
    </message>
    <message>
        <source>Remove article</source>
        <translation>移除篇目</translation>
    </message>
    <message>
        <source>Save articles</source>
        <translation>儲存篇目</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>篇目</translation>
    </message>
    <message>
        <source>Articles of %1</source>
        <translation>%1 篇目</translation>
    </message>
    <message>
        <source>Enter the ROC year of the issue.</source>
        <translation>請輸入這一期的出版年（民國）。</translation>
    </message>
    <message>
        <source>Save the publication first; then add its issues.</source>
        <translation>請先儲存出版品，再新增期別。</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <source>Deposit libraries</source>
        <translation>寄存圖書館</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>單位</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>郵遞區號</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>冊數</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Checked against the official list</source>
        <translation>已與公告核對</translation>
    </message>
    <message>
        <source>Agency code</source>
        <translation>機關代碼</translation>
    </message>
    <message>
        <source>Where the code was found</source>
        <translation>代碼出處</translation>
    </message>
    <message>
        <source>Add a library</source>
        <translation>新增圖書館</translation>
    </message>
    <message>
        <source>The designated list is set by the Ministry of Culture and changes: check each row, then tick it as checked.</source>
        <translation>指定寄存圖書館名單由文化部公告並可能變動：請逐筆核對後勾選「已與公告核對」。</translation>
    </message>
    <message>
        <source>Copies must be a whole number.</source>
        <translation>冊數必須是整數。</translation>
    </message>
</context>
<context>
    <name>LibraryEditor</name>
    <message>
        <source>Library</source>
        <translation>圖書館</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>單位</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>冊數</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已核對</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>郵遞區號</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Checked against the official list</source>
        <translation>已與文化部公告名單核對</translation>
    </message>
    <message>
        <source>Agency code (for DI files)</source>
        <translation>機關代碼（DI 檔用）</translation>
    </message>
    <message>
        <source>Where the agency code was found</source>
        <translation>機關代碼出處</translation>
    </message>
</context>
<context>
    <name>LicenceDialog</name>
    <message>
        <source>Licence</source>
        <translation>授權</translation>
    </message>
    <message>
        <source>Edit licence</source>
        <translation>修改授權</translation>
    </message>
    <message>
        <source>Whole</source>
        <translation>全部授權</translation>
    </message>
    <message>
        <source>In part</source>
        <translation>部分授權</translation>
    </message>
    <message>
        <source>Uses or parts licensed, in the contract&apos;s words</source>
        <translation>授權的利用方式或部分，照契約的寫法</translation>
    </message>
    <message>
        <source>Exclusive licence</source>
        <translation>專屬授權</translation>
    </message>
    <message>
        <source>Transfer of the rights</source>
        <translation>讓與著作財產權</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>迄</translation>
    </message>
    <message>
        <source>NT$, empty when none</source>
        <translation>新臺幣，沒有請留空</translation>
    </message>
    <message>
        <source>Copies given in kind, empty when none</source>
        <translation>以書代酬的冊數，沒有請留空</translation>
    </message>
    <message>
        <source>Licensee</source>
        <translation>被授權人</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>範圍</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>利用方式</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>使用報酬</translation>
    </message>
    <message>
        <source>Copies in kind</source>
        <translation>以書代酬</translation>
    </message>
    <message>
        <source>Contract reference</source>
        <translation>契約字號</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>The fee</source>
        <translation>使用報酬</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>冊數</translation>
    </message>
    <message>
        <source>%1 must be a whole number, or empty.</source>
        <translation>%1必須是整數，或留空。</translation>
    </message>
</context>
<context>
    <name>LicencesReviewTab</name>
    <message>
        <source>Review before print (§16)</source>
        <translation>§16 印製前審核</translation>
    </message>
    <message>
        <source>Record the review</source>
        <translation>記錄審核</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>審核日期</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>審核人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Government publications site (§15)</source>
        <translation>§15 政府出版品資訊網</translation>
    </message>
    <message>
        <source>Site updated</source>
        <translation>已更新資訊網</translation>
    </message>
    <message>
        <source>You have registered or updated this publication on the government publications site today</source>
        <translation>您今天已在政府出版品資訊網登錄或更新這筆出版品</translation>
    </message>
    <message>
        <source>Licences to others (§12)</source>
        <translation>§12 授權他人</translation>
    </message>
    <message>
        <source>Licensee</source>
        <translation>被授權人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>利用方式</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>使用報酬</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>Add licence…</source>
        <translation>新增授權…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Save the new publication first.</source>
        <translation>請先儲存這筆新出版品。</translation>
    </message>
    <message>
        <source>Reviewed on %1 by %2.</source>
        <translation>%1 由 %2 審核。</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier review(s).</source>
        <translation>
            <numerusform>另有 %n 次較早的審核。</numerusform>
        </translation>
    </message>
    <message>
        <source>The review comes after the GPN (§16): this publication has none yet.</source>
        <translation>審核在取得 GPN 之後（§16）：這筆出版品還沒有 GPN。</translation>
    </message>
    <message>
        <source>Not reviewed yet: your unit records its review before print.</source>
        <translation>尚未審核：本單位要求印製前記錄審核。</translation>
    </message>
    <message>
        <source>Not reviewed yet. Your unit does not ask for a recorded review (Settings → Units); you may record one all the same.</source>
        <translation>尚未審核。本單位未要求記錄審核（設定 → 機關），仍可記錄。</translation>
    </message>
    <message>
        <source>The publication is registered on the site with its GPN; it has none yet.</source>
        <translation>出版品在申請 GPN 時登錄於資訊網；這筆還沒有 GPN。</translation>
    </message>
    <message>
        <source>PubDesk does not know what the site holds (a record from before, or imported). Compare it on the site, then press Site updated.</source>
        <translation>PubDesk 不知道資訊網上的資料（較早的或匯入的紀錄）。請在資訊網核對後，按「已更新資訊網」。</translation>
    </message>
    <message>
        <source>Out of date since %1: %2 changed. Update the site, then press Site updated.</source>
        <translation>自 %1 以來已過時：%2 有變更。請更新資訊網後，按「已更新資訊網」。</translation>
    </message>
    <message>
        <source>The same as on the site (last updated %1).</source>
        <translation>與資訊網上的資料一致（最後更新 %1）。</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>未定期限</translation>
    </message>
    <message numerus="yes">
        <source>%n copies</source>
        <translation>
            <numerusform>%n 冊</numerusform>
        </translation>
    </message>
    <message>
        <source>Rights granted to the Ministry of Culture</source>
        <translation>已授予文化部的權利</translation>
    </message>
    <message>
        <source>Choose a licence first.</source>
        <translation>請先選擇一筆授權。</translation>
    </message>
    <message>
        <source>Delete licence</source>
        <translation>刪除授權</translation>
    </message>
    <message>
        <source>Delete this licence? The history keeps what it said.</source>
        <translation>要刪除這筆授權嗎？異動紀錄會保留它的內容。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>a publication</source>
        <translation>新增出版品</translation>
    </message>
    <message>
        <source>a number application for the chosen publication</source>
        <translation>為選定的出版品新增編號申請案</translation>
    </message>
    <message>
        <source>a deposit plan for the chosen publication</source>
        <translation>為選定的出版品建立寄存計畫</translation>
    </message>
    <message>
        <source>a consignment list</source>
        <translation>新的委託展售清單</translation>
    </message>
    <message>
        <source>files to check</source>
        <translation>加入要檢查的檔案</translation>
    </message>
    <message>
        <source>a publishing unit</source>
        <translation>新增機關</translation>
    </message>
    <message>
        <source>PubDesk — government publications</source>
        <translation>PubDesk 政府出版品工作台</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>出版品</translation>
    </message>
    <message>
        <source>Numbering</source>
        <translation>編號申請</translation>
    </message>
    <message>
        <source>Deposit copies</source>
        <translation>寄存</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待辦</translation>
    </message>
    <message>
        <source>Sales stores</source>
        <translation>展售門市</translation>
    </message>
    <message>
        <source>Usage consent</source>
        <translation>授權利用</translation>
    </message>
    <message>
        <source>E-file checks</source>
        <translation>電子檔檢查</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>送交包</translation>
    </message>
    <message>
        <source>Document preview</source>
        <translation>文件預覽</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在開啟資料庫…</translation>
    </message>
    <message>
        <source>Signed in as a viewer: you can look at the data but not change it. To make changes, ask the administrator to make your account an officer&apos;s.</source>
        <translation>以檢視者身分登入：只能查看，不能修改資料。如需修改，請洽管理者將您的帳號改為承辦人。</translation>
    </message>
    <message>
        <source>The database is still being opened.</source>
        <translation>資料庫仍在開啟中，請稍候。</translation>
    </message>
    <message>
        <source>Read only (viewer login %1) — %2</source>
        <translation>唯讀（檢視者帳號 %1）— %2</translation>
    </message>
    <message>
        <source>This page cannot be opened: %1</source>
        <translation>這一頁無法開啟：%1</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試一次</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即備份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>還原備份(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新增(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Import a publication list (Excel)…</source>
        <translation>匯入出版品清單（Excel）(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export the publication list (Excel)…</source>
        <translation>匯出出版品清單（Excel）(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Search everything…</source>
        <translation>搜尋全部…</translation>
    </message>
    <message>
        <source>All changes…</source>
        <translation>全部異動紀錄…</translation>
    </message>
    <message>
        <source>Shared numbers…</source>
        <translation>號碼重複…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用說明(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About PubDesk</source>
        <translation>關於 PubDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Settings could not be saved: %1</source>
        <translation>無法儲存設定：%1</translation>
    </message>
    <message>
        <source>Saving… PubDesk closes when it is done.</source>
        <translation>儲存中…儲存完成後 PubDesk 才會關閉。</translation>
    </message>
    <message>
        <source>Automatic backup: %1</source>
        <translation>已自動備份：%1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>備份中…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>What do you want to create?</source>
        <translation>要新增什麼？</translation>
    </message>
    <message>
        <source>Imported %1 publications.</source>
        <translation>已匯入 %1 筆出版品。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>備份</translation>
    </message>
    <message>
        <source>Backed up to:
%1</source>
        <translation>已備份到：
%1</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>還原備份</translation>
    </message>
    <message>
        <source>PubDesk backups (*.sqlite3 *.pgsql.sql)</source>
        <translation>PubDesk 備份檔 (*.sqlite3 *.pgsql.sql)</translation>
    </message>
    <message>
        <source>Replace all current data with the backup “%1”? The current data is backed up first.</source>
        <translation>要以備份「%1」取代目前所有資料嗎？目前的資料會先另行備份。</translation>
    </message>
    <message>
        <source>Restored. The data from before the restore was saved as:
%1</source>
        <translation>已還原。還原前的資料已另存為：
%1</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>還原中…</translation>
    </message>
    <message>
        <source>The database file was replaced by another program. PubDesk opened it again and shows the data now in it; changes that were not saved must be made again.</source>
        <translation>資料庫檔案被其他程式換掉了。PubDesk 已重新開啟它，畫面顯示的是檔案裡現在的資料；沒有存到的修改請再做一次。</translation>
    </message>
    <message>
        <source>Database file replaced</source>
        <translation>資料庫檔案被換掉了</translation>
    </message>
    <message>
        <source>The database file PubDesk had open was replaced by another program. Its data was kept as:
%1

File → Restore a backup brings it back.</source>
        <translation>PubDesk 原本開著的資料庫檔案被其他程式換掉了。原本的資料已另存為：
%1

需要時可用「檔案 → 還原備份」找回。</translation>
    </message>
    <message>
        <source>About PubDesk</source>
        <translation>關於 PubDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;PubDesk %1&lt;/b&gt;&lt;p&gt;The workbench for the publication officers of the Ministry of Economic Affairs and its agencies.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;&lt;p&gt;Chinese text uses 全字庫正楷體 (TW-Kai), National Development Council, Open Government Data License v1.0.&lt;/p&gt;</source>
        <translation>&lt;b&gt;PubDesk %1&lt;/b&gt;&lt;p&gt;經濟部及所屬機關出版品專責人員的工作台。&lt;/p&gt;&lt;p&gt;資料庫：%2&lt;/p&gt;&lt;p&gt;中文字型使用全字庫正楷體（國家發展委員會，政府資料開放授權條款第1版）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NewFromThisDialog</name>
    <message>
        <source>New from this publication</source>
        <translation>由此出版品新增</translation>
    </message>
    <message>
        <source>Make a new publication from “%1”. It is:</source>
        <translation>由「%1」新增一筆出版品，新的出版品是：</translation>
    </message>
    <message>
        <source>A reprint (new printing, content unchanged)</source>
        <translation>再刷（內容未變）</translation>
    </message>
    <message>
        <source>A revised or enlarged edition</source>
        <translation>修訂版或增訂版</translation>
    </message>
    <message>
        <source>The same work in another form (e.g. the e-book)</source>
        <translation>同一著作的其他載體（例如電子書）</translation>
    </message>
    <message>
        <source>New form:</source>
        <translation>新的載體：</translation>
    </message>
</context>
<context>
    <name>NumberingPage</name>
    <message>
        <source>Number</source>
        <translation>號碼</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需要與否</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依據</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>目前</translation>
    </message>
    <message>
        <source>New application</source>
        <translation>新增申請案</translation>
    </message>
    <message>
        <source>Search registration number or title</source>
        <translation>以掛號單號或題名搜尋</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>出版品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>掛號單號</translation>
    </message>
    <message>
        <source>Missing uploads</source>
        <translation>缺少的上傳資料</translation>
    </message>
    <message>
        <source>Choose or start an application.</source>
        <translation>請選擇或新增申請案。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回覆內容</translation>
    </message>
    <message>
        <source>Assigned number</source>
        <translation>核發號碼</translation>
    </message>
    <message>
        <source>CIP block</source>
        <translation>CIP 資料</translation>
    </message>
    <message>
        <source>CIP card file</source>
        <translation>CIP 卡檔案</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>資料備妥</translation>
    </message>
    <message>
        <source>Mark submitted</source>
        <translation>已送出申請</translation>
    </message>
    <message>
        <source>Record the number</source>
        <translation>登錄核發號碼</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退件</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申請案</translation>
    </message>
    <message>
        <source>The book PDF the pages are cut from</source>
        <translation>要裁切頁面的書檔 PDF</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上傳項目</translation>
    </message>
    <message>
        <source>Pages (e.g. 3-4)</source>
        <translation>頁碼（例如 3-4）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Cut the pages</source>
        <translation>裁切頁面</translation>
    </message>
    <message>
        <source>Upload packet</source>
        <translation>上傳資料</translation>
    </message>
    <message>
        <source>The fields of the NCL web form, in its order.</source>
        <translation>國家圖書館申請網頁的欄位，依網頁順序排列。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Data sheet</source>
        <translation>申請資料表</translation>
    </message>
    <message>
        <source>Copyright page (DOCX, PDF, text)</source>
        <translation>版權頁（DOCX、PDF、文字）</translation>
    </message>
    <message>
        <source>ISBN barcode (SVG, PDF)</source>
        <translation>ISBN 條碼（SVG、PDF）</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未變更</translation>
    </message>
    <message>
        <source>ROC year, if delayed</source>
        <translation>延後出版時的民國年</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>實際定價</translation>
    </message>
    <message>
        <source>Pages now</source>
        <translation>實際頁數</translation>
    </message>
    <message>
        <source>Published year / month</source>
        <translation>實際出版年月</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Confirm publication (NCL part 4)</source>
        <translation>確認出版（國家圖書館 四）</translation>
    </message>
    <message>
        <source>After printing:</source>
        <translation>印製完成後：</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>輸出</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可選</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不適用</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>已複製：%1</translation>
    </message>
    <message>
        <source>Still missing: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <source>All uploads are ready.</source>
        <translation>所有上傳資料都已備妥。</translation>
    </message>
    <message>
        <source>The number is already there</source>
        <translation>已有這個號碼</translation>
    </message>
    <message>
        <source>Keep the number</source>
        <translation>保留原號碼</translation>
    </message>
    <message>
        <source>Application started.</source>
        <translation>已新增申請案。</translation>
    </message>
    <message>
        <source>Apply for a correction</source>
        <translation>申請更正</translation>
    </message>
    <message>
        <source>Application is now: %1</source>
        <translation>申請案狀態：%1</translation>
    </message>
    <message>
        <source>Correct the number</source>
        <translation>更正號碼</translation>
    </message>
    <message>
        <source>The book PDF</source>
        <translation>書檔 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔 (*.pdf)</translation>
    </message>
    <message>
        <source>Choose the book PDF first.</source>
        <translation>請先選擇書檔 PDF。</translation>
    </message>
    <message>
        <source>Pages cut into %1</source>
        <translation>已裁切至 %1</translation>
    </message>
    <message>
        <source>Cutting the pages…</source>
        <translation>正在切割頁面…</translation>
    </message>
    <message>
        <source>Copyright page written.</source>
        <translation>版權頁已輸出。</translation>
    </message>
    <message>
        <source>Writing the copyright page…</source>
        <translation>正在產生版權頁…</translation>
    </message>
    <message>
        <source>This publication has no ISBN yet.</source>
        <translation>這筆出版品還沒有 ISBN。</translation>
    </message>
    <message>
        <source>Price, pages and year must be whole numbers.</source>
        <translation>定價、頁數與年份必須是整數。</translation>
    </message>
    <message>
        <source>Publication confirmed.</source>
        <translation>已確認出版。</translation>
    </message>
    <message>
        <source>Publication confirmed on %1 (kept in its history).</source>
        <translation>已於 %1 確認出版（已記入出版品的變更紀錄）。</translation>
    </message>
    <message>
        <source>Recorded: %1</source>
        <translation>記錄的變更：%1</translation>
    </message>
</context>
<context>
    <name>PackagesPage</name>
    <message>
        <source>For the Ministry of Culture (consent, e-files, disc label)</source>
        <translation>送文化部（授權函、電子檔、光碟碟面）</translation>
    </message>
    <message>
        <source>For the National Central Library (ISBN/CIP uploads)</source>
        <translation>送國家圖書館（ISBN／CIP 上傳資料）</translation>
    </message>
    <message>
        <source>For deposit (list and labels)</source>
        <translation>寄存（清單與標籤）</translation>
    </message>
    <message>
        <source>Add to the package</source>
        <translation>加入送交包</translation>
    </message>
    <message>
        <source>Untick a publication to leave it out</source>
        <translation>取消勾選即不放入送交包</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>As a ZIP file</source>
        <translation>輸出為 ZIP 檔</translation>
    </message>
    <message>
        <source>Check and export</source>
        <translation>檢查並匯出</translation>
    </message>
    <message>
        <source>Open the package folder</source>
        <translation>開啟送交包資料夾</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>檢查項目</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Reason to accept (empty = fix it)</source>
        <translation>核可理由（留空＝需修正檔案）</translation>
    </message>
    <message>
        <source>Package for</source>
        <translation>送交對象</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <source>Publications in the package</source>
        <translation>納入的出版品</translation>
    </message>
    <message>
        <source>Checks that failed (accept one only with a reason; it is written into the manifest)</source>
        <translation>不符合的檢查項目（核可例外須寫明理由，理由會記入 manifest）</translation>
    </message>
    <message>
        <source>Save packages in</source>
        <translation>送交包存放位置</translation>
    </message>
    <message>
        <source>Package ready: %1</source>
        <translation>送交包已完成：%1</translation>
    </message>
    <message>
        <source>Building the package…</source>
        <translation>正在建立送交包…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未寫入任何檔案。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>儲存中…</translation>
    </message>
</context>
<context>
    <name>PublicationFormWidget</name>
    <message>
        <source>Basic data</source>
        <translation>基本資料</translation>
    </message>
    <message>
        <source>Publishing unit</source>
        <translation>出版機關</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>載體</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副題名</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>叢書名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>著作方式</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>新增著作者</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>移除著作者</translation>
    </message>
    <message>
        <source>Authors, editors,
translators</source>
        <translation>著者、編者、
譯者</translation>
    </message>
    <message>
        <source>The status follows the steps below: a GPN makes it numbered; confirming publication (Numbering), sending the deposit copies, the first shipment to a store and the consent letter each move it on.</source>
        <translation>狀態依下方的步驟自動更新：填入 GPN 即為「已編號」；確認出版（編號申請）、寄出寄存書、首次送展售門市、送出授權函，都會把狀態往前推進。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>The life cycle of this publication: what is done, what is missing, and the rule behind each step</source>
        <translation>這筆出版品的流程：已完成的、尚缺的，以及每一步依據的規定</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>出版資訊</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>刷次</translation>
    </message>
    <message>
        <source>ROC year, e.g. 115</source>
        <translation>民國年，例如 115</translation>
    </message>
    <message>
        <source>Publication year / month</source>
        <translation>出版年月</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>頁數</translation>
    </message>
    <message>
        <source>Size (cm)</source>
        <translation>開本（公分）</translation>
    </message>
    <message>
        <source>Binding</source>
        <translation>裝訂</translation>
    </message>
    <message>
        <source>NT$, empty when not for sale</source>
        <translation>新臺幣元，非賣品請留空</translation>
    </message>
    <message>
        <source>Price (NT$)</source>
        <translation>定價（新臺幣）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語文</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>適用對象</translation>
    </message>
    <message>
        <source>Subject keywords</source>
        <translation>主題關鍵詞</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>內容簡介</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>號碼</translation>
    </message>
    <message>
        <source>CIP status</source>
        <translation>預行編目（CIP）</translation>
    </message>
    <message>
        <source>Paste the CIP block from the National Central Library</source>
        <translation>貼上國家圖書館提供的 CIP 資料</translation>
    </message>
    <message>
        <source>CIP block</source>
        <translation>CIP 資料</translation>
    </message>
    <message>
        <source>Rights and partners</source>
        <translation>著作權與合作</translation>
    </message>
    <message>
        <source>Copyright owner</source>
        <translation>著作財產權人</translation>
    </message>
    <message>
        <source>Licences and notes</source>
        <translation>授權與備註</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>合作方式</translation>
    </message>
    <message>
        <source>Partner name</source>
        <translation>合作單位</translation>
    </message>
    <message>
        <source>The partner supplies the exhibition stores (§17)</source>
        <translation>合作單位負責供書展售門市（第17點）</translation>
    </message>
    <message>
        <source>percent agreed with the stores</source>
        <translation>與門市議定之百分比</translation>
    </message>
    <message>
        <source>Partner&apos;s store commission</source>
        <translation>合作單位代售酬金</translation>
    </message>
    <message>
        <source>Reuse fee agreed</source>
        <translation>議定之合理使用報酬</translation>
    </message>
    <message>
        <source>Online URL</source>
        <translation>線上網址</translation>
    </message>
    <message>
        <source>Registered on the government publications site</source>
        <translation>已登錄於政府出版品資訊網</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1必須是整數。</translation>
    </message>
    <message>
        <source>The publication year</source>
        <translation>出版年</translation>
    </message>
    <message>
        <source>The commission must be a number.</source>
        <translation>代售酬金必須是數字。</translation>
    </message>
    <message>
        <source>The price</source>
        <translation>定價</translation>
    </message>
</context>
<context>
    <name>PublicationLists</name>
    <message>
        <source>Export the publication list</source>
        <translation>匯出出版品清單</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 publications written to:
%2</source>
        <translation>已將 %1 筆出版品寫入：
%2</translation>
    </message>
    <message>
        <source>Exporting the publication list…</source>
        <translation>正在匯出出版品清單…</translation>
    </message>
    <message>
        <source>Import a publication list</source>
        <translation>匯入出版品清單</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.ods);;All files (*)</source>
        <translation>試算表 (*.xlsx *.ods);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Reading the list: %1 rows so far</source>
        <translation>正在讀取清單：已讀 %1 列</translation>
    </message>
    <message>
        <source>Checking row %1 of %2</source>
        <translation>正在檢查第 %1 列，共 %2 列</translation>
    </message>
    <message>
        <source>Which sheet?</source>
        <translation>匯入哪一個工作表？</translation>
    </message>
    <message>
        <source>Several sheets of %1 hold a publication list. Import which one?</source>
        <translation>%1 有幾個工作表都有出版品清單，要匯入哪一個？</translation>
    </message>
    <message>
        <source>Checking the list…</source>
        <translation>正在檢查清單…</translation>
    </message>
</context>
<context>
    <name>PublicationPicker</name>
    <message>
        <source>Type a title, person, GPN or ISBN to choose…</source>
        <translation>輸入題名、人名、GPN 或 ISBN 以選擇…</translation>
    </message>
    <message>
        <source>Show the most recently changed publications</source>
        <translation>列出最近修改的出版品</translation>
    </message>
</context>
<context>
    <name>PublicationTableModel</name>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>載體</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>機關</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>出版年月</translation>
    </message>
</context>
<context>
    <name>PublicationsPage</name>
    <message>
        <source>Search titles, people, GPN, ISBN…</source>
        <translation>搜尋題名、著作者、GPN、ISBN…</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部類型</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部狀態</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>New publication (Ctrl+N)</source>
        <translation>新增出版品（Ctrl+N）</translation>
    </message>
    <message>
        <source>New from this…</source>
        <translation>由此新增…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Recycle bin…</source>
        <translation>資源回收筒…</translation>
    </message>
    <message>
        <source>Deleted publications, to restore or remove for good</source>
        <translation>已刪除的出版品：可還原或永久刪除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>儲存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>還原修改</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細資料</translation>
    </message>
    <message>
        <source>Table of contents</source>
        <translation>目次</translation>
    </message>
    <message>
        <source>Issues and articles</source>
        <translation>期別與篇目</translation>
    </message>
    <message>
        <source>Related publications</source>
        <translation>相關出版品</translation>
    </message>
    <message>
        <source>Licences and review</source>
        <translation>授權與審核</translation>
    </message>
    <message>
        <source>History</source>
        <translation>異動紀錄</translation>
    </message>
    <message numerus="yes">
        <source>%n publication(s)</source>
        <translation>
            <numerusform>%n 筆出版品</numerusform>
        </translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部機關</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>尚未儲存</translation>
    </message>
    <message>
        <source>This publication has changes that are not saved. Save them?</source>
        <translation>這筆出版品有尚未儲存的修改，要儲存嗎？</translation>
    </message>
    <message>
        <source>Go there</source>
        <translation>前往</translation>
    </message>
    <message>
        <source>No publishing unit yet</source>
        <translation>尚未設定機關</translation>
    </message>
    <message>
        <source>Add your unit first under Settings → Publishing units; its name and address go on every letter.</source>
        <translation>請先到「設定 → 機關」新增您的機關；機關名稱與地址會印在每一份公文上。</translation>
    </message>
    <message>
        <source>New publication — fill in the title and save.</source>
        <translation>新增出版品：請填寫題名後儲存。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>儲存中…</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>尚未儲存：請修正紅字標示的欄位。</translation>
    </message>
    <message>
        <source>Not saved: someone else saved this publication first.</source>
        <translation>尚未儲存：有人先儲存了這筆出版品。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>尚未儲存：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <source>Save first</source>
        <translation>請先儲存</translation>
    </message>
    <message>
        <source>Save the publication before its table of contents.</source>
        <translation>請先儲存出版品，再儲存目次。</translation>
    </message>
    <message>
        <source>Table of contents saved.</source>
        <translation>目次已儲存。</translation>
    </message>
    <message>
        <source>Delete “%1” with its table of contents, issues and files list? It goes to the recycle bin, from which it can be restored.</source>
        <translation>要刪除「%1」及其目次、期別與檔案清單嗎？刪除後會移到資源回收筒，可以再還原。</translation>
    </message>
    <message>
        <source>Moved “%1” to the recycle bin.</source>
        <translation>已將「%1」移到資源回收筒。</translation>
    </message>
    <message>
        <source>Delete publication</source>
        <translation>刪除出版品</translation>
    </message>
</context>
<context>
    <name>RecipientCodes</name>
    <message>
        <source>Recipients&apos; agency codes (for DI files)</source>
        <translation>收文機關代碼（DI 檔用）</translation>
    </message>
    <message>
        <source>The document system names each recipient by its agency code. Copy it from the document system&apos;s directory; PubDesk never guesses one, and an empty code is left for the document system to fill in.</source>
        <translation>公文系統以機關代碼辨識受文者。請照公文系統通訊錄填寫；PubDesk 不會猜代碼，留空的代碼由公文系統補上。</translation>
    </message>
    <message>
        <source>e.g. A09000000E</source>
        <translation>例如 A09000000E</translation>
    </message>
    <message>
        <source>Where it was found</source>
        <translation>出處（例如：公文系統通訊錄，115年12月）</translation>
    </message>
    <message>
        <source>Save agency codes</source>
        <translation>儲存機關代碼</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <source>Recycle bin</source>
        <translation>資源回收筒</translation>
    </message>
    <message>
        <source>Deleted publications stay here with their table of contents, issues, applications, deposit records and files list until you restore them or remove them for good.</source>
        <translation>刪除的出版品連同目次、期別、申請案、寄存紀錄與檔案清單都保留在這裡，直到您還原或永久刪除。</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>出版品</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>刪除時間</translation>
    </message>
    <message>
        <source>By</source>
        <translation>刪除者</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>永久刪除…</translation>
    </message>
    <message>
        <source>Empty the recycle bin…</source>
        <translation>清空資源回收筒…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已還原</translation>
    </message>
    <message>
        <source>“%1” is back, without what you chose to leave out:
%2</source>
        <translation>「%1」已還原，但不含您選擇不還原的部分：
%2</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>永久刪除</translation>
    </message>
    <message>
        <source>Delete “%1” for good? It cannot be restored afterwards (backups still have it).</source>
        <translation>要永久刪除「%1」嗎？刪除後無法再還原（備份中仍有這筆資料）。</translation>
    </message>
    <message>
        <source>Empty the recycle bin</source>
        <translation>清空資源回收筒</translation>
    </message>
    <message numerus="yes">
        <source>Delete all %n publication(s) in the recycle bin for good? They cannot be restored afterwards (backups still have them).</source>
        <translation>
            <numerusform>要永久刪除資源回收筒中的 %n 筆出版品嗎？刪除後無法再還原（備份中仍有這些資料）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferenceChoice</name>
    <message>
        <source>%1 “%2”</source>
        <translation>%1「%2」</translation>
    </message>
    <message>
        <source>It no longer exists. Needed only if what points at it is recreated.</source>
        <translation>這筆資料已不存在。只有在重建用到它的資料時才需要它。</translation>
    </message>
    <message numerus="yes">
        <source>It no longer exists; %n record(s) of this publication point at it (%1).</source>
        <translation>
            <numerusform>這筆資料已不存在；這筆出版品有 %n 筆資料用到它（%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Recreate “%1” from the recycle bin</source>
        <translation>從資源回收筒重建「%1」</translation>
    </message>
    <message>
        <source>A publication comes back from its own entry in the recycle bin.</source>
        <translation>出版品要從資源回收筒中它自己的那一筆還原。</translation>
    </message>
    <message>
        <source>The recycle bin has no copy of it (deleted with an older PubDesk).</source>
        <translation>資源回收筒沒有它的副本（由舊版 PubDesk 刪除）。</translation>
    </message>
    <message>
        <source>Use another:</source>
        <translation>改用現有的：</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（請選擇）</translation>
    </message>
    <message>
        <source>Leave it empty</source>
        <translation>留空</translation>
    </message>
    <message numerus="yes">
        <source>Leave out the %n record(s) that need it</source>
        <translation>
            <numerusform>不還原用到它的 %n 筆資料</numerusform>
        </translation>
    </message>
    <message>
        <source>It is in the recycle bin too: restore it first to keep the link.</source>
        <translation>它也在資源回收筒中：先還原它，就能保留這個關聯。</translation>
    </message>
</context>
<context>
    <name>ReferenceEditor</name>
    <message>
        <source>Deposit libraries</source>
        <translation>寄存圖書館</translation>
    </message>
    <message>
        <source>Sales stores</source>
        <translation>展售門市</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from the recycle bin</source>
        <translation>自資源回收筒還原</translation>
    </message>
    <message>
        <source>“%1” points at records deleted since. Say what to do about each; nothing is restored until every one is decided.</source>
        <translation>「%1」用到的資料有些已被刪除。請為每一筆選擇處理方式；全部決定之前，不會還原任何資料。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search everything</source>
        <translation>搜尋全部</translation>
    </message>
    <message>
        <source>Title, person, GPN, ISBN, ISSN, registration no., document no., store or library</source>
        <translation>題名、人名、GPN、ISBN、ISSN、掛號單號、發文字號、門市或圖書館</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>顯示全部</translation>
    </message>
    <message>
        <source>Showing %1 of more than %2 matches.</source>
        <translation>顯示 %1 筆，共超過 %2 筆。</translation>
    </message>
    <message>
        <source>Showing %1 of %2 matches.</source>
        <translation>顯示 %1 筆，共 %2 筆。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es).</source>
        <translation>
            <numerusform>找到 %n 筆。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>New unit</source>
        <translation>新增機關</translation>
    </message>
    <message>
        <source>Delete unit</source>
        <translation>刪除機關</translation>
    </message>
    <message>
        <source>Publishing units</source>
        <translation>機關</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>機關全銜</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>簡稱</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>郵遞區號</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>傳真</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>電子信箱</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>網址</translation>
    </message>
    <message>
        <source>Document number code (e.g. 經研)</source>
        <translation>發文字號代字（例如 經研）</translation>
    </message>
    <message>
        <source>Agency code (for DI files)</source>
        <translation>機關代碼（DI 檔用）</translation>
    </message>
    <message>
        <source>Where the agency code was found</source>
        <translation>機關代碼出處</translation>
    </message>
    <message>
        <source>Deposit contact (NCL)</source>
        <translation>送存聯絡人（國家圖書館）</translation>
    </message>
    <message>
        <source>Deposit contact&apos;s phone</source>
        <translation>送存聯絡電話</translation>
    </message>
    <message>
        <source>Deposit contact&apos;s e-mail</source>
        <translation>送存聯絡電子郵件</translation>
    </message>
    <message>
        <source>How NCL&apos;s deposit notices are received</source>
        <translation>送存通知接收方式</translation>
    </message>
    <message>
        <source>Letterhead data</source>
        <translation>公文抬頭資料</translation>
    </message>
    <message>
        <source>Record a review before print (§16)</source>
        <translation>印製前記錄審核（§16）</translation>
    </message>
    <message>
        <source>After the GPN the unit reviews the publication itself, then prints; ticked, the checklist and To do ask for that review to be recorded.</source>
        <translation>取得 GPN 後由本單位自行審核再印製；勾選後，檢核清單與待辦會要求記錄審核。</translation>
    </message>
    <message>
        <source>e.g. e-mail, post</source>
        <translation>例如：電子郵件、郵寄</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>職稱</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>承辦人</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>新增承辦人</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>移除承辦人</translation>
    </message>
    <message>
        <source>Save unit</source>
        <translation>儲存機關</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>應用程式</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語文</translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation>保留的自動備份份數</translation>
    </message>
    <message>
        <source>The oldest automatic backup goes when a new one is made; backups you make yourself are never removed.</source>
        <translation>每天自動備份時，超過份數的最舊自動備份會被刪除；您自己做的備份不會被刪除。</translation>
    </message>
    <message>
        <source>Follow up an application after (days)</source>
        <translation>申請送出後追蹤（天）</translation>
    </message>
    <message>
        <source>To do lists a submitted number application without a reply after this many days.</source>
        <translation>編號申請送出超過這些天數仍未回覆，會列入待辦。</translation>
    </message>
    <message>
        <source>Follow up a deposit after (days)</source>
        <translation>寄存寄出後追蹤（天）</translation>
    </message>
    <message>
        <source>To do lists deposit copies sent without an acknowledgement after this many days (§5).</source>
        <translation>寄存寄出超過這些天數仍未收到回執，會列入待辦（§5）。</translation>
    </message>
    <message>
        <source>Announce a settlement (days before)</source>
        <translation>結帳提前提醒（天）</translation>
    </message>
    <message>
        <source>To do announces the June and December settlement this many days before the period ends (Annex 1, note 3).</source>
        <translation>6 月與 12 月結帳期末前這些天數，待辦會先提醒（附件一 註三）。</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>所有年份</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年內</translation>
    </message>
    <message>
        <source>To do lists the publications published in the last this many years only, and says how many it leaves out.</source>
        <translation>待辦只列出版於最近這些年內的出版品，並說明有多少項未列出。</translation>
    </message>
    <message>
        <source>To do lists publications of the last</source>
        <translation>待辦只列出版於最近</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 點</translation>
    </message>
    <message>
        <source>Used from the next start of PubDesk.</source>
        <translation>下次啟動 PubDesk 時生效。</translation>
    </message>
    <message>
        <source>Interface text size</source>
        <translation>介面文字大小</translation>
    </message>
    <message>
        <source>Documents use DFKai-SB when Windows has it, else the bundled TW-Kai; rare characters (CJK Extension B, user-defined characters) come from TW-Kai Ext-B and Plus, installed with PubDesk. Help → About lists the fonts found on this PC.</source>
        <translation>文件優先使用 Windows 的標楷體，沒有時使用隨附的全字庫正楷體；罕用字（CJK 擴充 B）與造字使用隨 PubDesk 安裝的全字庫正楷體 Ext-B 與 Plus。「說明 → 關於」列出這部電腦找到的字型。</translation>
    </message>
    <message>
        <source>Document fonts</source>
        <translation>文件字型</translation>
    </message>
    <message>
        <source>ODF (ODT, ODS)</source>
        <translation>ODF（ODT、ODS）</translation>
    </message>
    <message>
        <source>Word and Excel (DOCX, XLSX)</source>
        <translation>Word 與 Excel（DOCX、XLSX）</translation>
    </message>
    <message>
        <source>Letters, lists and the copyright page are written as PDF and in the editable formats ticked here; packages carry the same.</source>
        <translation>函、清單與版權頁都會輸出 PDF，以及這裡勾選的可編輯格式；送交包也附上相同格式。</translation>
    </message>
    <message>
        <source>Editable documents</source>
        <translation>可編輯文件格式</translation>
    </message>
    <message>
        <source>Deposit libraries and sales stores</source>
        <translation>寄存圖書館與展售門市</translation>
    </message>
    <message>
        <source>Unit saved.</source>
        <translation>機關資料已儲存。</translation>
    </message>
    <message>
        <source>Delete “%1” and its contacts?</source>
        <translation>要刪除「%1」及其承辦人嗎？</translation>
    </message>
    <message>
        <source>The new language is used from the next start of PubDesk.</source>
        <translation>下次啟動 PubDesk 時會使用新的語言。</translation>
    </message>
</context>
<context>
    <name>SharedNumbersDialog</name>
    <message>
        <source>Shared numbers</source>
        <translation>號碼重複</translation>
    </message>
    <message>
        <source>These numbers are held by records that are not reprints of one another. Each publication and each form needs numbers of its own; only a reprint keeps the original&apos;s (§4(2)). For each number, either record the later printing as a reprint of the original, or clear the number on the record that holds it wrongly and apply for its own.</source>
        <translation>下列號碼由彼此不是再刷的出版品共用。每一種出版品、每一種載體各需自己的號碼，只有再刷沿用原出版品的號碼（§4(二)）。每個號碼請擇一處理：把較晚的一刷記為原出版品的再刷，或把號碼從不該使用它的那一筆清除，再為它申請自己的號碼。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>載體</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>機關</translation>
    </message>
    <message>
        <source>Open this record</source>
        <translation>開啟這一筆</translation>
    </message>
    <message>
        <source>Record as a reprint of…</source>
        <translation>記為再刷…</translation>
    </message>
    <message>
        <source>Clear the number on this record…</source>
        <translation>清除這一筆的號碼…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>%1 %2 (%3 records)</source>
        <translation>%1 %2（%3 筆）</translation>
    </message>
    <message>
        <source>No shared numbers: every number belongs to one publication or its reprints.</source>
        <translation>沒有重複的號碼：每個號碼都只屬於一種出版品或它的再刷。</translation>
    </message>
    <message>
        <source>Record as a reprint</source>
        <translation>記為再刷</translation>
    </message>
    <message>
        <source>%1 is a reprint of:</source>
        <translation>%1 是下列哪一筆的再刷：</translation>
    </message>
    <message>
        <source>Clear the number</source>
        <translation>清除號碼</translation>
    </message>
</context>
<context>
    <name>StoreEditor</name>
    <message>
        <source>Store</source>
        <translation>門市</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已核對</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>郵遞區號</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>網址</translation>
    </message>
    <message>
        <source>Checked against the contract</source>
        <translation>已依現行契約核對</translation>
    </message>
</context>
<context>
    <name>TocEditor</name>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>頁碼</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Add sub-entry</source>
        <translation>新增下層</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>降一層</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>升一層</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Paste as text…</source>
        <translation>貼上文字目次…</translation>
    </message>
    <message>
        <source>Kind of the selected entry:</source>
        <translation>所選項目類別：</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>還原修改</translation>
    </message>
    <message>
        <source>Save TOC</source>
        <translation>儲存目次</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>共 %n 項</numerusform>
        </translation>
    </message>
    <message>
        <source> — not saved</source>
        <translation>（尚未儲存）</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新項目</translation>
    </message>
</context>
<context>
    <name>TocPasteDialog</name>
    <message>
        <source>Paste a table of contents</source>
        <translation>貼上目次</translation>
    </message>
    <message>
        <source>One entry per line, the page number at the end (after dots, spaces or a tab). Levels are read from the numbering (第一章, 第一節, 一、, 1.1) or the indentation.</source>
        <translation>每行一個項目，頁碼放在最後（以點線、空白或 Tab 隔開）。層級依編號（第一章、第一節、一、、1.1）或縮排判斷。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>頁碼</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Replace the current TOC</source>
        <translation>取代目前的目次</translation>
    </message>
    <message>
        <source>Add after the current TOC</source>
        <translation>接在目前的目次之後</translation>
    </message>
</context>
<context>
    <name>_ListEditor</name>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <source>Choose another folder…</source>
        <translation>選擇其他資料夾…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>A folder for PubDesk&apos;s data</source>
        <translation>PubDesk 資料夾</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>從備份還原…</translation>
    </message>
    <message>
        <source>Restored. The damaged file was kept as %1 for your IT staff.</source>
        <translation>已還原。損壞的檔案已保留為 %1，請交給資訊人員檢查。</translation>
    </message>
    <message>
        <source>Password for the office database (%1):</source>
        <translation>辦公室資料庫（%1）的密碼：</translation>
    </message>
</context>
</TS>
