-- 0007: the reference printed on a source-system ticket (Tito's "ABCD-1",
-- pretix's "ABC12-1"). Typed at the desk it finds its attendee, so it is
-- unique, without regard to case, as people type it.

ALTER TABLE attendee ADD COLUMN ticket_reference TEXT;
CREATE UNIQUE INDEX attendee_ticket_reference ON attendee(ticket_reference COLLATE NOCASE)
    WHERE ticket_reference IS NOT NULL;
