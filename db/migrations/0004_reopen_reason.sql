-- A package sent again after the unit reopened its month carries the officer's reason (manifest
-- "reopen_reason"); the office keeps it with the package. Packages from before carry none: ''.
ALTER TABLE received_package ADD COLUMN reopen_reason TEXT NOT NULL DEFAULT '';
