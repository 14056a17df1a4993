-- Version 12 (issue 19, the office): the roster of the units the office expects, year by year (communes were
-- merged in 2025: a roster changes). A year's roster starts once the office edits it (a copy of the year before,
-- or the units of its area and of the catalogue's assignments); until then it is proposed from those, unstored.
-- roster_entry: a unit expected in a year; retired (retired_at) stays, with why, never deleted.
-- roster_change: every edit, append-only (who, when, what): add, rename, retire, merge, import, start.
CREATE TABLE IF NOT EXISTS roster_year (
    year       INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    started_at TEXT NOT NULL,
    started_by TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS roster_entry (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL REFERENCES roster_year (year),
    unit_id       INTEGER NOT NULL REFERENCES unit (id),
    added_at      TEXT NOT NULL,
    retired_at    TEXT,
    retire_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (year, unit_id)
);
CREATE TABLE IF NOT EXISTS roster_change (
    id     INTEGER PRIMARY KEY,
    year   INTEGER NOT NULL,
    at     TEXT NOT NULL,
    who    TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL CHECK (action IN ('lap', 'them', 'doi_ten', 'thoi', 'gop', 'nhap')),
    unit   TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS roster_change_year_idx ON roster_change (year, id);
CREATE TRIGGER IF NOT EXISTS roster_change_kept BEFORE UPDATE ON roster_change
BEGIN SELECT RAISE(ABORT, 'Lịch sử danh sách đơn vị không được sửa'); END;
CREATE TRIGGER IF NOT EXISTS roster_change_no_delete BEFORE DELETE ON roster_change
BEGIN SELECT RAISE(ABORT, 'Lịch sử danh sách đơn vị không được xóa'); END;
CREATE TRIGGER IF NOT EXISTS roster_entry_no_delete BEFORE DELETE ON roster_entry
BEGIN SELECT RAISE(ABORT, 'Đơn vị trong danh sách không bị xóa; hãy cho thôi theo dõi'); END;
