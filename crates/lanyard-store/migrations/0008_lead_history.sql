-- 0008: a lead's row is history too. It is never deleted or replaced, and
-- the only change it may take is being removed once (removed_at set from
-- nothing to a time); its name, PIN hash and dates never change.

CREATE TRIGGER lead_no_delete BEFORE DELETE ON lead
BEGIN
    SELECT RAISE(ABORT, 'lead rows are kept: a lead is removed by setting removed_at');
END;
CREATE TRIGGER lead_no_replace BEFORE INSERT ON lead
WHEN EXISTS (SELECT 1 FROM lead WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'lead rows are kept: a lead is removed by setting removed_at');
END;
CREATE TRIGGER lead_only_removed_once BEFORE UPDATE ON lead
WHEN NEW.id IS NOT OLD.id
    OR NEW.uid IS NOT OLD.uid
    OR NEW.name IS NOT OLD.name
    OR NEW.pin_hash IS NOT OLD.pin_hash
    OR NEW.created_at IS NOT OLD.created_at
    OR OLD.removed_at IS NOT NULL
    OR NEW.removed_at IS NULL
BEGIN
    SELECT RAISE(ABORT, 'lead rows are kept: a lead is removed by setting removed_at');
END;
