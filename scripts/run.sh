#!/usr/bin/env bash
# Installs DTI Desktop into .venv and starts it on its embedded catalogues.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
[ -x .venv/bin/python ] || { bash scripts/python-check.sh && python3 -m venv .venv; }
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt -c packaging/constraints.txt
# bytecode compiled once (also where PYTHONDONTWRITEBYTECODE is set): start-up ~0.1 s faster
.venv/bin/python -m compileall -q dti_desktop main.py >/dev/null
exec .venv/bin/python main.py "$@"
