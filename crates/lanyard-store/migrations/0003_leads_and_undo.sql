-- 0003: leads (who may undo check-ins and change settings), every PIN
-- attempt, and the record of undone check-ins.

CREATE TABLE lead (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    pin_hash    TEXT NOT NULL,            -- Argon2id, PHC string; never the PIN
    created_at  TEXT NOT NULL,
    removed_at  TEXT
) STRICT;
CREATE UNIQUE INDEX lead_active_name ON lead(name) WHERE removed_at IS NULL;

-- Every PIN use or failure. Append-only: the lock-out is computed from it.
CREATE TABLE pin_attempt (
    id            INTEGER PRIMARY KEY,
    attempted_at  TEXT NOT NULL,
    desk          TEXT NOT NULL,
    operator      TEXT NOT NULL,
    lead_name     TEXT NOT NULL,
    success       INTEGER NOT NULL CHECK (success IN (0, 1)),
    purpose       TEXT NOT NULL
) STRICT;
CREATE TRIGGER pin_attempt_no_update BEFORE UPDATE ON pin_attempt
BEGIN
    SELECT RAISE(ABORT, 'pin_attempt is append-only');
END;
CREATE TRIGGER pin_attempt_no_delete BEFORE DELETE ON pin_attempt
BEGIN
    SELECT RAISE(ABORT, 'pin_attempt is append-only');
END;

ALTER TABLE check_in ADD COLUMN undone_by TEXT;
ALTER TABLE check_in ADD COLUMN undo_reason TEXT;
