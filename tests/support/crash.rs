//! The crash harness's shared vocabulary: the desk actions the worker
//! performs (cash sales and pay-ins among them), how each is turned into an api request from its counter, and
//! the one-line protocol between worker and driver.
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

use lanyard_api::dto::cash::{MovementRequest, PaymentRequest, SaleRequest};
use lanyard_api::dto::{CheckInRequest, ImportRequest, LeadAuth, MappingRule, PrintRequest, UndoRequest};
use lanyard_api::{ApiError, ErrorCode};
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

/// The float the driver opens the drawer with.
pub const FLOAT: &str = "20x5";

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Check attendee `id` in (chosen in the results).
    CheckIn(i64),
    /// Undo attendee `id`'s check-in, with the lead's PIN.
    Undo(i64),
    /// Register a walk-in (named after the counter) and check them in.
    WalkIn,
    /// Print attendee `id`'s badge (first print).
    Print(i64),
    /// Reprint attendee `id`'s badge, with the lead's PIN.
    Reprint(i64),
    /// Import a three-row CSV (new people, or updates of earlier imports).
    Import,
    /// Sell a walk-in a ticket for cash (they are checked in too).
    Sale,
    /// Pay 5.00 into the drawer.
    PayIn,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::CheckIn(id) => write!(f, "check_in:{id}"),
            Action::Undo(id) => write!(f, "undo:{id}"),
            Action::WalkIn => f.write_str("walk_in"),
            Action::Print(id) => write!(f, "print:{id}"),
            Action::Reprint(id) => write!(f, "reprint:{id}"),
            Action::Import => f.write_str("import"),
            Action::Sale => f.write_str("sale"),
            Action::PayIn => f.write_str("pay_in"),
        }
    }
}

impl std::str::FromStr for Action {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (name, id) = match s.split_once(':') {
            Some((name, id)) => (name, Some(id.parse::<i64>().map_err(|e| format!("{s:?}: {e}"))?)),
            None => (s, None),
        };
        match (name, id) {
            ("check_in", Some(id)) => Ok(Action::CheckIn(id)),
            ("undo", Some(id)) => Ok(Action::Undo(id)),
            ("walk_in", None) => Ok(Action::WalkIn),
            ("print", Some(id)) => Ok(Action::Print(id)),
            ("reprint", Some(id)) => Ok(Action::Reprint(id)),
            ("import", None) => Ok(Action::Import),
            ("sale", None) => Ok(Action::Sale),
            ("pay_in", None) => Ok(Action::PayIn),
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
    Ok(Done { summary: format!("{fields},#{}", digest(&value)), checked_in, replayed })
}

/// Performs `action` as the `n`th request through the api. Called again
/// with the same arguments it must replay: same key, same request.
pub fn perform(desk: &Desk, n: u64, action: Action) -> Result<Done, ApiError> {
    let key = key(n);
    match action {
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
        Action::WalkIn => {
            let r = desk.register_walk_in(&walk_in(&format!("Crash Walkin {n}"), &key))?;
            done(
                format!("attendee={},code={}", r.attendee.id, r.attendee.badge_code),
                &r,
                Some(r.attendee.id),
            )
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
        Action::Sale => {
            let request = SaleRequest {
                display_name: format!("Crash Sale {n}"),
                affiliation: String::new(),
                hometown: String::new(),
                email: String::new(),
                role: String::new(),
                interests: Vec::new(),
                ticket_type: TICKET.0.into(),
                payment: PaymentRequest {
                    method: "cash".into(),
                    tendered: "50".into(),
                    reference: String::new(),
                    reason: String::new(),
                },
                confirm_new: true,
                auth: None,
                idempotency_key: key,
            };
            let r = desk.engine.sell_ticket(&desk.session, &request)?;
            done(format!("receipt={},attendee={}", r.receipt, r.attendee.id), &r, Some(r.attendee.id))
        }
        Action::PayIn => {
            let request = MovementRequest {
                kind: "pay_in".into(),
                amount: "5".into(),
                reason: format!("crash harness, request {n}"),
                bag: String::new(),
                witness: String::new(),
                idempotency_key: key,
            };
            let r = desk.engine.cash_movement(&desk.session, &request)?;
            done(format!("entry={}", r.seq), &r, None)
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
