//! Randomness from the operating system, for keys and badge codes.

use crate::{ApiError, ErrorCode};

/// A fresh idempotency key: 128 random bits in hex.
pub fn fresh_idempotency_key() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("cannot read random bytes: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
