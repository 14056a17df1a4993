#!/usr/bin/env bash
# Installs, on Debian/Ubuntu, the system libraries Qt needs and python3-venv, when missing.
# Usage: bash scripts/system-deps.sh [extra apt packages...]
set -euo pipefail
libs=(libglib-2.0.so.0:libglib2.0-0 libEGL.so.1:libegl1 libGL.so.1:libgl1 libX11.so.6:libx11-6
      libdbus-1.so.3:libdbus-1-3 libfontconfig.so.1:libfontconfig1 libfreetype.so.6:libfreetype6
      libxkbcommon.so.0:libxkbcommon0 libxcb-cursor.so.0:libxcb-cursor0)
missing=("$@")
for pair in "${libs[@]}"; do
  ldconfig -p 2>/dev/null | grep -q "${pair%%:*}" || missing+=("${pair##*:}")
done
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Thiếu thư viện hệ thống: ${missing[*]} — hãy cài bằng trình quản lý gói của máy." >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Cài thư viện hệ thống: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
