//! Build script: Tauri's code generation, with every app command listed so
//! that each one needs an explicit grant in `capabilities/`.

/// The app's commands; keep in step with `generate_handler!` in `main.rs`
/// and with `capabilities/desk.json` (a tidy test checks all three).
const COMMANDS: &[&str] = &[
    "desk_info",
    "start_shift",
    "end_shift",
    "search",
    "check_in",
    "app_ready",
    "create_first_lead",
    "leads",
    "unlock_settings",
    "end_grant",
    "add_lead",
    "remove_lead",
    "undo_check_in",
    "choices",
    "register_walk_in",
    "edit_attendee",
    "stats",
    "stage_import",
    "import_columns",
    "import_file",
    "badge_settings",
    "set_printer",
    "set_badge_template",
    "printers",
    "badge_preview",
    "print_badge",
    "print_test_page",
    "badge_batch",
    "save_badges_as",
    "cash_status",
    "set_price",
    "set_cash_settings",
    "open_cash_shift",
    "sell_ticket",
    "settle_amount_due",
    "cash_movement",
    "refund_sale",
    "close_cash_shift",
    "close_cash_day",
    "cash_report",
    "print_cash_document",
    "save_cash_report_as",
    "save_receipt_as",
    "backup_status",
    "choose_backup_folder",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        // A build script reports failure by panicking; say why first.
        panic!("tauri-build failed: {e:#}");
    }
}
