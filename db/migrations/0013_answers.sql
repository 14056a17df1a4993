-- Version 13 (issue 23): the office answers each package by file, and the unit keeps what it was answered.
-- answer_sent (the office): one row per answer written, the signed file's bytes kept so it can be written again;
--   the newest answer of a package is its state (accepted or returned); older ones stay, in the history.
-- answer_received (the unit): every answer the unit took in, bound to what it sent (submission, the package's SHA-256).
-- Both append-only. (IF NOT EXISTS: the number was chosen while another migration was planned; see the report.)
CREATE TABLE IF NOT EXISTS answer_sent (
    id            INTEGER PRIMARY KEY,
    package_id    INTEGER NOT NULL REFERENCES received_package (id),
    state         TEXT NOT NULL CHECK (state IN ('tiep_nhan', 'tra_lai')),
    note          TEXT NOT NULL DEFAULT '',
    comments_json TEXT NOT NULL DEFAULT '[]',
    answered_at   TEXT NOT NULL,
    answered_by   TEXT NOT NULL DEFAULT '',
    file_name     TEXT NOT NULL,
    content       BLOB NOT NULL,
    CHECK (state = 'tiep_nhan' OR length(trim(note)) > 0)
);
CREATE INDEX IF NOT EXISTS answer_sent_package_idx ON answer_sent (package_id, id);
CREATE TRIGGER IF NOT EXISTS answer_sent_kept BEFORE UPDATE ON answer_sent
BEGIN SELECT RAISE(ABORT, 'Câu trả lời đã gửi không được sửa'); END;
CREATE TRIGGER IF NOT EXISTS answer_sent_no_delete BEFORE DELETE ON answer_sent
BEGIN SELECT RAISE(ABORT, 'Câu trả lời đã gửi không được xóa'); END;

CREATE TABLE IF NOT EXISTS answer_received (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    state          TEXT NOT NULL CHECK (state IN ('tiep_nhan', 'tra_lai')),
    note           TEXT NOT NULL DEFAULT '',
    comments_json  TEXT NOT NULL DEFAULT '[]',
    office         TEXT NOT NULL,
    office_key     TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    answered_at    TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    imported_by    TEXT NOT NULL DEFAULT '',
    file_name      TEXT NOT NULL,
    answer_sha256  TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS answer_received_submission_idx ON answer_received (submission_id, id);
CREATE TRIGGER IF NOT EXISTS answer_received_kept BEFORE UPDATE ON answer_received
BEGIN SELECT RAISE(ABORT, 'Câu trả lời đã nhận không được sửa'); END;
CREATE TRIGGER IF NOT EXISTS answer_received_no_delete BEFORE DELETE ON answer_received
BEGIN SELECT RAISE(ABORT, 'Câu trả lời đã nhận không được xóa'); END;
