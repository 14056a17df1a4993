-- DTI Desktop schema, version 1: units, plans and their annexes, assignments,
-- monthly progress entries with per-measure values, evidence files and an
-- append-only history. Every text column holds NFC text; *_folded columns hold
-- the accent-free lower-case key used for search (SQLite's lower() is ASCII-only).

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_folded TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'thi_tran', 'co_quan', 'huyen', 'khac')),
    district    TEXT NOT NULL DEFAULT '',
    is_own      INTEGER NOT NULL DEFAULT 0 CHECK (is_own IN (0, 1)),
    UNIQUE (name_folded, district)
);
-- At most one unit is the database's own (the officer's).
CREATE UNIQUE INDEX unit_one_own ON unit (is_own) WHERE is_own = 1;

CREATE TABLE plan (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL,
    date        TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    locality    TEXT NOT NULL DEFAULT '',
    province    TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title       TEXT NOT NULL DEFAULT '',
    report_day  INTEGER CHECK (report_day BETWEEN 1 AND 28),
    source      TEXT NOT NULL DEFAULT '',
    identity    TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (number, year, issuer)
);

CREATE TABLE plan_part (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key      TEXT NOT NULL,
    title    TEXT NOT NULL,
    UNIQUE (plan_id, position)
);

CREATE TABLE target_group (
    id       INTEGER PRIMARY KEY,
    part_id  INTEGER NOT NULL REFERENCES plan_part (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    no       TEXT NOT NULL,
    title    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    UNIQUE (part_id, position)
);

CREATE TABLE target (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    group_id        INTEGER NOT NULL REFERENCES target_group (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    code            TEXT NOT NULL,
    tt              TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    text_folded     TEXT NOT NULL,
    lead            TEXT NOT NULL DEFAULT '',
    coordinating    TEXT NOT NULL DEFAULT '',
    tracking        TEXT NOT NULL DEFAULT '',
    previous_result TEXT NOT NULL DEFAULT '',
    province_goal   TEXT NOT NULL DEFAULT '',
    local_goal      TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL DEFAULT '',
    level_kind      TEXT NOT NULL DEFAULT '',
    basis           TEXT NOT NULL DEFAULT '',
    deadline        TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, code)
);
CREATE INDEX target_group_idx ON target (group_id, position);

-- Measures parsed from the goal; raw is the piece as printed (the whole goal
-- text stays in target.local_goal / province_goal).
CREATE TABLE measure (
    id        INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('percent', 'range', 'count', 'text')),
    raw       TEXT NOT NULL,
    low       REAL,
    high      REAL,
    unit      TEXT NOT NULL DEFAULT '',
    op        TEXT NOT NULL DEFAULT '>=' CHECK (op IN ('>=', '>', '<', '<=')),
    UNIQUE (target_id, position)
);

CREATE TABLE assignment (
    id        INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    UNIQUE (unit_id, target_id)
);
CREATE INDEX assignment_target_idx ON assignment (target_id);

CREATE TABLE progress_entry (
    id              INTEGER PRIMARY KEY,
    assignment_id   INTEGER NOT NULL REFERENCES assignment (id),
    period          TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                                         AND substr(period, 6, 2) BETWEEN '01' AND '12'),
    status          TEXT NOT NULL DEFAULT 'chua_trien_khai'
                    CHECK (status IN ('chua_trien_khai', 'dang_trien_khai', 'hoan_thanh')),
    assessment      TEXT NOT NULL DEFAULT '' CHECK (assessment IN ('', 'dat', 'khong_dat')),
    assessment_auto INTEGER NOT NULL DEFAULT 1 CHECK (assessment_auto IN (0, 1)),
    override_reason TEXT NOT NULL DEFAULT '',
    evidence_notes  TEXT NOT NULL DEFAULT '',
    difficulties    TEXT NOT NULL DEFAULT '',
    causes          TEXT NOT NULL DEFAULT '',
    proposals       TEXT NOT NULL DEFAULT '',
    officer         TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    UNIQUE (assignment_id, period)
);
CREATE INDEX progress_period_idx ON progress_entry (period);

-- A measure's result: a number, or numerator/denominator (45/50 hồ sơ).
CREATE TABLE progress_value (
    entry_id    INTEGER NOT NULL REFERENCES progress_entry (id) ON DELETE CASCADE,
    measure_id  INTEGER NOT NULL REFERENCES measure (id),
    value       REAL,
    numerator   REAL,
    denominator REAL CHECK (denominator IS NULL OR denominator > 0),
    text        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entry_id, measure_id)
);

-- Evidence files live beside the database under evidence/<sha256[:2]>/<sha256>.
CREATE TABLE attachment (
    id            INTEGER PRIMARY KEY,
    entry_id      INTEGER NOT NULL REFERENCES progress_entry (id),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL DEFAULT '',
    removed_at    TEXT
);
CREATE INDEX attachment_entry_idx ON attachment (entry_id);

-- Append-only: every change to a progress entry, never rewritten.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES progress_entry (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX history_entry_idx ON history (entry_id, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'Lịch sử thay đổi không được sửa'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'Lịch sử thay đổi không được xóa'); END;

-- A progress entry that has history cannot be deleted (its history would dangle).
CREATE TRIGGER progress_entry_no_delete BEFORE DELETE ON progress_entry
WHEN EXISTS (SELECT 1 FROM history WHERE entry_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'Không thể xóa kết quả đã có lịch sử thay đổi'); END;
