#!/usr/bin/env bash
# Builds the one-folder bundle dist/DTI-Desktop/ on Linux (for the smoke test and the installer check).
set -euo pipefail
cd "$(dirname "$0")/.."
# ICU's own tools cut Qt's ICU data to what the program uses (packaging/icu_data.py)
command -v icupkg >/dev/null && command -v genccode >/dev/null || bash scripts/system-deps.sh icu-devtools
[ -x .venv/bin/python ] || python3 -m venv .venv
# PyInstaller bundles the Python shared library; Debian's python3 ships it in a package of its own (libpython3.11),
# absent from a fresh machine. Only for Debian's Python: another (pyenv) carries its own, or links it statically.
if [ "$(.venv/bin/python -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
  bash scripts/system-deps.sh "libpython$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt -r packaging/requirements-build.txt -c packaging/constraints.txt
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/dti_desktop.spec
du -sh dist/DTI-Desktop
