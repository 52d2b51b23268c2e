//! Randomness from the operating system: the engine's real random source,
//! and fresh idempotency keys for hosts that make their own.

use lanyard_core::RandomSource;

use crate::{ApiError, ErrorCode};

/// The operating system's random source, read a few kilobytes at a time
/// (an import of 100,000 rows needs two draws a row; one system call each
/// would be a fifth of the import).
#[derive(Debug, Default)]
pub struct OsRandom {
    buffer: std::sync::Mutex<(Vec<u8>, usize)>,
}

/// Bytes read from the operating system at once.
const RANDOM_BUFFER: usize = 4096;

impl RandomSource for OsRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), String> {
        if buf.len() > RANDOM_BUFFER / 4 {
            return getrandom::fill(buf).map_err(|e| e.to_string());
        }
        let mut guard = self.buffer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (bytes, used) = &mut *guard;
        if bytes.len() < RANDOM_BUFFER || *used + buf.len() > bytes.len() {
            bytes.resize(RANDOM_BUFFER, 0);
            getrandom::fill(bytes).map_err(|e| e.to_string())?;
            *used = 0;
        }
        buf.copy_from_slice(&bytes[*used..*used + buf.len()]);
        // Bytes handed out are wiped, so no two callers ever see the same ones.
        bytes[*used..*used + buf.len()].fill(0);
        *used += buf.len();
        Ok(())
    }
}

/// A fresh idempotency key: 128 random bits in hex.
pub fn fresh_idempotency_key() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read random bytes: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
