//! Identifiers and validated names: attendee ids, badge codes, idempotency
//! keys, desk and operator names.
//!
//! Raw strings from a window, a scanner or a command line become these types
//! here and nowhere else, so the rest of the code never re-checks them.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::CoreError;

/// The row id of an attendee inside one event's database.
///
/// Never printed on a badge or in a QR code: badges carry a [`BadgeCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AttendeeId(pub i64);

impl fmt::Display for AttendeeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The alphabet of badge codes: Crockford's base 32, which leaves out I, L,
/// O and U so that a code read aloud or typed by hand is not mistaken.
pub const BADGE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Number of characters in a badge code (50 random bits).
pub const BADGE_CODE_LEN: usize = 10;

/// The opaque random code printed in a badge's QR code and typed by scanners.
///
/// It identifies an attendee without revealing anything about them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BadgeCode(String);

impl BadgeCode {
    /// Parses a code as typed or scanned: surrounding space is ignored, lower
    /// case is accepted, and the look-alikes O, I and L read as 0, 1 and 1.
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let trimmed = raw.trim();
        let mut code = String::with_capacity(BADGE_CODE_LEN);
        for ch in trimmed.chars() {
            let up = match ch.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                '-' => continue,
                c => c,
            };
            if !up.is_ascii() || !BADGE_ALPHABET.contains(&(up as u8)) {
                return Err(CoreError::BadBadgeCode {
                    code: raw.to_owned(),
                    reason: "it has characters outside the badge alphabet",
                });
            }
            code.push(up);
        }
        if code.len() != BADGE_CODE_LEN {
            return Err(CoreError::BadBadgeCode {
                code: raw.to_owned(),
                reason: "it must have 10 characters",
            });
        }
        Ok(BadgeCode(code))
    }

    /// Makes a code from 50 random bits (the low bits of `random`).
    pub fn from_random(random: u64) -> Self {
        let mut code = String::with_capacity(BADGE_CODE_LEN);
        for i in 0..BADGE_CODE_LEN {
            let index = (random >> (5 * i)) & 31;
            code.push(BADGE_ALPHABET[index as usize] as char);
        }
        BadgeCode(code)
    }

    /// Makes a code that begins with a desk's prefix: the first three
    /// characters are the prefix, the other seven come from 35 random bits.
    /// Two desks with different prefixes can never make the same code.
    pub fn with_prefix(prefix: BadgePrefix, random: u64) -> Self {
        let mut code = String::with_capacity(BADGE_CODE_LEN);
        for i in 0..BADGE_PREFIX_LEN {
            let index = (u64::from(prefix.0) >> (5 * (BADGE_PREFIX_LEN - 1 - i))) & 31;
            code.push(BADGE_ALPHABET[index as usize] as char);
        }
        for i in 0..BADGE_CODE_LEN - BADGE_PREFIX_LEN {
            let index = (random >> (5 * i)) & 31;
            code.push(BADGE_ALPHABET[index as usize] as char);
        }
        BadgeCode(code)
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Characters of a badge code given by the desk that made it.
pub const BADGE_PREFIX_LEN: usize = 3;

/// A desk's badge-code prefix: 15 bits, shown as three characters. Each
/// installation draws one at random when it is first set up; an event
/// server that several desks join hands out distinct ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BadgePrefix(pub u16);

impl BadgePrefix {
    /// The prefix made of the low 15 bits of `random`.
    pub fn from_random(random: u64) -> Self {
        BadgePrefix((random & 0x7FFF) as u16)
    }
}

impl fmt::Display for BadgeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Validates free text: trimmed, not empty, at most `max` characters.
fn bounded_text(raw: &str, field: &'static str, max: usize) -> Result<String, CoreError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(CoreError::Empty { field });
    }
    let len = text.chars().count();
    if len > max {
        return Err(CoreError::TooLong { field, len, max });
    }
    Ok(text.to_owned())
}

/// The key a host sends with every mutating action. Replaying a key returns
/// the first result and changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Accepts any non-empty key of at most 100 characters (a UUID, usually).
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        bounded_text(raw, "idempotency key", 100).map(IdempotencyKey)
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! person_name {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Trims the text and accepts 1 to 60 characters.
            pub fn parse(raw: &str) -> Result<Self, CoreError> {
                bounded_text(raw, $field, 60).map($name)
            }

            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

person_name!(
    /// The name of one registration desk install ("Desk 2", "Main hall").
    DeskName,
    "desk name"
);
person_name!(
    /// The volunteer currently working a desk, as they typed their name.
    OperatorName,
    "operator name"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_code_accepts_scanner_and_hand_typed_forms() {
        let code = BadgeCode::from_random(0x3_FFFF_FFFF_FFFF);
        assert_eq!(code.as_str().len(), BADGE_CODE_LEN);
        assert_eq!(BadgeCode::parse(" 7zq4-k1m0ab ").map(|c| c.0), Ok("7ZQ4K1M0AB".into()));
        assert_eq!(BadgeCode::parse("OIL0000000").map(|c| c.0), Ok("0110000000".into()));
    }

    #[test]
    fn codes_of_desks_with_different_prefixes_never_meet() {
        let (a, b) = (BadgePrefix(1), BadgePrefix(2));
        let same_random = 0x5_1234_5678;
        let (ca, cb) = (BadgeCode::with_prefix(a, same_random), BadgeCode::with_prefix(b, same_random));
        assert_ne!(ca, cb);
        assert_eq!(&ca.as_str()[..3], "001");
        assert_eq!(&cb.as_str()[..3], "002");
        assert_eq!(BadgeCode::parse(ca.as_str()), Ok(ca.clone()), "a prefixed code scans like any other");
        assert_eq!(&BadgeCode::with_prefix(BadgePrefix(0x7FFF), 0).as_str()[..3], "ZZZ");
    }

    #[test]
    fn badge_code_rejects_wrong_length_and_alphabet() {
        assert!(matches!(BadgeCode::parse("ABC"), Err(CoreError::BadBadgeCode { .. })));
        assert!(matches!(BadgeCode::parse("José Núñez"), Err(CoreError::BadBadgeCode { .. })));
    }

    #[test]
    fn operator_name_is_trimmed_and_bounded() {
        assert_eq!(OperatorName::parse("  Anna ").map(|n| n.0), Ok("Anna".into()));
        assert_eq!(OperatorName::parse("   "), Err(CoreError::Empty { field: "operator name" }));
        assert!(matches!(
            OperatorName::parse(&"x".repeat(61)),
            Err(CoreError::TooLong { len: 61, max: 60, .. })
        ));
    }
}
