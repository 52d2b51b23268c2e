//! [`Tx`]: the operations the api may run inside one transaction.
//!
//! Each method forwards to the module of its table in `table/`; callers
//! never see SQL or rusqlite types. A second backend would implement the same
//! operations.

use lanyard_core::{Attendee, AttendeeId, BadgeCode, CheckIn, NewAttendee, Timestamp};
use std::collections::HashMap;

use crate::table::{attendee, audit, badge, check_in, event, idempotency, lead, setting};
use crate::{AuditEntry, EventRow, LeadRow, PinAttempt, PrintJob, StoreError};

/// A transaction on the event database.
#[derive(Debug)]
pub struct Tx<'a> {
    conn: &'a rusqlite::Connection,
}

impl<'a> Tx<'a> {
    pub(crate) fn new(conn: &'a rusqlite::Connection) -> Self {
        Tx { conn }
    }

    /// The event held in this file, if one was created.
    pub fn event(&self) -> Result<Option<EventRow>, StoreError> {
        event::get(self.conn)
    }

    /// Creates the file's event.
    pub fn create_event(&self, name: &str, currency: &str, at: Timestamp) -> Result<(), StoreError> {
        event::create(self.conn, name, currency, at)
    }

    /// Adds an attendee.
    pub fn insert_attendee(&self, a: &NewAttendee, at: Timestamp) -> Result<AttendeeId, StoreError> {
        attendee::insert(self.conn, a, at)
    }

    /// Replaces an attendee's details (badge code included: callers keep it).
    pub fn update_attendee(&self, id: AttendeeId, a: &NewAttendee, at: Timestamp) -> Result<(), StoreError> {
        attendee::update(self.conn, id, a, at)
    }

    /// One attendee by id.
    pub fn attendee(&self, id: AttendeeId) -> Result<Option<Attendee>, StoreError> {
        attendee::by_id(self.conn, id)
    }

    /// One attendee by the code on their badge.
    pub fn attendee_by_badge_code(&self, code: &BadgeCode) -> Result<Option<Attendee>, StoreError> {
        attendee::by_badge_code(self.conn, code)
    }

    /// One attendee by the secret on their source-system ticket.
    pub fn attendee_by_ticket_secret(&self, secret: &str) -> Result<Option<Attendee>, StoreError> {
        attendee::by_ticket_secret(self.conn, secret)
    }

    /// Every attendee, in id order (to build the search index).
    pub fn all_attendees(&self) -> Result<Vec<Attendee>, StoreError> {
        attendee::all(self.conn)
    }

    /// Number of attendees expected: those with a valid (not cancelled) ticket.
    pub fn attendee_count(&self) -> Result<i64, StoreError> {
        attendee::count(self.conn)
    }

    /// The attendee's check-in that has not been undone, if any.
    pub fn active_check_in(&self, id: AttendeeId) -> Result<Option<CheckIn>, StoreError> {
        check_in::active(self.conn, id)
    }

    /// Active check-ins of several attendees at once.
    pub fn active_check_ins(&self, ids: &[AttendeeId]) -> Result<HashMap<AttendeeId, CheckIn>, StoreError> {
        check_in::active_many(self.conn, ids)
    }

    /// Every active check-in, oldest first.
    pub fn all_active_check_ins(&self) -> Result<Vec<CheckIn>, StoreError> {
        check_in::all_active(self.conn)
    }

    /// Records a check-in.
    pub fn insert_check_in(&self, c: &CheckIn) -> Result<i64, StoreError> {
        check_in::insert(self.conn, c)
    }

    /// Undoes the attendee's active check-in; false when they had none.
    pub fn undo_check_in(
        &self,
        id: AttendeeId,
        at: Timestamp,
        by: &str,
        reason: &str,
    ) -> Result<bool, StoreError> {
        check_in::undo(self.conn, id, &at.to_rfc3339(), by, reason)
    }

    /// Active leads, by name.
    pub fn leads(&self) -> Result<Vec<LeadRow>, StoreError> {
        lead::active(self.conn)
    }

    /// One active lead by name.
    pub fn lead(&self, name: &str) -> Result<Option<LeadRow>, StoreError> {
        lead::by_name(self.conn, name)
    }

    /// Adds a lead with the hash of their PIN.
    pub fn insert_lead(&self, name: &str, pin_hash: &str, at: Timestamp) -> Result<(), StoreError> {
        lead::insert(self.conn, name, pin_hash, at)
    }

    /// Removes an active lead; false when there was none by that name.
    pub fn remove_lead(&self, name: &str, at: Timestamp) -> Result<bool, StoreError> {
        lead::remove(self.conn, name, at)
    }

    /// Records a PIN attempt.
    pub fn record_pin_attempt(&self, attempt: &PinAttempt) -> Result<(), StoreError> {
        lead::record_attempt(self.conn, attempt)
    }

    /// The last `count` PIN attempts, oldest first, as (when, success).
    pub fn recent_pin_attempts(&self, count: usize) -> Result<Vec<(Timestamp, bool)>, StoreError> {
        lead::recent_attempts(self.conn, count)
    }

    /// Number of attendees checked in now.
    pub fn checked_in_count(&self) -> Result<i64, StoreError> {
        check_in::active_count(self.conn)
    }

    /// The result first recorded under `key` for `action`, as JSON.
    pub fn idempotent_result(&self, key: &str) -> Result<Option<(String, String)>, StoreError> {
        idempotency::get(self.conn, key)
    }

    /// Records the first result of an action under its key.
    pub fn record_idempotent(
        &self,
        key: &str,
        action: &str,
        result_json: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        idempotency::put(self.conn, key, action, result_json, at)
    }

    /// Appends an entry to the audit log.
    pub fn append_audit(&self, entry: &AuditEntry) -> Result<i64, StoreError> {
        audit::append(self.conn, entry)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        audit::all(self.conn)
    }

    /// The event's badge template (TOML), if one was saved.
    pub fn badge_template(&self) -> Result<Option<String>, StoreError> {
        badge::template(self.conn)
    }

    /// Saves the event's badge template (TOML).
    pub fn set_badge_template(&self, toml: &str, at: Timestamp) -> Result<(), StoreError> {
        badge::set_template(self.conn, toml, at)
    }

    /// The event's own badge logo (PNG), if one was set.
    pub fn badge_logo(&self) -> Result<Option<Vec<u8>>, StoreError> {
        badge::logo(self.conn)
    }

    /// Sets (or, with `None`, removes) the event's badge logo.
    pub fn set_badge_logo(&self, png: Option<&[u8]>, at: Timestamp) -> Result<(), StoreError> {
        badge::set_logo(self.conn, png, at)
    }

    /// Records a print job.
    pub fn insert_print_job(&self, job: &PrintJob) -> Result<(), StoreError> {
        badge::insert_job(self.conn, job)
    }

    /// Every print job for an attendee, oldest first.
    pub fn print_jobs(&self, id: AttendeeId) -> Result<Vec<PrintJob>, StoreError> {
        badge::jobs_for(self.conn, id)
    }

    /// Printed badges per attendee.
    pub fn printed_counts(&self) -> Result<HashMap<AttendeeId, i64>, StoreError> {
        badge::printed_counts(self.conn)
    }

    /// Attendees whose latest print job failed.
    pub fn pending_prints(&self) -> Result<Vec<AttendeeId>, StoreError> {
        badge::pending(self.conn)
    }

    /// A local setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        setting::get(self.conn, key)
    }

    /// Sets a local setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        setting::set(self.conn, key, value)
    }
}
