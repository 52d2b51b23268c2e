//! Walk-ins, corrections at the desk, the live view and the CSV export.

use lanyard_api::ErrorCode;
use lanyard_api::dto::{CheckInRequest, EditRequest, WalkInRequest};
use lanyard_tests::TestDesk;

fn walk_in(name: &str, key: &str) -> WalkInRequest {
    WalkInRequest {
        display_name: name.into(),
        affiliation: "Acme".into(),
        hometown: "Oslo".into(),
        email: String::new(),
        ticket_type: "Conference".into(),
        role: "attendee".into(),
        interests: vec!["web".into()],
        amount_due: "150.00".into(),
        confirm_new: false,
        idempotency_key: key.into(),
    }
}

#[test]
fn a_walk_in_is_registered_and_checked_in_at_once() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let before = t.desk.info().expect("info");
    let receipt = t.desk.register_walk_in(&walk_in("Kari Nordmann", "w1")).expect("walk-in");
    assert_eq!(receipt.attendee.display_name, "Kari Nordmann");
    assert_eq!(
        receipt.attendee.amount_due.as_ref().map(|m| m.minor),
        Some(15000),
        "the amount owed is recorded until the cash box lands"
    );
    assert!(receipt.attendee.checked_in.is_some());
    let after = t.desk.info().expect("info");
    assert_eq!(
        (after.attendee_count, after.checked_in_count),
        (before.attendee_count + 1, before.checked_in_count + 1)
    );
    assert_eq!(
        t.desk.search("kari nord").expect("search")[0].id,
        receipt.attendee.id,
        "found by search at once"
    );
    let again = t.desk.register_walk_in(&walk_in("Kari Nordmann", "w1")).expect("replay");
    assert!(again.replayed);
    assert_eq!(t.desk.info().expect("info").attendee_count, after.attendee_count, "a replay adds nobody");
}

#[test]
fn a_walk_in_needs_a_name_and_a_ticket_type() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let mut nameless = walk_in("  ", "w1");
    assert_eq!(t.desk.register_walk_in(&nameless).expect_err("no name").code, ErrorCode::InvalidInput);
    nameless.display_name = "Ola".into();
    nameless.ticket_type = String::new();
    let err = t.desk.register_walk_in(&nameless).expect_err("no ticket type");
    assert_eq!(err.message, "choose a ticket type");
    let mut bad_money = walk_in("Ola", "w2");
    bad_money.amount_due = "12.345".into();
    assert_eq!(t.desk.register_walk_in(&bad_money).expect_err("bad amount").code, ErrorCode::InvalidInput);
}

#[test]
fn a_typo_fixed_at_the_desk_is_searchable_and_logged() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jurgen = t
        .desk
        .search("jurgen muller")
        .expect("search")
        .into_iter()
        .find(|c| c.display_name == "Jürgen Müller")
        .expect("the demo's Jürgen Müller");
    let card = t
        .desk
        .edit_attendee(&EditRequest {
            attendee_id: jurgen.id,
            display_name: "Jürgen Müller-Lüdenscheidt".into(),
            affiliation: jurgen.affiliation.clone(),
            hometown: jurgen.hometown.clone(),
            email: Some("jm@example.de".into()),
            role: "speaker".into(),
            note: "Keynote on Friday".into(),
            ticket_type: None,
            amount_due: None,
            idempotency_key: "e1".into(),
            auth: Some(t.desk.lead()),
        })
        .expect("edit");
    assert_eq!(
        (card.display_name.as_str(), card.role.as_str(), card.note.as_str()),
        ("Jürgen Müller-Lüdenscheidt", "speaker", "Keynote on Friday")
    );
    assert_eq!(t.desk.search("ludenscheidt").expect("search")[0].id, jurgen.id);
    let log = lanyard_tests::store(&t.path).read(|tx| tx.audit_log()).expect("audit");
    let entry = log.iter().find(|e| e.action == "edit_attendee").expect("the edit is audited");
    assert!(entry.fields_json.contains("\"before\":\"Jürgen Müller\""), "{}", entry.fields_json);
}

#[test]
fn the_live_view_counts_by_ticket_type_role_desk_and_quarter_hour() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let people: Vec<_> = t.desk.search("jose").expect("search").into_iter().take(2).collect();
    t.desk
        .check_in(&CheckInRequest {
            typed: people[0].badge_code.clone(),
            chosen: None,
            idempotency_key: "a".into(),
            admit_owing: None,
        })
        .expect("first");
    t.clock.advance(40 * 60 * 1000);
    let other = t.reopen("Desk 2", Some("Ben"));
    other
        .check_in(&CheckInRequest {
            typed: people[1].badge_code.clone(),
            chosen: None,
            idempotency_key: "b".into(),
            admit_owing: None,
        })
        .expect("second");
    let stats = other.stats().expect("stats");
    assert_eq!(stats.checked_in, 2);
    assert!(
        stats.expected == t.desk.info().expect("info").attendee_count as usize,
        "the header and the live view count the same people (valid tickets)"
    );
    let desks: Vec<(&str, usize)> = stats.by_desk.iter().map(|r| (r.name.as_str(), r.checked_in)).collect();
    assert_eq!(desks, [("Desk 1", 1), ("Desk 2", 1)]);
    let slots: Vec<(&str, usize)> = stats.arrivals.iter().map(|s| (s.start.as_str(), s.count)).collect();
    assert_eq!(
        slots,
        [("2026-11-22T08:00:00.000Z", 1), ("2026-11-22T08:15:00.000Z", 0), ("2026-11-22T08:30:00.000Z", 1)]
    );
    assert_eq!(stats.by_ticket_type.iter().map(|r| r.checked_in).sum::<usize>(), 2);
    assert_eq!(stats.by_role.iter().map(|r| r.expected).sum::<usize>(), stats.expected);
}

#[test]
fn the_export_escapes_cells_that_spreadsheets_would_run() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let mut sneaky = walk_in("=HYPERLINK(\"http://evil\",\"x\")", "w1");
    sneaky.affiliation = "+44 20 7946 0000".into();
    t.desk.register_walk_in(&sneaky).expect("walk-in");
    let csv = t.desk.export_csv(Some(&t.desk.lead())).expect("export");
    assert!(csv.starts_with("badge_code,display_name,"), "header first");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "formula escaped");
    assert!(csv.contains(",'+44 20 7946 0000,"), "leading plus escaped");
    assert!(csv.contains("José Núñez"));
    let everyone = lanyard_tests::store(&t.path).read(|tx| tx.all_attendees()).expect("read").len();
    assert_eq!(csv.lines().count(), everyone + 1, "one line per attendee, cancelled ones too");
}

#[test]
fn the_events_logo_is_kept_and_shown_when_the_template_asks_for_it() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let png =
        std::fs::read(lanyard_tests::workspace_root().join("assets/brand/lanyard-icon.png")).expect("png");
    let err = t.desk.set_badge_logo(Some(b"GIF89a not a png"), "logo-1").expect_err("not a PNG");
    assert_eq!(err.message, "logo: the file is not a PNG image");
    t.desk.set_badge_logo(Some(&png), "logo-2").expect("a PNG is accepted");
    let settings = t.desk.badge_settings().expect("settings");
    let toml = settings.template_toml.replace("show_logo = false", "show_logo = true");
    t.desk.set_badge_template(&toml, "tpl-1").expect("template with the logo on");
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    let preview = t.desk.badge_preview(jose.id).expect("preview");
    assert!(preview.svg.contains("data:image/png;base64,"), "the preview shows the logo");
    let err =
        t.desk.set_badge_template("format = \"4x3in\"\nshow_logo = maybe\n", "tpl-2").expect_err("bad TOML");
    assert!(err.message.starts_with("badge template, line 2:"), "{}", err.message);
}

/// A walk-in whose name has a character no bundled font has (issue 8).
fn walk_in_named(t: &TestDesk, name: &str, key: &str) -> i64 {
    t.desk.register_walk_in(&lanyard_tests::walk_in(name, key)).expect("walk-in").attendee.id
}

#[test]
fn a_name_that_cannot_be_drawn_whole_is_never_printed_silently() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.set_printer(Some("FrontLabel"), 0.0, 0.0, false, "p").expect("printer");
    let crab = walk_in_named(&t, "Ferris 🦀 Crab", "w1");
    let print = |confirm: bool, key: &str| lanyard_api::dto::PrintRequest {
        attendee_id: crab,
        reprint: false,
        printer: None,
        idempotency_key: key.into(),
        auth: None,
        confirm_missing: confirm,
    };
    let err = t.desk.print_badge(&print(false, "b1")).expect_err("asks first");
    assert_eq!(err.code, ErrorCode::MissingCharacters);
    assert_eq!(err.missing.as_deref(), Some(&["🦀".to_owned()][..]), "names the characters");
    assert!(t.printer.jobs().is_empty(), "nothing was sent");
    t.desk.print_badge(&print(true, "b2")).expect("printed once the volunteer said yes");
    assert_eq!(t.printer.jobs().len(), 1);

    // A batch leaves such a badge out and lists it.
    walk_in_named(&t, "Ada 🦀 Byte", "w2");
    let report = t
        .desk
        .print_batch(&lanyard_api::dto::BadgeFilter { not_printed: true, ..Default::default() }, "batch")
        .expect("batch");
    assert!(report.left_out.iter().any(|l| l.contains("Ada") && l.contains('🦀')), "{:?}", report.left_out);
    assert!(report.badges > 300, "the others are printed");
}

#[test]
fn a_walk_in_who_looks_like_someone_registered_gets_a_possible_match_first() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    let before = t.desk.info().expect("info").attendee_count;
    // The same name, typed another way: other case, no accents, words swapped.
    for typed in ["José Núñez", "jose nunez", "Núñez José"] {
        let refused =
            t.desk.register_walk_in(&walk_in(typed, &format!("dup-{typed}"))).expect_err("looks like José");
        assert_eq!(refused.code, ErrorCode::PossibleDuplicate, "{typed}: {}", refused.message);
        let matches = refused.matches.expect("the matches come with the refusal");
        assert!(matches.iter().any(|m| m.id == jose.id), "{typed}: {matches:?}");
        assert!(refused.message.contains(&jose.display_name), "{}", refused.message);
    }
    // The same e-mail under another name.
    let mut same_mail = walk_in("Joe N.", "dup-mail");
    let email = t
        .desk
        .export_csv(Some(&t.desk.lead()))
        .expect("export")
        .lines()
        .find(|l| l.contains(&jose.badge_code))
        .and_then(|l| l.split(',').find(|c| c.contains('@')).map(str::to_owned))
        .expect("José's e-mail");
    same_mail.email = email.to_uppercase();
    let refused = t.desk.register_walk_in(&same_mail).expect_err("same e-mail");
    assert_eq!(refused.code, ErrorCode::PossibleDuplicate);
    assert!(refused.matches.expect("matches").iter().any(|m| m.id == jose.id && m.email_hint.contains('@')));
    assert_eq!(t.desk.info().expect("info").attendee_count, before, "nothing was created");
    // The volunteer looked: it is another José Núñez.
    let mut confirmed = walk_in("José Núñez", "dup-confirmed");
    confirmed.confirm_new = true;
    let second = t.desk.register_walk_in(&confirmed).expect("registered as a new person");
    assert_ne!(second.attendee.id, jose.id);
    // A name nobody has needs no confirmation.
    t.desk.register_walk_in(&walk_in("Tamar Abashidze-Unique", "fresh")).expect("no prompt for a new name");
}
