//! Every code printed on a source ticket finds its attendee (issue 8): a
//! Tito ticket's QR code (the `ti_…` slug its URL ends with) and its
//! reference ("QWRT-2", "#ZXCV"), beside pretix secrets and Eventbrite
//! barcodes; typed or scanned, and in the search box. Nothing a volunteer
//! types as part of a name is ever taken for one (issue 11).

use lanyard_api::ApiError;
use lanyard_api::ErrorCode;
use lanyard_api::dto::{CheckInReceipt, CheckInRequest};
use lanyard_tests::TestDesk;

fn desk_with_tito() -> TestDesk {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("tito-codes.csv", false, "i1").expect("the Tito export imports");
    t
}

fn scan(t: &TestDesk, typed: &str, key: &str) -> Result<CheckInReceipt, ApiError> {
    t.desk.check_in(&CheckInRequest {
        typed: typed.into(),
        chosen: None,
        idempotency_key: key.into(),
        admit_owing: None,
    })
}

fn names(t: &TestDesk, query: &str) -> Vec<String> {
    t.desk.search(query).expect("search").into_iter().map(|c| c.display_name).collect()
}

#[test]
fn a_tito_qr_code_checks_its_attendee_in_as_a_slug_or_as_the_whole_url() {
    let t = desk_with_tito();
    let ines = scan(&t, "ti_pK4mN8qR2sT6vX9zB3cD7fG", "k1").expect("the QR code's slug");
    assert_eq!(ines.attendee.display_name, "Ines Duarte");
    let tiago = scan(&t, "https://ti.to/tickets/ti_pM6oQ0sU4vW8yA2bE5gH9kL", "k2")
        .expect("a scanner reading the URL");
    assert_eq!(tiago.attendee.display_name, "Tiago Duarte");
}

#[test]
fn a_tito_ticket_reference_checks_its_attendee_in_as_printed_in_any_case() {
    let t = desk_with_tito();
    assert_eq!(scan(&t, "QWRT-2", "k1").expect("reference").attendee.display_name, "Tiago Duarte");
    assert_eq!(t.desk.resolve_code("qwrt-1").expect("typed in lowercase").display_name, "Ines Duarte");
    assert_eq!(
        scan(&t, "#ZXCV", "k2").expect("one ticket's order reference").attendee.display_name,
        "Tim Fischer"
    );
    let void = scan(&t, "#BNMA", "k3").expect_err("a void Tito ticket");
    assert_eq!(void.code, ErrorCode::TicketCancelled);
}

#[test]
fn a_four_letter_reference_is_never_taken_for_a_typed_name() {
    let t = desk_with_tito();
    // "zxcv" without its # or a digit could be the start of a name.
    let err = t.desk.resolve_code("zxcv").expect_err("not a code");
    assert_eq!(err.code, ErrorCode::UnknownCode);
    // Choosing a result checks in that result, whatever was typed.
    let hanako = t.desk.search("佐藤").expect("search").remove(0);
    let receipt = t
        .desk
        .check_in(&CheckInRequest {
            typed: "QWRT-1".into(),
            chosen: Some(hanako.id),
            idempotency_key: "k1".into(),
            admit_owing: None,
        })
        .expect("check in the chosen person");
    assert_eq!(receipt.attendee.display_name, "佐藤花子");
}

#[test]
fn the_search_box_finds_people_by_the_codes_on_their_tickets() {
    let t = desk_with_tito();
    assert_eq!(names(&t, "QWRT-2"), ["Tiago Duarte"]);
    assert_eq!(names(&t, "zxcv"), ["Tim Fischer"]);
    assert_eq!(names(&t, "ti_pN7pR1tV5wX9zB3cF6hJ0mP"), ["Tim Fischer"]);
    // Every Tito slug starts "ti_": typing "ti" finds the Tims and Tinas first.
    let ti = names(&t, "ti");
    assert_eq!(ti[..3], ["Tiago Duarte", "Tim Fischer", "Tina Novak"], "{ti:?}");
}

#[test]
fn pretix_secrets_and_references_and_eventbrite_barcodes_check_people_in() {
    let mut t = TestDesk::empty("Desk 1", "Anna");
    t.import_fixture("pretix.csv", false, "i1").expect("pretix");
    assert_eq!(scan(&t, "s3cr3tmaria002", "k1").expect("secret").attendee.display_name, "María García");
    assert_eq!(scan(&t, "ABC12-1", "k2").expect("position reference").attendee.display_name, "José Núñez");
    assert_eq!(names(&t, "QRS45-1"), ["王小明"]);
    let request = lanyard_api::dto::ImportRequest {
        file_name: "eventbrite-attendees.csv".into(),
        preset: None,
        mapping: None,
        dry_run: false,
        skip_problem_rows: true,
        idempotency_key: "i2".into(),
        auth: Some(t.desk.lead()),
    };
    let bytes = std::fs::read(lanyard_tests::fixture("eventbrite-attendees.csv")).expect("fixture");
    t.desk.import(&bytes, &request, &mut |_, _| {}).expect("eventbrite");
    assert_eq!(scan(&t, "773011200611890006001", "k3").expect("barcode").attendee.display_name, "山田太郎");
}
