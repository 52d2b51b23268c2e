//! The use cases of a registration desk, shared by every host.
//!
//! The desktop shell and the command line both call the [`Engine`], each
//! with a [`Session`] of its own: a use case lives here once. Inputs arrive as plain DTOs and are validated into domain
//! types at the door; results leave as DTOs; failures leave as an
//! [`ApiError`] whose [`ErrorCode`] is a small, stable, snake_case set that
//! the UI switches on. This crate runs no SQL (the store does) and knows
//! nothing of Tauri.
#![deny(missing_docs)]

mod backup;
mod badges;
mod cash;
mod checkin;
mod clock;
pub mod dto;
mod engine;
mod error;
mod event;
mod import;
mod install;
mod leads;
pub mod output;
pub mod paths;
mod privilege;
mod random;
mod registration;
mod report;
mod session;

pub use backup::{
    AUTO_BACKUP_MILLIS, BackupCheck, BackupReport, BackupStatus, KEPT_BACKUPS, RestoreReport,
    STALE_BACKUP_MILLIS, default_backup_folder, latest_backup, restore, verify_backup,
};
pub use cash::DISCLAIMER as CASH_DISCLAIMER;
pub use checkin::SEARCH_LIMIT;
pub use clock::SystemClock;
pub use engine::{Engine, EngineOptions, Listener, Parts};
pub use error::{ApiError, ErrorCode, Refusal};
pub use import::columns as import_columns;
pub use install::Installation;
pub use lanyard_core::demo::{DEFAULT_COUNT, DEFAULT_SEED};
pub use lanyard_core::printing::{PrintQueue, RecordingQueue};
pub use lanyard_core::{FixedClock, SeededRandom};
pub use lanyard_cups::Cups;
pub use privilege::Privilege;
pub use random::OsRandom;
pub use random::fresh_idempotency_key;
pub use session::{Mode, Session};
