//! Leads and PINs: the first lead, undoing a check-in, the lock-out.

use lanyard_api::ErrorCode;
use lanyard_api::dto::{CheckInRequest, EditRequest, LeadAuth, PrinterChoice, UndoRequest};
use lanyard_tests::TestDesk;

fn auth(lead: &str, pin: &str) -> LeadAuth {
    LeadAuth::pin(lead, pin)
}

fn checked_in_jose(t: &mut TestDesk) -> i64 {
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    t.desk
        .check_in(&CheckInRequest {
            typed: jose.badge_code.clone(),
            chosen: None,
            idempotency_key: "k1".into(),
            admit_owing: None,
        })
        .expect("check in");
    jose.id
}

fn undo(id: i64, lead: &str, pin: &str, key: &str) -> UndoRequest {
    UndoRequest {
        attendee_id: id,
        reason: "scanned the wrong badge".into(),
        auth: auth(lead, pin),
        idempotency_key: key.into(),
    }
}

#[test]
fn the_first_lead_is_set_once_then_leads_add_leads_with_a_pin() {
    let t = TestDesk::demo("Desk 1", "Anna");
    assert!(!t.desk.info().expect("info").leads_configured);
    t.desk.create_first_lead("Priya", "246813").expect("first lead");
    assert!(t.desk.info().expect("info").leads_configured);
    let err = t.desk.create_first_lead("Mallory", "111111").expect_err("only once");
    assert_eq!(err.code, ErrorCode::LeadExists);
    let err = t.desk.add_lead(Some(&auth("Priya", "0000")), "Sam", "135702", "lk1").expect_err("wrong PIN");
    assert_eq!(err.code, ErrorCode::PinWrong);
    let leads =
        t.desk.add_lead(Some(&auth("Priya", "246813")), "Sam", "135702", "lk2").expect("add with the PIN");
    assert_eq!(leads.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["Priya", "Sam"]);
    assert_eq!(
        t.desk.unlock_settings(&auth("Sam", "0000")).expect_err("wrong PIN").code,
        ErrorCode::PinWrong
    );
    assert_eq!(
        t.desk.unlock_settings(&auth("Sam", "135702")).expect("the settings open with a PIN").leads.len(),
        2
    );
    let leads = t.desk.remove_lead(&auth("Sam", "135702"), "Priya", "rk3").expect("remove");
    assert_eq!(leads.len(), 1);
    let err = t.desk.remove_lead(&auth("Sam", "135702"), "Sam", "rk4").expect_err("the last lead stays");
    assert_eq!(err.code, ErrorCode::LastLead);
}

#[test]
fn pins_are_stored_only_as_argon2id_hashes() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.create_first_lead("Priya", "24681357").expect("first lead");
    let bytes = std::fs::read(&t.path).expect("read db");
    let wal = std::fs::read(t.path.with_extension("db-wal")).unwrap_or_default();
    let needle = b"24681357";
    let contains = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    assert!(!contains(&bytes) && !contains(&wal), "the PIN itself is never written");
    let lead = lanyard_tests::store(&t.path).read(|tx| tx.lead("Priya")).expect("read").expect("lead");
    assert!(lead.pin_hash.starts_with("$argon2id$"), "{}", lead.pin_hash);
}

#[test]
fn undo_needs_a_leads_pin_and_a_reason_and_is_logged() {
    let mut t = TestDesk::demo("Desk 1", "Anna");
    t.desk.create_first_lead("Priya", "246813").expect("first lead");
    let id = checked_in_jose(&mut t);

    let mut no_reason = undo(id, "Priya", "246813", "u0");
    no_reason.reason = "  ".into();
    assert_eq!(t.desk.undo_check_in(&no_reason).expect_err("no reason").code, ErrorCode::InvalidInput);
    assert_eq!(
        t.desk.undo_check_in(&undo(id, "Priya", "9999", "u1")).expect_err("wrong PIN").code,
        ErrorCode::PinWrong
    );
    assert_eq!(t.desk.info().expect("info").checked_in_count, 1, "a wrong PIN undoes nothing");

    let card = t.desk.undo_check_in(&undo(id, "Priya", "246813", "u2")).expect("undo");
    assert!(card.checked_in.is_none());
    assert_eq!(t.desk.info().expect("info").checked_in_count, 0);
    let again = t.desk.undo_check_in(&undo(id, "Priya", "246813", "u2")).expect("replay");
    assert_eq!(again, card, "a replayed key returns the first result");
    let err = t.desk.undo_check_in(&undo(id, "Priya", "246813", "u3")).expect_err("nothing to undo");
    assert_eq!(err.code, ErrorCode::NotCheckedIn);

    // José can be checked in again after the undo.
    t.desk
        .check_in(&CheckInRequest {
            typed: "jose nu".into(),
            chosen: Some(id),
            idempotency_key: "k2".into(),
            admit_owing: None,
        })
        .expect("second arrival after an undo");

    let store = lanyard_tests::store(&t.path);
    let log = store.read(|tx| tx.audit_log()).expect("audit");
    let entry = log.iter().find(|e| e.action == "undo_check_in").expect("the undo is audited");
    assert!(entry.fields_json.contains("Priya") && entry.fields_json.contains("scanned the wrong badge"));
}

#[test]
fn five_wrong_pins_lock_pin_entry_for_five_minutes() {
    let mut t = TestDesk::demo("Desk 1", "Anna");
    t.desk.create_first_lead("Priya", "246813").expect("first lead");
    let id = checked_in_jose(&mut t);
    for n in 0..5 {
        let err = t.desk.undo_check_in(&undo(id, "Priya", "0000", &format!("bad{n}"))).expect_err("wrong");
        assert_eq!(err.code, ErrorCode::PinWrong, "attempt {n}");
    }
    let err = t
        .desk
        .undo_check_in(&undo(id, "Priya", "246813", "right1"))
        .expect_err("locked even with the right PIN");
    assert_eq!(err.code, ErrorCode::PinLocked);
    assert!(err.message.contains("08:05"), "says until when (UTC): {}", err.message);

    // Another desk on the same event is locked too.
    let other = t.reopen("Desk 2", Some("Ben"));
    let err = other.undo_check_in(&undo(id, "Priya", "246813", "right2")).expect_err("locked everywhere");
    assert_eq!(err.code, ErrorCode::PinLocked);

    t.clock.advance(5 * 60 * 1000);
    t.desk.undo_check_in(&undo(id, "Priya", "246813", "right3")).expect("open again after five minutes");
    let attempts = lanyard_tests::store(&t.path).read(|tx| tx.recent_pin_attempts(10)).expect("read");
    assert_eq!(attempts.len(), 6, "every attempt is logged, the locked-out ones aside");
}

#[test]
fn replaying_a_settings_action_returns_the_first_result_and_changes_nothing() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.add_lead(None, "Priya", "246813", "first").expect("first lead");
    let first = t.desk.add_lead(Some(&auth("Priya", "246813")), "Sam", "135702", "add-sam").expect("add");
    let again = t
        .desk
        .add_lead(Some(&auth("Priya", "246813")), "Sam", "135702", "add-sam")
        .expect("a replay is not an error");
    assert_eq!(first, again);
    let log = lanyard_tests::store(&t.path).read(|tx| tx.audit_log()).expect("audit");
    assert_eq!(log.iter().filter(|e| e.action == "add_lead").count(), 1, "added once");
    let err = t.desk.remove_lead(&auth("Priya", "246813"), "Sam", "add-sam").expect_err("key reuse");
    assert_eq!(err.code, ErrorCode::InvalidInput, "a key used for another action is refused");
    assert_eq!(err.message, "this key was used for a different request");
}

#[test]
fn moving_the_clock_forward_does_not_end_a_lock_early() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.create_first_lead("Priya", "246813").expect("first lead");
    let id = t.desk.search("jose nu").expect("search")[0].id;
    t.desk
        .check_in(&CheckInRequest {
            typed: String::new(),
            chosen: Some(id),
            idempotency_key: "c".into(),
            admit_owing: None,
        })
        .expect("in");
    for n in 0..5 {
        t.desk.undo_check_in(&undo(id, "Priya", "000000", &format!("bad{n}"))).expect_err("wrong");
    }
    // Someone sets the desk's clock ten minutes ahead to get in early.
    t.clock.jump(10 * 60 * 1000);
    let err = t.desk.undo_check_in(&undo(id, "Priya", "246813", "early")).expect_err("still locked");
    assert_eq!(err.code, ErrorCode::PinLocked, "{}", err.message);
    // Five real minutes later it opens.
    t.clock.advance(5 * 60 * 1000);
    t.desk.undo_check_in(&undo(id, "Priya", "246813", "later")).expect("open after five real minutes");
}

#[test]
fn a_grant_from_the_settings_stands_in_for_the_pin_for_five_minutes_only() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.create_first_lead("Priya", "246813").expect("first lead");
    let grant = t.desk.unlock_settings(&auth("priya", "246813")).expect("unlock");
    assert_eq!((grant.lead.as_str(), grant.expires_at.as_str()), ("Priya", "2026-11-22T08:05:00.000Z"));
    let by_grant = LeadAuth { lead: String::new(), pin: String::new(), grant: Some(grant.grant.clone()) };
    let engine = &t.desk.engine;
    engine
        .set_printer(&t.desk.session, Some(&by_grant), &PrinterChoice::queue(Some("FrontLabel"), false), "p1")
        .expect("the grant allows it");
    t.clock.advance(5 * 60 * 1000);
    let err = engine
        .set_printer(&t.desk.session, Some(&by_grant), &PrinterChoice::queue(Some("SideLabel"), false), "p2")
        .expect_err("expired");
    assert_eq!(err.code, ErrorCode::LeadRequired);
    // A grant given back holds no more, and a made-up one never did.
    let again = t.desk.unlock_settings(&auth("Priya", "246813")).expect("unlock");
    engine.end_grant(&t.desk.session, &again.grant);
    let returned = LeadAuth { grant: Some(again.grant), ..LeadAuth::default() };
    assert!(
        engine
            .set_printer(&t.desk.session, Some(&returned), &PrinterChoice::queue(None, false), "p3")
            .is_err()
    );
    let forged = LeadAuth { grant: Some("00".repeat(16)), ..LeadAuth::default() };
    assert!(
        engine.set_printer(&t.desk.session, Some(&forged), &PrinterChoice::queue(None, false), "p4").is_err()
    );
}

#[test]
fn new_leads_choose_at_least_six_digits() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let err = t.desk.create_first_lead("Priya", "2468").expect_err("four digits");
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("pin")));
    assert!(err.message.contains("at least 6 digits"), "{}", err.message);
}

#[test]
fn a_lead_lets_in_someone_who_owes_and_corrects_the_ticket_and_the_amount() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.add_lead(None, "Élodie", "135790", "first").expect("first lead");
    let owing = lanyard_api::dto::WalkInRequest {
        amount_due: "25.00".into(),
        ..lanyard_tests::walk_in("Owes Money", "w")
    };
    let card = t.desk.register_walk_in(&owing).expect("walk-in").attendee;
    // The lead's name in another case, in any script.
    let elodie = LeadAuth::pin("ÉLODIE", "135790");
    t.desk
        .undo_check_in(&UndoRequest {
            attendee_id: card.id,
            reason: "test".into(),
            auth: elodie.clone(),
            idempotency_key: "u".into(),
        })
        .expect("a lead's name matches without regard to case");
    let mut request = CheckInRequest {
        typed: card.badge_code.clone(),
        chosen: None,
        idempotency_key: "c".into(),
        admit_owing: None,
    };
    let refused = t.desk.check_in(&request).expect_err("owes");
    assert_eq!(refused.code, ErrorCode::AmountDue);
    assert!(
        refused.message.contains("cash box") && refused.message.contains("lead"),
        "the way forward is named: {}",
        refused.message
    );
    request.idempotency_key = "c2".into();
    request.admit_owing = Some(elodie.clone());
    let admitted = t.desk.check_in(&request).expect("a lead lets them in");
    assert!(admitted.attendee.checked_in.is_some());
    assert_eq!(admitted.attendee.amount_due.as_ref().map(|m| m.minor), Some(2500), "they still owe");
    // The lead corrects the ticket type and waives what is owed.
    let edit = EditRequest {
        attendee_id: card.id,
        display_name: card.display_name.clone(),
        affiliation: card.affiliation.clone(),
        hometown: card.hometown.clone(),
        email: None,
        role: card.role.clone(),
        note: String::new(),
        ticket_type: Some("Student".into()),
        amount_due: Some("0".into()),
        idempotency_key: "e".into(),
        auth: Some(elodie),
    };
    let corrected = t.desk.edit_attendee(&edit).expect("corrected");
    assert_eq!((corrected.ticket_type.as_str(), corrected.amount_due), ("Student", None));
    let store = lanyard_tests::store(&t.path);
    let actions: Vec<String> =
        store.read(|tx| tx.audit_log()).expect("audit").into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"admit_owing".to_owned()), "{actions:?}");
}

#[test]
fn the_first_leads_request_sent_again_returns_its_first_answer() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let first = t.desk.create_first_lead("Priya", "246813").expect("the first lead");
    // The window sends the same request again (its answer was lost).
    let again = t.desk.create_first_lead("Priya", "246813").expect("a replay, not a second first lead");
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].name, first[0].name);
    // A new request without a lead's PIN is still refused.
    let other = t.desk.engine.add_lead(&t.desk.session, None, "Sam", "135792", "another-key");
    assert_eq!(other.expect_err("a lead's PIN is needed").code, ErrorCode::LeadExists);
}
