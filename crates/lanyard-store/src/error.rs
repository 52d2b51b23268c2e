//! The store's errors, in the words a desk lead would understand.

use std::path::PathBuf;
use thiserror::Error;

/// What can go wrong while opening or using an event database.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file could not be opened at all (permissions, a directory, ...).
    #[error("cannot open {path}: {source}")]
    Open {
        /// The database path.
        path: PathBuf,
        /// SQLite's own words.
        source: rusqlite::Error,
    },
    /// The file exists but is not an SQLite database (or its header is damaged).
    #[error(
        "{path} is not a Lanyard database: it is not an SQLite file, or it is damaged; it was left untouched"
    )]
    NotADatabase {
        /// The database path.
        path: PathBuf,
    },
    /// The file is an SQLite database of some other application.
    #[error(
        "{path} is not a Lanyard database: it is an SQLite file of another application; it was left untouched"
    )]
    ForeignDatabase {
        /// The database path.
        path: PathBuf,
    },
    /// SQLite's integrity check found damage.
    #[error("{path} is damaged ({detail}); it was left untouched: restore it from a backup")]
    Corrupt {
        /// The database path.
        path: PathBuf,
        /// The first problem SQLite reported.
        detail: String,
    },
    /// The file was written by a newer Lanyard.
    #[error(
        "{path} was written by a newer Lanyard (schema version {found}, this build knows up to {supported}): update Lanyard to open it"
    )]
    NewerSchema {
        /// The database path.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// WAL journaling could not be enabled (a read-only or network filesystem).
    #[error(
        "{path} cannot use write-ahead logging (journal mode stayed {mode:?}): put the database on a local disk"
    )]
    NoWal {
        /// The database path.
        path: PathBuf,
        /// The journal mode SQLite kept.
        mode: String,
    },
    /// A migration failed; the database keeps its previous version.
    #[error("migration {version} failed: {source}")]
    Migration {
        /// The migration's number.
        version: i64,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The file cannot be written: it was opened for reading only.
    #[error("this event is open read-only ({path} cannot be written): check-ins are disabled")]
    ReadOnly {
        /// The database path.
        path: PathBuf,
    },
    /// The file cannot be written and is older than this build, so it cannot be updated.
    #[error(
        "{path} cannot be written and was made by an older Lanyard: copy it to a folder you can write to, then open the copy"
    )]
    ReadOnlyOld {
        /// The database path.
        path: PathBuf,
    },
    /// A stored value does not make a valid domain value.
    #[error("{table} row {id} holds an invalid {field}: {detail}")]
    BadRow {
        /// The table.
        table: &'static str,
        /// The row id.
        id: i64,
        /// The column.
        field: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The random source for unique ids failed.
    #[error("cannot make a unique id: {0}")]
    Random(String),
    /// The event file is no longer where it was opened (moved, deleted, or
    /// its USB stick pulled out): nothing is written until it is back.
    #[error(
        "the event file {path} is gone (moved, deleted, or its disk was removed): nothing was saved; put it back, then try again"
    )]
    FileGone {
        /// The database path.
        path: PathBuf,
    },
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Trouble with the disk or another program, as a desk would say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// Another connection held the write lock past the busy timeout.
    Busy,
    /// The file cannot be written any more.
    ReadOnly,
    /// The operating system failed a read or a write.
    Io,
}

impl StoreError {
    /// The disk's or another program's part in this error, if it had one.
    pub fn trouble(&self) -> Option<Trouble> {
        let StoreError::Sqlite(e) = self else { return None };
        match e.sqlite_error_code()? {
            rusqlite::ErrorCode::DiskFull => Some(Trouble::DiskFull),
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => Some(Trouble::Busy),
            rusqlite::ErrorCode::ReadOnly => Some(Trouble::ReadOnly),
            rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::CannotOpen => Some(Trouble::Io),
            _ => None,
        }
    }
}
