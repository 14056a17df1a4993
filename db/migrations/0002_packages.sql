-- Version 2: monthly submission packages.
-- submission: what this database's own unit sent (locks the period until reopened).
-- received_package / received_entry: what the consolidating office imported from units.

CREATE TABLE submission (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES unit (id),
    plan_id        INTEGER NOT NULL REFERENCES plan (id),
    period         TEXT NOT NULL,
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    created_at     TEXT NOT NULL,
    officer        TEXT NOT NULL DEFAULT '',
    file_name      TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    reopened_at    TEXT,
    reopened_by    TEXT,
    reopen_reason  TEXT,
    UNIQUE (unit_id, plan_id, period, revision)
);

CREATE TABLE received_package (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES unit (id),
    plan_id         INTEGER NOT NULL REFERENCES plan (id),
    period          TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    package_sha256  TEXT NOT NULL UNIQUE,
    file_name       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    officer         TEXT NOT NULL DEFAULT '',
    program_version TEXT NOT NULL DEFAULT '',
    superseded_by   INTEGER REFERENCES received_package (id),
    UNIQUE (unit_id, plan_id, period, revision)
);
CREATE INDEX received_package_period_idx ON received_package (plan_id, period);

CREATE TABLE received_entry (
    id              INTEGER PRIMARY KEY,
    package_id      INTEGER NOT NULL REFERENCES received_package (id),
    target_id       INTEGER NOT NULL REFERENCES target (id),
    status          TEXT NOT NULL,
    assessment      TEXT NOT NULL,
    assessment_auto INTEGER NOT NULL,
    override_reason TEXT NOT NULL DEFAULT '',
    values_json     TEXT NOT NULL,
    evidence_notes  TEXT NOT NULL DEFAULT '',
    difficulties    TEXT NOT NULL DEFAULT '',
    causes          TEXT NOT NULL DEFAULT '',
    proposals       TEXT NOT NULL DEFAULT '',
    officer         TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL DEFAULT '',
    evidence_json   TEXT NOT NULL DEFAULT '[]',
    history_json    TEXT NOT NULL DEFAULT '[]',
    UNIQUE (package_id, target_id)
);
CREATE INDEX received_entry_target_idx ON received_entry (target_id);

-- Received data is a record of what was sent: never edited, never deleted.
CREATE TRIGGER received_entry_no_update BEFORE UPDATE ON received_entry
BEGIN SELECT RAISE(ABORT, 'Dữ liệu đã nhận không được sửa'); END;
CREATE TRIGGER received_entry_no_delete BEFORE DELETE ON received_entry
BEGIN SELECT RAISE(ABORT, 'Dữ liệu đã nhận không được xóa'); END;
CREATE TRIGGER received_package_only_supersede BEFORE UPDATE ON received_package
WHEN NEW.id IS NOT OLD.id OR NEW.package_sha256 IS NOT OLD.package_sha256 OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.period IS NOT OLD.period OR NEW.revision IS NOT OLD.revision OR OLD.superseded_by IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'Gói đã nhận chỉ được đánh dấu là đã thay thế'); END;
