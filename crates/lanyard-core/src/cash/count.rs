//! A count of a drawer by denomination: how many of each note and coin.
//!
//! Written by a person as `20x5,10x10,0.50x4` (denomination in major units,
//! then the number of pieces), as the command line takes it; the window
//! sends the same list as numbers. A denomination the currency does not
//! have, a repeated one, or an absurd number of pieces is refused.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::cash::Denominations;
use crate::error::CashError;
use crate::{Currency, Money};

/// Pieces per denomination (minor units); zero counts are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count(BTreeMap<i64, u32>);

impl Count {
    /// An empty count (an empty drawer).
    pub fn empty() -> Count {
        Count::default()
    }

    /// Builds a count from (denomination, pieces) pairs, checking each
    /// denomination against the drawer's list.
    pub fn from_pieces(
        pieces: impl IntoIterator<Item = (i64, u32)>,
        denominations: &Denominations,
        currency: &Currency,
    ) -> Result<Count, CashError> {
        let mut count = BTreeMap::new();
        for (value, n) in pieces {
            if !denominations.contains(value) {
                return Err(CashError::UnknownDenomination(major(value, currency)));
            }
            if n > denominations.max_pieces() {
                return Err(CashError::TooManyPieces { denomination: major(value, currency), pieces: n });
            }
            if count.insert(value, n).is_some() {
                return Err(CashError::RepeatedDenomination(major(value, currency)));
            }
        }
        count.retain(|_, n| *n > 0);
        Ok(Count(count))
    }

    /// Parses `20x5,10x10,0.50x4` (or `20*5`, `20×5`, spaces allowed).
    pub fn parse(text: &str, denominations: &Denominations, currency: &Currency) -> Result<Count, CashError> {
        let mut pairs = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = || CashError::BadCount(part.to_owned());
            let (value, pieces) = part.split_once(['x', 'X', '*', '×']).ok_or_else(bad)?;
            let value = Money::parse_decimal(value, currency.clone()).map_err(|_| bad())?.minor;
            let pieces: u32 = pieces.trim().parse().map_err(|_| bad())?;
            if value <= 0 {
                return Err(bad());
            }
            pairs.push((value, pieces));
        }
        Count::from_pieces(pairs, denominations, currency)
    }

    /// The total in minor units.
    pub fn total(&self) -> i64 {
        self.0.iter().map(|(value, n)| value.saturating_mul(i64::from(*n))).fold(0, i64::saturating_add)
    }

    /// (denomination, pieces), largest first, zero counts left out.
    pub fn pieces(&self) -> impl Iterator<Item = (i64, u32)> + '_ {
        self.0.iter().rev().map(|(v, n)| (*v, *n))
    }

    /// The canonical text form in minor units (`5000x2,100x3`), largest first:
    /// what the ledger's hash covers.
    pub fn canonical(&self) -> String {
        self.pieces().map(|(v, n)| format!("{v}x{n}")).collect::<Vec<_>>().join(",")
    }

    /// Reads back [`Count::canonical`] (no denomination check: the stored
    /// form was checked when it was booked).
    pub fn from_canonical(text: &str) -> Result<Count, CashError> {
        let mut count = BTreeMap::new();
        for part in text.split(',').filter(|p| !p.is_empty()) {
            let bad = || CashError::BadCount(part.to_owned());
            let (v, n) = part.split_once('x').ok_or_else(bad)?;
            count.insert(v.parse().map_err(|_| bad())?, n.parse().map_err(|_| bad())?);
        }
        Ok(Count(count))
    }
}

/// `minor` written in major units without the currency code (`0.50`, `20.00`, `500`).
pub fn major(minor: i64, currency: &Currency) -> String {
    crate::money::major_units(minor, currency.exponent())
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping, reason = "amounts in cents are written 20_00")]
mod tests {
    use super::*;

    fn eur() -> (Denominations, Currency) {
        let c = Currency::parse("EUR").expect("code");
        (Denominations::for_currency(&c), c)
    }

    #[test]
    fn a_typed_count_adds_up() {
        let (d, c) = eur();
        let count = Count::parse("20x5, 10x10,0.50x4 ,2×1", &d, &c).expect("valid count");
        assert_eq!(count.total(), 100_00 + 100_00 + 2_00 + 2_00);
        assert_eq!(count.canonical(), "2000x5,1000x10,200x1,50x4");
        assert_eq!(Count::from_canonical(&count.canonical()), Ok(count));
        assert_eq!(Count::parse("", &d, &c).map(|c| c.total()), Ok(0), "an empty drawer");
    }

    #[test]
    fn a_bad_count_names_the_problem() {
        let (d, c) = eur();
        let unknown = Count::parse("3x2", &d, &c).expect_err("no 3-euro note");
        assert_eq!(unknown.to_string(), "3.00 is not a denomination of this currency");
        assert!(matches!(Count::parse("20x5,20x1", &d, &c), Err(CashError::RepeatedDenomination(_))));
        assert!(matches!(Count::parse("20x999999", &d, &c), Err(CashError::TooManyPieces { .. })));
        for bad in ["20", "x5", "20x-1", "20x1.5", "abcx2", "-20x1", "0x4"] {
            assert!(matches!(Count::parse(bad, &d, &c), Err(CashError::BadCount(_))), "{bad:?}");
        }
        let yen = Currency::parse("JPY").expect("code");
        let jd = Denominations::for_currency(&yen);
        assert_eq!(Count::parse("10000x2,500x1", &jd, &yen).map(|c| c.total()), Ok(20_500));
        assert!(Count::parse("0.5x1", &jd, &yen).is_err(), "yen has no fractions");
    }
}
