//! Every privileged action, called without a lead, is refused by the api
//! (issue 11). The list of privileges is `lanyard_api::Privilege::ALL`; this
//! test has one call for each and fails when a privilege has none.

use lanyard_api::dto::{
    BadgeFilter, CheckInRequest, EditRequest, ImportRequest, PrintRequest, PrinterChoice, UndoRequest,
};
use lanyard_api::{ApiError, ErrorCode, Privilege};
use lanyard_tests::TestDesk;
use std::collections::HashSet;

#[test]
fn every_privileged_action_without_a_lead_is_refused_and_changes_nothing() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.lead();
    let (e, s) = (&t.desk.engine, &t.desk.session);
    let jose = t.desk.search("jose nu").expect("search").remove(0);
    e.check_in(
        s,
        &CheckInRequest { typed: jose.badge_code.clone(), chosen: None, idempotency_key: "c".into() },
    )
    .expect("check in");
    t.desk.set_printer(Some("FrontLabel"), 0.0, 0.0, false, "p0").expect("a printer, set by the lead");
    t.desk
        .print_badge(&PrintRequest {
            attendee_id: jose.id,
            reprint: false,
            printer: None,
            idempotency_key: "b1".into(),
            auth: None,
            confirm_missing: false,
        })
        .expect("first print needs no lead");
    let out = t.dir.path().join("badges.pdf");
    let template = t.desk.badge_settings().expect("settings").template_toml;
    let csv = b"Name,Email,Ticket\nAna,ana@example.org,Conference\n".to_vec();
    let import = ImportRequest {
        file_name: "walkups.csv".into(),
        preset: None,
        mapping: Some(vec![lanyard_api::dto::MappingRule {
            field: "display_name".into(),
            column: Some("Name".into()),
            fixed: None,
        }]),
        dry_run: false,
        skip_problem_rows: false,
        idempotency_key: "i".into(),
        auth: None,
    };
    let attempts: Vec<(Privilege, Result<(), ApiError>)> = vec![
        (
            Privilege::UndoCheckIn,
            e.undo_check_in(
                s,
                &UndoRequest {
                    attendee_id: jose.id,
                    reason: "x".into(),
                    auth: Default::default(),
                    idempotency_key: "u".into(),
                },
            )
            .map(drop),
        ),
        (Privilege::AddLead, e.add_lead(s, None, "Mallory", "999999", "a").map(drop)),
        (Privilege::RemoveLead, e.remove_lead(s, &Default::default(), "Lee", "r").map(drop)),
        (Privilege::OpenSettings, e.unlock_settings(s, &Default::default()).map(drop)),
        (
            Privilege::SetPrinter,
            e.set_printer(s, None, &PrinterChoice::queue(Some("Evil"), true), "sp").map(drop),
        ),
        (Privilege::SetBadgeTemplate, e.set_badge_template(s, None, &template, "st").map(drop)),
        (Privilege::SetBadgeLogo, e.set_badge_logo(s, None, None, "sl").map(drop)),
        (Privilege::Import, e.import(s, &csv, &import, &mut |_, _| {}).map(drop)),
        (
            Privilege::PrintBatch,
            e.print_batch(s, None, &BadgeFilter::default(), "pb", &mut |_, _| {}).map(drop),
        ),
        (
            Privilege::ExportBadges,
            e.save_badges_pdf(s, None, &BadgeFilter::default(), &out, &mut |_, _| {}).map(drop),
        ),
        (Privilege::ExportAttendees, e.export_csv(s, None).map(drop)),
        (
            Privilege::ChangeRole,
            e.edit_attendee(
                s,
                &EditRequest {
                    attendee_id: jose.id,
                    display_name: jose.display_name.clone(),
                    affiliation: jose.affiliation.clone(),
                    hometown: jose.hometown.clone(),
                    email: None,
                    role: "organizer".into(),
                    note: String::new(),
                    idempotency_key: "er".into(),
                    auth: None,
                },
            )
            .map(drop),
        ),
        (
            Privilege::Reprint,
            e.print_badge(
                s,
                &PrintRequest {
                    attendee_id: jose.id,
                    reprint: true,
                    printer: None,
                    idempotency_key: "rp".into(),
                    auth: None,
                    confirm_missing: false,
                },
            )
            .map(drop),
        ),
    ];
    let covered: HashSet<Privilege> = attempts.iter().map(|(p, _)| *p).collect();
    assert_eq!(covered, Privilege::ALL.into_iter().collect(), "every privilege is tried here");
    for (privilege, result) in attempts {
        let err = result.expect_err(&format!("{privilege:?} without a lead"));
        assert!(
            matches!(err.code, ErrorCode::LeadRequired | ErrorCode::LeadExists | ErrorCode::PinWrong),
            "{privilege:?}: {:?} {}",
            err.code,
            err.message
        );
    }
    // Nothing changed: the printer, the role, the check-in, the file.
    assert_eq!(t.desk.badge_settings().expect("settings").printer.as_deref(), Some("FrontLabel"));
    let jose_now = t.desk.search("jose nu").expect("search").remove(0);
    assert!(jose_now.checked_in.is_some() && jose_now.role == jose.role);
    assert!(!out.exists(), "no badge file was written");
    assert_eq!(t.printer.jobs().len(), 1, "only the first print went out");
    assert_eq!(t.desk.leads().expect("leads").len(), 1, "no lead was added");
}
