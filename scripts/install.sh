#!/usr/bin/env bash
# Installs DTI Desktop into .venv: the system libraries Qt needs (apt-get), Python 3.11+, the Python packages
# pinned in packaging/constraints.txt. Used by scripts/run.sh, scripts/test.sh and ./dti (the command-line launcher,
# which runs it when .venv is missing or older than the requirements).
# Usage: bash scripts/install.sh [REQUIREMENTS_FILE]   (default requirements.txt; test.sh: requirements-dev.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=${1:-requirements.txt}
bash scripts/system-deps.sh
[ -x .venv/bin/python ] || { bash scripts/python-check.sh && python3 -m venv .venv; }
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements" -c packaging/constraints.txt
# bytecode compiled once (also where PYTHONDONTWRITEBYTECODE is set): start-up ~0.1 s faster
.venv/bin/python -m compileall -q dti_desktop main.py >/dev/null
touch .venv/.dti-installed  # ./dti installs again when requirements.txt or the constraints are newer than this
