//! Tauri commands: thin adapters over `lanyard-api`.
//!
//! Every command here is listed in `build.rs`, in `generate_handler!` and in
//! `capabilities/desk.json`. All run off the main thread (`async`), so a slow
//! disk never freezes the window.

use lanyard_api::dto::{
    AttendeeCard, BadgeFilter, BadgePreview, BadgeSettings, BatchReport, CheckInReceipt, CheckInRequest,
    Choices, DeskInfo, EditRequest, ImportProgress, ImportReport, ImportRequest, LeadAuth, LeadDto,
    PrintReceipt, PrintRequest, PrinterDto, Stats, UndoRequest, WalkInRequest,
};
use lanyard_api::{ApiError, Desk, ErrorCode};
use tauri::State;
use tauri::ipc::{Channel, InvokeBody, Request};

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
    idempotency_key: String,
) -> Result<DeskInfo, ApiError> {
    with_desk(&state, |desk| {
        desk.once(&idempotency_key, "start_shift", |d| d.start_shift(&operator, desk_name.as_deref()))
    })
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

#[tauri::command(async)]
pub fn create_first_lead(
    state: State<'_, DeskState>,
    name: String,
    pin: String,
    idempotency_key: String,
) -> Result<DeskInfo, ApiError> {
    with_desk(&state, |desk| {
        desk.once(&idempotency_key, "create_first_lead", |d| d.create_first_lead(&name, &pin))
    })
}

#[tauri::command(async)]
pub fn leads(state: State<'_, DeskState>) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |desk| desk.leads())
}

#[tauri::command(async)]
pub fn unlock_settings(state: State<'_, DeskState>, auth: LeadAuth) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |desk| desk.unlock_settings(&auth))
}

#[tauri::command(async)]
pub fn add_lead(
    state: State<'_, DeskState>,
    auth: LeadAuth,
    name: String,
    pin: String,
    idempotency_key: String,
) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |desk| desk.once(&idempotency_key, "add_lead", |d| d.add_lead(&auth, &name, &pin)))
}

#[tauri::command(async)]
pub fn remove_lead(
    state: State<'_, DeskState>,
    auth: LeadAuth,
    name: String,
    idempotency_key: String,
) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |desk| desk.once(&idempotency_key, "remove_lead", |d| d.remove_lead(&auth, &name)))
}

#[tauri::command(async)]
pub fn undo_check_in(state: State<'_, DeskState>, request: UndoRequest) -> Result<AttendeeCard, ApiError> {
    with_desk(&state, |desk| desk.undo_check_in(&request))
}

#[tauri::command(async)]
pub fn choices(state: State<'_, DeskState>) -> Result<Choices, ApiError> {
    with_desk(&state, |desk| desk.choices())
}

#[tauri::command(async)]
pub fn register_walk_in(
    state: State<'_, DeskState>,
    request: WalkInRequest,
) -> Result<CheckInReceipt, ApiError> {
    with_desk(&state, |desk| desk.register_walk_in(&request))
}

#[tauri::command(async)]
pub fn edit_attendee(state: State<'_, DeskState>, request: EditRequest) -> Result<AttendeeCard, ApiError> {
    with_desk(&state, |desk| desk.edit_attendee(&request))
}

#[tauri::command(async)]
pub fn stats(state: State<'_, DeskState>) -> Result<Stats, ApiError> {
    with_desk(&state, |desk| desk.stats())
}

/// Receives a file's bytes (a raw IPC body, not JSON) and keeps them for
/// `import_file`, so that previews with other mappings do not resend them.
#[tauri::command(async)]
pub fn stage_import(state: State<'_, DeskState>, request: Request<'_>) -> Result<usize, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::new(ErrorCode::Internal, "the file must be sent as raw bytes"));
    };
    let size = bytes.len();
    let mut staged = state.staged.lock().map_err(|_| poisoned())?;
    *staged = bytes.clone();
    Ok(size)
}

/// The column headers of the staged file, for a hand-made mapping.
#[tauri::command(async)]
pub fn import_columns(state: State<'_, DeskState>, file_name: String) -> Result<Vec<String>, ApiError> {
    let bytes = state.staged.lock().map_err(|_| poisoned())?.clone();
    lanyard_api::import_columns(&file_name, &bytes)
}

/// Previews or runs an import of the staged file, reporting progress on a channel.
#[tauri::command(async)]
pub fn import_file(
    state: State<'_, DeskState>,
    request: ImportRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, ApiError> {
    let bytes = state.staged.lock().map_err(|_| poisoned())?.clone();
    let mut progress = |done, total| {
        // A closed window cannot be told; the import goes on regardless.
        let _ = on_progress.send(ImportProgress { done, total });
    };
    with_desk(&state, |desk| desk.import(&bytes, &request, &mut progress))
}

fn poisoned() -> ApiError {
    ApiError::new(ErrorCode::Internal, "the desk stopped after an internal error: restart Lanyard")
}

#[tauri::command(async)]
pub fn badge_settings(state: State<'_, DeskState>) -> Result<BadgeSettings, ApiError> {
    with_desk(&state, |desk| desk.badge_settings())
}

#[tauri::command(async)]
pub fn set_printer(
    state: State<'_, DeskState>,
    printer: Option<String>,
    offset_x_mm: f32,
    offset_y_mm: f32,
    auto_print: bool,
    idempotency_key: String,
) -> Result<BadgeSettings, ApiError> {
    with_desk(&state, |desk| {
        desk.once(&idempotency_key, "set_printer", |d| {
            d.set_printer(printer.as_deref(), offset_x_mm, offset_y_mm, auto_print)
        })
    })
}

#[tauri::command(async)]
pub fn set_badge_template(
    state: State<'_, DeskState>,
    toml: String,
    idempotency_key: String,
) -> Result<BadgeSettings, ApiError> {
    with_desk(&state, |desk| {
        desk.once(&idempotency_key, "set_badge_template", |d| d.set_badge_template(&toml))
    })
}

#[tauri::command(async)]
pub fn printers(state: State<'_, DeskState>) -> Result<Vec<PrinterDto>, ApiError> {
    with_desk(&state, |desk| desk.printers())
}

#[tauri::command(async)]
pub fn badge_preview(state: State<'_, DeskState>, attendee_id: i64) -> Result<BadgePreview, ApiError> {
    with_desk(&state, |desk| desk.badge_preview(attendee_id))
}

#[tauri::command(async)]
pub fn print_badge(state: State<'_, DeskState>, request: PrintRequest) -> Result<PrintReceipt, ApiError> {
    with_desk(&state, |desk| desk.print_badge(&request))
}

#[tauri::command(async)]
pub fn print_test_page(state: State<'_, DeskState>) -> Result<String, ApiError> {
    with_desk(&state, |desk| desk.print_test_page())
}

/// Prints a batch, or writes it to `path` when one is given; progress on a channel.
#[tauri::command(async)]
pub fn badge_batch(
    state: State<'_, DeskState>,
    filter: BadgeFilter,
    path: Option<String>,
    on_progress: Channel<ImportProgress>,
) -> Result<BatchReport, ApiError> {
    let mut progress = |done, total| {
        let _ = on_progress.send(ImportProgress { done, total });
    };
    with_desk(&state, |desk| match path.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(path) => desk.save_badges_pdf(&filter, std::path::Path::new(path), &mut progress),
        None => desk.print_batch(&filter, &mut progress),
    })
}
