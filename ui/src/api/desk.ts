// The only module that talks to the Tauri backend (invariant 4 in
// ARCHITECTURE.md). Every call returns the DTO or throws an ApiError.
import { Channel, convertFileSrc, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  ApiError,
  BadgeFilter,
  BadgePreview,
  BadgeSettings,
  BackupStatus,
  BatchReport,
  PrintReceipt,
  PrintRequest,
  PrinterDto,
  AttendeeCard,
  CheckInReceipt,
  ChangeNotice,
  CheckInRequest,
  Choices,
  DeskInfo,
  EditRequest,
  ErrorCode,
  ImportProgress,
  ImportReport,
  ImportRequest,
  LeadAuth,
  LeadDto,
  LeadGrant,
  PrinterChoice,
  Stats,
  UndoRequest,
  WalkInRequest,
  CashReport,
  CashShiftDto,
  CashStatus,
  CloseDayRequest,
  CloseDrawerRequest,
  CloseResult,
  EntryDto,
  MovementRequest,
  OpenDrawerRequest,
  PriceDto,
  RefundReceipt,
  RefundRequest,
  SaleReceipt,
  SaleRequest,
  SettleRequest,
} from './bindings';

export type * from './bindings';

// Every code, as the keys of an object typed by ErrorCode: when the Rust
// side adds a code and the bindings are regenerated, TypeScript refuses this
// object until the code is added here too.
const CODES: Record<ErrorCode, true> = {
  already_checked_in: true,
  unknown_code: true,
  ticket_cancelled: true,
  amount_due: true,
  unknown_attendee: true,
  no_operator: true,
  invalid_input: true,
  lead_required: true,
  pin_wrong: true,
  pin_locked: true,
  lead_exists: true,
  no_leads: true,
  not_checked_in: true,
  already_printed: true,
  print_failed: true,
  no_printer: true,
  import_needs_mapping: true,
  event_exists: true,
  no_event: true,
  no_database: true,
  disk_full: true,
  busy: true,
  not_a_lanyard_database: true,
  database_too_new: true,
  database_damaged: true,
  storage: true,
  already_a_lead: true,
  last_lead: true,
  missing_characters: true,
  internal: true,
  import_has_problems: true,
  no_cash_shift: true,
  cash_shift_open: true,
  day_closed: true,
  difference_needs_lead: true,
  unknown_receipt: true,
  already_refunded: true,
  read_only: true,
  possible_duplicate: true,
};

/** Whether `code` is one of the api's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}

/** Turns whatever a failed call rejected with into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (typeof raw === 'object' && raw !== null) {
    const r = raw as Record<string, unknown>;
    if (typeof r.code === 'string' && typeof r.message === 'string' && isErrorCode(r.code)) {
      return raw as ApiError;
    }
  }
  const message = raw instanceof Error ? raw.message : String(raw);
  return { code: 'internal', message };
}

/**
 * A measuring journey (tests/e2e/measured.rs) sets `window.__lanyardTrace`
 * to an array; each call then adds its command, when it was sent and when
 * its answer came back (`performance.now()`). Nothing is recorded otherwise.
 */
type Trace = [command: string, sent: number, back: number][];

/** Starts timing `command` when a journey asks for it; the function returned records the answer's arrival. */
function stopwatch(command: string): () => void {
  const trace = (globalThis as { __lanyardTrace?: Trace }).__lanyardTrace;
  if (!trace) return () => undefined;
  const sent = performance.now();
  return () => void trace.push([command, sent, performance.now()]);
}

async function call<T>(command: string, args?: Parameters<typeof invoke>[1]): Promise<T> {
  const answered = stopwatch(command);
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  } finally {
    answered();
  }
}

/** Set when the search box's own scheme failed once: every search then goes through `invoke`. */
let searchNowFailed = false;

/**
 * The search for the text in the box, answered before this function
 * returns: a synchronous request to the backend's `lanyard-search` scheme
 * (src-tauri `search_scheme`), so the key's event puts the results in the
 * page and the typed letter and its results are painted in the same frame
 * (docs/decisions/0012). The same engine search as `desk.search`, which
 * refreshes and every other caller use. Null when the scheme cannot be
 * reached (then the caller asks `desk.search`); throws the ApiError the
 * backend answered.
 */
export function searchNow(query: string): AttendeeCard[] | null {
  if (searchNowFailed || typeof XMLHttpRequest === 'undefined') return null;
  const answered = stopwatch('search_now');
  let answer: { ok: AttendeeCard[] } | { err: unknown };
  try {
    const request = new XMLHttpRequest();
    request.open('POST', convertFileSrc('', 'lanyard-search'), false);
    request.setRequestHeader('Content-Type', 'text/plain;charset=UTF-8');
    request.send(query);
    if (request.status !== 200) throw new Error(`status ${request.status}`);
    answer = JSON.parse(request.responseText) as typeof answer;
  } catch {
    searchNowFailed = true;
    return null;
  }
  answered();
  if ('err' in answer) throw toApiError(answer.err);
  return answer.ok;
}

/** The event the backend emits after every change to the event's file, by this window or another process. */
const CHANGED = 'lanyard://changed';

/**
 * Calls `handler` with every change notice until the returned function is
 * called. Rejects with an ApiError when the window may not listen (the
 * capability must grant `core:event:allow-listen`).
 */
export async function onChange(handler: (n: ChangeNotice) => void): Promise<() => void> {
  try {
    const stop = await listen<ChangeNotice>(CHANGED, (event) => handler(event.payload));
    // Tauri's unlisten is asynchronous underneath; a closing window need not wait for it.
    return () => void Promise.resolve(stop()).catch(() => undefined);
  } catch (raw) {
    throw toApiError(raw);
  }
}

/** A fresh idempotency key for one user action. */
export function freshKey(): string {
  return crypto.randomUUID();
}

export const desk = {
  info: () => call<DeskInfo>('desk_info'),
  startShift: (operator: string, deskName: string | null) =>
    call<DeskInfo>('start_shift', { operator, deskName, idempotencyKey: freshKey() }),
  /** Closes this desk's shift; the answer has no operator, so the desk asks for the next name. */
  endShift: () => call<DeskInfo>('end_shift', { idempotencyKey: freshKey() }),
  search: (query: string) => call<AttendeeCard[]>('search', { query }),
  checkIn: (request: CheckInRequest) => call<CheckInReceipt>('check_in', { request }),
  ready: () => call<void>('app_ready'),
  createFirstLead: (name: string, pin: string) => call<DeskInfo>('create_first_lead', { name, pin, idempotencyKey: freshKey() }),
  leads: () => call<LeadDto[]>('leads'),
  /** Checks a lead's name and PIN; the grant it returns stands in for the PIN for five minutes. */
  unlockSettings: (auth: LeadAuth) => call<LeadGrant>('unlock_settings', { auth }),
  /** Gives a grant back: it no longer holds. */
  endGrant: (grant: string) => call<void>('end_grant', { grant }),
  addLead: (auth: LeadAuth, name: string, pin: string) => call<LeadDto[]>('add_lead', { auth, name, pin, idempotencyKey: freshKey() }),
  removeLead: (auth: LeadAuth, name: string) => call<LeadDto[]>('remove_lead', { auth, name, idempotencyKey: freshKey() }),
  undoCheckIn: (request: UndoRequest) => call<AttendeeCard>('undo_check_in', { request }),
  choices: () => call<Choices>('choices'),
  registerWalkIn: (request: WalkInRequest) => call<CheckInReceipt>('register_walk_in', { request }),
  editAttendee: (request: EditRequest) => call<AttendeeCard>('edit_attendee', { request }),
  stats: () => call<Stats>('stats'),
  /** Sends a file's bytes once; previews and the import then reuse them. */
  stageImport: (bytes: Uint8Array) => call<number>('stage_import', bytes),
  importColumns: (fileName: string) => call<string[]>('import_columns', { fileName }),
  badgeSettings: () => call<BadgeSettings>('badge_settings'),
  setPrinter: (auth: LeadAuth, choice: PrinterChoice) =>
    call<BadgeSettings>('set_printer', { auth, choice, idempotencyKey: freshKey() }),
  setBadgeTemplate: (auth: LeadAuth, toml: string) =>
    call<BadgeSettings>('set_badge_template', { auth, toml, idempotencyKey: freshKey() }),
  printers: () => call<PrinterDto[]>('printers'),
  badgePreview: (attendeeId: number) => call<BadgePreview>('badge_preview', { attendeeId }),
  printBadge: (request: PrintRequest) => call<PrintReceipt>('print_badge', { request }),
  printTestPage: () => call<string>('print_test_page'),
  /** Prints a batch on this desk's printer. */
  badgeBatch: (auth: LeadAuth, filter: BadgeFilter, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<BatchReport>('badge_batch', { auth, filter, idempotencyKey: freshKey(), onProgress: channel });
  },
  /**
   * Writes a batch to a PDF file that the lead picks in a native save dialog
   * opened by the backend: the page never names a path. Null when the
   * dialog was closed.
   */
  saveBadgesAs: (auth: LeadAuth, filter: BadgeFilter, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<BatchReport | null>('save_badges_as', { auth, filter, onProgress: channel });
  },
  // The cash box. Each mutating call takes the key of the volunteer's
  // submission: a retry of the same submission sends the same key, and the
  // api books it once.
  cashStatus: () => call<CashStatus>('cash_status'),
  /** Sets a ticket type's price (`remove`: takes it off the list); a lead's act. */
  setPrice: (auth: LeadAuth, ticketType: string, amount: string, remove: boolean, idempotencyKey: string) =>
    call<PriceDto[]>('set_price', { auth, ticketType, amount, remove, idempotencyKey }),
  /** Sets the denominations (empty: the currency's own), the cash rounding and the closing tolerance; a lead's act. */
  setCashSettings: (auth: LeadAuth, denominations: string, rounding: string, tolerance: string, idempotencyKey: string) =>
    call<CashStatus>('set_cash_settings', { auth, denominations, rounding, tolerance, idempotencyKey }),
  openCashShift: (request: OpenDrawerRequest) => call<CashShiftDto>('open_cash_shift', { request }),
  sellTicket: (request: SaleRequest) => call<SaleReceipt>('sell_ticket', { request }),
  settleAmountDue: (request: SettleRequest) => call<SaleReceipt>('settle_amount_due', { request }),
  cashMovement: (request: MovementRequest) => call<EntryDto>('cash_movement', { request }),
  refundSale: (request: RefundRequest) => call<RefundReceipt>('refund_sale', { request }),
  /** The blind close: the count goes in before anything says what the drawer should hold. */
  closeCashShift: (request: CloseDrawerRequest) => call<CloseResult>('close_cash_shift', { request }),
  closeCashDay: (request: CloseDayRequest) => call<CashReport>('close_cash_day', { request }),
  /** The day's report (`day` empty: today). */
  cashReport: (day: string) => call<CashReport>('cash_report', { day }),
  /** When the desk last backed itself up, and whether that is too long ago or the folder is gone. */
  backupStatus: () => call<BackupStatus>('backup_status'),
  /** A lead chooses this desk's backup folder in a native dialog; null when it was closed. */
  chooseBackupFolder: (auth: LeadAuth, key: string) =>
    call<BackupStatus | null>('choose_backup_folder', { auth, key }),
  /** Sends a receipt (`what` = 'receipt', `id` its number) or the day's report ('report', the day) to this desk's printer. */
  printCashDocument: (what: 'receipt' | 'report', id: string, paper: string, key: string) =>
    call<string>('print_cash_document', { what, id, paper, key }),
  /** Saves the day's report (PDF, or CSV) where the native dialog says; null when it was closed. */
  saveCashReportAs: (day: string, csv: boolean) => call<string | null>('save_cash_report_as', { day, csv }),
  /** Saves a receipt as a PDF where the native dialog says; null when it was closed. */
  saveReceiptAs: (receipt: string, paper: string) => call<string | null>('save_receipt_as', { receipt, paper }),
  importFile: (request: ImportRequest, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportReport>('import_file', { request, onProgress: channel });
  },
};
