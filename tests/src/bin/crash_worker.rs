//! The crash harness's worker: a real desk process doing mixed writes until
//! it is killed.
//!
//! `crash_worker --db FILE --config FILE --seed S --first N` opens the event
//! file through `lanyard_api::Engine` (system clock, OS randomness, a
//! recording print queue instead of CUPS) and loops: check-ins, undos with
//! the lead's PIN, walk-ins, badge prints and reprints, small imports, and
//! at the cash box sales, pay-ins, pay-outs, deposits (bag and witness),
//! refunds whole or in part and voids (the lead's PIN), counted closes of
//! the shift (a count that differs approved by the lead with a note) and
//! new shifts, each with the idempotency key of its counter (`N`, `N+1`,
//! ...). Before a cash action it reads the drawer from the event file (the
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
use lanyard_tests::crash::{self, Action, Drawer, Rng};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

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

/// The next action: mostly check-ins, then prints, walk-ins, undos (of
/// someone this run checked in, when there is one) and imports; and in
/// 28 of 100 a cash action: sales, refunds, voids, pay-ins, pay-outs,
/// deposits and closes, on the drawer as `drawer` reads it (a new shift
/// first when none is open; a sale when the drawer has no receipt to
/// reverse or too little cash for what was drawn).
fn choose(
    rng: &mut Rng,
    attendees: u64,
    checked_in: &mut Vec<i64>,
    drawer: impl FnOnce() -> anyhow::Result<Drawer>,
) -> anyhow::Result<Action> {
    let id = 1 + i64::try_from(rng.below(attendees)).unwrap_or(0);
    let roll = rng.below(100);
    let action = match roll {
        0..34 => Action::CheckIn(id),
        34..44 if checked_in.is_empty() => Action::Undo(id),
        34..44 => Action::Undo(checked_in.swap_remove(rng.below(checked_in.len() as u64) as usize)),
        44..54 => Action::WalkIn,
        54..68 => Action::Print(id),
        68..72 => Action::Import,
        _ => return cash_action(rng, roll, &drawer()?),
    };
    Ok(action)
}

/// A cash action for `roll` (72 to 99) on `drawer`.
fn cash_action(rng: &mut Rng, roll: u64, drawer: &Drawer) -> anyhow::Result<Action> {
    if !drawer.open {
        return Ok(Action::OpenShift);
    }
    let mut pick = |sales: Vec<&String>| {
        (!sales.is_empty()).then(|| sales[rng.below(sales.len() as u64) as usize].clone())
    };
    let cash = drawer.cash;
    let any: Vec<&String> = drawer.sales.iter().map(|(r, _)| r).collect();
    let this_shift: Vec<&String> = drawer.sales.iter().filter(|(_, mine)| *mine).map(|(r, _)| r).collect();
    let action = match roll {
        80..83 => Some(Action::PayIn),
        83..86 if cash >= crash::PAY_OUT => Some(Action::PayOut),
        86..89 if cash >= crash::DEPOSIT => Some(Action::Deposit),
        89..91 if cash >= crash::SALE => pick(any).map(Action::Refund),
        91..93 if cash >= crash::PART => pick(any).map(Action::RefundPart),
        93..96 if cash >= crash::SALE => pick(this_shift).map(Action::Void),
        96 => Some(Action::Close(cash)),
        97 if cash >= crash::OFF => Some(Action::CloseApproved(cash - crash::OFF)),
        97 => Some(Action::CloseApproved(cash + crash::OFF)),
        // 72..80 and 98..100, and whatever the drawer cannot do now.
        _ => None,
    };
    Ok(action.unwrap_or(Action::Sale))
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let parts = Parts {
        clock: Arc::new(SystemClock),
        random: Arc::new(lanyard_api::OsRandom::default()),
        printer: Arc::new(RecordingQueue::new()),
    };
    let desk = lanyard_tests::open_engine(&args.db, &args.config, "Crash desk", Some(crash::OPERATOR), parts)
        .context("open the desk")?;
    let attendees = desk.stats().context("read the stats")?.expected.max(1) as u64;
    // The event file read beside the desk, for the drawer's state only.
    let store = lanyard_tests::store(&args.db);
    let drawer_id = desk.session.desk_id().as_str().to_owned();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready")?;
    out.flush()?;
    let mut rng = Rng::new(args.seed);
    let mut next: Option<Action> = None;
    let mut checked_in = Vec::new();
    for n in args.first.. {
        let action = match next.take() {
            Some(action) => action,
            None => choose(&mut rng, attendees, &mut checked_in, || {
                crash::drawer(&store, &drawer_id).context("read the drawer")
            })?,
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
                checked_in.extend(done.checked_in);
            }
            Err(e) if crash::is_refusal(&e) => {
                writeln!(out, "nak {key} {action} {:?}", e.code)?;
                // A refusal leads to its remedy, so the mix keeps all kinds.
                next = match (&action, e.code) {
                    (&Action::CheckIn(id), lanyard_api::ErrorCode::AlreadyCheckedIn) => {
                        Some(Action::Undo(id))
                    }
                    (&Action::Print(id), lanyard_api::ErrorCode::AlreadyPrinted) => Some(Action::Reprint(id)),
                    _ => None,
                };
            }
            Err(e) => {
                writeln!(std::io::stderr(), "request {n} ({action}) failed: {:?}: {}", e.code, e.message)?;
                std::process::exit(3);
            }
        }
        out.flush()?;
    }
    Ok(())
}
