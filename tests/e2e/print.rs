//! Printing badges through a real CUPS queue: the cups-pdf virtual printer
//! set up by `scripts/cups-test-queue` (its name and output folder come in
//! `LANYARD_TEST_PRINTER` and `LANYARD_TEST_PRINTER_OUT`).

use anyhow::{Context, Result};
use lanyard_api::ErrorCode;
use lanyard_api::dto::PrintRequest;
use lanyard_tests::TestDesk;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn env(name: &str) -> Result<String> {
    std::env::var(name)
        .with_context(|| format!("{name} is not set: run scripts/check, which sets up the CUPS test queues"))
}

fn request(id: i64, reprint: bool, key: &str) -> PrintRequest {
    PrintRequest { attendee_id: id, reprint, printer: None, idempotency_key: key.into() }
}

fn outputs(dir: &str, needle: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().contains(needle)).collect()
        })
        .unwrap_or_default()
}

/// Waits for cups-pdf to write a new file (not in `before`) whose name holds `needle`.
fn wait_for_new_output(dir: &str, needle: &str, before: &[PathBuf]) -> Result<PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(new) = outputs(dir, needle).into_iter().find(|p| !before.contains(p)) {
            return Ok(new);
        }
        anyhow::ensure!(Instant::now() < deadline, "cups-pdf wrote no new file with {needle:?} in {dir}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_badge_goes_through_cups_and_a_reprint_is_guarded_and_counted() -> Result<()> {
    let (queue, out) = (env("LANYARD_TEST_PRINTER")?, env("LANYARD_TEST_PRINTER_OUT")?);
    let mut t = TestDesk::demo("Desk 1", "Anna");
    t.desk.set_printer(Some(&queue), 0.0, 0.0, true)?;
    let jose = t.desk.search("jose nu")?.remove(0);

    let before = outputs(&out, &jose.badge_code);
    let receipt = t.desk.print_badge(&request(jose.id, false, "p1"))?;
    assert_eq!((receipt.printer.as_str(), receipt.printed_before), (queue.as_str(), 0));
    let file = wait_for_new_output(&out, &jose.badge_code, &before)?;
    assert!(std::fs::metadata(&file)?.len() > 1000, "cups-pdf wrote the badge");

    let err = t.desk.print_badge(&request(jose.id, false, "p2")).expect_err("the guard");
    assert_eq!(err.code, ErrorCode::AlreadyPrinted);
    assert!(err.message.contains("already printed 1 time"), "{}", err.message);

    let before = outputs(&out, &jose.badge_code);
    let again = t.desk.print_badge(&request(jose.id, true, "p3"))?;
    assert_eq!(again.printed_before, 1, "the reprint is counted");
    wait_for_new_output(&out, &jose.badge_code, &before)?;
    assert_eq!(t.desk.badge_preview(jose.id)?.history.printed, 2);
    Ok(())
}

#[test]
fn refusals_name_the_queue_in_cups_words_and_keep_the_badge_pending() -> Result<()> {
    let off = env("LANYARD_TEST_PRINTER_OFF")?;
    let mut t = TestDesk::demo("Desk 1", "Anna");
    let jose = t.desk.search("jose nu")?.remove(0);

    let err = t.desk.print_badge(&request(jose.id, false, "p1")).expect_err("no printer chosen");
    assert_eq!(err.code, ErrorCode::NoPrinter);

    t.desk.set_printer(Some("NoSuchQueue"), 0.0, 0.0, false)?;
    let err = t.desk.print_badge(&request(jose.id, false, "p2")).expect_err("unknown queue");
    assert_eq!(err.code, ErrorCode::PrintFailed);
    assert!(err.message.contains("\"NoSuchQueue\" does not exist"), "{}", err.message);
    let history = t.desk.badge_preview(jose.id)?.history;
    assert!(history.pending && history.printed == 0, "kept as pending, not counted: {history:?}");

    t.desk.set_printer(Some(&off), 0.0, 0.0, false)?;
    let err = t.desk.print_badge(&request(jose.id, false, "p3")).expect_err("disabled queue");
    assert_eq!(err.code, ErrorCode::PrintFailed);
    assert!(err.message.contains("paused for the tests"), "CUPS's own words: {}", err.message);
    Ok(())
}
