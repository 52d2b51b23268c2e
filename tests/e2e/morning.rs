//! The volunteer's first morning (issue 9), in the real window: a scan is
//! never lost whatever had the focus; namesakes are never pre-chosen and
//! show what tells them apart; a click only chooses; a walk-in or an import
//! row that looks like someone registered is asked about first; someone who
//! owes is let in by a lead; the next step is always on screen (print from a
//! result, the printer in use, failed prints, undo naming whose, "nobody
//! matches" offering a walk-in, corrections, the lock screen, the first
//! run); the desk fits the screens desks have.

use crate::desk::{LEAD, LEAD_PIN, choose_printer, set_up_first_lead, start, start_shift, unlock, wait_gone};
use crate::driver::{ALT, ARROW_DOWN, CONTROL, ENTER, ESCAPE, Session, TAB};
use anyhow::Result;
use lanyard_core::demo;
use std::time::Duration;

/// The demo event's people, as the window creates them on a first start.
fn people() -> Result<Vec<lanyard_core::NewAttendee>> {
    Ok(demo::generate(demo::DEFAULT_SEED, demo::DEFAULT_COUNT)?.attendees)
}

/// The badge code of the demo attendee called `name`.
fn code_of(name: &str) -> Result<String> {
    let people = people()?;
    let a = people
        .iter()
        .find(|a| a.display_name == name)
        .ok_or_else(|| anyhow::anyhow!("{name} is in the demo"))?;
    Ok(a.badge_code.to_string())
}

/// Text as read, without the bidi isolates that wrap names and other data (U+2068, U+2069).
fn plain(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\u{2068}' | '\u{2069}')).collect()
}

/// Waits until an element matching `css` has `part` in its text, isolates aside; its text, plain.
fn text_with(s: &Session, css: &str, part: &str) -> Result<String> {
    let element = s.wait_until(css, |t| plain(t).contains(part))?;
    Ok(plain(&s.text(&element)?))
}

/// The status line, once it is of `kind` and contains `part`; its text.
fn status(s: &Session, kind: &str, part: &str) -> Result<String> {
    text_with(s, &format!("[data-testid=status][data-kind={kind}]"), part)
}

/// "N of M checked in" in the header: N.
fn checked_in_count(s: &Session) -> Result<u64> {
    let counts = plain(&s.text(&s.wait_until("[data-testid=counts]", |t| plain(t).contains(" of "))?)?);
    Ok(counts.split(" of ").next().and_then(|n| n.trim().parse().ok()).unwrap_or(u64::MAX))
}

/// A fresh event with its first lead, and Robin's shift started.
fn morning(dir: &tempfile::TempDir) -> Result<Session> {
    let s = start(&dir.path().join("event.db"))?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    s.wait_for_focus("search")?;
    Ok(s)
}

/// Imports `fixture` as the lead; returns the dry run's lookalike lines.
fn import(s: &Session, fixture: &str) -> Result<Vec<String>> {
    s.click(&s.wait_for("[data-testid=nav-import]")?)?;
    let file = lanyard_tests::fixture(fixture);
    s.send_keys(&s.wait_for("[data-testid=import-file]")?, &file.display().to_string())?;
    s.wait_for("[data-testid=import-new]")?;
    let lookalikes = s
        .find_all("[data-testid=import-lookalike]")?
        .iter()
        .map(|l| s.text(l))
        .collect::<Result<Vec<_>>>()?;
    s.click(&s.wait_for("[data-testid=import-confirm]")?)?;
    unlock(s, LEAD, LEAD_PIN)?;
    s.wait_for("[data-testid=import-done]")?;
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    s.wait_for_focus("search")?;
    Ok(lookalikes)
}

/// The result rows' `aria-selected` values, in order.
fn selection(s: &Session) -> Result<Vec<bool>> {
    s.find_all("[data-testid=result]")?
        .iter()
        .map(|r| Ok(s.attribute(r, "aria-selected")?.as_deref() == Some("true")))
        .collect()
}

#[test]
fn a_scan_after_two_tabs_and_a_click_on_empty_space_still_checks_the_person_in() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let code = code_of("Zoë Lefèvre")?;

    // Two Tabs take the focus out of the search box, and a click on empty
    // space (the key hints under the list) leaves it nowhere.
    s.keys(&format!("{TAB}{TAB}"))?;
    assert_ne!(s.focused()?, "search", "two Tabs moved the focus away");
    s.click(&s.wait_for(".keys")?)?;
    let now = s.focused()?;
    assert_ne!(now, "search", "the click on empty space left the search box: {now}");

    // The scanner types the code and its Enter into whatever has the focus:
    // the person is checked in all the same, with no key pressed after it.
    s.keys(&format!("{code}{ENTER}"))?;
    status(&s, "checked_in", "Zoë Lefèvre")?;
    assert_eq!(checked_in_count(&s)?, 1);
    s.wait_for_focus("search")?;

    // Esc and Alt+1 bring the focus back too, from wherever it went.
    s.keys(&format!("{TAB}{TAB}"))?;
    assert_ne!(s.focused()?, "search");
    s.keys(ESCAPE)?;
    s.wait_for_focus("search")?;
    s.click(&s.wait_for(".keys")?)?;
    s.chord(ALT, "1")?;
    s.wait_for_focus("search")?;

    // A second scan after another click elsewhere: the desk says who, not nothing.
    s.click(&s.wait_for(".keys")?)?;
    s.keys(&format!("{code}{ENTER}"))?;
    status(&s, "already_checked_in", "Zoë Lefèvre")?;
    Ok(())
}

#[test]
fn namesakes_are_never_pre_chosen_and_show_affiliation_ticket_and_email_hint() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;

    // A pretix export brings a second José Núñez (another id, another
    // e-mail): the dry run says he looks like the one already registered.
    let lookalikes = import(&s, "pretix.csv")?;
    assert!(
        lookalikes.iter().any(|l| l.contains("José Núñez") && l.contains("looks like")),
        "the dry run lists the lookalike: {lookalikes:?}"
    );

    // The demo's José arrives first and is checked in by his badge.
    let search = s.wait_for_focus("search")?;
    s.send_keys(&search, &format!("{}{ENTER}", code_of("José Núñez")?))?;
    status(&s, "checked_in", "José Núñez")?;

    // The second José comes to the desk: both rows show, neither is chosen,
    // each says what tells them apart.
    s.send_keys(&search, "jose nunez")?;
    s.wait_until("[data-testid=result]", |t| plain(t).contains("Bilbao"))?;
    let rows = s.find_all("[data-testid=result]")?;
    assert_eq!(rows.len(), 2, "two people are called José Núñez");
    assert_eq!(selection(&s)?, [false, false], "namesakes are never pre-chosen");
    let metas =
        s.find_all("[data-testid=result-meta]")?.iter().map(|m| s.text(m)).collect::<Result<Vec<_>>>()?;
    assert!(
        metas.iter().all(|m| m.contains('…') && m.contains('@')),
        "each row has an e-mail hint: {metas:?}"
    );
    assert!(metas.iter().any(|m| m.contains("Conference")), "the ticket type shows: {metas:?}");

    // Enter without a choice checks nobody in and says why.
    s.send_keys(&search, ENTER)?;
    status(&s, "choose", "More than one person is called")?;
    assert_eq!(checked_in_count(&s)?, 1, "nobody was checked in by an Enter without a choice");

    assert_ne!(metas[0], metas[1], "the rows tell the two apart: {metas:?}");

    // The volunteer chooses the one from Bilbao (the e-mail on his ticket says j…), then Enter.
    let pretix = s.wait_until("[data-testid=result]", |t| plain(t).contains("Bilbao"))?;
    s.click(&pretix)?;
    s.wait_until("[data-testid=result][aria-selected=true]", |t| plain(t).contains("Bilbao"))?;
    s.send_keys(&search, ENTER)?;
    status(&s, "checked_in", "José Núñez")?;
    let undo = text_with(&s, "[data-testid=undo-open]", "José Núñez")?;
    assert!(undo.contains("Undo"), "{undo}");
    assert_eq!(checked_in_count(&s)?, 2);
    Ok(())
}

#[test]
fn one_click_only_chooses_and_enter_or_the_rows_button_checks_in() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, "garc")?;
    s.wait_until("[data-testid=result]", |t| plain(t).contains("Garc"))?;
    let rows = s.find_all("[data-testid=result]")?;
    anyhow::ensure!(rows.len() >= 2, "more than one García in the demo");

    // A click on the second row chooses it; nobody is checked in.
    let second = rows[1].clone();
    let name = plain(&s.text(&s.find_all("[data-testid=result] .name")?[1])?);
    s.click(&second)?;
    s.wait_until("[data-testid=result][aria-selected=true]", |t| plain(t).contains(&name))?;
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(checked_in_count(&s)?, 0, "a click checks nobody in");
    assert!(s.find_all("[data-testid=status][data-kind=checked_in]")?.is_empty(), "no check-in was said");
    assert_eq!(s.focused()?, "search", "the focus stays in the search box after the click");

    // Enter confirms the chosen row.
    s.send_keys(&search, ENTER)?;
    status(&s, "checked_in", &name)?;

    // The row's own button confirms its row.
    s.send_keys(&search, "zoe")?;
    let zoe = s.wait_until("[data-testid=result]", |t| plain(t).contains("Zoë Lefèvre"))?;
    let button = s.find_all("[data-testid=result-checkin]")?;
    let rows = s.find_all("[data-testid=result]")?;
    let at = rows.iter().position(|r| *r == zoe).unwrap_or(0);
    s.click(&button[at])?;
    status(&s, "checked_in", "Zoë Lefèvre")?;
    assert_eq!(checked_in_count(&s)?, 2);
    Ok(())
}

#[test]
fn a_walk_in_with_a_registered_name_is_asked_about_before_anyone_is_created() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let before = s.text(&s.wait_until("[data-testid=counts]", |t| plain(t).contains(" of "))?)?;
    s.click(&s.wait_for("[data-testid=nav-walkin]")?)?;
    let name = s.wait_for_focus("walkin-name")?;
    s.send_keys(&name, "Zoe LEFEVRE")?;
    s.click(&s.wait_for("[data-testid=walkin-save]")?)?;

    // The possible match, with what tells them apart; nothing was created.
    let shown = s.text(&s.wait_until("[data-testid=lookalike]", |t| plain(t).contains("Zoë Lefèvre"))?)?;
    assert!(shown.contains('@') || shown.contains('·'), "the lookalike's details: {shown}");
    assert!(s.find_all("[data-testid=walkin-status][data-kind=checked_in]")?.is_empty());
    let after = s.text(&s.wait_for("[data-testid=counts]")?)?;
    assert_eq!(before, after, "nobody was registered or checked in before the volunteer decided");

    // They are someone else: registered as a new person, checked in, badge on screen.
    s.click(&s.wait_for("[data-testid=confirm-new]")?)?;
    s.wait_until("[data-testid=walkin-status][data-kind=checked_in]", |t| plain(t).contains("Zoe LEFEVRE"))?;
    s.wait_for("[data-testid=badge-panel] [data-testid=print-badge]")?;
    assert_eq!(checked_in_count(&s)?, 1);
    Ok(())
}

#[test]
fn someone_who_owes_is_let_in_by_a_lead_with_the_pin() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let people = people()?;
    let owing = people.iter().find(|a| a.amount_due_cents > 0).expect("the demo has someone who owes");

    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{}{ENTER}", owing.badge_code))?;
    let refused = status(&s, "amount_due", &owing.display_name)?;
    assert!(
        refused.contains("a lead lets them in now with their PIN"),
        "the refusal says the way on: {refused}"
    );
    s.wait_for("[data-testid=settle-open]")?;

    // The lead's override: name and PIN, then they are in, still owing.
    s.click(&s.wait_for("[data-testid=admit-owing]")?)?;
    s.wait_for("[data-testid=admit-lead]")?;
    unlock(&s, LEAD, LEAD_PIN)?;
    let done = status(&s, "checked_in", &owing.display_name)?;
    assert!(done.contains("still owes"), "the receipt says the money is still owed: {done}");
    assert_eq!(checked_in_count(&s)?, 1);
    Ok(())
}

#[test]
fn print_from_a_result_with_ctrl_p_on_the_printer_shown_and_failed_prints_listed_for_retry() -> Result<()> {
    let queue = std::env::var("LANYARD_TEST_PRINTER")
        .map_err(|_| anyhow::anyhow!("LANYARD_TEST_PRINTER is not set: run with scripts/cups-test-queue"))?;
    let off = std::env::var("LANYARD_TEST_PRINTER_OFF").unwrap_or_else(|_| "BadgeOff".into());
    let out = std::env::var("LANYARD_TEST_PRINTER_OUT")?;
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    s.wait_until("[data-testid=checkin-printer]", |t| plain(t).contains("No printer"))?;
    choose_printer(&s, &queue)?;
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    s.wait_until("[data-testid=checkin-printer]", |t| plain(t).contains(&format!("Printer: {queue}")))?;

    // Ctrl+P on the highlighted row prints that person's badge, no check-in needed.
    // The demo has two Zoë Lefèvres, so nobody is pre-chosen: the arrow chooses the first.
    let search = s.wait_for_focus("search")?;
    s.send_keys(&search, "zoe lef")?;
    s.wait_until("[data-testid=result]", |t| plain(t).contains("Zoë Lefèvre"))?;
    if selection(&s)?.iter().all(|chosen| !chosen) {
        s.send_keys(&search, ARROW_DOWN)?;
    }
    s.wait_until("[data-testid=result][aria-selected=true]", |t| plain(t).contains("Zoë Lefèvre"))?;
    s.chord(CONTROL, "p")?;
    let printed = status(&s, "printed", "Zoë Lefèvre")?;
    assert!(printed.contains(&queue), "{printed}");
    crate::print::wait_for_output(&out, &crate::print::last_job(&queue)?)?;
    assert_eq!(checked_in_count(&s)?, 0, "printing is not checking in");

    // On a printer that is not taking jobs the badge is listed, with a retry.
    choose_printer(&s, &off)?;
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    let search = s.wait_for_focus("search")?;
    s.send_keys(&search, "jose nu")?;
    s.wait_until("[data-testid=result][aria-selected=true]", |t| plain(t).contains("José Núñez"))?;
    s.chord(CONTROL, "p")?;
    s.wait_until("[data-testid=failed-print]", |t| plain(t).contains("José Núñez"))?;
    // The list stays while a lead switches the printer back, and Ctrl+R retries the first.
    choose_printer(&s, &queue)?;
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    s.wait_for_focus("search")?;
    s.wait_until("[data-testid=failed-print]", |t| plain(t).contains("José Núñez"))?;
    s.chord(CONTROL, "r")?;
    status(&s, "printed", "José Núñez")?;
    crate::print::wait_for_output(&out, &crate::print::last_job(&queue)?)?;
    wait_gone(&s, "[data-testid=failed-print]")?;
    Ok(())
}

#[test]
fn undo_is_offered_right_after_a_check_in_naming_whose() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{}{ENTER}", code_of("Zoë Lefèvre")?))?;
    status(&s, "checked_in", "Zoë Lefèvre")?;
    let undo = s.wait_until("[data-testid=undo-open]", |t| plain(t).contains("Zoë Lefèvre"))?;
    assert!(s.text(&undo)?.contains("Undo"), "{}", s.text(&undo)?);
    s.wait_until("[data-testid=recent-checkin]", |t| plain(t).contains("Zoë Lefèvre"))?;

    s.click(&undo)?;
    s.wait_until("[data-testid=undo-title]", |t| plain(t).contains("Zoë Lefèvre"))?;
    s.send_keys(&s.wait_for("[data-testid=undo-reason]")?, "scanned the wrong badge")?;
    s.send_keys(&s.wait_for("[data-testid=undo-pin]")?, &format!("{LEAD_PIN}{ENTER}"))?;
    status(&s, "undone", "Zoë Lefèvre")?;
    assert_eq!(checked_in_count(&s)?, 0);
    Ok(())
}

#[test]
fn already_checked_in_names_the_person_and_agrees_with_the_badge_not_printed() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let code = code_of("José Núñez")?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{code}{ENTER}"))?;
    status(&s, "checked_in", "José Núñez")?;
    s.send_keys(&search, &format!("{code}{ENTER}"))?;
    let said = status(&s, "already_checked_in", "not been printed yet")?;
    assert!(said.contains("Already checked in: José Núñez"), "the title names the person: {said}");
    assert!(!said.contains("second"), "no word of a second badge beside a badge never printed: {said}");
    s.wait_until("[data-testid=badge-panel]", |t| plain(t).contains("Not printed yet"))?;
    Ok(())
}

#[test]
fn nobody_matches_keeps_the_text_and_offers_a_walk_in_with_the_name_filled_in() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, "Xiomara Quintanilla")?;
    s.wait_for("[data-testid=no-match]")?;
    s.send_keys(&search, ENTER)?;
    status(&s, "unknown_code", "Xiomara Quintanilla")?;
    assert_eq!(s.property(&search, "value")?, "Xiomara Quintanilla", "what was typed stays");

    // The walk-in form opens with the name, registers and shows the badge to print.
    s.click(&s.wait_until("[data-testid=walkin-offer]", |t| plain(t).contains("Xiomara Quintanilla"))?)?;
    let name = s.wait_for("[data-testid=walkin-name]")?;
    assert_eq!(s.property(&name, "value")?, "Xiomara Quintanilla");
    s.click(&s.wait_for("[data-testid=walkin-save]")?)?;
    s.wait_until("[data-testid=walkin-status][data-kind=checked_in]", |t| {
        plain(t).contains("Xiomara Quintanilla")
    })?;
    s.wait_for("[data-testid=badge-panel] [data-testid=print-badge]")?;
    Ok(())
}

#[test]
fn ctrl_e_after_a_check_in_corrects_at_once_and_a_lead_corrects_ticket_type_and_amount_owed() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{}{ENTER}", code_of("Zoë Lefèvre")?))?;
    status(&s, "checked_in", "Zoë Lefèvre")?;

    // Ctrl+E right after the check-in corrects the person just checked in.
    s.chord(CONTROL, "e")?;
    let affiliation = s.wait_for("[data-testid=edit-affiliation]")?;
    let name = s.wait_for_focus("edit-name")?;
    assert_eq!(s.property(&name, "value")?, "Zoë Lefèvre");
    // A name far too long is refused as a sentence naming the field, which gets the focus.
    s.send_keys(&name, &"x".repeat(300))?;
    s.click(&s.wait_for("[data-testid=edit-save]")?)?;
    let error = plain(&s.text(&s.wait_for("[data-testid=edit-error][data-kind=invalid_input]")?)?);
    assert!(
        error.contains("name") && error.contains("200") && !error.contains("Something went wrong"),
        "a sentence naming the field: {error}"
    );
    s.wait_for_focus("edit-name")?;
    s.execute("const e = document.querySelector('[data-testid=edit-name]'); e.value = 'Zoë Lefèvre'; e.dispatchEvent(new Event('input'));")?;
    s.execute("const e = document.querySelector('[data-testid=edit-affiliation]'); e.value = ''; e.dispatchEvent(new Event('input'));")?;
    s.send_keys(&affiliation, "Café Lumière")?;
    s.click(&s.wait_for("[data-testid=edit-save]")?)?;
    status(&s, "edited", "Zoë Lefèvre")?;
    // Her new affiliation tells her from the demo's other Zoë Lefèvre.
    s.send_keys(&search, "zoe lef caf")?;
    s.wait_until("[data-testid=result][aria-selected=true]", |t| plain(t).contains("Café Lumière"))?;

    // A lead corrects the ticket type and the amount owed on the chosen row; "abc" is refused at its field.
    s.chord(CONTROL, "e")?;
    let ticket = s.wait_for("[data-testid=edit-ticket]")?;
    s.execute("const e = document.querySelector('[data-testid=edit-ticket]'); e.value = ''; e.dispatchEvent(new Event('input'));")?;
    s.send_keys(&ticket, "Student")?;
    s.send_keys(&s.wait_for("[data-testid=edit-due]")?, "abc")?;
    s.click(&s.wait_for("[data-testid=edit-save]")?)?;
    unlock(&s, LEAD, LEAD_PIN)?;
    let error = plain(&s.text(&s.wait_for("[data-testid=edit-error][data-kind=invalid_input]")?)?);
    assert!(error.contains("Amount owed") || error.contains("amount"), "the field is named: {error}");
    s.wait_for_focus("edit-due")?;
    s.execute("const e = document.querySelector('[data-testid=edit-due]'); e.value = '12.00'; e.dispatchEvent(new Event('input'));")?;
    s.click(&s.wait_for("[data-testid=edit-save]")?)?;
    status(&s, "edited", "Zoë Lefèvre")?;
    // The row on screen shows the correction at once, without typing again.
    let row = s.wait_until("[data-testid=result]", |t| plain(t).contains("Student"))?;
    assert!(plain(&s.text(&row)?).contains("Café Lumière"), "{}", s.text(&row)?);
    s.chord(CONTROL, "e")?;
    let due = s.wait_for("[data-testid=edit-due]")?;
    assert_eq!(s.property(&due, "value")?, "12.00", "the amount owed was saved");
    s.keys(ESCAPE)?;
    wait_gone(&s, "[data-testid=edit-due]")?;
    Ok(())
}

#[test]
fn the_desk_locks_hiding_everything_until_the_volunteer_types_their_name() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{}{ENTER}", code_of("Zoë Lefèvre")?))?;
    status(&s, "checked_in", "Zoë Lefèvre")?;

    s.chord(CONTROL, "l")?;
    s.wait_for_focus("lock-name")?;
    let shown = s.execute("return document.body.innerText;")?;
    let shown = shown.as_str().unwrap_or_default();
    assert!(!shown.contains("Zoë") && !shown.contains("Robin"), "nothing personal shows: {shown}");
    // A scan while locked goes nowhere near the search box.
    let name = s.wait_for("[data-testid=lock-name]")?;
    s.send_keys(&name, &format!("Sam{ENTER}"))?;
    s.wait_for("[data-testid=lock-error]")?;
    s.execute("const e = document.querySelector('[data-testid=lock-name]'); e.value = ''; e.dispatchEvent(new Event('input'));")?;
    s.send_keys(&name, &format!("robin{ENTER}"))?;
    wait_gone(&s, "[data-testid=lock-screen]")?;
    // The desk is as it was left.
    s.wait_until("[data-testid=status][data-kind=checked_in]", |t| plain(t).contains("Zoë Lefèvre"))?;
    s.wait_until("[data-testid=who]", |t| plain(t).contains("Robin"))?;

    // A lead unlocks with the PIN too.
    s.click(&s.wait_for("[data-testid=lock-desk]")?)?;
    let name = s.wait_for_focus("lock-name")?;
    s.send_keys(&name, LEAD)?;
    s.send_keys(&s.wait_for("[data-testid=lock-pin]")?, &format!("{LEAD_PIN}{ENTER}"))?;
    wait_gone(&s, "[data-testid=lock-screen]")?;
    Ok(())
}

#[test]
fn the_first_run_says_how_the_desk_works_and_one_key_dismisses_it() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    let intro = s.text(&s.wait_for("[data-testid=how-it-works]")?)?;
    assert!(intro.contains("Enter") && intro.contains("Ctrl+P") && intro.contains("lead"), "{intro}");
    // One key: it goes, and the key still went to the search box.
    s.keys("z")?;
    wait_gone(&s, "[data-testid=how-it-works]")?;
    assert_eq!(s.property(&s.wait_for("[data-testid=search]")?, "value")?, "z");
    // It does not come back on this desk.
    s.click(&s.wait_for("[data-testid=nav-live]")?)?;
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    s.wait_for_focus("search")?;
    assert!(s.find_all("[data-testid=how-it-works]")?.is_empty(), "dismissed for good");
    Ok(())
}

/// What does not fit at the current size: elements whose bottom is below the window, as text.
fn off_screen(s: &Session, css: &str) -> Result<Vec<String>> {
    let script = format!(
        "return [...document.querySelectorAll('{css}')].filter(e => e.offsetParent !== null)\
           .filter(e => e.getBoundingClientRect().bottom > window.innerHeight + 0.5)\
           .map(e => (e.dataset.testid || e.className || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().bottom));"
    );
    let v = s.execute(&script)?;
    Ok(v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        .unwrap_or_default())
}

/// Visible buttons and checkboxes smaller than 32 px in either direction, as text.
fn too_small(s: &Session) -> Result<Vec<String>> {
    let v = s.execute(
        "return [...document.querySelectorAll('button, input[type=checkbox]')].filter(e => e.offsetParent !== null)\
           .filter(e => { const r = e.getBoundingClientRect(); return r.height < 32 || r.width < 32; })\
           .map(e => (e.dataset.testid || e.textContent.trim().slice(0, 20) || e.tagName) + ' ' + \
                Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height));",
    )?;
    Ok(v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        .unwrap_or_default())
}

#[test]
fn the_desk_fits_1280x800_1366x768_and_1920x1080_with_long_names_cut_and_controls_of_32_px() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = morning(&dir)?;
    // Someone with a very long name, registered anyway.
    let long = "Maximiliana Alexandrovna Konstantinopolskaya-Wolfeschlegelsteinhausenbergerdorff von Hohenzollern-Sigmaringen";
    s.click(&s.wait_for("[data-testid=nav-walkin]")?)?;
    s.send_keys(&s.wait_for_focus("walkin-name")?, long)?;
    s.click(&s.wait_for("[data-testid=walkin-save]")?)?;
    s.wait_for("[data-testid=walkin-status][data-kind=checked_in]")?;

    for (width, height) in [(1280, 800), (1366, 768), (1920, 1080)] {
        s.set_window_size(width, height)?;
        std::thread::sleep(Duration::from_millis(300));
        let inner = s.execute("return [window.innerWidth, window.innerHeight];")?;
        // Walk-in: the submit button is on screen.
        s.click(&s.wait_for("[data-testid=nav-walkin]")?)?;
        s.wait_for("[data-testid=walkin-save]")?;
        std::thread::sleep(Duration::from_millis(300));
        s.screenshot(
            &lanyard_tests::workspace_root().join(format!("target/e2e/fit-walkin-{width}x{height}.png")),
        )?;
        let off = off_screen(&s, "[data-testid=walkin-save]")?;
        assert!(off.is_empty(), "{width}x{height} ({inner}): the walk-in's submit falls off: {off:?}");
        let small = too_small(&s)?;
        assert!(small.is_empty(), "{width}x{height}: controls under 32 px on the walk-in form: {small:?}");

        // Check-in: the key hints are on screen with results, and the long name is one line, cut.
        s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
        let search = s.wait_for_focus("search")?;
        s.send_keys(&search, "maximiliana")?;
        s.wait_until("[data-testid=result]", |t| plain(t).contains("Maximiliana"))?;
        let off = off_screen(&s, ".keys, [data-testid=search]")?;
        assert!(off.is_empty(), "{width}x{height}: the key hints fall off: {off:?}");
        let cut = s.execute(
            "const n = [...document.querySelectorAll('[data-testid=result] .name')].find(e => e.textContent.startsWith('Maximiliana'));\
             const style = getComputedStyle(n);\
             return [n.scrollWidth > n.clientWidth, style.textOverflow, n.getBoundingClientRect().height, parseFloat(style.lineHeight) || 30];",
        )?;
        assert_eq!(cut[0], true, "{width}x{height}: the long name overflows its box: {cut}");
        assert_eq!(cut[1], "ellipsis", "{width}x{height}: cut with an ellipsis: {cut}");
        assert!(cut[2].as_f64().unwrap_or(999.0) < 2.0 * cut[3].as_f64().unwrap_or(0.0), "one line: {cut}");
        let small = too_small(&s)?;
        assert!(small.is_empty(), "{width}x{height}: controls under 32 px on the check-in screen: {small:?}");
        s.send_keys(&search, ESCAPE)?;
    }

    // Every other screen, at the smallest size: controls of 32 px, on the
    // lead's unlock form too.
    s.set_window_size(1280, 800)?;
    for tab in ["badges", "import", "live", "leads", "cash"] {
        s.click(&s.wait_for(&format!("[data-testid=nav-{tab}]"))?)?;
        std::thread::sleep(Duration::from_millis(300));
        if !s.find_all("[data-testid=lead-unlock]")?.is_empty() {
            let small = too_small(&s)?;
            assert!(small.is_empty(), "{tab}: controls under 32 px on the lead's unlock form: {small:?}");
            unlock(&s, LEAD, LEAD_PIN)?;
            std::thread::sleep(Duration::from_millis(300));
        }
        if tab == "leads" {
            // The lead's screen has its first field focused.
            s.wait_for_focus("new-lead-name")?;
        }
        s.screenshot(&lanyard_tests::workspace_root().join(format!("target/e2e/fit-{tab}-1280x800.png")))?;
        let small = too_small(&s)?;
        assert!(small.is_empty(), "{tab}: controls under 32 px: {small:?}");
    }

    // The import's file chooser is a large button.
    s.click(&s.wait_for("[data-testid=nav-import]")?)?;
    s.wait_for("[data-testid=import-file]")?;
    let height = s.execute(
        "return document.querySelector('[data-testid=import-file]').getBoundingClientRect().height;",
    )?;
    assert!(height.as_f64().unwrap_or(0.0) >= 44.0, "the file chooser is a large button ({height} px high)");
    Ok(())
}
