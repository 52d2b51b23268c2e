//! The desk engine (issue 7): many callers on one event at once, the one
//! write path, stored shifts, the change feed across processes, and ids
//! that never collide between desks.

use lanyard_api::dto::{CheckInRequest, ImportRequest, LeadAuth, MappingRule, UndoRequest};
use lanyard_api::{Engine, ErrorCode};
use lanyard_tests::TestDesk;
use std::collections::HashSet;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A CSV of `count` people named "Person N Surname", mapped by hand.
fn people_csv(count: usize, surname: &str) -> Vec<u8> {
    let mut csv = String::from("Name,Email,Ticket\n");
    for n in 0..count {
        csv.push_str(&format!("Person{n} {surname},p{n}.{surname}@example.org,Conference\n"));
    }
    csv.into_bytes()
}

fn mapped_import(file: &str, key: &str) -> ImportRequest {
    let map = |field: &str, column: &str| MappingRule {
        field: field.into(),
        column: Some(column.into()),
        fixed: None,
    };
    ImportRequest {
        file_name: file.into(),
        preset: None,
        mapping: Some(vec![map("display_name", "Name"), map("email", "Email"), map("ticket_type", "Ticket")]),
        dry_run: false,
        skip_problem_rows: false,
        idempotency_key: key.into(),
        auth: Some(lanyard_tests::test_lead()),
    }
}

#[test]
fn a_search_returns_while_an_import_holds_its_transaction_open() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let engine = t.desk.engine.clone();
    let session = t.desk.session.clone();
    let (ask, asked) = mpsc::channel::<()>();
    let (answer, answered) = mpsc::channel::<usize>();
    // A second caller (another window, the sync) searching on its own thread.
    let searcher = std::thread::spawn(move || {
        for () in asked {
            let found = engine.search(&session, "jose nu").expect("search during the import").len();
            if answer.send(found).is_err() {
                return;
            }
        }
    });
    t.desk.lead();
    let bytes = people_csv(5_000, "Importson");
    let mut during = Vec::new();
    let mut progress = |done: usize, _total: usize| {
        // Called inside the import's write transaction: the import waits here
        // until the search on the other thread has answered.
        if done > 0 && during.is_empty() {
            ask.send(()).expect("ask");
            during.push(
                answered
                    .recv_timeout(Duration::from_secs(10))
                    .expect("a search must not wait for the import"),
            );
        }
    };
    let report = t.desk.import(&bytes, &mapped_import("big.csv", "imp"), &mut progress).expect("import");

    drop(ask);
    searcher.join().expect("searcher");
    assert_eq!(report.new, 5_000);
    assert_eq!(during, [1], "the search answered (José) while the import's transaction was open");
    assert_eq!(
        t.desk.search("importson person4999").expect("search").len(),
        1,
        "the index took the import in"
    );
}

/// A CSV of `count` people whose e-mail addresses do not depend on their
/// names, so that a second file renames the same people.
fn named_people_csv(count: usize, surname: &str) -> Vec<u8> {
    let mut csv = String::from("Name,Email,Ticket\n");
    for n in 0..count {
        csv.push_str(&format!("Person{n} {surname},person{n}@example.org,Conference\n"));
    }
    csv.into_bytes()
}

/// Attendee ids found for each query, in order.
fn found_ids(desk: &lanyard_tests::Desk, queries: &[&str]) -> Vec<Vec<i64>> {
    queries.iter().map(|q| desk.search(q).expect("search").iter().map(|c| c.id).collect()).collect()
}

#[test]
fn a_large_import_builds_while_it_writes_the_index_a_fresh_start_would_build() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.lead();
    // Another desk on the same file registers a walk-in that this desk's
    // index has not taken in yet when its import begins.
    let desk_2 = t.reopen("Desk 2", Some("Ben"));
    desk_2.register_walk_in(&lanyard_tests::walk_in("Zebedee Walkinson", "w1")).expect("walk-in on desk 2");

    let first =
        t.desk.import(&named_people_csv(3_000, "Importson"), &mapped_import("a.csv", "i1"), &mut |_, _| {});
    assert_eq!(first.expect("first import").new, 3_000);
    // The same people again under other names: 3,000 updates, one step each.
    let renamed =
        t.desk.import(&named_people_csv(3_000, "Renamedson"), &mapped_import("b.csv", "i2"), &mut |_, _| {});
    assert_eq!(renamed.expect("second import").updated, 3_000);
    desk_2.register_walk_in(&lanyard_tests::walk_in("Yolanda Afterson", "w2")).expect("walk-in after");
    t.desk.engine.refresh().expect("follow the feed");

    assert!(t.desk.search("importson").expect("search").is_empty(), "the old names are gone");
    assert_eq!(t.desk.search("person2999 renamedson").expect("search").len(), 1);
    assert_eq!(
        t.desk.search("zebedee walkinson").expect("search").len(),
        1,
        "a change made before the import"
    );
    assert_eq!(t.desk.search("yolanda afterson").expect("search").len(), 1, "a change made after it");
    let queries =
        ["renamedson", "person1", "person29", "person2999", "jose nu", "a", "m", "zebedee", "yolanda"];
    let fresh = t.reopen("Desk 3", Some("Cleo"));
    assert_eq!(
        found_ids(&t.desk, &queries),
        found_ids(&fresh, &queries),
        "the index built during the import answers as one built from the file"
    );
}

#[test]
fn a_key_reused_for_a_different_request_is_refused_and_changes_nothing() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    let zoe = t.desk.search("zoe").expect("search").remove(0);
    let first = CheckInRequest {
        typed: String::new(),
        chosen: Some(jose.id),
        idempotency_key: "k".into(),
        admit_owing: None,
    };
    t.desk.check_in(&first).expect("check in José");
    let other = CheckInRequest {
        typed: String::new(),
        chosen: Some(zoe.id),
        idempotency_key: "k".into(),
        admit_owing: None,
    };
    let err = t.desk.check_in(&other).expect_err("same key, another person");
    assert_eq!(
        (err.code, err.message.as_str()),
        (ErrorCode::InvalidInput, "this key was used for a different request")
    );
    assert_eq!(err.field.as_deref(), Some("idempotency_key"));
    assert!(t.desk.search("zoe").expect("search")[0].checked_in.is_none(), "Zoë was not checked in");
    let replay = t.desk.check_in(&first).expect("the same request again");
    assert!(replay.replayed && replay.attendee.id == jose.id);
}

#[test]
fn a_replay_returns_the_first_result_without_asking_for_the_pin_again() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.create_first_lead("Priya", "246813").expect("lead");
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    let check_in = CheckInRequest {
        typed: jose.badge_code.clone(),
        chosen: None,
        idempotency_key: "c1".into(),
        admit_owing: None,
    };
    t.desk.check_in(&check_in).expect("check in");
    let undo = |pin: &str| UndoRequest {
        attendee_id: jose.id,
        reason: "wrong person".into(),
        auth: LeadAuth::pin("Priya", pin),
        idempotency_key: "u1".into(),
    };
    let first = t.desk.undo_check_in(&undo("246813")).expect("undo with the PIN");
    let attempts =
        || lanyard_tests::store(&t.path).read(|tx| tx.recent_pin_attempts(100)).expect("attempts").len();
    let before = attempts();
    // The window retries after a timeout; the lead has walked away, and the
    // retry carries whatever the PIN field held.
    let again = t.desk.undo_check_in(&undo("")).expect("a replay needs no PIN");
    assert_eq!(again, first);
    assert_eq!(attempts(), before, "no PIN was checked (or counted) for the replay");
}

#[test]
fn a_restart_resumes_the_open_shift_and_its_check_ins_carry_it() {
    let mut t = TestDesk::demo("Desk 1", "Anna");
    let info = t.desk.start_shift("Robin", None, "shift-1").expect("start");
    assert_eq!(info.operator.as_deref(), Some("Robin"));
    let shift = t.desk.session.shift().cloned().expect("a stored shift");
    assert_eq!(info.shift_opened_at.as_deref(), Some("2026-11-22T08:00:00.000Z"));

    // The window is closed and opened again: nobody types a name.
    let after = t.reopen("Desk 1", None);
    assert_eq!(after.session.operator(), Some("Robin"));
    assert_eq!(after.session.shift(), Some(&shift));
    let jose = after.search("jose nu").expect("search").remove(0);
    let request = CheckInRequest {
        typed: jose.badge_code.clone(),
        chosen: None,
        idempotency_key: "c".into(),
        admit_owing: None,
    };
    let receipt = after.check_in(&request).expect("check in after the restart");
    assert_eq!(receipt.attendee.checked_in.map(|c| c.operator), Some("Robin".into()));

    // Another laptop has no open shift of its own.
    let other = t.reopen("Desk 2", None);
    assert_eq!(other.session.operator(), None);

    // Ending the shift closes it for good: the next start asks for a name.
    let mut after = after;
    after.end_shift("end-1").expect("end");
    assert_eq!(t.reopen("Desk 1", None).session.operator(), None);
    let log = lanyard_tests::store(&t.path).read(|tx| tx.audit_log()).expect("audit");
    let actions: Vec<&str> =
        log.iter().map(|e| e.action.as_str()).filter(|a| a.ends_with("_shift")).collect();
    assert_eq!(actions, ["open_shift", "close_shift"]);
}

#[test]
fn the_command_line_imports_while_a_desk_is_open_and_the_desk_finds_them_within_a_second() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = heard.clone();
    t.desk.engine.on_change(Box::new(move |notice| log.lock().expect("log").push(notice.clone())));
    Engine::follow_changes(&t.desk.engine, Duration::from_millis(100));
    t.desk.lead();
    let csv = t.dir.path().join("walkups.csv");
    std::fs::write(&csv, people_csv(100, "Clitown")).expect("write csv");

    let status = std::process::Command::new(crate::cli::lanyard_binary())
        .args(["--db"])
        .arg(&t.path)
        .arg("--config")
        .arg(t.install_file("CLI"))
        .args(["--lead", lanyard_tests::TEST_LEAD, "import"])
        .env("LANYARD_PIN", lanyard_tests::TEST_LEAD_PIN)
        .arg(&csv)
        .args(["--map", "display_name=Name", "--map", "email=Email", "--map", "ticket_type=Ticket"])
        .status()
        .expect("run lanyard import");
    assert!(status.success(), "the command line imported");

    let imported_at = Instant::now();
    while t.desk.search("clitown person42").expect("search").is_empty() {
        assert!(
            imported_at.elapsed() < Duration::from_secs(1),
            "the desk found the new people within a second"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(t.desk.search("clitown").expect("search").len(), lanyard_api::SEARCH_LIMIT);
    assert!(heard.lock().expect("log").iter().any(|n| n.attendees), "the window heard of the change");
}

#[test]
fn ids_and_badge_codes_made_by_two_desks_never_collide() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let copy = t.dir.path().join("copy.db");
    std::fs::copy(&t.path, &copy).expect("copy the event file to the second laptop");
    let install_2 = t.dir.path().join("laptop-2.toml");
    let parts = lanyard_tests::parts(&t.clock, t.printer.clone(), 0x000D_35C2);
    let desk_2 =
        lanyard_tests::open_engine(&copy, &install_2, "Desk 2", Some("Ben"), parts).expect("second desk");

    let walk_in = |n: usize| lanyard_tests::walk_in(&format!("Walk In {n}"), &format!("w{n}"));
    let mut codes = HashSet::new();
    for n in 0..200 {
        codes.insert(t.desk.register_walk_in(&walk_in(n)).expect("desk 1").attendee.badge_code);
        codes.insert(desk_2.register_walk_in(&walk_in(n)).expect("desk 2").attendee.badge_code);
    }
    assert_eq!(codes.len(), 400, "no badge code was made twice");
    let prefixes: HashSet<&str> = codes.iter().map(|c| &c[..3]).collect();
    assert_eq!(prefixes.len(), 2, "each desk's codes carry its own prefix: {prefixes:?}");

    let (a, b) = (row_uids(&t.path), row_uids(&copy));
    let shared: HashSet<&String> =
        a.iter().collect::<HashSet<_>>().intersection(&b.iter().collect()).copied().collect();
    // The copied demo rows are the same rows; everything made after the copy differs.
    let made_1: HashSet<&String> = a.iter().filter(|u| !shared.contains(u)).collect();
    let made_2: HashSet<&String> = b.iter().filter(|u| !shared.contains(u)).collect();
    assert!(
        made_1.len() >= 400 && made_2.len() >= 400,
        "each desk made its own rows: {} and {}",
        made_1.len(),
        made_2.len()
    );
    assert!(made_1.is_disjoint(&made_2));
    assert!(a.iter().chain(&b).all(|u| lanyard_core::Uid::parse(u).is_ok()), "every row has a UUID");
}

/// The uids of every attendee and check-in in a database file.
fn row_uids(path: &std::path::Path) -> Vec<String> {
    let store = lanyard_tests::store(path);
    store.read(|tx| tx.row_uids()).expect("uids")
}

#[test]
fn two_desks_on_copies_of_one_event_keep_their_own_printers() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let copy = t.dir.path().join("copy.db");
    std::fs::copy(&t.path, &copy).expect("copy");
    let parts = lanyard_tests::parts(&t.clock, t.printer.clone(), 77);
    let desk_2 =
        lanyard_tests::open_engine(&copy, &t.dir.path().join("laptop-2.toml"), "Desk 2", Some("Ben"), parts)
            .expect("open");
    t.desk.set_printer(Some("FrontLabel"), 1.5, 0.0, true, "p1").expect("desk 1 printer");
    desk_2.set_printer(Some("SideLabel"), 0.0, -2.0, false, "p2").expect("desk 2 printer");
    let (s1, s2) = (t.desk.badge_settings().expect("1"), desk_2.badge_settings().expect("2"));
    assert_eq!((s1.printer.as_deref(), s1.offset_x_mm, s1.auto_print), (Some("FrontLabel"), 1.5, true));
    assert_eq!((s2.printer.as_deref(), s2.offset_y_mm, s2.auto_print), (Some("SideLabel"), -2.0, false));
    // Desk 1 opening desk 2's copy of the event still prints to its own printer.
    let parts = lanyard_tests::parts(&t.clock, t.printer.clone(), 78);
    let moved = lanyard_tests::open_engine(&copy, &t.install_file("Desk 1"), "Desk 1", Some("Anna"), parts)
        .expect("open");
    assert_eq!(moved.badge_settings().expect("settings").printer.as_deref(), Some("FrontLabel"));
    // The installation file is the user's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.install_file("Desk 1")).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn auto_print_is_decided_by_the_check_in_itself() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.set_printer(Some("FrontLabel"), 0.0, 0.0, true, "p").expect("auto-print on");
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    let request = CheckInRequest {
        typed: jose.badge_code.clone(),
        chosen: None,
        idempotency_key: "c".into(),
        admit_owing: None,
    };
    let receipt = t.desk.check_in(&request).expect("check in");
    let printed = receipt.auto_print.expect("the receipt says how printing went");
    assert_eq!((printed.printer.as_deref(), printed.error), (Some("FrontLabel"), None));
    let jobs = t.printer.jobs();
    assert_eq!(jobs.len(), 1, "one badge sent");
    assert_eq!(jobs[0].title, "Lanyard badge", "no name or code in the job title");
    assert!(jobs[0].pdf_head.starts_with(b"%PDF"));
    // A replay of the check-in prints nothing more.
    assert!(t.desk.check_in(&request).expect("replay").replayed);
    assert_eq!(t.printer.jobs().len(), 1);
}

#[test]
fn a_database_from_before_the_engine_gives_its_desk_settings_to_the_installation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        // A file as builds before schema 6 left it: migrations 1 to 5, and
        // this desk's name and printer kept in the event file.
        let conn = rusqlite::Connection::open(&path).expect("create");
        for (version, sql) in &lanyard_store::MIGRATIONS[..5] {
            conn.execute_batch(sql).expect("old migration");
            conn.pragma_update(None, "user_version", version).expect("version");
        }
        conn.execute_batch(
            "INSERT INTO event (id, name, currency, created_at) VALUES (1, 'Old Conf', 'EUR', '2026-01-01T00:00:00.000Z');
             INSERT INTO setting (key, value) VALUES ('desk_name', 'Side door'), ('printer', 'OldLabel'),
                 ('printer_offset_x_mm', '1.5'), ('auto_print', 'true');",
        )
        .expect("old settings");
    }
    let clock = std::sync::Arc::new(lanyard_core::FixedClock::new(lanyard_tests::OPENING));
    let parts = lanyard_tests::parts(&clock, std::sync::Arc::new(lanyard_api::RecordingQueue::new()), 3);
    let install = dir.path().join("desk.toml");
    let options = lanyard_api::EngineOptions {
        database: path.clone(),
        installation: install.clone(),
        desk_name: None,
        create: false,
    };
    let engine = Engine::open(&options, parts).expect("the old file opens and migrates");
    let session = engine.open_session(Some("Anna"), lanyard_api::Mode::Desk).expect("session");
    assert_eq!(session.desk_name(), "Side door");
    let settings = engine.badge_settings(&session).expect("settings");
    assert_eq!(
        (settings.printer.as_deref(), settings.offset_x_mm, settings.auto_print),
        (Some("OldLabel"), 1.5, true)
    );
    let text = std::fs::read_to_string(&install).expect("the installation file was written");
    assert!(text.contains("OldLabel") && text.contains("Side door"), "{text}");
}

#[test]
fn a_listener_that_panics_does_not_break_the_desk() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.engine.on_change(Box::new(|_| panic!("a window that went wrong")));
    for (query, key) in [("jose nu", "c1"), ("zoe", "c2")] {
        let id = t.desk.search(query).expect("search")[0].id;
        let request = CheckInRequest {
            typed: String::new(),
            chosen: Some(id),
            idempotency_key: key.into(),
            admit_owing: None,
        };
        t.desk.check_in(&request).expect("the check-in still succeeds");
    }
    assert_eq!(t.desk.info().expect("info").checked_in_count, 2);
}

#[test]
fn a_chosen_result_wins_over_typed_text_that_equals_someones_ticket_secret() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("pretix.csv", false, "i1").expect("import");
    let maria = t.desk.search("maria").expect("search").remove(0);
    // The volunteer typed something that happens to be José's ticket secret
    // and chose María in the list: María is checked in, not José.
    let request = CheckInRequest {
        typed: "s3cr3tjose0001".into(),
        chosen: Some(maria.id),
        idempotency_key: "c".into(),
        admit_owing: None,
    };
    let receipt = t.desk.check_in(&request).expect("check in");
    assert_eq!(receipt.attendee.id, maria.id);
    // With nothing chosen, the secret scans as José's ticket.
    let scan = CheckInRequest {
        typed: "s3cr3tjose0001".into(),
        chosen: None,
        idempotency_key: "s".into(),
        admit_owing: None,
    };
    assert_eq!(t.desk.check_in(&scan).expect("scan").attendee.display_name, "José Núñez");
}

#[test]
fn remembered_results_keep_ids_not_the_person_and_a_replay_reads_them_back() {
    let t = lanyard_tests::TestDesk::demo("Desk 1", "Anna");
    let person = t.desk.search("jose nu").expect("search").remove(0);
    let request = lanyard_api::dto::CheckInRequest {
        typed: person.badge_code.clone(),
        chosen: None,
        idempotency_key: "remember-me".into(),
        admit_owing: None,
    };
    let first = t.desk.check_in(&request).expect("check in");
    let walk_in =
        t.desk.register_walk_in(&lanyard_tests::walk_in("Zeynep Kaya", "w-remember")).expect("walk-in");
    let conn = rusqlite::Connection::open(&t.path).expect("open");
    let stored: Vec<String> = conn
        .prepare("SELECT result_json FROM idempotency WHERE key IN ('remember-me', 'w-remember')")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(stored.len(), 2);
    for json in &stored {
        for secret in [
            person.display_name.as_str(),
            person.badge_code.as_str(),
            person.affiliation.as_str(),
            "Zeynep",
            &walk_in.attendee.badge_code,
        ] {
            assert!(secret.is_empty() || !json.contains(secret), "{secret:?} is not kept in {json}");
        }
        assert!(json.contains("attendee_card_id"), "{json}");
    }
    let again = t.desk.check_in(&request).expect("replay");
    assert!(again.replayed);
    assert_eq!(again.attendee.display_name, first.attendee.display_name, "the card is read back");
    assert_eq!(again.attendee.badge_code, person.badge_code);
}
