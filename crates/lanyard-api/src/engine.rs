//! The [`Engine`]: one event, shared by every caller in a process.
//!
//! An engine owns the open store (one writer connection, a pool of
//! readers), the in-memory search index, the installation's own settings,
//! and the injected parts: the clock, the random source and the print
//! queue. It is `Send + Sync` and lives in an `Arc`; every caller (a desk
//! window, the command line, later a kiosk window or a sync worker) holds a
//! [`Session`] and passes it to each use case. Reads never wait for writes:
//! a search runs against the index and a read connection while an import,
//! a batch or a print is in progress.
//!
//! Every mutating use case goes through [`Engine::perform`], the one write
//! path: it checks the idempotency key (a replay returns the first result
//! without asking for a PIN again; a key reused for another request is
//! refused), checks a lead's PIN when the action needs one, runs the change
//! in one transaction that also appends a typed audit entry, numbers the
//! change in the change feed and records the key. After the commit the
//! engine follows the change feed ([`Engine::refresh`]), which also brings
//! in what other processes wrote to the same file.

use lanyard_core::printing::PrintQueue;
use lanyard_core::search::{FieldWeight, SearchIndex};
use lanyard_core::{
    Attendee, AttendeeId, AuditAction, BadgeCode, Clock, Currency, IdempotencyKey, RandomSource, Timestamp,
};
use lanyard_store::{AuditEntry, ChangeKind, ReadTx, Remembered, Store, WriteTx};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock, Weak};
use std::time::Duration;

use crate::dto::{ChangeNotice, LeadAuth};
use crate::error::Refusal;
use crate::install::Installation;
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, ErrorCode};

/// The parts an engine is given rather than reaching for: tests fix them.
#[derive(Debug, Clone)]
pub struct Parts {
    /// Where the time comes from.
    pub clock: Arc<dyn Clock>,
    /// Where badge codes, ids and salts come from.
    pub random: Arc<dyn RandomSource>,
    /// Where badges are sent.
    pub printer: Arc<dyn PrintQueue>,
}

impl Parts {
    /// The real ones: the system clock, the operating system's random
    /// source, and CUPS.
    pub fn system() -> Parts {
        Parts {
            clock: Arc::new(crate::SystemClock),
            random: Arc::new(crate::random::OsRandom::default()),
            printer: Arc::new(lanyard_cups::Cups::new()),
        }
    }
}

/// Where an engine finds its files.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// The event database.
    pub database: PathBuf,
    /// This installation's settings file (desk name, printer, ...).
    pub installation: PathBuf,
    /// A new name for this desk, if the host was given one.
    pub desk_name: Option<String>,
    /// Whether a missing database file may be created. The command line
    /// creates one only for `demo` and `new-event`, so a mistyped `--db`
    /// path is an error, not a new empty event.
    pub create: bool,
}

/// Called with each batch of changes the engine took in.
pub type Listener = Box<dyn Fn(&ChangeNotice) + Send + Sync>;

/// The shared event engine.
pub struct Engine {
    pub(crate) store: Store,
    pub(crate) index: RwLock<SearchIndex>,
    /// The last change applied to the index; its lock also makes refreshes
    /// run one at a time.
    feed: Mutex<i64>,
    pub(crate) parts: Parts,
    pub(crate) install: Mutex<Installation>,
    listeners: Mutex<Vec<Listener>>,
    /// Leads' grants given by this engine, by token.
    pub(crate) grants: Mutex<std::collections::HashMap<String, crate::privilege::Grant>>,
    /// A PIN lock this engine has seen: until when (wall clock), when it was
    /// seen (monotonic) and how long it had to run then, so that moving the
    /// clock forward cannot end it.
    pub(crate) lock_seen: Mutex<Option<(Timestamp, i64, i64)>>,
    /// Automatic backups, when the host turned them on.
    pub(crate) auto_backup: Mutex<crate::backup::AutoBackup>,
    /// This engine, for the threads it starts (set once it is in its `Arc`).
    pub(crate) me: std::sync::OnceLock<Weak<Engine>>,
    /// The last change covered by an index a committed write is still
    /// building: refreshes meanwhile leave such changes to it.
    pub(crate) index_coming: Mutex<Option<i64>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("database", &self.store.path()).finish_non_exhaustive()
    }
}

/// What a write did besides its result: the attendees it touched and the
/// kinds of data it changed, for the change feed.
#[derive(Debug, Default)]
pub(crate) struct Effects {
    attendees: Vec<AttendeeId>,
    all_attendees: bool,
    kinds: Vec<ChangeKind>,
    /// The search index the event has once the write is committed, being
    /// built by a thread the write started (a large import), with the last
    /// change it covers (known at the end of the transaction).
    index: Option<(IndexBuild, i64)>,
}

/// A thread building a search index.
pub(crate) type IndexBuild = std::thread::JoinHandle<Result<SearchIndex, ApiError>>;

impl Effects {
    /// The write touched this attendee (their details, check-in or badge).
    pub(crate) fn attendee(&mut self, id: AttendeeId) {
        self.attendees.push(id);
    }

    /// The write may have touched any attendee (an import, the demo).
    pub(crate) fn all_attendees(&mut self) {
        self.all_attendees = true;
    }

    /// The write started building the search index the event has once it
    /// commits, so the change feed need not build it again.
    pub(crate) fn index_building(&mut self, build: IndexBuild) {
        self.index = Some((build, 0));
    }

    /// The write changed something other than attendees.
    pub(crate) fn touched(&mut self, kind: ChangeKind) {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
    }
}

/// How a write ended: with its result, or committed but reported as a
/// failure (a print job CUPS refused is recorded, then reported). Either
/// way the audit entry is written; only a success is remembered under the key.
#[derive(Debug)]
pub(crate) enum Done<R> {
    Ok(R, AuditAction),
    Failed(ApiError, AuditAction),
}

/// What every mutating request carries: its action's name, its key, the
/// request itself (fingerprinted, PINs left out) and, for privileged
/// actions, the lead's name and PIN.
pub(crate) struct Op<'a, Req: Serialize> {
    pub action: &'static str,
    pub key: &'a str,
    pub request: &'a Req,
    pub lead: Option<(Privilege, Option<&'a LeadAuth>)>,
}

/// The time and the people a use case acts for.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub now: Timestamp,
    pub session: &'a Session,
    /// The lead who allowed a privileged action.
    pub lead: Option<lanyard_core::OperatorName>,
}

/// A result that can say it repeats an earlier one.
pub(crate) trait Outcome: Serialize + DeserializeOwned {
    /// The same result, marked as a replay where the type shows that.
    fn replayed(self) -> Self {
        self
    }
}

/// What a refresh takes in: everyone (a full rebuild from the light rows)
/// or some attendees, read whole.
enum Update {
    Everyone(Vec<lanyard_store::SearchRow>),
    Some(Vec<Attendee>),
}

/// Lists larger than this make the change feed rebuild the whole index.
pub(crate) const FULL_REBUILD_AFTER: usize = 2_000;

impl Engine {
    /// Opens the event database and the installation's settings (creating
    /// either when missing) and builds the search index.
    pub fn open(options: &EngineOptions, parts: Parts) -> Result<Arc<Engine>, ApiError> {
        if !options.create && !options.database.exists() {
            return Err(ApiError::new(
                ErrorCode::NoDatabase,
                format!(
                    "there is no event database at {}: nothing was created; check the path, or create one with `lanyard new-event` or `lanyard demo`",
                    options.database.display()
                ),
            ));
        }
        let store = Store::open(&options.database, parts.random.clone()).map_err(|e| {
            let mut error = ApiError::from(e);
            // A damaged file points to the way back: its latest backup.
            if error.code == ErrorCode::DatabaseDamaged {
                let hint = match crate::backup::latest_backup(&options.database) {
                    Some(latest) => format!(
                        "; the latest backup is {}: restore it with `lanyard restore {}`",
                        latest.display(),
                        latest.display()
                    ),
                    None => format!(
                        "; no backup was found in {}",
                        crate::backup::default_backup_folder(&options.database).display()
                    ),
                };
                error.message.push_str(&hint);
            }
            error
        })?;
        let install = Installation::load_or_create(&options.installation, &store, parts.random.as_ref())?;
        let engine = Engine {
            store,
            index: RwLock::new(SearchIndex::new()),
            feed: Mutex::new(0),
            parts,
            install: Mutex::new(install),
            listeners: Mutex::new(Vec::new()),
            grants: Mutex::new(std::collections::HashMap::new()),
            lock_seen: Mutex::new(None),
            auto_backup: Mutex::new(crate::backup::AutoBackup::default()),
            me: std::sync::OnceLock::new(),
            index_coming: Mutex::new(None),
        };
        if let Some(name) = &options.desk_name {
            engine.rename_desk(name)?;
        }
        engine.rebuild_index()?;
        let engine = Arc::new(engine);
        let _ = engine.me.set(Arc::downgrade(&engine));
        Ok(engine)
    }

    /// The path of the event database.
    pub fn database_path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// Registers a listener for changes (the window turns them into events).
    pub fn on_change(&self, listener: Listener) {
        self.listeners.lock().unwrap_or_else(PoisonError::into_inner).push(listener);
    }

    /// Follows the change feed every `every` on a thread of its own, so
    /// that changes other processes make to the file reach this engine's
    /// index and listeners. The thread ends when the engine is dropped.
    pub fn follow_changes(engine: &Arc<Engine>, every: Duration) {
        let weak: Weak<Engine> = Arc::downgrade(engine);
        let spawned = std::thread::Builder::new().name("lanyard-change-feed".into()).spawn(move || {
            loop {
                std::thread::sleep(every);
                let Some(engine) = weak.upgrade() else { return };
                // A failed refresh (a locked or vanished file) is retried on the next tick.
                let _ = engine.refresh();
            }
        });
        // Without the thread, this engine still sees its own changes.
        drop(spawned);
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.parts.clock.now()
    }

    pub(crate) fn installation(&self) -> std::sync::MutexGuard<'_, Installation> {
        self.install.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Loads every attendee into a new index and swaps it in; the old one
    /// keeps answering searches while the new one is built.
    fn rebuild_index(&self) -> Result<(), ApiError> {
        let mut seen = self.feed.lock().unwrap_or_else(PoisonError::into_inner);
        let (rows, last) = self.store.read(|tx| Ok::<_, ApiError>((tx.search_rows()?, tx.last_change()?)))?;
        let index = build_index(&rows);
        self.swap_index(index);
        *seen = last;
        Ok(())
    }

    /// Swaps a new index in. The old one is dropped after the lock is let
    /// go: freeing 100,000 attendees' words takes tens of milliseconds, which
    /// searches must not wait for.
    fn swap_index(&self, index: SearchIndex) {
        let old = std::mem::replace(&mut *self.index.write().unwrap_or_else(PoisonError::into_inner), index);
        drop(old);
    }

    /// Takes in every change committed since the last refresh, by this
    /// process or any other on the same file: refreshes the search index
    /// and tells the listeners. Returns what changed, if anything did.
    pub fn refresh(&self) -> Result<Option<ChangeNotice>, ApiError> {
        self.refresh_with(None)
    }

    /// `refresh`, given the index a write is building as of change
    /// `covered`: it is waited for (outside the feed's lock, so that other
    /// callers' refreshes go on meanwhile) and swapped in, and only later
    /// changes are applied to it. Without one, changes that an index being
    /// built will cover are left to it.
    fn refresh_with(&self, build: Option<(IndexBuild, i64)>) -> Result<Option<ChangeNotice>, ApiError> {
        let built = build.map(|(thread, covered)| (thread.join().ok().and_then(Result::ok), covered));
        let mut seen = self.feed.lock().unwrap_or_else(PoisonError::into_inner);
        let from = *seen;
        let mut coming = self.index_coming.lock().unwrap_or_else(PoisonError::into_inner);
        // The last change the index has taken in, and whether it must be
        // built again (a build that failed left changes to itself).
        let swapped = matches!(built, Some((Some(_), _)));
        let (covered, rebuild) = match built {
            Some((Some(index), covered)) => {
                self.swap_index(index);
                *coming = None;
                (covered, false)
            }
            Some((None, _)) => {
                *coming = None;
                (from, true)
            }
            None => (coming.map_or(from, |c| c.max(from)), false),
        };
        drop(coming);
        let read = self.store.read(|tx| {
            let changes = tx.changes_since(from.min(covered), FULL_REBUILD_AFTER + 1)?;
            let Some(last) = changes.last().map(|c| c.seq) else {
                return Ok::<_, ApiError>(None);
            };
            let many = changes.len() > FULL_REBUILD_AFTER;
            let last = if many { tx.last_change()? } else { last };
            // Changes the index already has (or will have) are left out of
            // its update; when there were too many to list, a later one
            // rebuilds it.
            let newer: Vec<&lanyard_store::Change> = changes.iter().filter(|c| c.seq > covered).collect();
            let everyone = rebuild
                || (many && last > covered)
                || newer.iter().any(|c| c.kind == ChangeKind::Attendees && c.attendees.is_none());
            let mut ids: Vec<AttendeeId> =
                newer.iter().flat_map(|c| c.attendees.iter().flatten().copied()).collect();
            ids.sort_unstable();
            ids.dedup();
            // What the listeners hear about: the changes this engine had not seen.
            let changes: Vec<lanyard_store::Change> = changes.into_iter().filter(|c| c.seq > from).collect();
            let update = if everyone || ids.len() > FULL_REBUILD_AFTER {
                Update::Everyone(tx.search_rows()?)
            } else {
                Update::Some(tx.attendees(&ids)?)
            };
            Ok(Some((last, changes, update, ids)))
        })?;
        let Some((last, changes, update, ids)) = read else { return Ok(None) };
        let everyone = matches!(update, Update::Everyone(_));
        match update {
            Update::Everyone(rows) => {
                let index = build_index(&rows);
                self.swap_index(index);
            }
            Update::Some(attendees) if !ids.is_empty() => {
                // Attendees read back are refreshed (unchanged ones cost a hash
                // comparison); ids that are gone are removed.
                let found: std::collections::HashSet<AttendeeId> = attendees.iter().map(|a| a.id).collect();
                let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
                index.insert_many(
                    attendees.iter().map(|a| (a.id, a.details.display_name.as_str(), fields(a))),
                );
                index.remove_many(ids.iter().copied().filter(|id| !found.contains(id)));
            }
            Update::Some(_) => {}
        }
        *seen = last;
        drop(seen);
        let notice = ChangeNotice {
            seq: last,
            attendees: everyone
                || swapped
                || !ids.is_empty()
                || changes.iter().any(|c| c.kind == ChangeKind::Attendees),
            event: changes.iter().any(|c| c.kind == ChangeKind::Event),
            leads: changes.iter().any(|c| c.kind == ChangeKind::Leads),
            shifts: changes.iter().any(|c| c.kind == ChangeKind::Shifts),
        };
        for listener in self.listeners.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            // A listener that panics (a window gone wrong) must not take the
            // change feed, or the action that was already committed, with it.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| listener(&notice)));
        }
        Ok(Some(notice))
    }

    /// The one write path for every keyed, mutating use case.
    ///
    /// In order: a key seen before returns its first result (marked as a
    /// replay) without running anything or asking for a PIN again, and a
    /// key first used for another request is refused; a privileged action
    /// checks the lead's PIN (the attempt is committed on its own, so a
    /// failed action still leaves its trace); `prepare` runs outside any
    /// transaction (rendering, talking to CUPS); then `apply` runs in one
    /// write transaction that also appends the audit entry, numbers the
    /// change and records the key. After the commit the change feed is
    /// followed, so this engine's index reflects the change at once.
    pub(crate) fn perform<Req, P, R>(
        &self,
        session: &Session,
        op: Op<'_, Req>,
        prepare: impl FnOnce(&Ctx<'_>) -> Result<P, ApiError>,
        apply: impl FnOnce(&WriteTx<'_>, &Ctx<'_>, P, &mut Effects) -> Result<Done<R>, ApiError>,
    ) -> Result<R, ApiError>
    where
        Req: Serialize,
        R: Outcome,
    {
        let key =
            IdempotencyKey::parse(op.key).map_err(|e| Refusal::invalid("idempotency key", e.to_string()))?;
        let fingerprint = fingerprint(op.action, op.request)?;
        let earlier = self.store.read(|tx| match tx.remembered(key.as_str())? {
            Some(first) => replay(tx, op.action, &fingerprint, &first).map(Some),
            None => Ok(None),
        })?;
        if let Some(result) = earlier {
            return Ok(result);
        }
        let lead = match op.lead {
            Some((privilege, auth)) => Some(self.authorise(session, privilege, auth)?),
            None => None,
        };
        let ctx = Ctx { now: self.now(), session, lead };
        let prepared = prepare(&ctx)?;
        let mut effects = Effects::default();
        let outcome = self.store.write(|tx| {
            if let Some(first) = tx.remembered(key.as_str())? {
                return replay(tx, op.action, &fingerprint, &first).map(Ok);
            }
            let (result, audit) = match apply(tx, &ctx, prepared, &mut effects)? {
                Done::Ok(result, audit) => (Ok(result), audit),
                Done::Failed(error, audit) => (Err(error), audit),
            };
            self.log(tx, &ctx, audit, &effects)?;
            if let Some((_, covered)) = &mut effects.index {
                *covered = tx.last_change()?;
                // Set before the commit, so that no refresh can take the change in first.
                *self.index_coming.lock().unwrap_or_else(PoisonError::into_inner) = Some(*covered);
            }
            if let Ok(result) = &result {
                let mut value = serde_json::to_value(result).map_err(|e| {
                    ApiError::new(ErrorCode::Internal, format!("cannot record the result: {e}"))
                })?;
                slim(&mut value);
                let result_json = value.to_string();
                let remembered = Remembered {
                    action: op.action.to_owned(),
                    request_hash: Some(fingerprint.clone()),
                    result_json,
                };
                tx.remember(key.as_str(), &remembered, ctx.now)?;
            }
            Ok::<_, ApiError>(result)
        });
        if outcome.is_err() && effects.index.is_some() {
            // Rolled back: the index being built has rows that never were.
            *self.index_coming.lock().unwrap_or_else(PoisonError::into_inner) = None;
            effects.index = None;
        }
        let outcome = outcome?;
        self.refresh_with(effects.index.take())?;
        if outcome.is_ok() {
            self.backup_if_due(session, false);
        }
        outcome
    }

    /// Whether an action was already made under `key` (its result is
    /// remembered). A use case that decides something from the store before
    /// `perform` (whether a PIN is needed, whether a first lead may still be
    /// made) asks this first, so that a replay returns the first result
    /// instead of being judged against what the store holds now.
    pub(crate) fn already_done(&self, key: &str) -> Result<bool, ApiError> {
        let Ok(key) = IdempotencyKey::parse(key) else { return Ok(false) };
        Ok(self.store.read(|tx| tx.remembered(key.as_str()))?.is_some())
    }

    /// A write that carries no key (creating the event, the demo): it is
    /// refused the second time by its own rule, changing nothing.
    pub(crate) fn perform_unkeyed<R>(
        &self,
        session: &Session,
        apply: impl FnOnce(&WriteTx<'_>, &Ctx<'_>, &mut Effects) -> Result<(R, AuditAction), ApiError>,
    ) -> Result<R, ApiError> {
        let ctx = Ctx { now: self.now(), session, lead: None };
        let mut effects = Effects::default();
        let result = self.store.write(|tx| {
            let (result, audit) = apply(tx, &ctx, &mut effects)?;
            self.log(tx, &ctx, audit, &effects)?;
            Ok::<_, ApiError>(result)
        })?;
        self.refresh()?;
        Ok(result)
    }

    /// Appends the audit entry and numbers the change.
    fn log(
        &self,
        tx: &WriteTx<'_>,
        ctx: &Ctx<'_>,
        action: AuditAction,
        effects: &Effects,
    ) -> Result<(), ApiError> {
        tx.append_audit(&AuditEntry {
            at: ctx.now,
            desk: ctx.session.desk.clone(),
            desk_id: ctx.session.desk_id.clone(),
            operator: ctx.session.operator.clone(),
            action,
        })?;
        let desk = &ctx.session.desk_id;
        if effects.all_attendees {
            tx.record_change(ctx.now, desk, ChangeKind::Attendees, None)?;
        } else if !effects.attendees.is_empty() {
            tx.record_change(ctx.now, desk, ChangeKind::Attendees, Some(&effects.attendees))?;
        }
        for kind in &effects.kinds {
            tx.record_change(ctx.now, desk, *kind, Some(&[]))?;
        }
        Ok(())
    }

    /// A fresh badge code with this desk's prefix, not yet used in the event.
    pub(crate) fn fresh_badge_code(&self, tx: &ReadTx<'_>) -> Result<BadgeCode, ApiError> {
        let prefix = self.installation().badge_prefix;
        loop {
            let random = lanyard_core::random::next_u64(self.parts.random.as_ref())
                .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read random bytes: {e}")))?;
            let code = BadgeCode::with_prefix(prefix, random);
            if tx.attendee_by_badge_code(&code)?.is_none() {
                return Ok(code);
            }
        }
    }

    /// A badge-code maker for imports, which check against codes in memory.
    pub(crate) fn badge_codes(
        &self,
    ) -> impl FnMut(&lanyard_core::hash::FastSet<BadgeCode>) -> Result<BadgeCode, ApiError> + '_ {
        let prefix = self.installation().badge_prefix;
        move |taken| loop {
            let random = lanyard_core::random::next_u64(self.parts.random.as_ref())
                .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read random bytes: {e}")))?;
            let code = BadgeCode::with_prefix(prefix, random);
            if !taken.contains(&code) {
                return Ok(code);
            }
        }
    }

    /// 16 random bytes for a PIN hash's salt.
    pub(crate) fn salt(&self) -> Result<[u8; 16], ApiError> {
        let mut bytes = [0u8; 16];
        self.parts
            .random
            .fill(&mut bytes)
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read random bytes: {e}")))?;
        Ok(bytes)
    }
}

/// The fields of an attendee that search looks at, with their weights.
pub(crate) fn fields(a: &Attendee) -> Vec<(&str, FieldWeight)> {
    new_attendee_fields(&a.details, a.ticket_reference.as_deref())
}

/// The fields of a new attendee that search looks at (an import's rows,
/// before they are read back).
pub(crate) fn new_attendee_fields<'a>(
    a: &'a lanyard_core::NewAttendee,
    reference: Option<&'a str>,
) -> Vec<(&'a str, FieldWeight)> {
    search_fields([
        a.display_name.as_str(),
        a.given_name.as_str(),
        a.family_name.as_str(),
        a.nickname.as_str(),
        a.badge_code.as_str(),
        a.order_code.as_str(),
        a.email.as_str(),
        a.affiliation.as_str(),
        reference.unwrap_or_default(),
        a.ticket_secret.as_deref().unwrap_or_default(),
    ])
}

/// A search row as an item of `SearchIndex::build`.
pub(crate) fn search_row_item(r: &lanyard_store::SearchRow) -> (AttendeeId, &str, Vec<(&str, FieldWeight)>) {
    (r.id, r.text[0].as_str(), row_fields(r))
}

/// Lowers the calling thread's scheduling priority (its nice value), for
/// work that must not take the CPU from searches: on Linux the nice value
/// belongs to the thread. Where that is not possible, nothing changes.
pub(crate) fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 10);
    }
}

/// The fields of a search row (the store's light read for a full rebuild).
fn row_fields(r: &lanyard_store::SearchRow) -> Vec<(&str, FieldWeight)> {
    let t = &r.text;
    search_fields([&t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7], &t[8], &t[9]].map(String::as_str))
}

/// Display, given, family name, nickname, badge code, order code, e-mail,
/// affiliation, ticket reference and ticket secret, with their weights.
fn search_fields(
    [display, given, family, nickname, badge, order, email, affiliation, reference, secret]: [&str; 10],
) -> Vec<(&str, FieldWeight)> {
    let mut fields = vec![
        (display, FieldWeight::Name),
        (given, FieldWeight::Name),
        (family, FieldWeight::Name),
        (nickname, FieldWeight::Name),
        (badge, FieldWeight::Code),
        (order, FieldWeight::Code),
        (reference, FieldWeight::Code),
        (email, FieldWeight::Other),
        (affiliation, FieldWeight::Other),
    ];
    // The codes on a source ticket. A short prefix such as Tito's "ti_" is
    // a weak word of its own: every Tito ticket has it, and typing "ti"
    // must find Tim before it finds them.
    if !secret.is_empty() {
        match secret.split_once('_') {
            Some((prefix, rest)) if prefix.len() <= 3 && !rest.is_empty() => {
                fields.push((prefix, FieldWeight::Other));
                fields.push((rest, FieldWeight::Code));
            }
            _ => fields.push((secret, FieldWeight::Code)),
        }
    }
    fields
}

fn build_index(rows: &[lanyard_store::SearchRow]) -> SearchIndex {
    SearchIndex::build(rows.iter().map(search_row_item))
}

/// The SHA-256 of a request's canonical JSON, with its idempotency key and
/// every PIN left out: the same request always gives the same fingerprint,
/// and no secret is stored, even hashed.
pub(crate) fn fingerprint<Req: Serialize>(action: &str, request: &Req) -> Result<String, ApiError> {
    use sha2::Digest;
    let mut value = serde_json::to_value(request)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot read the request: {e}")))?;
    strip_secrets(&mut value);
    // serde_json's maps are sorted by key, so the text is canonical.
    let text = format!("{action}\n{value}");
    let digest = sha2::Sha256::digest(text.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

fn strip_secrets(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("idempotency_key");
            map.remove("pin");
            map.remove("new_pin");
            map.values_mut().for_each(strip_secrets);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_secrets),
        _ => {}
    }
}

/// The key under which a remembered result keeps an attendee card's id.
const CARD_ID: &str = "attendee_card_id";

/// Replaces every attendee card in a result by its id before the result is
/// remembered: the idempotency table keeps ids, never a person's details
/// (issue 11). A card is an object with an `id`, a `badge_code` and a
/// `display_name`.
fn slim(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let is_card = map.contains_key("badge_code") && map.contains_key("display_name");
            if let (true, Some(id)) = (is_card, map.get("id").and_then(serde_json::Value::as_i64)) {
                *value = serde_json::json!({ CARD_ID: id });
                return;
            }
            map.values_mut().for_each(slim);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(slim),
        _ => {}
    }
}

/// Puts the cards back into a remembered result, read fresh from the store.
fn fatten(tx: &ReadTx<'_>, value: &mut serde_json::Value) -> Result<(), ApiError> {
    match value {
        serde_json::Value::Object(map) => {
            if let (1, Some(id)) = (map.len(), map.get(CARD_ID).and_then(serde_json::Value::as_i64)) {
                let card = crate::checkin::cards(tx, &[AttendeeId(id)])?.pop().ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::DatabaseDamaged,
                        format!("a remembered result names attendee {id}, who is gone"),
                    )
                })?;
                *value = serde_json::to_value(card).map_err(|e| {
                    ApiError::new(ErrorCode::Internal, format!("cannot replay the result: {e}"))
                })?;
                return Ok(());
            }
            map.values_mut().try_for_each(|v| fatten(tx, v))
        }
        serde_json::Value::Array(items) => items.iter_mut().try_for_each(|v| fatten(tx, v)),
        _ => Ok(()),
    }
}

/// The first result under a key, if the key was first used for the same
/// request; a key reused for another request is refused. Attendee cards in
/// it are read fresh from the store.
fn replay<R: Outcome>(
    tx: &ReadTx<'_>,
    action: &str,
    fingerprint: &str,
    first: &Remembered,
) -> Result<R, ApiError> {
    let same_request =
        first.action == action && first.request_hash.as_deref().is_none_or(|h| h == fingerprint);
    if !same_request {
        return Err(Refusal::KeyReused.into());
    }
    let unreadable = |e: serde_json::Error| {
        ApiError::new(ErrorCode::DatabaseDamaged, format!("a stored result is unreadable: {e}"))
    };
    let mut value: serde_json::Value = serde_json::from_str(&first.result_json).map_err(unreadable)?;
    fatten(tx, &mut value)?;
    let result: R = serde_json::from_value(value).map_err(unreadable)?;
    Ok(result.replayed())
}

/// The event's currency (EUR for a database that has no event yet).
pub(crate) fn event_currency(tx: &ReadTx<'_>) -> Result<Currency, ApiError> {
    match tx.event()? {
        Some(event) => Currency::parse(&event.currency).map_err(|e| {
            ApiError::new(ErrorCode::DatabaseDamaged, format!("the event's currency is unreadable: {e}"))
        }),
        None => Ok(Currency::parse("EUR")?),
    }
}

impl Outcome for () {}
impl Outcome for String {}
impl Outcome for Option<String> {}
impl<T: Serialize + DeserializeOwned> Outcome for Vec<T> {}
