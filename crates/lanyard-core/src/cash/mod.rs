//! The cash box's rules: denominations, counts, cash rounding, tenders and
//! change, and the ledger's entries with their hash chain.
//!
//! Pure maths and encodings; the store keeps the entries and the api books
//! them. Amounts are integer minor units of the event's currency (an `i64`
//! inside these rules, [`crate::Money`] at every boundary a person or a
//! host sees). Nothing here is a certified fiscal register: the ledger is
//! append-only, numbered without gaps and hash-chained so that a changed
//! entry is found, which is what a conference needs to reconcile its cash.

pub mod count;
pub mod denominations;
pub mod ledger;
pub mod rounding;
pub mod tender;

pub use count::Count;
pub use denominations::Denominations;
pub use ledger::{
    ChainBreak, ChainSummary, Entry, EntryKind, GENESIS_HASH, Method, expected_cash, verify_chain,
};
pub use rounding::CashRounding;
pub use tender::{CashTender, quick_amounts, tender_cash};

use crate::Currency;

/// The largest amount any one cash entry may carry: ten thousand of the
/// currency's largest note. Above that an amount is a typing mistake (a
/// missing decimal point), never a conference's cash.
pub fn max_amount(currency: &Currency, denominations: &Denominations) -> i64 {
    let largest =
        denominations.values().first().copied().unwrap_or_else(|| 10_i64.pow(currency.exponent() + 3));
    largest.saturating_mul(10_000)
}

/// The most pieces of one denomination a count may list.
pub const MAX_PIECES: u32 = 100_000;

/// The business day `at` belongs to: the local date (`YYYY-MM-DD`) at
/// `offset_minutes` from UTC.
pub fn business_day(at: crate::Timestamp, offset_minutes: i32) -> String {
    let local = at.0.saturating_add(i64::from(offset_minutes) * 60_000);
    let nanos = i128::from(local) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
        Ok(t) => format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
        Err(_) => "0000-00-00".to_owned(),
    }
}

/// Checks a day typed as `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Option<String> {
    let text = text.trim();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).ok().map(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_business_day_is_the_local_date() {
        // 2026-12-01T20:30Z is already 2 December in Tbilisi (+04:00) and
        // still 1 December in San Francisco (-08:00).
        let at = crate::Timestamp::parse_rfc3339("2026-12-01T20:30:00Z").expect("time");
        assert_eq!(business_day(at, 0), "2026-12-01");
        assert_eq!(business_day(at, 4 * 60), "2026-12-02");
        assert_eq!(business_day(at, -8 * 60), "2026-12-01");
        assert_eq!(business_day(at, 5 * 60 + 30), "2026-12-02");
        assert_eq!(parse_day("2026-12-01").as_deref(), Some("2026-12-01"));
        assert_eq!(parse_day("2026-13-01"), None);
        assert_eq!(parse_day("1 Dec"), None);
    }
}
