//! Printing badges through a real CUPS queue: the cups-pdf virtual printer
//! set up by `scripts/cups-test-queue` (its name and output folder come in
//! `LANYARD_TEST_PRINTER` and `LANYARD_TEST_PRINTER_OUT`).

use anyhow::{Context, Result};
use lanyard_api::ErrorCode;
use lanyard_api::dto::PrintRequest;
use lanyard_tests::TestDesk;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn env(name: &str) -> Result<String> {
    std::env::var(name)
        .with_context(|| format!("{name} is not set: run scripts/check, which sets up the CUPS test queues"))
}

/// A print request; a reprint carries the test lead's PIN (a reprint needs a lead).
fn request(id: i64, reprint: bool, key: &str) -> PrintRequest {
    let auth = reprint.then(lanyard_tests::test_lead);
    PrintRequest {
        attendee_id: id,
        reprint,
        printer: None,
        idempotency_key: key.into(),
        auth,
        confirm_missing: false,
    }
}

/// The queue of a CUPS job id ("BadgePDF-12" is on "BadgePDF") and its number.
fn queue_and_number(job: &str) -> Result<(&str, u64)> {
    let (queue, number) = job.rsplit_once('-').with_context(|| format!("{job:?} is not a CUPS job id"))?;
    Ok((queue, number.parse().with_context(|| format!("{job:?} does not end in a job number"))?))
}

/// The files cups-pdf wrote in `dir` for CUPS job `job` ("BadgePDF-12"): with
/// `Label 1` (set by scripts/cups-test-queue) they are named `job_12-*.pdf`.
fn outputs(dir: &str, job: &str) -> Result<Vec<PathBuf>> {
    let prefix = format!("job_{}-", queue_and_number(job)?.1);
    Ok(std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix)))
                .collect()
        })
        .unwrap_or_default())
}

/// Whether CUPS lists `job` among the completed jobs of `queue` (`lpstat -W
/// completed -o QUEUE`: finished, cancelled or aborted), with lpstat's stderr.
fn completed(queue: &str, job: &str) -> Result<(bool, String)> {
    let out = std::process::Command::new("lpstat")
        .args(["-W", "completed", "-o", queue])
        .env("LC_ALL", "C")
        .output()
        .context("run lpstat (install cups-client)")?;
    let listed =
        String::from_utf8_lossy(&out.stdout).lines().any(|l| l.split_whitespace().next() == Some(job));
    Ok((listed, String::from_utf8_lossy(&out.stderr).trim().to_owned()))
}

/// Waits until CUPS has completed job `job` ("BadgePDF-12", as in
/// `PrintReceipt::job` or `BatchReport::job`), then until cups-pdf's file for
/// it exists and its size held still across two looks 300 ms apart (cups-pdf
/// creates the file before it has written it); returns that file. 60 s in all.
/// `pub(crate)` so that the window journeys can wait the same way.
pub(crate) fn wait_for_output(dir: &str, job: &str) -> Result<PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let (queue, _) = queue_and_number(job)?;
    loop {
        let (done, said) = completed(queue, job)?;
        if done {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "CUPS job {job} was not completed within 60 s (lpstat -W completed -o {queue}: {said:?})"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut last: Option<(PathBuf, u64)> = None;
    loop {
        // The newest, should an older file of the same job number be left over.
        let newest = outputs(dir, job)?
            .into_iter()
            .filter_map(|p| std::fs::metadata(&p).ok().map(|m| (p, m)))
            .max_by_key(|(_, m)| m.modified().ok())
            .map(|(p, m)| (p, m.len()));
        if let (Some(now), Some(before)) = (&newest, &last)
            && now == before
            && now.1 > 0
        {
            return Ok(now.0.clone());
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "cups-pdf wrote no settled file for CUPS job {job} in {dir} within 60 s (last seen: {newest:?})"
        );
        last = newest;
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn a_badge_goes_through_cups_and_a_reprint_is_guarded_and_counted() -> Result<()> {
    let (queue, out) = (env("LANYARD_TEST_PRINTER")?, env("LANYARD_TEST_PRINTER_OUT")?);
    let t = TestDesk::demo_printing_to(Arc::new(lanyard_api::Cups::new()));
    t.desk.set_printer(Some(&queue), 0.0, 0.0, false, "printer")?;
    let jose = t.desk.search("jose nu")?.remove(0);

    let receipt = t.desk.print_badge(&request(jose.id, false, "p1"))?;
    assert_eq!((receipt.printer.as_str(), receipt.printed_before), (queue.as_str(), 0));
    let file = wait_for_output(&out, &receipt.job)?;
    assert!(std::fs::metadata(&file)?.len() > 1000, "cups-pdf wrote the badge");

    let err = t.desk.print_badge(&request(jose.id, false, "p2")).expect_err("the guard");
    assert_eq!(err.code, ErrorCode::AlreadyPrinted);
    assert!(err.message.contains("already printed 1 time"), "{}", err.message);

    let again = t.desk.print_badge(&request(jose.id, true, "p3"))?;
    assert_eq!(again.printed_before, 1, "the reprint is counted");
    wait_for_output(&out, &again.job)?;
    assert_eq!(t.desk.badge_preview(jose.id)?.history.printed, 2);
    Ok(())
}

#[test]
fn refusals_name_the_queue_in_cups_words_and_keep_the_badge_pending() -> Result<()> {
    let off = env("LANYARD_TEST_PRINTER_OFF")?;
    let t = TestDesk::demo_printing_to(Arc::new(lanyard_api::Cups::new()));
    let jose = t.desk.search("jose nu")?.remove(0);

    let err = t.desk.print_badge(&request(jose.id, false, "p1")).expect_err("no printer chosen");
    assert_eq!(err.code, ErrorCode::NoPrinter);

    t.desk.set_printer(Some("NoSuchQueue"), 0.0, 0.0, false, "printer-1")?;
    let err = t.desk.print_badge(&request(jose.id, false, "p2")).expect_err("unknown queue");
    assert_eq!(err.code, ErrorCode::PrintFailed);
    assert!(err.message.contains("\"NoSuchQueue\" does not exist"), "{}", err.message);
    let history = t.desk.badge_preview(jose.id)?.history;
    assert!(history.pending && history.printed == 0, "kept as pending, not counted: {history:?}");

    t.desk.set_printer(Some(&off), 0.0, 0.0, false, "printer-2")?;
    let err = t.desk.print_badge(&request(jose.id, false, "p3")).expect_err("disabled queue");
    assert_eq!(err.code, ErrorCode::PrintFailed);
    assert!(err.message.contains("paused for the tests"), "CUPS's own words: {}", err.message);
    Ok(())
}

/// The id of the newest job CUPS knows on `queue` (completed or not).
pub(crate) fn last_job(queue: &str) -> Result<String> {
    let out =
        std::process::Command::new("lpstat").env("LC_ALL", "C").args(["-W", "all", "-o", queue]).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter_map(|id| queue_and_number(id).ok().map(|(_, n)| (n, id.to_owned())))
        .max()
        .map(|(_, id)| id)
        .with_context(|| format!("CUPS lists no job on {queue}"))
}
