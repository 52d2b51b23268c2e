-- 0004: the event's badge template (TOML) and every print job sent.

CREATE TABLE badge_template (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    toml        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A badge counts as printed once CUPS accepted the job; a refused job is
-- kept as 'failed' so the desk can retry it with one key.
CREATE TABLE print_job (
    id            INTEGER PRIMARY KEY,
    attendee_id   INTEGER NOT NULL REFERENCES attendee(id),
    requested_at  TEXT NOT NULL,
    desk          TEXT NOT NULL,
    operator      TEXT NOT NULL,
    printer       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('printed', 'failed')),
    cups_job      TEXT,
    message       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX print_job_attendee ON print_job(attendee_id, id);
