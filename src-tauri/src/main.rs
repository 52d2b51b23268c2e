//! The Lanyard desktop shell.
//!
//! It opens the event database (creating the demo event on the first start),
//! keeps one `Desk` in Tauri's state, and exposes the desk's use cases as
//! commands. Each command is a few lines: unpack, call `lanyard-api`, return
//! its result or its `{ code, message }` error. No rule of the desk lives
//! here.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use lanyard_api::{ApiError, Desk, DeskOptions, SystemClock, paths};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The desk, or the reason it could not be opened (shown in the window).
#[derive(Debug)]
pub struct DeskState {
    desk: Mutex<Result<Desk, ApiError>>,
    /// The bytes of a file chosen for import, kept between preview and import.
    staged: Mutex<Vec<u8>>,
    started: Instant,
}

fn open_desk() -> Result<Desk, ApiError> {
    let path = paths::database_path(None)?;
    let desk_name = std::env::var("LANYARD_DESK").ok().filter(|s| !s.trim().is_empty());
    let options = DeskOptions { desk_name, operator: None };
    let (desk, _created) = Desk::open_or_create_demo(&path, Arc::new(SystemClock), options)?;
    Ok(desk)
}

fn main() {
    let started = Instant::now();
    let state = DeskState { desk: Mutex::new(open_desk()), staged: Mutex::new(Vec::new()), started };
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::desk_info,
            commands::start_shift,
            commands::search,
            commands::check_in,
            commands::app_ready,
            commands::create_first_lead,
            commands::leads,
            commands::unlock_settings,
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("lanyard: the window could not start: {e}");
        std::process::exit(1);
    }
}
