-- 0009: the cash box. A price list and cash settings kept with the event;
-- cash shifts on a drawer (one drawer per desk installation); the ledger,
-- append-only, numbered without gaps per drawer and hash-chained (the hash
-- is computed by the app over a canonical encoding, see
-- lanyard_core::cash::ledger); and the closed days, after which nothing
-- can be booked into that day. Cash changes are announced in the change
-- log as 'shifts' (entries, cash shifts) and 'event' (prices, settings).

CREATE TABLE price (
    ticket_type   TEXT PRIMARY KEY CHECK (length(ticket_type) BETWEEN 1 AND 100),
    amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    position      INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
) STRICT;

-- One row: how the event's cash is counted and rounded.
CREATE TABLE cash_setting (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    denominations       TEXT,            -- comma-separated minor units; NULL: the currency's own
    rounding_minor      INTEGER NOT NULL DEFAULT 1 CHECK (rounding_minor BETWEEN 1 AND 10000),
    tolerance_minor     INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_minor >= 0),
    updated_at          TEXT NOT NULL
) STRICT;

-- A volunteer's turn at a drawer, from a counted open to a counted close.
CREATE TABLE cash_shift (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    drawer       TEXT NOT NULL,
    desk_name    TEXT NOT NULL,
    operator     TEXT NOT NULL,
    day          TEXT NOT NULL,
    opened_at    TEXT NOT NULL,
    closed_at    TEXT
) STRICT;
CREATE UNIQUE INDEX cash_shift_one_open_per_drawer ON cash_shift(drawer) WHERE closed_at IS NULL;
CREATE TRIGGER cash_shift_close_only BEFORE UPDATE ON cash_shift
WHEN OLD.closed_at IS NOT NULL OR NEW.closed_at IS NULL OR NEW.uid IS NOT OLD.uid
  OR NEW.drawer IS NOT OLD.drawer OR NEW.operator IS NOT OLD.operator OR NEW.day IS NOT OLD.day
  OR NEW.opened_at IS NOT OLD.opened_at OR NEW.desk_name IS NOT OLD.desk_name
BEGIN
    SELECT RAISE(ABORT, 'a cash shift can only be closed, once');
END;
CREATE TRIGGER cash_shift_no_delete BEFORE DELETE ON cash_shift
BEGIN
    SELECT RAISE(ABORT, 'cash_shift rows cannot be deleted');
END;
CREATE TRIGGER cash_shift_no_replace BEFORE INSERT ON cash_shift
WHEN EXISTS (SELECT 1 FROM cash_shift WHERE id = NEW.id OR uid = NEW.uid)
BEGIN
    SELECT RAISE(ABORT, 'cash_shift rows cannot be replaced');
END;

-- Closed business days: nothing more is booked into them.
CREATE TABLE cash_day (
    day          TEXT PRIMARY KEY CHECK (length(day) = 10),
    closed_at    TEXT NOT NULL,
    closed_by    TEXT NOT NULL,
    lead         TEXT NOT NULL
) STRICT;
CREATE TRIGGER cash_day_no_update BEFORE UPDATE ON cash_day
BEGIN
    SELECT RAISE(ABORT, 'cash_day is append-only');
END;
CREATE TRIGGER cash_day_no_delete BEFORE DELETE ON cash_day
BEGIN
    SELECT RAISE(ABORT, 'cash_day is append-only');
END;
CREATE TRIGGER cash_day_no_replace BEFORE INSERT ON cash_day
WHEN EXISTS (SELECT 1 FROM cash_day WHERE day = NEW.day)
BEGIN
    SELECT RAISE(ABORT, 'the day is already closed');
END;

CREATE TABLE cash_entry (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    drawer          TEXT NOT NULL,
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    day             TEXT NOT NULL CHECK (length(day) = 10),
    at              TEXT NOT NULL,
    at_millis       INTEGER NOT NULL,
    shift           TEXT NOT NULL REFERENCES cash_shift(uid),
    operator        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('float', 'sale', 'rounding', 'refund', 'void', 'pay_in',
                                                  'pay_out', 'deposit', 'count', 'difference')),
    method          TEXT CHECK (method IN ('cash', 'card', 'voucher', 'comp')),
    amount_minor    INTEGER NOT NULL,
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    receipt         TEXT UNIQUE,
    ticket_type     TEXT,
    attendee        TEXT,
    reference       TEXT,
    reason          TEXT,
    witness         TEXT,
    lead            TEXT,
    reverses        TEXT,
    count           TEXT,
    tendered_minor  INTEGER,
    change_minor    INTEGER CHECK (change_minor IS NULL OR change_minor >= 0),
    prev_hash       TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash            TEXT NOT NULL CHECK (length(hash) = 64),
    UNIQUE (drawer, seq)
) STRICT;
CREATE INDEX cash_entry_day ON cash_entry(day);
CREATE INDEX cash_entry_shift ON cash_entry(shift);
CREATE UNIQUE INDEX cash_entry_one_reversal ON cash_entry(reverses) WHERE kind IN ('refund', 'void');

CREATE TRIGGER cash_entry_no_update BEFORE UPDATE ON cash_entry
BEGIN
    SELECT RAISE(ABORT, 'the cash ledger is append-only');
END;
CREATE TRIGGER cash_entry_no_delete BEFORE DELETE ON cash_entry
BEGIN
    SELECT RAISE(ABORT, 'the cash ledger is append-only');
END;
-- Refuses REPLACE (which deletes without delete triggers unless
-- recursive_triggers is on) and any number but the drawer's next one.
CREATE TRIGGER cash_entry_next_number BEFORE INSERT ON cash_entry
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM cash_entry WHERE drawer = NEW.drawer)
  OR EXISTS (SELECT 1 FROM cash_entry WHERE id = NEW.id OR uid = NEW.uid)
BEGIN
    SELECT RAISE(ABORT, 'the cash ledger is append-only and numbered without gaps');
END;
CREATE TRIGGER cash_entry_day_open BEFORE INSERT ON cash_entry
WHEN EXISTS (SELECT 1 FROM cash_day WHERE day = NEW.day)
BEGIN
    SELECT RAISE(ABORT, 'the day is closed: nothing more can be booked into it');
END;
