#!/usr/bin/env bash
# Installs DTI Desktop with its test tools into .venv and runs the whole test suite (Qt offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
[ -x .venv/bin/python ] || { bash scripts/python-check.sh && python3 -m venv .venv; }
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt -c packaging/constraints.txt
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
