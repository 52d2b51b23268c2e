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

/// A cash amount, count or setting that the cash box's rules refuse.
/// Amounts in these messages are minor units only where named so; counts
/// name denominations in major units, as a person wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CashError {
    /// A count was not written as `denomination x pieces`.
    #[error("{0:?} is not a count: write each denomination and its number of pieces, e.g. 20x5,0.50x4")]
    BadCount(String),
    /// A denomination the currency (or the event's list) does not have.
    #[error("{0} is not a denomination of this currency")]
    UnknownDenomination(String),
    /// A denomination listed twice in one count.
    #[error("{0} is listed twice in the count")]
    RepeatedDenomination(String),
    /// More pieces than any drawer holds.
    #[error("{pieces} pieces of {denomination} is more than a drawer holds")]
    TooManyPieces {
        /// The denomination, in major units.
        denomination: String,
        /// The number given.
        pieces: u32,
    },
    /// An event's own list of denominations is unusable.
    #[error("denominations: {0}")]
    BadDenominations(&'static str),
    /// A cash rounding other than none or a positive increment.
    #[error("cash rounding {0:?} is not valid: use none, 0.05, 0.10 or 1.00")]
    BadRounding(String),
    /// A negative amount where only positive ones make sense.
    #[error("the amount cannot be negative")]
    NegativeAmount,
    /// Less cash handed over than the amount due.
    #[error(
        "the amount handed over ({tendered} minor units) is less than the amount due ({due} minor units)"
    )]
    TenderedTooLittle {
        /// The amount due after rounding, in minor units.
        due: i64,
        /// The amount handed over, in minor units.
        tendered: i64,
    },
}
