#!/usr/bin/env bash
# The program needs Python 3.11 or later (numpy and matplotlib as pinned refuse older ones, with a message
# few officers could read): say so plainly before anything is installed.
if ! command -v python3 >/dev/null 2>&1; then
    echo "Máy này chưa cài python3; DTI Desktop cần Python 3.11 trở lên. Hãy cài rồi chạy lại lệnh này." >&2
    exit 1
fi
version=$(python3 -c 'import sys; print("%d %d" % sys.version_info[:2])' 2>/dev/null || echo "0 0")
read -r major minor <<< "$version"
if [ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 11 ]; }; then
    exit 0
fi
echo "DTI Desktop cần Python 3.11 trở lên; máy này có: Python $major.$minor." >&2
echo "Hãy cài Python 3.11 (hoặc mới hơn) rồi chạy lại lệnh này." >&2
exit 1
