//! Opening an event database safely.
//!
//! The checks run before anything is written, so a file that is not
//! Lanyard's, is damaged, or is newer than this build is never modified:
//! SQLite header and application id first, then the schema version, then
//! SQLite's quick integrity check, and only then the pragmas and migrations.

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::migrate::{LATEST_VERSION, migrate};
use crate::{StoreError, Tx};

/// The `application_id` stamped into every Lanyard database ('LNYD').
pub const APPLICATION_ID: i64 = 0x4C4E_5944;

/// How long a write waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open event database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path`, refusing files that are not
    /// Lanyard's, are damaged, or come from a newer Lanyard.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open { path: path.to_owned(), source };
        if path.is_dir() {
            return Err(StoreError::Open {
                path: path.to_owned(),
                source: rusqlite::Error::InvalidPath(path.to_owned()),
            });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                path: path.to_owned(),
                source: rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(format!("cannot create folder {}: {e}", parent.display())),
                ),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        Self::prepare(conn, path.to_owned())
    }

    /// Opens a fresh in-memory database with every migration applied (for tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: PathBuf::from(":memory:") };
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut store.conn)?;
        Ok(store)
    }

    fn prepare(conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_identity(&conn, &path)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal { path, mode });
        }
        // FULL: a check-in the screen confirmed is on disk before the call returns.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn, path };
        migrate(&mut store.conn)?;
        Ok(store)
    }

    /// The path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The value of a connection pragma (for tests and diagnostics).
    pub fn pragma(&self, name: &str) -> Result<String, StoreError> {
        let sql = format!("PRAGMA {name}");
        Ok(self.conn.query_row(&sql, [], |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })?)
    }

    /// The version of the SQLite library compiled in.
    pub fn sqlite_version() -> &'static str {
        rusqlite::version()
    }

    /// Runs `f` in a read transaction: it sees one consistent snapshot.
    pub fn read<T, E>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self.conn.unchecked_transaction().map_err(StoreError::from)?;
        let out = f(&Tx::new(&tx))?;
        tx.finish().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: it commits when `f`
    /// returns `Ok` and rolls back when it returns `Err`, so nothing is ever
    /// half-written.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let out = f(&Tx::new(&tx))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
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
