//! The `idempotency` table: the first result of each mutating action, with
//! a fingerprint of the request it answered. Append-only.

use lanyard_core::Timestamp;
use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

/// What was remembered under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    /// The action the key was first used for.
    pub action: String,
    /// The SHA-256 of the first request (absent for keys older than schema 6).
    pub request_hash: Option<String>,
    /// The first result, as JSON.
    pub result_json: String,
}

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<Remembered>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT action, request_hash, result_json FROM idempotency WHERE key = :key")?
        .query_row(named_params! { ":key": key }, |r| {
            Ok(Remembered { action: r.get(0)?, request_hash: r.get(1)?, result_json: r.get(2)? })
        })
        .optional()?)
}

pub(crate) fn put(
    conn: &Connection,
    key: &str,
    remembered: &Remembered,
    at: Timestamp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO idempotency (key, action, request_hash, result_json, created_at)
         VALUES (:key, :action, :hash, :result, :at)",
    )?
    .execute(named_params! {
        ":key": key,
        ":action": remembered.action,
        ":hash": remembered.request_hash,
        ":result": remembered.result_json,
        ":at": at.to_rfc3339(),
    })?;
    Ok(())
}
