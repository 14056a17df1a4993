-- Version 10 (issue 19, the unit's monthly round): a whole month copied forward in one action, and undone in one.
-- A copied result is a result like any other (its history rows say where it came from). Undoing the copy cannot
-- delete it, since history is never deleted: the entry is cleared instead (its values gone, its files removed,
-- each change in the history, the row named in cleared_entry) and shows as "Chưa có kết quả" until it is saved
-- again, which brings the same row back. copy_round names the entries one copy made, and the last history row it wrote: an entry changed after
-- it is the officer's work and an undo leaves it alone.
CREATE TABLE IF NOT EXISTS cleared_entry (
    entry_id   INTEGER PRIMARY KEY REFERENCES progress_entry (id),
    cleared_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS copy_round (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES unit (id),
    plan_id         INTEGER NOT NULL REFERENCES plan (id),
    period          TEXT NOT NULL,
    source_period   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL DEFAULT '',
    last_history_id INTEGER NOT NULL DEFAULT 0,
    undone_at       TEXT,
    undone_by       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS copy_round_period_idx ON copy_round (unit_id, plan_id, period, id);

CREATE TABLE IF NOT EXISTS copy_round_entry (
    round_id INTEGER NOT NULL REFERENCES copy_round (id),
    entry_id INTEGER NOT NULL REFERENCES progress_entry (id),
    PRIMARY KEY (round_id, entry_id)
);
