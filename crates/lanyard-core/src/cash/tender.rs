//! Paying in cash: the amount due after cash rounding, the amount handed
//! over, and the change, which is never negative.

use serde::{Deserialize, Serialize};

use crate::cash::{CashRounding, Denominations};
use crate::error::CashError;

/// What a cash payment comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashTender {
    /// The price, before cash rounding.
    pub due: i64,
    /// What the customer pays in cash (the price after rounding).
    pub rounded: i64,
    /// `rounded - due`: the rounding entry.
    pub adjustment: i64,
    /// What the customer handed over.
    pub tendered: i64,
    /// What goes back to them: `tendered - rounded`, never negative.
    pub change: i64,
}

/// Settles `due` in cash with `tendered` handed over.
pub fn tender_cash(due: i64, rounding: CashRounding, tendered: i64) -> Result<CashTender, CashError> {
    if due < 0 {
        return Err(CashError::NegativeAmount);
    }
    if tendered < 0 {
        return Err(CashError::NegativeAmount);
    }
    let rounded = rounding.round(due);
    if tendered < rounded {
        return Err(CashError::TenderedTooLittle { due: rounded, tendered });
    }
    Ok(CashTender { due, rounded, adjustment: rounded - due, tendered, change: tendered - rounded })
}

/// The quick buttons beside the tendered field: the exact amount, then
/// the amounts a customer is likely to hand over (the amount rounded up to
/// each denomination of at least a fifth of it), at most four, smallest first.
pub fn quick_amounts(due: i64, rounding: CashRounding, denominations: &Denominations) -> Vec<i64> {
    let exact = rounding.round(due.max(0));
    let mut amounts = vec![exact];
    if exact == 0 {
        return amounts;
    }
    // The next multiple of each denomination above the amount.
    let mut ups: Vec<i64> = denominations
        .values()
        .iter()
        .filter(|d| d.saturating_mul(5) >= exact)
        .map(|d| (exact / d).saturating_add(1).saturating_mul(*d))
        .collect();
    ups.sort_unstable();
    ups.dedup();
    for up in ups.into_iter().filter(|up| *up > exact) {
        if amounts.len() == 4 {
            break;
        }
        amounts.push(up);
    }
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    #[test]
    fn change_is_what_was_handed_over_minus_the_rounded_price() {
        let t = tender_cash(1247, CashRounding::from_minor(5).expect("valid"), 2000).expect("enough");
        assert_eq!((t.rounded, t.adjustment, t.change), (1245, -2, 755));
        let short = tender_cash(1250, CashRounding::NONE, 1000).expect_err("too little");
        assert_eq!(short, CashError::TenderedTooLittle { due: 1250, tendered: 1000 });
        assert_eq!(tender_cash(1250, CashRounding::NONE, 1250).map(|t| t.change), Ok(0));
        assert!(tender_cash(-5, CashRounding::NONE, 0).is_err());
    }

    #[test]
    fn quick_buttons_offer_the_exact_amount_and_the_next_notes() {
        let eur = Denominations::for_currency(&Currency::parse("EUR").expect("code"));
        assert_eq!(quick_amounts(1250, CashRounding::NONE, &eur), vec![1250, 1500, 2000, 5000]);
        assert_eq!(quick_amounts(2500, CashRounding::NONE, &eur), vec![2500, 3000, 4000, 5000]);
        let yen = Denominations::for_currency(&Currency::parse("JPY").expect("code"));
        assert_eq!(quick_amounts(1500, CashRounding::NONE, &yen), vec![1500, 2000, 5000, 10000]);
        assert_eq!(quick_amounts(0, CashRounding::NONE, &eur)[0], 0);
    }
}
