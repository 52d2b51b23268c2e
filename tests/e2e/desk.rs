//! The desk's journeys in the real window.

use crate::driver::{ARROW_DOWN, ENTER, ESCAPE, Session, TAB, app_binary};
use anyhow::Result;
use lanyard_core::demo;
use std::path::Path;

/// Starts the window on `db`, with this desk's settings file beside it (so
/// a restart of the same test finds its printer and its open shift again).
fn start(db: &Path) -> Result<Session> {
    let config = db.with_extension("desk.toml");
    Session::start(
        &app_binary(),
        &[("LANYARD_DB", db), ("LANYARD_CONFIG", &config), ("LANYARD_DESK", Path::new("Front desk"))],
    )
}

/// The first start of an event: the first lead chooses a PIN.
fn set_up_first_lead(s: &Session, name: &str, pin: &str) -> Result<()> {
    let field = s.wait_for_focus("first-lead-name")?;
    s.send_keys(&field, &format!("{name}{TAB}{pin}{TAB}{pin}{ENTER}"))?;
    Ok(())
}

/// The volunteer types their name at the start of their shift.
fn start_shift(s: &Session, operator: &str) -> Result<()> {
    let field = s.wait_for_focus("operator")?;
    s.send_keys(&field, &format!("{operator}{ENTER}"))?;
    s.wait_for("[data-testid=search]")?;
    Ok(())
}

fn status(s: &Session, kind: &str, contains: &str) -> Result<String> {
    let css = format!("[data-testid=status][data-kind={kind}]");
    let element = s.wait_until(&css, |t| t.contains(contains))?;
    s.text(&element)
}

#[test]
fn check_in_by_name_then_duplicate_warning_then_restart() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    let people = demo::generate(demo::DEFAULT_SEED, 12)?.attendees;
    let ming = people.iter().find(|a| a.display_name == "王小明").expect("王小明 is in the demo");

    {
        let s = start(&db)?;
        set_up_first_lead(&s, "Priya", "246813")?;
        start_shift(&s, "Robin")?;
        let search = s.wait_for("[data-testid=search]")?;

        // Type part of a name, see the attendee, press Enter.
        s.send_keys(&search, "jose nu")?;
        s.wait_until("[data-testid=result]", |t| t.contains("José Núñez"))?;
        s.send_keys(&search, ENTER)?;
        let done = status(&s, "checked_in", "José Núñez")?;
        assert!(done.contains("Checked in"), "confirmation says so in words: {done}");

        // The same person again: the desk warns and says who let them in, where.
        s.send_keys(&search, "jose nu")?;
        s.wait_until("[data-testid=result]", |t| t.contains("In at"))?;
        s.send_keys(&search, ENTER)?;
        let warning = status(&s, "already_checked_in", "Robin")?;
        assert!(
            warning.contains("Already checked in") && warning.contains("Front desk"),
            "warning: {warning}"
        );

        // Esc clears the box and the results.
        s.send_keys(&search, "zoe")?;
        s.wait_until("[data-testid=result]", |t| t.contains("Zoë"))?;
        s.send_keys(&search, ESCAPE)?;
        assert_eq!(s.property(&search, "value")?, "", "Esc empties the search box");
        assert!(s.find_all("[data-testid=result]")?.is_empty(), "Esc clears the results");

        // A scanner types the badge code and Enter into the same box.
        s.send_keys(&search, &format!("{}{ENTER}", ming.badge_code))?;
        status(&s, "checked_in", "王小明")?;

        // Arrow down chooses the second result; Enter checks that one in.
        s.send_keys(&search, "mu")?;
        s.wait_until("[data-testid=result]", |t| t.contains("Müller"))?;
        let rows = s.find_all("[data-testid=result]")?;
        assert!(rows.len() >= 2, "several people match \"mu\"");
        let second = s.text(&s.find_all("[data-testid=result] .name")?[1])?;
        s.send_keys(&search, ARROW_DOWN)?;
        s.send_keys(&search, ENTER)?;
        status(&s, "checked_in", &second)?;

        // Leave the screen showing a search for the README's screenshot.
        s.send_keys(&search, "mu")?;
        s.wait_until("[data-testid=result]", |t| t.contains("In at"))?;
        std::thread::sleep(std::time::Duration::from_secs(1));
        let shot = lanyard_tests::workspace_root().join("target/e2e/desk.png");
        s.screenshot(&shot)?;
        if std::env::var_os("LANYARD_UPDATE_SCREENSHOTS").is_some() {
            let docs = lanyard_tests::workspace_root().join("docs/screenshots/desk.png");
            std::fs::create_dir_all(docs.parent().expect("docs folder"))?;
            std::fs::copy(&shot, docs)?;
        }
        assert!(std::fs::metadata(&shot)?.len() > 10_000, "the screenshot has content");
    }

    // Restart: the window opens on the same database, Robin's shift goes on
    // without typing a name again (it is stored), and José is still in.
    let s = start(&db)?;
    s.wait_until("[data-testid=who]", |t| t.contains("Robin"))?;
    assert!(s.find_all("[data-testid=operator]")?.is_empty(), "no name is asked: the shift resumed");

    // Ending the shift hands the desk over: the next volunteer types a name.
    s.click(&s.wait_for("[data-testid=end-shift]")?)?;
    start_shift(&s, "Sam")?;
    s.wait_until("[data-testid=who]", |t| t.contains("Sam"))?;
    let counts = s.wait_until("[data-testid=counts]", |t| t.contains(" of "))?;
    assert!(s.text(&counts)?.starts_with("3 of"), "three arrivals survived the restart");
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, "núñez")?;
    let row = s.wait_until("[data-testid=result]", |t| t.contains("José Núñez"))?;
    assert!(s.text(&row)?.contains("In at"), "José is shown as checked in after the restart");
    Ok(())
}

#[test]
fn a_file_that_is_not_a_lanyard_database_is_explained_and_left_alone() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("photos.db");
    let content = b"GIF89a not a database".repeat(50);
    std::fs::write(&db, &content)?;
    let s = start(&db)?;
    let fatal = s.wait_for("[data-testid=fatal]")?;
    assert_eq!(s.attribute(&fatal, "data-code")?.as_deref(), Some("not_a_lanyard_database"));
    assert!(s.text(&fatal)?.contains("photos.db"), "the message names the file");
    drop(s);
    assert_eq!(std::fs::read(&db)?, content, "the file was not touched");
    Ok(())
}

#[test]
fn import_a_file_check_in_see_the_duplicate_and_undo_with_a_pin() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    let s = start(&db)?;
    set_up_first_lead(&s, "Priya", "246813")?;
    start_shift(&s, "Robin")?;

    // Import a pretix export: preview first, then the real import.
    s.click(&s.wait_for("[data-testid=nav-import]")?)?;
    let file = lanyard_tests::fixture("pretix.csv");
    s.send_keys(&s.wait_for("[data-testid=import-file]")?, &file.display().to_string())?;
    s.wait_until("[data-testid=import-new]", |t| t.contains("4 new"))?;
    s.click(&s.wait_for("[data-testid=import-confirm]")?)?;
    let done = s.wait_until("[data-testid=import-done]", |t| t.contains("4 new"))?;
    assert!(s.text(&done)?.contains("Imported pretix.csv"));
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/import.png"))?;

    // Scan the ticket secret that pretix printed: María is checked in.
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("s3cr3tmaria002{ENTER}"))?;
    status(&s, "checked_in", "María García")?;

    // The same ticket again: the duplicate warning, with an undo for leads.
    s.send_keys(&search, &format!("s3cr3tmaria002{ENTER}"))?;
    status(&s, "already_checked_in", "Robin")?;
    s.click(&s.wait_for("[data-testid=undo-open]")?)?;
    s.send_keys(&s.wait_for("[data-testid=undo-reason]")?, "scanned the wrong ticket")?;
    s.send_keys(&s.wait_for("[data-testid=undo-pin]")?, &format!("1111{ENTER}"))?;
    let wrong = s.wait_until("[data-testid=undo-error]", |t| t.contains("wrong lead name or PIN"))?;
    assert_eq!(s.attribute(&wrong, "data-kind")?.as_deref(), Some("pin_wrong"));
    s.send_keys(&s.wait_for("[data-testid=undo-pin]")?, &format!("246813{ENTER}"))?;
    status(&s, "undone", "María García")?;

    // After the undo she can be checked in again.
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("s3cr3tmaria002{ENTER}"))?;
    status(&s, "checked_in", "María García")?;

    // The live view counts her once.
    s.click(&s.wait_for("[data-testid=nav-live]")?)?;
    s.wait_until("[data-testid=live-total]", |t| t.starts_with("1 of"))?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/live.png"))?;
    Ok(())
}

#[test]
fn a_big_import_shows_progress_while_the_window_stays_responsive() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    // 20,000 people in a pretix-shaped export.
    let rows = 20_000;
    let mut csv = String::from("Order code,Position ID,Status,Product,Attendee name,Attendee email\n");
    for i in 0..rows {
        csv.push_str(&format!("B{i:06},1,paid,Conference,Person Number {i},p{i}@example.org\n"));
    }
    let file = dir.path().join("big.csv");
    std::fs::write(&file, csv)?;

    let s = start(&db)?;
    set_up_first_lead(&s, "Priya", "246813")?;
    start_shift(&s, "Robin")?;
    s.click(&s.wait_for("[data-testid=nav-import]")?)?;
    s.send_keys(&s.wait_for("[data-testid=import-file]")?, &file.display().to_string())?;
    s.wait_until("[data-testid=import-new]", |t| t.contains("20000 new"))?;
    s.click(&s.wait_for("[data-testid=import-confirm]")?)?;

    // The page answers while the backend imports, and the bar moves.
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while s.find_all("[data-testid=import-done]")?.is_empty() {
        assert!(std::time::Instant::now() < deadline, "the import finished in time");
        for bar in s.find_all("[data-testid=import-progress]")? {
            if let Some(value) = s.attribute(&bar, "value")? {
                seen.push(value.parse::<f64>().unwrap_or(0.0));
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        seen.iter().any(|&v| v > 0.0 && v < rows as f64),
        "the progress bar showed work part done (values seen: {seen:?})"
    );
    s.wait_until("[data-testid=import-done]", |t| t.contains("20000 new"))?;
    Ok(())
}

#[test]
fn check_in_print_the_badge_to_cups_and_see_the_reprint_guard() -> Result<()> {
    let queue = std::env::var("LANYARD_TEST_PRINTER").map_err(|_| {
        anyhow::anyhow!("LANYARD_TEST_PRINTER is not set: run scripts/check, which sets up CUPS")
    })?;
    let out = std::env::var("LANYARD_TEST_PRINTER_OUT")?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    let people = demo::generate(demo::DEFAULT_SEED, 12)?.attendees;
    let zoe = people.iter().find(|a| a.display_name == "Zoë Lefèvre").expect("Zoë is in the demo");
    let code = zoe.badge_code.to_string();

    let s = start(&db)?;
    set_up_first_lead(&s, "Priya", "246813")?;
    start_shift(&s, "Robin")?;

    // Choose the cups-pdf queue as this desk's printer.
    s.click(&s.wait_for("[data-testid=nav-badges]")?)?;
    s.click(&s.wait_for(&format!("[data-testid=printer-select] option[value={queue}]"))?)?;
    s.click(&s.wait_for("[data-testid=save-printer]")?)?;
    s.wait_until("[data-testid=badges-message][data-kind=printer_saved]", |t| t.contains(&queue))?;

    // Check Zoë in, then print her badge from the preview.
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{code}{ENTER}"))?;
    status(&s, "checked_in", "Zoë Lefèvre")?;
    s.wait_for("[data-testid=badge-panel] img")?;
    s.click(&s.wait_for("[data-testid=print-badge]")?)?;
    s.wait_until("[data-testid=print-status][data-kind=printed]", |t| t.contains(&queue))?;

    // CUPS completes the job and cups-pdf writes the badge out (job titles
    // carry no code or name: the job is found by its id in the print log).
    let job = crate::print::last_job(&queue)?;
    crate::print::wait_for_output(&out, &job)?;

    // Printing again is guarded: it says how often, and a reprint is counted.
    s.click(&s.wait_for("[data-testid=print-badge]")?)?;
    let guard = s.wait_until("[data-testid=print-status][data-kind=already_printed]", |t| {
        t.contains("already printed 1 time")
    })?;
    assert!(s.text(&guard)?.contains("Zoë Lefèvre"));
    s.click(&s.wait_for("[data-testid=reprint-badge]")?)?;
    s.wait_until("[data-testid=print-status][data-kind=printed]", |t| t.contains("printed 2 times"))?;
    s.wait_until("[data-testid=print-count]", |t| t.contains("Printed 2 times"))?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    let shot = lanyard_tests::workspace_root().join("target/e2e/badge.png");
    s.screenshot(&shot)?;
    if std::env::var_os("LANYARD_UPDATE_SCREENSHOTS").is_some() {
        std::fs::copy(&shot, lanyard_tests::workspace_root().join("docs/screenshots/badge.png"))?;
    }
    Ok(())
}
