-- 0005: the event's own logo for badges (a PNG), set in the event's settings.

CREATE TABLE badge_logo (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    png         BLOB NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
