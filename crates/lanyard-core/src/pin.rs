//! Leads' PINs: validation, Argon2id hashing, and the lock-out rule.
//!
//! PINs are never stored: only Argon2id hashes in PHC form. Five wrong PINs
//! in a row lock PIN entry for five minutes; the lock is computed from the
//! recorded attempts, so it survives a restart and holds across desks that
//! share the database.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::{CoreError, Timestamp};

/// Wrong PINs in a row that lock PIN entry.
pub const MAX_FAILURES: usize = 5;

/// How long PIN entry stays locked, in milliseconds.
pub const LOCK_MILLIS: i64 = 5 * 60 * 1000;

/// Checks that a PIN is 4 to 12 digits.
pub fn validate(pin: &str) -> Result<(), CoreError> {
    let len = pin.chars().count();
    if !(4..=12).contains(&len) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(CoreError::BadPin);
    }
    Ok(())
}

/// Hashes a PIN with Argon2id and the given random salt.
pub fn hash(pin: &str, salt: [u8; 16]) -> Result<String, CoreError> {
    validate(pin)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| CoreError::PinHash(e.to_string()))?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::PinHash(e.to_string()))
}

/// True when `pin` matches the stored hash. A malformed hash never matches.
pub fn verify(pin: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Until when PIN entry is locked, given the recorded attempts (oldest
/// first, `true` for a success) and the current time; `None` when open.
pub fn locked_until(attempts: &[(Timestamp, bool)], now: Timestamp) -> Option<Timestamp> {
    let recent = attempts.iter().rev().take(MAX_FAILURES).collect::<Vec<_>>();
    if recent.len() < MAX_FAILURES || recent.iter().any(|(_, ok)| *ok) {
        return None;
    }
    let last_failure = recent[0].0;
    let until = Timestamp(last_failure.0 + LOCK_MILLIS);
    (now < until).then_some(until)
}

/// Wrong PINs since the last success (to say how many tries are left).
pub fn failures_in_a_row(attempts: &[(Timestamp, bool)]) -> usize {
    attempts.iter().rev().take_while(|(_, ok)| !ok).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_twelve_digits() {
        assert!(validate("1234").is_ok());
        assert!(validate("123456789012").is_ok());
        for bad in ["123", "1234567890123", "12a4", "", "12 34"] {
            assert_eq!(validate(bad), Err(CoreError::BadPin), "{bad:?}");
        }
    }

    #[test]
    fn a_hash_verifies_its_pin_only() {
        let stored = hash("2468", [7; 16]).expect("hash");
        assert!(stored.starts_with("$argon2id$"), "Argon2id in PHC form: {stored}");
        assert!(!stored.contains("2468"));
        assert!(verify("2468", &stored));
        assert!(!verify("2469", &stored));
        assert!(!verify("2468", "not a hash"));
    }

    #[test]
    fn five_wrong_pins_in_a_row_lock_for_five_minutes() {
        let t = |s: i64| Timestamp(s * 1000);
        let mut attempts: Vec<(Timestamp, bool)> = (0..4).map(|i| (t(i), false)).collect();
        assert_eq!(locked_until(&attempts, t(10)), None, "four failures do not lock");
        attempts.push((t(4), false));
        assert_eq!(locked_until(&attempts, t(10)), Some(t(4 + 300)));
        assert_eq!(locked_until(&attempts, t(4 + 300)), None, "the lock ends after five minutes");
        assert_eq!(failures_in_a_row(&attempts), 5);
        attempts.push((t(400), true));
        attempts.push((t(401), false));
        assert_eq!(locked_until(&attempts, t(402)), None, "a success resets the count");
        assert_eq!(failures_in_a_row(&attempts), 1);
    }
}
