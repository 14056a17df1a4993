#!/usr/bin/env bash
# Installs, on Debian/Ubuntu, the system libraries Qt needs (resources/linux-libraries.txt: what the PySide6 wheel's
# Qt libraries and platform plugins link, checked by tests/packaging/test_system_libraries.py) and python3-venv,
# when missing; then the packages given, when missing.
#
# Usage: bash scripts/system-deps.sh [--optional] [PACKAGE…]
#   PACKAGE…     more Debian packages (the test tools); each is installed unless dpkg has it already
#   --optional   those packages are wanted, not needed: where nothing can be installed (not root, no sudo), say
#                which are missing and go on. The libraries Qt needs never are optional.
# Exit code 1, with the packages to install named in Vietnamese, when something needed is missing and cannot be
# installed.
set -euo pipefail
cd "$(dirname "$0")/.."
optional=0
if [ "${1:-}" = "--optional" ]; then optional=1; shift; fi

# The loader's cache, read once into a variable: `ldconfig -p | grep -q` under pipefail reported a library
# present as missing whenever grep quit at its first match before ldconfig had written everything (SIGPIPE).
# ldconfig lives in /sbin, which a normal user's PATH on Debian lacks.
ldconfig=$(PATH="$PATH:/usr/sbin:/sbin" command -v ldconfig || true)
cache=$([ -n "$ldconfig" ] && "$ldconfig" -p 2>/dev/null || true)
needed=()
while read -r soname package _; do
  case $soname in ''|'#'*) continue ;; esac
  case $cache in *"/$soname"$'\n'*|*"/$soname") ;; *) needed+=("$package") ;; esac
done < resources/linux-libraries.txt
python3 -c "import ensurepip, venv" 2>/dev/null || needed+=(python3-venv)
wanted=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || wanted+=("$package")
done
# each package once, in the order first met
mapfile -t needed < <(printf '%s\n' ${needed[@]+"${needed[@]}"} | awk 'NF && !seen[$0]++')
[ ${#needed[@]} -eq 0 ] && [ ${#wanted[@]} -eq 0 ] && exit 0
all=(${needed[@]+"${needed[@]}"} ${wanted[@]+"${wanted[@]}"})

if ! command -v apt-get >/dev/null; then
  echo "Thiếu gói hệ thống: ${all[*]} — máy này không dùng apt-get; hãy cài các gói tương ứng bằng trình quản lý gói của máy." >&2
  [ ${#needed[@]} -eq 0 ] && exit 0
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo="sudo"
  else
    if [ ${#needed[@]} -eq 0 ] && [ "$optional" = 1 ]; then
      echo "Chưa cài được công cụ kiểm thử (không chạy với quyền root và máy không có sudo): ${wanted[*]}." >&2
      echo "Các kiểm thử cần chúng sẽ bị bỏ qua. Muốn chạy đủ, hãy nhờ quản trị máy chạy: apt-get install ${wanted[*]}" >&2
      exit 0
    fi
    echo "Máy còn thiếu các gói hệ thống mà DTI Desktop cần: ${all[*]}" >&2
    echo "Không cài tự động được: lệnh này không chạy với quyền root và máy không có sudo." >&2
    echo "Hãy nhờ người quản trị máy chạy (với quyền root):" >&2
    echo "    apt-get install ${all[*]}" >&2
    echo "rồi chạy lại lệnh này." >&2
    exit 1
  fi
fi
echo "Cài gói hệ thống: ${all[*]} …"
log=$(mktemp -t dti-apt-XXXX.log)  # apt's and dpkg's own English lines go here, shown only when it fails
if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
       $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${all[@]}"; } \
     >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "Không cài được các gói hệ thống: ${all[*]} (chi tiết ở trên, đầy đủ trong $log)." >&2
  echo "Hãy nhờ người quản trị máy chạy (với quyền root): apt-get install ${all[*]} — rồi chạy lại lệnh này." >&2
  exit 1
fi
rm -f "$log"
echo "Đã cài xong gói hệ thống."
