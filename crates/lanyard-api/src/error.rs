//! The api's error: a stable code for programs, a sentence for people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::{CheckInDto, MoneyDto};
use lanyard_core::{AttendeeId, CheckIn, CoreError, Money, Timestamp};
use lanyard_store::StoreError;

/// What went wrong, as a small stable set the UI switches on.
///
/// Codes are never renamed once released; add new ones instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The attendee was already checked in; `prior_check_in` says when, where, by whom.
    AlreadyCheckedIn,
    /// No attendee has the scanned or typed code.
    UnknownCode,
    /// The ticket was cancelled in the source system.
    TicketCancelled,
    /// The attendee still owes money; `amount_due` says how much.
    AmountDue,
    /// The chosen attendee does not exist (any more).
    UnknownAttendee,
    /// The desk has no operator: a volunteer must type their name first.
    NoOperator,
    /// Some input was not valid; the message names the field.
    InvalidInput,
    /// The action needs a lead: send a lead's name and PIN with it.
    LeadRequired,
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
    /// The person named is already a lead.
    AlreadyALead,
    /// The last lead of an event cannot be removed.
    LastLead,
    /// Some characters of the name cannot be drawn: `missing` lists them;
    /// printing needs `confirm_missing`.
    MissingCharacters,
    /// A failure in the app itself (a host could not reach the desk); a bug.
    Internal,
    /// The file has rows that cannot be imported: nothing was imported; the
    /// message names their lines (the dry run lists why).
    ImportHasProblems,
    /// This desk's drawer has no open cash shift: open it with a counted float.
    NoCashShift,
    /// This desk's drawer already has an open shift: close it with a count first.
    CashShiftOpen,
    /// The business day was closed: nothing more can be booked into it.
    DayClosed,
    /// The closing count differs from the ledger by more than the tolerance:
    /// a lead must approve it with a note.
    DifferenceNeedsLead,
    /// No sale has that receipt number.
    UnknownReceipt,
    /// The sale was already refunded or voided.
    AlreadyRefunded,
    /// The event file cannot be written: it is open read-only, and nothing
    /// can be changed (search and the live view still work).
    ReadOnly,
    /// No event database is at the path given (a mistyped path): nothing
    /// was created; the message names the path.
    NoDatabase,
    /// The disk is full: nothing was saved; free space and try again.
    DiskFull,
    /// Another program held the event file's write lock too long: nothing
    /// was saved; try again in a moment.
    Busy,
    /// Someone with the same name or e-mail is already registered: `matches`
    /// lists them; register anyway with `confirm_new`.
    PossibleDuplicate,
}

/// An error as hosts receive it: `{ code, message }`, plus details for some codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// The stable code.
    pub code: ErrorCode,
    /// A sentence for the person at the desk.
    pub message: String,
    /// For `already_checked_in`: the first arrival.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prior_check_in: Option<Box<CheckInDto>>,
    /// For refusals about one attendee (already checked in, cancelled, money
    /// due): who, so that the desk can act on them (undo, edit).
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendee_id: Option<i64>,
    /// For refusals about one attendee: their name, for the sentence the UI builds.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// For `amount_due`: how much.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_due: Option<Box<MoneyDto>>,
    /// For `invalid_input`: the field at fault, so the UI can name and focus it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `pin_wrong`: tries left before the lock; for `pin_locked`, when
    /// PIN entry opens again (RFC 3339 UTC) is in `retry_at`.
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u32>,
    /// For `missing_characters`: the characters no font has.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
    /// For `pin_locked`: when PIN entry opens again (RFC 3339 UTC).
    #[ts(optional, type = "string")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<Box<str>>,
    /// For `possible_duplicate`: the attendees who look like the newcomer.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<crate::dto::AttendeeCard>>,
}

impl ApiError {
    /// An error with no details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            prior_check_in: None,
            attendee_id: None,
            display_name: None,
            amount_due: None,
            field: None,
            tries_left: None,
            retry_at: None,
            missing: None,
            matches: None,
        }
    }
}

/// Why a use case refused, typed where it arises. Each becomes an
/// [`ApiError`] with its code and fields in one place ([`From`] below), so
/// messages and codes cannot drift apart between call sites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The attendee was already checked in.
    AlreadyCheckedIn {
        /// Who.
        attendee: AttendeeId,
        /// Their name.
        name: String,
        /// The first arrival.
        prior: CheckIn,
    },
    /// The ticket was cancelled in the source system.
    TicketCancelled {
        /// Who.
        attendee: AttendeeId,
        /// Their name.
        name: String,
    },
    /// Money is owed.
    AmountDue {
        /// Who.
        attendee: AttendeeId,
        /// Their name.
        name: String,
        /// How much.
        due: Money,
    },
    /// Nobody has the code or text typed.
    UnknownCode {
        /// What was typed or scanned.
        typed: String,
        /// True when it had the shape of a badge code.
        badge_shaped: bool,
    },
    /// The attendee chosen does not exist.
    UnknownAttendee(AttendeeId),
    /// No volunteer has started a shift.
    NoOperator {
        /// What the volunteer was trying to do ("checking people in").
        doing: &'static str,
    },
    /// A privileged action came without a lead's name and PIN.
    LeadRequired,
    /// A lead's grant ran out or was given back.
    GrantExpired,
    /// The lead's name or PIN was wrong.
    PinWrong {
        /// Tries left before the lock.
        left: usize,
    },
    /// PIN entry is locked.
    PinLocked {
        /// Until when.
        until: Timestamp,
    },
    /// No lead is set up yet.
    NoLeads,
    /// Leads exist, so adding one needs a lead's PIN.
    LeadExists,
    /// The person is already a lead.
    AlreadyALead(String),
    /// There is no lead by that name.
    UnknownLead(String),
    /// The last lead cannot be removed.
    LastLead,
    /// The attendee is not checked in.
    NotCheckedIn {
        /// Who.
        attendee: AttendeeId,
        /// Their name.
        name: String,
    },
    /// The badge was printed before.
    AlreadyPrinted {
        /// Who.
        attendee: AttendeeId,
        /// Their name.
        name: String,
        /// How often.
        times: i64,
        /// When last.
        last: Option<Timestamp>,
    },
    /// No printer is chosen for this desk.
    NoPrinter,
    /// The database already holds an event.
    EventExists(String),
    /// The database holds no event yet.
    NoEvent,
    /// An idempotency key came back with another request.
    KeyReused,
    /// The file's columns are not those of a known export.
    ImportNeedsMapping {
        /// The file.
        file: String,
        /// Its columns.
        columns: Vec<String>,
    },
    /// A file could not be read as a table at all.
    UnreadableFile(String),
    /// Some characters of a name cannot be drawn.
    MissingCharacters {
        /// Whose badge.
        attendee: AttendeeId,
        /// Their name.
        name: String,
        /// The characters no font has.
        missing: Vec<String>,
    },
    /// The printer refused a badge, which stays pending.
    PrintFailed {
        /// Whose badge, when it was one person's.
        attendee: Option<(AttendeeId, String)>,
        /// The print queue's words.
        cause: String,
    },
    /// A field of the request is not valid.
    Invalid {
        /// The field, as the person would call it.
        field: &'static str,
        /// What is wrong, as a sentence fragment.
        problem: String,
    },
    /// This desk's drawer has no open cash shift.
    NoCashShift,
    /// This desk's drawer has an open shift already.
    CashShiftOpen {
        /// Whose.
        operator: String,
    },
    /// The business day is closed.
    DayClosed(String),
    /// The closing difference is above the tolerance.
    DifferenceNeedsLead {
        /// Whether the note is missing too.
        note_missing: bool,
    },
    /// No sale has the receipt number.
    UnknownReceipt(String),
    /// Someone with the same name or e-mail is registered already.
    PossibleDuplicate {
        /// The newcomer's name.
        name: String,
        /// Who looks like them.
        matches: Vec<crate::dto::AttendeeCard>,
    },
    /// The sale was refunded or voided before.
    AlreadyRefunded(String),
    /// An import met rows it cannot take, and was not told to skip them.
    ImportHasProblems {
        /// The file.
        file: String,
        /// How many rows have problems.
        rows: usize,
        /// The first of their lines.
        lines: Vec<u64>,
    },
}

impl Refusal {
    /// A field that is not valid.
    pub fn invalid(field: &'static str, problem: impl Into<String>) -> Refusal {
        Refusal::Invalid { field, problem: problem.into() }
    }
}

fn utc_minutes(at: Timestamp) -> String {
    let text = at.to_rfc3339();
    text.get(..16).unwrap_or(&text).replace('T', " ")
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        use ErrorCode as C;
        let about = |mut e: ApiError, id: AttendeeId, name: &str| {
            e.attendee_id = Some(id.0);
            e.display_name = Some(name.to_owned());
            e
        };
        match r {
            Refusal::AlreadyCheckedIn { attendee, name, prior } => {
                let dto = CheckInDto::from(&prior);
                let mut e = ApiError::new(
                    C::AlreadyCheckedIn,
                    format!(
                        "{name} is already checked in: at {} (UTC) at {} by {}",
                        utc_minutes(prior.at),
                        prior.desk,
                        prior.operator
                    ),
                );
                e.prior_check_in = Some(Box::new(dto));
                about(e, attendee, &name)
            }
            Refusal::TicketCancelled { attendee, name } => about(
                ApiError::new(
                    C::TicketCancelled,
                    format!("{name}'s ticket was cancelled: no badge; send them to a lead"),
                ),
                attendee,
                &name,
            ),
            Refusal::AmountDue { attendee, name, due } => {
                let mut e = ApiError::new(
                    C::AmountDue,
                    format!(
                        "{name} still owes {due}: take the payment at the cash box (which checks them in), or a lead can let them in now with their PIN"
                    ),
                );
                e.amount_due = Some(Box::new(MoneyDto::from(&due)));
                about(e, attendee, &name)
            }
            Refusal::UnknownCode { typed, badge_shaped: true } => ApiError::new(
                C::UnknownCode,
                format!("no attendee has the badge code {typed}: search by name instead"),
            ),
            Refusal::UnknownCode { typed, badge_shaped: false } => ApiError::new(
                C::UnknownCode,
                format!("nobody matches {typed:?}: check the spelling or scan the badge"),
            ),
            Refusal::UnknownAttendee(id) => {
                ApiError::new(C::UnknownAttendee, format!("attendee {id} does not exist in this event"))
            }
            Refusal::NoOperator { doing } => {
                ApiError::new(C::NoOperator, format!("type your name to start your shift before {doing}"))
            }
            Refusal::LeadRequired => {
                ApiError::new(C::LeadRequired, "only a lead may do this: a lead's name and PIN are needed")
            }
            Refusal::GrantExpired => ApiError::new(
                C::LeadRequired,
                "the lead's five minutes are over: a lead's PIN is needed again",
            ),
            Refusal::PinWrong { left: 0 } => {
                let mut e = ApiError::new(
                    C::PinWrong,
                    "wrong lead name or PIN: PIN entry is now locked for five minutes",
                );
                e.tries_left = Some(0);
                e
            }
            Refusal::PinWrong { left } => {
                let mut e = ApiError::new(
                    C::PinWrong,
                    format!("wrong lead name or PIN ({left} tries left before a five-minute lock)"),
                );
                e.tries_left = u32::try_from(left).ok();
                e
            }
            Refusal::PinLocked { until } => {
                let time = until.to_rfc3339();
                let mut e = ApiError::new(
                    C::PinLocked,
                    format!(
                        "PIN entry is locked after {} wrong PINs: try again after {} (UTC)",
                        lanyard_core::pin::MAX_FAILURES,
                        time.get(11..16).unwrap_or(&time)
                    ),
                );
                e.retry_at = Some(time.into_boxed_str());
                e
            }
            Refusal::NoLeads => ApiError::new(C::NoLeads, "no lead is set up for this event yet"),
            Refusal::LeadExists => ApiError::new(
                C::LeadExists,
                "this event already has a lead: ask them to add you in the settings",
            ),
            Refusal::AlreadyALead(name) => {
                ApiError::new(C::AlreadyALead, format!("{name} is already a lead"))
            }
            Refusal::UnknownLead(name) => {
                let mut e = ApiError::new(C::InvalidInput, format!("there is no lead called {name:?}"));
                e.field = Some("lead".into());
                e
            }
            Refusal::LastLead => {
                ApiError::new(C::LastLead, "the last lead cannot be removed: add another first")
            }
            Refusal::NotCheckedIn { attendee, name } => about(
                ApiError::new(C::NotCheckedIn, format!("{name} is not checked in: nothing to undo")),
                attendee,
                &name,
            ),
            Refusal::AlreadyPrinted { attendee, name, times, last } => {
                let when = last.map(|t| t.to_rfc3339()).and_then(|t| t.get(11..16).map(str::to_owned));
                about(
                    ApiError::new(
                        C::AlreadyPrinted,
                        format!(
                            "{name}'s badge was already printed {times} time{} (last at {} UTC): reprint only if it is lost or wrong",
                            if times == 1 { "" } else { "s" },
                            when.as_deref().unwrap_or("?")
                        ),
                    ),
                    attendee,
                    &name,
                )
            }
            Refusal::NoPrinter => ApiError::new(
                C::NoPrinter,
                "no printer is chosen for this desk: pick one in the badge settings",
            ),
            Refusal::EventExists(name) => ApiError::new(
                C::EventExists,
                format!("this database already holds the event {name:?}; nothing was changed"),
            ),
            Refusal::NoEvent => ApiError::new(C::NoEvent, "this database holds no event yet"),
            Refusal::KeyReused => {
                let mut e = ApiError::new(C::InvalidInput, "this key was used for a different request");
                e.field = Some("idempotency_key".into());
                e
            }
            Refusal::ImportNeedsMapping { file, columns } => ApiError::new(
                C::ImportNeedsMapping,
                format!(
                    "{file}: the columns are not those of a pretix, Tito or Eventbrite export; map them by hand (columns: {})",
                    columns.join(", ")
                ),
            ),
            Refusal::UnreadableFile(why) => {
                let mut e = ApiError::new(C::InvalidInput, why);
                e.field = Some("file".into());
                e
            }
            Refusal::PrintFailed { attendee: Some((id, name)), cause } => about(
                ApiError::new(
                    C::PrintFailed,
                    format!("{cause}; {name}'s badge is kept as pending: retry when the printer is back"),
                ),
                id,
                &name,
            ),
            Refusal::PrintFailed { attendee: None, cause } => ApiError::new(C::PrintFailed, cause),
            Refusal::MissingCharacters { attendee, name, missing } => {
                let mut e = ApiError::new(
                    C::MissingCharacters,
                    format!(
                        "no font has {} of {name}'s name: the badge would print without them; print anyway only if that is acceptable",
                        missing.join(" ")
                    ),
                );
                e.missing = Some(missing);
                about(e, attendee, &name)
            }
            Refusal::Invalid { field, problem } => {
                let mut e = ApiError::new(C::InvalidInput, problem);
                e.field = Some(field.to_owned());
                e
            }
            Refusal::NoCashShift => ApiError::new(
                C::NoCashShift,
                "this desk's drawer is not open: count the float and open a cash shift first",
            ),
            Refusal::CashShiftOpen { operator } => ApiError::new(
                C::CashShiftOpen,
                format!(
                    "this desk's drawer is already open ({operator}'s shift): close it with a count before the next shift opens"
                ),
            ),
            Refusal::DayClosed(day) => ApiError::new(
                C::DayClosed,
                format!("the cash day {day} is closed: nothing more can be booked into it"),
            ),
            Refusal::DifferenceNeedsLead { note_missing } => ApiError::new(
                C::DifferenceNeedsLead,
                if note_missing {
                    "the count differs from what the ledger expects by more than the tolerance: count again, or ask a lead to approve it with their PIN and a note"
                } else {
                    "the count differs from what the ledger expects by more than the tolerance: a lead must approve it with their PIN"
                },
            ),
            Refusal::PossibleDuplicate { name, matches } => {
                let who: Vec<String> = matches
                    .iter()
                    .map(|m| {
                        let mut parts = vec![m.display_name.clone()];
                        parts.extend(
                            [&m.affiliation, &m.ticket_type, &m.email_hint]
                                .into_iter()
                                .filter(|p| !p.is_empty())
                                .cloned(),
                        );
                        parts.join(", ")
                    })
                    .collect();
                let mut e = ApiError::new(
                    C::PossibleDuplicate,
                    format!(
                        "{name} may already be registered ({}): check them in instead, or register {name} as a new person",
                        who.join("; ")
                    ),
                );
                e.matches = Some(matches);
                e
            }
            Refusal::UnknownReceipt(receipt) => {
                ApiError::new(C::UnknownReceipt, format!("no sale has the receipt number {receipt}"))
            }
            Refusal::AlreadyRefunded(receipt) => ApiError::new(
                C::AlreadyRefunded,
                format!("the sale {receipt} was already refunded or voided: nothing was booked"),
            ),
            Refusal::ImportHasProblems { file, rows, lines } => {
                let mut named: Vec<String> = lines.iter().map(u64::to_string).collect();
                if rows > named.len() {
                    named.push(format!("{} more", rows - named.len()));
                }
                let listed = match named.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                    None => String::new(),
                };
                let (noun, verb) = if rows == 1 { ("row", "has") } else { ("rows", "have") };
                ApiError::new(
                    C::ImportHasProblems,
                    format!(
                        "{file}: {rows} {noun} {verb} problems (line{} {listed}), so nothing was imported: fix the file, or import it skipping these rows",
                        if rows == 1 { "" } else { "s" }
                    ),
                )
            }
        }
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
        use lanyard_store::Trouble;
        // Faults of the disk or of another program get a sentence for the
        // desk, not SQLite's words; nothing was saved in any of them.
        match e.trouble() {
            Some(Trouble::DiskFull) => {
                return ApiError::new(
                    ErrorCode::DiskFull,
                    "the disk is full: nothing was saved; free some space (or move the event to another disk) and try again",
                );
            }
            Some(Trouble::Busy) => {
                return ApiError::new(
                    ErrorCode::Busy,
                    "another program is writing to the event file and did not finish in time: nothing was saved; try again in a moment",
                );
            }
            Some(Trouble::ReadOnly) => {
                return ApiError::new(
                    ErrorCode::ReadOnly,
                    "this event is open read-only (the file cannot be written any more): check-ins are disabled and nothing was saved",
                );
            }
            Some(Trouble::Io) => {
                return ApiError::new(
                    ErrorCode::Storage,
                    format!(
                        "the event file cannot be written ({e}): nothing was saved; check the disk, then try again"
                    ),
                );
            }
            _ => {}
        }
        let code = match &e {
            StoreError::NotADatabase { .. } | StoreError::ForeignDatabase { .. } => {
                ErrorCode::NotALanyardDatabase
            }
            StoreError::NewerSchema { .. } => ErrorCode::DatabaseTooNew,
            StoreError::Corrupt { .. } | StoreError::BadRow { .. } => ErrorCode::DatabaseDamaged,
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyOld { .. } => ErrorCode::ReadOnly,
            _ => ErrorCode::Storage,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let mut error = ApiError::new(ErrorCode::InvalidInput, e.to_string());
        error.field = match &e {
            CoreError::Empty { field } | CoreError::TooLong { field, .. } => Some((*field).to_owned()),
            CoreError::BadAmount(_) => Some("amount".into()),
            CoreError::BadRole(_) => Some("role".into()),
            CoreError::BadPin | CoreError::ShortPin { .. } => Some("pin".into()),
            CoreError::BadCurrency(_) => Some("currency".into()),
            _ => None,
        };
        error
    }
}
