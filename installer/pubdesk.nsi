; PubDesk's per-user Windows installer (NSIS 3, Unicode). Built by installer/build.py:
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DSOURCE=<onedir> -DOUTFILE=<setup.exe> pubdesk.nsi
; No administrator rights: everything goes under the user's profile and HKCU. The uninstaller
; removes the program only — the officer's data (%LOCALAPPDATA%\PubDesk) stays.

Unicode true
Target amd64-unicode

; Signed as they are made (installer/signing.py, given by build.py --sign…): the uninstaller
; written inside the setup, then the setup itself. "= 0": a signing that fails fails the build
; (without the comparison makensis ignores the command's exit code).
!ifdef SIGN_COMMAND
  !uninstfinalize '"${SIGN_COMMAND}" "%1"' = 0
  !finalize '"${SIGN_COMMAND}" "%1"' = 0
!endif
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64
ManifestDPIAware true

!include MUI2.nsh
!include FileFunc.nsh
!include WinVer.nsh
!include x64.nsh

!define APP "PubDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PubDesk"

Name "PubDesk ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\PubDesk"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "PubDesk ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=1028 "ProductName" "PubDesk 政府出版品工作台"
VIAddVersionKey /LANG=1028 "FileDescription" "PubDesk 安裝程式"
VIAddVersionKey /LANG=1028 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1028 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1028 "LegalCopyright" "MIT License"

!define MUI_ICON "${SOURCE_ICON}"
!define MUI_UNICON "${SOURCE_ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\PubDesk.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(DataKept)"
!insertmacro MUI_UNPAGE_FINISH

; The first language is the default; otherwise the one matching Windows' display language.
!insertmacro MUI_LANGUAGE "TradChinese"
!insertmacro MUI_LANGUAGE "English"

LangString StillRunning ${LANG_TRADCHINESE} "PubDesk 正在執行中。請先關閉 PubDesk 的所有視窗，再按「重試」。"
LangString StillRunning ${LANG_ENGLISH} "PubDesk is running. Close every PubDesk window, then choose Retry."
LangString DataKept ${LANG_TRADCHINESE} "PubDesk 已移除。您的資料（資料庫、備份、設定）仍保留在 $LOCALAPPDATA\PubDesk，重新安裝後即可繼續使用；若確定不再需要，可自行刪除該資料夾。"
LangString DataKept ${LANG_ENGLISH} "PubDesk has been removed. Your data (database, backups, settings) stays in $LOCALAPPDATA\PubDesk and is there again when you reinstall; delete that folder yourself if you are sure you no longer need it."

LangString TooOld ${LANG_TRADCHINESE} "PubDesk 需要 64 位元的 Windows 10（1809 版，組建 17763）或更新的版本；這台電腦的 Windows 太舊，沒有安裝任何檔案。請洽資訊人員。"
LangString TooOld ${LANG_ENGLISH} "PubDesk needs 64-bit Windows 10 (version 1809, build 17763) or later; this PC's Windows is older, so nothing was installed. Please ask IT."

; Qt 6 needs Windows 10 1809 or later: an older PC gets a sentence (and, silent, exit code
; 1150 = ERROR_OLD_WIN_VERSION), not a Qt loader error after the install. (A 32-bit Windows
; cannot start this 64-bit setup at all; the x64 check covers an x86 process on x64 only.)
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(TooOld)" /SD IDOK
    SetErrorLevel 1150
    Quit
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(TooOld)" /SD IDOK
    SetErrorLevel 1150
    Quit
  ${EndIf}
  ${IfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "$(TooOld)" /SD IDOK
    SetErrorLevel 1150
    Quit
  ${EndIf}
FunctionEnd

; An upgrade replaces the program files; a running PubDesk holds them open, so ask first.
!macro ProgramClosed
  retry:
    ClearErrors
    IfFileExists "$INSTDIR\PubDesk.exe" 0 closed
    Rename "$INSTDIR\PubDesk.exe" "$INSTDIR\PubDesk.exe.old"
    IfErrors 0 renamed
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 5
    Quit
  renamed:
    Delete "$INSTDIR\PubDesk.exe.old"
  closed:
!macroend

Section "PubDesk" main
  SectionIn RO
  !insertmacro ProgramClosed
  ; The files of an older version go first, so none lingers beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\pubdesk-cli.exe"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\PubDesk.lnk" "$INSTDIR\PubDesk.exe" "" "$INSTDIR\PubDesk.exe" 0 \
      SW_SHOWNORMAL "" "PubDesk 政府出版品工作台"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "PubDesk 政府出版品工作台"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "PubDesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\PubDesk.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  !insertmacro ProgramClosed
  Delete "$SMPROGRAMS\PubDesk.lnk"
  ; Only what the installer put there: $INSTDIR may have been chosen by hand.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\PubDesk.exe"
  Delete "$INSTDIR\pubdesk-cli.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
