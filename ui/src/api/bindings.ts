// Generated from the Rust DTOs in crates/lanyard-api/src/dto.rs by ts-rs.
// Do not edit: run `LANYARD_UPDATE_BINDINGS=1 cargo test -p lanyard-api --test api` instead.

export type ErrorCode = "already_checked_in" | "unknown_code" | "ticket_cancelled" | "amount_due" | "unknown_attendee" | "no_operator" | "invalid_input" | "lead_required" | "pin_wrong" | "pin_locked" | "lead_exists" | "no_leads" | "not_checked_in" | "already_printed" | "print_failed" | "no_printer" | "import_needs_mapping" | "event_exists" | "no_event" | "not_a_lanyard_database" | "database_too_new" | "database_damaged" | "storage" | "already_a_lead" | "last_lead" | "missing_characters" | "internal" | "import_has_problems" | "no_cash_shift" | "cash_shift_open" | "day_closed" | "difference_needs_lead" | "unknown_receipt" | "already_refunded" | "read_only" | "no_database" | "disk_full" | "busy" | "possible_duplicate";

export type ApiError = { 
/**
 * The stable code.
 */
code: ErrorCode, 
/**
 * A sentence for the person at the desk.
 */
message: string, 
/**
 * For `already_checked_in`: the first arrival.
 */
prior_check_in?: CheckInDto, 
/**
 * For refusals about one attendee (already checked in, cancelled, money
 * due): who, so that the desk can act on them (undo, edit).
 */
attendee_id?: number, 
/**
 * For refusals about one attendee: their name, for the sentence the UI builds.
 */
display_name?: string, 
/**
 * For `amount_due`: how much.
 */
amount_due?: MoneyDto, 
/**
 * For `invalid_input`: the field at fault, so the UI can name and focus it.
 */
field?: string, 
/**
 * For `pin_wrong`: tries left before the lock; for `pin_locked`, when
 * PIN entry opens again (RFC 3339 UTC) is in `retry_at`.
 */
tries_left?: number, 
/**
 * For `missing_characters`: the characters no font has.
 */
missing?: Array<string>, 
/**
 * For `pin_locked`: when PIN entry opens again (RFC 3339 UTC).
 */
retry_at?: string, 
/**
 * For `possible_duplicate`: the attendees who look like the newcomer.
 */
matches?: Array<AttendeeCard>, };

export type CheckInDto = { 
/**
 * When, as RFC 3339 UTC (`2026-11-22T09:02:03.456Z`); the UI shows it in local time.
 */
at: string, 
/**
 * At which desk.
 */
desk: string, 
/**
 * By which volunteer.
 */
operator: string, };

export type MoneyDto = { 
/**
 * Minor units (cents; yen; fils).
 */
minor: number, 
/**
 * ISO 4217 code.
 */
currency: string, 
/**
 * Digits after the decimal point for this currency (2 for EUR, 0 for JPY, 3 for KWD).
 */
exponent: number, };

export type ChangeNotice = { 
/**
 * The number of the latest change taken in.
 */
seq: number, 
/**
 * Attendees, check-ins or prints changed: searches and counts are stale.
 */
attendees: boolean, 
/**
 * The event, its template or settings changed.
 */
event: boolean, 
/**
 * Leads changed.
 */
leads: boolean, 
/**
 * Shifts changed.
 */
shifts: boolean, };

export type AutoPrint = { 
/**
 * The queue it went to.
 */
printer: string | null, 
/**
 * The print queue's job id, when accepted.
 */
job: string | null, 
/**
 * Why it was not printed (no printer, the printer refused it, ...).
 */
error: ApiError | null, };

export type AttendeeCard = { 
/**
 * Row id, to check this attendee in.
 */
id: number, 
/**
 * The name as printed.
 */
display_name: string, 
/**
 * Company, university or community.
 */
affiliation: string, 
/**
 * City.
 */
hometown: string, 
/**
 * Ticket type.
 */
ticket_type: string, 
/**
 * Role (attendee, speaker, staff, ...).
 */
role: string, 
/**
 * The opaque code on the badge.
 */
badge_code: string, 
/**
 * A note for the desk.
 */
note: string, 
/**
 * Their arrival, if they are checked in.
 */
checked_in: CheckInDto | null, 
/**
 * Money still owed; absent when nothing is due.
 */
amount_due: MoneyDto | null, 
/**
 * True when the ticket was cancelled in the source system.
 */
cancelled: boolean, 
/**
 * Badges printed for them so far.
 */
printed: number, 
/**
 * A hint of their e-mail that tells namesakes apart (`j…@example.org`),
 * or empty.
 */
email_hint: string, };

export type DeskInfo = { 
/**
 * The event's name.
 */
event_name: string, 
/**
 * This desk's name.
 */
desk_name: string, 
/**
 * The volunteer at the desk, once they typed their name.
 */
operator: string | null, 
/**
 * When their shift opened (RFC 3339 UTC), when one is open.
 */
shift_opened_at: string | null, 
/**
 * Attendees expected (valid tickets; cancelled ones are not counted).
 */
attendee_count: number, 
/**
 * Attendees checked in.
 */
checked_in_count: number, 
/**
 * The database file.
 */
database_path: string, 
/**
 * False until the first lead has set a PIN.
 */
leads_configured: boolean, 
/**
 * The event file cannot be written: it is open read-only, check-ins
 * and every other change are refused (the window shows a banner).
 */
read_only: boolean, };

export type CheckInRequest = { 
/**
 * The text in the search box, or a scanned code.
 */
typed: string, 
/**
 * The attendee chosen in the results, if any.
 */
chosen: number | null, 
/**
 * A fresh key for this press of Enter; replays return the first result.
 */
idempotency_key: string, 
/**
 * A lead's name and PIN, to let in someone who still owes money (the
 * payment is taken later); needed for nothing else.
 */
admit_owing?: LeadAuth, };

export type CheckInReceipt = { 
/**
 * Who was checked in, with their arrival filled in.
 */
attendee: AttendeeCard, 
/**
 * True when this answer repeats the result of an earlier request with
 * the same idempotency key.
 */
replayed: boolean, 
/**
 * When this desk prints on check-in: how sending the badge went.
 */
auto_print: AutoPrint | null, };

export type MappingRule = { 
/**
 * The attendee field: display_name, given_name, family_name, nickname, email,
 * affiliation, hometown, country, ticket_type, role, interests, order_code,
 * external_id, ticket_secret, amount_due, note or status.
 */
field: string, 
/**
 * The column's header, if the field comes from a column.
 */
column: string | null, 
/**
 * A value for every row, if the field is fixed.
 */
fixed: string | null, };

export type ImportRequest = { 
/**
 * The file's name, for messages.
 */
file_name: string, 
/**
 * A preset's name (pretix, tito, eventbrite); detected from the headers when absent.
 */
preset: string | null, 
/**
 * A hand-made mapping; overrides any preset.
 */
mapping: Array<MappingRule> | null, 
/**
 * Report what would happen without writing.
 */
dry_run: boolean, 
/**
 * Import the other rows when some have problems (as the dry run
 * reported them); without it such a file imports nothing.
 */
skip_problem_rows?: boolean, 
/**
 * Replaying a key returns the first report and changes nothing.
 */
idempotency_key: string, 
/**
 * A lead's name and PIN (or grant): a real import needs one.
 */
auth?: LeadAuth, };

export type RowProblemDto = { 
/**
 * The line in the file.
 */
line: number, 
/**
 * The column at fault, if one is.
 */
column: string | null, 
/**
 * What is wrong.
 */
reason: string, };

export type ImportChange = { 
/**
 * The line in the file.
 */
line: number, 
/**
 * The attendee's name.
 */
display_name: string, 
/**
 * "new" or "updated".
 */
kind: string, 
/**
 * For updates: the fields that change.
 */
fields: Array<string>, };

export type ImportProgress = { 
/**
 * Rows handled.
 */
done: number, 
/**
 * Rows in all.
 */
total: number, };

export type ImportReport = { 
/**
 * The file's name.
 */
file_name: string, 
/**
 * The preset used, if any.
 */
preset: string | null, 
/**
 * The encoding detected.
 */
encoding: string, 
/**
 * The separator detected.
 */
delimiter: string, 
/**
 * Data rows in the file (blank lines not counted).
 */
rows: number, 
/**
 * Attendees created.
 */
new: number, 
/**
 * Attendees changed.
 */
updated: number, 
/**
 * Attendees already up to date.
 */
unchanged: number, 
/**
 * Rows left out, by line.
 */
problems: Array<RowProblemDto>, 
/**
 * The first changes, for the preview.
 */
changes: Array<ImportChange>, 
/**
 * In a dry run: new rows that look like someone already registered
 * under another id (the same name, folded, or the same e-mail), so the
 * lead can fix the file or the mapping before anyone is created twice.
 */
lookalikes: Array<ImportLookalike>, 
/**
 * False for a dry run.
 */
applied: boolean, };

export type ImportLookalike = { 
/**
 * The line in the file.
 */
line: number, 
/**
 * The row's name.
 */
display_name: string, 
/**
 * Who it looks like.
 */
existing: Array<AttendeeCard>, };

export type LeadAuth = { 
/**
 * The lead's name (matched without regard to case).
 */
lead: string, 
/**
 * Their PIN.
 */
pin: string, 
/**
 * A grant from `unlock_settings`, used instead of the PIN while it holds.
 */
grant?: string, };

export type LeadGrant = { 
/**
 * Send as `LeadAuth.grant` with each privileged action.
 */
grant: string, 
/**
 * The lead it was given to.
 */
lead: string, 
/**
 * When it ends (RFC 3339 UTC), unless given back before.
 */
expires_at: string, 
/**
 * The active leads.
 */
leads: Array<LeadDto>, };

export type LeadDto = { 
/**
 * The lead's name.
 */
name: string, 
/**
 * When they were added (RFC 3339 UTC).
 */
added_at: string, };

export type UndoRequest = { 
/**
 * The attendee whose check-in is undone.
 */
attendee_id: number, 
/**
 * Why (kept in the audit log).
 */
reason: string, 
/**
 * The lead allowing it.
 */
auth: LeadAuth, 
/**
 * Replaying a key returns the first result and changes nothing.
 */
idempotency_key: string, };

export type WalkInRequest = { 
/**
 * The name as it should be printed.
 */
display_name: string, 
/**
 * Company, university or community (may be empty).
 */
affiliation: string, 
/**
 * City (may be empty).
 */
hometown: string, 
/**
 * E-mail (optional, may be empty).
 */
email: string, 
/**
 * Ticket type.
 */
ticket_type: string, 
/**
 * Role (attendee, speaker, ...).
 */
role: string, 
/**
 * Interest categories.
 */
interests: Array<string>, 
/**
 * Money still owed, as a decimal ("25.00"), or empty.
 */
amount_due: string, 
/**
 * Register them even though someone with the same name or e-mail is
 * already registered (the volunteer looked at the possible matches).
 */
confirm_new: boolean, 
/**
 * Replaying a key returns the first result and changes nothing.
 */
idempotency_key: string, };

export type EditRequest = { 
/**
 * The attendee.
 */
attendee_id: number, 
/**
 * The name as printed.
 */
display_name: string, 
/**
 * Company, university or community.
 */
affiliation: string, 
/**
 * City.
 */
hometown: string, 
/**
 * A new e-mail; `None` keeps the current one.
 */
email: string | null, 
/**
 * Role.
 */
role: string, 
/**
 * The desk's note.
 */
note: string, 
/**
 * A new ticket type (a lead's correction); `None` keeps it.
 */
ticket_type?: string, 
/**
 * A new amount owed, as typed (`25.00`, `0`; a lead's correction); `None` keeps it.
 */
amount_due?: string, 
/**
 * Replaying a key returns the first result and changes nothing.
 */
idempotency_key: string, 
/**
 * A lead's name and PIN (or grant): changing the role, the ticket type
 * or the amount owed needs one.
 */
auth?: LeadAuth, };

export type Choices = { 
/**
 * Ticket types, most used first.
 */
ticket_types: Array<string>, 
/**
 * Roles: the built-in ones, then the event's own.
 */
roles: Array<string>, 
/**
 * Interest categories.
 */
interests: Array<string>, };

export type CountRow = { 
/**
 * The ticket type, role or desk.
 */
name: string, 
/**
 * Attendees checked in.
 */
checked_in: number, 
/**
 * Attendees expected (valid tickets); zero for desks.
 */
expected: number, };

export type ArrivalSlot = { 
/**
 * Start of the quarter hour (RFC 3339 UTC).
 */
start: string, 
/**
 * Check-ins in it.
 */
count: number, };

export type Stats = { 
/**
 * Attendees with valid tickets.
 */
expected: number, 
/**
 * Attendees checked in.
 */
checked_in: number, 
/**
 * By ticket type.
 */
by_ticket_type: Array<CountRow>, 
/**
 * By role.
 */
by_role: Array<CountRow>, 
/**
 * By desk (who checked them in).
 */
by_desk: Array<CountRow>, 
/**
 * Arrivals per 15 minutes, from the first to the last, empty slots included.
 */
arrivals: Array<ArrivalSlot>, };

export type BadgeSettings = { 
/**
 * The CUPS queue badges go to, if one is chosen.
 */
printer: string | null, 
/**
 * The printer's calibration: shift right, in millimetres.
 */
offset_x_mm: number, 
/**
 * The printer's calibration: shift down, in millimetres.
 */
offset_y_mm: number, 
/**
 * Print the badge as soon as someone is checked in.
 */
auto_print: boolean, 
/**
 * The badge stock of the event's template.
 */
format: string, 
/**
 * The event's badge template, as TOML.
 */
template_toml: string, };

export type PrinterDto = { 
/**
 * The CUPS queue's name.
 */
name: string, 
/**
 * False when it is disabled or rejecting jobs.
 */
ready: boolean, 
/**
 * CUPS's description of its state.
 */
state: string, };

export type PrinterChoice = { 
/**
 * The CUPS queue, or none.
 */
printer: string | null, 
/**
 * Calibration: shift right, in millimetres (-20 to 20).
 */
offset_x_mm: number, 
/**
 * Calibration: shift down, in millimetres (-20 to 20).
 */
offset_y_mm: number, 
/**
 * Print the badge as soon as someone is checked in.
 */
auto_print: boolean, };

export type PrintHistory = { 
/**
 * Accepted print jobs.
 */
printed: number, 
/**
 * When the last accepted job was sent (RFC 3339 UTC).
 */
last_printed_at: string | null, 
/**
 * True when the latest job failed: the badge waits for a retry.
 */
pending: boolean, 
/**
 * CUPS's words for the latest failure.
 */
last_error: string | null, };

export type BadgePreview = { 
/**
 * The attendee.
 */
attendee_id: number, 
/**
 * The badge as SVG, drawn from the same layout as the PDF.
 */
svg: string, 
/**
 * Reasons to check the badge before printing (empty when fine).
 */
review: Array<string>, 
/**
 * Characters left out because no font has them.
 */
missing: Array<string>, 
/**
 * Earlier prints.
 */
history: PrintHistory, };

export type PrintRequest = { 
/**
 * The attendee.
 */
attendee_id: number, 
/**
 * Print even if it was printed before (the reprint is counted).
 */
reprint: boolean, 
/**
 * Another queue than the desk's printer, for this badge only.
 */
printer: string | null, 
/**
 * Replaying a key returns the first result and prints nothing.
 */
idempotency_key: string, 
/**
 * A lead's name and PIN (or grant): a reprint needs one.
 */
auth?: LeadAuth, 
/**
 * Print even though some characters of the name cannot be drawn (the
 * volunteer was told which and said yes).
 */
confirm_missing: boolean, };

export type PrintReceipt = { 
/**
 * The attendee.
 */
attendee_id: number, 
/**
 * Their name.
 */
display_name: string, 
/**
 * The queue.
 */
printer: string, 
/**
 * CUPS's job id.
 */
job: string, 
/**
 * How many times it was printed before this one.
 */
printed_before: number, 
/**
 * True when this repeats an earlier request's result.
 */
replayed: boolean, };

export type BadgeFilter = { 
/**
 * Only this ticket type.
 */
ticket_type: string | null, 
/**
 * Only this role.
 */
role: string | null, 
/**
 * Only badges never printed.
 */
not_printed: boolean, 
/**
 * Another stock than the template's (a format name).
 */
format: string | null, };

export type BatchReport = { 
/**
 * Badges in the batch.
 */
badges: number, 
/**
 * Badges flagged for review (names too long, missing characters).
 */
review: Array<string>, 
/**
 * Badges left out because their name cannot be drawn whole: who, and
 * the characters no font has.
 */
left_out: Array<string>, 
/**
 * The queue, when printed.
 */
printer: string | null, 
/**
 * CUPS's job id, when printed.
 */
job: string | null, };

export type PriceDto = { 
/**
 * The ticket type.
 */
ticket_type: string, 
/**
 * Its price.
 */
price: MoneyDto, };

export type CashStatus = { 
/**
 * The business day (`YYYY-MM-DD`, this desk's local date).
 */
day: string, 
/**
 * Whether a lead closed the day: nothing more can be booked into it.
 */
day_closed: boolean, 
/**
 * This desk's open cash shift.
 */
shift: CashShiftDto | null, 
/**
 * The event's currency.
 */
currency: string, 
/**
 * Its decimals.
 */
exponent: number, 
/**
 * Notes and coins the drawer is counted in, largest first.
 */
denominations: Array<MoneyDto>, 
/**
 * Cash totals are rounded to this (one minor unit: no rounding).
 */
rounding: MoneyDto, 
/**
 * A closing difference up to this needs no lead.
 */
tolerance: MoneyDto, 
/**
 * The price list.
 */
prices: Array<PriceDto>, };

export type CashShiftDto = { 
/**
 * Its id.
 */
id: string, 
/**
 * The volunteer.
 */
operator: string, 
/**
 * The desk.
 */
desk_name: string, 
/**
 * The business day it opened on.
 */
day: string, 
/**
 * When it opened (RFC 3339 UTC).
 */
opened_at: string, 
/**
 * When it closed.
 */
closed_at: string | null, 
/**
 * The opening float.
 */
float: MoneyDto, 
/**
 * Sales booked in it so far.
 */
sales: number, };

export type OpenDrawerRequest = { 
/**
 * The float by denomination: `20x5,10x10,0.50x4` (empty: an empty drawer).
 */
count: string, 
/**
 * Replaying a key returns the first result and changes nothing.
 */
idempotency_key: string, };

export type PaymentRequest = { 
/**
 * `cash`, `card`, `voucher` or `comp`.
 */
method: "cash" | "card" | "voucher" | "comp", 
/**
 * Cash handed over (cash only), as typed (`50`, `20.00`).
 */
tendered: string, 
/**
 * The card terminal's reference, or the voucher code.
 */
reference: string, 
/**
 * Why a ticket is complimentary (comp only).
 */
reason: string, };

export type SaleRequest = { 
/**
 * The name as it should be printed.
 */
display_name: string, 
/**
 * Company, university or community (may be empty).
 */
affiliation: string, 
/**
 * City (may be empty).
 */
hometown: string, 
/**
 * E-mail (optional).
 */
email: string, 
/**
 * Role (default attendee).
 */
role: string, 
/**
 * Interest categories.
 */
interests: Array<string>, 
/**
 * A ticket type on the price list.
 */
ticket_type: string, 
/**
 * How it is paid.
 */
payment: PaymentRequest, 
/**
 * Sell even though someone with the same name or e-mail is already
 * registered (the volunteer looked at the possible matches).
 */
confirm_new: boolean, 
/**
 * A lead's name and PIN (complimentary tickets).
 */
auth?: LeadAuth, 
/**
 * Replaying a key returns the first receipt and books nothing.
 */
idempotency_key: string, };

export type SettleRequest = { 
/**
 * The attendee.
 */
attendee_id: number, 
/**
 * How it is paid.
 */
payment: PaymentRequest, 
/**
 * A lead's name and PIN (when waived as complimentary).
 */
auth?: LeadAuth, 
/**
 * Replaying a key returns the first receipt and books nothing.
 */
idempotency_key: string, };

export type SaleReceipt = { 
/**
 * The receipt number (unique across desks).
 */
receipt: string, 
/**
 * The attendee, checked in.
 */
attendee: AttendeeCard, 
/**
 * The ticket type.
 */
ticket_type: string, 
/**
 * `cash`, `card`, `voucher` or `comp`.
 */
method: string, 
/**
 * The list price (or the amount owed that was settled).
 */
price: MoneyDto, 
/**
 * Cash rounding applied (cash only; zero otherwise).
 */
rounding: MoneyDto, 
/**
 * What was paid: the price plus rounding.
 */
paid: MoneyDto, 
/**
 * Cash handed over.
 */
tendered: MoneyDto | null, 
/**
 * Change due back.
 */
change: MoneyDto | null, 
/**
 * The card reference or voucher code.
 */
reference: string | null, 
/**
 * When (RFC 3339 UTC).
 */
at: string, 
/**
 * True when this repeats an earlier sale with the same key: nothing was booked.
 */
replayed: boolean, 
/**
 * The badge sent on the sale, when this desk prints automatically.
 */
auto_print: AutoPrint | null, };

export type MovementRequest = { 
/**
 * `pay_in`, `pay_out` or `deposit`.
 */
kind: "pay_in" | "pay_out" | "deposit", 
/**
 * The amount, as typed.
 */
amount: string, 
/**
 * Why (pay in and pay out).
 */
reason: string, 
/**
 * The deposit bag's number.
 */
bag: string, 
/**
 * Who witnessed the deposit.
 */
witness: string, 
/**
 * Replaying a key returns the first result and books nothing.
 */
idempotency_key: string, };

export type EntryDto = { 
/**
 * The drawer's entry number.
 */
seq: number, 
/**
 * What it records (`sale`, `refund`, `pay_out`, ...).
 */
kind: string, 
/**
 * How a sale was paid.
 */
method: string | null, 
/**
 * The amount, signed as it moves money.
 */
amount: MoneyDto, 
/**
 * When (RFC 3339 UTC).
 */
at: string, 
/**
 * Who booked it.
 */
operator: string, 
/**
 * The sale's receipt number.
 */
receipt: string | null, 
/**
 * Reason, reference, bag, witness or lead, as recorded.
 */
detail: string, };

export type RefundRequest = { 
/**
 * The sale's receipt number.
 */
receipt: string, 
/**
 * Why.
 */
reason: string, 
/**
 * A void instead of a refund (only while the sale's shift is open).
 */
void: boolean, 
/**
 * A part of the sale to refund, as typed; empty: all of it.
 */
amount: string, 
/**
 * A lead's name and PIN.
 */
auth?: LeadAuth, 
/**
 * Replaying a key returns the first result and books nothing.
 */
idempotency_key: string, };

export type RefundReceipt = { 
/**
 * The sale's receipt number.
 */
receipt: string, 
/**
 * The reversing entry.
 */
entry: EntryDto, 
/**
 * Cash to hand back from the drawer (zero for card, voucher, comp).
 */
cash_back: MoneyDto, };

export type CloseDrawerRequest = { 
/**
 * The drawer's contents by denomination: `20x5,10x10,0.50x4`.
 */
count: string, 
/**
 * A note on the difference (needed when a lead must approve it).
 */
note: string, 
/**
 * A lead's name and PIN, when the difference is above the tolerance.
 */
auth?: LeadAuth, 
/**
 * Replaying a key returns the first result and books nothing.
 */
idempotency_key: string, };

export type CloseResult = { 
/**
 * The shift, now closed.
 */
shift: CashShiftDto, 
/**
 * The count.
 */
counted: MoneyDto, 
/**
 * What the ledger expected.
 */
expected: MoneyDto, 
/**
 * Counted minus expected (negative: cash is missing).
 */
difference: MoneyDto, 
/**
 * The lead who approved a difference above the tolerance.
 */
approved_by: string | null, };

export type CloseDayRequest = { 
/**
 * The day (`YYYY-MM-DD`); empty: today.
 */
day: string, 
/**
 * A lead's name and PIN.
 */
auth?: LeadAuth, 
/**
 * Replaying a key returns the first result and changes nothing.
 */
idempotency_key: string, };

export type ReportLine = { 
/**
 * What is counted (a payment method, a ticket type, a volunteer).
 */
name: string, 
/**
 * How many sales (net of voids and refunds: those are listed apart).
 */
count: number, 
/**
 * Their amount.
 */
amount: MoneyDto, };

export type DenominationLine = { 
/**
 * The note or coin.
 */
denomination: MoneyDto, 
/**
 * Pieces in the opening float.
 */
opening: number, 
/**
 * Pieces at the closing count.
 */
closing: number, 
/**
 * Value of the closing pieces.
 */
closing_value: MoneyDto, };

export type ShiftReport = { 
/**
 * The shift.
 */
shift: CashShiftDto, 
/**
 * Cash sales, net of cash refunds and voids.
 */
cash_sales: MoneyDto, 
/**
 * Cash refunds and voids.
 */
cash_refunds: MoneyDto, 
/**
 * Paid in.
 */
paid_in: MoneyDto, 
/**
 * Paid out.
 */
paid_out: MoneyDto, 
/**
 * Deposits to the safe.
 */
deposits: MoneyDto, 
/**
 * Cash rounding.
 */
rounding: MoneyDto, 
/**
 * What the drawer should hold at the close (closed shifts only).
 */
expected: MoneyDto | null, 
/**
 * What was counted (closed shifts only).
 */
counted: MoneyDto | null, 
/**
 * Counted minus expected.
 */
difference: MoneyDto | null, 
/**
 * The note on the difference.
 */
difference_note: string | null, 
/**
 * The lead who approved the difference.
 */
approved_by: string | null, 
/**
 * The counts by denomination.
 */
denominations: Array<DenominationLine>, };

export type ChainDto = { 
/**
 * The drawer (the desk installation's id).
 */
drawer: string, 
/**
 * Entries in the chain.
 */
entries: number, 
/**
 * The last entry's number.
 */
last_seq: number, 
/**
 * The last entry's hash (SHA-256, hex).
 */
last_hash: string, };

export type CashReport = { 
/**
 * The event.
 */
event_name: string, 
/**
 * The business day.
 */
day: string, 
/**
 * When the report was made (RFC 3339 UTC).
 */
generated_at: string, 
/**
 * When and by whom the day was closed, if it was.
 */
closed: string | null, 
/**
 * All takings (sales net of refunds and voids).
 */
takings: MoneyDto, 
/**
 * Sales booked (before refunds and voids).
 */
sales: number, 
/**
 * Totals by payment method.
 */
by_method: Array<ReportLine>, 
/**
 * Totals by ticket type.
 */
by_ticket_type: Array<ReportLine>, 
/**
 * Totals by volunteer.
 */
by_operator: Array<ReportLine>, 
/**
 * Every cash shift of the day.
 */
shifts: Array<ShiftReport>, 
/**
 * Every void, refund, paid in, paid out, deposit and difference.
 */
movements: Array<EntryDto>, 
/**
 * Each drawer's last entry number and hash: the paper anchors the chain.
 */
chains: Array<ChainDto>, 
/**
 * What this report is not.
 */
disclaimer: string, };

export type LedgerCheck = { 
/**
 * The drawers that verified.
 */
drawers: Array<ChainDto>, 
/**
 * The first problem of each drawer that did not, naming the entry.
 */
problems: Array<string>, };

export type BackupStatus = { 
/**
 * Whether the desk backs itself up (the window turns it on).
 */
enabled: boolean, 
/**
 * The folder backups go to.
 */
folder: string, 
/**
 * Whether that folder is there (a USB stick pulled out is not).
 */
folder_present: boolean, 
/**
 * When the last good backup was made (RFC 3339 UTC).
 */
last_at: string | null, 
/**
 * Its file's name.
 */
last_file: string | null, 
/**
 * True when there is none, or it is older than 30 minutes.
 */
stale: boolean, 
/**
 * Why the last attempt failed, if it did.
 */
error: string | null, };
