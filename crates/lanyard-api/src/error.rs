//! The api's error: a stable code for programs, a sentence for people.

use serde::Serialize;
use ts_rs::TS;

use crate::dto::CheckInDto;
use lanyard_core::CoreError;
use lanyard_store::StoreError;

/// What went wrong, as a small stable set the UI switches on.
///
/// Codes are never renamed once released; add new ones instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The attendee was already checked in; `prior_check_in` says when, where, by whom.
    AlreadyCheckedIn,
    /// No attendee has the scanned or typed code.
    UnknownCode,
    /// The ticket was cancelled in the source system.
    TicketCancelled,
    /// The attendee still owes money; the message says how much.
    AmountDue,
    /// The chosen attendee does not exist (any more).
    UnknownAttendee,
    /// The desk has no operator: a volunteer must type their name first.
    NoOperator,
    /// Some input was not valid; the message names the field.
    InvalidInput,
    /// The lead's name or PIN was wrong; the message says how many tries are left.
    PinWrong,
    /// Five wrong PINs in a row: PIN entry is locked for five minutes.
    PinLocked,
    /// A first lead already exists: adding leads needs a lead's PIN.
    LeadExists,
    /// No lead is set up yet: the first start of an event sets one.
    NoLeads,
    /// The attendee is not checked in (so there is nothing to undo).
    NotCheckedIn,
    /// The badge was printed before; reprinting needs to be asked for.
    AlreadyPrinted,
    /// The printer refused the badge; it is kept as pending for a retry.
    PrintFailed,
    /// No printer is chosen for this desk.
    NoPrinter,
    /// The file's columns are not a known export: the user must map them.
    ImportNeedsMapping,
    /// The database already holds an event.
    EventExists,
    /// The database holds no event yet.
    NoEvent,
    /// The file is not a Lanyard database (not SQLite, or another application's).
    NotALanyardDatabase,
    /// The database was written by a newer Lanyard.
    DatabaseTooNew,
    /// The database is damaged.
    DatabaseDamaged,
    /// Any other storage failure (disk full, permissions, ...).
    Storage,
    /// A failure in the app itself (a host could not reach the desk); a bug.
    Internal,
}

/// An error as hosts receive it: `{ code, message }`, plus details for some codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// The stable code.
    pub code: ErrorCode,
    /// A sentence for the person at the desk.
    pub message: String,
    /// For `already_checked_in`: the first arrival.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prior_check_in: Option<CheckInDto>,
    /// For refusals about one attendee (already checked in, cancelled, money
    /// due): who, so that the desk can act on them (undo, edit).
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendee_id: Option<i64>,
}

impl ApiError {
    /// An error with no details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError { code, message: message.into(), prior_check_in: None, attendee_id: None }
    }
}

impl ApiError {
    /// The same error, about one attendee.
    pub fn about(mut self, attendee: lanyard_core::AttendeeId) -> Self {
        self.attendee_id = Some(attendee.0);
        self
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotADatabase { .. } | StoreError::ForeignDatabase { .. } => {
                ErrorCode::NotALanyardDatabase
            }
            StoreError::NewerSchema { .. } => ErrorCode::DatabaseTooNew,
            StoreError::Corrupt { .. } | StoreError::BadRow { .. } => ErrorCode::DatabaseDamaged,
            _ => ErrorCode::Storage,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        ApiError::new(ErrorCode::InvalidInput, e.to_string())
    }
}
