-- dti: foreign_keys off
-- Special zones (đặc khu: Vân Đồn, Cô Tô since 1 July 2025) are commune-level units of their own kind.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows and ids
-- (foreign keys are off while it is, so nothing referring to a unit is touched). Before COMMIT the rows that
-- refer to a unit are checked: as many point at no unit as before, else the whole migration is undone.
CREATE TEMP TABLE unit_orphans_before AS SELECT
    (SELECT count(*) FROM assignment WHERE unit_id NOT IN (SELECT id FROM unit))
  + (SELECT count(*) FROM submission WHERE unit_id NOT IN (SELECT id FROM unit))
  + (SELECT count(*) FROM received_package WHERE unit_id NOT IN (SELECT id FROM unit)) AS n;
CREATE TABLE unit_new (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_folded TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'thi_tran', 'dac_khu', 'co_quan', 'huyen', 'khac')),
    district    TEXT NOT NULL DEFAULT '',
    is_own      INTEGER NOT NULL DEFAULT 0 CHECK (is_own IN (0, 1)),
    UNIQUE (name_folded, district)
);
INSERT INTO unit_new (id, name, name_folded, kind, district, is_own)
    SELECT id, name, name_folded, kind, district, is_own FROM unit;
DROP TABLE unit;
ALTER TABLE unit_new RENAME TO unit;
-- At most one unit is the database's own (the officer's).
CREATE UNIQUE INDEX unit_one_own ON unit (is_own) WHERE is_own = 1;
CREATE TEMP TABLE unit_rebuild_check (lost INTEGER CHECK (lost = 0));
INSERT INTO unit_rebuild_check SELECT
    (SELECT count(*) FROM assignment WHERE unit_id NOT IN (SELECT id FROM unit))
  + (SELECT count(*) FROM submission WHERE unit_id NOT IN (SELECT id FROM unit))
  + (SELECT count(*) FROM received_package WHERE unit_id NOT IN (SELECT id FROM unit))
  - (SELECT n FROM unit_orphans_before);
DROP TABLE unit_rebuild_check;
DROP TABLE unit_orphans_before;
