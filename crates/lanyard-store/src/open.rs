//! Opening an event database safely.
//!
//! The checks run before anything is written, so a file that is not
//! Lanyard's, is damaged, or is newer than this build is never modified:
//! SQLite header and application id first, then the schema version, then
//! SQLite's quick integrity check, and only then the pragmas and migrations.

use lanyard_core::RandomSource;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::migrate::{LATEST_VERSION, migrate};
use crate::{ReadTx, StoreError, WriteTx};

/// The `application_id` stamped into every Lanyard database ('LNYD').
pub const APPLICATION_ID: i64 = 0x4C4E_5944;

/// How long a write waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many idle read connections the store keeps for reuse.
const IDLE_READERS: usize = 4;

/// An open event database, shared by every caller of one engine.
///
/// One writer connection, behind a mutex, runs every write as a
/// `BEGIN IMMEDIATE` transaction; reads run on a small pool of read-only
/// connections, so in WAL mode a search never waits for an import or a
/// print to commit. Both kinds of transaction are reached only through
/// [`ReadTx`] and [`WriteTx`], so a write cannot be called inside a read.
#[derive(Debug)]
pub struct Store {
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    path: PathBuf,
    /// In-memory databases (tests) have no second connection: reads use the writer.
    in_memory: bool,
    /// The file could not be written (read-only, immutable, on a read-only
    /// medium): it was opened for reading only and every write is refused.
    read_only: bool,
    /// The file's device and inode when it was opened: a write first checks
    /// that the path still names it (a moved file or a pulled USB stick
    /// would otherwise take writes into a file nobody will open again).
    identity: Option<(u64, u64)>,
    random: Arc<dyn RandomSource>,
}

impl Store {
    /// Opens (or creates) the database at `path`, refusing files that are not
    /// Lanyard's, are damaged, or come from a newer Lanyard. `random` makes
    /// the unique ids of new rows.
    pub fn open(path: &Path, random: Arc<dyn RandomSource>) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open { path: path.to_owned(), source };
        if path.is_dir() {
            return Err(StoreError::Open {
                path: path.to_owned(),
                source: rusqlite::Error::InvalidPath(path.to_owned()),
            });
        }
        let cannot = |what: String| StoreError::Open {
            path: path.to_owned(),
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(what),
            ),
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.exists()
        {
            private_dir(parent)
                .map_err(|e| cannot(format!("cannot create folder {}: {e}", parent.display())))?;
        }
        if path.exists() && !writable(path) {
            return Store::open_read_only(path, random);
        }
        create_private(path).map_err(|e| cannot(format!("cannot create {}: {e}", path.display())))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        let path = path.to_owned();
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_identity(&conn, &path)?;
        // Only now that the file is known to be Lanyard's.
        make_private(&path).map_err(|e| StoreError::Open {
            path: path.clone(),
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!("cannot make it private: {e}")),
            ),
        })?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal { path, mode });
        }
        let mut conn = conn;
        set_pragmas(&conn)?;
        migrate(&mut conn)?;
        Ok(Store {
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            identity: file_identity(&path),
            path,
            in_memory: false,
            read_only: false,
            random,
        })
    }

    /// Opens a file that cannot be written, for reading only. The same
    /// checks run (Lanyard's, not newer, not damaged); a file older than this
    /// build cannot be migrated and is refused with a way out.
    fn open_read_only(path: &Path, random: Arc<dyn RandomSource>) -> Result<Store, StoreError> {
        let conn = read_only_connection(path)?;
        check_identity(&conn, path)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < LATEST_VERSION {
            return Err(StoreError::ReadOnlyOld { path: path.to_owned() });
        }
        Ok(Store {
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            identity: file_identity(path),
            path: path.to_owned(),
            in_memory: false,
            read_only: true,
            random,
        })
    }

    /// Whether the file was opened for reading only (every write is refused).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Opens a fresh in-memory database with every migration applied (for tests).
    pub fn open_in_memory(random: Arc<dyn RandomSource>) -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "recursive_triggers", "ON")?;
        migrate(&mut conn)?;
        Ok(Store {
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            identity: None,
            path: PathBuf::from(":memory:"),
            in_memory: true,
            read_only: false,
            random,
        })
    }

    /// The path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.writer()?.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The value of a connection pragma on the writer (for tests and diagnostics).
    pub fn pragma(&self, name: &str) -> Result<String, StoreError> {
        let sql = format!("PRAGMA {name}");
        Ok(self.writer()?.query_row(&sql, [], |r| r.get::<_, rusqlite::types::Value>(0)).map(
            |v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            },
        )?)
    }

    /// The version of the SQLite library compiled in.
    pub fn sqlite_version() -> &'static str {
        rusqlite::version()
    }

    /// The writer connection. A panic in an earlier caller poisons the
    /// mutex but cannot leave a transaction open (rusqlite rolls back on
    /// drop), so the connection is taken back rather than the desk stopped.
    fn writer(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        Ok(self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Runs `f` in a read transaction on a read-only connection: it sees one
    /// consistent snapshot and never waits for a writer.
    pub fn read<T, E>(&self, f: impl FnOnce(&ReadTx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if self.in_memory {
            let conn = self.writer()?;
            let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
            let out = f(&ReadTx::new(&tx))?;
            tx.finish().map_err(StoreError::from)?;
            return Ok(out);
        }
        let conn = self.take_reader()?;
        let result = (|| {
            let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
            let out = f(&ReadTx::new(&tx))?;
            tx.finish().map_err(StoreError::from)?;
            Ok(out)
        })();
        self.give_back(conn);
        result
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: it commits when `f`
    /// returns `Ok` and rolls back when it returns `Err`, so nothing is ever
    /// half-written.
    pub fn write<T, E>(&self, f: impl FnOnce(&WriteTx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone() }.into());
        }
        if self.identity.is_some() && file_identity(&self.path) != self.identity {
            return Err(StoreError::FileGone { path: self.path.clone() }.into());
        }
        let mut conn = self.writer()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let out = f(&WriteTx::new(&tx, self.random.as_ref()))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// SQLite's full integrity check: `"ok"`, or the problems it found,
    /// one a line (at most 20).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let conn = self.writer()?;
        let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(lines.join("\n"))
    }

    /// Writes a consistent copy of the whole database to `dest` with
    /// `VACUUM INTO`, on a connection of its own, so writes go on meanwhile.
    /// `dest` must not exist or be empty; it is not synced (the caller
    /// syncs and verifies it).
    pub fn backup_into(&self, dest: &Path) -> Result<(), StoreError> {
        let target = dest.to_str().ok_or_else(|| StoreError::Open {
            path: dest.to_owned(),
            source: rusqlite::Error::InvalidPath(dest.to_owned()),
        })?;
        if self.in_memory {
            self.writer()?.execute("VACUUM INTO ?1", [target])?;
            return Ok(());
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)
            .map_err(|source| StoreError::Open { path: self.path.clone(), source })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    fn take_reader(&self) -> Result<Connection, StoreError> {
        let idle = self.readers.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop();
        if let Some(conn) = idle {
            return Ok(conn);
        }
        if self.read_only {
            return read_only_connection(&self.path);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)
            .map_err(|source| StoreError::Open { path: self.path.clone(), source })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        set_pragmas(&conn)?;
        // A read connection refuses writes even if a bug tried one.
        conn.pragma_update(None, "query_only", "ON")?;
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        let mut idle = self.readers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
    }
}

/// The device and inode of the file at `path`, if there is one.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).ok().map(|_| (0, 0))
    }
}

/// Whether the file can be opened for writing (false for a read-only or
/// immutable file, or one on a read-only medium).
fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().read(true).write(true).open(path).is_ok()
}

/// A connection that only reads a file that cannot be written. With no
/// write-ahead log beside it the file is opened `immutable` (no lock or
/// shared-memory file is needed, which a read-only folder could not hold);
/// with one, SQLite reads the log as well.
fn read_only_connection(path: &Path) -> Result<Connection, StoreError> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let has_wal = std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(char::from(b)),
        }
    }
    if !has_wal {
        uri.push_str("?immutable=1");
    }
    let conn = Connection::open_with_flags(&uri, flags)
        .map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

/// Creates `folder` (and its parents) readable by the user alone.
fn private_dir(folder: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

/// Creates a missing database file readable by the user alone (SQLite
/// gives its `-wal` and `-shm` the same permissions).
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

/// Takes group and other permissions away from a Lanyard database and its
/// companions (a file copied in, or made by an older build).
fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = std::path::PathBuf::from(name);
            if let Ok(meta) = std::fs::metadata(&file)
                && meta.is_file()
                && meta.permissions().mode() & 0o077 != 0
            {
                std::fs::set_permissions(
                    &file,
                    std::fs::Permissions::from_mode(meta.permissions().mode() & 0o700),
                )?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The pragmas every connection needs: a confirmed write is on disk before
/// the call returns, foreign keys hold, and `REPLACE` fires delete triggers
/// (so append-only tables refuse it too).
fn set_pragmas(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MB of page cache (the default is 8 MB): an import of 100,000 rows
    // otherwise spills pages of its indexes to the WAL in the middle of its
    // transaction and reads them back, a third slower.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "recursive_triggers", "ON")?;
    Ok(())
}

/// Refuses files that are not SQLite, belong to another application, are
/// newer than this build, or fail SQLite's quick check. Writes nothing.
fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_owned() },
        Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt { path: path.to_owned(), detail: e.to_string() }
        }
        _ => StoreError::Open { path: path.to_owned(), source: e },
    };
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(classify)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(classify)?;
    let objects: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(classify)?;
    let fresh = app_id == 0 && version == 0 && objects == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase { path: path.to_owned() });
    }
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(classify)?;
    if verdict != "ok" {
        return Err(StoreError::Corrupt { path: path.to_owned(), detail: verdict });
    }
    Ok(())
}
