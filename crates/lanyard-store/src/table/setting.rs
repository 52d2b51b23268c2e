//! The `setting` table: key/value settings of this desk install.

use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM setting WHERE key = :key")?
        .query_row(named_params! { ":key": key }, |r| r.get(0))
        .optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO setting (key, value) VALUES (:key, :value)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(named_params! { ":key": key, ":value": value })?;
    Ok(())
}
