-- 0006: the desk engine. Every row a desk creates gets a globally unique id
-- (UUID v7 from the app; rows older than this migration get a random v4),
-- shifts become stored records, every write is numbered in the change log
-- that other processes on the same file follow, and an idempotency key
-- remembers a fingerprint of the request it was first used for.

ALTER TABLE attendee ADD COLUMN uid TEXT;
ALTER TABLE check_in ADD COLUMN uid TEXT;
ALTER TABLE print_job ADD COLUMN uid TEXT;
ALTER TABLE lead ADD COLUMN uid TEXT;

-- A random version 4 UUID for each existing row. The audit log and the PIN
-- attempts are append-only (their triggers refuse UPDATE), so their uid is
-- derived from the row's number in views instead of being stored.
UPDATE attendee SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE uid IS NULL;
UPDATE check_in SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE uid IS NULL;
UPDATE print_job SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE uid IS NULL;
UPDATE lead SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE uid IS NULL;

CREATE UNIQUE INDEX attendee_uid ON attendee(uid);
CREATE UNIQUE INDEX check_in_uid ON check_in(uid);
CREATE UNIQUE INDEX print_job_uid ON print_job(uid);
CREATE UNIQUE INDEX lead_uid ON lead(uid);

-- New rows of the append-only tables carry their uid from the start.
ALTER TABLE audit_log ADD COLUMN uid TEXT;
ALTER TABLE audit_log ADD COLUMN desk_id TEXT;
ALTER TABLE pin_attempt ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX audit_log_uid ON audit_log(uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX pin_attempt_uid ON pin_attempt(uid) WHERE uid IS NOT NULL;

-- A volunteer's shift at one desk installation. At most one is open per desk.
CREATE TABLE shift (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    desk_id     TEXT NOT NULL,
    desk_name   TEXT NOT NULL,
    operator    TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT
) STRICT;
CREATE UNIQUE INDEX shift_one_open_per_desk ON shift(desk_id) WHERE closed_at IS NULL;

-- Which shift and desk made a check-in or a print job.
ALTER TABLE check_in ADD COLUMN shift_uid TEXT;
ALTER TABLE print_job ADD COLUMN shift_uid TEXT;

-- Every committed write, numbered. `attendees` lists the attendees it
-- touched (comma-separated ids), or is NULL when it may have touched any.
CREATE TABLE change_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded_at  TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('attendees', 'event', 'leads', 'shifts')),
    attendees    TEXT
) STRICT;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;

-- The request a key was first used for (SHA-256 of its canonical form, PINs
-- left out), so that a key reused for another request is refused.
ALTER TABLE idempotency ADD COLUMN request_hash TEXT;
CREATE TRIGGER idempotency_no_update BEFORE UPDATE ON idempotency
BEGIN
    SELECT RAISE(ABORT, 'idempotency is append-only');
END;
CREATE TRIGGER idempotency_no_delete BEFORE DELETE ON idempotency
BEGIN
    SELECT RAISE(ABORT, 'idempotency is append-only');
END;

-- REPLACE deletes the row it replaces without firing delete triggers unless
-- a connection turned `recursive_triggers` on (Lanyard's do; a tamperer's
-- need not): refuse, before the insert, any row whose key already exists.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER pin_attempt_no_replace BEFORE INSERT ON pin_attempt
WHEN EXISTS (SELECT 1 FROM pin_attempt WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'pin_attempt is append-only');
END;
CREATE TRIGGER change_log_no_replace BEFORE INSERT ON change_log
WHEN EXISTS (SELECT 1 FROM change_log WHERE seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;
CREATE TRIGGER idempotency_no_replace BEFORE INSERT ON idempotency
WHEN EXISTS (SELECT 1 FROM idempotency WHERE key = NEW.key)
BEGIN
    SELECT RAISE(ABORT, 'idempotency is append-only');
END;
