#!/usr/bin/env bash
# The program needs Python 3.11 or later (numpy and matplotlib as pinned refuse older ones, with a message
# few officers could read): say so plainly before anything is installed.
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && exit 0
echo "DTI Desktop cần Python 3.11 trở lên; máy này có: $(python3 --version 2>&1 || echo 'không có python3')." >&2
echo "Hãy cài Python 3.11 (hoặc mới hơn) rồi chạy lại lệnh này." >&2
exit 1
