//! The crash harness's worker: a real desk process doing mixed writes until
//! it is killed.
//!
//! `crash_worker --db FILE --config FILE --seed S --first N` opens the event
//! file through `lanyard_api::Engine` (system clock, OS randomness, a
//! recording print queue instead of CUPS) and loops: check-ins, undos with
//! the lead's PIN, walk-ins, badge prints and reprints, cash sales and
//! pay-ins on the drawer the driver opened, small imports, each
//! with the idempotency key of its counter (`N`, `N+1`, ...). It writes
//! `try` before each call and `ack` only after the api returned `Ok` (then
//! flushes), `nak` after a refusal; any other error ends it with status 3.
//! `--lie-every K` acknowledges every Kth request without making it: the
//! control that shows the driver notices a lost action.
//! The driver (`crash_driver`) kills it with SIGKILL at a random moment;
//! see `tests/support/crash.rs` for the protocol.

use anyhow::{Context, bail};
use lanyard_api::{Parts, RecordingQueue, SystemClock};
use lanyard_tests::crash::{self, Action, Rng};
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
/// someone this run checked in, when there is one), cash sales, pay-ins
/// and imports.
fn choose(rng: &mut Rng, attendees: u64, checked_in: &mut Vec<i64>) -> Action {
    let id = 1 + i64::try_from(rng.below(attendees)).unwrap_or(0);
    match rng.below(100) {
        0..40 => Action::CheckIn(id),
        40..52 if checked_in.is_empty() => Action::Undo(id),
        40..52 => Action::Undo(checked_in.swap_remove(rng.below(checked_in.len() as u64) as usize)),
        52..64 => Action::WalkIn,
        64..80 => Action::Print(id),
        80..90 => Action::Sale,
        90..95 => Action::PayIn,
        _ => Action::Import,
    }
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
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready")?;
    out.flush()?;
    let mut rng = Rng::new(args.seed);
    let mut next: Option<Action> = None;
    let mut checked_in = Vec::new();
    for n in args.first.. {
        let action = next.take().unwrap_or_else(|| choose(&mut rng, attendees, &mut checked_in));
        let key = crash::key(n);
        writeln!(out, "try {key} {action}")?;
        out.flush()?;
        if args.lie_every.is_some_and(|k| n % k == 0) {
            // The harness's own control: an acknowledgement of nothing.
            writeln!(out, "ack {key} {action} never-done")?;
            out.flush()?;
            continue;
        }
        match crash::perform(&desk, n, action) {
            Ok(done) => {
                writeln!(out, "ack {key} {action} {}", done.summary)?;
                checked_in.extend(done.checked_in);
            }
            Err(e) if crash::is_refusal(&e) => {
                writeln!(out, "nak {key} {action} {:?}", e.code)?;
                // A refusal leads to its remedy, so the mix keeps all kinds.
                next = match (action, e.code) {
                    (Action::CheckIn(id), lanyard_api::ErrorCode::AlreadyCheckedIn) => Some(Action::Undo(id)),
                    (Action::Print(id), lanyard_api::ErrorCode::AlreadyPrinted) => Some(Action::Reprint(id)),
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
