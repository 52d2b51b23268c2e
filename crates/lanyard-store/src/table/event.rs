//! The `event` table: the one event a database file holds.

use lanyard_core::Timestamp;
use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

/// The event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// The event's name.
    pub name: String,
    /// ISO 4217 code of the currency its money is counted in.
    pub currency: String,
    /// When the event was created in this file.
    pub created_at: Timestamp,
}

pub(crate) fn get(conn: &Connection) -> Result<Option<EventRow>, StoreError> {
    let row = conn
        .prepare_cached("SELECT name, currency, created_at FROM event WHERE id = 1")?
        .query_row([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .optional()?;
    row.map(|(name, currency, at)| {
        let created_at = super::timestamp("event", 1, "created_at", &at)?;
        Ok(EventRow { name, currency, created_at })
    })
    .transpose()
}

pub(crate) fn create(conn: &Connection, name: &str, currency: &str, at: Timestamp) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO event (id, name, currency, created_at) VALUES (1, :name, :currency, :at)",
    )?
    .execute(named_params! { ":name": name, ":currency": currency, ":at": at.to_rfc3339() })?;
    Ok(())
}
