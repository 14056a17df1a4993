"""Files in and out: catalogue JSON, workbooks (later: packages, PDF)."""
