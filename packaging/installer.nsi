; DTI Desktop — Windows installer (NSIS 3, Unicode). Per-user: no administrator rights needed.
; Build on Windows: packaging\build_windows.ps1  (or: makensis -INPUTCHARSET UTF8 packaging\installer.nsi)
; Defines (with defaults): BUNDLE = folder made by PyInstaller, EXE = the program's file name, OUTFILE.
Unicode true
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\dist\DTI-Desktop"
!endif
!ifndef EXE
  !define EXE "DTI-Desktop.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\DTI-Desktop-${VERSION}-CaiDat.exe"
!endif
!define APPNAME "DTI Desktop"
!define SHORTCUT "DTI Desktop - Theo dõi chuyển đổi số"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\DTI-Desktop"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\DTI Desktop"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "x64.nsh"
!define MUI_ICON "..\resources\icons\dti.ico"
!define MUI_UNICON "..\resources\icons\dti.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở DTI Desktop ngay"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt DTI Desktop - Theo dõi chỉ tiêu chuyển đổi số"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "Phông chữ Liberation Serif: SIL OFL 1.1"

; The program must be closed before its files are replaced or removed: a running copy keeps its DLLs
; locked, and an upgrade would delete the resources then stop half-way on them.
!macro WAIT_UNTIL_CLOSED ID
  retry_${ID}:
    IfFileExists "$INSTDIR\${EXE}" 0 free_${ID}
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    IfErrors 0 opened_${ID}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "DTI Desktop đang mở. Hãy đóng chương trình rồi bấm Thử lại (Retry)." IDRETRY retry_${ID}
    Abort
  opened_${ID}:
    FileClose $0
  free_${ID}:
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "DTI Desktop cần Windows 64 bit (Windows 10 bản 1809 trở lên, hoặc Windows 11)."
    Abort
  ${EndIf}
FunctionEnd

Function un.onInit
  !insertmacro WAIT_UNTIL_CLOSED un
FunctionEnd

Section "DTI Desktop" Main
  SectionIn RO
  !insertmacro WAIT_UNTIL_CLOSED in
  ; An upgrade replaces the program files only; the data folder (%LOCALAPPDATA%\DTI Desktop) is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\Go-cai-dat.exe"
  CreateDirectory "$SMPROGRAMS\DTI Desktop"
  CreateShortcut "$SMPROGRAMS\DTI Desktop\${SHORTCUT}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\DTI Desktop\Gỡ cài đặt DTI Desktop.lnk" "$INSTDIR\Go-cai-dat.exe"
  CreateShortcut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME} - Theo dõi chỉ tiêu chuyển đổi số"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Go-cai-dat.exe"'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Removes the program only. The officer's data, evidence files and backups stay in
  ; %LOCALAPPDATA%\DTI Desktop (outside the install folder) and are never deleted here.
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  RMDir /r "$SMPROGRAMS\DTI Desktop"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\dti-cli.exe"
  Delete "$INSTDIR\Go-cai-dat.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
