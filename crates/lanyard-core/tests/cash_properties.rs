//! Property tests of the cash box's maths, 10,000 cases each: the expected
//! cash formula, cash rounding, reversals netting to zero, change never
//! negative, and the hash chain finding any single changed byte.

use lanyard_core::Timestamp;
use lanyard_core::cash::{
    CashRounding, Count, Denominations, Entry, EntryKind, GENESIS_HASH, Method, expected_cash, tender_cash,
    verify_chain,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 10_000, ..ProptestConfig::default() }
}

fn blank(seq: i64, kind: EntryKind, method: Option<Method>, amount: i64) -> Entry {
    Entry {
        drawer: "desk-1".into(),
        seq,
        uid: format!("0190-{seq:08}"),
        day: "2026-12-01".into(),
        at: Timestamp(1_764_576_000_000 + seq * 1_000),
        shift: "shift-1".into(),
        operator: "Nino Beridze".into(),
        kind,
        method,
        amount,
        currency: "EUR".into(),
        receipt: (kind == EntryKind::Sale).then(|| format!("D1-{seq:06}")),
        ticket_type: (kind == EntryKind::Sale).then(|| "Regular".into()),
        attendee: None,
        reference: (method == Some(Method::Card)).then(|| "TRM-4411".into()),
        reason: matches!(kind, EntryKind::PayIn | EntryKind::PayOut).then(|| "coins for change".into()),
        witness: (kind == EntryKind::Deposit).then(|| "Lee".into()),
        lead: None,
        reverses: None,
        count: None,
        tendered: None,
        change: None,
        prev_hash: String::new(),
        hash: String::new(),
    }
}

fn seal(entries: &mut [Entry]) {
    let mut prev = GENESIS_HASH.to_owned();
    for e in entries {
        e.seal(&prev);
        prev.clone_from(&e.hash);
    }
}

/// One thing a volunteer does at the drawer.
#[derive(Debug, Clone)]
enum Act {
    Sale(Method, i64),
    PayIn(i64),
    PayOut(i64),
    Deposit(i64),
}

fn act() -> impl Strategy<Value = Act> {
    let amount = 1i64..200_000;
    prop_oneof![
        (
            prop_oneof![Just(Method::Cash), Just(Method::Card), Just(Method::Voucher), Just(Method::Comp)],
            amount.clone()
        )
            .prop_map(|(m, a)| Act::Sale(m, if m == Method::Comp { 0 } else { a })),
        amount.clone().prop_map(Act::PayIn),
        amount.clone().prop_map(Act::PayOut),
        amount.prop_map(Act::Deposit),
    ]
}

/// Books `acts` after a float, with cash rounding on cash sales, returning
/// the entries and the formula's parts added up by hand.
fn book(float: i64, acts: &[Act], rounding: CashRounding) -> (Vec<Entry>, i64) {
    let mut entries = vec![blank(1, EntryKind::Float, None, float)];
    let (mut sales, mut paid_in, mut paid_out, mut deposits, mut rounded) = (0, 0, 0, 0, 0);
    for a in acts {
        let seq = entries.len() as i64 + 1;
        match a {
            Act::Sale(method, price) => {
                entries.push(blank(seq, EntryKind::Sale, Some(*method), *price));
                if *method == Method::Cash {
                    sales += price;
                    let adj = rounding.adjustment(*price);
                    if adj != 0 {
                        rounded += adj;
                        entries.push(blank(seq + 1, EntryKind::Rounding, None, adj));
                    }
                }
            }
            Act::PayIn(x) => {
                paid_in += x;
                entries.push(blank(seq, EntryKind::PayIn, None, *x));
            }
            Act::PayOut(x) => {
                paid_out += x;
                entries.push(blank(seq, EntryKind::PayOut, None, -x));
            }
            Act::Deposit(x) => {
                deposits += x;
                entries.push(blank(seq, EntryKind::Deposit, None, -x));
            }
        }
    }
    seal(&mut entries);
    (entries, float + sales + paid_in - paid_out - deposits + rounded)
}

fn rounding() -> impl Strategy<Value = CashRounding> {
    prop_oneof![Just(1i64), Just(5), Just(10), Just(100)]
        .prop_map(|m| CashRounding::from_minor(m).expect("valid"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn expected_cash_is_float_plus_cash_sales_plus_in_minus_out_minus_deposits_plus_rounding(
        float in 0i64..500_000,
        acts in prop::collection::vec(act(), 0..40),
        rounding in rounding(),
    ) {
        let (entries, by_hand) = book(float, &acts, rounding);
        prop_assert_eq!(expected_cash(&entries), by_hand);
        // Counts and differences never move money.
        let mut with_close = entries.clone();
        let n = with_close.len() as i64;
        with_close.push(blank(n + 1, EntryKind::Count, None, 123_456));
        with_close.push(blank(n + 2, EntryKind::Difference, None, -789));
        prop_assert_eq!(expected_cash(&with_close), by_hand);
    }

    #[test]
    fn cash_rounding_lands_on_the_increment_and_moves_at_most_half_of_it(
        amount in -10_000_000i64..10_000_000,
        rounding in rounding(),
    ) {
        let step = rounding.increment();
        let r = rounding.round(amount);
        prop_assert_eq!(r.rem_euclid(step), 0);
        prop_assert!((r - amount).abs() * 2 <= step);
        prop_assert_eq!(rounding.round(r), r, "rounding twice changes nothing");
        prop_assert_eq!(rounding.adjustment(amount), r - amount);
    }

    #[test]
    fn a_sale_and_its_reversal_net_to_zero(
        mut acts in prop::collection::vec(act(), 0..30),
        method in prop_oneof![Just(Method::Cash), Just(Method::Card), Just(Method::Voucher)],
        price in 1i64..200_000,
        rounding in rounding(),
        pick in any::<prop::sample::Index>(),
    ) {
        acts.push(Act::Sale(method, price));
        let (mut entries, _) = book(10_000, &acts, rounding);
        let before = expected_cash(&entries);
        let sales: Vec<Entry> = entries.iter().filter(|e| e.kind == EntryKind::Sale).cloned().collect();
        let sale = &sales[pick.index(sales.len())];
        // A refund reverses the sale and, for cash, its rounding.
        let mut seq = entries.len() as i64 + 1;
        let mut refund = blank(seq, EntryKind::Refund, sale.method, -sale.amount);
        refund.reverses = Some(sale.uid.clone());
        entries.push(refund);
        if sale.method == Some(Method::Cash) {
            let adj = rounding.adjustment(sale.amount);
            if adj != 0 {
                seq += 1;
                let mut back = blank(seq, EntryKind::Rounding, None, -adj);
                back.reverses = Some(sale.uid.clone());
                entries.push(back);
            }
        }
        seal(&mut entries);
        let net: i64 = entries
            .iter()
            .filter(|e| e.seq == sale.seq || e.reverses.as_deref() == Some(sale.uid.as_str()) || (e.kind == EntryKind::Rounding && e.seq == sale.seq + 1 && sale.method == Some(Method::Cash)))
            .map(|e| e.amount)
            .sum();
        prop_assert_eq!(net, 0, "sale {:?}", sale.kind);
        let cash_of_sale = if sale.method == Some(Method::Cash) { rounding.round(sale.amount) } else { 0 };
        prop_assert_eq!(expected_cash(&entries), before - cash_of_sale);
        prop_assert!(verify_chain("desk-1", &entries).is_ok());
    }

    #[test]
    fn change_is_never_negative_and_adds_up(
        due in 0i64..10_000_000,
        tendered in 0i64..20_000_000,
        rounding in rounding(),
    ) {
        match tender_cash(due, rounding, tendered) {
            Ok(t) => {
                prop_assert!(t.change >= 0);
                prop_assert_eq!(t.tendered - t.change, t.rounded);
                prop_assert_eq!(t.rounded - t.due, t.adjustment);
            }
            Err(_) => prop_assert!(tendered < rounding.round(due)),
        }
    }

    #[test]
    fn the_chain_names_any_entry_with_one_changed_byte(
        acts in prop::collection::vec(act(), 1..25),
        pick in any::<prop::sample::Index>(),
        field in 0usize..12,
        at in any::<prop::sample::Index>(),
        delta in 1u8..=255,
    ) {
        let (mut entries, _) = book(5_000, &acts, CashRounding::NONE);
        prop_assert!(verify_chain("desk-1", &entries).is_ok());
        let i = pick.index(entries.len());
        let e = &mut entries[i];
        // Change one byte of one stored field, as an editor of the file would.
        fn flip(text: &mut String, at: &prop::sample::Index, delta: u8) {
            let mut bytes = std::mem::take(text).into_bytes();
            if bytes.is_empty() {
                bytes.push(b'a');
            } else {
                let k = at.index(bytes.len());
                bytes[k] = bytes[k].wrapping_add(delta);
            }
            *text = String::from_utf8_lossy(&bytes).into_owned();
        }
        fn flip_number(n: &mut i64, delta: u8) {
            *n = n.wrapping_add(i64::from(delta));
        }
        match field {
            0 => flip(&mut e.operator, &at, delta),
            1 => flip(&mut e.uid, &at, delta),
            2 => flip(&mut e.day, &at, delta),
            3 => flip_number(&mut e.at.0, delta),
            4 => flip_number(&mut e.amount, delta),
            5 => flip(&mut e.currency, &at, delta),
            6 => flip(&mut e.shift, &at, delta),
            7 => {
                let mut r = e.reason.clone().unwrap_or_default();
                flip(&mut r, &at, delta);
                e.reason = Some(r);
            }
            8 => flip(&mut e.hash, &at, delta),
            9 => flip(&mut e.prev_hash, &at, delta),
            10 => {
                let c = e.count.get_or_insert_with(Count::empty);
                *c = Count::from_canonical(&format!("{}x{}", 100 + i64::from(delta), 1)).expect("count");
            }
            _ => e.method = Some(match e.method { Some(Method::Cash) => Method::Card, _ => Method::Cash }),
        }
        let seq = entries[i].seq;
        let broken = verify_chain("desk-1", &entries);
        prop_assert!(broken.is_err(), "a change to entry {} went unseen", seq);
        prop_assert_eq!(broken.expect_err("checked").seq, seq);
    }

    #[test]
    fn a_count_s_total_is_the_sum_of_its_pieces(pieces in prop::collection::vec(0u32..1_000, 15)) {
        let eur = lanyard_core::Currency::parse("EUR").expect("code");
        let d = Denominations::for_currency(&eur);
        let pairs: Vec<(i64, u32)> = d.values().iter().copied().zip(pieces.iter().copied()).collect();
        let by_hand: i64 = pairs.iter().map(|(v, n)| v * i64::from(*n)).sum();
        let count = Count::from_pieces(pairs, &d, &eur).expect("valid");
        prop_assert_eq!(count.total(), by_hand);
        prop_assert_eq!(Count::from_canonical(&count.canonical()).expect("round trip"), count);
    }
}
