//! The `idempotency` table: the first result of each mutating action.

use lanyard_core::Timestamp;
use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<(String, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT action, result_json FROM idempotency WHERE key = :key")?
        .query_row(named_params! { ":key": key }, |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub(crate) fn put(
    conn: &Connection,
    key: &str,
    action: &str,
    result_json: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO idempotency (key, action, result_json, created_at)
         VALUES (:key, :action, :result, :at)",
    )?
    .execute(
        named_params! { ":key": key, ":action": action, ":result": result_json, ":at": at.to_rfc3339() },
    )?;
    Ok(())
}
