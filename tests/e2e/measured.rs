//! The volunteer's first morning, measured (issue 9): keystrokes and time
//! in the app for a scan with printing on check-in, for a check-in by name,
//! for the scan after the focus went astray, keypress to results painted
//! at 50,000 attendees, and the layout of a name in a script the desk has
//! not shown yet. Times are read in the page (`performance.now()`, and
//! a `requestAnimationFrame` after the DOM changed, i.e. the start of the
//! frame that paints the change), not by the WebDriver client. Each journey
//! prints its figures on stderr and appends them to
//! `target/e2e/measured.txt`; `docs/benchmarks.md` quotes them.

use crate::desk::{LEAD, LEAD_PIN, set_up_first_lead, start, start_shift, unlock};
use crate::driver::{ENTER, ESCAPE, Session, TAB, app_binary};
use anyhow::{Context, Result};
use lanyard_core::demo;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Records a figure: on stderr and in `target/e2e/measured.txt`.
fn report(line: &str) -> Result<()> {
    eprintln!("measured: {line}");
    let path = lanyard_tests::workspace_root().join("target/e2e/measured.txt");
    std::fs::create_dir_all(path.parent().context("a folder")?)?;
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    writeln!(file, "{line}")?;
    Ok(())
}

/// Installs the page's stopwatch: it starts at `key` (with `""`, any key
/// that types a character) pressed in (or redirected to) the search box,
/// and stops at the frame after the element matching `css` appears or
/// changes; `window.__lanyardLaps` collects the laps.
/// `window.__lanyardMarks` keeps, for each lap, the key's time, when the
/// DOM changed, when that frame began, the frame times (the timestamp
/// every `requestAnimationFrame` callback of one frame shares) of the frame
/// that painted the key itself and of the one that painted the change, and
/// whether the key was typed into an empty box, the key's number, what the
/// box held and the first result's name.
fn install_stopwatch(s: &Session, key: &str, css: &str) -> Result<()> {
    let script = format!(
        "window.__lanyardLaps = []; window.__lanyardMarks = []; window.__lanyardEchoes = []; window.__lanyardStart = null;\
         if (!window.__lanyardWatch) {{\
           window.__lanyardWatch = true;\
           document.addEventListener('keydown', (e) => {{\
             if ({key:?} === '' ? [...e.key].length !== 1 : e.key !== {key:?}) return;\
             const at = window.__lanyardStart = performance.now();\
             window.__lanyardEmpty = document.querySelectorAll('[data-testid=result]').length === 0;\
             const id = window.__lanyardKey = (window.__lanyardKey || 0) + 1;\
             requestAnimationFrame((ts) => {{ window.__lanyardEcho = [id, ts]; window.__lanyardEchoes.push(ts - at); }});\
           }}, true);\
           new MutationObserver((records) => {{\
             const start = window.__lanyardStart;\
             if (start === null) return;\
             const hit = records.some((r) => {{\
               const t = r.target.nodeType === 1 ? r.target : r.target.parentElement;\
               return (t && t.closest && t.closest({css:?})) || [...r.addedNodes].some((n) => n.nodeType === 1 && (n.matches({css:?}) || n.querySelector({css:?})));\
             }});\
             if (!hit) return;\
             window.__lanyardStart = null;\
             const id = window.__lanyardKey;\
             const first = window.__lanyardEmpty;\
             const dom = performance.now();\
             requestAnimationFrame((ts) => {{\
               const frame = performance.now();\
               const echo = window.__lanyardEcho && window.__lanyardEcho[0] === id ? window.__lanyardEcho[1] : null;\
               window.__lanyardLaps.push(frame - start);\
               const box = document.querySelector('[data-testid=search]');\
               const top = document.querySelector('[data-testid=result] .name');\
               window.__lanyardMarks.push([start, dom, frame, echo, ts, first, id, box ? box.value : '', top ? top.textContent : '']);\
             }});\
           }}).observe(document.body, {{ childList: true, subtree: true, characterData: true, attributes: true }});\
         }}"
    );
    s.execute(&script)?;
    Ok(())
}

/// The numbers of the array `script` returns (nulls and anything else left out).
fn numbers(s: &Session, script: &str) -> Result<Vec<f64>> {
    let v = s.execute(script)?;
    Ok(v.as_array().map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect()).unwrap_or_default())
}

/// The laps measured so far, in milliseconds.
fn laps(s: &Session) -> Result<Vec<f64>> {
    numbers(s, "return window.__lanyardLaps || [];")
}

/// Waits until `n` laps were measured (5 s); false if they were not.
fn wait_for_laps(s: &Session, n: usize) -> Result<bool> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while laps(s)?.len() < n {
        if Instant::now() > deadline {
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(true)
}

/// The `q` quantile (0..=1) of `values`, nearest rank.
fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// "p50 … ms, p99 … ms over N keys".
fn spread(values: &[f64]) -> String {
    format!(
        "p50 {:.1} ms, p99 {:.1} ms over {} keys",
        quantile(values, 0.5),
        quantile(values, 0.99),
        values.len()
    )
}

/// A lead turns on printing on check-in to `queue`.
fn auto_print_to(s: &Session, queue: &str) -> Result<()> {
    s.click(&s.wait_for("[data-testid=nav-badges]")?)?;
    unlock(s, LEAD, LEAD_PIN)?;
    s.click(&s.wait_for(&format!("[data-testid=printer-select] option[value={queue}]"))?)?;
    let auto = s.wait_for("[data-testid=auto-print]")?;
    if s.execute("return document.querySelector('[data-testid=auto-print]').checked;")?
        != serde_json::Value::Bool(true)
    {
        s.click(&auto)?;
    }
    s.click(&s.wait_for("[data-testid=save-printer]")?)?;
    s.wait_until("[data-testid=badges-message][data-kind=printer_saved]", |t| t.contains(queue))?;
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    s.wait_for_focus("search")?;
    s.wait_until("[data-testid=checkin-printer]", |t| t.contains("prints on check-in"))?;
    Ok(())
}

fn printer_env() -> Result<(String, String)> {
    let queue = std::env::var("LANYARD_TEST_PRINTER").context(
        "LANYARD_TEST_PRINTER is not set: run with scripts/cups-test-queue, as scripts/check does",
    )?;
    Ok((queue, std::env::var("LANYARD_TEST_PRINTER_OUT")?))
}

#[test]
fn measured_a_scan_with_printing_on_check_in_needs_no_key_after_the_scanners_enter() -> Result<()> {
    let (queue, out) = printer_env()?;
    let dir = tempfile::tempdir()?;
    let s = start(&dir.path().join("event.db"))?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    auto_print_to(&s, &queue)?;
    let people = demo::generate(demo::DEFAULT_SEED, demo::DEFAULT_COUNT)?.attendees;
    let zoe = people.iter().find(|a| a.display_name == "Zoë Lefèvre").context("Zoë is in the demo")?;

    // From the scanner's Enter to the frame that shows the badge sent.
    install_stopwatch(&s, "Enter", "[data-testid=print-status][data-kind=printed]")?;
    let search = s.wait_for("[data-testid=search]")?;
    s.send_keys(&search, &format!("{}{ENTER}", zoe.badge_code))?;
    s.wait_until("[data-testid=print-status][data-kind=printed]", |t| t.contains(&queue))?;
    anyhow::ensure!(wait_for_laps(&s, 1)?, "the stopwatch saw the badge sent");
    let ms = laps(&s)?[0];
    let file = crate::print::wait_for_output(&out, &crate::print::last_job(&queue)?)?;
    report(&format!(
        "scan with printing on check-in: 0 keys after the scanner's Enter; Enter to badge sent (shown) {ms:.0} ms; cups-pdf wrote {}",
        file.file_name().and_then(|n| n.to_str()).unwrap_or_default()
    ))?;
    Ok(())
}

#[test]
fn measured_a_check_in_by_name_takes_the_fewest_keys_from_the_first_letter_to_the_badge_sent() -> Result<()> {
    let (queue, out) = printer_env()?;
    let dir = tempfile::tempdir()?;
    let s = start(&dir.path().join("event.db"))?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    auto_print_to(&s, &queue)?;

    // The shortest prefix of "maria garcia" that puts María García first and chosen.
    let typed = "maria garcia";
    let search = s.wait_for("[data-testid=search]")?;
    let mut fewest = None;
    for n in 1..=typed.len() {
        let prefix = &typed[..n];
        s.send_keys(&search, ESCAPE)?;
        s.send_keys(&search, prefix)?;
        std::thread::sleep(Duration::from_millis(250));
        let chosen = s.execute(&format!(
            "const box = document.querySelector('[data-testid=search]');\
             if (box.value !== {prefix:?}) return '';\
             const row = document.querySelector('[data-testid=result][aria-selected=true] .name');\
             return row ? row.textContent : '';"
        ))?;
        if chosen.as_str() == Some("María García") {
            fewest = Some(prefix);
            break;
        }
    }
    let prefix = fewest.context("some prefix of \"maria garcia\" chooses María García")?;
    s.send_keys(&search, ESCAPE)?;

    // Now for real, timed from the first letter to the frame that shows the badge sent.
    install_stopwatch(&s, &prefix[..1], "[data-testid=print-status][data-kind=printed]")?;
    anyhow::ensure!(prefix[1..].chars().all(|c| !prefix.starts_with(c)), "the first letter is typed once");
    s.send_keys(&search, prefix)?;
    s.wait_until("[data-testid=result][aria-selected=true]", |t| t.contains("María García"))?;
    s.send_keys(&search, ENTER)?;
    s.wait_until("[data-testid=print-status][data-kind=printed]", |t| t.contains(&queue))?;
    anyhow::ensure!(wait_for_laps(&s, 1)?, "the stopwatch saw the badge sent");
    let ms = laps(&s)?[0];
    crate::print::wait_for_output(&out, &crate::print::last_job(&queue)?)?;
    let keys = prefix.chars().count() + 1;
    report(&format!(
        "by name: {keys} keys from the first letter to the badge sent (\"{prefix}\" then Enter, printing on check-in; {} with Ctrl+P instead); first letter to badge sent (shown) {ms:.0} ms, WebDriver's typing included",
        keys + 1
    ))?;
    Ok(())
}

#[test]
fn measured_the_focus_journey_tab_tab_click_elsewhere_then_a_scan_checks_the_person_in() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let s = start(&dir.path().join("event.db"))?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    s.wait_for_focus("search")?;
    let people = demo::generate(demo::DEFAULT_SEED, demo::DEFAULT_COUNT)?.attendees;
    let zoe = people.iter().find(|a| a.display_name == "Zoë Lefèvre").context("Zoë is in the demo")?;
    s.keys(&format!("{TAB}{TAB}"))?;
    s.click(&s.wait_for(".keys")?)?;
    anyhow::ensure!(s.focused()? != "search", "the focus left the search box");
    install_stopwatch(&s, "Enter", "[data-testid=status][data-kind=checked_in]")?;
    let code = zoe.badge_code.to_string();
    s.keys(&format!("{code}{ENTER}"))?;
    s.wait_until("[data-testid=status][data-kind=checked_in]", |t| t.contains("Zoë Lefèvre"))?;
    anyhow::ensure!(wait_for_laps(&s, 1)?, "the stopwatch saw the check-in");
    report(&format!(
        "focus journey: Tab, Tab, a click on empty space, then the scanner's {} characters and Enter: checked in, 0 keys by the volunteer; Enter to \"Checked in\" shown {:.0} ms",
        code.chars().count(),
        laps(&s)?[0]
    ))?;
    Ok(())
}

/// Makes a demo event of `count` attendees in `db` with the `lanyard` binary beside the app.
fn demo_event(db: &Path, count: usize) -> Result<()> {
    let cli = app_binary().with_file_name("lanyard");
    anyhow::ensure!(
        cli.is_file(),
        "{} is missing: cargo build -p lanyard-cli (scripts/check does)",
        cli.display()
    );
    let out = std::process::Command::new(&cli)
        .args(["demo", "--count", &count.to_string()])
        .env("LANYARD_DB", db)
        .env("LANYARD_CONFIG", db.with_extension("desk.toml"))
        .output()?;
    anyhow::ensure!(out.status.success(), "lanyard demo: {}", String::from_utf8_lossy(&out.stderr));
    Ok(())
}

/// The pause after each key of the keypress journey: longer than any key's
/// paint, so that each lap is the key's own, and the 3 to 5 keys a second
/// a volunteer types.
const KEY_PAUSE_MS: u64 = 300;

#[test]
fn measured_keypress_to_results_painted_at_50000_attendees() -> Result<()> {
    let count = 50_000;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    demo_event(&db, count)?;
    let s = start(&db)?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    let search = s.wait_for_focus("search")?;
    // As on a real morning, a few people are in already: the desk lists
    // them under the empty box, and the first key of each name hides them.
    let people = demo::generate(demo::DEFAULT_SEED, count)?.attendees;
    let arrived: Vec<_> = people
        .iter()
        .skip(500)
        .filter(|a| a.amount_due_cents == 0 && a.status == lanyard_core::TicketStatus::Valid)
        .step_by(5_000)
        .take(3)
        .collect();
    for a in &arrived {
        s.send_keys(&search, &format!("{}{ENTER}", a.badge_code))?;
        s.wait_until("[data-testid=status][data-kind=checked_in]", |t| t.contains(&a.display_name))?;
    }
    s.wait_until("[data-testid=recent]", |t| arrived.iter().all(|a| t.contains(&a.display_name)))?;
    install_stopwatch(&s, "", ".results")?;
    // Each call's round trip, recorded by the page's own api module.
    s.execute("window.__lanyardTrace = [];")?;
    // Elements of the result list made or thrown away while the volunteer
    // types: none. The screen makes its rows once and only changes their
    // text (laying out new rows costs a few milliseconds a key on this
    // machine, changed text well under one).
    s.execute(
        "window.__lanyardRows = { made: 0, gone: 0 };\
         const rowsIn = (n) => n instanceof Element ? 1 + n.querySelectorAll('*').length : 0;\
         new MutationObserver((records) => {\
           for (const r of records) {\
             for (const n of r.addedNodes) window.__lanyardRows.made += rowsIn(n);\
             for (const n of r.removedNodes) window.__lanyardRows.gone += rowsIn(n);\
           }\
         }).observe(document.querySelector('ul.results'), { childList: true, subtree: true });",
    )?;
    // Names from the event, typed a key at a time as a volunteer types them.
    let names: Vec<String> = people
        .iter()
        .step_by(1_000)
        .map(|a| a.display_name.chars().take(7).collect::<String>().to_lowercase())
        .filter(|n| n.chars().count() >= 3)
        .collect();
    let mut keys = 0;
    let mut unpainted = 0;
    for name in &names {
        s.send_keys(&search, ESCAPE)?;
        std::thread::sleep(Duration::from_millis(100));
        s.execute("window.__lanyardStart = null;")?;
        for c in name.chars() {
            s.keys(&c.to_string())?;
            keys += 1;
            // A key's frame comes well within this pause (a key that changes
            // nothing on screen has none). The page is not polled meanwhile:
            // WebDriver scripts run on the page's main thread and would be
            // measured as the page's own slowness.
            std::thread::sleep(Duration::from_millis(KEY_PAUSE_MS));
            // Still waiting: the list did not change (or took longer than the pause).
            let waiting = s.execute(
                "const w = window.__lanyardStart !== null; window.__lanyardStart = null; return w;",
            )?;
            unpainted += usize::from(waiting == serde_json::Value::Bool(true));
        }
    }
    // Every key's search was answered within the key's own event (the
    // search box's scheme), none by the asynchronous command.
    let (now, later) = crate::desk::searches_traced(&s)?;
    anyhow::ensure!(
        now >= keys / 2 && later == 0,
        "keys are searched at once ({now} of {keys} keys; {later} by the command)"
    );
    let rows = s.execute("return window.__lanyardRows;")?;
    let (made, gone) = (rows["made"].as_u64().unwrap_or(u64::MAX), rows["gone"].as_u64().unwrap_or(u64::MAX));
    report(&format!(
        "elements of the result list made while typing {keys} keys: {made}; thrown away: {gone}"
    ))?;
    anyhow::ensure!(
        made == 0 && gone == 0,
        "the list keeps its rows and changes their text ({made} elements made, {gone} thrown away)"
    );
    let laps = laps(&s)?;
    // Every key either painted new results or changed nothing (a vowel sign
    // or a tone mark often leaves the same people), and many did paint.
    anyhow::ensure!(
        laps.len() + unpainted == keys && laps.len() >= keys / 3,
        "every key painted its results or changed nothing ({} painted, {unpainted} changed nothing, of {keys})",
        laps.len()
    );
    let (p50, p99, max) = (quantile(&laps, 0.5), quantile(&laps, 0.99), quantile(&laps, 1.0));
    // When the results were in the page, before the frame that paints them.
    let dom = numbers(&s, "return (window.__lanyardMarks || []).map(([key, dom]) => dom - key);")?;
    let build = if app_binary().components().any(|c| c.as_os_str() == "release") {
        "release build"
    } else {
        "debug build"
    };
    // Where each painted key's time went: key to the search sent, the
    // round trip to the Rust side and back, the answer to the list in the
    // page (Svelte), and the page to the frame that paints it.
    let parts: Vec<Vec<f64>> = serde_json::from_value(s.execute(
        "const sent = (window.__lanyardTrace || []).filter((e) => e[0] === 'search' || e[0] === 'search_now');\
         return (window.__lanyardMarks || []).flatMap(([key, dom, frame]) => {\
           const call = sent.filter((e) => e[1] >= key && e[2] <= dom).pop();\
           return call ? [[call[1] - key, call[2] - call[1], dom - call[2], frame - dom]] : [];\
         });",
    )?)?;
    // Frames between the one that painted the key (its letter in the box)
    // and the one that painted its results: 0 when they came together.
    let late = numbers(
        &s,
        "return (window.__lanyardMarks || []).map(([, , , echo, ts]) => echo === null ? null : Math.round((ts - echo) / (1000 / 60)));",
    )?;
    let within = |n: f64| late.iter().filter(|&&f| f <= n).count();
    // The frame that painted the key itself: no results can come sooner.
    let echo = numbers(
        &s,
        "return (window.__lanyardMarks || []).map(([key, , , echo]) => echo === null ? null : echo - key);",
    )?;
    report(&format!(
        "keypress to the frame that showed the key itself at {count} attendees: {}",
        spread(&echo)
    ))?;
    report(&format!(
        "keypress to results painted at {count} attendees, in frames after the frame that showed the key: {} keys, p50 {} and p99 {} frames late, {} in the same frame, {} within one frame, {} later",
        late.len(),
        quantile(&late, 0.5),
        quantile(&late, 0.99),
        within(0.0),
        within(1.0),
        late.len() - within(1.0)
    ))?;
    let part = |i: usize| {
        let v: Vec<f64> = parts.iter().map(|p| p[i]).collect();
        format!("{:.1}/{:.1}", quantile(&v, 0.5), quantile(&v, 0.99))
    };
    report(&format!(
        "keypress to results painted at {count} attendees, p50/p99 ms of each part over {} keys: key to search sent {}, round trip {}, answer to page {}, page to frame {}",
        parts.len(),
        part(0),
        part(1),
        part(2),
        part(3)
    ))?;
    report(&format!(
        "keypress to results painted at {count} attendees: p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms over {} keys ({} names; {build}); in the page before that frame: p50 {:.1} ms, p99 {:.1} ms; {unpainted} keys changed nothing within {KEY_PAUSE_MS} ms",
        laps.len(),
        names.len(),
        quantile(&dom, 0.5),
        quantile(&dom, 0.99),
    ))?;
    // The first key after an empty box fills all twelve rows; the keys
    // after it change the text of the few that are left.
    let of = |first: bool| {
        numbers(
            &s,
            &format!(
                "return (window.__lanyardMarks || []).filter((m) => m[5] === {first}).map(([key, , frame]) => frame - key);"
            ),
        )
    };
    report(&format!(
        "keypress to results painted at {count} attendees: the first key into an empty box {}; the keys after it {}",
        spread(&of(true)?),
        spread(&of(false)?)
    ))?;
    // The slowest keys, with where their time went: whether they share a
    // cause (the first name in a script, the first keys of the session).
    let slowest = s.execute(
        "const sent = (window.__lanyardTrace || []).filter((e) => e[0] === 'search' || e[0] === 'search_now');\
         return (window.__lanyardMarks || []).map(([key, dom, frame, , , first, id, typed, top]) => {\
           const call = sent.filter((e) => e[1] >= key && e[2] <= dom).pop();\
           const part = call ? [call[1] - key, call[2] - call[1], dom - call[2], frame - dom].join('/') : '?';\
           return [frame - key, `key ${id} \"${typed}\"${first ? ' (first)' : ''} ${frame - key} ms (${part}), first result ${top}`];\
         }).sort((a, b) => b[0] - a[0]).slice(0, 6).map((x) => x[1]);",
    )?;
    let slowest: Vec<String> = serde_json::from_value(slowest)?;
    report(&format!(
        "keypress to results painted at {count} attendees, the slowest keys (sent/round trip/answer to page/page to frame): {}",
        slowest.join("; ")
    ))?;
    // The same for a bare text field the page does nothing with: how soon
    // this WebKit paints a key at all.
    s.execute(
        "const c = document.createElement('input'); c.id = 'control'; c.setAttribute('data-testid', 'control');\
         document.body.prepend(c); window.__lanyardEchoes = [];",
    )?;
    let control = s.wait_for("[data-testid=control]")?;
    s.click(&control)?;
    for c in "abcdefghijklmnopqrstuvwxyzabcdefghijklmn".chars() {
        s.send_keys(&control, &c.to_string())?;
        std::thread::sleep(Duration::from_millis(KEY_PAUSE_MS));
    }
    let bare = numbers(&s, "return window.__lanyardEchoes;")?;
    report(&format!(
        "a key in a bare text field the page does nothing with, to the frame that showed it: {}",
        spread(&bare)
    ))?;
    Ok(())
}

/// The names of `assets/names-in-every-script.tsv`, the desk's font warm-up line.
fn names_in_every_script() -> Vec<&'static str> {
    include_str!("../../assets/names-in-every-script.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t').map(|(_, name)| name))
        .collect()
}

#[test]
fn measured_a_name_in_a_script_the_desk_has_not_shown_yet_lays_out_without_waiting_for_its_font() -> Result<()>
{
    let dir = tempfile::tempdir()?;
    let s = start(&dir.path().join("event.db"))?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    s.wait_for_focus("search")?;
    // The desk lays out every script once, unseen, in each look names are
    // shown in: a real name per script, as the badge tests print them.
    let names = names_in_every_script();
    anyhow::ensure!(names.len() >= 31, "a name for every script");
    // It comes after the first screen is painted. Whether it shows is read
    // by a name the demo event does not have (Cherokee).
    s.wait_for("[data-testid=font-warmup]")?;
    let looks = s.execute(
        "const w = document.querySelector('[data-testid=font-warmup]');\
         if (!w) return null;\
         const style = getComputedStyle(w);\
         return { visibility: style.visibility, shown: document.body.innerText.includes('ᏍᏏᏉᏯ'), looks: [...w.children].map((e) => e.textContent) };",
    )?;
    anyhow::ensure!(!looks.is_null(), "the desk has its font warm-up");
    anyhow::ensure!(looks["visibility"] == "hidden" && looks["shown"] == false, "it is never seen: {looks}");
    let texts: Vec<String> = serde_json::from_value(looks["looks"].clone())?;
    anyhow::ensure!(texts.len() >= 6, "one line for each look names are shown in: {texts:?}");
    for text in &texts {
        for name in &names {
            anyhow::ensure!(text.contains(name), "{name} is laid out in every look");
        }
    }
    // Each name laid out for the first time in a result's look (warmed) and
    // in a look the desk never uses (what every look cost before): the time
    // of the layout that finds and opens the script's font.
    let script = format!(
        "const names = {};\
         const host = document.createElement('div'); host.style.cssText = 'position: fixed; top: 0; left: 0; visibility: hidden;';\
         document.body.append(host);\
         const time = (css) => {{ let total = 0, worst = 0;\
           for (const name of names) {{\
             const e = document.createElement('span'); e.style.cssText = css; e.textContent = name;\
             const t0 = performance.now(); host.append(e); void e.offsetWidth; const ms = performance.now() - t0;\
             total += ms; worst = Math.max(worst, ms);\
           }}\
           return [total, worst]; }};\
         const warmed = time('font-size: 1.35rem; font-weight: 600;');\
         const cold = time('font-size: 1.65rem; font-weight: 600;');\
         host.remove();\
         return [...warmed, ...cold];",
        serde_json::to_string(&names)?
    );
    let t = numbers(&s, &script)?;
    anyhow::ensure!(t.len() == 4, "four figures: {t:?}");
    report(&format!(
        "the first name in each of {} scripts laid out in a result's look, which the desk warms: {:.0} ms in all, the slowest {:.0} ms; in a look it never warms: {:.0} ms in all, the slowest {:.0} ms",
        names.len(),
        t[0],
        t[1],
        t[2],
        t[3]
    ))?;
    Ok(())
}
