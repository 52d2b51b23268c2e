//! The Lanyard desktop shell.
//!
//! It opens the event engine (creating the demo event on an explicit first
//! start: the default database's first, or `LANYARD_DEMO=1`),
//! keeps it and this window's session in Tauri's state, turns the engine's
//! change feed into `lanyard://changed` events for the page, and exposes the
//! desk's use cases as commands. Each command is a few lines: unpack, call
//! `lanyard-api`, return its result or its `{ code, message }` error. No rule
//! of the desk lives here. On Linux it asks WebKitGTK to draw the window
//! without accelerated compositing (decision 0013).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use lanyard_api::{ApiError, Engine, EngineOptions, Mode, Parts, Session, paths};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tauri::{Emitter, Manager};

/// How often the window looks for changes other processes made to the file.
const FOLLOW_EVERY: Duration = Duration::from_millis(250);

/// The engine and this window's session, or why they could not be opened
/// (shown in the window).
#[derive(Debug)]
pub struct DeskState {
    desk: Result<(Arc<Engine>, Mutex<Session>), ApiError>,
    /// The bytes of a file chosen for import, kept between preview and import.
    staged: Mutex<Vec<u8>>,
    started: Instant,
}

/// Asks the window to create the demo event in a database named by
/// `LANYARD_DB` that does not exist yet (`scripts/run` and the tests set it).
const DEMO_ENV: &str = "LANYARD_DEMO";

fn open_desk() -> Result<(Arc<Engine>, Mutex<Session>), ApiError> {
    // The demo event is made only on an explicit first start: the default
    // database on this machine's first start, or a named one when the
    // demo was asked for. A mistyped `LANYARD_DB` is an error, never a new
    // event in the wrong place.
    let named = std::env::var_os(paths::DB_ENV).is_some_and(|p| !p.is_empty());
    let demo_asked = std::env::var(DEMO_ENV).is_ok_and(|v| v == "1");
    let create = !named || demo_asked;
    let options = EngineOptions {
        database: paths::database_path(None)?,
        installation: paths::installation_path(None)?,
        desk_name: std::env::var("LANYARD_DESK").ok().filter(|s| !s.trim().is_empty()),
        create,
    };
    let engine = Engine::open(&options, Parts::system())?;
    let session = engine.open_session(None, Mode::Desk)?;
    if create {
        engine.create_demo_if_empty(&session)?;
    }
    // The desk backs itself up (every ten minutes of changes, at every cash
    // close) into `backups` beside the event file.
    engine.enable_auto_backup(None);
    Ok((engine, Mutex::new(session)))
}

/// The file a person chose in a native save dialog, or `None` when they
/// closed it. The end-to-end tests cannot click a native dialog, so the
/// launcher of a test run may answer it in advance with `LANYARD_SAVE_AS`
/// (the process environment, which the page cannot set).
pub fn save_dialog(app: &tauri::AppHandle, suggested: &str) -> Option<std::path::PathBuf> {
    if let Some(answer) = std::env::var_os("LANYARD_SAVE_AS").filter(|a| !a.is_empty()) {
        return Some(answer.into());
    }
    use tauri_plugin_dialog::DialogExt;
    let (kind, extension) = if suggested.ends_with(".csv") { ("CSV", "csv") } else { ("PDF", "pdf") };
    app.dialog()
        .file()
        .set_file_name(suggested)
        .add_filter(kind, &[extension])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// The folder a person chose in a native folder dialog, or `None` when
/// they closed it; the tests answer it in advance with `LANYARD_PICK_FOLDER`.
pub fn folder_dialog(app: &tauri::AppHandle) -> Option<std::path::PathBuf> {
    if let Some(answer) = std::env::var_os("LANYARD_PICK_FOLDER").filter(|a| !a.is_empty()) {
        return Some(answer.into());
    }
    use tauri_plugin_dialog::DialogExt;
    app.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok())
}

/// Keeps WebKit's accelerated compositing when set to `1`, for a desk
/// whose drawing looks wrong without it (docs/decisions/0013).
const COMPOSITING_ENV: &str = "LANYARD_COMPOSITING";

/// Asks WebKitGTK to draw the window without accelerated compositing: a
/// key is painted sooner (a frame sooner under software GL), and the
/// desk's page has nothing a compositor would help with: no video, WebGL,
/// 3D or long animations (docs/decisions/0013).
fn draw_without_compositing(app: &tauri::App) {
    if std::env::var(COMPOSITING_ENV).is_ok_and(|v| v == "1") {
        return;
    }
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        // A window that cannot be reached keeps WebKit's default; it still works.
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

fn main() {
    let started = Instant::now();
    let state = DeskState { desk: open_desk(), staged: Mutex::new(Vec::new()), started };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            draw_without_compositing(app);
            let state = app.state::<DeskState>();
            if let Ok((engine, _)) = &state.desk {
                let handle = app.handle().clone();
                engine.on_change(Box::new(move |notice| {
                    // A window that is closing cannot be told; nothing is lost.
                    let _ = handle.emit("lanyard://changed", notice);
                }));
                Engine::follow_changes(engine, FOLLOW_EVERY);
            }
            Ok(())
        })
        .manage(state)
        .register_uri_scheme_protocol(commands::SEARCH_SCHEME, commands::search_scheme)
        .invoke_handler(tauri::generate_handler![
            commands::desk_info,
            commands::start_shift,
            commands::end_shift,
            commands::search,
            commands::check_in,
            commands::app_ready,
            commands::create_first_lead,
            commands::leads,
            commands::unlock_settings,
            commands::end_grant,
            commands::add_lead,
            commands::remove_lead,
            commands::undo_check_in,
            commands::choices,
            commands::register_walk_in,
            commands::edit_attendee,
            commands::stats,
            commands::stage_import,
            commands::import_columns,
            commands::import_file,
            commands::badge_settings,
            commands::set_printer,
            commands::set_badge_template,
            commands::printers,
            commands::badge_preview,
            commands::print_badge,
            commands::print_test_page,
            commands::badge_batch,
            commands::save_badges_as,
            commands::cash_status,
            commands::set_price,
            commands::set_cash_settings,
            commands::open_cash_shift,
            commands::sell_ticket,
            commands::settle_amount_due,
            commands::cash_movement,
            commands::refund_sale,
            commands::close_cash_shift,
            commands::close_cash_day,
            commands::cash_report,
            commands::print_cash_document,
            commands::save_cash_report_as,
            commands::save_receipt_as,
            commands::backup_status,
            commands::choose_backup_folder,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("lanyard: the window could not start: {e}");
        std::process::exit(1);
    }
}
