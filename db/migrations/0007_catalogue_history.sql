-- Version 7: what was changed in a catalogue in this program (an office drafting next year's annex from last
-- year's): the plan copied or its details corrected, targets, groups and parts added, edited, moved or removed,
-- one row per field changed. Who and when, the value before and after, as `history` keeps for results; and as
-- it, append-only. item_id names the row changed and is no reference: a removed target's id stays here.
CREATE TABLE IF NOT EXISTS catalogue_history (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    item       TEXT NOT NULL CHECK (item IN ('plan', 'part', 'group', 'target')),
    item_id    INTEGER,
    code       TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL CHECK (action IN ('copy', 'add', 'edit', 'move', 'remove')),
    field      TEXT NOT NULL DEFAULT '',
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX IF NOT EXISTS catalogue_history_plan_idx ON catalogue_history (plan_id, id);

CREATE TRIGGER IF NOT EXISTS catalogue_history_no_update BEFORE UPDATE ON catalogue_history
BEGIN SELECT RAISE(ABORT, 'Lịch sử sửa danh mục không được sửa'); END;
CREATE TRIGGER IF NOT EXISTS catalogue_history_no_delete BEFORE DELETE ON catalogue_history
BEGIN SELECT RAISE(ABORT, 'Lịch sử sửa danh mục không được xóa'); END;
