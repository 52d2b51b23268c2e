//! The cash box in the real window (issue 10): a lead prices the tickets,
//! the volunteer opens the drawer with a counted float, sells a walk-in a
//! ticket for cash with change and prints the badge, pays out for coffee,
//! closes with a blind count that a lead approves, and reads the day's
//! report, figure by figure; refusals at their fields, a lookalike before
//! a sale, money owed taken from the check-in refusal, and a refund.

use crate::desk::{
    LEAD, LEAD_PIN, choose_printer, set_up_first_lead, start, start_shift, start_with, unlock,
};
use crate::driver::{ENTER, Session};
use anyhow::Result;

/// Types `pieces` of each denomination (minor units) into the count grid `grid`.
fn count(s: &Session, grid: &str, pieces: &[(u32, &str)]) -> Result<()> {
    for (minor, n) in pieces {
        s.send_keys(&s.wait_for(&format!("[data-testid={grid}-{minor}]"))?, n)?;
    }
    Ok(())
}

/// A lead unlocks the Prices panel of the Cash tab and prices Regular at 25.00.
fn price_regular_at_25(s: &Session) -> Result<()> {
    s.click(&s.wait_for("[data-testid=cash-view-prices]")?)?;
    unlock(s, LEAD, LEAD_PIN)?;
    s.send_keys(&s.wait_for("[data-testid=price-ticket]")?, "Regular")?;
    s.send_keys(&s.wait_for("[data-testid=price-amount]")?, &format!("25.00{ENTER}"))?;
    s.wait_for("[data-testid=prices-message][data-kind=saved]")?;
    Ok(())
}

/// The texts of the cells of the table row matching `row`, once it is there.
fn cells(s: &Session, row: &str) -> Result<Vec<String>> {
    s.wait_for(row)?;
    s.find_all(&format!("{row} td"))?.iter().map(|c| s.text(c)).collect()
}

/// The text of the first element matching `css`, once it contains `part`.
fn text_with(s: &Session, css: &str, part: &str) -> Result<String> {
    let element = s.wait_until(css, |t| t.contains(part))?;
    s.text(&element)
}

#[test]
fn open_the_drawer_sell_for_cash_with_change_print_the_badge_close_blind_and_read_the_report() -> Result<()> {
    let printer = std::env::var("LANYARD_TEST_PRINTER").ok().filter(|q| !q.is_empty());
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    // The native save dialog's answer, given in advance (the page never names a path).
    let saved = dir.path().join("saved.pdf");
    let s = start_with(&db, &[("LANYARD_SAVE_AS", saved.as_path())])?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Robin")?;
    if let Some(queue) = &printer {
        choose_printer(&s, queue)?;
    }

    // The drawer is closed; a lead sets the price list first.
    s.click(&s.wait_for("[data-testid=nav-cash]")?)?;
    s.wait_until("[data-testid=cash-shift][data-open=no]", |t| t.contains("closed"))?;
    price_regular_at_25(&s)?;
    let row = text_with(&s, "[data-testid=price-list] tr[data-ticket=Regular]", "25.00")?;
    assert!(row.contains("Regular"), "the price list shows the new price: {row}");

    // Robin counts the float: 2 × 20, 1 × 10, 2 × 5 = 60.00.
    s.click(&s.wait_for("[data-testid=cash-view-open]")?)?;
    s.wait_for_focus("open-count-50000")?;
    count(&s, "open-count", &[(2000, "2"), (1000, "1"), (500, "2")])?;
    text_with(&s, "[data-testid=open-count-total]", "60.00")?;
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/cash-open.png"))?;
    s.click(&s.wait_for("[data-testid=open-submit]")?)?;
    let open = text_with(&s, "[data-testid=cash-shift][data-open=yes]", "Robin")?;
    assert!(open.contains("60.00") && open.contains("0 sales"), "the drawer is open with its float: {open}");

    // A walk-in pays 25.00 with two twenties: the quick button for 40.00,
    // and the change of 15.00 in large digits before the sale is booked.
    let name = s.wait_for_focus("sale-name")?;
    s.send_keys(&name, "Amara Okafor-Brightwater")?;
    s.send_keys(&s.wait_for("[data-testid=sale-affiliation]")?, "Lagos Rustaceans")?;
    text_with(&s, "[data-testid=sale-due]", "25.00")?;
    let quick: Vec<String> = s
        .find_all("[data-testid=sale-quick]")?
        .iter()
        .map(|b| s.attribute(b, "data-amount").map(Option::unwrap_or_default))
        .collect::<Result<_>>()?;
    assert_eq!(quick, ["2500", "3000", "4000", "5000"], "exact, then the next round amounts");
    s.click(&s.wait_for("[data-testid=sale-quick][data-amount='4000']")?)?;
    assert_eq!(s.property(&s.wait_for("[data-testid=sale-tendered]")?, "value")?, "40.00");
    text_with(&s, "[data-testid=sale-change][data-kind=change] .digits", "15.00")?;
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/cash-form.png"))?;
    s.click(&s.wait_for("[data-testid=sale-submit]")?)?;

    // The receipt: its number, what was paid, the change again; the badge to print.
    let detail = text_with(&s, "[data-testid=receipt-detail]", "Receipt")?;
    assert!(detail.contains("25.00") && detail.contains("Regular") && detail.contains("Cash"), "{detail}");
    let change = text_with(&s, "[data-testid=receipt-change] .digits", "15.00")?;
    assert!(!change.contains('-'), "change is never negative: {change}");
    s.wait_until("[data-testid=sale-receipt] .status.success", |t| {
        t.contains("Amara Okafor-Brightwater") && t.contains("checked in")
    })?;
    s.wait_for("[data-testid=badge-panel] img")?;
    s.click(&s.wait_for("[data-testid=print-badge]")?)?;
    match &printer {
        Some(queue) => {
            s.wait_until("[data-testid=print-status][data-kind=printed]", |t| t.contains(queue.as_str()))?;
            let out = std::env::var("LANYARD_TEST_PRINTER_OUT")?;
            let job = crate::print::last_job(queue)?;
            crate::print::wait_for_output(&out, &job)?;
        }
        // Without a CUPS queue the desk says plainly that no printer is chosen.
        None => {
            s.wait_until("[data-testid=print-status][data-kind=no_printer]", |t| t.contains("No printer"))?;
        }
    }
    // The receipt, saved as a PDF and sent to the desk's printer.
    s.click(&s.wait_for("[data-testid=receipt-save-pdf]")?)?;
    text_with(&s, "[data-testid=receipt-documents-done]", "saved.pdf")?;
    assert!(std::fs::read(&saved)?.starts_with(b"%PDF-"), "the receipt was written where the dialog said");
    s.click(&s.wait_for("[data-testid=receipt-print]")?)?;
    match &printer {
        Some(_) => {
            text_with(&s, "[data-testid=receipt-documents-done]", "job")?;
        }
        None => {
            s.wait_for("[data-testid=receipt-documents-error][data-kind=no_printer]")?;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/cash-sale.png"))?;
    s.wait_until("[data-testid=cash-shift]", |t| t.contains("1 sale"))?;
    s.wait_until("[data-testid=counts]", |t| t.starts_with("1 of"))?;

    // 5.00 paid out for coffee.
    s.click(&s.wait_for("[data-testid=cash-view-movements]")?)?;
    s.click(&s.wait_for("[data-testid=move-pay_out]")?)?;
    s.send_keys(&s.wait_for("[data-testid=move-amount]")?, "5.00")?;
    s.send_keys(&s.wait_for("[data-testid=move-reason]")?, &format!("coffee for volunteers{ENTER}"))?;
    let paid = text_with(&s, "[data-testid=move-done]", "Paid out")?;
    assert!(paid.contains("5.00"), "{paid}");

    // The blind close: nothing on the screen says the 80.00 the drawer
    // should hold; Robin counts 70.00 (3 × 20, 1 × 10).
    s.click(&s.wait_for("[data-testid=cash-view-close]")?)?;
    s.wait_for_focus("close-count-50000")?;
    let shown = s.execute("return document.body.innerText;")?;
    assert!(
        !shown.as_str().unwrap_or_default().contains("80.00"),
        "the expected cash is not shown before the count"
    );
    count(&s, "close-count", &[(2000, "3"), (1000, "1")])?;
    text_with(&s, "[data-testid=close-count-total]", "70.00")?;
    s.click(&s.wait_for("[data-testid=close-submit]")?)?;

    // Ten short is more than the tolerance: a lead approves it with a note.
    let refused = text_with(&s, "[data-testid=close-error][data-kind=difference_needs_lead]", "lead")?;
    assert!(refused.contains("count again"), "{refused}");
    let note = s.wait_for_focus("close-note")?;
    s.send_keys(&note, "a 10 note missing; searched the desk")?;
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/cash-close.png"))?;
    s.send_keys(&s.wait_for("[data-testid=close-lead-pin]")?, &format!("{LEAD_PIN}{ENTER}"))?;
    let counted = text_with(&s, "[data-testid=close-counted]", "70.00")?;
    let expected = text_with(&s, "[data-testid=close-expected]", "80.00")?;
    let difference = text_with(&s, "[data-testid=close-difference]", "10.00")?;
    assert!(difference.starts_with('-'), "ten missing: {counted} counted, {expected} expected, {difference}");
    s.wait_until("[data-testid=close-result]", |t| t.contains(&format!("approved by {LEAD}")))?;
    s.wait_for("[data-testid=cash-shift][data-open=no]")?;

    // The day's report, line by line.
    s.click(&s.wait_for("[data-testid=cash-view-report]")?)?;
    let takings = text_with(&s, "[data-testid=report-takings]", "25.00")?;
    assert!(takings.contains("1 sale"), "{takings}");
    let line = |table: &str, name: &str| -> Result<(String, String, String)> {
        let row = cells(&s, &format!("[data-testid={table}] tr[data-name={name}]"))?;
        let [what, count, amount] =
            <[String; 3]>::try_from(row).map_err(|r| anyhow::anyhow!("{table}: {r:?}"))?;
        Ok((what, count, amount))
    };
    let (what, sales, amount) = line("report-by-method", "cash")?;
    assert_eq!((what.as_str(), sales.as_str()), ("Cash", "1"), "one cash sale");
    assert!(amount.contains("25.00"), "{amount}");
    let (_, sales, amount) = line("report-by-method", "card")?;
    assert!(sales == "0" && amount.contains("0.00"), "no card sales: {sales} {amount}");
    let (_, sales, amount) = line("report-by-ticket", "Regular")?;
    assert!(sales == "1" && amount.contains("25.00"), "Regular: {sales} {amount}");
    let (_, sales, amount) = line("report-by-operator", "Robin")?;
    assert!(sales == "1" && amount.contains("25.00"), "Robin: {sales} {amount}");
    let shift = text_with(&s, "[data-testid=report-shift]", "Robin")?;
    assert!(shift.contains("Front desk"), "{shift}");
    text_with(&s, "[data-testid=shift-float]", "60.00")?;
    text_with(&s, "[data-testid=shift-expected]", "80.00")?;
    text_with(&s, "[data-testid=shift-counted]", "70.00")?;
    let off = text_with(&s, "[data-testid=shift-difference]", "10.00")?;
    assert!(off.starts_with('-'), "{off}");
    text_with(&s, "[data-testid=report-movements] tr[data-kind=pay_out]", "5.00")?;
    text_with(&s, "[data-testid=report-movements] tr[data-kind=difference]", "10.00")?;
    let chain = text_with(&s, "[data-testid=report-chain]", "hash")?;
    let hash = chain.rsplit(' ').next().unwrap_or_default();
    assert!(
        hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "the chain's last hash: {chain}"
    );
    text_with(&s, "[data-testid=report-disclaimer]", "not a certified fiscal register")?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/cash-report.png"))?;

    // The report as a PDF, with its signature lines and the chain's hash.
    s.click(&s.wait_for("[data-testid=report-save-pdf]")?)?;
    s.wait_for("[data-testid=report-documents-done]")?;
    let text = std::process::Command::new("pdftotext").arg(&saved).arg("-").output()?;
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("cash report") && text.contains("Counted by") && text.contains("Witness"),
        "{text}"
    );
    assert!(text.contains(&hash[..16]), "the paper anchors the chain: {text}");
    Ok(())
}

#[test]
fn refusals_name_their_field_a_lookalike_is_shown_money_owed_is_taken_at_check_in_and_a_refund_is_booked_once()
-> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("event.db");
    let s = start(&db)?;
    set_up_first_lead(&s, LEAD, LEAD_PIN)?;
    start_shift(&s, "Sam")?;
    s.click(&s.wait_for("[data-testid=nav-cash]")?)?;
    price_regular_at_25(&s)?;
    s.click(&s.wait_for("[data-testid=cash-view-open]")?)?;
    count(&s, "open-count", &[(2000, "1")])?;
    s.click(&s.wait_for("[data-testid=open-submit]")?)?;

    // Too little handed over: refused at its field, which gets the focus; nothing is booked.
    let name = s.wait_for_focus("sale-name")?;
    s.send_keys(&name, "Kwame Mensah-Oduro")?;
    s.send_keys(&s.wait_for("[data-testid=sale-tendered]")?, "20")?;
    text_with(&s, "[data-testid=sale-change][data-kind=short]", "5.00")?;
    s.click(&s.wait_for("[data-testid=sale-submit]")?)?;
    let refused = text_with(&s, "[data-testid=sale-error][data-kind=invalid_input]", "Amount handed over")?;
    s.wait_for_focus("sale-tendered")?;
    s.wait_until("[data-testid=cash-shift]", |t| t.contains("0 sales"))?;

    // The exact amount, and the same submission goes through.
    s.click(&s.wait_for("[data-testid=sale-quick][data-amount='2500']")?)?;
    s.click(&s.wait_for("[data-testid=sale-submit]")?)?;
    let detail = text_with(&s, "[data-testid=receipt-detail]", "Receipt")?;
    let receipt = s.text(&s.wait_for("[data-testid=receipt-detail] strong")?)?;
    assert!(detail.contains(&receipt) && !receipt.is_empty(), "{detail} ({refused})");
    text_with(&s, "[data-testid=receipt-change] .digits", "0.00")?;
    s.wait_until("[data-testid=cash-shift]", |t| t.contains("1 sale"))?;

    // Someone already registered by that name: the desk shows who first;
    // they are someone else, so the sale goes on for a new person (by card).
    s.click(&s.wait_for("[data-testid=sale-next]")?)?;
    let name = s.wait_for_focus("sale-name")?;
    s.send_keys(&name, "José Núñez")?;
    s.click(&s.wait_for("[data-testid=sale-method-card]")?)?;
    s.send_keys(&s.wait_for("[data-testid=sale-reference]")?, &format!("TRM-77{ENTER}"))?;
    let lookalike = text_with(&s, "[data-testid=lookalikes] [data-testid=lookalike]", "José Núñez")?;
    assert!(lookalike.contains("PSV") || lookalike.contains('·'), "who they look like: {lookalike}");
    s.screenshot(&lanyard_tests::workspace_root().join("target/e2e/cash-lookalike.png"))?;
    s.click(&s.wait_for("[data-testid=confirm-new]")?)?;
    let card = text_with(&s, "[data-testid=receipt-detail]", "Card")?;
    assert!(!card.contains(&receipt), "a receipt of its own: {card}");
    s.wait_until("[data-testid=cash-shift]", |t| t.contains("2 sales"))?;

    // Someone who owes 25.00 is refused at check-in; the desk takes the
    // payment there (30.00 handed over, 5.00 back) and checks them in.
    let people =
        lanyard_core::demo::generate(lanyard_core::demo::DEFAULT_SEED, lanyard_core::demo::DEFAULT_COUNT)?;
    let owing =
        people.attendees.iter().find(|a| a.amount_due_cents > 0).expect("the demo has someone who owes");
    s.click(&s.wait_for("[data-testid=nav-checkin]")?)?;
    let search = s.wait_for_focus("search")?;
    s.send_keys(&search, &format!("{}{ENTER}", owing.badge_code))?;
    s.wait_until("[data-testid=status][data-kind=amount_due]", |t| t.contains(&owing.display_name))?;
    s.click(&s.wait_for("[data-testid=settle-open]")?)?;
    text_with(&s, "[data-testid=settle] h2", "25.00")?;
    s.click(&s.wait_for("[data-testid=settle-quick][data-amount='3000']")?)?;
    text_with(&s, "[data-testid=settle-change][data-kind=change] .digits", "5.00")?;
    s.click(&s.wait_for("[data-testid=settle-submit]")?)?;
    text_with(&s, "[data-testid=settle-done]", &owing.display_name)?;
    text_with(&s, "[data-testid=settle] [data-testid=receipt-change] .digits", "5.00")?;
    s.click(&s.wait_for("[data-testid=settle-close]")?)?;
    s.wait_until("[data-testid=status][data-kind=settled]", |t| t.contains(&owing.display_name))?;
    s.click(&s.wait_for("[data-testid=nav-cash]")?)?;
    s.wait_until("[data-testid=cash-shift]", |t| t.contains("3 sales"))?;

    // The first sale is refunded with a lead's PIN (a wrong one first), once.
    s.click(&s.wait_for("[data-testid=cash-view-refund]")?)?;
    let field = s.wait_for_focus("refund-receipt")?;
    s.send_keys(&field, &receipt)?;
    s.send_keys(&s.wait_for("[data-testid=refund-reason]")?, "bought twice")?;
    s.send_keys(&s.wait_for("[data-testid=refund-lead-pin]")?, &format!("111111{ENTER}"))?;
    text_with(&s, "[data-testid=refund-error][data-kind=pin_wrong]", "wrong lead name or PIN")?;
    let pin = s.wait_for_focus("refund-lead-pin")?;
    s.send_keys(&pin, &format!("{LEAD_PIN}{ENTER}"))?;
    let done = text_with(&s, "[data-testid=refund-done]", "hand back")?;
    assert!(done.contains(&receipt) && done.contains("25.00"), "{done}");
    s.send_keys(&s.wait_for("[data-testid=refund-receipt]")?, &receipt)?;
    s.send_keys(&s.wait_for("[data-testid=refund-reason]")?, "again")?;
    s.send_keys(&s.wait_for("[data-testid=refund-lead-pin]")?, &format!("{LEAD_PIN}{ENTER}"))?;
    let twice = text_with(&s, "[data-testid=refund-error][data-kind=already_refunded]", "already refunded")?;
    assert!(twice.contains(&receipt), "{twice}");
    s.wait_for_focus("refund-receipt")?;
    Ok(())
}
