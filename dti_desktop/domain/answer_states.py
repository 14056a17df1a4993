"""The states of the office's answer and the answer file's suffix: what the window needs at start (the month's
banner, the drop onto the window) without the answer file's readers (domain/answer.py, which brings the package's)."""

from __future__ import annotations

SUFFIX = ".dtitraloi"
ACCEPTED, RETURNED = "tiep_nhan", "tra_lai"
STATE_LABELS = {ACCEPTED: "Đã tiếp nhận", RETURNED: "Trả lại"}
