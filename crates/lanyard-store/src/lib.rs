//! Lanyard's store: one SQLite file per event, reached only through the
//! operations the api needs.
//!
//! This crate owns every line of SQL in the project. It opens the file with
//! the pragmas that make a confirmed write survive a power cut, refuses files
//! that are not Lanyard's or are newer than this build, applies migrations,
//! and runs every write in one `BEGIN IMMEDIATE` transaction ([`Store::write`]).
//! It knows nothing of windows, command lines or badges.
#![deny(missing_docs)]

mod error;
mod migrate;
mod open;
mod table;
mod tx;

pub use error::StoreError;
pub use migrate::{LATEST_VERSION, MIGRATIONS};
pub use open::{APPLICATION_ID, Store};
pub use table::audit::AuditEntry;
pub use table::badge::PrintJob;
pub use table::event::EventRow;
pub use table::lead::{LeadRow, PinAttempt};
pub use tx::Tx;
