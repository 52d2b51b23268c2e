//! One module per table: plain SQL with named parameters and cached
//! statements. Nothing here opens transactions; callers go through `Tx`.

pub mod attendee;
pub mod audit;
pub mod badge;
pub mod check_in;
pub mod event;
pub mod idempotency;
pub mod lead;
pub mod setting;

use lanyard_core::Timestamp;

use crate::StoreError;

/// Reads an `_at` column back into a timestamp.
pub(crate) fn timestamp(
    table: &'static str,
    id: i64,
    field: &'static str,
    text: &str,
) -> Result<Timestamp, StoreError> {
    Timestamp::parse_rfc3339(text).map_err(|e| StoreError::BadRow { table, id, field, detail: e.to_string() })
}
