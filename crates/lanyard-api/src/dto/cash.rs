//! The cash box's DTOs: prices, drawers and shifts, sales, movements,
//! refunds, the close and the day's report. Money leaves as [`MoneyDto`];
//! amounts arrive as the text a person typed (`12.50`), read in Rust with
//! the event's currency; counts arrive as `denomination x pieces` lists
//! (`20x5,0.50x4`), the form the command line also takes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::{AttendeeCard, AutoPrint, LeadAuth, MoneyDto};

/// A ticket type's price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriceDto {
    /// The ticket type.
    pub ticket_type: String,
    /// Its price.
    pub price: MoneyDto,
}

/// The cash box as the desk sees it: the day, its drawer's open shift, and
/// how cash is counted, rounded and priced. It never shows what the drawer
/// should hold (the close is counted blind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashStatus {
    /// The business day (`YYYY-MM-DD`, this desk's local date).
    pub day: String,
    /// Whether a lead closed the day: nothing more can be booked into it.
    pub day_closed: bool,
    /// This desk's open cash shift.
    pub shift: Option<CashShiftDto>,
    /// The event's currency.
    pub currency: String,
    /// Its decimals.
    pub exponent: u32,
    /// Notes and coins the drawer is counted in, largest first.
    pub denominations: Vec<MoneyDto>,
    /// Cash totals are rounded to this (one minor unit: no rounding).
    pub rounding: MoneyDto,
    /// A closing difference up to this needs no lead.
    pub tolerance: MoneyDto,
    /// The price list.
    pub prices: Vec<PriceDto>,
}

/// A cash shift: a volunteer's turn at a drawer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashShiftDto {
    /// Its id.
    pub id: String,
    /// The volunteer.
    pub operator: String,
    /// The desk.
    pub desk_name: String,
    /// The business day it opened on.
    pub day: String,
    /// When it opened (RFC 3339 UTC).
    pub opened_at: String,
    /// When it closed.
    pub closed_at: Option<String>,
    /// The opening float.
    pub float: MoneyDto,
    /// Sales booked in it so far.
    pub sales: u32,
}

/// Opening a shift on this desk's drawer with the float counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenDrawerRequest {
    /// The float by denomination: `20x5,10x10,0.50x4` (empty: an empty drawer).
    pub count: String,
    /// Replaying a key returns the first result and changes nothing.
    pub idempotency_key: String,
}

/// How a sale is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentRequest {
    /// `cash`, `card`, `voucher` or `comp`.
    #[ts(type = "\"cash\" | \"card\" | \"voucher\" | \"comp\"")]
    pub method: String,
    /// Cash handed over (cash only), as typed (`50`, `20.00`).
    #[serde(default)]
    pub tendered: String,
    /// The card terminal's reference, or the voucher code.
    #[serde(default)]
    pub reference: String,
    /// Why a ticket is complimentary (comp only).
    #[serde(default)]
    pub reason: String,
}

/// A walk-in sale: the new attendee, their ticket and its payment; they are
/// checked in in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaleRequest {
    /// The name as it should be printed.
    pub display_name: String,
    /// Company, university or community (may be empty).
    #[serde(default)]
    pub affiliation: String,
    /// City (may be empty).
    #[serde(default)]
    pub hometown: String,
    /// E-mail (optional).
    #[serde(default)]
    pub email: String,
    /// Role (default attendee).
    #[serde(default)]
    pub role: String,
    /// Interest categories.
    #[serde(default)]
    pub interests: Vec<String>,
    /// A ticket type on the price list.
    pub ticket_type: String,
    /// How it is paid.
    pub payment: PaymentRequest,
    /// Sell even though someone with the same name or e-mail is already
    /// registered (the volunteer looked at the possible matches).
    #[serde(default)]
    pub confirm_new: bool,
    /// A lead's name and PIN (complimentary tickets).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<LeadAuth>,
    /// Replaying a key returns the first receipt and books nothing.
    pub idempotency_key: String,
}

/// Settling what a pre-registered attendee owes, then checking them in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettleRequest {
    /// The attendee.
    #[ts(type = "number")]
    pub attendee_id: i64,
    /// How it is paid.
    pub payment: PaymentRequest,
    /// A lead's name and PIN (when waived as complimentary).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<LeadAuth>,
    /// Replaying a key returns the first receipt and books nothing.
    pub idempotency_key: String,
}

/// A booked sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaleReceipt {
    /// The receipt number (unique across desks).
    pub receipt: String,
    /// The attendee, checked in.
    pub attendee: AttendeeCard,
    /// The ticket type.
    pub ticket_type: String,
    /// `cash`, `card`, `voucher` or `comp`.
    pub method: String,
    /// The list price (or the amount owed that was settled).
    pub price: MoneyDto,
    /// Cash rounding applied (cash only; zero otherwise).
    pub rounding: MoneyDto,
    /// What was paid: the price plus rounding.
    pub paid: MoneyDto,
    /// Cash handed over.
    pub tendered: Option<MoneyDto>,
    /// Change due back.
    pub change: Option<MoneyDto>,
    /// The card reference or voucher code.
    pub reference: Option<String>,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// True when this repeats an earlier sale with the same key: nothing was booked.
    pub replayed: bool,
    /// The badge sent on the sale, when this desk prints automatically.
    pub auto_print: Option<AutoPrint>,
}

/// Cash put in, taken out, or taken to the safe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MovementRequest {
    /// `pay_in`, `pay_out` or `deposit`.
    #[ts(type = "\"pay_in\" | \"pay_out\" | \"deposit\"")]
    pub kind: String,
    /// The amount, as typed.
    pub amount: String,
    /// Why (pay in and pay out).
    #[serde(default)]
    pub reason: String,
    /// The deposit bag's number.
    #[serde(default)]
    pub bag: String,
    /// Who witnessed the deposit.
    #[serde(default)]
    pub witness: String,
    /// Replaying a key returns the first result and books nothing.
    pub idempotency_key: String,
}

/// One entry of the ledger as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EntryDto {
    /// The drawer's entry number.
    #[ts(type = "number")]
    pub seq: i64,
    /// What it records (`sale`, `refund`, `pay_out`, ...).
    pub kind: String,
    /// How a sale was paid.
    pub method: Option<String>,
    /// The amount, signed as it moves money.
    pub amount: MoneyDto,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// Who booked it.
    pub operator: String,
    /// The sale's receipt number.
    pub receipt: Option<String>,
    /// Reason, reference, bag, witness or lead, as recorded.
    pub detail: String,
}

/// A refund (money back) or a void (a mistaken sale cancelled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefundRequest {
    /// The sale's receipt number.
    pub receipt: String,
    /// Why.
    pub reason: String,
    /// A void instead of a refund (only while the sale's shift is open).
    #[serde(default)]
    pub void: bool,
    /// A part of the sale to refund, as typed; empty: all of it.
    #[serde(default)]
    pub amount: String,
    /// A lead's name and PIN.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<LeadAuth>,
    /// Replaying a key returns the first result and books nothing.
    pub idempotency_key: String,
}

/// A booked refund or void.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefundReceipt {
    /// The sale's receipt number.
    pub receipt: String,
    /// The reversing entry.
    pub entry: EntryDto,
    /// Cash to hand back from the drawer (zero for card, voucher, comp).
    pub cash_back: MoneyDto,
}

/// The closing count of this desk's shift, counted blind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseDrawerRequest {
    /// The drawer's contents by denomination: `20x5,10x10,0.50x4`.
    pub count: String,
    /// A note on the difference (needed when a lead must approve it).
    #[serde(default)]
    pub note: String,
    /// A lead's name and PIN, when the difference is above the tolerance.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<LeadAuth>,
    /// Replaying a key returns the first result and books nothing.
    pub idempotency_key: String,
}

/// A closed shift: what was counted against what the ledger expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseResult {
    /// The shift, now closed.
    pub shift: CashShiftDto,
    /// The count.
    pub counted: MoneyDto,
    /// What the ledger expected.
    pub expected: MoneyDto,
    /// Counted minus expected (negative: cash is missing).
    pub difference: MoneyDto,
    /// The lead who approved a difference above the tolerance.
    pub approved_by: Option<String>,
}

/// Closing a business day (a lead's act): nothing more is booked into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseDayRequest {
    /// The day (`YYYY-MM-DD`); empty: today.
    #[serde(default)]
    pub day: String,
    /// A lead's name and PIN.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<LeadAuth>,
    /// Replaying a key returns the first result and changes nothing.
    pub idempotency_key: String,
}

/// A line of a report: a name, how many, how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportLine {
    /// What is counted (a payment method, a ticket type, a volunteer).
    pub name: String,
    /// How many sales (net of voids and refunds: those are listed apart).
    pub count: u32,
    /// Their amount.
    pub amount: MoneyDto,
}

/// One denomination of a shift's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DenominationLine {
    /// The note or coin.
    pub denomination: MoneyDto,
    /// Pieces in the opening float.
    pub opening: u32,
    /// Pieces at the closing count.
    pub closing: u32,
    /// Value of the closing pieces.
    pub closing_value: MoneyDto,
}

/// One cash shift in the day's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShiftReport {
    /// The shift.
    pub shift: CashShiftDto,
    /// Cash sales, net of cash refunds and voids.
    pub cash_sales: MoneyDto,
    /// Cash refunds and voids.
    pub cash_refunds: MoneyDto,
    /// Paid in.
    pub paid_in: MoneyDto,
    /// Paid out.
    pub paid_out: MoneyDto,
    /// Deposits to the safe.
    pub deposits: MoneyDto,
    /// Cash rounding.
    pub rounding: MoneyDto,
    /// What the drawer should hold at the close (closed shifts only).
    pub expected: Option<MoneyDto>,
    /// What was counted (closed shifts only).
    pub counted: Option<MoneyDto>,
    /// Counted minus expected.
    pub difference: Option<MoneyDto>,
    /// The note on the difference.
    pub difference_note: Option<String>,
    /// The lead who approved the difference.
    pub approved_by: Option<String>,
    /// The counts by denomination.
    pub denominations: Vec<DenominationLine>,
}

/// A drawer's chain as the report anchors it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChainDto {
    /// The drawer (the desk installation's id).
    pub drawer: String,
    /// Entries in the chain.
    #[ts(type = "number")]
    pub entries: i64,
    /// The last entry's number.
    #[ts(type = "number")]
    pub last_seq: i64,
    /// The last entry's hash (SHA-256, hex).
    pub last_hash: String,
}

/// The end-of-day report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashReport {
    /// The event.
    pub event_name: String,
    /// The business day.
    pub day: String,
    /// When the report was made (RFC 3339 UTC).
    pub generated_at: String,
    /// When and by whom the day was closed, if it was.
    pub closed: Option<String>,
    /// All takings (sales net of refunds and voids).
    pub takings: MoneyDto,
    /// Sales booked (before refunds and voids).
    pub sales: u32,
    /// Totals by payment method.
    pub by_method: Vec<ReportLine>,
    /// Totals by ticket type.
    pub by_ticket_type: Vec<ReportLine>,
    /// Totals by volunteer.
    pub by_operator: Vec<ReportLine>,
    /// Every cash shift of the day.
    pub shifts: Vec<ShiftReport>,
    /// Every void, refund, paid in, paid out, deposit and difference.
    pub movements: Vec<EntryDto>,
    /// Each drawer's last entry number and hash: the paper anchors the chain.
    pub chains: Vec<ChainDto>,
    /// What this report is not.
    pub disclaimer: String,
}

/// Every drawer's chain checked: numbering and hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LedgerCheck {
    /// The drawers that verified.
    pub drawers: Vec<ChainDto>,
    /// The first problem of each drawer that did not, naming the entry.
    pub problems: Vec<String>,
}
