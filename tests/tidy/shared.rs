//! Numbers the UI repeats from the engine are the engine's: the check-in
//! screen keeps as many result rows as one search returns at most
//! (`ROWS_KEPT` in `ui/src/features/checkin/rows.ts`, decision 0013).

use lanyard_tests::workspace_root;

#[test]
fn the_check_in_screen_keeps_as_many_rows_as_a_search_returns() {
    let rows =
        std::fs::read_to_string(workspace_root().join("ui/src/features/checkin/rows.ts")).expect("rows.ts");
    let kept: usize = rows
        .lines()
        .find_map(|l| l.strip_prefix("export const ROWS_KEPT = "))
        .and_then(|v| v.trim_end_matches(';').trim().parse().ok())
        .expect("rows.ts declares `export const ROWS_KEPT = <number>;`");
    assert_eq!(
        kept,
        lanyard_api::SEARCH_LIMIT,
        "ROWS_KEPT in rows.ts must be lanyard_api::SEARCH_LIMIT, or a full list makes new rows at every key"
    );
}
