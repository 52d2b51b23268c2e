//! Randomness from the operating system: the engine's real random source,
//! and fresh idempotency keys for hosts that make their own.

use lanyard_core::RandomSource;

use crate::{ApiError, ErrorCode};

/// The operating system's random source.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

impl RandomSource for OsRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), String> {
        getrandom::fill(buf).map_err(|e| e.to_string())
    }
}

/// A fresh idempotency key: 128 random bits in hex.
pub fn fresh_idempotency_key() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read random bytes: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
