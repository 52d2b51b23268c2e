//! Importing attendee lists: presets, encodings, re-imports, bad files.

use lanyard_api::ErrorCode;
use lanyard_api::dto::{CheckInRequest, ImportRequest, MappingRule};
use lanyard_tests::{TestDesk, fixture};

fn names(t: &TestDesk, query: &str) -> Vec<String> {
    t.desk.search(query).expect("search").into_iter().map(|c| c.display_name).collect()
}

/// Imports a fixture, skipping its problem rows when `skip` is set.
fn import(
    t: &TestDesk,
    name: &str,
    dry_run: bool,
    skip: bool,
    key: &str,
) -> Result<lanyard_api::dto::ImportReport, lanyard_api::ApiError> {
    let request = ImportRequest {
        file_name: name.into(),
        preset: None,
        mapping: None,
        dry_run,
        skip_problem_rows: skip,
        idempotency_key: key.into(),
        auth: Some(t.desk.lead()),
    };
    t.desk.import(&std::fs::read(fixture(name)).expect("fixture"), &request, &mut |_, _| {})
}

fn check_in(
    t: &mut TestDesk,
    typed: &str,
    key: &str,
) -> Result<lanyard_api::dto::CheckInReceipt, lanyard_api::ApiError> {
    t.desk.check_in(&CheckInRequest { typed: typed.into(), chosen: None, idempotency_key: key.into() })
}

#[test]
fn a_pretix_export_with_bom_and_quoted_newlines_imports_every_position() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let report = t.import_fixture("pretix.csv", false, "i1").expect("import");
    assert_eq!((report.preset.as_deref(), report.encoding.as_str()), (Some("pretix"), "UTF-8"));
    assert_eq!((report.new, report.updated, report.unchanged, report.problems.len()), (4, 0, 0, 0));
    assert_eq!(
        report.changes.iter().map(|c| c.line).collect::<Vec<_>>(),
        [2, 4, 6, 8],
        "lines count quoted newlines"
    );
    assert_eq!(names(&t, "jose nu"), ["José Núñez"]);
    // pretix's "Attendee name" column joins given and family name the
    // Western way ("小明 王"): the desk shows the name as its owner writes it.
    assert_eq!(names(&t, "小明"), ["王小明"]);
    assert_eq!(names(&t, "김민준"), ["김민준"]);
    assert_eq!(t.desk.info().expect("info").attendee_count, 3, "Kim's cancelled position is not expected");
}

#[test]
fn a_ticket_secret_from_the_source_system_scans_like_a_badge() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("pretix.csv", false, "i1").expect("import");
    let receipt = check_in(&mut t, "s3cr3tjose0001", "k1").expect("the pretix secret checks José in");
    assert_eq!(receipt.attendee.display_name, "José Núñez");
}

#[test]
fn cancelled_positions_are_imported_but_refused_at_the_desk() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("pretix.csv", false, "i1").expect("import");
    let err = check_in(&mut t, "s3cr3tkim00003", "k1").expect_err("cancelled in pretix");
    assert_eq!(err.code, ErrorCode::TicketCancelled);
}

#[test]
fn a_tito_export_in_utf16_with_tabs_imports() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let report = t.import_fixture("tito.csv", false, "i1").expect("import");
    assert_eq!(
        (report.preset.as_deref(), report.encoding.as_str(), report.delimiter.as_str()),
        (Some("tito"), "UTF-16LE", "\t")
    );
    assert_eq!(report.new, 3);
    assert_eq!(names(&t, "mueller"), ["Jürgen Müller"]);
    let voided = t.desk.search("Αικατερίνη").expect("search").remove(0);
    assert!(voided.cancelled, "Tito's void status marks the ticket cancelled");
    let noa = t.desk.search("נועה").expect("search").remove(0);
    assert_eq!(noa.display_name, "נועה כהן");
}

#[test]
fn an_eventbrite_report_saved_by_excel_in_windows_1252_imports() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let err = t.import_fixture("eventbrite.csv", false, "i0").expect_err("a repeated row is a problem");
    assert_eq!(err.code, ErrorCode::ImportHasProblems);
    let report = import(&t, "eventbrite.csv", false, true, "i1").expect("import skipping the repeated row");
    assert_eq!(
        (report.preset.as_deref(), report.encoding.as_str(), report.delimiter.as_str()),
        (Some("eventbrite"), "windows-1252", ";")
    );
    assert_eq!(report.new, 2);
    assert_eq!(report.problems.len(), 1, "the repeated row is reported: {:?}", report.problems);
    assert!(report.problems[0].reason.starts_with("duplicate of line 3"), "{:?}", report.problems);
    assert_eq!(names(&t, "zoe lef"), ["Zoë Lefèvre"]);
    assert!(t.desk.search("francois").expect("search")[0].cancelled, "Not Attending means cancelled");
}

#[test]
fn re_importing_updates_by_external_id_and_keeps_check_ins_and_badge_codes() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("pretix.csv", false, "i1").expect("first import");
    let maria = t.desk.search("maria garcia").expect("search").remove(0);
    check_in(&mut t, &maria.badge_code, "k1").expect("María arrives");

    let preview = t.import_fixture("pretix-updated.csv", true, "i2").expect("dry run");
    assert_eq!((preview.new, preview.updated, preview.unchanged), (1, 1, 3));
    assert!(!preview.applied);
    assert_eq!(t.desk.info().expect("info").attendee_count, 3, "a dry run writes nothing");
    let updated = preview.changes.iter().find(|c| c.kind == "updated").expect("one update");
    assert_eq!(
        (updated.display_name.as_str(), updated.fields.clone()),
        ("María García", vec!["affiliation".to_owned()])
    );

    let report = t.import_fixture("pretix-updated.csv", false, "i3").expect("re-import");
    assert_eq!((report.new, report.updated, report.unchanged), (1, 1, 3));
    assert_eq!(t.desk.info().expect("info").attendee_count, 4, "no duplicates");
    let after = t.desk.search("maria garcia").expect("search").remove(0);
    assert_eq!(after.id, maria.id);
    assert_eq!(after.badge_code, maria.badge_code, "the badge code is kept");
    assert_eq!(after.affiliation, "Universidad de Sevilla");
    assert!(after.checked_in.is_some(), "the check-in is kept");
}

#[test]
fn replaying_an_import_key_returns_the_first_report_and_adds_nobody() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let first = t.import_fixture("pretix.csv", false, "same").expect("import");
    let again = t.import_fixture("pretix.csv", false, "same").expect("replay");
    assert_eq!(first, again);
    assert_eq!(t.desk.info().expect("info").attendee_count, 3);
    let log = lanyard_tests::store(&t.path).read(|tx| tx.audit_log()).expect("audit");
    assert_eq!(log.iter().filter(|e| e.action == "import").count(), 1, "the import is audited once");
}

#[test]
fn a_file_of_unknown_shape_asks_for_a_mapping_and_then_imports_with_it() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let err = t.import_fixture("custom.csv", true, "i1").expect_err("unknown columns");
    assert_eq!(err.code, ErrorCode::ImportNeedsMapping);
    assert!(err.message.contains("name, organisation, city, mail, kind, topics, owes"), "{}", err.message);

    let map = |field: &str, column: &str| MappingRule {
        field: field.into(),
        column: Some(column.into()),
        fixed: None,
    };
    let mapping = vec![
        map("display_name", "name"),
        map("affiliation", "organisation"),
        map("hometown", "city"),
        map("email", "mail"),
        map("role", "kind"),
        map("interests", "topics"),
        map("amount_due", "owes"),
        MappingRule { field: "ticket_type".into(), column: None, fixed: Some("Conference".into()) },
    ];
    let request = ImportRequest {
        file_name: "custom.csv".into(),
        preset: None,
        mapping: Some(mapping),
        dry_run: false,
        skip_problem_rows: true,
        idempotency_key: "i2".into(),
        auth: Some(t.desk.lead()),
    };
    let bytes = std::fs::read(fixture("custom.csv")).expect("fixture");
    let report = t.desk.import(&bytes, &request, &mut |_, _| {}).expect("import with a mapping");
    assert_eq!(report.new, 3);
    let problems: Vec<(u64, Option<&str>)> =
        report.problems.iter().map(|p| (p.line, p.column.as_deref())).collect();
    assert_eq!(problems, [(6, None), (7, Some("name")), (9, Some("owes"))]);
    let lukasz = t.desk.search("lukasz").expect("search").remove(0);
    assert_eq!((lukasz.affiliation.as_str(), lukasz.role.as_str()), ("Jagiellonian; Kraków", "speaker"));
    let bjorn = t.desk.search("bjorn").expect("search").remove(0);
    assert_eq!(bjorn.amount_due.as_ref().map(|m| m.minor), Some(1250));
}

#[test]
fn bad_files_are_refused_whole_with_the_file_and_line_named() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let err = t.import_fixture("empty.csv", false, "i1").expect_err("empty");
    assert_eq!((err.code, err.message.as_str()), (ErrorCode::InvalidInput, "empty.csv: the file is empty"));
    let err = t.import_fixture("unterminated-quote.csv", false, "i2").expect_err("unclosed quote");
    assert_eq!(err.message, "unterminated-quote.csv, line 2: a quoted field opened here is never closed");
    assert_eq!(t.desk.info().expect("info").attendee_count, 0, "nothing was written");
}
