//! The cash box through a whole day: prices, two shifts on one drawer,
//! sales in cash (with change and rounding), by card and complimentary, a
//! deposit, a pay-out, a refund, a difference approved by a lead, the day
//! closed, and the report checked line by line; then the ledger's
//! protections: append-only, gap-free, chained, and `verify` naming a
//! changed entry.
#![allow(clippy::inconsistent_digit_grouping, reason = "amounts in cents are written 25_00")]

use lanyard_api::dto::LeadAuth;
use lanyard_api::dto::cash::{
    CloseDayRequest, CloseDrawerRequest, MovementRequest, OpenDrawerRequest, PaymentRequest, RefundRequest,
    SaleRequest, SettleRequest,
};
use lanyard_api::{ApiError, ErrorCode};
use lanyard_tests::{Desk, TestDesk};

fn pay(method: &str, tendered: &str, reference: &str, reason: &str) -> PaymentRequest {
    PaymentRequest {
        method: method.into(),
        tendered: tendered.into(),
        reference: reference.into(),
        reason: reason.into(),
    }
}

fn sale(name: &str, ticket: &str, payment: PaymentRequest, key: &str) -> SaleRequest {
    SaleRequest {
        display_name: name.into(),
        affiliation: String::new(),
        hometown: String::new(),
        email: String::new(),
        role: String::new(),
        interests: vec![],
        ticket_type: ticket.into(),
        confirm_new: false,
        payment,
        auth: None,
        idempotency_key: key.into(),
    }
}

fn open(d: &Desk, count: &str, key: &str) -> Result<lanyard_api::dto::cash::CashShiftDto, ApiError> {
    d.engine
        .open_cash_shift(&d.session, &OpenDrawerRequest { count: count.into(), idempotency_key: key.into() })
}

fn movement(kind: &str, amount: &str, reason: &str, key: &str) -> MovementRequest {
    MovementRequest {
        kind: kind.into(),
        amount: amount.into(),
        reason: reason.into(),
        bag: String::new(),
        witness: String::new(),
        idempotency_key: key.into(),
    }
}

fn close(count: &str, note: &str, auth: Option<LeadAuth>, key: &str) -> CloseDrawerRequest {
    CloseDrawerRequest { count: count.into(), note: note.into(), auth, idempotency_key: key.into() }
}

fn code(result: Result<impl std::fmt::Debug, ApiError>) -> ErrorCode {
    result.expect_err("refused").code
}

fn entries(t: &TestDesk) -> i64 {
    let conn = rusqlite::Connection::open(&t.path).expect("open");
    conn.query_row("SELECT count(*) FROM cash_entry", [], |r| r.get(0)).expect("count")
}

/// Prices and rules: Regular 25.00, Student 12.50, Supporter 24.99; cash
/// rounded to 0.05; differences up to 1.00 need no lead.
fn priced_desk() -> TestDesk {
    let t = TestDesk::empty("Desk 1", "Anna");
    let d = &t.desk;
    let lead = d.lead();
    assert_eq!(
        code(d.engine.set_price(&d.session, None, "Regular", "25.00", false, "p0")),
        ErrorCode::LeadRequired
    );
    for (i, (ticket, price)) in
        [("Regular", "25.00"), ("Student", "12.50"), ("Supporter", "24.99")].iter().enumerate()
    {
        d.engine
            .set_price(&d.session, Some(&lead), ticket, price, false, &format!("p{}", i + 1))
            .expect("price");
    }
    d.engine.set_cash_settings(&d.session, Some(&lead), "", "0.05", "1.00", "rules").expect("rules");
    t
}

#[test]
fn a_whole_day_at_the_cash_box_adds_up_line_by_line() {
    let t = priced_desk();
    let mut d = t.reopen("Desk 1", Some("Anna"));
    let lead = d.lead();
    let status = d.engine.cash_status(&d.session).expect("status");
    assert_eq!(status.prices.len(), 3);
    assert_eq!(status.rounding.minor, 5);
    assert!(status.shift.is_none());

    // No sale before the drawer is open.
    let first = sale("Nino Beridze", "Regular", pay("cash", "50", "", ""), "s1");
    assert_eq!(code(d.engine.sell_ticket(&d.session, &first)), ErrorCode::NoCashShift);

    // Anna opens with 110.00 counted; a second open is refused.
    let shift = open(&d, "20x2,10x3,5x4,2x5,1x5,0.50x10", "open-anna").expect("open");
    assert_eq!((shift.float.minor, shift.operator.as_str()), (110_00, "Anna"));
    assert_eq!(code(open(&d, "20x1", "open-again")), ErrorCode::CashShiftOpen);
    assert_eq!(code(open(&d, "3x2", "bad-count")), ErrorCode::CashShiftOpen);

    // A walk-in pays 25.00 with a 50: change 25.00; checked in at once.
    let r1 = d.engine.sell_ticket(&d.session, &first).expect("cash sale");
    assert_eq!(r1.change.as_ref().map(|m| m.minor), Some(25_00));
    assert_eq!(r1.paid.minor, 25_00);
    assert!(r1.attendee.checked_in.is_some(), "sold and checked in together");
    let again = d.engine.sell_ticket(&d.session, &first).expect("replay");
    assert!(again.replayed);
    assert_eq!(again.receipt, r1.receipt, "a retried sale is booked once");
    let twin = SaleRequest { idempotency_key: "s1-twin".into(), ..first.clone() };
    assert_eq!(
        code(d.engine.sell_ticket(&d.session, &twin)),
        ErrorCode::PossibleDuplicate,
        "a second Nino is asked about"
    );
    let mut other = first.clone();
    other.display_name = "Someone Else".into();
    assert_eq!(code(d.engine.sell_ticket(&d.session, &other)), ErrorCode::InvalidInput);

    // By card, with the terminal's reference; a card sale needs one.
    let no_ref = sale("Kwame Mensah", "Student", pay("card", "", "", ""), "s2x");
    assert_eq!(code(d.engine.sell_ticket(&d.session, &no_ref)), ErrorCode::InvalidInput);
    let r2 = d
        .engine
        .sell_ticket(&d.session, &sale("Kwame Mensah", "student", pay("card", "", "TRM-77", ""), "s2"))
        .expect("card");
    assert_eq!((r2.method.as_str(), r2.price.minor, r2.change.clone()), ("card", 12_50, None));

    // 24.99 in cash is 25.00 after rounding to 0.05: the rounding is its own entry.
    let r3 = d
        .engine
        .sell_ticket(&d.session, &sale("Somchai Jaidee", "Supporter", pay("cash", "30", "", ""), "s3"))
        .expect("rounded");
    assert_eq!((r3.price.minor, r3.rounding.minor, r3.paid.minor), (24_99, 1, 25_00));
    assert_eq!(r3.change.as_ref().map(|m| m.minor), Some(5_00));

    // Bad input books nothing.
    let before = entries(&t);
    for (request, field) in [
        (sale("Leila Haddad", "Regular", pay("cash", "20", "", ""), "bad1"), "tendered"),
        (sale("Leila Haddad", "Regular", pay("cash", "abc", "", ""), "bad2"), "tendered"),
        (sale("Leila Haddad", "VIP", pay("cash", "", "", ""), "bad3"), "ticket_type"),
        (sale("Leila Haddad", "Regular", pay("bitcoin", "", "", ""), "bad4"), "payment method"),
        (sale("", "Regular", pay("cash", "", "", ""), "bad5"), "display_name"),
    ] {
        let e = d.engine.sell_ticket(&d.session, &request).expect_err("refused");
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some(field)), "{}", e.message);
    }
    for (kind, amount, field) in [
        ("pay_in", "-5", "amount"),
        ("pay_in", "0", "amount"),
        ("pay_in", "99999999", "amount"),
        ("pay_in", "1.234", "amount"),
    ] {
        let e = d
            .engine
            .cash_movement(&d.session, &movement(kind, amount, "float top-up", &format!("m-{amount}")))
            .expect_err("refused");
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidInput, Some(field)),
            "{amount}: {}",
            e.message
        );
    }
    assert_eq!(entries(&t), before, "refusals booked nothing");

    // A complimentary ticket needs a lead and a reason.
    let mut comp = sale("Ana Lima", "Regular", pay("comp", "", "", "speaker's partner"), "s4");
    assert_eq!(code(d.engine.sell_ticket(&d.session, &comp)), ErrorCode::LeadRequired);
    comp.auth = Some(lead.clone());
    let r4 = d.engine.sell_ticket(&d.session, &comp).expect("comp");
    assert_eq!((r4.method.as_str(), r4.paid.minor), ("comp", 0));

    // A deposit with a bag and a witness; a pay-out with a reason.
    let mut deposit = movement("deposit", "50.00", "", "dep1");
    deposit.bag = "B-17".into();
    deposit.witness = "Anna".into();
    assert_eq!(
        code(d.engine.cash_movement(&d.session, &deposit)),
        ErrorCode::InvalidInput,
        "the witness is someone else"
    );
    deposit.witness = "Lee".into();
    d.engine.cash_movement(&d.session, &deposit).expect("deposit");
    d.engine
        .cash_movement(&d.session, &movement("pay_out", "4.00", "coffee for volunteers", "out1"))
        .expect("pay out");
    let mut too_much = movement("pay_out", "500.00", "all of it", "out2");
    assert_eq!(code(d.engine.cash_movement(&d.session, &too_much)), ErrorCode::InvalidInput);
    too_much.reason.clear();
    too_much.amount = "1".into();
    assert_eq!(
        code(d.engine.cash_movement(&d.session, &too_much)),
        ErrorCode::InvalidInput,
        "a pay-out needs a reason"
    );

    // Nino asks for their money back: a lead's refund, once.
    let mut refund = RefundRequest {
        receipt: r1.receipt.clone(),
        reason: "double-booked online".into(),
        void: false,
        amount: String::new(),
        auth: None,
        idempotency_key: "ref1".into(),
    };
    assert_eq!(code(d.engine.refund_sale(&d.session, &refund)), ErrorCode::LeadRequired);
    refund.auth = Some(lead.clone());
    let back = d.engine.refund_sale(&d.session, &refund).expect("refund");
    assert_eq!((back.cash_back.minor, back.entry.amount.minor), (25_00, -25_00));
    refund.idempotency_key = "ref1-again".into();
    assert_eq!(code(d.engine.refund_sale(&d.session, &refund)), ErrorCode::AlreadyRefunded);
    let larger = RefundRequest {
        receipt: r2.receipt.clone(),
        amount: "20".into(),
        idempotency_key: "ref2".into(),
        ..refund.clone()
    };
    assert_eq!(code(d.engine.refund_sale(&d.session, &larger)), ErrorCode::InvalidInput);
    let unknown =
        RefundRequest { receipt: "ZZZ-000001".into(), idempotency_key: "ref3".into(), ..refund.clone() };
    assert_eq!(code(d.engine.refund_sale(&d.session, &unknown)), ErrorCode::UnknownReceipt);

    // Handover: Anna counts 81.00 blind (110 + 25 + 24.99 + 0.01 − 25 − 50 − 4): no difference.
    let anna = d
        .engine
        .close_cash_shift(&d.session, &close("20x2,10x3,5x2,0.50x2", "", None, "close-anna"))
        .expect("close");
    assert_eq!((anna.counted.minor, anna.expected.minor, anna.difference.minor), (81_00, 81_00, 0));
    assert!(anna.shift.closed_at.is_some());

    // Bob takes over with the same drawer, counted again.
    d.start_shift("Bob", None, "bob").expect("Bob's shift");
    open(&d, "20x2,10x3,5x2,0.50x2", "open-bob").expect("Bob opens");
    let r5 = d
        .engine
        .sell_ticket(&d.session, &sale("Giorgi Kapanadze", "Regular", pay("cash", "", "", ""), "s5"))
        .expect("exact cash");
    assert_eq!(r5.change.as_ref().map(|m| m.minor), Some(0));

    // Bob counts 100.00 where 106.00 is expected: a lead approves, with a note.
    let short = close("20x5", "", None, "close-bob");
    assert_eq!(code(d.engine.close_cash_shift(&d.session, &short)), ErrorCode::DifferenceNeedsLead);
    let unnoted = close("20x5", "", Some(lead.clone()), "close-bob");
    assert_eq!(code(d.engine.close_cash_shift(&d.session, &unnoted)), ErrorCode::DifferenceNeedsLead);
    let approved = close("20x5", "a 5 and a 1 missing; searched the desk", Some(lead.clone()), "close-bob2");
    let bob = d.engine.close_cash_shift(&d.session, &approved).expect("approved close");
    assert_eq!(
        (bob.expected.minor, bob.difference.minor, bob.approved_by.as_deref()),
        (106_00, -6_00, Some("Lee"))
    );

    // The day closes (a lead's act); nothing more can be booked into it.
    assert_eq!(
        code(d.engine.sell_ticket(&d.session, &sale("Late Comer", "Regular", pay("cash", "", "", ""), "s6"))),
        ErrorCode::NoCashShift
    );
    let mut close_day = CloseDayRequest { day: String::new(), auth: None, idempotency_key: "day".into() };
    assert_eq!(code(d.engine.close_cash_day(&d.session, &close_day)), ErrorCode::LeadRequired);
    close_day.auth = Some(lead.clone());
    let report = d.engine.close_cash_day(&d.session, &close_day).expect("close the day");
    assert_eq!(code(open(&d, "20x1", "open-late")), ErrorCode::DayClosed);

    // The report, line by line.
    assert_eq!(report.day, "2026-11-22");
    assert!(report.closed.as_deref().is_some_and(|c| c.contains("Lee")));
    assert_eq!(report.sales, 5);
    assert_eq!(report.takings.minor, 25_00 + 12_50 + 24_99 + 25_00 - 25_00);
    let line = |lines: &[lanyard_api::dto::cash::ReportLine], name: &str| {
        let l = lines.iter().find(|l| l.name == name).unwrap_or_else(|| panic!("{name} in {lines:?}"));
        (l.count, l.amount.minor)
    };
    assert_eq!(line(&report.by_method, "cash"), (3, 25_00 + 24_99 + 25_00 - 25_00));
    assert_eq!(line(&report.by_method, "card"), (1, 12_50));
    assert_eq!(line(&report.by_method, "comp"), (1, 0));
    assert_eq!(line(&report.by_method, "voucher"), (0, 0));
    assert_eq!(line(&report.by_ticket_type, "Regular"), (3, 25_00));
    assert_eq!(line(&report.by_ticket_type, "Student"), (1, 12_50));
    assert_eq!(line(&report.by_ticket_type, "Supporter"), (1, 24_99));
    assert_eq!(line(&report.by_operator, "Anna"), (4, 25_00 + 12_50 + 24_99 - 25_00));
    assert_eq!(line(&report.by_operator, "Bob"), (1, 25_00));
    assert_eq!(report.shifts.len(), 2);
    let (a, b) = (&report.shifts[0], &report.shifts[1]);
    assert_eq!(a.shift.operator, "Anna");
    assert_eq!(
        [
            a.shift.float.minor,
            a.cash_sales.minor,
            a.cash_refunds.minor,
            a.paid_out.minor,
            a.deposits.minor,
            a.rounding.minor
        ],
        [110_00, 49_99, -25_00, -4_00, -50_00, 1]
    );
    assert_eq!(
        (a.expected.as_ref().map(|m| m.minor), a.counted.as_ref().map(|m| m.minor)),
        (Some(81_00), Some(81_00))
    );
    assert_eq!(b.difference.as_ref().map(|m| m.minor), Some(-6_00));
    assert_eq!(b.approved_by.as_deref(), Some("Lee"));
    assert!(b.difference_note.as_deref().is_some_and(|n| n.contains("searched")));
    let twenties = b.denominations.iter().find(|l| l.denomination.minor == 20_00).expect("20s");
    assert_eq!((twenties.opening, twenties.closing, twenties.closing_value.minor), (2, 5, 100_00));
    let kinds: Vec<&str> = report.movements.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["sale", "deposit", "pay_out", "refund", "difference"],
        "the comp, then every movement"
    );
    assert_eq!(report.chains.len(), 1);
    let check = d.engine.verify_ledger(&d.session).expect("verify");
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert_eq!(check.drawers[0].last_hash, report.chains[0].last_hash, "the paper anchors the chain");
    assert!(report.disclaimer.contains("not a certified fiscal register"));

    // The CSV says the same, safely.
    let csv = d.engine.cash_report_csv(&d.session, "2026-11-22").expect("csv");
    assert!(csv.contains("method,cash,3,49.99,EUR\r\n"), "{csv}");
    assert!(csv.contains("shift_difference,"), "{csv}");
    assert!(csv.contains(",-6.00,EUR"), "{csv}");
    assert!(csv.contains(&report.chains[0].last_hash));

    // Every cash action is in the audit log.
    let store = lanyard_tests::store(&t.path);
    let actions: Vec<String> =
        store.read(|tx| tx.audit_log()).expect("audit").into_iter().map(|r| r.action).collect();
    for name in [
        "set_price",
        "set_cash_settings",
        "open_cash_shift",
        "cash_sale",
        "cash_movement",
        "cash_refund",
        "close_cash_shift",
        "close_cash_day",
    ] {
        assert!(actions.iter().any(|a| a == name), "{name} in {actions:?}");
    }
}

#[test]
fn what_an_attendee_owes_is_settled_then_they_are_checked_in() {
    let t = priced_desk();
    let d = &t.desk;
    open(d, "10x5", "open").expect("open");
    let walk_in = lanyard_tests::walk_in("Amara Okafor", "w1");
    let owing = lanyard_api::dto::WalkInRequest { amount_due: "25.00".into(), ..walk_in };
    let card = d.register_walk_in(&owing).expect("walk-in owing").attendee;
    // Undo the walk-in's own check-in, so the settle checks them in.
    let undo = lanyard_api::dto::UndoRequest {
        attendee_id: card.id,
        reason: "test".into(),
        auth: d.lead(),
        idempotency_key: "u".into(),
    };
    d.undo_check_in(&undo).expect("undo");
    let request = lanyard_api::dto::CheckInRequest {
        typed: card.badge_code.clone(),
        chosen: None,
        idempotency_key: "c1".into(),
        admit_owing: None,
    };
    let refused = d.check_in(&request).expect_err("owes");
    assert_eq!(refused.code, ErrorCode::AmountDue);
    let settle = SettleRequest {
        attendee_id: card.id,
        payment: pay("cash", "30", "", ""),
        auth: None,
        idempotency_key: "settle".into(),
    };
    let receipt = d.engine.settle_amount_due(&d.session, &settle).expect("settled");
    assert_eq!((receipt.price.minor, receipt.change.as_ref().map(|m| m.minor)), (25_00, Some(5_00)));
    assert!(receipt.attendee.checked_in.is_some());
    assert!(receipt.attendee.amount_due.is_none(), "nothing owed any more");
    let twice = SettleRequest { idempotency_key: "settle2".into(), ..settle };
    assert_eq!(
        code(d.engine.settle_amount_due(&d.session, &twice)),
        ErrorCode::InvalidInput,
        "owes nothing now"
    );
}

#[test]
fn yen_and_dinars_have_their_own_decimals() {
    for (currency, price, tendered, change, count) in
        [("JPY", "1500", "2000", 500, "1000x3,500x2"), ("KWD", "12.345", "20", 7_655, "10x1,5x1,0.250x4")]
    {
        let t = TestDesk::new_event("Desk 1", "Anna", currency);
        let d = &t.desk;
        let lead = d.lead();
        d.engine.set_price(&d.session, Some(&lead), "Regular", price, false, "p").expect("price");
        assert_eq!(
            code(d.engine.set_price(&d.session, Some(&lead), "Student", "1.2345", false, "p2")),
            ErrorCode::InvalidInput
        );
        open(d, count, "open").expect("open in the currency's denominations");
        let r = d
            .engine
            .sell_ticket(&d.session, &sale("Yuki Tanaka", "Regular", pay("cash", tendered, "", ""), "s"))
            .expect("sale");
        assert_eq!(r.change.as_ref().map(|m| m.minor), Some(change), "{currency}");
        assert_eq!(r.price.currency, currency);
    }
}

#[test]
fn the_ledger_refuses_rewrites_and_verify_names_a_changed_entry() {
    let t = priced_desk();
    let d = &t.desk;
    open(d, "10x5", "open").expect("open");
    for i in 0..4 {
        d.engine
            .sell_ticket(
                &d.session,
                &sale(&format!("Person {i}"), "Regular", pay("cash", "", "", ""), &format!("s{i}")),
            )
            .expect("sale");
    }
    let conn = rusqlite::Connection::open(&t.path).expect("open");
    for (sql, what) in [
        ("UPDATE cash_entry SET amount_minor = 1 WHERE seq = 2", "update"),
        ("DELETE FROM cash_entry WHERE seq = 5", "delete"),
        ("INSERT OR REPLACE INTO cash_entry SELECT * FROM cash_entry WHERE seq = 2", "replace"),
        ("REPLACE INTO cash_entry (id, uid, drawer, seq, day, at, at_millis, shift, operator, kind, amount_minor, currency, prev_hash, hash)
          SELECT id, uid, drawer, seq, day, at, at_millis, shift, operator, kind, 0, currency, prev_hash, hash FROM cash_entry WHERE seq = 3", "replace with new values"),
        ("INSERT INTO cash_entry (uid, drawer, seq, day, at, at_millis, shift, operator, kind, amount_minor, currency, prev_hash, hash)
          SELECT 'x', drawer, 9, day, at, at_millis, shift, operator, 'pay_in', 1, currency, prev_hash, hash FROM cash_entry WHERE seq = 1", "a gap"),
        ("UPDATE cash_shift SET operator = 'Mallory'", "a shift's volunteer"),
        ("DELETE FROM cash_shift", "a shift"),
    ] {
        assert!(conn.execute(sql, []).is_err(), "{what} must be refused");
    }
    assert!(d.engine.verify_ledger(&d.session).expect("verify").problems.is_empty());

    // A copy of the file with one byte of entry 3 changed, as an editor
    // that bypasses the triggers would.
    let copy = t.dir.path().join("tampered.db");
    conn.execute("VACUUM INTO ?1", [copy.to_str().expect("utf-8 path")]).expect("copy");
    let tampered = rusqlite::Connection::open(&copy).expect("open copy");
    tampered
        .execute_batch(
            "DROP TRIGGER cash_entry_no_update; UPDATE cash_entry SET operator = 'Bnna' WHERE seq = 3;",
        )
        .expect("tamper");
    drop(tampered);
    let other = t.reopen_file(&copy, "Desk 1");
    let check = other.engine.verify_ledger(&other.session).expect("verify copy");
    assert_eq!(check.problems.len(), 1, "{:?}", check.problems);
    assert!(check.problems[0].contains("entry 3"), "{}", check.problems[0]);
}

/// The text of a PDF, as `pdftotext` reads it.
fn pdf_text(bytes: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("doc.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_receipt_and_the_report_print_with_their_figures_and_signature_lines() {
    let t = priced_desk();
    let d = &t.desk;
    d.set_printer(Some("FrontDesk"), 0.0, 0.0, false, "printer").expect("printer");
    open(d, "10x5", "open").expect("open");
    let r = d
        .engine
        .sell_ticket(&d.session, &sale("Nino Beridze", "Supporter", pay("cash", "30", "", ""), "s"))
        .expect("sale");
    for paper in ["a6", "80mm"] {
        let text =
            pdf_text(&d.engine.receipt_pdf(&d.session, &r.receipt, paper).expect("receipt"), t.dir.path());
        for expected in [
            r.receipt.as_str(),
            "Supporter",
            "24.99 EUR",
            "Cash rounding",
            "0.01 EUR",
            "Change",
            "5.00 EUR",
            "Anna",
        ] {
            assert!(text.contains(expected), "{paper} receipt has {expected:?}:\n{text}");
        }
    }
    let job =
        d.engine.print_cash_document(&d.session, "receipt", &r.receipt, "80mm", "print-r").expect("printed");
    let jobs = t.printer.jobs();
    let last = jobs.last().expect("a job");
    assert_eq!(last.id.to_string(), job);
    assert_eq!(last.title, "Lanyard receipt", "no receipt number or name in the job title");
    d.engine.close_cash_shift(&d.session, &close("10x5,20x1,5x1", "", None, "close")).expect("close");
    let report = pdf_text(&d.engine.cash_report_pdf(&d.session, "").expect("report"), t.dir.path());
    let chain = d.engine.verify_ledger(&d.session).expect("verify").drawers.remove(0);
    for expected in [
        "Counted by",
        "Witness",
        "By payment method",
        "75.00 EUR",
        "not a certified fiscal register",
        &chain.last_hash[..32],
    ] {
        assert!(report.contains(expected), "the report has {expected:?}:\n{report}");
    }
    let out = t.dir.path().join("day.csv");
    d.engine.save_cash_report(&d.session, "", &out, true).expect("csv written");
    d.engine.save_cash_report(&d.session, "", &out, true).expect("a report Lanyard wrote may be replaced");
    let refused =
        d.engine.save_cash_report(&d.session, "", &t.path, false).expect_err("never over the database");
    assert!(refused.message.contains("event database"), "{}", refused.message);
}

#[test]
fn a_void_cancels_a_mistake_in_its_own_shift_and_a_restart_resumes_the_drawer() {
    let t = priced_desk();
    let d = &t.desk;
    let lead = d.lead();
    open(d, "10x5", "open").expect("open");
    let r = d
        .engine
        .sell_ticket(&d.session, &sale("Wrong Ticket", "Regular", pay("card", "", "T-1", ""), "s1"))
        .expect("sale");
    let void = RefundRequest {
        receipt: r.receipt.clone(),
        reason: "rang up Regular for a student".into(),
        void: true,
        amount: "10".into(),
        auth: Some(lead.clone()),
        idempotency_key: "v0".into(),
    };
    assert_eq!(code(d.engine.refund_sale(&d.session, &void)), ErrorCode::InvalidInput, "a void is whole");
    let voided = d
        .engine
        .refund_sale(
            &d.session,
            &RefundRequest { amount: String::new(), idempotency_key: "v1".into(), ..void.clone() },
        )
        .expect("void");
    assert_eq!(
        (voided.entry.kind.as_str(), voided.cash_back.minor),
        ("void", 0),
        "a card sale gives no cash back"
    );

    // A restart (a new process on the same file) finds the open drawer.
    let again = t.reopen("Desk 1", None);
    let status = again.engine.cash_status(&again.session).expect("status");
    let shift = status.shift.expect("the drawer is still open after a restart");
    assert_eq!((shift.operator.as_str(), shift.float.minor, shift.sales), ("Anna", 50_00, 1));

    // A count in a denomination the currency does not have is refused, naming it.
    let e = d.engine.close_cash_shift(&d.session, &close("3x2", "", None, "c0")).expect_err("no 3-euro note");
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("count")));
    assert!(e.message.contains("3.00 is not a denomination"), "{}", e.message);
    d.engine.close_cash_shift(&d.session, &close("10x5", "", None, "c1")).expect("close");

    // After the shift closed, a sale of it can be refunded, not voided.
    open(d, "10x5", "open2").expect("reopen the drawer");
    let r2 = d
        .engine
        .sell_ticket(&d.session, &sale("Second", "Regular", pay("cash", "", "", ""), "s2"))
        .expect("sale");
    d.engine.close_cash_shift(&d.session, &close("10x5,20x1,5x1", "", None, "c2")).expect("close");
    open(d, "10x5,20x1,5x1", "open3").expect("next shift");
    let late = RefundRequest {
        receipt: r2.receipt.clone(),
        amount: String::new(),
        idempotency_key: "v2".into(),
        ..void
    };
    let e = d.engine.refund_sale(&d.session, &late).expect_err("too late for a void");
    assert!(e.message.contains("refund it instead"), "{}", e.message);

    // The schema itself refuses an entry into a closed day.
    d.engine.close_cash_shift(&d.session, &close("10x5,20x1,5x1", "", None, "c3")).expect("close");
    let day = CloseDayRequest { day: String::new(), auth: Some(lead), idempotency_key: "day".into() };
    d.engine.close_cash_day(&d.session, &day).expect("close the day");
    let conn = rusqlite::Connection::open(&t.path).expect("open");
    let forged = conn.execute_batch(
        "DROP TRIGGER cash_entry_next_number;
         INSERT INTO cash_entry (uid, drawer, seq, day, at, at_millis, shift, operator, kind, amount_minor, currency, prev_hash, hash)
         SELECT 'late', drawer, seq + 1, day, at, at_millis, shift, operator, 'pay_in', 100, currency, hash, hash
         FROM cash_entry ORDER BY seq DESC LIMIT 1;",
    );
    assert!(forged.is_err(), "nothing is booked into a closed day, even past the numbering trigger");
}

#[test]
fn a_close_retried_after_the_next_shift_opened_returns_its_first_result() {
    // Found by the crash harness: the replay was refused as a difference
    // that needs a lead, the retried count held against the next float.
    let t = priced_desk();
    let d = &t.desk;
    open(d, "10x5", "open").expect("open");
    let counted = close("10x5", "", None, "close");
    let first = d.engine.close_cash_shift(&d.session, &counted).expect("close");
    assert_eq!(first.difference.minor, 0);
    let next = open(d, "20x5", "open-next").expect("the next shift");
    let before = entries(&t);

    let again = d.engine.close_cash_shift(&d.session, &counted).expect("the retried close is replayed");
    assert_eq!(again, first, "the first result, not a count of the next drawer");
    assert_eq!(entries(&t), before, "booked once");
    let open_now = d.engine.cash_status(&d.session).expect("status").shift.map(|s| s.id);
    assert_eq!(open_now, Some(next.id), "the next shift stays open");
}

#[test]
fn the_clock_jumping_hours_either_way_keeps_the_day_s_figures_sane() {
    let t = priced_desk();
    let d = &t.desk;
    open(d, "10x5", "open").expect("open");
    d.engine
        .sell_ticket(&d.session, &sale("Before Jump", "Regular", pay("cash", "", "", ""), "s1"))
        .expect("sale");
    // Someone sets the desk's clock back three hours, then forward again.
    t.clock.jump(-3 * 3_600_000);
    d.engine
        .sell_ticket(&d.session, &sale("After Back", "Student", pay("card", "", "T", ""), "s2"))
        .expect("a sale after the jump back");
    t.clock.jump(5 * 3_600_000);
    d.engine
        .sell_ticket(&d.session, &sale("After Forward", "Regular", pay("cash", "", "", ""), "s3"))
        .expect("a sale after the jump forward");
    let report = d.engine.cash_report(&d.session, "").expect("report");
    assert_eq!(
        (report.day.as_str(), report.sales),
        ("2026-11-22", 3),
        "every sale stays in the day it was booked on"
    );
    assert_eq!(report.takings.minor, 25_00 + 12_50 + 25_00);
    let check = d.engine.verify_ledger(&d.session).expect("verify");
    assert!(check.problems.is_empty(), "entries out of time order still chain: {:?}", check.problems);
    let closed =
        d.engine.close_cash_shift(&d.session, &close("10x5,20x2,5x2", "", None, "c")).expect("close");
    assert_eq!(
        (closed.expected.minor, closed.difference.minor),
        (100_00, 0),
        "expected cash does not depend on the clock"
    );
    // A jump past midnight starts a new business day; the old one's report is unchanged.
    t.clock.jump(20 * 3_600_000);
    assert_eq!(d.engine.cash_status(&d.session).expect("status").day, "2026-11-23");
    assert_eq!(d.engine.cash_report(&d.session, "2026-11-22").expect("report").sales, 3);
    assert_eq!(d.engine.cash_report(&d.session, "").expect("report").sales, 0);
    let stats = d.stats().expect("stats after the jumps");
    assert!(stats.checked_in >= 3, "{stats:?}");
}

#[test]
fn a_past_days_report_anchors_each_drawer_where_that_day_left_it() {
    let t = priced_desk();
    let d = &t.desk;
    open(d, "10x5", "open").expect("open");
    d.engine
        .sell_ticket(&d.session, &sale("First Day", "Regular", pay("cash", "", "", ""), "s1"))
        .expect("sale");
    d.engine.close_cash_shift(&d.session, &close("10x5,20x1,5x1", "", None, "c1")).expect("close");
    let close_day =
        CloseDayRequest { day: String::new(), auth: Some(d.lead()), idempotency_key: "day".into() };
    let evening = d.engine.close_cash_day(&d.session, &close_day).expect("close the day");
    assert!(!evening.chains.is_empty(), "the day's report anchors the drawer's chain");

    // The next morning the drawer books on.
    t.clock.advance(24 * 3_600_000);
    open(d, "10x5", "open-2").expect("open the next day");
    d.engine
        .sell_ticket(&d.session, &sale("Second Day", "Regular", pay("cash", "", "", ""), "s2"))
        .expect("sale");

    let later = d.engine.cash_report(&d.session, &evening.day).expect("the first day's report again");
    assert_eq!(later.chains, evening.chains, "the anchor the paper of that evening shows");
    let replayed = d.engine.close_cash_day(&d.session, &close_day).expect("the close replayed");
    assert_eq!(replayed.chains, evening.chains);
    let today = d.engine.cash_report(&d.session, "").expect("today's report");
    assert!(
        today.chains.iter().zip(&evening.chains).all(|(now, then)| now.last_seq > then.last_seq),
        "today's report anchors today's entries: {:?} after {:?}",
        today.chains,
        evening.chains
    );
}
