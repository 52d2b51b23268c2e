-- 0002: where an attendee came from (order, ticket id and secret of the
-- source system) and whether their ticket is still valid.

ALTER TABLE attendee ADD COLUMN order_code TEXT NOT NULL DEFAULT '';
ALTER TABLE attendee ADD COLUMN external_id TEXT;
ALTER TABLE attendee ADD COLUMN ticket_secret TEXT;
ALTER TABLE attendee ADD COLUMN status TEXT NOT NULL DEFAULT 'valid'
    CHECK (status IN ('valid', 'cancelled'));

-- Re-imports find people by external id; a ticket secret scans like a badge code.
CREATE UNIQUE INDEX attendee_external_id ON attendee(external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX attendee_ticket_secret ON attendee(ticket_secret) WHERE ticket_secret IS NOT NULL;
