-- Version 11 (issue 20, "reports the chairman signs as they stand"): what a report says beyond the figures.
-- issued_document: the register of documents the unit issued through the year (number, date, kind, abstract),
--   listed and counted by kind in section I "Công tác lãnh đạo, chỉ đạo" of the report of the period they fall in.
-- report_text: what the officer writes once per report (ưu điểm; tồn tại, hạn chế; nguyên nhân; the tasks of
--   the next period, per group; the proposals and to whom), keyed by the report's kind and period
--   ("2025-03", "2025-Q1", "2025"); group_key names a group of targets (its folded title) for the tasks.
CREATE TABLE IF NOT EXISTS issued_document (
    id        INTEGER PRIMARY KEY,
    number    TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind      TEXT NOT NULL CHECK (length(trim(kind)) > 0),
    abstract  TEXT NOT NULL DEFAULT '',
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL DEFAULT '',
    UNIQUE (number, issued_on)
);
CREATE INDEX IF NOT EXISTS issued_document_date_idx ON issued_document (issued_on);

CREATE TABLE IF NOT EXISTS report_text (
    kind       TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'year', 'district')),
    period     TEXT NOT NULL,
    section    TEXT NOT NULL,
    group_key  TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, period, section, group_key)
);
