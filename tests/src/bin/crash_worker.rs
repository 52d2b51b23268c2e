//! The crash harness's worker: a real desk process doing mixed writes until
//! it is killed.
//!
//! `crash_worker --db FILE --config FILE --seed S --first N` opens the event
//! file through `lanyard_api::Engine` (system clock, OS randomness, a
//! recording print queue instead of CUPS; the clock moved on by whole days
//! past the cash days already closed, see below) and loops: check-ins,
//! undos with the lead's PIN, walk-ins (some still owing 25.00), badge
//! prints and reprints, small imports, and at the cash box sales paid in
//! cash, by card (a terminal reference), by voucher (a code) or
//! complimentary (a reason and the lead's PIN), settlements of what an
//! attendee owes (the same four ways; a check-in refused for an amount due
//! is followed by its settlement), pay-ins, pay-outs, deposits (bag and
//! witness), refunds whole or in part and voids (the lead's PIN), counted
//! closes of the shift (a count that differs approved by the lead with a
//! note), new shifts, and closes of the cash day (the lead's PIN, once the
//! drawer is closed), each with the idempotency key of its counter (`N`,
//! `N+1`, ...).
//!
//! A closed day takes no more entries, so after the worker closes one its
//! clock moves to the next day: the desk's clock is the system's plus as
//! many days as it takes to reach a business day not yet closed (read from
//! the event file at start and after every close), as a desk at a
//! many-day event moves on to the next morning. Before a cash action it reads the drawer from the event file (the
//! cash it should hold stands in for the volunteer's count; the receipts
//! not yet reversed for the slips in hand), so a drawer with no open shift
//! gets one first and no pay-out or refund asks for more than it holds. It writes
//! `try` before each call and `ack` only after the api returned `Ok` (then
//! flushes), `nak` after a refusal; any other error ends it with status 3.
//! `--lie-every K` acknowledges every Kth request without making it: the
//! control that shows the driver notices a lost action.
//! The driver (`crash_driver`) kills it with SIGKILL at a random moment;
//! see `tests/support/crash.rs` for the protocol.

use anyhow::{Context, bail};
use lanyard_api::{Parts, RecordingQueue, SystemClock};
use lanyard_core::{Clock, Timestamp};
use lanyard_tests::crash::{self, Action, Drawer, Pay, Rng};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

const DAY_MILLIS: i64 = 86_400_000;

/// The system clock moved on by whole days: the business days before
/// were closed.
#[derive(Debug, Default)]
struct DayClock {
    days: AtomicI64,
}

impl DayClock {
    /// The business day it is now.
    fn today(&self) -> String {
        let now = self.now();
        lanyard_core::cash::business_day(now, self.utc_offset_minutes(now))
    }

    /// Moves on past the closed days (never back).
    fn skip_closed(&self, store: &lanyard_store::Store) -> anyhow::Result<()> {
        loop {
            let today = self.today();
            if store.read(|tx| tx.closed_cash_day(&today))?.is_none() {
                return Ok(());
            }
            self.days.fetch_add(1, Ordering::SeqCst);
        }
    }
}

impl Clock for DayClock {
    fn now(&self) -> Timestamp {
        let now = SystemClock.now();
        Timestamp(now.0.saturating_add(self.days.load(Ordering::SeqCst).saturating_mul(DAY_MILLIS)))
    }

    fn monotonic_millis(&self) -> i64 {
        SystemClock.monotonic_millis()
    }

    fn utc_offset_minutes(&self, at: Timestamp) -> i32 {
        SystemClock.utc_offset_minutes(at)
    }
}

struct Args {
    db: PathBuf,
    config: PathBuf,
    seed: u64,
    first: u64,
    lie_every: Option<u64>,
}

fn args() -> anyhow::Result<Args> {
    let mut args = std::env::args().skip(1);
    let (mut db, mut config, mut seed, mut first, mut lie_every) = (None, None, 0, 0, None);
    while let Some(flag) = args.next() {
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--db" => db = Some(PathBuf::from(value)),
            "--config" => config = Some(PathBuf::from(value)),
            "--seed" => seed = value.parse()?,
            "--first" => first = value.parse()?,
            "--lie-every" => lie_every = Some(value.parse::<u64>()?.max(1)),
            _ => bail!("unknown flag {flag}"),
        }
    }
    Ok(Args {
        db: db.context("--db is required")?,
        config: config.context("--config is required")?,
        seed,
        first,
        lie_every,
    })
}

/// What the worker knows between its actions.
#[derive(Debug, Default)]
struct Known {
    /// The attendees this run checked in.
    checked_in: Vec<i64>,
    /// The attendees this run learned owe money and has not settled.
    owing: Vec<i64>,
    /// The business day it is.
    today: String,
}

/// The next action: mostly check-ins, then prints, walk-ins (one in four
/// owing), undos (of someone this run checked in, when there is one) and
/// imports; and in 28 of 100 a cash action: sales (cash, card, voucher,
/// comp), settlements, refunds, voids, pay-ins, pay-outs, deposits, closes
/// and the day's close, on the drawer as `drawer` reads it (a new shift or
/// the day's close when none is open; a cash sale when the drawer has no
/// receipt to reverse, too little cash for what was drawn, or nobody owes).
fn choose(
    rng: &mut Rng,
    attendees: u64,
    known: &mut Known,
    drawer: impl FnOnce() -> anyhow::Result<Drawer>,
) -> anyhow::Result<Action> {
    let checked_in = &mut known.checked_in;
    let id = 1 + i64::try_from(rng.below(attendees)).unwrap_or(0);
    let roll = rng.below(100);
    let action = match roll {
        0..34 => Action::CheckIn(id),
        34..44 if checked_in.is_empty() => Action::Undo(id),
        34..44 => Action::Undo(checked_in.swap_remove(rng.below(checked_in.len() as u64) as usize)),
        44..51 => Action::WalkIn,
        51..54 => Action::WalkInOwing,
        54..68 => Action::Print(id),
        68..72 => Action::Import,
        _ => return cash_action(rng, roll, &drawer()?, known),
    };
    Ok(action)
}

/// A way to pay: one in four each.
fn pay(rng: &mut Rng) -> Pay {
    [Pay::Cash, Pay::Card, Pay::Voucher, Pay::Comp][rng.below(4) as usize]
}

/// A cash action for `roll` (72 to 99) on `drawer`.
fn cash_action(rng: &mut Rng, roll: u64, drawer: &Drawer, known: &mut Known) -> anyhow::Result<Action> {
    if !drawer.open {
        // With the drawer closed, the lead closes the day now and then.
        return Ok(if (72..79).contains(&roll) {
            Action::CloseDay(known.today.clone())
        } else {
            Action::OpenShift
        });
    }
    let mut pick = |sales: Vec<&String>| {
        (!sales.is_empty()).then(|| sales[rng.below(sales.len() as u64) as usize].clone())
    };
    let cash = drawer.cash;
    let any: Vec<&String> = drawer.sales.iter().map(|(r, _)| r).collect();
    let this_shift: Vec<&String> = drawer.sales.iter().filter(|(_, mine)| *mine).map(|(r, _)| r).collect();
    let action = match roll {
        75 => Some(Action::Sale(Pay::Card)),
        76 => Some(Action::Sale(Pay::Voucher)),
        77 => Some(Action::Sale(Pay::Comp)),
        78..80 if !known.owing.is_empty() => {
            let who = known.owing.swap_remove(rng.below(known.owing.len() as u64) as usize);
            Some(Action::Settle(who, pay(rng)))
        }
        80..83 => Some(Action::PayIn),
        83..86 if cash >= crash::PAY_OUT => Some(Action::PayOut),
        86..89 if cash >= crash::DEPOSIT => Some(Action::Deposit),
        89..91 if cash >= crash::SALE => pick(any).map(Action::Refund),
        91..93 if cash >= crash::PART => pick(any).map(Action::RefundPart),
        93..96 if cash >= crash::SALE => pick(this_shift).map(Action::Void),
        96 => Some(Action::Close(cash)),
        97 if cash >= crash::OFF => Some(Action::CloseApproved(cash - crash::OFF)),
        97 => Some(Action::CloseApproved(cash + crash::OFF)),
        // 72..75 and 98..100, and whatever the drawer cannot do now.
        _ => None,
    };
    Ok(action.unwrap_or(Action::Sale(Pay::Cash)))
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    // The event file read beside the desk, for the drawer's state and the closed days only.
    let store = lanyard_tests::store(&args.db);
    let clock = Arc::new(DayClock::default());
    clock.skip_closed(&store).context("read the closed days")?;
    let parts = Parts {
        clock: clock.clone(),
        random: Arc::new(lanyard_api::OsRandom::default()),
        printer: Arc::new(RecordingQueue::new()),
    };
    let desk = lanyard_tests::open_engine(&args.db, &args.config, "Crash desk", Some(crash::OPERATOR), parts)
        .context("open the desk")?;
    let attendees = desk.stats().context("read the stats")?.expected.max(1) as u64;
    let drawer_id = desk.session.desk_id().as_str().to_owned();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready")?;
    out.flush()?;
    let mut rng = Rng::new(args.seed);
    let mut next: Option<Action> = None;
    let mut known = Known::default();
    let read_drawer = || crash::drawer(&store, &drawer_id).context("read the drawer");
    for n in args.first.. {
        known.today = clock.today();
        let action = match next.take() {
            // A settlement needs an open shift: open one first.
            Some(settle @ Action::Settle(..)) if !read_drawer()?.open => {
                next = Some(settle);
                Action::OpenShift
            }
            Some(action) => action,
            None => choose(&mut rng, attendees, &mut known, read_drawer)?,
        };
        let key = crash::key(n);
        writeln!(out, "try {key} {action}")?;
        out.flush()?;
        if args.lie_every.is_some_and(|k| n % k == 0) {
            // The harness's own control: an acknowledgement of nothing.
            writeln!(out, "ack {key} {action} never-done")?;
            out.flush()?;
            continue;
        }
        match crash::perform(&desk, n, &action) {
            Ok(done) => {
                writeln!(out, "ack {key} {action} {}", done.summary)?;
                known.checked_in.extend(done.checked_in);
                if matches!(action, Action::WalkInOwing) {
                    known.owing.extend(done.checked_in);
                }
            }
            Err(e) if crash::is_refusal(&e) => {
                writeln!(out, "nak {key} {action} {:?}", e.code)?;
                if e.code == lanyard_api::ErrorCode::DayClosed {
                    // Not expected (the clock moves past closed days), but the desk would move on too.
                    clock.skip_closed(&store).context("read the closed days")?;
                }
                // A refusal leads to its remedy, so the mix keeps all kinds.
                next = match (&action, e.code) {
                    (&Action::CheckIn(id), lanyard_api::ErrorCode::AlreadyCheckedIn) => {
                        Some(Action::Undo(id))
                    }
                    (&Action::Print(id), lanyard_api::ErrorCode::AlreadyPrinted) => Some(Action::Reprint(id)),
                    // They pay what they owe at the desk, and are checked in.
                    (&Action::CheckIn(id), lanyard_api::ErrorCode::AmountDue) => {
                        Some(Action::Settle(id, pay(&mut rng)))
                    }
                    _ => None,
                };
            }
            Err(e) => {
                writeln!(std::io::stderr(), "request {n} ({action}) failed: {:?}: {}", e.code, e.message)?;
                std::process::exit(3);
            }
        }
        if matches!(action, Action::CloseDay(_)) {
            // The next business day: the closed one takes no more entries.
            clock.skip_closed(&store).context("read the closed days")?;
        }
        out.flush()?;
    }
    Ok(())
}
