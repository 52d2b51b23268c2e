//! Randomness from the operating system, for keys and badge codes.

use crate::{ApiError, ErrorCode};

/// A fresh idempotency key: 128 random bits in hex.
pub fn fresh_idempotency_key() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("cannot read random bytes: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A fresh badge code that is not in `taken`.
pub(crate) fn fresh_badge_code(
    taken: &std::collections::HashSet<lanyard_core::BadgeCode>,
) -> Result<lanyard_core::BadgeCode, ApiError> {
    loop {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes)
            .map_err(|e| ApiError::new(ErrorCode::Storage, format!("cannot read random bytes: {e}")))?;
        let code = lanyard_core::BadgeCode::from_random(u64::from_le_bytes(bytes));
        if !taken.contains(&code) {
            return Ok(code);
        }
    }
}

/// 16 random bytes for a PIN hash's salt.
pub(crate) fn salt() -> Result<[u8; 16], ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("cannot read random bytes: {e}")))?;
    Ok(bytes)
}
