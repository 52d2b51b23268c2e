//! One module per table: plain SQL with named parameters and cached
//! statements. Nothing here opens transactions; callers go through `Tx`.

pub mod attendee;
pub mod audit;
pub mod badge;
pub mod cash;
pub mod change;
pub mod check_in;
pub mod event;
pub mod idempotency;
pub mod lead;
pub mod setting;
pub mod shift;

use lanyard_core::{AttendeeId, Timestamp};

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

/// A list of ids as the JSON array that `json_each` reads, so that one
/// cached statement serves any number of ids.
pub(crate) fn id_list(ids: &[AttendeeId]) -> String {
    let mut out = String::with_capacity(ids.len() * 6 + 2);
    out.push('[');
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.0.to_string());
    }
    out.push(']');
    out
}
