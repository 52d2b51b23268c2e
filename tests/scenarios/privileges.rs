//! Every privileged action, called without a lead, is refused by the api
//! (issue 11). The list of privileges is `lanyard_api::Privilege::ALL`; this
//! test has one call for each and fails when a privilege has none.

use lanyard_api::dto::cash::{
    CloseDayRequest, CloseDrawerRequest, OpenDrawerRequest, PaymentRequest, RefundRequest, SaleRequest,
};
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
        &CheckInRequest {
            typed: jose.badge_code.clone(),
            chosen: None,
            idempotency_key: "c".into(),
            admit_owing: None,
        },
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
    // The cash box: a price, an open drawer, one cash sale to refund.
    let lead = t.desk.lead();
    e.set_price(s, Some(&lead), "Regular", "25.00", false, "price").expect("a price, set by the lead");
    e.open_cash_shift(s, &OpenDrawerRequest { count: "20x1".into(), idempotency_key: "open".into() })
        .expect("open the drawer");
    let payment = |method: &str| PaymentRequest {
        method: method.into(),
        tendered: String::new(),
        reference: String::new(),
        reason: "a speaker's guest".into(),
    };
    let sale = |method: &str, key: &str| SaleRequest {
        display_name: "Ana Lima".into(),
        affiliation: String::new(),
        hometown: String::new(),
        email: String::new(),
        role: String::new(),
        interests: vec![],
        ticket_type: "Regular".into(),
        confirm_new: true,
        payment: payment(method),
        auth: None,
        idempotency_key: key.into(),
    };
    let sold = e.sell_ticket(s, &sale("cash", "sale")).expect("a cash sale needs no lead");
    let cash_entries = || t.desk.engine.verify_ledger(s).expect("verify").drawers[0].entries;
    let entries_before = cash_entries();
    // Someone who owes, not checked in: a walk-in whose check-in a lead undid.
    let owing = lanyard_api::dto::WalkInRequest {
        amount_due: "25.00".into(),
        ..lanyard_tests::walk_in("Owes Money", "owing")
    };
    let owes = t.desk.register_walk_in(&owing).expect("walk-in").attendee;
    t.desk
        .undo_check_in(&UndoRequest {
            attendee_id: owes.id,
            reason: "setup".into(),
            auth: lead.clone(),
            idempotency_key: "u-owes".into(),
        })
        .expect("undo");
    let admit = CheckInRequest {
        typed: owes.badge_code.clone(),
        chosen: None,
        idempotency_key: "admit".into(),
        admit_owing: Some(lanyard_api::dto::LeadAuth::default()),
    };
    let attempts: Vec<(Privilege, Result<(), ApiError>)> = vec![
        (Privilege::SetPrices, e.set_price(s, None, "Regular", "1.00", false, "cheap").map(drop)),
        (Privilege::CompTicket, e.sell_ticket(s, &sale("comp", "comp")).map(drop)),
        (
            Privilege::Refund,
            e.refund_sale(
                s,
                &RefundRequest {
                    receipt: sold.receipt.clone(),
                    reason: "x".into(),
                    void: false,
                    amount: String::new(),
                    auth: None,
                    idempotency_key: "refund".into(),
                },
            )
            .map(drop),
        ),
        (
            Privilege::ApproveDifference,
            e.close_cash_shift(
                s,
                &CloseDrawerRequest {
                    count: "20x9".into(),
                    note: "found money".into(),
                    auth: None,
                    idempotency_key: "close".into(),
                },
            )
            .map(drop),
        ),
        (
            Privilege::CloseDay,
            e.close_cash_day(
                s,
                &CloseDayRequest { day: String::new(), auth: None, idempotency_key: "day".into() },
            )
            .map(drop),
        ),
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
                    ticket_type: None,
                    amount_due: None,
                    idempotency_key: "er".into(),
                    auth: None,
                },
            )
            .map(drop),
        ),
        (Privilege::AdmitOwing, e.check_in(s, &admit).map(drop)),
        (
            Privilege::ChooseBackupFolder,
            e.set_backup_folder(s, None, Some(&t.dir.path().join("elsewhere")), "bf").map(drop),
        ),
        (
            Privilege::CorrectTicket,
            e.edit_attendee(
                s,
                &EditRequest {
                    attendee_id: owes.id,
                    display_name: owes.display_name.clone(),
                    affiliation: owes.affiliation.clone(),
                    hometown: owes.hometown.clone(),
                    email: None,
                    role: owes.role.clone(),
                    note: String::new(),
                    ticket_type: None,
                    amount_due: Some("0".into()),
                    idempotency_key: "waive".into(),
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
            matches!(
                err.code,
                ErrorCode::LeadRequired
                    | ErrorCode::LeadExists
                    | ErrorCode::PinWrong
                    | ErrorCode::DifferenceNeedsLead
            ),
            "{privilege:?}: {:?} {}",
            err.code,
            err.message
        );
    }
    // Nothing changed: the ledger, the price, the printer, the role, the check-in, the file.
    assert_eq!(cash_entries(), entries_before, "no cash entry was booked");
    let status = e.cash_status(s).expect("cash status");
    assert_eq!(status.prices[0].price.minor, 25_00);
    assert!(status.shift.is_some(), "the drawer is still open");
    assert_eq!(t.desk.badge_settings().expect("settings").printer.as_deref(), Some("FrontLabel"));
    let jose_now = t.desk.search("jose nu").expect("search").remove(0);
    assert!(jose_now.checked_in.is_some() && jose_now.role == jose.role);
    assert!(!out.exists(), "no badge file was written");
    assert_eq!(t.printer.jobs().len(), 1, "only the first print went out");
    assert_eq!(t.desk.leads().expect("leads").len(), 1, "no lead was added");
}
