//! The one migration runner: forward-only numbered SQL files, embedded in
//! the binary, each applied in its own transaction with its version bump.
//!
//! `PRAGMA user_version` holds the number of the last migration applied. A
//! file whose version is higher than [`LATEST_VERSION`] is refused before
//! anything is written (see `open.rs`).

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// Every migration, in order: (number, SQL). Numbers start at 1 and have no
/// gaps; the tidy tests check this list against the `migrations/` folder.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_initial.sql")),
    (2, include_str!("../migrations/0002_attendee_sources.sql")),
    (3, include_str!("../migrations/0003_leads_and_undo.sql")),
    (4, include_str!("../migrations/0004_badges.sql")),
    (5, include_str!("../migrations/0005_badge_logo.sql")),
    (6, include_str!("../migrations/0006_engine.sql")),
    (7, include_str!("../migrations/0007_ticket_reference.sql")),
    (8, include_str!("../migrations/0008_lead_history.sql")),
    (9, include_str!("../migrations/0009_cash.sql")),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration newer than the file's `user_version`.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let fail = |source| StoreError::Migration { version, source };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", version).map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}
