//! Where randomness comes from: an injected [`RandomSource`].
//!
//! Badge codes, unique ids, salts and idempotency keys all draw from one
//! source that the engine is given, so tests can fix it ([`SeededRandom`])
//! and a rule about codes or ids can be tested exactly. The operating
//! system's source lives in the api; this module does no IO.

use std::fmt;
use std::sync::Mutex;

/// A source of random bytes.
pub trait RandomSource: Send + Sync + fmt::Debug {
    /// Fills `buf` with random bytes, or says why it could not.
    fn fill(&self, buf: &mut [u8]) -> Result<(), String>;
}

/// A deterministic source for tests: the same seed gives the same bytes
/// (xorshift64*, which is plenty for tests and nothing else).
#[derive(Debug)]
pub struct SeededRandom(Mutex<u64>);

impl SeededRandom {
    /// A source started from `seed` (zero is replaced by a fixed odd number).
    pub fn new(seed: u64) -> Self {
        SeededRandom(Mutex::new(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed }))
    }
}

impl RandomSource for SeededRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), String> {
        let mut state = self.0.lock().map_err(|_| "the test random source was poisoned".to_owned())?;
        for chunk in buf.chunks_mut(8) {
            let mut x = *state;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            *state = x;
            let bytes = x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}

/// Eight random bytes as a number.
pub fn next_u64(source: &dyn RandomSource) -> Result<u64, String> {
    let mut bytes = [0u8; 8];
    source.fill(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_source_repeats_itself_and_seeds_differ() {
        let (a, b, c) = (SeededRandom::new(7), SeededRandom::new(7), SeededRandom::new(8));
        let draw = |s: &SeededRandom| (0..4).map(|_| next_u64(s)).collect::<Result<Vec<_>, _>>();
        assert_eq!(draw(&a), draw(&b));
        assert_ne!(draw(&SeededRandom::new(7)), draw(&c));
    }
}
