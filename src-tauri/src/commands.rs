//! Tauri commands: thin adapters over `lanyard-api`.
//!
//! Every command here is listed in `build.rs`, in `generate_handler!` and in
//! `capabilities/desk.json`. All run off the main thread (`async`), and none
//! holds a lock while the engine works: the engine is shared and does its
//! own locking (reads never wait for writes), and this window's session is
//! copied out for each call, so a hung printer or a long import never
//! freezes the search box. The one exception is `search_scheme`, the search
//! box's own search at every key, answered where the request arrives
//! because it is bounded and never waits (decision 0012).

use lanyard_api::dto::cash::{
    CashReport, CashShiftDto, CashStatus, CloseDayRequest, CloseDrawerRequest, CloseResult, EntryDto,
    MovementRequest, OpenDrawerRequest, PriceDto, RefundReceipt, RefundRequest, SaleReceipt, SaleRequest,
    SettleRequest,
};
use lanyard_api::dto::{
    AttendeeCard, BadgeFilter, BadgePreview, BadgeSettings, BatchReport, CheckInReceipt, CheckInRequest,
    Choices, DeskInfo, EditRequest, ImportProgress, ImportReport, ImportRequest, LeadAuth, LeadDto,
    LeadGrant, PrintReceipt, PrintRequest, PrinterChoice, PrinterDto, Stats, UndoRequest, WalkInRequest,
};
use lanyard_api::{ApiError, Engine, ErrorCode, Refusal, Session};
use std::sync::PoisonError;
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::{Manager, State};

use crate::DeskState;

/// Runs `f` with the engine and a copy of this window's session.
fn with_desk<T>(
    state: &DeskState,
    f: impl FnOnce(&Engine, &Session) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let (engine, session) = state.desk.as_ref().map_err(Clone::clone)?;
    let session = session.lock().unwrap_or_else(PoisonError::into_inner).clone();
    f(engine, &session)
}

/// Runs `f` with the engine and this window's session, which it may change
/// (starting or ending a shift). The session is locked, not the engine.
fn with_session<T>(
    state: &DeskState,
    f: impl FnOnce(&Engine, &mut Session) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let (engine, session) = state.desk.as_ref().map_err(Clone::clone)?;
    let mut session = session.lock().unwrap_or_else(PoisonError::into_inner);
    f(engine, &mut session)
}

#[tauri::command(async)]
pub fn desk_info(state: State<'_, DeskState>) -> Result<DeskInfo, ApiError> {
    with_desk(&state, |e, s| e.info(s))
}

#[tauri::command(async)]
pub fn start_shift(
    state: State<'_, DeskState>,
    operator: String,
    desk_name: Option<String>,
    idempotency_key: String,
) -> Result<DeskInfo, ApiError> {
    with_session(&state, |e, s| e.start_shift(s, &operator, desk_name.as_deref(), &idempotency_key))
}

#[tauri::command(async)]
pub fn end_shift(state: State<'_, DeskState>, idempotency_key: String) -> Result<DeskInfo, ApiError> {
    with_session(&state, |e, s| e.end_shift(s, &idempotency_key))
}

#[tauri::command(async)]
pub fn search(state: State<'_, DeskState>, query: String) -> Result<Vec<AttendeeCard>, ApiError> {
    with_desk(&state, |e, s| e.search(s, &query))
}

/// The URI scheme of the search box's own search (`desk.ts` `searchNow`).
pub const SEARCH_SCHEME: &str = "lanyard-search";

/// The longest request body read: far more than the engine searches for.
const SEARCH_BODY_BYTES: usize = 4096;

/// Answers `POST lanyard-search://localhost/` (the body is the query) with
/// `{"ok": [cards]}` or `{"err": {code, message}}`, on the thread that
/// took the request: the page asks with a synchronous request from the
/// key's own event, so the typed letter and its results are painted in
/// the same frame (docs/decisions/0012). The same `Engine::search` as the
/// `search` command, so nothing here decides anything; it is bounded work
/// that never waits (the index is read under a lock writers hold only to
/// swap or patch it, the store reads a snapshot of at most `SEARCH_LIMIT`
/// attendees). Only the desk's own window may ask.
pub fn search_scheme(
    ctx: tauri::UriSchemeContext<'_, tauri::Wry>,
    request: tauri::http::Request<Vec<u8>>,
) -> tauri::http::Response<Vec<u8>> {
    use tauri::http::{Method, Response, StatusCode, header};
    let refuse = |status: StatusCode| Response::builder().status(status).body(Vec::new());
    let response = if ctx.webview_label() != "main" {
        refuse(StatusCode::FORBIDDEN)
    } else if request.method() != Method::POST {
        refuse(StatusCode::METHOD_NOT_ALLOWED)
    } else {
        let body = request.body();
        let query = String::from_utf8_lossy(&body[..body.len().min(SEARCH_BODY_BYTES)]);
        let state = ctx.app_handle().state::<DeskState>();
        let answer = match with_desk(&state, |e, s| e.search(s, &query)) {
            Ok(cards) => serde_json::json!({ "ok": cards }),
            Err(error) => serde_json::json!({ "err": error }),
        };
        Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            // The page's origin is tauri://localhost, this scheme's another.
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body(serde_json::to_vec(&answer).unwrap_or_default())
    };
    response.unwrap_or_else(|_| Response::new(Vec::new()))
}

#[tauri::command(async)]
pub fn check_in(state: State<'_, DeskState>, request: CheckInRequest) -> Result<CheckInReceipt, ApiError> {
    with_desk(&state, |e, s| e.check_in(s, &request))
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
    with_desk(&state, |e, s| {
        e.add_lead(s, None, &name, &pin, &idempotency_key)?;
        e.info(s)
    })
}

#[tauri::command(async)]
pub fn leads(state: State<'_, DeskState>) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |e, s| e.leads(s))
}

/// Checks a lead's PIN; the window keeps the grant it returns (never the PIN).
#[tauri::command(async)]
pub fn unlock_settings(state: State<'_, DeskState>, auth: LeadAuth) -> Result<LeadGrant, ApiError> {
    with_desk(&state, |e, s| e.unlock_settings(s, &auth))
}

/// Gives a lead's grant back when the lead leaves the settings.
#[tauri::command(async)]
pub fn end_grant(state: State<'_, DeskState>, grant: String) -> Result<(), ApiError> {
    with_desk(&state, |e, s| {
        e.end_grant(s, &grant);
        Ok(())
    })
}

#[tauri::command(async)]
pub fn add_lead(
    state: State<'_, DeskState>,
    auth: LeadAuth,
    name: String,
    pin: String,
    idempotency_key: String,
) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |e, s| e.add_lead(s, Some(&auth), &name, &pin, &idempotency_key))
}

#[tauri::command(async)]
pub fn remove_lead(
    state: State<'_, DeskState>,
    auth: LeadAuth,
    name: String,
    idempotency_key: String,
) -> Result<Vec<LeadDto>, ApiError> {
    with_desk(&state, |e, s| e.remove_lead(s, &auth, &name, &idempotency_key))
}

#[tauri::command(async)]
pub fn undo_check_in(state: State<'_, DeskState>, request: UndoRequest) -> Result<AttendeeCard, ApiError> {
    with_desk(&state, |e, s| e.undo_check_in(s, &request))
}

#[tauri::command(async)]
pub fn choices(state: State<'_, DeskState>) -> Result<Choices, ApiError> {
    with_desk(&state, |e, s| e.choices(s))
}

#[tauri::command(async)]
pub fn register_walk_in(
    state: State<'_, DeskState>,
    request: WalkInRequest,
) -> Result<CheckInReceipt, ApiError> {
    with_desk(&state, |e, s| e.register_walk_in(s, &request))
}

#[tauri::command(async)]
pub fn edit_attendee(state: State<'_, DeskState>, request: EditRequest) -> Result<AttendeeCard, ApiError> {
    with_desk(&state, |e, s| e.edit_attendee(s, &request))
}

#[tauri::command(async)]
pub fn stats(state: State<'_, DeskState>) -> Result<Stats, ApiError> {
    with_desk(&state, |e, s| e.stats(s))
}

/// Receives a file's bytes (a raw IPC body, not JSON) and keeps them for
/// `import_file`, so that previews with other mappings do not resend them.
#[tauri::command(async)]
pub fn stage_import(state: State<'_, DeskState>, request: Request<'_>) -> Result<usize, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::new(ErrorCode::Internal, "the file must be sent as raw bytes"));
    };
    let size = bytes.len();
    *state.staged.lock().unwrap_or_else(PoisonError::into_inner) = bytes.clone();
    Ok(size)
}

/// The column headers of the staged file, for a hand-made mapping.
#[tauri::command(async)]
pub fn import_columns(state: State<'_, DeskState>, file_name: String) -> Result<Vec<String>, ApiError> {
    let bytes = state.staged.lock().unwrap_or_else(PoisonError::into_inner).clone();
    lanyard_api::import_columns(&file_name, &bytes)
}

/// Previews or runs an import of the staged file, reporting progress on a channel.
#[tauri::command(async)]
pub fn import_file(
    state: State<'_, DeskState>,
    request: ImportRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, ApiError> {
    let bytes = state.staged.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let mut progress = |done, total| {
        // A closed window cannot be told; the import goes on regardless.
        let _ = on_progress.send(ImportProgress { done, total });
    };
    with_desk(&state, |e, s| e.import(s, &bytes, &request, &mut progress))
}

#[tauri::command(async)]
pub fn badge_settings(state: State<'_, DeskState>) -> Result<BadgeSettings, ApiError> {
    with_desk(&state, |e, s| e.badge_settings(s))
}

#[tauri::command(async)]
pub fn set_printer(
    state: State<'_, DeskState>,
    auth: Option<LeadAuth>,
    choice: PrinterChoice,
    idempotency_key: String,
) -> Result<BadgeSettings, ApiError> {
    with_desk(&state, |e, s| e.set_printer(s, auth.as_ref(), &choice, &idempotency_key))
}

#[tauri::command(async)]
pub fn set_badge_template(
    state: State<'_, DeskState>,
    auth: Option<LeadAuth>,
    toml: String,
    idempotency_key: String,
) -> Result<BadgeSettings, ApiError> {
    with_desk(&state, |e, s| e.set_badge_template(s, auth.as_ref(), &toml, &idempotency_key))
}

#[tauri::command(async)]
pub fn printers(state: State<'_, DeskState>) -> Result<Vec<PrinterDto>, ApiError> {
    with_desk(&state, |e, s| e.printers(s))
}

#[tauri::command(async)]
pub fn badge_preview(state: State<'_, DeskState>, attendee_id: i64) -> Result<BadgePreview, ApiError> {
    with_desk(&state, |e, s| e.badge_preview(s, attendee_id))
}

#[tauri::command(async)]
pub fn print_badge(state: State<'_, DeskState>, request: PrintRequest) -> Result<PrintReceipt, ApiError> {
    with_desk(&state, |e, s| e.print_badge(s, &request))
}

#[tauri::command(async)]
pub fn print_test_page(state: State<'_, DeskState>) -> Result<String, ApiError> {
    with_desk(&state, |e, s| e.print_test_page(s))
}

/// Prints a batch on this desk's printer; progress on a channel.
#[tauri::command(async)]
pub fn badge_batch(
    state: State<'_, DeskState>,
    auth: Option<LeadAuth>,
    filter: BadgeFilter,
    idempotency_key: String,
    on_progress: Channel<ImportProgress>,
) -> Result<BatchReport, ApiError> {
    let mut progress = |done, total| {
        let _ = on_progress.send(ImportProgress { done, total });
    };
    with_desk(&state, |e, s| e.print_batch(s, auth.as_ref(), &filter, &idempotency_key, &mut progress))
}

/// Writes a batch to a PDF file the lead chooses in a native save dialog,
/// run here: the page never names a path. `None` when the dialog was closed.
#[tauri::command(async)]
pub fn save_badges_as(
    app: tauri::AppHandle,
    state: State<'_, DeskState>,
    auth: Option<LeadAuth>,
    filter: BadgeFilter,
    on_progress: Channel<ImportProgress>,
) -> Result<Option<BatchReport>, ApiError> {
    // A lead must be there before the dialog opens, not after a file was chosen.
    let granted = auth.as_ref().and_then(|a| a.grant.as_deref());
    let holds = with_desk(&state, |e, s| Ok(granted.is_some_and(|g| e.grant_holds(s, g))))?;
    if granted.is_some() && !holds {
        return Err(Refusal::GrantExpired.into());
    }
    let Some(path) = crate::save_dialog(&app, "badges.pdf") else { return Ok(None) };
    let mut progress = |done, total| {
        let _ = on_progress.send(ImportProgress { done, total });
    };
    with_desk(&state, |e, s| e.save_badges_pdf(s, auth.as_ref(), &filter, &path, &mut progress)).map(Some)
}

#[tauri::command(async)]
pub fn cash_status(state: State<'_, DeskState>) -> Result<CashStatus, ApiError> {
    with_desk(&state, |e, s| e.cash_status(s))
}

/// Sets a ticket type's price (or, with `remove`, takes it off the list). A lead's act.
#[tauri::command(async)]
pub fn set_price(
    state: State<'_, DeskState>,
    auth: Option<LeadAuth>,
    ticket_type: String,
    amount: String,
    remove: bool,
    idempotency_key: String,
) -> Result<Vec<PriceDto>, ApiError> {
    with_desk(&state, |e, s| e.set_price(s, auth.as_ref(), &ticket_type, &amount, remove, &idempotency_key))
}

/// Sets the event's denominations, cash rounding and closing tolerance. A lead's act.
#[tauri::command(async)]
pub fn set_cash_settings(
    state: State<'_, DeskState>,
    auth: Option<LeadAuth>,
    denominations: String,
    rounding: String,
    tolerance: String,
    idempotency_key: String,
) -> Result<CashStatus, ApiError> {
    with_desk(&state, |e, s| {
        e.set_cash_settings(s, auth.as_ref(), &denominations, &rounding, &tolerance, &idempotency_key)
    })
}

#[tauri::command(async)]
pub fn open_cash_shift(
    state: State<'_, DeskState>,
    request: OpenDrawerRequest,
) -> Result<CashShiftDto, ApiError> {
    with_desk(&state, |e, s| e.open_cash_shift(s, &request))
}

#[tauri::command(async)]
pub fn sell_ticket(state: State<'_, DeskState>, request: SaleRequest) -> Result<SaleReceipt, ApiError> {
    with_desk(&state, |e, s| e.sell_ticket(s, &request))
}

#[tauri::command(async)]
pub fn settle_amount_due(
    state: State<'_, DeskState>,
    request: SettleRequest,
) -> Result<SaleReceipt, ApiError> {
    with_desk(&state, |e, s| e.settle_amount_due(s, &request))
}

#[tauri::command(async)]
pub fn cash_movement(state: State<'_, DeskState>, request: MovementRequest) -> Result<EntryDto, ApiError> {
    with_desk(&state, |e, s| e.cash_movement(s, &request))
}

#[tauri::command(async)]
pub fn refund_sale(state: State<'_, DeskState>, request: RefundRequest) -> Result<RefundReceipt, ApiError> {
    with_desk(&state, |e, s| e.refund_sale(s, &request))
}

#[tauri::command(async)]
pub fn close_cash_shift(
    state: State<'_, DeskState>,
    request: CloseDrawerRequest,
) -> Result<CloseResult, ApiError> {
    with_desk(&state, |e, s| e.close_cash_shift(s, &request))
}

#[tauri::command(async)]
pub fn close_cash_day(state: State<'_, DeskState>, request: CloseDayRequest) -> Result<CashReport, ApiError> {
    with_desk(&state, |e, s| e.close_cash_day(s, &request))
}

/// The day's report (`day` empty: today).
#[tauri::command(async)]
pub fn cash_report(state: State<'_, DeskState>, day: String) -> Result<CashReport, ApiError> {
    with_desk(&state, |e, s| e.cash_report(s, &day))
}

#[tauri::command(async)]
pub fn print_cash_document(
    state: State<'_, DeskState>,
    what: String,
    id: String,
    paper: String,
    key: String,
) -> Result<String, ApiError> {
    with_desk(&state, |e, s| e.print_cash_document(s, &what, &id, &paper, &key))
}

/// The day's report, saved where the native dialog says (PDF, or CSV when
/// `csv`); `None` when the dialog was closed. Returns the file's name.
#[tauri::command(async)]
pub fn save_cash_report_as(
    app: tauri::AppHandle,
    state: State<'_, DeskState>,
    day: String,
    csv: bool,
) -> Result<Option<String>, ApiError> {
    let suggested = format!(
        "cash-report-{}.{}",
        if day.is_empty() { "today" } else { &day },
        if csv { "csv" } else { "pdf" }
    );
    let Some(path) = crate::save_dialog(&app, &suggested) else { return Ok(None) };
    with_desk(&state, |e, s| e.save_cash_report(s, &day, &path, csv))?;
    Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()))
}

/// A sale's receipt, saved as a PDF where the native dialog says.
#[tauri::command(async)]
pub fn save_receipt_as(
    app: tauri::AppHandle,
    state: State<'_, DeskState>,
    receipt: String,
    paper: String,
) -> Result<Option<String>, ApiError> {
    let Some(path) = crate::save_dialog(&app, "receipt.pdf") else { return Ok(None) };
    with_desk(&state, |e, s| e.save_receipt_pdf(s, &receipt, &paper, &path))?;
    Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()))
}

#[tauri::command(async)]
pub fn backup_status(state: State<'_, DeskState>) -> Result<lanyard_api::BackupStatus, ApiError> {
    with_desk(&state, |e, s| Ok(e.backup_status(s)))
}

/// A lead chooses this desk's backup folder in a native folder dialog run
/// from Rust; `None` when the dialog was closed.
#[tauri::command(async)]
pub fn choose_backup_folder(
    app: tauri::AppHandle,
    state: State<'_, DeskState>,
    auth: LeadAuth,
    key: String,
) -> Result<Option<lanyard_api::BackupStatus>, ApiError> {
    // A lead must be there before the dialog opens, not after a folder was chosen.
    let granted = auth.grant.as_deref();
    let holds = with_desk(&state, |e, s| Ok(granted.is_some_and(|g| e.grant_holds(s, g))))?;
    if granted.is_some() && !holds {
        return Err(Refusal::GrantExpired.into());
    }
    let Some(folder) = crate::folder_dialog(&app) else { return Ok(None) };
    with_desk(&state, |e, s| e.set_backup_folder(s, Some(&auth), Some(&folder), &key)).map(Some)
}
