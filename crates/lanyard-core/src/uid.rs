//! Globally unique ids for everything a desk creates.
//!
//! Rows keep their local integer ids for joins inside one file, and each
//! also carries a [`Uid`]: a UUID version 7 (48 bits of milliseconds, then
//! 74 random bits), so that rows made by several desks can later meet in one
//! database without renumbering. Desks, shifts and installations are named
//! by uids alone.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::random::RandomSource;
use crate::{CoreError, Timestamp};

/// A UUID version 7, as lowercase hyphenated text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Uid(String);

impl Uid {
    /// A fresh id for something made at `at`.
    pub fn new(at: Timestamp, random: &dyn RandomSource) -> Result<Uid, CoreError> {
        let mut bytes = [0u8; 16];
        random.fill(&mut bytes[6..]).map_err(CoreError::NoRandomness)?;
        let millis = u64::try_from(at.0.max(0)).unwrap_or(0);
        bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
        bytes[6] = (bytes[6] & 0x0F) | 0x70; // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80; // RFC 9562 variant
        Ok(Uid(format_uuid(&bytes)))
    }

    /// Parses the hyphenated form of any UUID (older rows carry version 4).
    pub fn parse(raw: &str) -> Result<Uid, CoreError> {
        let text = raw.trim().to_ascii_lowercase();
        let shape_ok = text.len() == 36
            && text.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        if !shape_ok {
            return Err(CoreError::BadUid(raw.to_owned()));
        }
        Ok(Uid(text))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn format_uuid(b: &[u8; 16]) -> String {
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

macro_rules! uid_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uid);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uid_newtype!(
    /// One installation of Lanyard (a laptop at the desk): it names the desk
    /// across renames, and its shifts and print jobs.
    DeskId
);
uid_newtype!(
    /// One volunteer's shift at one desk, from opening to closing.
    ShiftId
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn a_uid_is_a_version_7_uuid_that_starts_with_its_time() {
        let uid = Uid::new(Timestamp(0x0123_4567_89AB), &SeededRandom::new(1)).expect("uid");
        let text = uid.as_str();
        assert!(text.starts_with("01234567-89ab-7"), "{text}");
        assert!(matches!(&text[19..20], "8" | "9" | "a" | "b"), "variant bits: {text}");
        assert_eq!(Uid::parse(text), Ok(uid.clone()));
    }

    #[test]
    fn later_uids_sort_after_earlier_ones() {
        let random = SeededRandom::new(3);
        let a = Uid::new(Timestamp(1_000), &random).expect("uid");
        let b = Uid::new(Timestamp(2_000), &random).expect("uid");
        assert!(a < b);
    }

    #[test]
    fn malformed_uids_are_refused() {
        for bad in
            ["", "not-a-uuid", "0123456789ab-7000-8000-000000000000", "g1234567-89ab-7000-8000-000000000000"]
        {
            assert!(Uid::parse(bad).is_err(), "{bad:?}");
        }
    }
}
