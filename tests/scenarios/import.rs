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
    t.desk.check_in(&CheckInRequest {
        typed: typed.into(),
        chosen: None,
        idempotency_key: key.into(),
        admit_owing: None,
    })
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

/// Imports `name` with a hand-made mapping (column per field, a fixed ticket type).
fn import_mapped(
    t: &TestDesk,
    name: &str,
    columns: &[(&str, &str)],
    skip: bool,
    key: &str,
) -> Result<lanyard_api::dto::ImportReport, lanyard_api::ApiError> {
    import_bytes(
        t,
        name,
        &std::fs::read(fixture(name)).expect("fixture"),
        Some(mapping_of(columns)),
        skip,
        key,
    )
}

fn import_bytes(
    t: &TestDesk,
    name: &str,
    bytes: &[u8],
    mapping: Option<Vec<MappingRule>>,
    skip: bool,
    key: &str,
) -> Result<lanyard_api::dto::ImportReport, lanyard_api::ApiError> {
    let request = ImportRequest {
        file_name: name.into(),
        preset: None,
        mapping,
        dry_run: false,
        skip_problem_rows: skip,
        idempotency_key: key.into(),
        auth: Some(t.desk.lead()),
    };
    t.desk.import(bytes, &request, &mut |_, _| {})
}

const PEOPLE: [(&str, &str); 4] =
    [("display_name", "name"), ("email", "mail"), ("affiliation", "organisation"), ("hometown", "city")];

fn problems(report: &lanyard_api::dto::ImportReport) -> Vec<(u64, Option<&str>, &str)> {
    report.problems.iter().map(|p| (p.line, p.column.as_deref(), p.reason.as_str())).collect()
}

fn stored(t: &TestDesk) -> Vec<lanyard_core::Attendee> {
    lanyard_tests::store(&t.path).read(|tx| tx.all_attendees()).expect("attendees")
}

#[test]
fn a_row_with_too_few_or_too_many_fields_imports_nothing_until_its_lines_are_skipped() {
    // Issue 8: such rows came in with values shifted into other fields
    // (an e-mail of "Speaker") and were reported as 0 problems.
    let t = TestDesk::empty("Desk 1", "Anna");
    let preview = import(&t, "pretix-hand-edited.csv", true, false, "i1").expect("a dry run reports");
    assert_eq!(
        problems(&preview),
        [
            (3, None, "line 3 has 16 fields, the header has 17: its values would land in the wrong columns"),
            (4, None, "line 4 has 18 fields, the header has 17: its values would land in the wrong columns"),
        ]
    );
    assert_eq!((preview.rows, preview.new), (5, 3));

    let err = import(&t, "pretix-hand-edited.csv", false, false, "i2").expect_err("refused whole");
    assert_eq!(err.code, ErrorCode::ImportHasProblems);
    assert_eq!(
        err.message,
        "pretix-hand-edited.csv: 2 rows have problems (lines 3 and 4), so nothing was imported: fix the file, or import it skipping these rows"
    );
    assert!(stored(&t).is_empty(), "nothing from that file was imported");

    let report = import(&t, "pretix-hand-edited.csv", false, true, "i3").expect("the other rows");
    assert_eq!((report.new, report.problems.len()), (3, 2));
    let people = stored(&t);
    let names: Vec<&str> = people.iter().map(|a| a.details.display_name.as_str()).collect();
    assert_eq!(names, ["Priya Raghunathan", "สมชาย วงศ์สวัสดิ์", "ნინო ბერიძე"]);
    assert!(people.iter().all(|a| a.details.email.contains('@')), "no value landed in another field");
}

#[test]
fn a_stray_quote_in_a_name_is_read_as_written_and_a_broken_quote_refuses_its_line_alone() {
    // Issue 8: `Ana O"Neil` rejected the whole file.
    let t = TestDesk::empty("Desk 1", "Anna");
    let report = import_mapped(&t, "custom-quotes.csv", &PEOPLE, true, "i1").expect("import");
    assert_eq!(
        problems(&report),
        [(4, None, "line 4 has text after the closing quote of a quoted field: check the quotes")]
    );
    assert_eq!(names(&t, "ana o"), ["Ana O\"Neil"]);
    let sean = t.desk.search("sean").expect("search").remove(0);
    assert_eq!(
        (sean.display_name.as_str(), sean.affiliation.as_str()),
        ("Seán \"Jack\" Ó Briain", "UCC; Cork")
    );
    assert_eq!(names(&t, "aoife"), ["Aoife Ní Bhriain"]);
}

#[test]
fn one_byte_that_is_not_utf8_is_reported_on_its_line_and_every_other_name_stays_intact() {
    // Issue 8: one such byte made the whole file decode as Windows-1252.
    let t = TestDesk::empty("Desk 1", "Anna");
    let report = import_mapped(&t, "custom-one-bad-byte.csv", &PEOPLE, true, "i1").expect("import");
    assert_eq!(report.encoding, "UTF-8");
    assert_eq!(
        problems(&report),
        [(
            5,
            Some("name"),
            "line 5 has the byte 0xE9, which is not UTF-8 (the rest of the file is): fix it and import again"
        )]
    );
    let names: Vec<String> = stored(&t).into_iter().map(|a| a.details.display_name).collect();
    assert_eq!(names, ["Łukasz Wójcik", "Zoë Lefèvre", "Nguyễn Thị Minh Khai", "Çağrı Öztürk"]);
}

#[test]
fn control_characters_are_a_problem_of_their_row_naming_the_column_not_a_storage_error() {
    let t = TestDesk::empty("Desk 1", "Anna");
    let err = import_mapped(&t, "custom-control-chars.csv", &PEOPLE, false, "i1").expect_err("refused");
    assert_eq!(err.code, ErrorCode::ImportHasProblems, "{}", err.message);
    let report = import_mapped(&t, "custom-control-chars.csv", &PEOPLE, true, "i2").expect("import");
    assert_eq!(
        problems(&report),
        [
            (3, Some("name"), "a control character (U+0000) is in the field: remove it and import again"),
            (
                4,
                Some("organisation"),
                "a control character (U+001B) is in the field: remove it and import again"
            ),
        ]
    );
    assert_eq!(report.new, 2);
}

#[test]
fn tickets_that_are_no_ticket_add_nobody_and_cancel_the_ticket_of_who_had_one() {
    // Issue 8: Eventbrite's Transferred and Deleted came in as valid.
    let mut t = TestDesk::empty("Desk 1", "Anna");
    let report = import(&t, "eventbrite-attendees.csv", false, true, "i1").expect("import");
    assert_eq!(report.encoding, "UTF-8");
    assert_eq!(
        problems(&report),
        [
            (
                5,
                None,
                "the ticket was transferred to another ticket type or event (status \"Transferred\"): not a valid ticket, so nobody is added"
            ),
            (
                6,
                None,
                "the ticket was deleted in the ticketing system (status \"Deleted\"): not a valid ticket, so nobody is added"
            ),
            (8, None, "duplicate of line 7: left out"),
        ]
    );
    assert_eq!(report.new, 4);
    let giorgi = check_in(&mut t, "773011200311890003001", "k1").expect_err("Not Attending");
    assert_eq!(giorgi.code, ErrorCode::TicketCancelled);
    check_in(&mut t, "773011200211890002001", "k2").expect("Checked In in Eventbrite is a valid ticket");

    // Amara's ticket was transferred since: the later report says so.
    let later = import(&t, "eventbrite-attendees-later.csv", false, false, "i2").expect("re-import");
    assert_eq!((later.new, later.updated, later.problems.len()), (0, 1, 0));
    assert_eq!(later.changes[0].fields, ["status"]);
    let amara = check_in(&mut t, "773011200111890001001", "k3").expect_err("transferred away");
    assert_eq!(amara.code, ErrorCode::TicketCancelled);

    // pretix: pending (n) and expired (e) orders are no tickets either.
    let t = TestDesk::empty("Desk 1", "Anna");
    let report = import(&t, "pretix-names.csv", true, false, "p1").expect("dry run");
    let reasons: Vec<&str> = report.problems.iter().map(|p| p.reason.as_str()).collect();
    assert!(
        reasons.contains(&"the order is not paid yet (status \"n\"): not a valid ticket, so nobody is added")
    );
    assert!(reasons.contains(
        &"the order expired without being paid (status \"e\"): not a valid ticket, so nobody is added"
    ));
}

#[test]
fn a_re_import_of_names_and_emails_changes_only_those_and_the_audit_lists_the_fields() {
    // Issue 8: it wiped the ticket secret, external id, status and amount due.
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("pretix.csv", false, "i1").expect("first import");
    let before = stored(&t);
    let report = import_mapped(
        &t,
        "names-and-emails.csv",
        &[("display_name", "Name"), ("email", "E-mail")],
        false,
        "i2",
    )
    .expect("partial re-import");
    assert_eq!((report.new, report.updated, report.unchanged), (0, 1, 1));
    assert_eq!(report.changes[0].fields, ["display name"]);
    let after = stored(&t);
    for (old, new) in before.iter().zip(&after) {
        let mut expected = old.clone();
        if old.details.email == "jose@example.org" {
            expected.details.display_name = "José Ramón Núñez".into();
        }
        assert_eq!(new, &expected, "only the mapped fields changed");
    }
    // The ticket type was not in the file either: it is not "General" now.
    assert_eq!(after[0].details.ticket_type, "Conference");
    check_in(&mut t, "s3cr3tjose0001", "k1").expect("José's ticket still scans");
    let again = t.import_fixture("pretix.csv", false, "i3").expect("the full export again");
    assert_eq!((again.new, again.updated), (0, 1), "matched by external id: nobody is duplicated");

    let log = lanyard_tests::store(&t.path).read(|tx| tx.audit_log()).expect("audit");
    let partial = log.iter().filter(|e| e.action == "import").nth(1).expect("the partial import");
    let fields: serde_json::Value = serde_json::from_str(&partial.fields_json).expect("json");
    assert_eq!(
        fields["changes"],
        serde_json::json!([{ "attendee": after[0].id.0, "fields": ["display name"] }]),
        "who changed and which fields, no values"
    );
}

#[test]
fn files_headers_and_fields_past_their_limits_are_refused_naming_the_limit() {
    let t = TestDesk::empty("Desk 1", "Anna");
    let huge = vec![b'x'; 200_000_001];
    let started = std::time::Instant::now();
    let err = import_bytes(&t, "huge.csv", &huge, None, false, "i1").expect_err("too large");
    let said: String = err.message.chars().take(200).collect();
    assert_eq!(said, "huge.csv has 201 MB: files of more than 200 MB are not read");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "refused before any work");
    drop(huge);

    let header: Vec<String> = (1..=501).map(|i| format!("Question {i}")).collect();
    let err = import_bytes(&t, "wide.csv", format!("{}\n", header.join(",")).as_bytes(), None, false, "i2")
        .expect_err("too wide");
    assert_eq!(err.message, "wide.csv: the header has 501 columns: at most 500 are read");

    let long =
        format!("name,mail,organisation,city\nAna Silva,ana@example.org,{},Lisboa\n", "Acme ".repeat(201));
    let err = import_bytes(&t, "long.csv", long.as_bytes(), Some(mapping_of(&PEOPLE)), false, "i3")
        .expect_err("a field past its limit");
    assert_eq!(err.code, ErrorCode::ImportHasProblems);
    let preview = import_bytes(&t, "long.csv", long.as_bytes(), Some(mapping_of(&PEOPLE)), true, "i4")
        .expect("skipping it");
    assert_eq!(
        problems(&preview),
        [(2, Some("organisation"), "the field has 1005 characters: a field may have at most 1000")]
    );
    assert!(stored(&t).is_empty());
}

fn mapping_of(columns: &[(&str, &str)]) -> Vec<MappingRule> {
    let mut mapping: Vec<MappingRule> = columns
        .iter()
        .map(|(field, column)| MappingRule {
            field: (*field).into(),
            column: Some((*column).into()),
            fixed: None,
        })
        .collect();
    mapping.push(MappingRule { field: "ticket_type".into(), column: None, fixed: Some("Conference".into()) });
    mapping
}

#[test]
fn a_pretix_calling_name_is_imported_as_a_nickname_the_search_finds() {
    let t = TestDesk::empty("Desk 1", "Anna");
    import(&t, "pretix-names.csv", false, true, "i1").expect("import");
    let nicknames: Vec<(String, String)> = stored(&t)
        .into_iter()
        .filter(|a| !a.details.nickname.is_empty())
        .map(|a| (a.details.display_name, a.details.nickname))
        .collect();
    assert_eq!(
        nicknames,
        [
            ("Rajeshwari Venkataraman".to_owned(), "Raji".to_owned()),
            ("Rajeshwari Venkataraman".to_owned(), "Raji".to_owned()),
            ("ณัฐวุฒิ ศรีสุข".to_owned(), "ต้น".to_owned()),
            ("محمد عبد الرحمن".to_owned(), "Mido".to_owned()),
            ("佐藤花子".to_owned(), "はなちゃん".to_owned()),
            ("ნინო ბერიძე".to_owned(), "Nini".to_owned()),
        ],
        "Rajeshwari has two positions: two tickets, two attendees"
    );
    assert_eq!(names(&t, "mido"), ["محمد عبد الرحمن"]);
    assert_eq!(names(&t, "nini"), ["ნინო ბერიძე"]);
}

#[test]
fn names_keep_the_order_their_owners_write_them_in() {
    // Issue 8: "小明 王" and "민준 김" were shown for 王小明 and 김민준.
    let t = TestDesk::empty("Desk 1", "Anna");
    import(&t, "pretix-names.csv", false, true, "i1").expect("pretix");
    import(&t, "eventbrite-attendees.csv", false, true, "i2").expect("eventbrite");
    import(&t, "tito-codes.csv", false, false, "i3").expect("tito");
    let names: Vec<String> = stored(&t).into_iter().map(|a| a.details.display_name).collect();
    for name in ["王小明", "김민준", "佐藤花子", "山田太郎", "محمد عبد الرحمن", "ნინო ბერიძე", "ณัฐวุฒิ ศรีสุข"]
    {
        assert!(names.iter().any(|n| n == name), "{name} is missing from {names:?}");
    }
    assert!(names.iter().any(|n| n == "陈 静"), "a name the source writes with a space is kept as written");
    assert!(!names.iter().any(|n| n == "小明 王" || n == "민준 김" || n == "花子 佐藤"), "{names:?}");
}

#[test]
fn a_ticket_secret_shorter_than_eight_characters_is_a_problem_of_its_row() {
    // Issue 11: a short secret could equal a name fragment typed at the desk.
    let t = TestDesk::empty("Desk 1", "Anna");
    let report = import(&t, "pretix-names.csv", true, false, "i1").expect("dry run");
    let short = report.problems.iter().find(|p| p.line == 14).expect("Lucía's row");
    assert_eq!(short.column.as_deref(), Some("Ticket secret"));
    assert_eq!(
        short.reason,
        "the ticket secret \"4711\" is shorter than 8 characters: a name typed at the desk could match it"
    );
}

#[test]
fn a_dry_run_lists_new_rows_that_look_like_someone_registered_at_the_desk() {
    let t = TestDesk::empty("Desk 1", "Anna");
    // José came early and was registered as a walk-in, before the export arrived.
    let mut walk_in = lanyard_tests::walk_in("jose nunez", "w");
    walk_in.email = "JOSE@example.org".into();
    let desk_jose = t.desk.register_walk_in(&walk_in).expect("walk-in").attendee;
    let report = import(&t, "pretix.csv", true, false, "dry").expect("dry run");
    assert!(!report.applied);
    let jose =
        report.lookalikes.iter().find(|l| l.display_name == "José Núñez").expect("José's row is flagged");
    assert_eq!(jose.existing.iter().map(|c| c.id).collect::<Vec<_>>(), vec![desk_jose.id]);
    assert!(jose.line >= 2, "the file's line is named");
    assert!(report.lookalikes.len() < report.new, "only lookalikes are listed: {:?}", report.lookalikes);
}
