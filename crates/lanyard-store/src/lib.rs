//! Lanyard's store: one SQLite file per event, reached only through the
//! operations the api needs.
//!
//! This crate owns every line of SQL in the project. It opens the file with
//! the pragmas that make a confirmed write survive a power cut, refuses files
//! that are not Lanyard's or are newer than this build, applies migrations,
//! runs every write in one `BEGIN IMMEDIATE` transaction on its one writer
//! connection ([`Store::write`]) and every read on a pool of read-only
//! connections ([`Store::read`]). It knows nothing of windows, command lines
//! or badges.
#![deny(missing_docs)]

mod error;
mod migrate;
mod open;
mod table;
mod tx;

pub use error::{StoreError, Trouble};
pub use migrate::{LATEST_VERSION, MIGRATIONS};
pub use open::{APPLICATION_ID, Store};
pub use table::attendee::SearchRow;
pub use table::audit::{AuditEntry, AuditRecord, NO_OPERATOR};
pub use table::badge::PrintJob;
pub use table::cash::{CashDayRow, CashSettingsRow, CashShiftRow, PriceRow};
pub use table::change::{Change, ChangeKind};
pub use table::event::EventRow;
pub use table::idempotency::Remembered;
pub use table::lead::{LeadRow, PinAttempt};
pub use table::shift::ShiftRow;
pub use tx::{ReadTx, WriteTx};
