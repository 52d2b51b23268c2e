//! Errors raised when raw input does not make a valid domain value.
//!
//! Messages start lowercase, have no trailing period, and name the field
//! that was wrong, so that hosts can show them as they are.

use thiserror::Error;

/// Raw input that could not become a domain value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CoreError {
    /// A required text field was empty after trimming.
    #[error("{field} must not be empty")]
    Empty {
        /// The field's name, as a user would call it.
        field: &'static str,
    },
    /// A text field was longer than allowed.
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong {
        /// The field's name.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The largest length accepted.
        max: usize,
    },
    /// A badge code had characters outside its alphabet or the wrong length.
    #[error("badge code {code:?} is not valid: {reason}")]
    BadBadgeCode {
        /// The code as typed or scanned.
        code: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A timestamp could not be parsed.
    #[error("timestamp {text:?} is not an RFC 3339 UTC time")]
    BadTimestamp {
        /// The text that failed to parse.
        text: String,
    },
    /// A role name was empty or had characters other than letters, digits and dashes.
    #[error("role {0:?} is not valid: use letters, digits and dashes")]
    BadRole(String),
    /// A currency code was not three letters.
    #[error("currency {0:?} is not an ISO 4217 code such as EUR")]
    BadCurrency(String),
    /// An amount of money could not be read.
    #[error(
        "amount {0:?} is not a valid amount (use digits and at most the currency's decimals, e.g. 12.50)"
    )]
    BadAmount(String),
    /// A ticket status was not one of the known ones.
    #[error("ticket status {0:?} is not valid: use valid or cancelled")]
    BadStatus(String),
    /// A PIN was not 4 to 12 digits.
    #[error("a PIN must be 4 to 12 digits")]
    BadPin,
    /// A new lead's PIN was too short.
    #[error("a new lead's PIN must have at least {min} digits")]
    ShortPin {
        /// The fewest digits.
        min: usize,
    },
    /// A PIN could not be hashed.
    #[error("cannot hash the PIN: {0}")]
    PinHash(String),
    /// A unique id was not a hyphenated UUID.
    #[error("id {0:?} is not a UUID")]
    BadUid(String),
    /// The random source failed.
    #[error("cannot read random bytes: {0}")]
    NoRandomness(String),
    /// The demo name lists could not be read.
    #[error("demo name lists are malformed: {0}")]
    BadDemoData(String),
}
