//! The crash harness's shared vocabulary: the desk actions the worker
//! performs (the cash box's sales, refunds, voids, pay-ins, pay-outs,
//! deposits, counted closes and new shifts among them), how each is turned
//! into an api request from its counter, the drawer as the volunteer at it
//! knows it, and the one-line protocol between worker and driver.
//!
//! Both sides build a request with [`perform`] from the same
//! [`Action`] and counter, so the driver can replay exactly what the worker
//! asked (same idempotency key, same request) and compare the result with
//! what the worker acknowledged. A result is summarised as a few readable
//! fields plus a hash of its whole JSON (with `replayed` cleared), so "the
//! same first result" means every field, not just the id.
//!
//! The protocol, one line per event on the worker's standard output, each
//! written whole and flushed: `ready`, `try <key> <action>` before a call,
//! `ack <key> <action> <summary>` after the api returned `Ok`, and
//! `nak <key> <action> <code>` after a refusal. Nothing here kills or
//! checks anything; `src/bin/crash_driver.rs` does.

use lanyard_api::dto::cash::{
    CloseDayRequest, CloseDrawerRequest, MovementRequest, OpenDrawerRequest, PaymentRequest, RefundRequest,
    SaleRequest, SettleRequest,
};
use lanyard_api::dto::{CheckInRequest, ImportRequest, LeadAuth, MappingRule, PrintRequest, UndoRequest};
use lanyard_api::{ApiError, ErrorCode};
use lanyard_core::Currency;
use lanyard_core::cash::{Denominations, EntryKind, Method, count::major, expected_cash};
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use crate::{Desk, walk_in};

/// The lead the driver creates and the worker's undos, reprints and imports name.
pub const LEAD: &str = "Crash Lead";

/// That lead's PIN.
pub const PIN: &str = "735193";

/// The operator the worker's session works under.
pub const OPERATOR: &str = "Crash Worker";

/// The ticket type sold at the desk, and its price.
pub const TICKET: (&str, &str) = ("Conference", "25.00");

/// The float the driver opens the drawer with, and every new shift too.
pub const FLOAT: &str = "20x5";

/// The event's currency (the demo event's).
pub const CURRENCY: &str = "EUR";

/// What a sale takes (the ticket's price), a partial refund gives back, a
/// pay-out takes out and a deposit takes to the safe, in minor units.
pub const SALE: i64 = 25_00;
/// See [`SALE`].
pub const PART: i64 = 10_00;
/// See [`SALE`].
pub const PAY_OUT: i64 = 5_00;
/// See [`SALE`].
pub const DEPOSIT: i64 = 20_00;

/// What an attendee who owes owes (the demo's and the owing walk-ins'),
/// in minor units.
pub const OWED: i64 = 25_00;

/// How far off an approved close's count is, in minor units.
pub const OFF: i64 = 5_00;

/// The deposits' witness: someone other than the volunteer.
pub const WITNESS: &str = "Crash Witness";

/// The queue every badge is sent to (a recording queue: nothing prints).
pub const QUEUE: &str = "CrashQueue";

/// Every idempotency key the harness uses starts with this.
pub const KEY_PREFIX: &str = "crash-";

/// The idempotency key of the worker's `n`th request.
pub fn key(n: u64) -> String {
    format!("{KEY_PREFIX}{n:012}")
}

/// The counter a key was made from.
pub fn counter(key: &str) -> Option<u64> {
    key.strip_prefix(KEY_PREFIX)?.parse().ok()
}

/// One mutating desk action, by what it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Check attendee `id` in (chosen in the results).
    CheckIn(i64),
    /// Undo attendee `id`'s check-in, with the lead's PIN.
    Undo(i64),
    /// Register a walk-in (named after the counter) and check them in.
    WalkIn,
    /// Register a walk-in who still owes 25.00 (they are checked in too).
    WalkInOwing,
    /// Print attendee `id`'s badge (first print).
    Print(i64),
    /// Reprint attendee `id`'s badge, with the lead's PIN.
    Reprint(i64),
    /// Import a three-row CSV (new people, or updates of earlier imports).
    Import,
    /// Sell a walk-in a ticket, paid this way (they are checked in too).
    Sale(Pay),
    /// Settle what attendee `id` owes, paid this way (they are checked in too).
    Settle(i64, Pay),
    /// Pay 5.00 into the drawer.
    PayIn,
    /// Pay 5.00 out of the drawer.
    PayOut,
    /// Take 20.00 to the safe in a bag, with a witness.
    Deposit,
    /// Refund a whole earlier sale by its receipt number, with the lead's PIN.
    Refund(String),
    /// Refund 10.00 of an earlier sale, with the lead's PIN.
    RefundPart(String),
    /// Void a sale of the open shift, with the lead's PIN.
    Void(String),
    /// Close the drawer's shift with this count (minor units): what it should hold.
    Close(i64),
    /// Close with a count (minor units) that differs from what the drawer
    /// should hold, approved by the lead with a note.
    CloseApproved(i64),
    /// Open a new shift on the drawer with the float.
    OpenShift,
    /// Close the cash day (`YYYY-MM-DD`), with the lead's PIN; every drawer closed.
    CloseDay(String),
}

/// How a sale or a settlement is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pay {
    /// Cash, 50.00 handed over.
    Cash,
    /// By card, with the terminal's reference.
    Card,
    /// With a voucher's code.
    Voucher,
    /// Complimentary, with a reason and the lead's PIN.
    Comp,
}

impl Pay {
    /// The api's name of the method.
    pub fn as_str(self) -> &'static str {
        match self {
            Pay::Cash => "cash",
            Pay::Card => "card",
            Pay::Voucher => "voucher",
            Pay::Comp => "comp",
        }
    }

    fn parse(s: &str) -> Option<Pay> {
        [Pay::Cash, Pay::Card, Pay::Voucher, Pay::Comp].into_iter().find(|p| p.as_str() == s)
    }

    /// The payment of the `n`th request.
    fn request(self, n: u64) -> PaymentRequest {
        PaymentRequest {
            method: self.as_str().into(),
            tendered: if self == Pay::Cash { "50".into() } else { String::new() },
            reference: match self {
                Pay::Card => format!("TERM-{n:08}"),
                Pay::Voucher => format!("VOUCHER-{n}"),
                _ => String::new(),
            },
            reason: if self == Pay::Comp { format!("crash harness, request {n}") } else { String::new() },
        }
    }
}

impl Action {
    /// The action's name, without what it acts on (`check_in`, `refund`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Action::CheckIn(_) => "check_in",
            Action::Undo(_) => "undo",
            Action::WalkIn => "walk_in",
            Action::WalkInOwing => "walk_in_owing",
            Action::Print(_) => "print",
            Action::Reprint(_) => "reprint",
            Action::Import => "import",
            Action::Sale(Pay::Cash) => "sale",
            Action::Sale(Pay::Card) => "sale_card",
            Action::Sale(Pay::Voucher) => "sale_voucher",
            Action::Sale(Pay::Comp) => "sale_comp",
            Action::Settle(_, Pay::Cash) => "settle",
            Action::Settle(_, Pay::Card) => "settle_card",
            Action::Settle(_, Pay::Voucher) => "settle_voucher",
            Action::Settle(_, Pay::Comp) => "settle_comp",
            Action::PayIn => "pay_in",
            Action::PayOut => "pay_out",
            Action::Deposit => "deposit",
            Action::Refund(_) => "refund",
            Action::RefundPart(_) => "refund_part",
            Action::Void(_) => "void",
            Action::Close(_) => "close",
            Action::CloseApproved(_) => "close_approved",
            Action::OpenShift => "open_shift",
            Action::CloseDay(_) => "close_day",
        }
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.name();
        match self {
            Action::CheckIn(id) | Action::Undo(id) | Action::Print(id) | Action::Reprint(id) => {
                write!(f, "{name}:{id}")
            }
            Action::Refund(receipt) | Action::RefundPart(receipt) | Action::Void(receipt) => {
                write!(f, "{name}:{receipt}")
            }
            Action::Close(counted) | Action::CloseApproved(counted) => write!(f, "{name}:{counted}"),
            Action::Sale(pay) if *pay != Pay::Cash => write!(f, "sale:{}", pay.as_str()),
            Action::Settle(id, pay) => write!(f, "settle:{id}:{}", pay.as_str()),
            Action::CloseDay(day) => write!(f, "{name}:{day}"),
            _ => f.write_str(name),
        }
    }
}

impl std::str::FromStr for Action {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (name, arg) = match s.split_once(':') {
            Some((name, arg)) => (name, Some(arg)),
            None => (s, None),
        };
        let number = |arg: &str| arg.parse::<i64>().map_err(|e| format!("{s:?}: {e}"));
        let pay = |arg: &str| Pay::parse(arg).ok_or_else(|| format!("{s:?}: not a payment method"));
        let receipt = |arg: &str| {
            if arg.is_empty() || arg.contains(char::is_whitespace) {
                return Err(format!("{s:?}: not a receipt number"));
            }
            Ok(arg.to_owned())
        };
        match (name, arg) {
            ("check_in", Some(id)) => Ok(Action::CheckIn(number(id)?)),
            ("undo", Some(id)) => Ok(Action::Undo(number(id)?)),
            ("walk_in", None) => Ok(Action::WalkIn),
            ("walk_in_owing", None) => Ok(Action::WalkInOwing),
            ("print", Some(id)) => Ok(Action::Print(number(id)?)),
            ("reprint", Some(id)) => Ok(Action::Reprint(number(id)?)),
            ("import", None) => Ok(Action::Import),
            ("sale", None) => Ok(Action::Sale(Pay::Cash)),
            ("sale", Some(how)) => Ok(Action::Sale(pay(how)?)),
            ("settle", Some(arg)) => {
                let (id, how) = arg.split_once(':').ok_or_else(|| format!("{s:?}: settle:ID:METHOD"))?;
                Ok(Action::Settle(number(id)?, pay(how)?))
            }
            ("close_day", Some(day)) => Ok(Action::CloseDay(receipt(day)?)),
            ("pay_in", None) => Ok(Action::PayIn),
            ("pay_out", None) => Ok(Action::PayOut),
            ("deposit", None) => Ok(Action::Deposit),
            ("refund", Some(r)) => Ok(Action::Refund(receipt(r)?)),
            ("refund_part", Some(r)) => Ok(Action::RefundPart(receipt(r)?)),
            ("void", Some(r)) => Ok(Action::Void(receipt(r)?)),
            ("close", Some(counted)) => Ok(Action::Close(number(counted)?)),
            ("close_approved", Some(counted)) => Ok(Action::CloseApproved(number(counted)?)),
            ("open_shift", None) => Ok(Action::OpenShift),
            _ => Err(format!("unknown action {s:?}")),
        }
    }
}

/// What one call returned, as the harness compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// Readable fields and the hash of the whole result (`replayed` cleared):
    /// one word, no spaces, so it fits on a protocol line.
    pub summary: String,
    /// The attendee now checked in (a check-in or a walk-in), if any.
    pub checked_in: Option<i64>,
    /// Whether the result says it is a replay; `None` for results that
    /// carry no such flag (an undo's card, an import's report).
    pub replayed: Option<bool>,
    /// The kinds of the cash entries the action booked, as the result
    /// says, with the payment method for sales and their reversals
    /// (`sale/card`, `rounding`, `refund/cash`, `count`, `difference`, ...).
    pub booked: Vec<String>,
    /// What it did to the drawer besides booking entries.
    pub drawer: Option<DrawerChange>,
    /// How much it changed what the attendees owe in all, in minor units
    /// (an owing walk-in adds 25.00, a settlement takes what was owed off).
    pub owed: i64,
    /// The cash day it closed.
    pub closed_day: Option<String>,
}

/// What an action did to the drawer, as its result says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawerChange {
    /// A sale was refunded or voided (its receipt number).
    Reversed(String),
    /// The shift was closed (its id).
    Closed(String),
    /// A shift was opened (its id).
    Opened(String),
}

/// The drawer as the volunteer at it knows it, read from the event file
/// before a cash action is chosen: whether a shift is open, the cash it
/// holds (the harness's stand-in for counting the notes: what the ledger
/// says it should hold), and the receipts of the sales not yet refunded or
/// voided (the slips in hand), with whether the open shift made them.
#[derive(Debug, Clone, Default)]
pub struct Drawer {
    /// Whether a shift is open.
    pub open: bool,
    /// The cash the open shift holds, in minor units.
    pub cash: i64,
    /// Receipts of sales that may still be refunded (not comps), and
    /// whether each is the open shift's (so it may be voided).
    pub sales: Vec<(String, bool)>,
}

/// Reads drawer `id` of the event file.
pub fn drawer(store: &lanyard_store::Store, id: &str) -> Result<Drawer, lanyard_store::StoreError> {
    store.read(|tx| {
        let Some(shift) = tx.open_cash_shift(id)? else { return Ok(Drawer::default()) };
        let entries = tx.cash_entries_of_drawer(id)?;
        let reversed: BTreeSet<&str> = entries
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Refund | EntryKind::Void))
            .filter_map(|e| e.reverses.as_deref())
            .collect();
        let sales = entries
            .iter()
            // A comp took nothing: there is nothing to refund.
            .filter(|e| e.kind == EntryKind::Sale && e.method != Some(Method::Comp))
            .filter(|e| !reversed.contains(e.uid.as_str()))
            .filter_map(|e| Some((e.receipt.clone()?, e.shift == shift.uid)))
            .collect();
        let cash = expected_cash(entries.iter().filter(|e| e.shift == shift.uid));
        Ok(Drawer { open: true, cash, sales })
    })
}

/// A count of `minor` in the event's notes and coins, largest first
/// (`20x3,5x1`), as a volunteer types it.
pub fn count_text(minor: i64) -> String {
    let currency = Currency::parse(CURRENCY).unwrap_or_else(|_| unreachable!("EUR is a currency"));
    let mut left = minor.max(0);
    let mut pieces = Vec::new();
    for &value in Denominations::for_currency(&currency).values() {
        if left >= value {
            pieces.push(format!("{}x{}", major(value, &currency), left / value));
            left %= value;
        }
    }
    pieces.join(",")
}

fn lead() -> LeadAuth {
    LeadAuth::pin(LEAD, PIN)
}

/// The CSV the `n`th request imports: three people whose external ids
/// repeat every 40 imports, so later imports update earlier ones.
pub fn import_csv(n: u64) -> String {
    let mut csv = String::from("ref,name,email,city\n");
    for i in 0..3 {
        let id = format!("crash-import-{}-{i}", n % 40);
        csv.push_str(&format!("{id},Crash Import {n} {i},{id}@example.org,Town {}\n", n % 7));
    }
    csv
}

fn import_mapping() -> Vec<MappingRule> {
    let column = |field: &str, column: &str| MappingRule {
        field: field.into(),
        column: Some(column.into()),
        fixed: None,
    };
    vec![
        column("external_id", "ref"),
        column("display_name", "name"),
        column("email", "email"),
        column("hometown", "city"),
        MappingRule { field: "ticket_type".into(), column: None, fixed: Some("Conference".into()) },
    ]
}

/// What the store remembers of a result: attendee cards by their id only
/// (they are read fresh on a replay), everything else as it was.
fn slim(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let card = map.contains_key("badge_code") && map.contains_key("display_name");
            if let (true, Some(id)) = (card, map.get("id").and_then(serde_json::Value::as_i64)) {
                *value = serde_json::json!({ "card": id });
                return;
            }
            map.remove("replayed");
            map.values_mut().for_each(slim);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(slim),
        _ => {}
    }
}

fn digest(value: &serde_json::Value) -> String {
    let mut value = value.clone();
    slim(&mut value);
    let mut hasher = std::hash::DefaultHasher::new();
    value.to_string().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn done<T: serde::Serialize>(fields: String, result: &T, checked_in: Option<i64>) -> Result<Done, ApiError> {
    let value = serde_json::to_value(result)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read the result: {e}")))?;
    let replayed = value.get("replayed").and_then(serde_json::Value::as_bool);
    Ok(Done {
        summary: format!("{fields},#{}", digest(&value)),
        checked_in,
        replayed,
        booked: Vec::new(),
        drawer: None,
        owed: 0,
        closed_day: None,
    })
}

/// The key a cash entry is counted under: its kind, and the payment method
/// of a sale and of its reversal (`sale/card`, `refund/cash`, `float`).
pub fn entry_key(kind: &str, method: Option<&str>) -> String {
    match method {
        Some(method) => format!("{kind}/{method}"),
        None => kind.to_owned(),
    }
}

impl Done {
    /// The same, with the cash entries booked and what changed at the drawer.
    fn booked<S: AsRef<str>>(mut self, kinds: &[S], drawer: Option<DrawerChange>) -> Done {
        self.booked = kinds.iter().map(|k| k.as_ref().to_owned()).collect();
        self.drawer = drawer;
        self
    }
}

/// The kinds of entries booked: `first`, then a rounding entry if `rounded`.
fn with_rounding(first: String, rounded: bool) -> Vec<String> {
    if rounded { vec![first, "rounding".to_owned()] } else { vec![first] }
}

/// The entries a sale or a settlement booked, as its receipt says.
fn sold(r: &lanyard_api::dto::cash::SaleReceipt) -> Vec<String> {
    with_rounding(entry_key("sale", Some(&r.method)), r.rounding.minor != 0)
}

/// Performs `action` as the `n`th request through the api. Called again
/// with the same arguments it must replay: same key, same request.
pub fn perform(desk: &Desk, n: u64, action: &Action) -> Result<Done, ApiError> {
    let key = key(n);
    match *action {
        Action::CheckIn(id) => {
            let request = CheckInRequest {
                typed: String::new(),
                chosen: Some(id),
                admit_owing: None,
                idempotency_key: key,
            };
            let r = desk.check_in(&request)?;
            done(format!("attendee={}", r.attendee.id), &r, Some(r.attendee.id))
        }
        Action::Undo(id) => {
            let request = UndoRequest {
                attendee_id: id,
                reason: format!("crash harness, request {n}"),
                auth: lead(),
                idempotency_key: key,
            };
            let card = desk.undo_check_in(&request)?;
            done(format!("attendee={}", card.id), &card, None)
        }
        Action::WalkIn | Action::WalkInOwing => {
            let mut request = walk_in(&format!("Crash Walkin {n}"), &key);
            let owing = matches!(action, Action::WalkInOwing);
            if owing {
                request.amount_due = (OWED / 100).to_string();
            }
            let r = desk.register_walk_in(&request)?;
            let mut d = done(
                format!("attendee={},code={}", r.attendee.id, r.attendee.badge_code),
                &r,
                Some(r.attendee.id),
            )?;
            d.owed = if owing { OWED } else { 0 };
            Ok(d)
        }
        Action::Print(id) | Action::Reprint(id) => {
            let reprint = matches!(action, Action::Reprint(_));
            let request = PrintRequest {
                attendee_id: id,
                reprint,
                printer: Some(QUEUE.into()),
                idempotency_key: key,
                auth: reprint.then(lead),
                confirm_missing: true,
            };
            let r = desk.print_badge(&request)?;
            done(format!("attendee={},job={}", r.attendee_id, r.job), &r, None)
        }
        Action::Import => {
            let request = ImportRequest {
                file_name: format!("crash-{n}.csv"),
                preset: None,
                mapping: Some(import_mapping()),
                dry_run: false,
                skip_problem_rows: false,
                idempotency_key: key,
                auth: Some(lead()),
            };
            let r = desk.import(import_csv(n).as_bytes(), &request, &mut |_, _| {})?;
            done(format!("new={},updated={}", r.new, r.updated), &r, None)
        }
        Action::Sale(pay) => {
            let request = SaleRequest {
                display_name: format!("Crash Sale {n}"),
                affiliation: String::new(),
                hometown: String::new(),
                email: String::new(),
                role: String::new(),
                interests: Vec::new(),
                ticket_type: TICKET.0.into(),
                payment: pay.request(n),
                confirm_new: true,
                auth: (pay == Pay::Comp).then(lead),
                idempotency_key: key,
            };
            let r = desk.engine.sell_ticket(&desk.session, &request)?;
            done(
                format!("receipt={},attendee={},paid={}", r.receipt, r.attendee.id, r.paid.minor),
                &r,
                Some(r.attendee.id),
            )
            .map(|d| d.booked(&sold(&r), None))
        }
        Action::Settle(id, pay) => {
            let request = SettleRequest {
                attendee_id: id,
                payment: pay.request(n),
                auth: (pay == Pay::Comp).then(lead),
                idempotency_key: key,
            };
            let r = desk.engine.settle_amount_due(&desk.session, &request)?;
            let mut d = done(
                format!("receipt={},attendee={},paid={}", r.receipt, r.attendee.id, r.paid.minor),
                &r,
                Some(r.attendee.id),
            )?
            .booked(&sold(&r), None);
            // Everyone who owes owes 25.00; a comp waives it (and books 0.00).
            d.owed = -OWED;
            Ok(d)
        }
        Action::PayIn | Action::PayOut | Action::Deposit => {
            let (kind, amount) = match action {
                Action::PayIn => ("pay_in", 5_00),
                Action::PayOut => ("pay_out", PAY_OUT),
                _ => ("deposit", DEPOSIT),
            };
            let deposit = kind == "deposit";
            let request = MovementRequest {
                kind: kind.into(),
                amount: (amount / 100).to_string(),
                reason: if deposit { String::new() } else { format!("crash harness, request {n}") },
                bag: if deposit { format!("bag-{n}") } else { String::new() },
                witness: if deposit { WITNESS.into() } else { String::new() },
                idempotency_key: key,
            };
            let r = desk.engine.cash_movement(&desk.session, &request)?;
            done(format!("entry={}", r.seq), &r, None).map(|d| d.booked(&[r.kind.as_str()], None))
        }
        Action::Refund(ref receipt) | Action::RefundPart(ref receipt) | Action::Void(ref receipt) => {
            let request = RefundRequest {
                receipt: receipt.clone(),
                reason: format!("crash harness, request {n}"),
                void: matches!(action, Action::Void(_)),
                amount: if matches!(action, Action::RefundPart(_)) {
                    (PART / 100).to_string()
                } else {
                    String::new()
                },
                auth: Some(lead()),
                idempotency_key: key,
            };
            let r = desk.engine.refund_sale(&desk.session, &request)?;
            // A rounding entry when the cash handed back is not the amount reversed.
            let cash = r.entry.method.as_deref() == Some("cash");
            let booked = with_rounding(
                entry_key(&r.entry.kind, r.entry.method.as_deref()),
                cash && r.cash_back.minor != -r.entry.amount.minor,
            );
            let change = Some(DrawerChange::Reversed(r.receipt.clone()));
            done(format!("receipt={},entry={}", r.receipt, r.entry.seq), &r, None)
                .map(|d| d.booked(&booked, change))
        }
        Action::Close(counted) | Action::CloseApproved(counted) => {
            let approved = matches!(action, Action::CloseApproved(_));
            let request = CloseDrawerRequest {
                count: count_text(counted),
                note: if approved {
                    format!("crash harness, request {n}: the count differs")
                } else {
                    String::new()
                },
                auth: approved.then(lead),
                idempotency_key: key,
            };
            let r = desk.engine.close_cash_shift(&desk.session, &request)?;
            let booked: &[&str] = if r.difference.minor == 0 { &["count"] } else { &["count", "difference"] };
            let change = Some(DrawerChange::Closed(r.shift.id.clone()));
            done(
                format!("counted={},expected={},shift={}", r.counted.minor, r.expected.minor, r.shift.id),
                &r,
                None,
            )
            .map(|d| d.booked(booked, change))
        }
        Action::OpenShift => {
            let request = OpenDrawerRequest { count: FLOAT.into(), idempotency_key: key };
            let r = desk.engine.open_cash_shift(&desk.session, &request)?;
            let change = Some(DrawerChange::Opened(r.id.clone()));
            done(format!("shift={}", r.id), &r, None).map(|d| d.booked(&["float"], change))
        }
        Action::CloseDay(ref day) => {
            let request = CloseDayRequest { day: day.clone(), auth: Some(lead()), idempotency_key: key };
            let mut r = desk.engine.close_cash_day(&desk.session, &request)?;
            // The day's report is read afresh on every call: when it was made
            // is not part of what the close returned (the drawers' chain
            // heads are: the report anchors each where that day left it).
            r.generated_at.clear();
            let mut d =
                done(format!("day={},takings={},sales={}", r.day, r.takings.minor, r.sales), &r, None)?;
            d.closed_day = Some(r.day.clone());
            Ok(d)
        }
    }
}

/// Whether `error` is the desk refusing an action (already checked in,
/// never printed, ...) rather than something going wrong.
pub fn is_refusal(error: &ApiError) -> bool {
    matches!(
        error.code,
        ErrorCode::AlreadyCheckedIn
            | ErrorCode::NotCheckedIn
            | ErrorCode::AlreadyPrinted
            | ErrorCode::TicketCancelled
            | ErrorCode::AmountDue
            | ErrorCode::UnknownAttendee
            | ErrorCode::MissingCharacters
            | ErrorCode::DayClosed
    )
}

/// A small seeded random generator (SplitMix64): the same seed gives the
/// same actions and the same kill times.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}
