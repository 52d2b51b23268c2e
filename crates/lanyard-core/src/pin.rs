//! Leads' PINs: validation, Argon2id hashing, and the lock-out rule.
//!
//! PINs are never stored: only Argon2id hashes in PHC form, checked against
//! the parameters this build writes (a weaker stored hash never verifies).
//! New leads choose at least six digits.
//!
//! Five wrong PINs within ten minutes lock PIN entry for five minutes; the
//! lock is computed from the recorded attempts, so it survives a restart and
//! holds across desks that share the database. The rule is built to resist a
//! wrong clock: attempts dated in the future (a desk whose clock runs ahead)
//! are not trusted and neither lock nor count, and failures spread out (one
//! every five minutes) never lock the leads out. Moving the clock forward to
//! end a lock early is caught by the engine, which also times a lock it has
//! seen with the monotonic clock.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::{CoreError, Timestamp};

/// Wrong PINs in a row that lock PIN entry.
pub const MAX_FAILURES: usize = 5;

/// How long PIN entry stays locked, in milliseconds.
pub const LOCK_MILLIS: i64 = 5 * 60 * 1000;

/// Failures count towards a lock only within this window, in milliseconds.
pub const FAILURE_WINDOW_MILLIS: i64 = 10 * 60 * 1000;

/// Attempts dated more than this after now come from a desk whose clock is
/// wrong: they are not trusted.
pub const CLOCK_TOLERANCE_MILLIS: i64 = 60 * 1000;

/// Fewest digits of a new lead's PIN.
pub const MIN_NEW_PIN_DIGITS: usize = 6;

/// Checks that a PIN is 4 to 12 digits (leads made before six digits were
/// required keep their PINs).
pub fn validate(pin: &str) -> Result<(), CoreError> {
    let len = pin.chars().count();
    if !(4..=12).contains(&len) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(CoreError::BadPin);
    }
    Ok(())
}

/// Checks a new lead's PIN: 6 to 12 digits.
pub fn validate_new(pin: &str) -> Result<(), CoreError> {
    validate(pin)?;
    if pin.chars().count() < MIN_NEW_PIN_DIGITS {
        return Err(CoreError::ShortPin { min: MIN_NEW_PIN_DIGITS });
    }
    Ok(())
}

/// The Argon2id parameters every hash is made and checked with.
fn argon2() -> Argon2<'static> {
    Argon2::default()
}

/// Hashes a new lead's PIN with Argon2id and the given random salt.
pub fn hash(pin: &str, salt: [u8; 16]) -> Result<String, CoreError> {
    validate_new(pin)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| CoreError::PinHash(e.to_string()))?;
    argon2()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::PinHash(e.to_string()))
}

/// True when `pin` matches the stored hash. A malformed hash, or one made
/// with other parameters than this build's (another algorithm, version,
/// memory, passes or lanes: a downgraded hash), never matches.
pub fn verify(pin: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let expected = argon2::Params::default();
    let same_params = parsed.algorithm.as_str() == "argon2id"
        && parsed.version == Some(u32::from(argon2::Version::V0x13))
        && argon2::Params::try_from(&parsed).is_ok_and(|p| {
            p.m_cost() == expected.m_cost()
                && p.t_cost() == expected.t_cost()
                && p.p_cost() == expected.p_cost()
        });
    same_params && argon2().verify_password(pin.as_bytes(), &parsed).is_ok()
}

/// The attempts that count at `now`: those not dated in the future beyond
/// the clock tolerance.
fn trusted(
    attempts: &[(Timestamp, bool)],
    now: Timestamp,
) -> impl DoubleEndedIterator<Item = &(Timestamp, bool)> {
    attempts.iter().filter(move |(at, _)| at.0 <= now.0 + CLOCK_TOLERANCE_MILLIS)
}

/// Until when PIN entry is locked, given the recorded attempts (oldest
/// first, `true` for a success) and the current time; `None` when open.
/// Locked when the last [`MAX_FAILURES`] trusted attempts all failed within
/// [`FAILURE_WINDOW_MILLIS`] of each other, until [`LOCK_MILLIS`] after the
/// last of them.
pub fn locked_until(attempts: &[(Timestamp, bool)], now: Timestamp) -> Option<Timestamp> {
    let recent: Vec<&(Timestamp, bool)> = trusted(attempts, now).rev().take(MAX_FAILURES).collect();
    if recent.len() < MAX_FAILURES || recent.iter().any(|(_, ok)| *ok) {
        return None;
    }
    let (last, first) = (recent[0].0, recent[MAX_FAILURES - 1].0);
    if last.0 - first.0 > FAILURE_WINDOW_MILLIS {
        return None;
    }
    let until = Timestamp(last.0.min(now.0) + LOCK_MILLIS);
    (now < until).then_some(until)
}

/// Wrong PINs since the last success that still count towards a lock (to
/// say how many tries are left).
pub fn failures_in_a_row(attempts: &[(Timestamp, bool)], now: Timestamp) -> usize {
    let failures: Vec<Timestamp> =
        trusted(attempts, now).rev().take_while(|(_, ok)| !ok).map(|(at, _)| *at).collect();
    match failures.first() {
        Some(last) => failures.iter().take_while(|at| last.0 - at.0 <= FAILURE_WINDOW_MILLIS).count(),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_pins_need_six_digits_while_old_ones_of_four_still_verify() {
        assert_eq!(validate_new("1234"), Err(CoreError::ShortPin { min: 6 }));
        assert_eq!(hash("1234", [1; 16]), Err(CoreError::ShortPin { min: 6 }));
        assert!(validate_new("123456").is_ok());
        // A hash made (by an older build) for a four-digit PIN still verifies.
        let salt = SaltString::encode_b64(&[3; 16]).expect("salt");
        let old = argon2().hash_password(b"2468", &salt).expect("hash").to_string();
        assert!(verify("2468", &old));
    }

    #[test]
    fn a_hash_with_weaker_parameters_never_verifies() {
        let salt = SaltString::encode_b64(&[3; 16]).expect("salt");
        let weak = Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(8, 1, 1, None).expect("params"),
        )
        .hash_password(b"246813", &salt)
        .expect("hash")
        .to_string();
        assert!(!verify("246813", &weak), "a downgraded hash in the database is refused: {weak}");
        let argon2i =
            Argon2::new(argon2::Algorithm::Argon2i, argon2::Version::V0x13, argon2::Params::default())
                .hash_password(b"246813", &salt)
                .expect("hash")
                .to_string();
        assert!(!verify("246813", &argon2i), "only Argon2id");
    }

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
        let stored = hash("246813", [7; 16]).expect("hash");
        assert!(stored.starts_with("$argon2id$"), "Argon2id in PHC form: {stored}");
        assert!(!stored.contains("246813"));
        assert!(verify("246813", &stored));
        assert!(!verify("246814", &stored));
        assert!(!verify("246813", "not a hash"));
    }

    #[test]
    fn five_wrong_pins_in_a_row_lock_for_five_minutes() {
        let t = |s: i64| Timestamp(s * 1000);
        let mut attempts: Vec<(Timestamp, bool)> = (0..4).map(|i| (t(i), false)).collect();
        assert_eq!(locked_until(&attempts, t(10)), None, "four failures do not lock");
        attempts.push((t(4), false));
        assert_eq!(locked_until(&attempts, t(10)), Some(t(4 + 300)));
        assert_eq!(locked_until(&attempts, t(4 + 300)), None, "the lock ends after five minutes");
        assert_eq!(failures_in_a_row(&attempts, t(10)), 5);
        attempts.push((t(400), true));
        attempts.push((t(401), false));
        assert_eq!(locked_until(&attempts, t(402)), None, "a success resets the count");
        assert_eq!(failures_in_a_row(&attempts, t(402)), 1);
    }

    #[test]
    fn attempts_dated_in_the_future_do_not_lock_every_desk_until_then() {
        let t = |s: i64| Timestamp(s * 1000);
        // A desk whose clock runs a day ahead records five wrong PINs.
        let tomorrow = 86_400;
        let attempts: Vec<(Timestamp, bool)> = (0..5).map(|i| (t(tomorrow + i), false)).collect();
        assert_eq!(locked_until(&attempts, t(0)), None, "not trusted today");
        assert_eq!(failures_in_a_row(&attempts, t(0)), 0);
        // They count once their time has come (the wrong desk itself is locked).
        assert_eq!(locked_until(&attempts, t(tomorrow + 5)), Some(t(tomorrow + 4 + 300)));
    }

    #[test]
    fn one_wrong_pin_every_five_minutes_never_locks_the_leads_out() {
        let t = |s: i64| Timestamp(s * 1000);
        let attempts: Vec<(Timestamp, bool)> = (0..20).map(|i| (t(i * 300), false)).collect();
        for now in (0..20).map(|i| t(i * 300 + 1)) {
            assert_eq!(locked_until(&attempts, now), None, "at {now:?}");
        }
        assert!(failures_in_a_row(&attempts, t(5701)) < MAX_FAILURES);
    }
}
