# Builds DTI Desktop for Windows 10 (1809+) / 11: a one-folder bundle, then the per-user installer.
# Run in PowerShell from the source folder:   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs: Python 3.11 (py launcher) and NSIS 3 (makensis on PATH, or in "C:\Program Files (x86)\NSIS").
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
if (-not (Test-Path .venv-build\Scripts\python.exe)) { py -3.11 -m venv .venv-build }
.venv-build\Scripts\python -m pip install --disable-pip-version-check -r requirements.txt -r packaging\requirements-build.txt
.venv-build\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\dti_desktop.spec
$version = (.venv-build\Scripts\python -c "import dti_desktop; print(dti_desktop.__version__)").Trim()
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
& $makensis -INPUTCHARSET UTF8 "-DVERSION=$version" packaging\installer.nsi
Write-Host "Xong: dist\DTI-Desktop-$version-CaiDat.exe"
