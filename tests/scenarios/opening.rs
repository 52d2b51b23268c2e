//! Opening an event database: the demo on first start, and refusals.

use lanyard_api::{ErrorCode, RecordingQueue};
use lanyard_tests::{OPENING, TestDesk};
use std::sync::Arc;

#[test]
fn first_start_creates_the_demo_event_once() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let info = t.desk.info().expect("info");
    assert!(info.attendee_count >= 300, "the demo has at least 300 attendees");
    assert_eq!(info.checked_in_count, 0);
    let desk = t.reopen("Desk 1", None);
    let created = desk.engine.create_demo_if_empty(&desk.session).expect("reopen");
    assert!(!created, "a database with an event is never refilled");
    assert_eq!(desk.info().expect("info").attendee_count, info.attendee_count);
    assert_eq!(desk.info().expect("info").desk_name, "Desk 1", "the desk name is remembered");
}

#[test]
fn creating_a_demo_over_an_event_is_refused() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let err = t.desk.create_demo(1, 10).expect_err("must refuse");
    assert_eq!(err.code, ErrorCode::EventExists);
    assert!(err.message.contains("nothing was changed"), "message: {}", err.message);
}

#[test]
fn a_file_that_is_not_lanyards_gets_a_clear_code_and_is_not_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("budget.xlsx");
    std::fs::write(&path, b"PK\x03\x04 this is a spreadsheet, not a database").expect("write");
    let clock = Arc::new(lanyard_core::FixedClock::new(OPENING));
    let parts = lanyard_tests::parts(&clock, Arc::new(RecordingQueue::new()), 1);
    let err = lanyard_tests::open_engine(&path, &dir.path().join("desk.toml"), "Desk 1", None, parts)
        .expect_err("must refuse");
    assert_eq!(err.code, ErrorCode::NotALanyardDatabase);
    assert!(err.message.contains("budget.xlsx"), "the message names the file: {}", err.message);
    assert_eq!(std::fs::read(&path).expect("read"), b"PK\x03\x04 this is a spreadsheet, not a database");
}

#[test]
fn desk_and_operator_names_are_validated() {
    let mut t = TestDesk::demo("Desk 1", "Anna");
    let err = t.desk.start_shift("   ", None, "s1").expect_err("empty operator");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.message, "operator name must not be empty");
    let info = t.desk.start_shift(" Sam ", Some("Main hall"), "s2").expect("valid shift");
    assert_eq!((info.operator.as_deref(), info.desk_name.as_str()), (Some("Sam"), "Main hall"));
}
