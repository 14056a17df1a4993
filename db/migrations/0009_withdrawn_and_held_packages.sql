-- dti: foreign_keys off
-- Version 9 (issue 18, "the office trusts nothing a package says").
-- 1. The office may withdraw a package it received (forged, or carrying what breaks its views): the package
--    stays in the history, marked with when, by whom and why, and leaves the consolidation. A revision
--    withdrawn may come again (the real r1 after a forged one), so a unit's month holds each revision once
--    among the packages not withdrawn: the table is rebuilt, as SQLite cannot drop a UNIQUE constraint. The
--    rows and ids stay; before COMMIT the entries that refer to a package are checked, as 0005 does for units.
-- 2. A package from a unit the office does not know is held, not added: held_package keeps what it says and
--    the office's decision (accepted, refused, with who and why); the file waits in the data folder. (IF NOT
--    EXISTS: a database set back to an older schema number runs this again.)
CREATE TEMP TABLE received_orphans_before AS SELECT
    (SELECT count(*) FROM received_entry WHERE package_id NOT IN (SELECT id FROM received_package)) AS n;
CREATE TABLE received_package_new (
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
    reopen_reason   TEXT NOT NULL DEFAULT '',
    withdrawn_at    TEXT,
    withdrawn_by    TEXT NOT NULL DEFAULT '',
    withdraw_reason TEXT NOT NULL DEFAULT '',
    CHECK (withdrawn_at IS NULL OR length(trim(withdraw_reason)) > 0)
);
INSERT INTO received_package_new (id, unit_id, plan_id, period, revision, package_sha256, file_name, created_at,
                                  received_at, officer, program_version, superseded_by, reopen_reason)
    SELECT id, unit_id, plan_id, period, revision, package_sha256, file_name, created_at, received_at, officer,
           program_version, superseded_by, reopen_reason FROM received_package;
DROP TABLE received_package;
ALTER TABLE received_package_new RENAME TO received_package;
CREATE INDEX received_package_period_idx ON received_package (plan_id, period);
CREATE UNIQUE INDEX received_package_revision_idx ON received_package (unit_id, plan_id, period, revision)
    WHERE withdrawn_at IS NULL;
-- What a unit sent is never changed: only which revision is current (superseded_by) and, once, its withdrawal.
CREATE TRIGGER received_package_only_supersede BEFORE UPDATE ON received_package
WHEN NEW.id IS NOT OLD.id OR NEW.package_sha256 IS NOT OLD.package_sha256 OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.plan_id IS NOT OLD.plan_id OR NEW.period IS NOT OLD.period OR NEW.revision IS NOT OLD.revision
  OR NEW.file_name IS NOT OLD.file_name OR NEW.created_at IS NOT OLD.created_at
  OR NEW.received_at IS NOT OLD.received_at OR NEW.officer IS NOT OLD.officer
  OR NEW.program_version IS NOT OLD.program_version OR NEW.reopen_reason IS NOT OLD.reopen_reason
  OR (OLD.withdrawn_at IS NOT NULL AND (NEW.withdrawn_at IS NOT OLD.withdrawn_at
      OR NEW.withdrawn_by IS NOT OLD.withdrawn_by OR NEW.withdraw_reason IS NOT OLD.withdraw_reason))
BEGIN SELECT RAISE(ABORT, 'Gói đã nhận chỉ được đánh dấu là đã thay thế hoặc đã rút'); END;
CREATE TRIGGER received_package_no_delete BEFORE DELETE ON received_package
BEGIN SELECT RAISE(ABORT, 'Gói đã nhận không được xóa; hãy rút gói'); END;
CREATE TEMP TABLE received_rebuild_check (lost INTEGER CHECK (lost = 0));
INSERT INTO received_rebuild_check SELECT
    (SELECT count(*) FROM received_entry WHERE package_id NOT IN (SELECT id FROM received_package))
  - (SELECT n FROM received_orphans_before);
DROP TABLE received_rebuild_check;
DROP TABLE received_orphans_before;

CREATE TABLE IF NOT EXISTS held_package (
    id              INTEGER PRIMARY KEY,
    package_sha256  TEXT NOT NULL UNIQUE,
    file_name       TEXT NOT NULL,
    unit            TEXT NOT NULL,
    unit_kind       TEXT NOT NULL DEFAULT '',
    district        TEXT NOT NULL DEFAULT '',
    period          TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    decision        TEXT CHECK (decision IN ('nhan', 'tu_choi')),
    decided_at      TEXT,
    decided_by      TEXT NOT NULL DEFAULT '',
    decision_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS held_package_open_idx ON held_package (decision, received_at);
CREATE TRIGGER IF NOT EXISTS held_package_decided_once BEFORE UPDATE ON held_package
WHEN OLD.decision IS NOT NULL OR NEW.package_sha256 IS NOT OLD.package_sha256 OR NEW.unit IS NOT OLD.unit
  OR NEW.period IS NOT OLD.period OR NEW.revision IS NOT OLD.revision OR NEW.received_at IS NOT OLD.received_at
BEGIN SELECT RAISE(ABORT, 'Gói chờ duyệt chỉ được quyết định một lần'); END;
CREATE TRIGGER IF NOT EXISTS held_package_no_delete BEFORE DELETE ON held_package
BEGIN SELECT RAISE(ABORT, 'Gói chờ duyệt không được xóa'); END;
