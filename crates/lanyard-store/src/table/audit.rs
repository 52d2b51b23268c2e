//! The `audit_log` table: append-only; triggers reject UPDATE and DELETE.

use lanyard_core::Timestamp;
use rusqlite::{Connection, named_params};

use crate::StoreError;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When it happened.
    pub at: Timestamp,
    /// Which desk.
    pub desk: String,
    /// Which volunteer.
    pub operator: String,
    /// What was done, in snake case (`check_in`, `create_event`, ...).
    pub action: String,
    /// What it was done to (an attendee id, a badge code, ...).
    pub subject: String,
    /// Anything else worth keeping, as JSON.
    pub detail_json: String,
}

pub(crate) fn append(conn: &Connection, e: &AuditEntry) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit_log (recorded_at, desk, operator, action, subject, detail_json)
         VALUES (:at, :desk, :operator, :action, :subject, :detail)",
    )?
    .execute(named_params! {
        ":at": e.at.to_rfc3339(),
        ":desk": e.desk,
        ":operator": e.operator,
        ":action": e.action,
        ":subject": e.subject,
        ":detail": e.detail_json,
    })?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, recorded_at, desk, operator, action, subject, detail_json FROM audit_log ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, desk, operator, action, subject, detail_json) = row?;
        let at = super::timestamp("audit_log", id, "recorded_at", &at)?;
        out.push(AuditEntry { at, desk, operator, action, subject, detail_json });
    }
    Ok(out)
}
