//! Checking people in: by the chosen result, by scan, refusals and replays.

use lanyard_api::ErrorCode;
use lanyard_api::dto::{AttendeeCard, CheckInRequest};
use lanyard_tests::TestDesk;

fn first(t: &TestDesk, query: &str) -> AttendeeCard {
    t.desk.search(query).expect("search").into_iter().next().expect("someone matches")
}

fn request(typed: &str, chosen: Option<i64>, key: &str) -> CheckInRequest {
    CheckInRequest { typed: typed.into(), chosen, idempotency_key: key.into(), admit_owing: None }
}

#[test]
fn enter_on_the_chosen_result_checks_them_in() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = first(&t, "jose nu");
    let receipt = t.desk.check_in(&request("jose nu", Some(jose.id), "k1")).expect("check in");
    assert_eq!(receipt.attendee.display_name, "José Núñez");
    let arrival = receipt.attendee.checked_in.expect("the receipt carries the arrival");
    assert_eq!(
        (arrival.at.as_str(), arrival.desk.as_str(), arrival.operator.as_str()),
        ("2026-11-22T08:00:00.000Z", "Desk 1", "Anna")
    );
    assert!(!receipt.replayed);
    assert_eq!(t.desk.info().expect("info").checked_in_count, 1);
}

#[test]
fn second_scan_reports_first_arrival() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = first(&t, "jose nu");
    t.desk.check_in(&request(&jose.badge_code, None, "k1")).expect("first scan");

    // Twenty minutes later, at another desk, another volunteer scans again.
    t.clock.advance(20 * 60 * 1000);
    let other = t.reopen("Desk 2", Some("Ben"));
    let err = other.check_in(&request(&jose.badge_code, None, "k2")).expect_err("second scan is refused");
    assert_eq!(err.code, ErrorCode::AlreadyCheckedIn);
    let prior = err.prior_check_in.expect("the refusal says when, where and by whom");
    assert_eq!(
        (prior.at.as_str(), prior.desk.as_str(), prior.operator.as_str()),
        ("2026-11-22T08:00:00.000Z", "Desk 1", "Anna")
    );
    assert_eq!(err.message, "José Núñez is already checked in: at 2026-11-22 08:00 (UTC) at Desk 1 by Anna");
}

#[test]
fn a_scanned_code_wins_over_a_stale_choice() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = first(&t, "jose nu");
    let jurgen = first(&t, "muller");
    // The list still shows José chosen while the scanner types Jürgen's code.
    let receipt = t.desk.check_in(&request(&jurgen.badge_code, Some(jose.id), "k1")).expect("scan");
    assert_eq!(receipt.attendee.id, jurgen.id);
}

#[test]
fn an_unknown_code_is_refused_by_name() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let err = t.desk.check_in(&request("ZZZZZZZZZZ", None, "k1")).expect_err("unknown");
    assert_eq!(err.code, ErrorCode::UnknownCode);
    assert!(err.message.contains("ZZZZZZZZZZ"), "message: {}", err.message);
    let err = t.desk.check_in(&request("qqqxxz", None, "k2")).expect_err("nothing chosen");
    assert_eq!(err.code, ErrorCode::UnknownCode);
    assert_eq!(err.message, "nobody matches \"qqqxxz\": check the spelling or scan the badge");
    let err = t.desk.check_in(&request("nobody", Some(999_999), "k3")).expect_err("unknown id");
    assert_eq!(err.code, ErrorCode::UnknownAttendee);
}

#[test]
fn replaying_a_key_returns_the_first_receipt_and_changes_nothing() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = first(&t, "jose nu");
    let once = t.desk.check_in(&request(&jose.badge_code, None, "same-key")).expect("first");
    t.clock.advance(5_000);
    let again =
        t.desk.check_in(&request(&jose.badge_code, None, "same-key")).expect("replay is not an error");
    assert!(again.replayed);
    assert_eq!(again.attendee, once.attendee, "the replay returns the first result");
    assert_eq!(t.desk.info().expect("info").checked_in_count, 1);
    let log = lanyard_tests::store(&t.path).read(|tx| tx.audit_log()).expect("audit");
    assert_eq!(log.iter().filter(|e| e.action == "check_in").count(), 1, "one check-in, logged once");
}

#[test]
fn no_check_in_before_a_volunteer_starts_a_shift() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let nobody = t.reopen("Desk 3", None);
    let jose = first(&t, "jose nu");
    let err = nobody.check_in(&request(&jose.badge_code, None, "k1")).expect_err("no operator");
    assert_eq!(err.code, ErrorCode::NoOperator);
}

#[test]
fn a_confirmed_check_in_survives_a_restart_and_is_audited() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let ming = first(&t, "小明");
    t.desk.check_in(&request("小明", Some(ming.id), "k1")).expect("check in");
    let after = t.reopen("Desk 1", None);
    drop(t.desk);
    let path = t.path.clone();
    let card = after.search("小明").expect("search").into_iter().find(|c| c.id == ming.id).expect("found");
    assert_eq!(card.checked_in.map(|c| c.operator), Some("Anna".into()));

    let log = lanyard_tests::store(&path).read(|tx| tx.audit_log()).expect("audit");
    let entry = log.iter().find(|e| e.action == "check_in").expect("the check-in is in the audit log");
    assert_eq!((entry.desk.as_str(), entry.operator.as_str()), ("Desk 1", "Anna"));
    assert_eq!(
        entry.typed,
        Some(lanyard_core::AuditAction::CheckIn { attendee: lanyard_core::AttendeeId(ming.id) })
    );
}

/// Finds a demo attendee matching `pick` by reading the store directly.
fn demo_attendee(t: &TestDesk, pick: impl Fn(&lanyard_core::NewAttendee) -> bool) -> lanyard_core::Attendee {
    let store = lanyard_tests::store(&t.path);
    let all = store.read(|tx| tx.all_attendees()).expect("read");
    all.into_iter().find(|a| pick(&a.details)).expect("the demo has such an attendee")
}

#[test]
fn a_cancelled_ticket_is_refused_with_its_own_code() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let cancelled = demo_attendee(&t, |a| a.status == lanyard_core::TicketStatus::Cancelled);
    let code = cancelled.details.badge_code.to_string();
    let err = t.desk.check_in(&request(&code, None, "k1")).expect_err("cancelled");
    assert_eq!(err.code, ErrorCode::TicketCancelled);
    assert!(err.message.contains("cancelled"), "message: {}", err.message);
    assert_eq!(t.desk.info().expect("info").checked_in_count, 0, "nothing was recorded");
}

#[test]
fn money_due_is_refused_saying_how_much() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let owes = demo_attendee(&t, |a| a.amount_due_cents > 0 && a.status == lanyard_core::TicketStatus::Valid);
    let code = owes.details.badge_code.to_string();
    let card = t.desk.search(&code).expect("search").remove(0);
    assert_eq!(
        card.amount_due.as_ref().map(|m| (m.minor, m.currency.as_str())),
        Some((2500, "EUR")),
        "the result shows what is owed"
    );
    let err = t.desk.check_in(&request(&code, None, "k1")).expect_err("money due");
    assert_eq!(err.code, ErrorCode::AmountDue);
    assert!(err.message.contains("still owes 25.00 EUR"), "message: {}", err.message);
}
