//! Money: integer minor units with an ISO 4217 currency, never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::CoreError;

/// An ISO 4217 currency code, three uppercase letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// Parses a three-letter code, in any case.
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(CoreError::BadCurrency(raw.to_owned()));
        }
        Ok(Currency(code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Digits after the decimal point for this currency (ISO 4217's minor unit).
    pub fn exponent(&self) -> u32 {
        match self.0.as_str() {
            "JPY" | "KRW" | "ISK" | "CLP" | "VND" | "HUF" | "TWD" | "UGX" => 0,
            "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD" => 3,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount of money in minor units (cents) of a currency.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Minor units; negative for refunds and corrections.
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount of `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Parses a decimal amount such as `12.50`, `12,50` or `12` into minor
    /// units, refusing more decimals than the currency has.
    pub fn parse_decimal(raw: &str, currency: Currency) -> Result<Self, CoreError> {
        let bad = || CoreError::BadAmount(raw.to_owned());
        let text = raw.trim().replace(',', ".");
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.to_owned()),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
        let exp = currency.exponent() as usize;
        let valid = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && fraction.len() <= exp;
        if !valid {
            return Err(bad());
        }
        let padded = format!("{fraction:0<exp$}");
        let scale = 10i64.checked_pow(exp as u32).ok_or_else(bad)?;
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let fraction: i64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| bad())? };
        let minor = whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)?;
        Ok(Money { minor: if negative { -minor } else { minor }, currency })
    }
}

/// `minor` units written in major units with `exponent` decimals and no
/// currency code (`12.50`, `-3.20`, `1500`, `12.345`).
pub fn major_units(minor: i64, exponent: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(exponent);
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = exponent as usize)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", major_units(self.minor, self.currency.exponent()), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("eur").expect("valid currency")
    }

    #[test]
    fn decimal_amounts_become_exact_minor_units() {
        let cases = [("12.50", 1250), ("12,5", 1250), ("0.05", 5), ("7", 700), ("-3.20", -320)];
        for (text, minor) in cases {
            assert_eq!(Money::parse_decimal(text, eur()).map(|m| m.minor), Ok(minor), "{text}");
        }
        let yen = Currency::parse("JPY").expect("valid currency");
        assert_eq!(Money::parse_decimal("1500", yen.clone()).map(|m| m.minor), Ok(1500));
        assert!(Money::parse_decimal("15.5", yen).is_err(), "yen has no minor unit");
        for bad in ["", "1.234", "1e3", "abc", "1.2.3", "99999999999999999999"] {
            assert!(Money::parse_decimal(bad, eur()).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn amounts_print_with_their_currency() {
        assert_eq!(Money::new(1250, eur()).to_string(), "12.50 EUR");
        assert_eq!(Money::new(-5, eur()).to_string(), "-0.05 EUR");
        assert_eq!(Money::new(1500, Currency::parse("JPY").expect("valid")).to_string(), "1500 JPY");
    }
}
