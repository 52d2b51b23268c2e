//! [`ReadTx`] and [`WriteTx`]: the operations the api may run inside one
//! transaction.
//!
//! Reads and writes are different types: a [`ReadTx`] has no method that
//! changes anything, and a [`WriteTx`] (which also reads, through `Deref`)
//! exists only inside [`Store::write`](crate::Store::write). Each method
//! forwards to the module of its table in `table/`; callers never see SQL
//! or rusqlite types, and pass domain types, not strings. A second backend
//! (PostgreSQL, for several desks) implements the same operations.

use lanyard_core::{
    Attendee, AttendeeId, BadgeCode, CheckIn, DeskId, NewAttendee, OperatorName, RandomSource, ShiftId,
    Timestamp,
};
use std::collections::HashMap;
use std::ops::Deref;

use lanyard_core::cash::Entry;

use crate::table::{
    attendee, audit, badge, cash, change, check_in, event, idempotency, lead, setting, shift,
};
use crate::{
    AuditEntry, AuditRecord, CashDayRow, CashSettingsRow, CashShiftRow, Change, ChangeKind, EventRow,
    LeadRow, PinAttempt, PriceRow, PrintJob, Remembered, ShiftRow, StoreError,
};

/// A read transaction: one consistent snapshot of the event database.
#[derive(Debug)]
pub struct ReadTx<'a> {
    conn: &'a rusqlite::Connection,
}

/// A write transaction: everything a [`ReadTx`] reads, and the writes.
#[derive(Debug)]
pub struct WriteTx<'a> {
    read: ReadTx<'a>,
    random: &'a dyn RandomSource,
}

impl<'a> Deref for WriteTx<'a> {
    type Target = ReadTx<'a>;

    fn deref(&self) -> &ReadTx<'a> {
        &self.read
    }
}

impl<'a> ReadTx<'a> {
    pub(crate) fn new(conn: &'a rusqlite::Connection) -> Self {
        ReadTx { conn }
    }

    /// The event held in this file, if one was created.
    pub fn event(&self) -> Result<Option<EventRow>, StoreError> {
        event::get(self.conn)
    }

    /// One attendee by id.
    pub fn attendee(&self, id: AttendeeId) -> Result<Option<Attendee>, StoreError> {
        attendee::by_id(self.conn, id)
    }

    /// Several attendees by id, in one query, in id order (missing ids are skipped).
    pub fn attendees(&self, ids: &[AttendeeId]) -> Result<Vec<Attendee>, StoreError> {
        attendee::by_ids(self.conn, ids)
    }

    /// One attendee by the code on their badge.
    pub fn attendee_by_badge_code(&self, code: &BadgeCode) -> Result<Option<Attendee>, StoreError> {
        attendee::by_badge_code(self.conn, code)
    }

    /// One attendee by the secret on their source-system ticket.
    pub fn attendee_by_ticket_secret(&self, secret: &str) -> Result<Option<Attendee>, StoreError> {
        attendee::by_ticket_secret(self.conn, secret)
    }

    /// One attendee by the reference printed on their source-system ticket,
    /// matched without regard to case.
    pub fn attendee_by_ticket_reference(&self, reference: &str) -> Result<Option<Attendee>, StoreError> {
        attendee::by_ticket_reference(self.conn, reference)
    }

    /// Attendees with this e-mail address, in any case (at most 20).
    pub fn attendee_ids_by_email(&self, email: &str) -> Result<Vec<AttendeeId>, StoreError> {
        attendee::ids_by_email(self.conn, email)
    }

    /// What search indexes of every attendee, in id order.
    pub fn search_rows(&self) -> Result<Vec<crate::SearchRow>, StoreError> {
        attendee::search_rows(self.conn)
    }

    /// Every attendee, in id order.
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

    /// Active check-ins of several attendees, in one query.
    pub fn active_check_ins(&self, ids: &[AttendeeId]) -> Result<HashMap<AttendeeId, CheckIn>, StoreError> {
        check_in::active_many(self.conn, ids)
    }

    /// Every active check-in, oldest first.
    pub fn all_active_check_ins(&self) -> Result<Vec<CheckIn>, StoreError> {
        check_in::all_active(self.conn)
    }

    /// Number of attendees checked in now.
    pub fn checked_in_count(&self) -> Result<i64, StoreError> {
        check_in::active_count(self.conn)
    }

    /// Active leads, by name.
    pub fn leads(&self) -> Result<Vec<LeadRow>, StoreError> {
        lead::active(self.conn)
    }

    /// One active lead by name.
    pub fn lead(&self, name: &str) -> Result<Option<LeadRow>, StoreError> {
        lead::by_name(self.conn, name)
    }

    /// The last `count` PIN attempts, oldest first, as (when, success).
    pub fn recent_pin_attempts(&self, count: usize) -> Result<Vec<(Timestamp, bool)>, StoreError> {
        lead::recent_attempts(self.conn, count)
    }

    /// What was first recorded under an idempotency key.
    pub fn remembered(&self, key: &str) -> Result<Option<Remembered>, StoreError> {
        idempotency::get(self.conn, key)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditRecord>, StoreError> {
        audit::all(self.conn)
    }

    /// The event's badge template (TOML), if one was saved.
    pub fn badge_template(&self) -> Result<Option<String>, StoreError> {
        badge::template(self.conn)
    }

    /// The event's own badge logo (PNG), if one was set.
    pub fn badge_logo(&self) -> Result<Option<Vec<u8>>, StoreError> {
        badge::logo(self.conn)
    }

    /// Every print job for an attendee, oldest first.
    pub fn print_jobs(&self, id: AttendeeId) -> Result<Vec<PrintJob>, StoreError> {
        badge::jobs_for(self.conn, id)
    }

    /// The print jobs of several attendees, in one query.
    pub fn print_jobs_of(
        &self,
        ids: &[AttendeeId],
    ) -> Result<HashMap<AttendeeId, Vec<PrintJob>>, StoreError> {
        badge::jobs_for_many(self.conn, ids)
    }

    /// Printed badges per attendee.
    pub fn printed_counts(&self) -> Result<HashMap<AttendeeId, i64>, StoreError> {
        badge::printed_counts(self.conn)
    }

    /// Attendees whose latest print job failed.
    pub fn pending_prints(&self) -> Result<Vec<AttendeeId>, StoreError> {
        badge::pending(self.conn)
    }

    /// A setting kept in the event file by builds before schema 6 (desk
    /// name, printer): read once to move it to the installation's file.
    pub fn legacy_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        setting::get(self.conn, key)
    }

    /// The open shift of a desk installation, if it has one.
    pub fn open_shift(&self, desk: &DeskId) -> Result<Option<ShiftRow>, StoreError> {
        shift::open_for(self.conn, desk)
    }

    /// The unique ids of every attendee, check-in and print job (for tests
    /// and, later, the merge of several desks' rows).
    pub fn row_uids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid FROM attendee UNION ALL SELECT uid FROM check_in UNION ALL SELECT uid FROM print_job",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The number of the latest change (0 for none).
    pub fn last_change(&self) -> Result<i64, StoreError> {
        change::last_seq(self.conn)
    }

    /// The event's price list, in its order.
    pub fn prices(&self) -> Result<Vec<PriceRow>, StoreError> {
        cash::prices(self.conn)
    }

    /// How the event's cash is counted and rounded.
    pub fn cash_settings(&self) -> Result<CashSettingsRow, StoreError> {
        cash::settings(self.conn)
    }

    /// The drawer's open cash shift.
    pub fn open_cash_shift(&self, drawer: &str) -> Result<Option<CashShiftRow>, StoreError> {
        cash::open_shift(self.conn, drawer)
    }

    /// A cash shift by its id.
    pub fn cash_shift(&self, uid: &str) -> Result<Option<CashShiftRow>, StoreError> {
        cash::shift(self.conn, uid)
    }

    /// Every open cash shift, on any drawer.
    pub fn open_cash_shifts(&self) -> Result<Vec<CashShiftRow>, StoreError> {
        cash::open_shifts(self.conn)
    }

    /// The cash shifts of a business day.
    pub fn cash_shifts_of_day(&self, day: &str) -> Result<Vec<CashShiftRow>, StoreError> {
        cash::shifts_of_day(self.conn, day)
    }

    /// The drawer's last entry number and hash, if it has entries.
    pub fn cash_chain_head(&self, drawer: &str) -> Result<Option<(i64, String)>, StoreError> {
        cash::chain_head(self.conn, drawer)
    }

    /// A drawer's last entry number and hash as of the end of `day`.
    pub fn cash_chain_head_on(&self, drawer: &str, day: &str) -> Result<Option<(i64, String)>, StoreError> {
        cash::chain_head_on(self.conn, drawer, day)
    }

    /// A cash shift's entries, in order.
    pub fn cash_entries_of_shift(&self, shift: &str) -> Result<Vec<Entry>, StoreError> {
        cash::entries_of_shift(self.conn, shift)
    }

    /// A business day's entries, by drawer and number.
    pub fn cash_entries_of_day(&self, day: &str) -> Result<Vec<Entry>, StoreError> {
        cash::entries_of_day(self.conn, day)
    }

    /// A drawer's whole chain, in order.
    pub fn cash_entries_of_drawer(&self, drawer: &str) -> Result<Vec<Entry>, StoreError> {
        cash::entries_of_drawer(self.conn, drawer)
    }

    /// The sale with this receipt number.
    pub fn cash_entry_by_receipt(&self, receipt: &str) -> Result<Option<Entry>, StoreError> {
        cash::entry_by_receipt(self.conn, receipt)
    }

    /// The drawer's entry number `seq`.
    pub fn cash_entry_at(&self, drawer: &str, seq: i64) -> Result<Option<Entry>, StoreError> {
        cash::entry_at(self.conn, drawer, seq)
    }

    /// Entries that point back at the entry `uid` (refunds, voids, their rounding).
    pub fn cash_reversals_of(&self, uid: &str) -> Result<Vec<Entry>, StoreError> {
        cash::reversals_of(self.conn, uid)
    }

    /// Every drawer that has a shift or an entry.
    pub fn cash_drawers(&self) -> Result<Vec<String>, StoreError> {
        cash::drawers(self.conn)
    }

    /// The day's closing, if it was closed.
    pub fn closed_cash_day(&self, day: &str) -> Result<Option<CashDayRow>, StoreError> {
        cash::closed_day(self.conn, day)
    }

    /// An attendee's globally unique id.
    pub fn attendee_uid(&self, id: AttendeeId) -> Result<Option<String>, StoreError> {
        cash::attendee_uid(self.conn, id.0)
    }

    /// Changes after `seq`, oldest first, at most `limit`.
    pub fn changes_since(&self, seq: i64, limit: usize) -> Result<Vec<Change>, StoreError> {
        change::since(self.conn, seq, limit)
    }
}

impl<'a> WriteTx<'a> {
    pub(crate) fn new(conn: &'a rusqlite::Connection, random: &'a dyn RandomSource) -> Self {
        WriteTx { read: ReadTx::new(conn), random }
    }

    fn conn(&self) -> &'a rusqlite::Connection {
        self.read.conn
    }

    /// Creates the file's event.
    pub fn create_event(
        &self,
        name: &str,
        currency: &lanyard_core::Currency,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        event::create(self.conn(), name, currency.as_str(), at)
    }

    /// Adds an attendee (with a fresh unique id).
    pub fn insert_attendee(&self, a: &NewAttendee, at: Timestamp) -> Result<AttendeeId, StoreError> {
        attendee::insert(self.conn(), None, a, None, at, self.random)
    }

    /// Adds an attendee with the reference of their source-system ticket.
    pub fn insert_attendee_with_reference(
        &self,
        a: &NewAttendee,
        reference: Option<&str>,
        at: Timestamp,
    ) -> Result<AttendeeId, StoreError> {
        attendee::insert(self.conn(), None, a, reference, at, self.random)
    }

    /// Adds an attendee under an id chosen beforehand (`next_attendee_id`
    /// and the ones after it); refused by the schema when the id is taken.
    pub fn insert_attendee_as(
        &self,
        id: AttendeeId,
        a: &NewAttendee,
        reference: Option<&str>,
        at: Timestamp,
    ) -> Result<AttendeeId, StoreError> {
        attendee::insert(self.conn(), Some(id), a, reference, at, self.random)
    }

    /// The id the next attendee added gets, unless one is chosen: an import
    /// numbers its new attendees from it.
    pub fn next_attendee_id(&self) -> Result<AttendeeId, StoreError> {
        attendee::next_id(self.conn())
    }

    /// Replaces an attendee's details (badge code included: callers keep it).
    pub fn update_attendee(&self, id: AttendeeId, a: &NewAttendee, at: Timestamp) -> Result<(), StoreError> {
        attendee::update(self.conn(), id, a, at)
    }

    /// Sets (or clears) the reference of an attendee's source-system ticket;
    /// refused by the schema when another attendee has it.
    pub fn set_ticket_reference(&self, id: AttendeeId, reference: Option<&str>) -> Result<(), StoreError> {
        attendee::set_ticket_reference(self.conn(), id, reference)
    }

    /// Records a check-in, made in `shift` if one is open.
    pub fn insert_check_in(&self, c: &CheckIn, shift: Option<&ShiftId>) -> Result<i64, StoreError> {
        check_in::insert(self.conn(), c, shift, self.random)
    }

    /// Undoes the attendee's active check-in; false when they had none.
    pub fn undo_check_in(
        &self,
        id: AttendeeId,
        at: Timestamp,
        by: &OperatorName,
        reason: &str,
    ) -> Result<bool, StoreError> {
        check_in::undo(self.conn(), id, &at.to_rfc3339(), by, reason)
    }

    /// Adds a lead with the hash of their PIN.
    pub fn insert_lead(&self, name: &OperatorName, pin_hash: &str, at: Timestamp) -> Result<(), StoreError> {
        lead::insert(self.conn(), name, pin_hash, at, self.random)
    }

    /// Removes an active lead; false when there was none by that name.
    pub fn remove_lead(&self, name: &OperatorName, at: Timestamp) -> Result<bool, StoreError> {
        lead::remove(self.conn(), name, at)
    }

    /// Records a PIN attempt.
    pub fn record_pin_attempt(&self, attempt: &PinAttempt) -> Result<(), StoreError> {
        lead::record_attempt(self.conn(), attempt, self.random)
    }

    /// Records the first result of an action under its key.
    pub fn remember(&self, key: &str, remembered: &Remembered, at: Timestamp) -> Result<(), StoreError> {
        idempotency::put(self.conn(), key, remembered, at)
    }

    /// Appends an entry to the audit log.
    pub fn append_audit(&self, entry: &AuditEntry) -> Result<i64, StoreError> {
        audit::append(self.conn(), entry, self.random)
    }

    /// Saves the event's badge template (TOML).
    pub fn set_badge_template(&self, toml: &str, at: Timestamp) -> Result<(), StoreError> {
        badge::set_template(self.conn(), toml, at)
    }

    /// Sets (or, with `None`, removes) the event's badge logo.
    pub fn set_badge_logo(&self, png: Option<&[u8]>, at: Timestamp) -> Result<(), StoreError> {
        badge::set_logo(self.conn(), png, at)
    }

    /// Records a print job.
    pub fn insert_print_job(&self, job: &PrintJob) -> Result<(), StoreError> {
        badge::insert_job(self.conn(), job, self.random)
    }

    /// Opens a shift (refused by the schema when the desk has one open).
    pub fn insert_shift(&self, row: &ShiftRow) -> Result<(), StoreError> {
        shift::insert(self.conn(), row)
    }

    /// Closes a shift; false when it was not open.
    pub fn close_shift(&self, id: &ShiftId, at: Timestamp) -> Result<bool, StoreError> {
        shift::close(self.conn(), id, at)
    }

    /// Sets a ticket type's price (added at the end of the list when new).
    pub fn set_price(&self, price: &PriceRow, at: Timestamp, by: &OperatorName) -> Result<(), StoreError> {
        cash::set_price(self.conn(), price, at, by.as_str())
    }

    /// Removes a ticket type from the price list; false when it was not there.
    pub fn remove_price(&self, ticket_type: &str) -> Result<bool, StoreError> {
        cash::remove_price(self.conn(), ticket_type)
    }

    /// Saves how the event's cash is counted and rounded.
    pub fn set_cash_settings(&self, settings: &CashSettingsRow, at: Timestamp) -> Result<(), StoreError> {
        cash::set_settings(self.conn(), settings, at)
    }

    /// Opens a cash shift (refused by the schema when the drawer has one open).
    pub fn insert_cash_shift(&self, row: &CashShiftRow) -> Result<(), StoreError> {
        cash::insert_shift(self.conn(), row)
    }

    /// Closes a cash shift; false when it was not open.
    pub fn close_cash_shift(&self, uid: &str, at: Timestamp) -> Result<bool, StoreError> {
        cash::close_shift(self.conn(), uid, at)
    }

    /// Appends a sealed entry to its drawer's chain.
    pub fn insert_cash_entry(&self, entry: &Entry) -> Result<(), StoreError> {
        cash::insert_entry(self.conn(), entry)
    }

    /// Closes a business day.
    pub fn close_cash_day(&self, day: &CashDayRow) -> Result<(), StoreError> {
        cash::close_day(self.conn(), day)
    }

    /// Numbers this transaction's change in the change log.
    pub fn record_change(
        &self,
        at: Timestamp,
        desk: &DeskId,
        kind: ChangeKind,
        attendees: Option<&[AttendeeId]>,
    ) -> Result<i64, StoreError> {
        change::append(self.conn(), at, desk, kind, attendees)
    }
}
