//! Lanyard's domain: identifiers, attendees, the check-in rule, search
//! normalisation and the demo-event generator.
//!
//! This crate is pure. It performs no IO, runs no SQL and knows nothing of
//! Tauri or of any window: every input (the time, randomness, name lists)
//! arrives as an argument, so every rule here can be tested exactly.
#![deny(missing_docs)]

pub mod attendee;
pub mod audit;
pub mod cash;
pub mod checkin;
pub mod demo;
pub mod error;
pub mod export;
pub mod hash;
pub mod ids;
pub mod import;
pub mod money;
pub mod pin;
pub mod printing;
pub mod random;
pub mod search;
pub mod time;
pub mod translit;
pub mod uid;

pub use attendee::{Attendee, NewAttendee, Role, TicketStatus};
pub use audit::AuditAction;
pub use checkin::{CheckIn, CheckInRefusal};
pub use error::{CashError, CoreError};
pub use ids::{AttendeeId, BadgeCode, BadgePrefix, DeskName, IdempotencyKey, OperatorName};
pub use money::{Currency, Money, major_units};
pub use random::{RandomSource, SeededRandom};
pub use time::{Clock, FixedClock, Timestamp};
pub use uid::{DeskId, ShiftId, Uid};
