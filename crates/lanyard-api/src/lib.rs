//! The use cases of a registration desk, shared by every host.
//!
//! The desktop shell and the command line both call the [`Desk`]: a use case
//! lives here once. Inputs arrive as plain DTOs and are validated into domain
//! types at the door; results leave as DTOs; failures leave as an
//! [`ApiError`] whose [`ErrorCode`] is a small, stable, snake_case set that
//! the UI switches on. This crate runs no SQL (the store does) and knows
//! nothing of Tauri.
#![deny(missing_docs)]

mod badges;
mod clock;
mod desk;
pub mod dto;
mod error;
mod import;
mod leads;
pub mod paths;
mod random;
mod registration;
mod report;

pub use clock::SystemClock;
pub use desk::{Desk, DeskOptions};
pub use error::{ApiError, ErrorCode};
pub use import::columns as import_columns;
pub use lanyard_core::demo::{DEFAULT_COUNT, DEFAULT_SEED};
pub use random::fresh_idempotency_key;
