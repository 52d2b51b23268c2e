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

/// Makes a file unwritable for the test's duration: immutable for root (who
/// ignores permissions), read-only permissions otherwise; undone on drop.
struct Unwritable(std::path::PathBuf);

impl Unwritable {
    fn new(path: &std::path::Path) -> Unwritable {
        let root =
            std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if root {
            let status = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .expect("run chattr (e2fsprogs)");
            assert!(
                status.success(),
                "chattr +i {} failed: the test needs a filesystem with file attributes",
                path.display()
            );
        } else {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        }
        assert!(std::fs::OpenOptions::new().write(true).open(path).is_err(), "the file is now unwritable");
        Unwritable(path.to_owned())
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr").arg("-i").arg(&self.0).status();
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o600));
    }
}

#[test]
fn a_file_that_cannot_be_written_opens_read_only_with_a_plain_message() {
    let t = lanyard_tests::TestDesk::demo("Desk 1", "Anna");
    let person = t.desk.search("jose nu").expect("search").remove(0);
    let path = t.path.clone();
    let install = t.install_file("Desk 1");
    let clock = t.clock.clone();
    let printer = t.printer.clone();
    drop(t.desk);
    let _guard = Unwritable::new(&path);
    let desk = lanyard_tests::open_engine(
        &path,
        &install,
        "Desk 1",
        Some("Anna"),
        lanyard_tests::parts(&clock, printer, 5),
    )
    .expect("an unwritable event still opens");
    let info = desk.info().expect("info");
    assert!(info.read_only, "the header says read-only");
    assert!(info.attendee_count > 0);
    assert_eq!(desk.search("jose nu").expect("search still works").remove(0).id, person.id);
    let request = lanyard_api::dto::CheckInRequest {
        typed: person.badge_code.clone(),
        chosen: None,
        idempotency_key: "ro".into(),
        admit_owing: None,
    };
    let refused = desk.check_in(&request).expect_err("no check-in on a read-only event");
    assert_eq!(refused.code, lanyard_api::ErrorCode::ReadOnly);
    assert!(refused.message.starts_with("this event is open read-only"), "{}", refused.message);
    assert!(refused.message.contains("check-ins are disabled"), "{}", refused.message);
    let walk_in =
        desk.register_walk_in(&lanyard_tests::walk_in("Nobody New", "ro-w")).expect_err("no walk-in");
    assert_eq!(walk_in.code, lanyard_api::ErrorCode::ReadOnly, "{}", walk_in.message);
}
