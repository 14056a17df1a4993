#!/usr/bin/env bash
# Installs DTI Desktop with its test tools into .venv and runs the whole test suite (Qt offscreen).
#
# The test tools (LibreOffice, poppler-utils, NSIS, icu-devtools, gcc) are installed whenever they are missing and
# can be (root, or sudo). Where they cannot, a developer's run goes on and says which tests will be skipped and why;
# in CI (CI=true) a missing tool stops the run, the one-folder bundle is built first (so that its tests run too),
# and any skipped test fails (tests/conftest.py): CI proves every capability.
set -euo pipefail
cd "$(dirname "$0")/.."
ci=0
case ${CI:-} in true|1|yes) ci=1 ;; esac
# command:package — what the tests run, and the Debian package that brings it
tools=(soffice:libreoffice-calc-nogui pdftotext:poppler-utils pdffonts:poppler-utils pdfinfo:poppler-utils
       pdfimages:poppler-utils makensis:nsis icupkg:icu-devtools genccode:icu-devtools gcc:gcc)
packages=()
for pair in "${tools[@]}"; do
  command -v "${pair%%:*}" >/dev/null || packages+=("${pair##*:}")
done
# Word files (reports written as .docx, annexes read from .docx) are opened by LibreOffice's Writer, a package
# of its own beside Calc: soffice alone says nothing of it (it converted no .docx on a fresh machine, silently)
ls /usr/lib/libreoffice/program/libswlo.so >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
if [ ${#packages[@]} -gt 0 ]; then
  mapfile -t packages < <(printf '%s\n' "${packages[@]}" | awk '!seen[$0]++')
  if [ "$ci" = 1 ]; then bash scripts/system-deps.sh "${packages[@]}"
  else bash scripts/system-deps.sh --optional "${packages[@]}"; fi
fi
bash scripts/install.sh requirements-dev.txt
if [ "$ci" = 1 ]; then
  QT_QPA_PLATFORM=offscreen bash packaging/build_linux.sh  # tests/test_bundle.py and the installer test use it
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
