//! The notes and coins of a currency, in minor units, largest first.
//!
//! Lanyard knows the circulating denominations of the currencies
//! conferences most often take cash in; an event can replace the list (a
//! currency Lanyard does not know, or a desk that refuses large notes).

use serde::{Deserialize, Serialize};

use crate::Currency;
use crate::cash::MAX_PIECES;
use crate::error::CashError;

/// The denominations a drawer is counted in, largest first, no repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Denominations(Vec<i64>);

/// Notes and coins in circulation, in minor units (two-decimal currencies
/// in cents, yen in yen, and so on).
const KNOWN: &[(&str, &[i64])] = &[
    ("EUR", &[50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1]),
    ("USD", &[10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5, 1]),
    ("GBP", &[5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1]),
    ("CHF", &[100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5]),
    ("CAD", &[10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5]),
    ("AUD", &[10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5]),
    ("NZD", &[10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10]),
    ("JPY", &[10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1]),
    ("INR", &[50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100]),
    ("PLN", &[50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1]),
    ("SEK", &[100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100]),
    ("NOK", &[100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 100]),
    ("DKK", &[100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50]),
    ("CZK", &[500000, 200000, 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100]),
    ("HUF", &[20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5]),
    ("THB", &[100000, 50000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 25]),
    ("EGP", &[20000, 10000, 5000, 2000, 1000, 500, 100, 50, 25]),
    ("GEL", &[20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5]),
    ("TRY", &[20000, 10000, 5000, 2000, 1000, 500, 100, 50, 25, 10, 5]),
    ("BRL", &[20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5]),
    ("MXN", &[100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50]),
    ("ZAR", &[20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10]),
    ("KWD", &[20000, 10000, 5000, 1000, 500, 250, 100, 50, 20, 10, 5]),
    ("SGD", &[10000, 5000, 1000, 500, 200, 100, 50, 20, 10, 5]),
    ("KRW", &[50000, 10000, 5000, 1000, 500, 100, 50, 10]),
    ("CNY", &[10000, 5000, 2000, 1000, 500, 100, 50, 10]),
];

impl Denominations {
    /// The circulating notes and coins of `currency`, if Lanyard knows them.
    pub fn known(currency: &Currency) -> Option<Denominations> {
        KNOWN
            .iter()
            .find(|(code, _)| *code == currency.as_str())
            .map(|(_, values)| Denominations(values.to_vec()))
    }

    /// The known list, or for an unknown currency the powers of ten from
    /// its minor unit to a thousand major units, until the event sets its own.
    pub fn for_currency(currency: &Currency) -> Denominations {
        Denominations::known(currency).unwrap_or_else(|| {
            let top = currency.exponent() + 3;
            Denominations((0..=top).rev().map(|p| 10_i64.pow(p)).collect())
        })
    }

    /// A list an event sets: positive, at most 30 values; sorted largest first.
    pub fn new(mut values: Vec<i64>) -> Result<Denominations, CashError> {
        if values.is_empty() || values.len() > 30 {
            return Err(CashError::BadDenominations("give between 1 and 30 denominations"));
        }
        if values.iter().any(|v| *v <= 0 || *v > 1_000_000_000) {
            return Err(CashError::BadDenominations("each denomination must be a positive amount"));
        }
        values.sort_unstable_by(|a, b| b.cmp(a));
        values.dedup();
        Ok(Denominations(values))
    }

    /// The values, largest first.
    pub fn values(&self) -> &[i64] {
        &self.0
    }

    /// Whether `minor` is one of them.
    pub fn contains(&self, minor: i64) -> bool {
        self.0.contains(&minor)
    }

    /// The most pieces of one denomination a count may list.
    pub fn max_pieces(&self) -> u32 {
        MAX_PIECES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_list_is_sorted_positive_and_unique() {
        for (code, values) in KNOWN {
            let currency = Currency::parse(code).expect("known code");
            let d = Denominations::known(&currency).expect("known");
            assert_eq!(d.values(), *values, "{code}");
            assert!(values.windows(2).all(|w| w[0] > w[1]), "{code} is sorted largest first without repeats");
            assert!(values.iter().all(|v| *v > 0), "{code}");
        }
    }

    #[test]
    fn the_issue_s_currencies_are_all_known() {
        for code in ["EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "INR", "PLN", "SEK"] {
            assert!(Denominations::known(&Currency::parse(code).expect("code")).is_some(), "{code}");
        }
        // A yen coin is one yen; a euro cent is one cent; a Kuwaiti fils is a thousandth.
        let jpy = Denominations::known(&Currency::parse("JPY").expect("code")).expect("known");
        assert_eq!(jpy.values().last(), Some(&1));
        let kwd = Denominations::known(&Currency::parse("KWD").expect("code")).expect("known");
        assert_eq!(kwd.values().first(), Some(&20_000), "a 20-dinar note is 20,000 fils");
    }

    #[test]
    fn an_unknown_currency_gets_powers_of_ten() {
        let xts = Currency::parse("XTS").expect("code");
        assert_eq!(Denominations::for_currency(&xts).values(), &[100_000, 10_000, 1_000, 100, 10, 1]);
    }

    #[test]
    fn an_event_s_own_list_is_checked() {
        assert_eq!(
            Denominations::new(vec![5, 100, 5, 20]).map(|d| d.values().to_vec()),
            Ok(vec![100, 20, 5])
        );
        assert!(Denominations::new(vec![]).is_err());
        assert!(Denominations::new(vec![0, 5]).is_err());
        assert!(Denominations::new(vec![-5]).is_err());
    }
}
