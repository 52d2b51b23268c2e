//! Tauri commands: thin adapters over `lanyard-api`.
//!
//! Every command here is listed in `build.rs`, in `generate_handler!` and in
//! `capabilities/desk.json`. All run off the main thread (`async`), so a slow
//! disk never freezes the window.

use lanyard_api::dto::{AttendeeCard, CheckInReceipt, CheckInRequest, DeskInfo};
use lanyard_api::{ApiError, Desk, ErrorCode};
use tauri::State;

use crate::DeskState;

/// Runs `f` on the open desk, or returns why it could not be opened.
fn with_desk<T>(state: &DeskState, f: impl FnOnce(&mut Desk) -> Result<T, ApiError>) -> Result<T, ApiError> {
    let mut guard = state.desk.lock().map_err(|_| {
        ApiError::new(ErrorCode::Storage, "the desk stopped after an internal error: restart Lanyard")
    })?;
    match guard.as_mut() {
        Ok(desk) => f(desk),
        Err(e) => Err(e.clone()),
    }
}

#[tauri::command(async)]
pub fn desk_info(state: State<'_, DeskState>) -> Result<DeskInfo, ApiError> {
    with_desk(&state, |desk| desk.info())
}

#[tauri::command(async)]
pub fn start_shift(
    state: State<'_, DeskState>,
    operator: String,
    desk_name: Option<String>,
) -> Result<DeskInfo, ApiError> {
    with_desk(&state, |desk| desk.start_shift(&operator, desk_name.as_deref()))
}

#[tauri::command(async)]
pub fn search(state: State<'_, DeskState>, query: String) -> Result<Vec<AttendeeCard>, ApiError> {
    with_desk(&state, |desk| desk.search(&query))
}

#[tauri::command(async)]
pub fn check_in(state: State<'_, DeskState>, request: CheckInRequest) -> Result<CheckInReceipt, ApiError> {
    with_desk(&state, |desk| desk.check_in(&request))
}

/// Called once by the UI after its first render; logs the start-up time
/// (process start to a usable window), which `scripts/measure-desktop.sh` reads.
#[tauri::command(async)]
pub fn app_ready(state: State<'_, DeskState>) {
    eprintln!("lanyard: window ready after {} ms", state.started.elapsed().as_millis());
}
