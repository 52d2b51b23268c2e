//! The crash harness's driver: kills a desk process N times with SIGKILL
//! and checks after every kill that nothing the desk acknowledged was lost.
//!
//! `crash_driver N [--seed S] [--attendees A] [--worker PATH] [--dir DIR]
//! [--keep]` creates a demo event (A attendees, 2,000 by default), the
//! crash lead, a ticket price and an open drawer in a temporary folder (inside DIR if given; kept with
//! `--keep`), then N times: starts `crash_worker` on that file,
//! reads its `try`/`ack`/`nak` lines, kills it after a random delay (from a
//! seeded generator; the seed is printed first: it repeats the delays and
//! the actions, though where a kill lands still depends on timing),
//! and checks the file as the next desk would find it:
//!
//! - `PRAGMA integrity_check` says `ok`;
//! - every acknowledged key is remembered in the idempotency table exactly
//!   once, and no key is remembered that was neither acknowledged nor in
//!   flight at the kill (the action in flight is committed whole, key and
//!   change, or not at all);
//! - replaying this run's acknowledged requests (and a sample of older ones)
//!   through the api returns the first result, marked as replayed where the
//!   result carries the flag, and commits nothing (`PRAGMA data_version`);
//! - the attendees checked in are exactly those the acknowledged actions
//!   leave checked in, and the audit log holds one entry per acknowledged
//!   action and none for an action that was not committed;
//! - the cash ledger's chain verifies and holds exactly the entries the
//!   acknowledged cash actions booked, by kind (floats, sales, refunds,
//!   voids, pay-ins, pay-outs, deposits, counts, differences, roundings)
//!   and, for sales and their reversals, by payment method (cash, card,
//!   voucher, comp);
//!   every acknowledged refund or void reversed its sale, and no sale is
//!   reversed twice or without an acknowledgement; the shifts closed are
//!   exactly those acknowledged as closed, and the open shift is the one
//!   the last acknowledged open started; the cash days closed are exactly
//!   those acknowledged as closed; what the attendees owe in all is what
//!   the event started with, plus each acknowledged owing walk-in's
//!   25.00, less each acknowledged settlement's;
//! - the desk opens (`Engine::open`) and search finds people.
//!
//! `--power-cut SHIM` preloads `tests/support/powercut.c` (built as a
//! shared library) into the worker: after every kill each file is rebuilt
//! from its content at its last completed fsync plus some of the writes
//! made since (none, a prefix ending in a torn write, a random subset, or
//! all), and `--fsync-kill-permille P` (50 by default) of the fsyncs kill
//! the worker between its writes and their fsync. `--lying-disk` makes
//! fsync a no-op: the control, which must fail with `LOST`.
//!
//! `--lying-worker K` makes the worker acknowledge every Kth request
//! without making it: the driver must then fail with `LOST`.
//!
//! The first failure prints the kill number, the seed and the problem,
//! keeps the folder for inspection and exits with status 1. At the end a
//! summary is printed: kills, acknowledged actions checked, lost (0),
//! integrity failures (0), time.
#![allow(clippy::print_stdout, reason = "a command-line harness prints its findings")]

use anyhow::{Context, bail};
use lanyard_api::{Parts, RecordingQueue, SystemClock};
use lanyard_core::cash::EntryKind;
use lanyard_tests::crash::{self, Action, Done, DrawerChange, Rng};
use lanyard_tests::{Desk, open_engine};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::BufRead;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The actions whose audit entries the harness counts, by audit name.
const AUDITED: [&str; 11] = [
    "check_in",
    "undo_check_in",
    "register_walk_in",
    "print_badge",
    "import",
    "cash_sale",
    "cash_movement",
    "cash_refund",
    "close_cash_shift",
    "open_cash_shift",
    "close_cash_day",
];

/// How many older acknowledged requests are replayed after each kill.
const OLD_REPLAYS: usize = 10;

struct Args {
    kills: u64,
    seed: u64,
    attendees: usize,
    worker: PathBuf,
    dir: Option<PathBuf>,
    keep: bool,
    lie_every: Option<u64>,
    power_cut: Option<PathBuf>,
    fsync_kill_permille: u64,
    lying_disk: bool,
}

fn args() -> anyhow::Result<Args> {
    let mut args = std::env::args().skip(1);
    let mut kills = None;
    let mut seed = None;
    let mut attendees = 2_000;
    let mut worker = None;
    let mut dir = None;
    let mut keep = false;
    let mut lie_every = None;
    let mut power_cut = None;
    let mut fsync_kill_permille = 50;
    let mut lying_disk = false;
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--seed" => seed = Some(value()?.parse().context("--seed")?),
            "--attendees" => attendees = value()?.parse().context("--attendees")?,
            "--worker" => worker = Some(PathBuf::from(value()?)),
            "--keep" => keep = true,
            "--power-cut" => power_cut = Some(PathBuf::from(value()?)),
            "--fsync-kill-permille" => {
                fsync_kill_permille = value()?.parse().context("--fsync-kill-permille")?
            }
            "--lying-disk" => lying_disk = true,
            "--lying-worker" => lie_every = Some(value()?.parse::<u64>().context("--lying-worker")?),
            "--dir" => dir = Some(PathBuf::from(value()?)),
            n if kills.is_none() => kills = Some(n.parse().with_context(|| format!("kills: {n:?}"))?),
            other => bail!("unexpected argument {other:?}"),
        }
    }
    let worker = match worker {
        Some(path) => path,
        None => std::env::current_exe()?.with_file_name("crash_worker"),
    };
    let seed = seed.unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        now.as_nanos() as u64 ^ u64::from(std::process::id())
    });
    Ok(Args {
        kills: kills.unwrap_or(30),
        seed,
        attendees,
        worker,
        dir,
        keep,
        lie_every,
        power_cut,
        fsync_kill_permille,
        lying_disk,
    })
}

fn parts() -> Parts {
    Parts {
        clock: Arc::new(SystemClock),
        random: Arc::new(lanyard_api::OsRandom::default()),
        printer: Arc::new(RecordingQueue::new()),
    }
}

/// A worker's line, as the driver reads it.
#[derive(Debug)]
enum Line {
    Ready,
    Try(u64, Action),
    Ack(u64, Action, String),
    Nak(u64),
}

fn parse_line(text: &str) -> anyhow::Result<Line> {
    let mut words = text.split(' ');
    let kind = words.next().unwrap_or_default();
    if kind == "ready" {
        return Ok(Line::Ready);
    }
    let key = words.next().context("a key")?;
    let n = crash::counter(key).with_context(|| format!("not a harness key: {key:?}"))?;
    let action: Action = words.next().context("an action")?.parse().map_err(anyhow::Error::msg)?;
    Ok(match kind {
        "try" => Line::Try(n, action),
        "ack" => Line::Ack(n, action, words.next().context("a summary")?.to_owned()),
        "nak" => Line::Nak(n),
        _ => bail!("unknown line {text:?}"),
    })
}

/// What the acknowledged actions say the file must hold.
#[derive(Debug, Default)]
struct Model {
    checked_in: BTreeSet<i64>,
    audit: BTreeMap<String, usize>,
    prints: i64,
    /// Every acknowledged (or committed in-flight) request: counter, action, summary.
    acked: Vec<(u64, Action, String)>,
    keys: HashSet<String>,
    walk_ins: usize,
    /// What the attendees owe in all, in minor units.
    owed: i64,
    /// The cash box: the ledger's entries by kind, reversed receipts,
    /// closed and open shifts, closed days.
    cash: Cash,
}

/// The cash box as the harness compares it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Cash {
    /// Entries of every drawer, by kind (and payment method: `sale/card`).
    entries: BTreeMap<String, i64>,
    /// Receipts of the sales refunded or voided.
    reversed: BTreeSet<String>,
    /// The shifts closed.
    closed: BTreeSet<String>,
    /// The shift open on the drawer.
    open: Option<String>,
    /// The business days closed.
    days: BTreeSet<String>,
}

impl Model {
    fn take(&mut self, n: u64, action: &Action, done: &Done) {
        let audit = match action {
            Action::CheckIn(id) => {
                self.checked_in.insert(*id);
                "check_in"
            }
            Action::Undo(id) => {
                self.checked_in.remove(id);
                "undo_check_in"
            }
            Action::WalkIn | Action::WalkInOwing => {
                self.checked_in.extend(done.checked_in);
                self.walk_ins += 1;
                "register_walk_in"
            }
            Action::Print(_) | Action::Reprint(_) => {
                self.prints += 1;
                "print_badge"
            }
            Action::Import => "import",
            Action::Sale(_) | Action::Settle(..) => {
                self.checked_in.extend(done.checked_in);
                "cash_sale"
            }
            Action::CloseDay(_) => "close_cash_day",
            Action::PayIn | Action::PayOut | Action::Deposit => "cash_movement",
            Action::Refund(_) | Action::RefundPart(_) | Action::Void(_) => "cash_refund",
            Action::Close(_) | Action::CloseApproved(_) => "close_cash_shift",
            Action::OpenShift => "open_cash_shift",
        };
        for kind in &done.booked {
            *self.cash.entries.entry(kind.clone()).or_default() += 1;
        }
        match &done.drawer {
            Some(DrawerChange::Reversed(receipt)) => {
                self.cash.reversed.insert(receipt.clone());
            }
            Some(DrawerChange::Closed(shift)) => {
                self.cash.closed.insert(shift.clone());
                self.cash.open = None;
            }
            Some(DrawerChange::Opened(shift)) => self.cash.open = Some(shift.clone()),
            None => {}
        }
        self.cash.days.extend(done.closed_day.clone());
        self.owed += done.owed;
        *self.audit.entry(audit.into()).or_default() += 1;
        self.acked.push((n, action.clone(), done.summary.clone()));
        self.keys.insert(crash::key(n));
    }
}

/// What the file holds, read through the store as the desk reads it.
#[derive(Debug, PartialEq, Eq)]
struct Observed {
    checked_in: BTreeSet<i64>,
    audit: BTreeMap<String, usize>,
    prints: i64,
    owed: i64,
    cash: Cash,
    /// What can never be: a sale reversed twice, a second open shift,
    /// entries of a shift that is not there.
    problems: Vec<String>,
}

fn observe(db: &Path) -> anyhow::Result<Observed> {
    let store = lanyard_tests::store(db);
    let mut observed = store.read(|tx| {
        let checked_in = tx.all_active_check_ins()?.iter().map(|c| c.attendee_id.0).collect();
        let mut audit = BTreeMap::new();
        for record in tx.audit_log()? {
            if AUDITED.contains(&record.action.as_str()) {
                *audit.entry(record.action).or_default() += 1;
            }
        }
        let prints = tx.printed_counts()?.values().sum();
        let mut cash = Cash::default();
        let mut problems = Vec::new();
        let mut shifts = BTreeSet::new();
        for drawer in tx.cash_drawers()? {
            for entry in tx.cash_entries_of_drawer(&drawer)? {
                let key = crash::entry_key(entry.kind.as_str(), entry.method.map(|m| m.as_str()));
                *cash.entries.entry(key).or_default() += 1;
                if matches!(entry.kind, EntryKind::Refund | EntryKind::Void) {
                    let receipt = entry.reference.clone().unwrap_or_default();
                    if !cash.reversed.insert(receipt.clone()) {
                        problems.push(format!("the sale {receipt} is reversed twice"));
                    }
                }
                shifts.insert(entry.shift);
            }
        }
        for uid in shifts {
            match tx.cash_shift(&uid)? {
                Some(shift) if shift.closed_at.is_some() => {
                    cash.closed.insert(uid);
                }
                Some(_) => {}
                None => problems.push(format!("entries of a shift {uid} that is not there")),
            }
        }
        let open = tx.open_cash_shifts()?;
        if open.len() > 1 {
            problems.push(format!("{} shifts open at once", open.len()));
        }
        cash.open = open.into_iter().next().map(|s| s.uid);
        Ok::<_, lanyard_store::StoreError>(Observed { checked_in, audit, prints, owed: 0, cash, problems })
    })?;
    let conn = rusqlite::Connection::open(db)?;
    observed.owed =
        conn.query_row("SELECT coalesce(sum(amount_due_cents), 0) FROM attendee", [], |r| r.get(0))?;
    let mut stmt = conn.prepare("SELECT day FROM cash_day")?;
    observed.cash.days = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, rusqlite::Error>>()?;
    Ok(observed)
}

/// Reads the worker's standard output on a thread of its own.
fn read_lines(child: &mut Child) -> anyhow::Result<(Receiver<String>, std::thread::JoinHandle<()>)> {
    let stdout = child.stdout.take().context("the worker's output")?;
    let (send, receive) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut stdout = std::io::BufReader::new(stdout);
        let mut line = String::new();
        // A line cut short by the kill has no newline: it was never acknowledged.
        while stdout.read_line(&mut line).is_ok_and(|n| n > 0) && line.ends_with('\n') {
            if send.send(line.trim_end().to_owned()).is_err() {
                return;
            }
            line.clear();
        }
    });
    Ok((receive, reader))
}

/// The counts a run adds up to.
#[derive(Debug, Default)]
struct Tally {
    acks: usize,
    /// Acknowledged actions by their name.
    by_kind: BTreeMap<&'static str, usize>,
    replays: usize,
    /// Attendees whose amount owed was settled, and what they owed.
    settled: usize,
    settled_minor: i64,
    in_flight_committed: usize,
    in_flight_not_committed: usize,
    early_kills: usize,
    fsync_kills: usize,
    cut_none: usize,
    cut_prefix: usize,
    torn: usize,
    cut_subset: usize,
    cut_all: usize,
}

struct Harness {
    db: PathBuf,
    config: PathBuf,
    worker: PathBuf,
    model: Model,
    tally: Tally,
    rng: Rng,
    stderr: PathBuf,
    lie_every: Option<u64>,
    power: Option<PowerCut>,
}

/// The power-cut mode: the shim preloaded into the worker, and the folder
/// holding each file's content as of its last fsync.
struct PowerCut {
    shim: PathBuf,
    shadow: PathBuf,
    kill_permille: u64,
    lying_disk: bool,
}

/// The companions of an event file that hold its data (the `-shm` index is
/// rebuilt from them and is never synced).
const DURABLE: [&str; 2] = ["", "-wal"];

fn companion(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

impl PowerCut {
    fn shadow_of(&self, file: &Path, suffix: &str) -> PathBuf {
        let mut name = file.file_name().unwrap_or_default().to_owned();
        name.push(suffix);
        self.shadow.join(name)
    }

    /// Takes the files as they are (the checks closed them cleanly) as
    /// what the disk holds, with no writes pending.
    fn settle(&self, db: &Path) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.shadow)?;
        for entry in std::fs::read_dir(&self.shadow)?.flatten() {
            if entry.path().extension().is_some_and(|e| e == "log") {
                std::fs::remove_file(entry.path())?;
            }
        }
        for suffix in DURABLE {
            let file = companion(db, suffix);
            let shadow = self.shadow_of(&file, "");
            if file.exists() {
                std::fs::copy(&file, &shadow)?;
            } else if shadow.exists() {
                std::fs::remove_file(&shadow)?;
            }
        }
        Ok(())
    }

    /// The power cut: each file is rebuilt from its content at its last
    /// completed fsync plus some of the writes made since (none, a prefix
    /// ending in a torn write, a random subset, or all, chosen by `rng`);
    /// the `-shm` is gone.
    fn cut(&self, db: &Path, rng: &mut Rng, tally: &mut Tally) -> anyhow::Result<()> {
        for suffix in DURABLE {
            let file = companion(db, suffix);
            let shadow = self.shadow_of(&file, "");
            let synced = shadow.exists().then(|| std::fs::read(&shadow)).transpose()?;
            let log = self.shadow_of(&file, ".log");
            let writes = if log.exists() { parse_log(&std::fs::read(&log)?)? } else { Vec::new() };
            // The lying disk's cut keeps nothing it was not made to sync.
            let kept = if self.lying_disk { Vec::new() } else { keep_some(&writes, rng, tally) };
            if synced.is_none() && kept.is_empty() {
                if file.exists() {
                    std::fs::remove_file(&file)?;
                }
                continue;
            }
            let mut bytes = synced.unwrap_or_default();
            for write in kept {
                match write {
                    Write::Data(offset, data) => {
                        let end = offset + data.len();
                        if bytes.len() < end {
                            bytes.resize(end, 0);
                        }
                        bytes[offset..end].copy_from_slice(&data);
                    }
                    Write::Truncate(length) => bytes.resize(length, 0),
                }
            }
            std::fs::write(&file, bytes)?;
        }
        let shm = companion(db, "-shm");
        if shm.exists() {
            std::fs::remove_file(shm)?;
        }
        Ok(())
    }
}

/// A write the shim logged and no fsync has covered yet.
#[derive(Debug, Clone)]
enum Write {
    Data(usize, Vec<u8>),
    Truncate(usize),
}

/// Reads the shim's log: records of { i64 offset, i64 length, bytes },
/// length -1 meaning "truncated to offset". A record cut short (the kill
/// landed while the shim was logging a write that had just completed) is
/// left out: that write is one the disk did not keep.
fn parse_log(mut log: &[u8]) -> anyhow::Result<Vec<Write>> {
    let mut writes = Vec::new();
    while log.len() >= 16 {
        let offset = i64::from_ne_bytes(log[..8].try_into()?);
        let length = i64::from_ne_bytes(log[8..16].try_into()?);
        let offset = usize::try_from(offset)?;
        if length < 0 {
            writes.push(Write::Truncate(offset));
            log = &log[16..];
            continue;
        }
        let end = 16 + usize::try_from(length)?;
        let Some(data) = log.get(16..end) else { break };
        writes.push(Write::Data(offset, data.to_vec()));
        log = &log[end..];
    }
    Ok(writes)
}

/// Which of the unsynced writes the "disk" kept.
fn keep_some(writes: &[Write], rng: &mut Rng, tally: &mut Tally) -> Vec<Write> {
    if writes.is_empty() {
        return Vec::new();
    }
    match rng.below(4) {
        0 => {
            tally.cut_none += 1;
            Vec::new()
        }
        1 => {
            // A prefix, and the next write torn at a sector boundary.
            tally.cut_prefix += 1;
            let n = rng.below(writes.len() as u64 + 1) as usize;
            let mut kept = writes[..n].to_vec();
            if let Some(Write::Data(offset, data)) = writes.get(n) {
                let sectors = data.len() / 512;
                let torn = rng.below(sectors as u64 + 1) as usize * 512;
                if torn > 0 && torn < data.len() {
                    tally.torn += 1;
                }
                kept.push(Write::Data(*offset, data[..torn.min(data.len())].to_vec()));
            }
            kept
        }
        2 => {
            tally.cut_subset += 1;
            writes.iter().filter(|_| rng.below(2) == 0).cloned().collect()
        }
        _ => {
            tally.cut_all += 1;
            writes.to_vec()
        }
    }
}

impl Harness {
    /// One start of the worker, one kill, one check.
    fn round(&mut self, kill: u64) -> anyhow::Result<()> {
        let first = kill * 1_000_000;
        let stderr = std::fs::File::create(&self.stderr)?;
        let mut command = Command::new(&self.worker);
        if let Some(power) = &self.power {
            power.settle(&self.db)?;
            command
                .env("LD_PRELOAD", &power.shim)
                .env("LANYARD_POWERCUT_PREFIX", &self.db)
                .env("LANYARD_POWERCUT_SHADOW", &power.shadow)
                .env("LANYARD_POWERCUT_KILL_PERMILLE", power.kill_permille.to_string())
                .env("LANYARD_POWERCUT_SEED", self.rng.next_u64().to_string())
                .env("LANYARD_POWERCUT_LIE", if power.lying_disk { "1" } else { "0" });
        }
        let mut child = command
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(&self.config)
            .args(["--seed", &self.rng.next_u64().to_string(), "--first", &first.to_string()])
            .args(self.lie_every.iter().flat_map(|k| ["--lie-every".to_owned(), k.to_string()]))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .with_context(|| format!("start {}", self.worker.display()))?;
        let (lines, reader) = read_lines(&mut child)?;
        let mut early = Vec::new();
        // One kill in eight lands while the desk is still opening the file.
        if self.rng.below(8) == 0 {
            self.tally.early_kills += 1;
            std::thread::sleep(Duration::from_millis(self.rng.below(150)));
        } else {
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                match lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(line) if line == "ready" => break,
                    Ok(line) => early.push(line),
                    Err(RecvTimeoutError::Timeout) => bail!("the worker did not open the desk within 60 s"),
                    // In the power-cut mode the worker may die at an fsync while opening.
                    Err(RecvTimeoutError::Disconnected) if self.power.is_some() => break,
                    Err(RecvTimeoutError::Disconnected) => bail!("the worker ended before opening the desk"),
                }
            }
            std::thread::sleep(Duration::from_millis(self.rng.below(600)));
        }
        match child.try_wait()? {
            // The shim killed it between its writes and their fsync.
            Some(status) if self.power.is_some() && status.signal() == Some(9) => {
                self.tally.fsync_kills += 1;
            }
            Some(status) => {
                bail!("the worker ended by itself ({status}): {}", std::fs::read_to_string(&self.stderr)?)
            }
            None => {
                child.kill().context("SIGKILL the worker")?;
                child.wait()?;
            }
        }
        drop(reader.join());
        if let Some(power) = &self.power {
            power.cut(&self.db, &mut self.rng, &mut self.tally)?;
        }
        early.extend(lines.try_iter());
        let lines = early.iter().map(|l| parse_line(l)).collect::<anyhow::Result<Vec<_>>>()?;
        self.check(&lines)
    }

    /// The checks after a kill, in the order the next desk would meet them.
    fn check(&mut self, lines: &[Line]) -> anyhow::Result<()> {
        let (verdict, remembered, dup) = {
            let conn = rusqlite::Connection::open(&self.db)?;
            let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            let mut stmt = conn.prepare("SELECT key FROM idempotency WHERE key LIKE 'crash-%'")?;
            let keys: HashSet<String> =
                stmt.query_map([], |r| r.get(0))?.collect::<Result<_, rusqlite::Error>>()?;
            let dup: i64 = conn.query_row(
                "SELECT count(*) FROM (SELECT key FROM idempotency GROUP BY key HAVING count(*) > 1)",
                [],
                |r| r.get(0),
            )?;
            (verdict, keys, dup)
        };
        if verdict != "ok" {
            bail!("integrity failure: PRAGMA integrity_check says {verdict:?}");
        }
        if dup > 0 {
            bail!("{dup} idempotency keys are remembered more than once");
        }
        // This run's acknowledgements and refusals, and the request in flight at the kill.
        let mut acks = Vec::new();
        let mut answered = HashSet::new();
        let mut in_flight = None;
        for line in lines {
            match line {
                Line::Ack(n, action, summary) => {
                    answered.insert(*n);
                    acks.push((*n, action.clone(), summary.clone()));
                }
                Line::Nak(n) => {
                    answered.insert(*n);
                    if remembered.contains(&crash::key(*n)) {
                        bail!("the refused request {} is remembered as done", crash::key(*n));
                    }
                }
                Line::Try(n, action) => in_flight = Some((*n, action.clone())),
                Line::Ready => {}
            }
        }
        let in_flight = in_flight.filter(|(n, _)| !answered.contains(n));
        let mut lost: Vec<String> = self.model.keys.difference(&remembered).cloned().collect();
        lost.extend(acks.iter().map(|(n, _, _)| crash::key(*n)).filter(|k| !remembered.contains(k)));
        if !lost.is_empty() {
            bail!("LOST: {} acknowledged actions are not remembered: {lost:?}", lost.len());
        }

        let desk = open_engine(&self.db, &self.config, "Crash desk", Some(crash::OPERATOR), parts())
            .map_err(|e| anyhow::anyhow!("the desk does not open: {e:?}"))?;
        let conn = rusqlite::Connection::open(&self.db)?;
        let version = |conn: &rusqlite::Connection| -> rusqlite::Result<i64> {
            conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        };
        let before = version(&conn)?;
        for (n, action, summary) in acks {
            let done = replay(&desk, n, &action)?;
            if done.summary != summary {
                bail!(
                    "replaying {} ({action}) returned {} instead of {summary}",
                    crash::key(n),
                    done.summary
                );
            }
            self.model.take(n, &action, &done);
            if matches!(action, Action::Settle(..)) {
                self.tally.settled += 1;
                self.tally.settled_minor -= done.owed;
            }
            self.tally.acks += 1;
            *self.tally.by_kind.entry(action.name()).or_default() += 1;
            self.tally.replays += 1;
        }
        if let Some((n, action)) = in_flight {
            if remembered.contains(&crash::key(n)) {
                // Committed before the kill, never acknowledged: it must be whole.
                let done = replay(&desk, n, &action)?;
                self.model.take(n, &action, &done);
                self.tally.in_flight_committed += 1;
            } else {
                self.tally.in_flight_not_committed += 1;
            }
        }
        for _ in 0..OLD_REPLAYS.min(self.model.acked.len()) {
            let pick = self.rng.below(self.model.acked.len() as u64) as usize;
            let (n, action, summary) = self.model.acked[pick].clone();
            let done = replay(&desk, n, &action)?;
            if done.summary != summary {
                bail!(
                    "replaying old {} ({action}) returned {} instead of {summary}",
                    crash::key(n),
                    done.summary
                );
            }
            self.tally.replays += 1;
        }
        if version(&conn)? != before {
            bail!("replaying acknowledged requests committed something (data_version moved)");
        }

        let stray: Vec<&String> = remembered.difference(&self.model.keys).collect();
        if !stray.is_empty() {
            bail!("keys remembered that were neither acknowledged nor in flight: {stray:?}");
        }
        let observed = observe(&self.db)?;
        if observed.checked_in != self.model.checked_in {
            let missing: Vec<_> = self.model.checked_in.difference(&observed.checked_in).collect();
            let extra: Vec<_> = observed.checked_in.difference(&self.model.checked_in).collect();
            bail!(
                "check-ins differ: acknowledged but absent {missing:?}, present but never acknowledged {extra:?}"
            );
        }
        if observed.audit != self.model.audit {
            bail!("audit entries {:?}, acknowledged actions {:?}", observed.audit, self.model.audit);
        }
        if observed.owed != self.model.owed {
            bail!(
                "the attendees owe {} in all, the acknowledged walk-ins and settlements leave {}",
                observed.owed,
                self.model.owed
            );
        }
        if observed.prints != self.model.prints {
            bail!("{} badges recorded as printed, {} acknowledged", observed.prints, self.model.prints);
        }
        let ledger = desk.engine.verify_ledger(&desk.session).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        if !ledger.problems.is_empty() {
            bail!("the cash ledger does not verify: {:?}", ledger.problems);
        }
        let entries: i64 = ledger.drawers.iter().map(|d| d.entries).sum();
        let booked: i64 = self.model.cash.entries.values().sum();
        if entries != booked {
            bail!("{entries} cash entries in the ledger, {booked} booked by the acknowledged actions");
        }
        if !observed.problems.is_empty() {
            bail!("the cash box is inconsistent: {:?}", observed.problems);
        }
        let (seen, acked) = (&observed.cash, &self.model.cash);
        if seen.entries != acked.entries {
            bail!(
                "cash entries by kind {:?}, booked by the acknowledged actions {:?}",
                seen.entries,
                acked.entries
            );
        }
        if seen.reversed != acked.reversed {
            let missing: Vec<_> = acked.reversed.difference(&seen.reversed).collect();
            let extra: Vec<_> = seen.reversed.difference(&acked.reversed).collect();
            bail!(
                "refunds and voids differ: acknowledged but absent {missing:?}, present but never acknowledged {extra:?}"
            );
        }
        if seen.closed != acked.closed {
            let missing: Vec<_> = acked.closed.difference(&seen.closed).collect();
            let extra: Vec<_> = seen.closed.difference(&acked.closed).collect();
            bail!(
                "closed shifts differ: acknowledged but open {missing:?}, closed but never acknowledged {extra:?}"
            );
        }
        if seen.days != acked.days {
            bail!("the closed cash days are {:?}, the acknowledged closes {:?}", seen.days, acked.days);
        }
        if seen.open != acked.open {
            bail!("the open shift is {:?}, the acknowledged actions left {:?} open", seen.open, acked.open);
        }
        if desk.search("a").map_err(|e| anyhow::anyhow!("{e:?}"))?.is_empty() {
            bail!("the reopened desk's search finds nobody");
        }
        if self.model.walk_ins > 0
            && desk.search("crash walkin").map_err(|e| anyhow::anyhow!("{e:?}"))?.is_empty()
        {
            bail!("the reopened desk's search finds none of the walk-ins");
        }
        Ok(())
    }
}

/// Replays a request that must have been committed: the first result,
/// marked as a replay where the result carries the flag.
fn replay(desk: &Desk, n: u64, action: &Action) -> anyhow::Result<Done> {
    let done = crash::perform(desk, n, action)
        .map_err(|e| anyhow::anyhow!("replaying {} ({action}) failed: {e:?}", crash::key(n)))?;
    if done.replayed == Some(false) {
        bail!("replaying {} ({action}) ran it again instead of returning the first result", crash::key(n));
    }
    Ok(done)
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let started = Instant::now();
    println!("crash test: {} kills, seed {}, {} attendees", args.kills, args.seed, args.attendees);
    if let Some(shim) = &args.power_cut {
        println!(
            "power cuts: after every kill only what was fsynced is sure to be kept ({}); {} in 1000 fsyncs killed before syncing{}",
            shim.display(),
            args.fsync_kill_permille,
            if args.lying_disk { ", and a disk that ignores fsync (the control)" } else { "" }
        );
    }
    let dir = match &args.dir {
        Some(path) => {
            std::fs::create_dir_all(path)?;
            tempfile::Builder::new().prefix("lanyard-crash-").tempdir_in(path)?
        }
        None => tempfile::Builder::new().prefix("lanyard-crash-").tempdir()?,
    };
    let db = dir.path().join("event.db");
    let config = dir.path().join("desk.toml");
    {
        let desk = open_engine(&db, &config, "Crash desk", Some(crash::OPERATOR), parts())
            .map_err(|e| anyhow::anyhow!("create the event: {e:?}"))?;
        desk.create_demo(args.seed, args.attendees).map_err(|e| anyhow::anyhow!("demo: {e:?}"))?;
        desk.add_lead(None, crash::LEAD, crash::PIN, "setup-lead")
            .map_err(|e| anyhow::anyhow!("lead: {e:?}"))?;
        let lead = lanyard_api::dto::LeadAuth::pin(crash::LEAD, crash::PIN);
        let (ticket, price) = crash::TICKET;
        desk.engine
            .set_price(&desk.session, Some(&lead), ticket, price, false, "setup-price")
            .map_err(|e| anyhow::anyhow!("price: {e:?}"))?;
        let float = lanyard_api::dto::cash::OpenDrawerRequest {
            count: crash::FLOAT.into(),
            idempotency_key: "setup-drawer".into(),
        };
        desk.engine.open_cash_shift(&desk.session, &float).map_err(|e| anyhow::anyhow!("drawer: {e:?}"))?;
    }
    let start = observe(&db)?;
    let mut harness = Harness {
        db,
        config,
        worker: args.worker.clone(),
        model: Model {
            checked_in: start.checked_in,
            audit: start.audit,
            prints: start.prints,
            owed: start.owed,
            cash: start.cash,
            ..Model::default()
        },
        tally: Tally::default(),
        rng: Rng::new(args.seed),
        stderr: dir.path().join("worker.stderr"),
        lie_every: args.lie_every,
        power: args.power_cut.as_ref().map(|shim| PowerCut {
            shim: shim.clone(),
            shadow: dir.path().join("synced"),
            kill_permille: args.fsync_kill_permille,
            lying_disk: args.lying_disk,
        }),
    };
    for kill in 1..=args.kills {
        if let Err(problem) = harness.round(kill) {
            let kept = dir.keep();
            println!("FAILED at kill {kill} of {} (seed {}): {problem:#}", args.kills, args.seed);
            println!("the event file and the worker's errors are kept in {}", kept.display());
            std::process::exit(1);
        }
        if kill % 100 == 0 {
            println!(
                "  {kill} kills, {} acknowledged actions checked, {:.0} s",
                harness.tally.acks,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let t = &harness.tally;
    println!(
        "kills: {} ({} while the desk was opening{})\nacknowledged actions checked: {} (replays: {})\n\
         by kind: {}\n\
         cash entries by kind and method: {}\n\
         settled: {} attendees, {}.{:02} EUR owed cleared; cash days closed: {}\n\
         in flight at the kill: {} committed whole, {} not committed at all\n\
         lost: 0\nintegrity failures: 0\ntime: {:.1} s",
        args.kills,
        t.early_kills,
        if args.power_cut.is_some() { format!(", {} at an fsync", t.fsync_kills) } else { String::new() },
        t.acks,
        t.replays,
        t.by_kind.iter().map(|(kind, n)| format!("{kind} {n}")).collect::<Vec<_>>().join(", "),
        harness
            .model
            .cash
            .entries
            .iter()
            .map(|(kind, n)| format!("{kind} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        t.settled,
        t.settled_minor / 100,
        t.settled_minor % 100,
        harness.model.cash.days.len(),
        t.in_flight_committed,
        t.in_flight_not_committed,
        started.elapsed().as_secs_f64()
    );
    if args.power_cut.is_some() {
        println!(
            "unsynced writes at the cuts, per file: none kept {}, a prefix {} ({} ending in a torn write), a random subset {}, all kept {}",
            t.cut_none, t.cut_prefix, t.torn, t.cut_subset, t.cut_all
        );
    }
    if args.keep {
        println!("the event file is kept in {}", dir.keep().display());
    }
    Ok(())
}
