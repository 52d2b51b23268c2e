//! The desk's journeys in the real window.

use crate::driver::{ARROW_DOWN, ENTER, ESCAPE, Session, TAB, app_binary};
use anyhow::Result;
use lanyard_core::demo;
use std::path::Path;
use std::time::{Duration, Instant};

/// The lead every journey sets up at the first start.
pub(crate) const LEAD: &str = "Priya";
pub(crate) const LEAD_PIN: &str = "246813";

/// Starts the window on `db`, with this desk's settings file beside it (so
/// a restart of the same test finds its printer and its open shift again).
pub(crate) fn start(db: &Path) -> Result<Session> {
    start_with(db, &[])
}

/// Starts the window as [`start`] does, with more of the app's environment
/// (such as `LANYARD_SAVE_AS`, the answer to the native save dialog).
pub(crate) fn start_with(db: &Path, more: &[(&str, &Path)]) -> Result<Session> {
    let config = db.with_extension("desk.toml");
    let mut env = vec![
        ("LANYARD_DB", db),
        ("LANYARD_CONFIG", config.as_path()),
        ("LANYARD_DESK", Path::new("Front desk")),
        // A fresh test database is an explicit first start: the demo event.
        ("LANYARD_DEMO", Path::new("1")),
    ];
    env.extend_from_slice(more);
    Session::start(&app_binary(), &env)
}

/// A lead unlocks what asked for one: the name field has the focus, then
/// Tab to the PIN and Enter. Waits until the form has gone.
pub(crate) fn unlock(s: &Session, lead: &str, pin: &str) -> Result<()> {
    let field = s.wait_for_focus("unlock-lead")?;
    s.send_keys(&field, &format!("{lead}{TAB}{pin}{ENTER}"))?;
    wait_gone(s, "[data-testid=lead-unlock]")
}

/// Waits until nothing matches `css` (15 s).
pub(crate) fn wait_gone(s: &Session, css: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !s.find_all(css)?.is_empty() {
        anyhow::ensure!(Instant::now() < deadline, "{css} is still there after 15 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// The first start of an event: the first lead chooses a PIN.
pub(crate) fn set_up_first_lead(s: &Session, name: &str, pin: &str) -> Result<()> {
    let field = s.wait_for_focus("first-lead-name")?;
    s.send_keys(&field, &format!("{name}{TAB}{pin}{TAB}{pin}{ENTER}"))?;
    Ok(())
}

/// The volunteer types their name at the start of their shift.
pub(crate) fn start_shift(s: &Session, operator: &str) -> Result<()> {
    let field = s.wait_for_focus("operator")?;
    s.send_keys(&field, &format!("{operator}{ENTER}"))?;
    s.wait_for("[data-testid=search]")?;
    Ok(())
}

/// Chooses `queue` (a cups-pdf queue) as this desk's printer: the badge
/// settings are for leads, so the lead unlocks them first.
pub(crate) fn choose_printer(s: &Session, queue: &str) -> Result<()> {
    s.click(&s.wait_for("[data-testid=nav-badges]")?)?;
    unlock(s, LEAD, LEAD_PIN)?;
    s.click(&s.wait_for(&format!("[data-testid=printer-select] option[value={queue}]"))?)?;
    s.click(&s.wait_for("[data-testid=save-printer]")?)?;
    s.wait_until("[data-testid=badges-message][data-kind=printer_saved]", |t| t.contains(queue))?;
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
    // The preview needs no lead; the real import asks for one.
    s.click(&s.wait_for("[data-testid=import-confirm]")?)?;
    unlock(&s, LEAD, LEAD_PIN)?;
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
    let field = s.wait_for_focus("unlock-lead")?;
    // Every value the bar takes, recorded by the page as it is set: polling
    // from here would miss a bar that moves between two looks (a fast import).
    s.execute(
        "window.__lanyardProgress = [];\
         const note = (n) => { if (n instanceof Element && n.matches('[data-testid=import-progress]')) window.__lanyardProgress.push(Number(n.getAttribute('value') ?? 0)); };\
         new MutationObserver((records) => records.forEach((r) => {\
           if (r.type === 'attributes') note(r.target);\
           r.addedNodes.forEach((n) => { note(n); if (n instanceof Element) n.querySelectorAll('[data-testid=import-progress]').forEach(note); });\
         })).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });",
    )?;
    s.send_keys(&field, &format!("{LEAD}{TAB}{LEAD_PIN}{ENTER}"))?;

    // The page answers while the backend imports, and the bar moves.
    let deadline = Instant::now() + Duration::from_secs(120);
    while s.find_all("[data-testid=import-done]")?.is_empty() {
        assert!(Instant::now() < deadline, "the import finished in time");
        std::thread::sleep(Duration::from_millis(50));
    }
    let seen: Vec<f64> = serde_json::from_value(s.execute("return window.__lanyardProgress;")?)?;
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

    choose_printer(&s, &queue)?;

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
    // A reprint needs a lead (leaving the Badges screen gave the grant back).
    s.click(&s.wait_for("[data-testid=reprint-badge]")?)?;
    s.wait_for("[data-testid=reprint-lead]")?;
    unlock(&s, LEAD, LEAD_PIN)?;
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

#[test]
fn badges_are_saved_as_a_pdf_where_the_save_dialog_says_and_the_page_names_no_path() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    // The native save dialog cannot be clicked from WebDriver: the app's
    // environment answers it (issue 11: the page never names the file).
    let pdf = dir.path().join("chosen").join("badges for the desk.pdf");
    std::fs::create_dir_all(pdf.parent().expect("a folder"))?;
    let s = start_with(&db, &[("LANYARD_SAVE_AS", &pdf)])?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;

    // The Badges screen asks for a lead. A wrong PIN says how many tries
    // are left; the name matches without regard to case.
    s.click(&s.wait_for("[data-testid=nav-badges]")?)?;
    assert!(
        s.find_all("[data-testid=batch-save]")?.is_empty(),
        "nothing of the settings shows before a lead unlocks"
    );
    let field = s.wait_for_focus("unlock-lead")?;
    s.send_keys(&field, &format!("priya{TAB}111111{ENTER}"))?;
    let wrong = s.wait_until("[data-testid=unlock-error]", |t| t.contains("wrong lead name or PIN"))?;
    assert_eq!(s.attribute(&wrong, "data-kind")?.as_deref(), Some("pin_wrong"));
    assert!(s.text(&wrong)?.contains("4 tries left"), "the tries left: {}", s.text(&wrong)?);
    let pin = s.wait_for_focus("unlock-pin")?;
    assert_eq!(s.property(&pin, "value")?, "", "the PIN field is emptied after each try");
    s.send_keys(&pin, &format!("{LEAD_PIN}{ENTER}"))?;
    s.wait_until("[data-testid=grant-bar]", |t| t.contains(LEAD))?;

    // No field for a path any more: only a button that lets the system ask.
    assert!(s.find_all("[data-testid=batch-path]")?.is_empty(), "the path field is gone");
    let typed = s.execute(
        "return [...document.querySelectorAll('section.desk input')]\
           .filter(i => !['number', 'checkbox', 'password'].includes(i.type)).length;",
    )?;
    assert_eq!(typed.as_u64(), Some(0), "the Badges screen has no text field to type a path into");
    let save = s.wait_until("[data-testid=batch-save]", |t| t.contains("Save as PDF…"))?;
    s.click(&save)?;

    // The backend renders a badge for everyone expected (valid tickets, as
    // the header counts them: none printed yet) and writes them to the chosen file.
    let counts = s.text(&s.wait_until("[data-testid=counts]", |t| t.contains(" of "))?)?;
    let expected = counts.split(" of ").nth(1).and_then(|t| t.split_whitespace().next()).unwrap_or_default();
    let said = format!("{expected} badges saved as a PDF");
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        // One look at the message: its kind and its words, read from the same element.
        if let Some(message) = s.find_all("[data-testid=badges-message]")?.first() {
            let kind = s.attribute(message, "data-kind")?;
            let text = s.text(message)?;
            anyhow::ensure!(
                kind.as_deref() == Some("batch_saved"),
                "the batch was refused ({kind:?}): {text}"
            );
            assert!(text.contains(&said), "the message counts the badges: {text}");
            break;
        }
        anyhow::ensure!(Instant::now() < deadline, "no badges were saved within 180 s");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The answer comes after the file was written and renamed into place: it is complete.
    let bytes = std::fs::read(&pdf)?;
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000, "a PDF of badges ({} bytes)", bytes.len());
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf)?.permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the desk's user may read the badges (mode {mode:o})");
    }
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    anyhow::ensure!(text.status.success(), "pdftotext read the file (install poppler-utils)");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("José Núñez"),
        "the badges carry the attendees' names"
    );

    // The lead's screens share the grant: the Leads screen opens without a PIN.
    s.click(&s.wait_for("[data-testid=nav-leads]")?)?;
    s.wait_until("[data-testid=lead-list]", |t| t.contains(LEAD))?;
    assert!(s.find_all("[data-testid=lead-unlock]")?.is_empty(), "no second PIN within the lead's screens");

    // Going to a volunteer's screen gives the grant back: coming back asks again.
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    s.click(&s.wait_for("[data-testid=nav-badges]")?)?;
    s.wait_for_focus("unlock-lead")?;
    assert!(s.find_all("[data-testid=batch-save]")?.is_empty(), "locked again after the lead left");
    Ok(())
}

#[test]
fn a_file_with_problem_rows_imports_the_good_rows_when_the_lead_skips_the_listed_ones() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    let s = start(&db)?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;

    // An Eventbrite report in which one row repeats another: the preview lists it.
    s.click(&s.wait_for("[data-testid=nav-import]")?)?;
    let file = lanyard_tests::fixture("eventbrite.csv");
    s.send_keys(&s.wait_for("[data-testid=import-file]")?, &file.display().to_string())?;
    s.wait_until("[data-testid=import-new]", |t| t.contains("2 new"))?;
    s.wait_for("[data-testid=import-skip-hint]")?;

    // The one button says what happens: the good rows come in, the listed one is skipped.
    let confirm = s.wait_until("[data-testid=import-confirm]", |t| t.contains("skip the 1 listed"))?;
    assert!(s.text(&confirm)?.starts_with("Import the 2 good rows"), "{}", s.text(&confirm)?);
    s.click(&confirm)?;
    unlock(&s, LEAD, LEAD_PIN)?;
    let done = s.wait_until("[data-testid=import-done]", |t| t.contains("2 new"))?;
    assert!(s.text(&done)?.contains("1 row left out"), "{}", s.text(&done)?);
    Ok(())
}

/// How many searches the page's call trace (`window.__lanyardTrace`, set
/// by the journey) saw answered at once by the search box's own scheme, and
/// how many through the `search` command.
pub(crate) fn searches_traced(s: &Session) -> Result<(usize, usize)> {
    Ok(serde_json::from_value(s.execute(
        "const t = window.__lanyardTrace || [];\
         return [t.filter((e) => e[0] === 'search_now').length, t.filter((e) => e[0] === 'search').length];",
    )?)?)
}

/// Scripts whose names the search box must find as typed, by a character
/// range of each: those of the demo event's people (Thai, Georgian and
/// Devanagari names are searched through the api in `tests/scenarios`).
const SCRIPTS: [(&str, char, char); 8] = [
    ("Vietnamese", '\u{1EA0}', '\u{1EFF}'),
    ("Greek", '\u{0370}', '\u{03FF}'),
    ("Cyrillic", '\u{0400}', '\u{04FF}'),
    ("Hebrew", '\u{0590}', '\u{05FF}'),
    ("Arabic", '\u{0600}', '\u{06FF}'),
    ("Kana", '\u{3040}', '\u{30FF}'),
    ("Hangul", '\u{AC00}', '\u{D7AF}'),
    ("Han", '\u{4E00}', '\u{9FFF}'),
];

#[test]
fn names_in_many_scripts_are_found_as_typed_through_the_search_box_s_own_search() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = start(&dir.path().join("event.db"))?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    let search = s.wait_for_focus("search")?;
    s.execute("window.__lanyardTrace = [];")?;
    let people = demo::generate(demo::DEFAULT_SEED, demo::DEFAULT_COUNT)?.attendees;
    let mut found = Vec::new();
    for (script, from, to) in SCRIPTS {
        let in_script = |c: char| (from..=to).contains(&c);
        let Some(person) = people.iter().find(|a| a.display_name.chars().any(in_script)) else {
            anyhow::bail!("the demo event has nobody named in {script}");
        };
        // The longest word of the name, as a volunteer reads it off a ticket.
        let word = person
            .display_name
            .split_whitespace()
            .max_by_key(|w| w.chars().count())
            .unwrap_or(&person.display_name);
        s.send_keys(&search, ESCAPE)?;
        s.send_keys(&search, word)?;
        s.wait_until("[data-testid=result]", |t| t.contains(&person.display_name))?;
        found.push(format!("{script}: {word}"));
    }
    // Every one went through the search box's own scheme, none by the command.
    let (now, later) = searches_traced(&s)?;
    anyhow::ensure!(
        now >= SCRIPTS.len() && later == 0,
        "searched at once: {now}, by the command: {later} ({found:?})"
    );
    Ok(())
}
