-- Version 8: who sent a package (issue 18, sender binding). Each installation signs what it sends with its own
-- Ed25519 key (kept in its data folder, not here). The office pins a unit's public key the first time it accepts
-- a signed package from it, or from an enrolment file; a package of a pinned unit signed by another key is
-- refused. A unit pins its consolidating office's key (catalogue workbooks it signs). key_history keeps every
-- pin, hand-over and re-pin, append-only, as `history` keeps results.
CREATE TABLE IF NOT EXISTS unit_key (
    unit_id    INTEGER PRIMARY KEY REFERENCES unit (id),
    public_key TEXT NOT NULL CHECK (length(public_key) = 64),
    pinned_at  TEXT NOT NULL,
    how        TEXT NOT NULL CHECK (how IN ('goi_dau_tien', 'tep_dang_ky', 'ban_giao', 'ghim_lai', 'gop'))
);
CREATE INDEX IF NOT EXISTS unit_key_public_key_idx ON unit_key (public_key);

CREATE TABLE IF NOT EXISTS office_key (
    name_folded TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    public_key  TEXT NOT NULL CHECK (length(public_key) = 64),
    pinned_at   TEXT NOT NULL,
    how         TEXT NOT NULL CHECK (how IN ('tep_dau_tien', 'tep_dang_ky', 'ban_giao', 'ghim_lai'))
);

CREATE TABLE IF NOT EXISTS key_history (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    who        TEXT NOT NULL DEFAULT '',
    party      TEXT NOT NULL CHECK (party IN ('don_vi', 'co_quan')),
    unit_id    INTEGER REFERENCES unit (id),
    name       TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('ghi_nhan', 'dang_ky', 'ban_giao', 'ghim_lai', 'bo_ghim', 'gop')),
    old_key    TEXT,
    new_key    TEXT,
    reason     TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS key_history_unit_idx ON key_history (unit_id, id);

CREATE TRIGGER IF NOT EXISTS key_history_no_update BEFORE UPDATE ON key_history
BEGIN SELECT RAISE(ABORT, 'Lịch sử khóa ký không được sửa'); END;
CREATE TRIGGER IF NOT EXISTS key_history_no_delete BEFORE DELETE ON key_history
BEGIN SELECT RAISE(ABORT, 'Lịch sử khóa ký không được xóa'); END;
