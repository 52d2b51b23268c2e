//! Cash rounding: where the smallest coins are not used (Switzerland, the
//! Nordics, Canada, Australia), a cash total is rounded to 0.05, 0.10 or
//! 1.00. Only the cash tender is rounded; the difference is booked as its
//! own ledger entry so that sales keep their list price.

use serde::{Deserialize, Serialize};

use crate::error::CashError;
use crate::{Currency, Money};

/// The increment cash totals are rounded to, in minor units (1: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CashRounding(i64);

impl CashRounding {
    /// No rounding.
    pub const NONE: CashRounding = CashRounding(1);

    /// Parses "none", "0.05", "0.10" or "1.00" (or any positive amount that
    /// is a whole number of the currency's minor units, up to 100.00).
    pub fn parse(text: &str, currency: &Currency) -> Result<CashRounding, CashError> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("none") {
            return Ok(CashRounding::NONE);
        }
        let minor = Money::parse_decimal(text, currency.clone())
            .map_err(|_| CashError::BadRounding(text.to_owned()))?
            .minor;
        CashRounding::from_minor(minor).ok_or_else(|| CashError::BadRounding(text.to_owned()))
    }

    /// An increment of `minor` units, if positive and at most 10,000.
    pub fn from_minor(minor: i64) -> Option<CashRounding> {
        (1..=10_000).contains(&minor).then_some(CashRounding(minor))
    }

    /// The increment in minor units.
    pub fn increment(self) -> i64 {
        self.0
    }

    /// `amount` rounded to the nearest increment, halves away from zero.
    pub fn round(self, amount: i64) -> i64 {
        let step = self.0;
        if step <= 1 {
            return amount;
        }
        let remainder = amount.rem_euclid(step);
        let down = amount - remainder;
        if remainder * 2 >= step { down.saturating_add(step) } else { down }
    }

    /// The rounding entry for a cash total: rounded minus exact (negative
    /// when the customer pays less).
    pub fn adjustment(self, amount: i64) -> i64 {
        self.round(amount) - amount
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swiss_rounding_to_five_rappen() {
        let chf = Currency::parse("CHF").expect("code");
        let r = CashRounding::parse("0.05", &chf).expect("valid");
        let cases =
            [(1247, 1245), (1248, 1250), (1250, 1250), (1252, 1250), (1253, 1255), (0, 0), (2, 0), (3, 5)];
        for (exact, rounded) in cases {
            assert_eq!(r.round(exact), rounded, "{exact}");
            assert_eq!(r.adjustment(exact), rounded - exact);
        }
        assert_eq!(CashRounding::parse("1.00", &chf).map(|r| r.round(1250)), Ok(1300));
        assert_eq!(CashRounding::parse("0.10", &chf).map(|r| r.round(1249)), Ok(1250));
        assert_eq!(CashRounding::parse("none", &chf), Ok(CashRounding::NONE));
        assert_eq!(CashRounding::NONE.round(1247), 1247);
        for bad in ["0.001", "-0.05", "0", "abc", "1000"] {
            assert!(CashRounding::parse(bad, &chf).is_err(), "{bad:?}");
        }
    }
}
