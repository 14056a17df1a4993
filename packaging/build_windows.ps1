# Builds DTI Desktop for Windows 10 (1809+) / 11: a one-folder bundle, then the per-user installer.
# Run in PowerShell from the source folder:   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs: Python 3.11 (py launcher) and NSIS 3 (makensis on PATH, or in "C:\Program Files (x86)\NSIS").
$ErrorActionPreference = "Stop"
# "Stop" does not apply to a native program's exit code (Windows PowerShell 5.1): each is checked here, so a
# failed pip, PyInstaller or makensis never leaves an old bundle or installer passing for the new version.
function Invoke-Checked([string]$what, [scriptblock]$run) {
    & $run
    if ($LASTEXITCODE -ne 0) { throw "$what thất bại (mã lỗi $LASTEXITCODE)." }
}
Set-Location (Split-Path -Parent $PSScriptRoot)
if (-not (Test-Path .venv-build\Scripts\python.exe)) { Invoke-Checked "Tạo venv" { py -3.11 -m venv .venv-build } }
Invoke-Checked "Cài thư viện" { .venv-build\Scripts\python -m pip install --disable-pip-version-check -r requirements.txt -r packaging\requirements-build.txt -c packaging\constraints.txt }
$version = (.venv-build\Scripts\python -c "import dti_desktop; print(dti_desktop.__version__)").Trim()
if (Test-Path dist\DTI-Desktop) { Remove-Item -Recurse -Force dist\DTI-Desktop }
$installer = "dist\DTI-Desktop-$version-CaiDat.exe"
if (Test-Path $installer) { Remove-Item -Force $installer }
Invoke-Checked "PyInstaller" { .venv-build\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\dti_desktop.spec }
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
Invoke-Checked "makensis" { & $makensis -INPUTCHARSET UTF8 "-DVERSION=$version" packaging\installer.nsi }
Write-Host "Xong: $installer"
