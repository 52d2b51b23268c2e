-- 0001: the first schema: one event per file, attendees, check-ins,
-- idempotency keys, the append-only audit log and local settings.

PRAGMA application_id = 1280203076; -- 'LNYD' (0x4C4E5944): marks the file as Lanyard's

CREATE TABLE event (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE attendee (
    id                INTEGER PRIMARY KEY,
    badge_code        TEXT NOT NULL UNIQUE,
    display_name      TEXT NOT NULL CHECK (length(display_name) > 0),
    given_name        TEXT NOT NULL DEFAULT '',
    family_name       TEXT NOT NULL DEFAULT '',
    nickname          TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    affiliation       TEXT NOT NULL DEFAULT '',
    hometown          TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    ticket_type       TEXT NOT NULL,
    role              TEXT NOT NULL,
    interests_json    TEXT NOT NULL DEFAULT '[]',
    amount_due_cents  INTEGER NOT NULL DEFAULT 0 CHECK (amount_due_cents >= 0),
    note              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

-- A check-in is undone by setting undone_at (a later issue); the partial
-- unique index makes a second active check-in impossible even if a bug
-- slipped past the rule in lanyard-core.
CREATE TABLE check_in (
    id             INTEGER PRIMARY KEY,
    attendee_id    INTEGER NOT NULL REFERENCES attendee(id),
    checked_in_at  TEXT NOT NULL,
    desk           TEXT NOT NULL,
    operator       TEXT NOT NULL,
    undone_at      TEXT
) STRICT;
CREATE UNIQUE INDEX check_in_one_active ON check_in(attendee_id) WHERE undone_at IS NULL;

-- The first result of every mutating action, by its idempotency key.
CREATE TABLE idempotency (
    key          TEXT PRIMARY KEY,
    action       TEXT NOT NULL,
    result_json  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

-- Who did what, when, at which desk. Append-only: corrections are new rows.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    recorded_at   TEXT NOT NULL,
    desk          TEXT NOT NULL,
    operator      TEXT NOT NULL,
    action        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    detail_json   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Settings of this desk install (desk name, ...).
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
