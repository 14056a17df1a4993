#!/usr/bin/env bash
# Builds the one-folder bundle dist/DTI-Desktop/ on Linux (for the smoke test and the installer check).
set -euo pipefail
cd "$(dirname "$0")/.."
# ICU's own tools cut Qt's ICU data to what the program uses (packaging/icu_data.py)
command -v icupkg >/dev/null && command -v genccode >/dev/null || bash scripts/system-deps.sh icu-devtools
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt -r packaging/requirements-build.txt -c packaging/constraints.txt
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/dti_desktop.spec
du -sh dist/DTI-Desktop
