//! Backups (issue 12): a verified, private copy on demand, the last twenty
//! kept, and a restore that refuses a bad file and keeps the database it
//! replaces.

use lanyard_api::dto::CheckInRequest;
use lanyard_api::{ErrorCode, KEPT_BACKUPS};
use lanyard_tests::{TestDesk, open_engine, parts};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn check_in(t: &TestDesk, id: i64, key: &str) {
    let request = CheckInRequest {
        typed: String::new(),
        chosen: Some(id),
        admit_owing: None,
        idempotency_key: key.into(),
    };
    t.desk.check_in(&request).expect("check in");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn a_backup_is_verified_private_and_restores_the_event_as_it_was() {
    let t = TestDesk::demo("Desk 1", "Anna");
    check_in(&t, 1, "before-backup");
    let report = t.desk.engine.backup(&t.desk.session, None).expect("back up");
    assert!(report.path.starts_with(t.dir.path().join("backups")), "beside the database: {report:?}");
    assert_eq!(mode(&report.path), 0o600, "the backup is readable by the user alone");
    assert_eq!(mode(report.path.parent().expect("folder")), 0o700, "in a folder only the user may enter");
    assert!(report.check.attendees > 0, "the verified copy holds the attendees: {report:?}");
    assert_eq!(lanyard_api::verify_backup(&report.path).expect("verifies again"), report.check);

    check_in(&t, 2, "after-backup");
    let before = t.desk.stats().expect("stats").checked_in;
    let install = t.install_file("Desk 1");
    let TestDesk { desk, clock, printer, path, dir } = t;
    drop(desk);
    let restored = lanyard_api::restore(&path, &report.path, clock.as_ref()).expect("restore");
    let aside = restored.kept_aside.expect("the replaced database is kept");
    assert!(aside.to_string_lossy().contains(".before-restore-"), "{}", aside.display());

    let desk = open_engine(&path, &install, "Desk 1", Some("Anna"), parts(&clock, printer.clone(), 5))
        .expect("the restored database opens");
    assert_eq!(desk.stats().expect("stats").checked_in, before - 1, "the check-in after the backup is gone");
    drop(desk);
    let old = open_engine(&aside, &install, "Desk 1", Some("Anna"), parts(&clock, printer, 6))
        .expect("the database kept aside opens");
    assert_eq!(old.stats().expect("stats").checked_in, before, "and still holds the later check-in");
    drop(dir);
}

#[test]
fn a_damaged_backup_is_refused_and_the_database_is_left_as_it_was() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let report = t.desk.engine.backup(&t.desk.session, None).expect("back up");
    let mut bytes = std::fs::read(&report.path).expect("read the backup");
    // A page in the middle of the file overwritten, as a failing stick would.
    let middle = (bytes.len() / 4096 / 2) * 4096;
    bytes[middle..middle + 4096].fill(0x5a);
    let damaged = t.dir.path().join("damaged.backup.db");
    std::fs::write(&damaged, &bytes).expect("write the damaged copy");
    let garbage = t.dir.path().join("garbage.backup.db");
    std::fs::write(&garbage, vec![7u8; 8192]).expect("write garbage");

    let TestDesk { desk, clock, path, dir, .. } = t;
    drop(desk);
    let original = std::fs::read(&path).expect("read the database");
    for (file, codes) in [
        (&damaged, [ErrorCode::DatabaseDamaged, ErrorCode::NotALanyardDatabase]),
        (&garbage, [ErrorCode::NotALanyardDatabase, ErrorCode::NotALanyardDatabase]),
    ] {
        let error = lanyard_api::restore(&path, file, clock.as_ref()).expect_err("refused");
        assert!(codes.contains(&error.code), "{file:?}: {error:?}");
        assert!(error.message.contains("not a usable backup"), "says why: {}", error.message);
    }
    assert_eq!(std::fs::read(&path).expect("read again"), original, "the database is untouched");
    let aside = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
    assert!(!aside, "nothing was moved aside for a refused restore");
}

#[test]
fn a_backup_folder_keeps_the_last_twenty() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let folder = t.dir.path().join("usb stick");
    let mut removed = Vec::new();
    for _ in 0..KEPT_BACKUPS + 2 {
        t.clock.advance(60_000);
        removed.extend(t.desk.engine.backup(&t.desk.session, Some(&folder)).expect("back up").removed);
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), KEPT_BACKUPS, "{names:?}");
    assert_eq!(removed.len(), 2, "the two oldest were removed: {removed:?}");
    let oldest_kept = names[0].as_str();
    assert!(
        removed.iter().all(|old| old.file_name().and_then(|f| f.to_str()).is_some_and(|f| f < oldest_kept)),
        "the removed ones are older than every one kept: {removed:?}"
    );
}

#[test]
fn restoring_the_database_onto_itself_or_a_file_of_another_application_is_refused() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let foreign = t.dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("create");
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');").expect("fill");
    }
    let TestDesk { desk, clock, path, .. } = t;
    drop(desk);
    let error = lanyard_api::restore(&path, &foreign, clock.as_ref()).expect_err("foreign file");
    assert_eq!(error.code, ErrorCode::NotALanyardDatabase, "{error:?}");
    let error = lanyard_api::restore(&path, &path, clock.as_ref()).expect_err("itself");
    assert_eq!(error.code, ErrorCode::InvalidInput, "{error:?}");
}

#[test]
fn a_restore_over_a_desk_that_crashed_keeps_its_log_with_the_database_kept_aside() {
    let t = TestDesk::demo("Desk 1", "Anna");
    check_in(&t, 1, "before-backup");
    let report = t.desk.engine.backup(&t.desk.session, None).expect("back up");
    check_in(&t, 2, "after-backup");
    let checked_in = t.desk.stats().expect("stats").checked_in;
    // The files as a desk killed now leaves them: the last check-in only in the log.
    let crashed = t.dir.path().join("crashed.db");
    std::fs::copy(&t.path, &crashed).expect("copy the database");
    let mut wal = t.path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::copy(&wal, t.dir.path().join("crashed.db-wal")).expect("copy its log");

    let restored = lanyard_api::restore(&crashed, &report.path, t.clock.as_ref()).expect("restore");
    let aside = restored.kept_aside.expect("kept aside");
    let mut aside_wal = aside.as_os_str().to_owned();
    aside_wal.push("-wal");
    assert!(Path::new(&aside_wal).exists(), "the log went with the database it belongs to");
    assert!(!t.dir.path().join("crashed.db-wal").exists(), "no old log is left beside the restored file");
    let install = t.install_file("Desk 2");
    let open = |path: &Path, seed| {
        open_engine(path, &install, "Desk 2", Some("Ben"), parts(&t.clock, t.printer.clone(), seed))
            .expect("opens")
    };
    assert_eq!(open(&crashed, 8).stats().expect("stats").checked_in, checked_in - 1, "the backup's state");
    assert_eq!(open(&aside, 9).stats().expect("stats").checked_in, checked_in, "nothing lost aside");
}

#[test]
fn a_backup_whose_cash_ledger_was_changed_is_refused() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let float =
        lanyard_api::dto::cash::OpenDrawerRequest { count: "20x5".into(), idempotency_key: "float".into() };
    t.desk.engine.open_cash_shift(&t.desk.session, &float).expect("open the drawer");
    let report = t.desk.engine.backup(&t.desk.session, None).expect("back up");
    assert_eq!(report.check.cash_entries, 1, "the float is in the verified copy: {report:?}");
    {
        let conn = rusqlite::Connection::open(&report.path).expect("open the backup");
        conn.execute_batch(
            "DROP TRIGGER cash_entry_no_update; UPDATE cash_entry SET amount_minor = 1 WHERE seq = 1;",
        )
        .expect("change the float's entry");
    }
    let error = lanyard_api::verify_backup(&report.path).expect_err("refused");
    assert_eq!(error.code, ErrorCode::DatabaseDamaged, "{error:?}");
    assert!(error.message.contains("cash ledger does not verify"), "{}", error.message);
}

#[test]
fn a_damaged_event_file_is_refused_at_open_and_points_to_the_latest_backup() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let report = t.desk.engine.backup(&t.desk.session, None).expect("back up");
    let TestDesk { desk, clock, path, dir, printer, .. } = t;
    drop(desk);
    let mut bytes = std::fs::read(&path).expect("read the database");
    let middle = (bytes.len() / 4096 / 2) * 4096;
    bytes[middle..middle + 4096].fill(0x5a);
    std::fs::write(&path, &bytes).expect("a page goes bad");
    let parts = lanyard_tests::parts(&clock, printer, 4);
    let error = lanyard_tests::open_engine(&path, &dir.path().join("Desk 1.toml"), "Desk 1", None, parts)
        .expect_err("a damaged file is refused");
    assert_eq!(error.code, ErrorCode::DatabaseDamaged, "{error:?}");
    assert!(
        error.message.contains(&report.path.display().to_string()),
        "points to the backup: {}",
        error.message
    );
    assert!(error.message.contains("lanyard restore"), "{}", error.message);
}

/// Waits until the desk's automatic backup has made `count` backups in all.
fn wait_for_backups(t: &TestDesk, folder: &std::path::Path, count: usize) -> lanyard_api::BackupStatus {
    let started = std::time::Instant::now();
    loop {
        let status = t.desk.engine.backup_status(&t.desk.session);
        let made = std::fs::read_dir(folder)
            .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".backup.db")).count())
            .unwrap_or(0);
        if made >= count && status.last_at.is_some() && status.error.is_none() {
            return status;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "no backup came: {status:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_desk_backs_itself_up_every_ten_minutes_of_changes_and_at_every_cash_close() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let folder = t.dir.path().join("usb-stick");
    let before = t.desk.engine.backup_status(&t.desk.session);
    assert!(!before.enabled && before.stale, "off until the host turns it on: {before:?}");
    t.desk.engine.enable_auto_backup(Some(&folder));
    // People who may be checked in: no money owed, ticket not cancelled.
    let person: Vec<_> = t
        .desk
        .search("a")
        .expect("search")
        .into_iter()
        .filter(|c| c.amount_due.is_none() && !c.cancelled)
        .collect();
    let check_in = |n: usize, key: &str| {
        let request = lanyard_api::dto::CheckInRequest {
            typed: person[n].badge_code.clone(),
            chosen: None,
            idempotency_key: key.into(),
            admit_owing: None,
        };
        t.desk.check_in(&request).expect("check in");
    };
    // The first change after the start: no backup yet, so one is made.
    check_in(0, "c0");
    let first = wait_for_backups(&t, &folder, 1);
    assert!(!first.stale && first.folder_present, "{first:?}");
    // Five minutes later another change: not due yet.
    t.clock.advance(5 * 60_000);
    check_in(1, "c1");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        t.desk.engine.backup_status(&t.desk.session).last_at,
        first.last_at,
        "not due after five minutes"
    );
    // Ten minutes after the first: due.
    t.clock.advance(5 * 60_000 + 1);
    check_in(2, "c2");
    let second = wait_for_backups(&t, &folder, 2);
    assert_ne!(second.last_at, first.last_at);
    // A cash close is always backed up.
    let lead = t.desk.lead();
    t.desk.engine.set_price(&t.desk.session, Some(&lead), "Regular", "10", false, "p").expect("price");
    let open =
        lanyard_api::dto::cash::OpenDrawerRequest { count: "10x1".into(), idempotency_key: "o".into() };
    t.desk.engine.open_cash_shift(&t.desk.session, &open).expect("open");
    t.clock.advance(60_000);
    let close = lanyard_api::dto::cash::CloseDrawerRequest {
        count: "10x1".into(),
        note: String::new(),
        auth: None,
        idempotency_key: "close".into(),
    };
    t.desk.engine.close_cash_shift(&t.desk.session, &close).expect("close");
    let third = wait_for_backups(&t, &folder, 3);
    assert!(
        lanyard_api::verify_backup(&folder.join(third.last_file.as_deref().expect("file")))
            .expect("verifies")
            .cash_entries
            >= 2
    );
    // Thirty minutes without a backup: the window is warned; a pulled stick too.
    t.clock.advance(31 * 60_000);
    assert!(t.desk.engine.backup_status(&t.desk.session).stale, "older than 30 minutes");
    std::fs::remove_dir_all(&folder).expect("the stick is pulled out");
    assert!(!t.desk.engine.backup_status(&t.desk.session).folder_present);
}

#[test]
fn a_lead_chooses_the_backup_folder_which_takes_a_backup_at_once_and_is_kept() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let lead = t.desk.lead();
    let stick = t.dir.path().join("usb").join("lanyard");
    let status =
        t.desk.engine.set_backup_folder(&t.desk.session, Some(&lead), Some(&stick), "f").expect("chosen");
    assert_eq!(status.folder, stick.display().to_string());
    let made: Vec<_> = std::fs::read_dir(&stick).expect("the folder was made").flatten().collect();
    assert_eq!(made.len(), 1, "a backup was written there at once: {made:?}");
    let relative =
        t.desk.engine.set_backup_folder(&t.desk.session, Some(&lead), Some(std::path::Path::new("usb")), "g");
    assert_eq!(relative.expect_err("a full path").code, ErrorCode::InvalidInput);
    // The choice is this installation's: a restart keeps it, and `lanyard backup` uses it.
    let again = t.reopen("Desk 1", Some("Anna"));
    assert_eq!(again.engine.backup_folder(), stick);
    let report = again.engine.backup(&again.session, None).expect("back up");
    assert!(report.path.starts_with(&stick), "{}", report.path.display());
}
