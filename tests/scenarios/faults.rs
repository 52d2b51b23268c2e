//! Faults of the disk and of other programs (issue 12): each gives a plain
//! message, books nothing partial, keeps search working, and recovers by
//! itself when the fault goes away. The disk-full story needs a small
//! filesystem, which only root can mount: elsewhere it says so and passes.

use lanyard_api::ErrorCode;
use lanyard_api::dto::{BadgeFilter, CheckInRequest, ImportRequest, LeadAuth};
use lanyard_tests::TestDesk;
use std::path::{Path, PathBuf};
use std::process::Command;

fn check_in(code: &str, key: &str) -> CheckInRequest {
    CheckInRequest { typed: code.into(), chosen: None, idempotency_key: key.into(), admit_owing: None }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn another_program_holding_the_write_lock_is_named_and_the_retry_goes_through() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let person = t.desk.search("jose nu").expect("search").remove(0);
    let other = rusqlite::Connection::open(&t.path).expect("another program");
    other.execute_batch("BEGIN IMMEDIATE").expect("it takes the write lock");
    let refused = t.desk.check_in(&check_in(&person.badge_code, "c1")).expect_err("the lock is held");
    assert_eq!(refused.code, ErrorCode::Busy, "{}", refused.message);
    assert!(
        refused.message.contains("another program") && refused.message.contains("nothing was saved"),
        "{}",
        refused.message
    );
    assert!(!t.desk.search("jose nu").expect("search still works").is_empty());
    other.execute_batch("ROLLBACK").expect("it lets go");
    let done = t.desk.check_in(&check_in(&person.badge_code, "c1")).expect("the same key goes through now");
    assert!(done.attendee.checked_in.is_some());
}

#[test]
fn an_event_file_moved_away_is_named_and_nothing_is_written_until_it_is_back() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let person = t.desk.search("jose nu").expect("search").remove(0);
    let away = t.dir.path().join("elsewhere.db");
    std::fs::rename(&t.path, &away).expect("the USB stick is pulled (the file moves away)");
    let refused = t.desk.check_in(&check_in(&person.badge_code, "c1")).expect_err("the file is gone");
    assert_eq!(refused.code, ErrorCode::Storage);
    assert!(
        refused.message.contains("is gone") && refused.message.contains("nothing was saved"),
        "{}",
        refused.message
    );
    assert!(!t.desk.search("jose nu").expect("search still works").is_empty());
    std::fs::rename(&away, &t.path).expect("put back");
    t.desk.check_in(&check_in(&person.badge_code, "c1")).expect("it goes through once the file is back");
}

/// Makes files immutable while alive (root only; undone on drop).
struct Immutable(Vec<PathBuf>);

impl Drop for Immutable {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = Command::new("chattr").arg("-i").arg(p).status();
        }
    }
}

#[test]
fn an_event_file_that_becomes_unwritable_refuses_plainly_and_recovers() {
    if !is_root() {
        eprintln!("skipped: making a live file unwritable needs root (chattr +i)");
        return;
    }
    let t = TestDesk::demo("Desk 1", "Anna");
    let person = t.desk.search("jose nu").expect("search").remove(0);
    let files: Vec<PathBuf> = ["", "-wal"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", t.path.display())))
        .filter(|p| p.exists())
        .collect();
    for f in &files {
        assert!(Command::new("chattr").arg("+i").arg(f).status().expect("chattr").success());
    }
    let guard = Immutable(files);
    let refused = t.desk.check_in(&check_in(&person.badge_code, "c1")).expect_err("cannot write");
    assert!(matches!(refused.code, ErrorCode::Storage | ErrorCode::ReadOnly), "{:?}", refused.code);
    assert!(refused.message.contains("nothing was saved"), "{}", refused.message);
    assert!(
        !refused.message.contains("disk I/O error") || refused.message.contains("check the disk"),
        "{}",
        refused.message
    );
    assert!(!t.desk.search("jose nu").expect("search still works").is_empty());
    drop(guard);
    t.desk
        .check_in(&check_in(&person.badge_code, "c1"))
        .expect("it goes through once the file can be written");
}

/// A small filesystem mounted for the test (root only), unmounted on drop.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(at).expect("mount point");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(at)
            .status();
        assert!(ok.is_ok_and(|s| s.success()), "mount a {size} tmpfs at {}", at.display());
        SmallDisk(at.to_owned())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the disk holding `dir` with a file of its own, leaving `room` bytes.
fn fill(dir: &Path, room: u64) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    for _ in 0..64 {
        if f.write_all(&[0u8; 512]).is_err() {
            break;
        }
    }
    let _ = f.sync_all();
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    f.set_len(len.saturating_sub(room)).expect("make a little room");
    filler
}

/// A progress callback that fills the disk holding `dir` (into `filler`)
/// once the work is half done.
fn fill_halfway<'a>(dir: &'a Path, filler: &'a mut Option<PathBuf>) -> impl FnMut(usize, usize) + 'a {
    move |done, total| {
        if filler.is_none() && total > 0 && done >= total / 2 {
            *filler = Some(fill(dir, 0));
        }
    }
}

/// A desk on a demo event of 300 people, its file on a small disk (the
/// fields drop in this order: the desk closes before the disk goes).
struct OnSmallDisk {
    desk: lanyard_tests::Desk,
    printer: std::sync::Arc<lanyard_api::RecordingQueue>,
    db: PathBuf,
    disk: SmallDisk,
    _scratch: tempfile::TempDir,
}

/// Mounts a `size` tmpfs and opens a demo event on it; `None` (saying
/// the test is skipped) when not running as root.
fn on_small_disk(size: &str) -> Option<OnSmallDisk> {
    if !is_root() {
        eprintln!("skipped: a small filesystem for a full disk needs root (mount -t tmpfs)");
        return None;
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    let disk = SmallDisk::mount(&scratch.path().join("usb"), size);
    let clock = std::sync::Arc::new(lanyard_core::FixedClock::new(lanyard_tests::OPENING));
    let printer = std::sync::Arc::new(lanyard_api::RecordingQueue::new());
    let db = disk.0.join("event.db");
    let desk = lanyard_tests::open_engine(
        &db,
        &scratch.path().join("desk.toml"),
        "Desk 1",
        Some("Anna"),
        lanyard_tests::parts(&clock, printer.clone(), 9),
    )
    .expect("open on the small disk");
    desk.engine.create_demo(&desk.session, 3, 300).expect("demo");
    Some(OnSmallDisk { desk, printer, db, disk, _scratch: scratch })
}

#[test]
fn a_full_disk_during_an_import_and_a_check_in_books_nothing_and_recovers() {
    let Some(t) = on_small_disk("6m") else { return };
    let (desk, disk) = (&t.desk, &t.disk);
    let person = desk.search("a").expect("search").remove(0);
    let before = desk.info().expect("info").attendee_count;
    let lead = desk.lead();
    // A little room: small writes (a PIN attempt, a check-in) fit, an
    // import of thousands of rows does not.
    let filler = fill(&disk.0, 256 * 1024);

    // An import of 4,000 rows does not fit.
    let mut csv = String::from("Name,Email,Ticket\n");
    for n in 0..4_000 {
        csv.push_str(&format!("Walk In {n} Longname-{n:05},person{n}@example.org,Conference\n"));
    }
    let request = ImportRequest {
        file_name: "late.csv".into(),
        preset: None,
        mapping: Some(vec![
            lanyard_api::dto::MappingRule {
                field: "display_name".into(),
                column: Some("Name".into()),
                fixed: None,
            },
            lanyard_api::dto::MappingRule {
                field: "email".into(),
                column: Some("Email".into()),
                fixed: None,
            },
            lanyard_api::dto::MappingRule {
                field: "ticket_type".into(),
                column: Some("Ticket".into()),
                fixed: None,
            },
        ]),
        dry_run: false,
        skip_problem_rows: false,
        idempotency_key: "import".into(),
        auth: Some(lead),
    };
    let refused = desk.import(csv.as_bytes(), &request, &mut |_, _| {}).expect_err("the disk is full");
    assert_eq!(refused.code, ErrorCode::DiskFull, "{}", refused.message);
    assert!(
        refused.message.contains("disk is full") && refused.message.contains("nothing was saved"),
        "{}",
        refused.message
    );
    assert_eq!(desk.info().expect("info").attendee_count, before, "nothing half-imported");
    assert!(!desk.search("a").expect("search still works").is_empty());
    let full = desk.check_in(&check_in(&person.badge_code, "c1"));
    if let Err(e) = &full {
        assert_eq!(e.code, ErrorCode::DiskFull, "{}", e.message);
    }

    // Space comes back: the same requests go through.
    std::fs::remove_file(&filler).expect("free the space");
    if full.is_err() {
        desk.check_in(&check_in(&person.badge_code, "c1")).expect("the check-in goes through");
    }
    let report = desk.import(csv.as_bytes(), &request, &mut |_, _| {}).expect("the import goes through");
    assert_eq!(report.new, 4_000);
    assert_eq!(desk.info().expect("info").attendee_count, before + 4_000);
}

/// The files in `dir`, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Checks that `result` is the plain `disk_full` refusal, saying `says`,
/// of a batch during which the disk filled up (into `filler`, returned).
fn refused_for_a_full_disk<T: std::fmt::Debug>(
    result: Result<T, lanyard_api::ApiError>,
    filler: Option<PathBuf>,
    says: &str,
) -> PathBuf {
    let filler = filler.expect("the disk filled up during the batch");
    let refused = result.expect_err("the disk is full");
    assert_eq!(refused.code, ErrorCode::DiskFull, "{}", refused.message);
    assert!(
        refused.message.contains("disk is full") && refused.message.contains(says),
        "a plain sentence naming the full disk and saying {says:?}: {}",
        refused.message
    );
    filler
}

#[test]
fn a_full_disk_in_the_middle_of_a_badge_batch_records_nothing_and_the_same_batch_goes_through_later() {
    let Some(t) = on_small_disk("8m") else { return };
    let (desk, printer, db, disk) = (&t.desk, &t.printer, &t.db, &t.disk);
    desk.set_printer(Some("FrontLabel"), 0.0, 0.0, false, "printer").expect("printer");
    let person = desk.search("a").expect("search").remove(0);
    let before = desk.stats().expect("stats");
    // The lead opened the settings: the batch runs on their grant, with no
    // PIN attempt to record first, so the disk fills in the batch itself.
    let grant = desk.unlock_settings(&desk.lead()).expect("unlock the settings");
    let lead = LeadAuth { grant: Some(grant.grant), ..desk.lead() };
    let all = BadgeFilter { not_printed: true, ..BadgeFilter::default() };
    // Last week's sheets (the speakers) are on the stick already.
    let pdf = disk.0.join("badges.pdf");
    let speakers = BadgeFilter { role: Some("speaker".into()), ..BadgeFilter::default() };
    let earlier = desk
        .engine
        .save_badges_pdf(&desk.session, Some(&lead), &speakers, &pdf, &mut |_, _| {})
        .expect("the speakers' sheets");
    assert!(earlier.badges > 0);
    let earlier_pdf = std::fs::read(&pdf).expect("read");
    let files = names(&disk.0);
    let conn = rusqlite::Connection::open(db).expect("open");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let exports = count("SELECT count(*) FROM audit_log WHERE action = 'export_badges'");

    // Halfway through laying out the batch, the disk fills up.
    let mut filler = None;
    let saved = desk.engine.save_badges_pdf(
        &desk.session,
        Some(&lead),
        &all,
        &pdf,
        &mut fill_halfway(&disk.0, &mut filler),
    );
    let filler = refused_for_a_full_disk(saved, filler, "badges.pdf");
    assert_eq!(std::fs::read(&pdf).expect("read"), earlier_pdf, "the earlier sheets are as they were");
    let mut with_filler = files.clone();
    with_filler.push("filler".into());
    with_filler.sort();
    assert_eq!(names(&disk.0), with_filler, "no half-written PDF is left beside it");
    assert_eq!(count("SELECT count(*) FROM audit_log WHERE action = 'export_badges'"), exports);

    // The same batch to the printer: refused before anything is sent, as
    // the desk could not record what came out of the printer.
    std::fs::remove_file(&filler).expect("free the space");
    let mut filler = None;
    let printed = desk.engine.print_batch(
        &desk.session,
        Some(&lead),
        &all,
        "batch",
        &mut fill_halfway(&disk.0, &mut filler),
    );
    let filler = refused_for_a_full_disk(printed, filler, "nothing was printed");
    assert!(printer.jobs().is_empty(), "nothing was sent to the printer");
    assert_eq!(count("SELECT count(*) FROM print_job"), 0, "no badge is recorded as printed");
    assert_eq!(count("SELECT count(*) FROM audit_log WHERE action = 'print_batch'"), 0);
    assert_eq!(count("SELECT count(*) FROM idempotency WHERE key = 'batch'"), 0);
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(verdict, "ok");

    // Search and what the desk has loaded stay usable on the full disk.
    assert!(!desk.search("a").expect("search still works").is_empty());
    assert_eq!(desk.stats().expect("the header's counts").expected, before.expected);
    desk.badge_preview(person.id).expect("a badge preview");

    // Space comes back: the same batch (same key) prints and is recorded whole.
    std::fs::remove_file(&filler).expect("free the space");
    let report = desk
        .engine
        .print_batch(&desk.session, Some(&lead), &all, "batch", &mut |_, _| {})
        .expect("the batch goes through");
    assert!(report.badges > 250, "{report:?}");
    assert_eq!(printer.jobs().len(), 1, "one job");
    assert_eq!(count("SELECT count(*) FROM print_job"), report.badges as i64, "every badge recorded once");
    let again = desk
        .engine
        .print_batch(&desk.session, Some(&lead), &all, "batch", &mut |_, _| {})
        .expect("a retry of the same batch");
    assert_eq!((again, printer.jobs().len()), (report, 1), "is its first result, not a second job");
    let saved = desk
        .engine
        .save_badges_pdf(&desk.session, Some(&lead), &BadgeFilter::default(), &pdf, &mut |_, _| {})
        .expect("the sheets are saved");
    let bytes = std::fs::read(&pdf).expect("read");
    assert!(saved.badges > earlier.badges);
    assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"), "a whole PDF");
    assert_eq!(names(&disk.0), files, "and nothing else");
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(verdict, "ok");
}

#[test]
fn a_full_disk_sends_no_single_badge_to_the_printer_and_the_print_goes_through_later() {
    let Some(t) = on_small_disk("6m") else { return };
    let person = t.desk.search("a").expect("search").remove(0);
    let request = lanyard_api::dto::PrintRequest {
        attendee_id: person.id,
        reprint: false,
        printer: Some("FrontLabel".into()),
        idempotency_key: "p1".into(),
        auth: None,
        confirm_missing: true,
    };
    let filler = fill(&t.disk.0, 0);
    let refused = t.desk.print_badge(&request).expect_err("the disk is full");
    assert_eq!(refused.code, ErrorCode::DiskFull, "{}", refused.message);
    assert!(refused.message.contains("nothing was printed"), "{}", refused.message);
    assert!(t.printer.jobs().is_empty(), "nothing was sent to the printer");
    assert!(!t.desk.search("a").expect("search still works").is_empty());

    std::fs::remove_file(&filler).expect("free the space");
    let receipt = t.desk.print_badge(&request).expect("the print goes through");
    assert_eq!((receipt.printed_before, t.printer.jobs().len()), (0, 1), "one badge, printed once");
}
