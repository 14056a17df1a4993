#!/usr/bin/env bash
# Installs DTI Desktop into .venv and starts it on its embedded catalogues (arguments go to ./dti).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec ./dti "$@"
