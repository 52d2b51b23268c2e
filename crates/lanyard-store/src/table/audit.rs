//! The `audit_log` table: append-only; triggers reject UPDATE, DELETE and
//! (with `recursive_triggers` on every connection) REPLACE.

use lanyard_core::{AuditAction, DeskId, DeskName, OperatorName, RandomSource, Timestamp, Uid};
use rusqlite::{Connection, named_params};

use crate::StoreError;

/// One line of the audit log: who did what, when, at which desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When it happened.
    pub at: Timestamp,
    /// Which desk, by name at the time.
    pub desk: DeskName,
    /// Which desk installation.
    pub desk_id: DeskId,
    /// Which volunteer, if one had started a shift.
    pub operator: Option<OperatorName>,
    /// What was done, with its fields.
    pub action: AuditAction,
}

/// An audit entry as read back: the action is typed when this build knows
/// it, and kept as its name and JSON fields otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// Its number in the log.
    pub id: i64,
    /// When it happened.
    pub at: Timestamp,
    /// The desk's name.
    pub desk: String,
    /// The volunteer's name, or "(no operator)".
    pub operator: String,
    /// The action's name.
    pub action: String,
    /// The action's fields as JSON.
    pub fields_json: String,
    /// The typed action, when this build knows it.
    pub typed: Option<AuditAction>,
}

/// What the `operator` column holds when nobody had started a shift.
pub const NO_OPERATOR: &str = "(no operator)";

pub(crate) fn append(
    conn: &Connection,
    e: &AuditEntry,
    random: &dyn RandomSource,
) -> Result<i64, StoreError> {
    let uid = Uid::new(e.at, random).map_err(|err| StoreError::Random(err.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO audit_log (uid, recorded_at, desk, desk_id, operator, action, subject, detail_json)
         VALUES (:uid, :at, :desk, :desk_id, :operator, :action, '', :detail)",
    )?
    .execute(named_params! {
        ":uid": uid.as_str(),
        ":at": e.at.to_rfc3339(),
        ":desk": e.desk.as_str(),
        ":desk_id": e.desk_id.as_str(),
        ":operator": e.operator.as_ref().map_or(NO_OPERATOR, OperatorName::as_str),
        ":action": e.action.name(),
        ":detail": e.action.fields_json(),
    })?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<AuditRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, recorded_at, desk, operator, action, subject, detail_json FROM audit_log ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, desk, operator, action, _subject, fields_json) = row?;
        let at = super::timestamp("audit_log", id, "recorded_at", &at)?;
        let typed = AuditAction::from_parts(&action, &fields_json);
        out.push(AuditRecord { id, at, desk, operator, action, fields_json, typed });
    }
    Ok(out)
}
