//! Backups of the event database, their verification, and restoring one.
//!
//! A backup is a consistent copy made by the store (`VACUUM INTO`, on a
//! connection of its own, so the desk keeps working), written under a
//! temporary name readable by the user alone, synced, verified with
//! [`verify_backup`], and only then renamed into a folder that only the user
//! may enter; the folder keeps the last [`KEPT_BACKUPS`]. A restore refuses a
//! file that does not verify, and moves the current database aside as
//! `<db>.before-restore-<time>` (with its `-wal` and `-shm`) instead of
//! deleting it. This module runs no SQL; it never restores over a database
//! that a desk has open (the host must close its engine first).

use lanyard_core::{Clock, Timestamp};
use lanyard_store::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::session::Session;
use crate::{ApiError, Engine, ErrorCode, OsRandom};

/// How many backups a folder keeps; older ones are removed after a new one verified.
pub const KEPT_BACKUPS: usize = 20;

/// What a backup file holds, as verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupCheck {
    /// The event's name.
    pub event_name: String,
    /// Attendees in it.
    pub attendees: i64,
    /// Cash ledger entries in it, every drawer's chain verified.
    pub cash_entries: usize,
    /// Its schema version once opened by this build.
    pub schema_version: i64,
}

/// A backup written and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    /// The new backup file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// What it holds.
    pub check: BackupCheck,
    /// Older backups removed to keep the last [`KEPT_BACKUPS`].
    pub removed: Vec<PathBuf>,
}

/// A backup put in place of the event database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreReport {
    /// The backup restored.
    pub restored_from: PathBuf,
    /// Where the database it replaced was kept, if there was one.
    pub kept_aside: Option<PathBuf>,
    /// What the restored database holds.
    pub check: BackupCheck,
}

/// Automatic backups are made this often while changes happen.
pub const AUTO_BACKUP_MILLIS: i64 = 10 * 60 * 1000;

/// A last backup older than this is flagged in the window.
pub const STALE_BACKUP_MILLIS: i64 = 30 * 60 * 1000;

/// The state of this engine's automatic backups.
#[derive(Debug, Default)]
pub(crate) struct AutoBackup {
    /// Where they go, once the host turned them on.
    folder: Option<PathBuf>,
    /// The last good one: when and which file.
    last: Option<(Timestamp, PathBuf)>,
    /// A backup is being made now.
    running: bool,
    /// Why the last attempt failed, if it did.
    error: Option<String>,
}

/// How the automatic backups stand, for the window's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct BackupStatus {
    /// Whether the desk backs itself up (the window turns it on).
    pub enabled: bool,
    /// The folder backups go to.
    pub folder: String,
    /// Whether that folder is there (a USB stick pulled out is not).
    pub folder_present: bool,
    /// When the last good backup was made (RFC 3339 UTC).
    pub last_at: Option<String>,
    /// Its file's name.
    pub last_file: Option<String>,
    /// True when there is none, or it is older than 30 minutes.
    pub stale: bool,
    /// Why the last attempt failed, if it did.
    pub error: Option<String>,
}

/// The folder backups go to by default: `backups` beside the event database.
pub fn default_backup_folder(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("backups")
}

impl Engine {
    /// Turns automatic backups on, into `folder` (by default the one beside
    /// the event file): every ten minutes while changes happen and at every
    /// cash close, each verified, on a thread of their own so that no
    /// check-in waits for one. The newest backup already there counts as
    /// the last one.
    pub fn enable_auto_backup(&self, folder: Option<&Path>) {
        let database = self.store.path().to_owned();
        let chosen = self.installation().backup_folder.clone();
        let folder =
            folder.map(Path::to_owned).or(chosen).unwrap_or_else(|| default_backup_folder(&database));
        let last = latest_backup(&database).and_then(|file| {
            let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok()?;
            let millis = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis();
            Some((Timestamp(i64::try_from(millis).ok()?), file))
        });
        let mut state = self.auto_backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.folder = Some(folder);
        if state.last.is_none() {
            state.last = last;
        }
    }

    /// This desk's backup folder: the lead's choice, else `backups` beside the event file.
    pub fn backup_folder(&self) -> PathBuf {
        self.installation().backup_folder.clone().unwrap_or_else(|| default_backup_folder(self.store.path()))
    }

    /// Chooses where this desk's backups go (a lead's act): the folder is
    /// made (private to the user) and a backup is written there at once to
    /// show that it works; `None` goes back to the folder beside the event file.
    pub fn set_backup_folder(
        &self,
        session: &Session,
        auth: Option<&crate::dto::LeadAuth>,
        folder: Option<&Path>,
        key: &str,
    ) -> Result<BackupStatus, ApiError> {
        if let Some(f) = folder {
            if !f.is_absolute() {
                return Err(crate::error::Refusal::invalid(
                    "backup folder",
                    format!("{} is not a full path", f.display()),
                )
                .into());
            }
            if f.as_os_str().len() > 4096 {
                return Err(crate::error::Refusal::invalid("backup folder", "the path is too long").into());
            }
        }
        let request = folder.map(|f| f.display().to_string());
        let op = crate::engine::Op {
            action: "set_backup_folder",
            key,
            request: &request,
            lead: Some((crate::privilege::Privilege::ChooseBackupFolder, auth)),
        };
        let chosen = folder.map(Path::to_owned);
        self.perform(
            session,
            op,
            |_| {
                // The folder must take a backup before it is kept.
                let target = chosen.clone().unwrap_or_else(|| default_backup_folder(self.store.path()));
                Ok(self.backup(session, Some(&target))?.path)
            },
            |_, ctx, made, _| {
                let mut install = self.installation();
                install.backup_folder.clone_from(&chosen);
                install.save()?;
                drop(install);
                let mut state = self.auto_backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if state.folder.is_some() {
                    state.folder =
                        Some(chosen.clone().unwrap_or_else(|| default_backup_folder(self.store.path())));
                    state.last = Some((ctx.now, made));
                }
                drop(state);
                let audit = lanyard_core::AuditAction::SetBackupFolder {
                    folder: request.clone(),
                    lead: ctx.lead.as_ref().map(ToString::to_string).unwrap_or_default(),
                };
                Ok(crate::engine::Done::Ok((), audit))
            },
        )?;
        Ok(self.backup_status(session))
    }

    /// Starts a backup when one is due (ten minutes since the last, or
    /// `force`, as at a cash close) and none is running. Returns at once.
    pub(crate) fn backup_if_due(&self, session: &Session, force: bool) {
        let now = self.now();
        let mut state = self.auto_backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(folder) = state.folder.clone() else { return };
        let due = force || state.last.as_ref().is_none_or(|(at, _)| now.0 - at.0 >= AUTO_BACKUP_MILLIS);
        if state.running || !due {
            return;
        }
        let Some(engine) = self.me.get().and_then(std::sync::Weak::upgrade) else { return };
        state.running = true;
        drop(state);
        let session = session.clone();
        let spawned = std::thread::Builder::new().name("lanyard-backup".into()).spawn(move || {
            let result = engine.backup(&session, Some(&folder));
            let mut state = engine.auto_backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            state.running = false;
            match result {
                Ok(report) => {
                    state.last = Some((engine.now(), report.path));
                    state.error = None;
                }
                Err(e) => state.error = Some(e.message),
            }
        });
        if spawned.is_err() {
            self.auto_backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner).running = false;
        }
    }

    /// How the automatic backups stand: the last good one, whether it is
    /// older than 30 minutes, whether the folder is there.
    pub fn backup_status(&self, _session: &Session) -> BackupStatus {
        let now = self.now();
        let chosen = self.backup_folder();
        let state = self.auto_backup.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let folder = state.folder.clone().unwrap_or(chosen);
        BackupStatus {
            enabled: state.folder.is_some(),
            folder_present: folder.is_dir(),
            folder: folder.display().to_string(),
            last_at: state.last.as_ref().map(|(at, _)| at.to_rfc3339()),
            last_file: state
                .last
                .as_ref()
                .and_then(|(_, p)| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            stale: state.last.as_ref().is_none_or(|(at, _)| now.0 - at.0 > STALE_BACKUP_MILLIS),
            error: state.error.clone(),
        }
    }

    /// Backs the event database up into `folder` (by default
    /// [`default_backup_folder`]): a consistent copy, verified before it
    /// counts, named after the event file and the time; the folder keeps
    /// the last [`KEPT_BACKUPS`].
    pub fn backup(&self, _session: &Session, folder: Option<&Path>) -> Result<BackupReport, ApiError> {
        let database = self.store.path().to_owned();
        let folder = folder.map_or_else(|| self.backup_folder(), Path::to_owned);
        private_folder(&folder)?;
        let stem = backup_stem(&database);
        let stamp = compact(self.now());
        let mut path = folder.join(format!("{stem}-{stamp}{SUFFIX}"));
        for n in 2.. {
            if !path.exists() {
                break;
            }
            path = folder.join(format!("{stem}-{stamp}-{n}{SUFFIX}"));
        }
        let tmp = folder.join(format!(".{stem}-{stamp}.tmp"));
        let _ = std::fs::remove_file(&tmp);
        create_private_file(&tmp).map_err(|e| io(&tmp, "cannot create", &e))?;
        let written = (|| {
            self.store.backup_into(&tmp)?;
            sync_file(&tmp)?;
            let check = verify_backup(&tmp)?;
            std::fs::rename(&tmp, &path).map_err(|e| io(&path, "cannot write", &e))?;
            sync_file(&folder)?;
            Ok::<_, ApiError>(check)
        })();
        let check = match written {
            Ok(check) => check,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let removed = prune(&folder, &stem)?;
        Ok(BackupReport { path, bytes, check, removed })
    }
}

/// The newest backup of the event database `database` in its default
/// folder, if there is one: what a damaged file's message points to.
pub fn latest_backup(database: &Path) -> Option<PathBuf> {
    let folder = default_backup_folder(database);
    let prefix = format!("{}-", backup_stem(database));
    std::fs::read_dir(&folder)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(SUFFIX))
        })
        .max()
}

/// The backup files' ending.
const SUFFIX: &str = ".backup.db";

fn backup_stem(database: &Path) -> String {
    database.file_stem().and_then(|s| s.to_str()).filter(|s| !s.is_empty()).unwrap_or("event").to_owned()
}

/// `20261122-080000-123Z`: sorts by time, fits in a file name.
fn compact(at: Timestamp) -> String {
    let digits: String = at.to_rfc3339().chars().filter(char::is_ascii_digit).collect();
    let part = |from: usize, to: usize| digits.get(from..to).unwrap_or("0");
    format!("{}-{}-{}Z", part(0, 8), part(8, 14), part(14, 17))
}

/// Removes all but the newest [`KEPT_BACKUPS`] of this event's backups.
fn prune(folder: &Path, stem: &str) -> Result<Vec<PathBuf>, ApiError> {
    let entries = std::fs::read_dir(folder).map_err(|e| io(folder, "cannot read", &e))?;
    let prefix = format!("{stem}-");
    let mut backups: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(SUFFIX))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(KEPT_BACKUPS);
    let removed: Vec<PathBuf> = backups.drain(..excess).collect();
    for old in &removed {
        std::fs::remove_file(old).map_err(|e| io(old, "cannot remove the old backup", &e))?;
    }
    Ok(removed)
}

/// Checks that `file` is a whole Lanyard event database this build can
/// open: it is copied to a private temporary folder (the file itself is
/// never touched), opened as the desk opens a file (identity, version,
/// quick check, then the migrations), passes SQLite's full integrity check,
/// holds an event, and every drawer's cash ledger chain verifies (entries
/// numbered without gaps, each hash following the previous one).
///
/// This is the one place a backup is judged, for backups and restores
/// alike: a check of any other part belongs here.
pub fn verify_backup(file: &Path) -> Result<BackupCheck, ApiError> {
    in_scratch(|scratch| verified_copy(file, scratch).map(|(check, _)| check))
}

/// Runs `f` with a private temporary folder, removed afterwards.
fn in_scratch<T>(f: impl FnOnce(&Path) -> Result<T, ApiError>) -> Result<T, ApiError> {
    let scratch = std::env::temp_dir().join(format!("lanyard-verify-{}", crate::fresh_idempotency_key()?));
    private_folder(&scratch)?;
    let result = f(&scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// Verifies a copy of `file` made in `scratch`; returns what it holds and
/// the copy, closed (its log folded in) and migrated to this build's schema.
fn verified_copy(file: &Path, scratch: &Path) -> Result<(BackupCheck, PathBuf), ApiError> {
    let refuse = |code: ErrorCode, why: String| {
        ApiError::new(code, format!("{} is not a usable backup: {why}", file.display()))
    };
    let meta = std::fs::metadata(file).map_err(|e| io(file, "cannot read", &e))?;
    if !meta.is_file() || meta.len() < 512 {
        return Err(refuse(ErrorCode::NotALanyardDatabase, "it is not an SQLite database".into()));
    }
    let copy = scratch.join("backup.db");
    copy_private(file, &copy)?;
    // A database copied while open may carry its write-ahead log.
    let wal = companion(file, "-wal");
    if wal.is_file() {
        copy_private(&wal, &companion(&copy, "-wal"))?;
    }
    let shown = |e: ApiError| {
        let why = e.message.replace(&copy.display().to_string(), "the file");
        refuse(e.code, why)
    };
    let store = Store::open(&copy, Arc::new(OsRandom::default())).map_err(|e| shown(e.into()))?;
    let verdict = store.integrity_check().map_err(|e| shown(e.into()))?;
    if verdict != "ok" {
        return Err(refuse(ErrorCode::DatabaseDamaged, format!("SQLite's integrity check says {verdict}")));
    }
    let (event, attendees) =
        store.read(|tx| Ok::<_, ApiError>((tx.event()?, tx.attendee_count()?))).map_err(shown)?;
    let event = event.ok_or_else(|| refuse(ErrorCode::NoEvent, "it holds no event".into()))?;
    let cash_entries = store
        .read(|tx| {
            let mut entries = 0;
            for drawer in tx.cash_drawers()? {
                let chain: Vec<lanyard_core::cash::Entry> = tx.cash_entries_of_drawer(&drawer)?;
                match lanyard_core::cash::verify_chain(&drawer, &chain) {
                    Ok(summary) => entries += summary.entries,
                    Err(broken) => return Ok(Err(broken.to_string())),
                }
            }
            Ok::<_, ApiError>(Ok(entries))
        })
        .map_err(shown)?
        .map_err(|broken| {
            refuse(ErrorCode::DatabaseDamaged, format!("its cash ledger does not verify: {broken}"))
        })?;
    let check = BackupCheck {
        event_name: event.name,
        attendees,
        cash_entries,
        schema_version: store.schema_version()?,
    };
    // Closing the last connection folds the log into the file.
    drop(store);
    Ok((check, copy))
}

/// Puts the backup `file` in place of the event database `database`, after
/// verifying it. The database it replaces (with its `-wal` and `-shm`) is
/// renamed to `<database>.before-restore-<time>`, never deleted. Call it
/// only while no engine has `database` open.
pub fn restore(database: &Path, file: &Path, clock: &dyn Clock) -> Result<RestoreReport, ApiError> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(database, file) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("{} is the event database itself: choose a backup", file.display()),
        ));
    }
    in_scratch(|scratch| {
        let (check, copy) = verified_copy(file, scratch)?;
        let kept_aside = put_in_place(database, &copy, clock)?;
        Ok(RestoreReport { restored_from: file.to_owned(), kept_aside, check })
    })
}

/// Moves the current database aside and puts the verified `copy` in its place.
fn put_in_place(database: &Path, copy: &Path, clock: &dyn Clock) -> Result<Option<PathBuf>, ApiError> {
    const PARTS: [&str; 3] = ["", "-wal", "-shm"];
    let present = PARTS.iter().any(|suffix| companion(database, suffix).exists());
    let kept_aside = if present {
        let mut aside = database.as_os_str().to_owned();
        aside.push(format!(".before-restore-{}", compact(clock.now())));
        let aside = PathBuf::from(aside);
        if PARTS.iter().any(|suffix| companion(&aside, suffix).exists()) {
            return Err(ApiError::new(
                ErrorCode::Storage,
                format!("{} already exists: try again in a moment", aside.display()),
            ));
        }
        // The log goes with the file it belongs to, so the old database stays whole.
        for suffix in PARTS {
            let from = companion(database, suffix);
            if from.exists() {
                let to = companion(&aside, suffix);
                std::fs::rename(&from, &to).map_err(|e| io(&from, "cannot move aside", &e))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    // A log left beside the restored file would be replayed into it.
    if let Some(left) = PARTS.iter().map(|suffix| companion(database, suffix)).find(|p| p.exists()) {
        return Err(ApiError::new(
            ErrorCode::Storage,
            format!("{} is still there after moving it aside; nothing was restored", left.display()),
        ));
    }
    let folder = database.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = companion(database, ".restoring");
    let _ = std::fs::remove_file(&tmp);
    copy_private(copy, &tmp)?;
    sync_file(&tmp)?;
    std::fs::rename(&tmp, database).map_err(|e| io(database, "cannot write", &e))?;
    sync_file(folder)?;
    Ok(kept_aside)
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn io(path: &Path, what: &str, e: &std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::Storage, format!("{what} {}: {e}", path.display()))
}

/// Flushes a file (or a folder's entries) to the disk.
fn sync_file(path: &Path) -> Result<(), ApiError> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| io(path, "cannot sync", &e))
}

/// Creates `folder` readable by the user alone, or takes group and other
/// permissions away from an existing one (where the filesystem allows).
fn private_folder(folder: &Path) -> Result<(), ApiError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|e| io(folder, "cannot create", &e))?;
        let meta = std::fs::metadata(folder).map_err(|e| io(folder, "cannot read", &e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            // A USB stick's FAT cannot say who may read; the copy still goes there.
            let _ = std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700));
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(folder).map_err(|e| io(folder, "cannot create", &e))?;
    Ok(())
}

/// Copies `from` to the new file `to`, readable by the user alone.
fn copy_private(from: &Path, to: &Path) -> Result<(), ApiError> {
    let mut source = std::fs::File::open(from).map_err(|e| io(from, "cannot read", &e))?;
    create_private_file(to).map_err(|e| io(to, "cannot create", &e))?;
    let mut dest =
        std::fs::OpenOptions::new().write(true).open(to).map_err(|e| io(to, "cannot write", &e))?;
    std::io::copy(&mut source, &mut dest).map_err(|e| io(to, "cannot write", &e))?;
    Ok(())
}

fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}
