//! The `lead` and `pin_attempt` tables: leads' PIN hashes and every attempt.

use lanyard_core::{DeskName, OperatorName, RandomSource, Timestamp, Uid};
use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

/// A lead as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadRow {
    /// The lead's name, unique among active leads.
    pub name: String,
    /// The Argon2id hash of their PIN.
    pub pin_hash: String,
    /// When the lead was added.
    pub created_at: Timestamp,
}

/// One PIN attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinAttempt {
    /// When.
    pub at: Timestamp,
    /// At which desk.
    pub desk: DeskName,
    /// The volunteer at that desk, if a shift was open.
    pub operator: Option<OperatorName>,
    /// The lead whose PIN was tried, as typed.
    pub lead_name: String,
    /// Whether the PIN was right.
    pub success: bool,
    /// What the PIN was for (`undo_check_in`, `add_lead`, ...).
    pub purpose: &'static str,
}

pub(crate) fn active(conn: &Connection) -> Result<Vec<LeadRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, pin_hash, created_at FROM lead WHERE removed_at IS NULL ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, pin_hash, at) = row?;
        out.push(LeadRow { name, pin_hash, created_at: super::timestamp("lead", id, "created_at", &at)? });
    }
    Ok(out)
}

pub(crate) fn by_name(conn: &Connection, name: &str) -> Result<Option<LeadRow>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT id, name, pin_hash, created_at FROM lead WHERE name = :name AND removed_at IS NULL",
        )?
        .query_row(named_params! { ":name": name }, |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .optional()?;
    row.map(|(id, name, pin_hash, at)| {
        Ok(LeadRow { name, pin_hash, created_at: super::timestamp("lead", id, "created_at", &at)? })
    })
    .transpose()
}

pub(crate) fn insert(
    conn: &Connection,
    name: &OperatorName,
    pin_hash: &str,
    at: Timestamp,
    random: &dyn RandomSource,
) -> Result<(), StoreError> {
    let uid = Uid::new(at, random).map_err(|e| StoreError::Random(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO lead (uid, name, pin_hash, created_at) VALUES (:uid, :name, :hash, :at)",
    )?
    .execute(named_params! {
        ":uid": uid.as_str(), ":name": name.as_str(), ":hash": pin_hash, ":at": at.to_rfc3339(),
    })?;
    Ok(())
}

pub(crate) fn remove(conn: &Connection, name: &OperatorName, at: Timestamp) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached("UPDATE lead SET removed_at = :at WHERE name = :name AND removed_at IS NULL")?
        .execute(named_params! { ":name": name.as_str(), ":at": at.to_rfc3339() })?;
    Ok(changed > 0)
}

pub(crate) fn record_attempt(
    conn: &Connection,
    a: &PinAttempt,
    random: &dyn RandomSource,
) -> Result<(), StoreError> {
    let uid = Uid::new(a.at, random).map_err(|e| StoreError::Random(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO pin_attempt (uid, attempted_at, desk, operator, lead_name, success, purpose)
         VALUES (:uid, :at, :desk, :operator, :lead, :success, :purpose)",
    )?
    .execute(named_params! {
        ":uid": uid.as_str(),
        ":at": a.at.to_rfc3339(),
        ":desk": a.desk.as_str(),
        ":operator": a.operator.as_ref().map_or(super::audit::NO_OPERATOR, OperatorName::as_str),
        ":lead": a.lead_name,
        ":success": a.success,
        ":purpose": a.purpose,
    })?;
    Ok(())
}

/// The most recent attempts, oldest first (enough to decide the lock-out).
pub(crate) fn recent_attempts(conn: &Connection, count: usize) -> Result<Vec<(Timestamp, bool)>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, attempted_at, success FROM pin_attempt ORDER BY id DESC LIMIT :count")?;
    let rows = stmt.query_map(named_params! { ":count": count as i64 }, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, ok) = row?;
        out.push((super::timestamp("pin_attempt", id, "attempted_at", &at)?, ok));
    }
    out.reverse();
    Ok(out)
}
