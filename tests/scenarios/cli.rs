//! The command line as a person uses it: the real `lanyard` binary, in a
//! pipe, resolving codes through the api as the window does (issue 7).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The `lanyard` binary built beside this test (`scripts/check` builds it).
pub fn lanyard_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target/debug");
    let bin = dir.join("lanyard");
    assert!(bin.exists(), "{} is missing: build it with `cargo build -p lanyard-cli`", bin.display());
    bin
}

fn lanyard(dir: &Path) -> Command {
    let mut command = Command::new(lanyard_binary());
    command
        .arg("--db")
        .arg(dir.join("event.db"))
        .arg("--config")
        .arg(dir.join("desk.toml"))
        .env_remove("LANYARD_PIN")
        .env_remove("LANYARD_NEW_PIN");
    command
}

fn run_ok(command: &mut Command) -> String {
    let out = command.output().expect("run lanyard");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "lanyard failed: {stdout}\n{stderr}");
    stdout.into_owned()
}

#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).arg("demo"));
    // `lanyard search a | head -1`: the reader goes away after one line.
    let mut child = lanyard(dir.path())
        .args(["search", "a"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("one line");
    // The pipe is closed here, when the reader is dropped.
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!first.is_empty(), "one result was printed");
    assert!(out.status.success(), "exit status {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "quiet: {stderr}");
}

#[test]
fn codes_on_source_tickets_work_for_undo_as_they_do_in_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).args(["new-event", "PyDesk 26"]));
    run_ok(lanyard(dir.path()).args(["lead-add", "Priya"]).env("LANYARD_NEW_PIN", "246813"));
    // A real import is a lead's action; the PIN comes on standard input.
    let mut import = lanyard(dir.path())
        .args(["--lead", "Priya", "import"])
        .arg(lanyard_tests::fixture("pretix.csv"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(&mut import.stdin.take().expect("stdin"), b"246813\n").expect("PIN");
    let out = import.wait_with_output().expect("import");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let checked = run_ok(lanyard(dir.path()).args(["--operator", "Anna", "checkin", "s3cr3tjose0001"]));
    assert!(checked.contains("José Núñez"), "{checked}");
    // The help says "badge code (or ticket secret)": the pretix secret works.
    let undone = run_ok(
        lanyard(dir.path())
            .args(["--lead", "priya", "undo", "s3cr3tjose0001", "--reason", "wrong person"])
            .env("LANYARD_PIN", "246813"),
    );
    assert!(undone.contains("check-in undone: José Núñez"), "{undone}");
}

#[test]
fn a_leads_action_without_a_lead_is_refused_at_the_command_line_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).arg("demo"));
    run_ok(lanyard(dir.path()).args(["lead-add", "Priya"]).env("LANYARD_NEW_PIN", "246813"));
    let out_file = dir.path().join("out");
    let template = dir.path().join("badge.toml");
    run_ok(lanyard(dir.path()).args(["template-export", "--out"]).arg(&template));
    let privileged: Vec<Vec<String>> = vec![
        vec!["import".into(), lanyard_tests::fixture("pretix.csv").display().to_string()],
        vec!["export".into()],
        vec!["badges".into(), "--out".into(), out_file.with_extension("pdf").display().to_string()],
        vec!["template-import".into(), template.display().to_string()],
        vec!["logo".into(), "--clear".into()],
        vec!["lead-add".into(), "Mallory".into()],
    ];
    for args in privileged {
        let out = lanyard(dir.path()).args(&args).env("LANYARD_NEW_PIN", "999999").output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?} is refused: {stderr}");
        assert!(stderr.contains("(lead_required)") || stderr.contains("(lead_exists)"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_pin_is_never_taken_as_an_argument_at_a_terminal_and_never_passed_on() {
    // The PIN flag is for scripts only; the check that refuses it at a
    // terminal needs a terminal, so here it is accepted from a pipe.
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).arg("demo"));
    run_ok(lanyard(dir.path()).args(["lead-add", "Priya"]).env("LANYARD_NEW_PIN", "246813"));
    let out = lanyard(dir.path())
        .args(["--lead", "Priya", "--pin", "246813", "export"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("badge_code,display_name,"), "{}", &csv[..csv.len().min(80)]);
}

#[test]
fn an_output_file_never_replaces_the_event_database_a_link_or_a_stranger() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).arg("demo"));
    run_ok(lanyard(dir.path()).args(["lead-add", "Priya"]).env("LANYARD_NEW_PIN", "246813"));
    let db = dir.path().join("event.db");
    let stranger = dir.path().join("thesis.pdf");
    std::fs::write(&stranger, b"my thesis, not a PDF Lanyard wrote").expect("write");
    let link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink(&stranger, &link).expect("symlink");
    let wal = dir.path().join("event.db-wal");
    for (target, why) in [
        (&db, "event database"),
        (&wal, "event database"),
        (&link, "symbolic link"),
        (&stranger, "did not write"),
        (&dir.path().to_path_buf(), "not a plain file"),
    ] {
        let out = lanyard(dir.path())
            .args(["--lead", "Priya", "badges", "--out"])
            .arg(target)
            .env("LANYARD_PIN", "246813")
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{} must be refused", target.display());
        assert!(stderr.contains(why), "{}: {stderr}", target.display());
    }
    let header = std::fs::read(&db).expect("db");
    assert!(header.starts_with(b"SQLite format 3\0"), "the database is still a database");
    let found = run_ok(lanyard(dir.path()).args(["search", "jose", "nu"]));
    assert!(found.contains("José Núñez"), "and still the event: {found}");
    assert_eq!(std::fs::read(&stranger).expect("file"), b"my thesis, not a PDF Lanyard wrote");
    // A new file is written whole, readable by the user alone, and may be replaced by the next batch.
    let pdf = dir.path().join("badges.pdf");
    for _ in 0..2 {
        run_ok(
            lanyard(dir.path())
                .args(["--lead", "Priya", "badges", "--out"])
                .arg(&pdf)
                .env("LANYARD_PIN", "246813"),
        );
    }
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&pdf).expect("pdf").permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn a_mistyped_database_path_is_an_error_not_a_new_empty_event() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = lanyard(dir.path()).args(["search", "jose"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("there is no event database at") && stderr.contains("event.db"), "{stderr}");
    assert!(!dir.path().join("event.db").exists(), "no file was created");
}

fn run_fails(command: &mut Command) -> (i32, String) {
    let out = command.output().expect("run lanyard");
    assert!(!out.status.success(), "lanyard should have failed: {}", String::from_utf8_lossy(&out.stdout));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_cash_box_s_day_runs_from_the_command_line_and_verify_names_a_changed_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    run_ok(lanyard(d).args(["new-event", "PyDesk 26", "--currency", "EUR"]));
    run_ok(lanyard(d).args(["lead-add", "Priya"]).env("LANYARD_NEW_PIN", "246813"));
    let as_lead = |args: &[&str]| {
        let mut c = lanyard(d);
        c.args(["--operator", "Anna", "--lead", "Priya"]).args(args).env("LANYARD_PIN", "246813");
        c
    };
    let anna = |args: &[&str]| {
        let mut c = lanyard(d);
        c.args(["--operator", "Anna"]).args(args);
        c
    };
    let (status, text) = run_fails(&mut anna(&["price", "set", "Regular", "25.00"]));
    assert_eq!(status, 2, "a refusal: {text}");
    assert!(text.contains("lead_required"), "{text}");
    run_ok(&mut as_lead(&["price", "set", "Regular", "25.00"]));
    run_ok(&mut as_lead(&["price", "set", "Student", "12.50"]));
    let list = run_ok(&mut anna(&["price", "list"]));
    assert!(list.contains("Regular") && list.contains("25.00 EUR"), "{list}");

    let (status, text) =
        run_fails(&mut anna(&["cash", "sale", "--ticket", "Regular", "--name", "Nino", "--method", "cash"]));
    assert_eq!(status, 2);
    assert!(text.contains("no_cash_shift"), "{text}");
    run_ok(&mut anna(&["cash", "open", "--count", "20x2,10x3,5x4,0.50x10"]));
    let nino = [
        "cash",
        "sale",
        "--ticket",
        "Regular",
        "--name",
        "ნინო ბერიძე",
        "--method",
        "cash",
        "--tendered",
        "50",
        "--key",
        "sale-1",
    ];
    let sold = run_ok(&mut anna(&nino));
    assert!(sold.contains("CHANGE DUE 25.00 EUR"), "{sold}");
    let receipt = sold.split_whitespace().nth(1).expect("receipt number").trim_end_matches(':').to_owned();
    let again = run_ok(&mut anna(&nino));
    assert!(again.contains("replayed"), "a retried sale is booked once: {again}");
    run_ok(&mut anna(&[
        "cash",
        "sale",
        "--ticket",
        "Student",
        "--name",
        "Kwame",
        "--method",
        "card",
        "--reference",
        "TRM-9",
    ]));
    let (status, text) = run_fails(&mut anna(&["cash", "pay-out", "--amount", "-3", "--reason", "x"]));
    assert_eq!(status, 1, "bad input: {text}");
    assert!(text.contains("invalid_input"), "{text}");
    run_ok(&mut anna(&["cash", "deposit", "--amount", "50", "--bag", "B-1", "--witness", "Priya"]));
    run_ok(&mut anna(&["cash", "pay-in", "--amount", "5", "--reason", "coins from the office"]));
    let refunded = run_ok(&mut as_lead(&["cash", "refund", &receipt, "--reason", "bought online too"]));
    assert!(refunded.contains("cash back 25.00 EUR"), "{refunded}");
    // Expected: 95 float + 25 − 50 + 5 − 25 = 50.00; counted 49.00 is within no tolerance.
    let (status, text) = run_fails(&mut anna(&["cash", "close", "--count", "20x2,5x1,2x2"]));
    assert_eq!(status, 2);
    assert!(text.contains("difference_needs_lead"), "{text}");
    let closed =
        run_ok(&mut as_lead(&["cash", "close", "--count", "20x2,5x1,2x2", "--note", "one euro short"]));
    assert!(closed.contains("expected 50.00 EUR") && closed.contains("difference -1.00 EUR"), "{closed}");
    let day = run_ok(&mut as_lead(&["cash", "close-day"]));
    assert!(day.contains("closed"), "{day}");
    let (status, text) = run_fails(&mut anna(&["cash", "open", "--count", "20x1"]));
    assert_eq!(status, 2);
    assert!(text.contains("day_closed"), "{text}");

    let pdf = d.join("report.pdf");
    let csv = d.join("report.csv");
    run_ok(anna(&["cash", "report", "--pdf"]).arg(&pdf).arg("--csv").arg(&csv));
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let csv_text = std::fs::read_to_string(&csv).expect("csv");
    assert!(csv_text.contains("method,card,1,12.50,EUR"), "{csv_text}");
    // The report can never replace the event database.
    let (_, text) = run_fails(anna(&["cash", "report", "--pdf"]).arg(d.join("event.db")));
    assert!(text.contains("event database"), "{text}");
    let verified = run_ok(&mut anna(&["verify"]));
    assert!(verified.contains("chain intact"), "{verified}");

    // A copy with one byte of entry 2 changed: verify names it and fails.
    let copy = d.join("copy.db");
    let conn = rusqlite::Connection::open(d.join("event.db")).expect("open");
    conn.execute("VACUUM INTO ?1", [copy.to_str().expect("path")]).expect("copy");
    let tampered = rusqlite::Connection::open(&copy).expect("open copy");
    tampered
        .execute_batch(
            "DROP TRIGGER cash_entry_no_update; UPDATE cash_entry SET amount_minor = 2600 WHERE seq = 2;",
        )
        .expect("tamper");
    drop(tampered);
    let out = Command::new(lanyard_binary())
        .arg("--db")
        .arg(&copy)
        .arg("--config")
        .arg(d.join("desk.toml"))
        .arg("verify")
        .output()
        .expect("verify the copy");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a changed entry fails verify: {text}");
    assert!(text.contains("entry 2:"), "names the entry: {text}");
}

#[test]
fn backup_and_restore_at_the_command_line_keep_the_replaced_database_and_refuse_bad_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).args(["demo", "--count", "200"]));
    let out = run_ok(lanyard(dir.path()).arg("backup").arg("--to").arg(dir.path().join("usb")));
    assert!(out.contains("written and verified"), "{out}");
    let backup = std::fs::read_dir(dir.path().join("usb"))
        .expect("the backup folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".backup.db"))
        .expect("a backup file");
    let out = run_ok(lanyard(dir.path()).arg("restore").arg(&backup));
    assert!(out.contains("kept as") && out.contains(".before-restore-"), "{out}");
    run_ok(lanyard(dir.path()).args(["search", "a"]));

    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, vec![1u8; 4096]).expect("write");
    let out = lanyard(dir.path()).arg("restore").arg(&bad).output().expect("run lanyard");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "refused: {stderr}");
    assert!(stderr.contains("not a usable backup"), "{stderr}");
}
