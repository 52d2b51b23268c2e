//! The `check_in` table: arrivals, at most one active per attendee.

use lanyard_core::{AttendeeId, CheckIn, DeskName, OperatorName, RandomSource, ShiftId, Uid};
use rusqlite::{Connection, OptionalExtension, Row, named_params};
use std::collections::HashMap;

use crate::StoreError;

fn read(r: &Row<'_>) -> rusqlite::Result<(i64, i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn validate(
    (id, attendee, at, desk, operator): (i64, i64, String, String, String),
) -> Result<CheckIn, StoreError> {
    let bad = |field, detail: String| StoreError::BadRow { table: "check_in", id, field, detail };
    Ok(CheckIn {
        attendee_id: AttendeeId(attendee),
        at: super::timestamp("check_in", id, "checked_in_at", &at)?,
        desk: DeskName::parse(&desk).map_err(|e| bad("desk", e.to_string()))?,
        operator: OperatorName::parse(&operator).map_err(|e| bad("operator", e.to_string()))?,
    })
}

pub(crate) fn active(conn: &Connection, id: AttendeeId) -> Result<Option<CheckIn>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT id, attendee_id, checked_in_at, desk, operator FROM check_in
             WHERE attendee_id = :attendee AND undone_at IS NULL",
        )?
        .query_row(named_params! { ":attendee": id.0 }, read)
        .optional()?;
    row.map(validate).transpose()
}

/// The active check-ins of several attendees, in one query.
pub(crate) fn active_many(
    conn: &Connection,
    ids: &[AttendeeId],
) -> Result<HashMap<AttendeeId, CheckIn>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, attendee_id, checked_in_at, desk, operator FROM check_in
         WHERE undone_at IS NULL AND attendee_id IN (SELECT value FROM json_each(:ids))",
    )?;
    let rows = stmt.query_map(named_params! { ":ids": super::id_list(ids) }, read)?;
    let mut out = HashMap::new();
    for row in rows {
        let c = validate(row?)?;
        out.insert(c.attendee_id, c);
    }
    Ok(out)
}

pub(crate) fn insert(
    conn: &Connection,
    c: &CheckIn,
    shift: Option<&ShiftId>,
    random: &dyn RandomSource,
) -> Result<i64, StoreError> {
    let uid = Uid::new(c.at, random).map_err(|e| StoreError::Random(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO check_in (uid, attendee_id, checked_in_at, desk, operator, shift_uid)
         VALUES (:uid, :attendee, :at, :desk, :operator, :shift)",
    )?
    .execute(named_params! {
        ":uid": uid.as_str(),
        ":shift": shift.map(ShiftId::as_str),
        ":attendee": c.attendee_id.0,
        ":at": c.at.to_rfc3339(),
        ":desk": c.desk.as_str(),
        ":operator": c.operator.as_str(),
    })?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn active_count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM check_in WHERE undone_at IS NULL")?
        .query_row([], |r| r.get(0))?)
}

/// Marks the attendee's active check-in as undone; false when there was none.
pub(crate) fn undo(
    conn: &Connection,
    id: AttendeeId,
    at: &str,
    by: &OperatorName,
    reason: &str,
) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE check_in SET undone_at = :at, undone_by = :by, undo_reason = :reason
             WHERE attendee_id = :attendee AND undone_at IS NULL",
        )?
        .execute(named_params! { ":attendee": id.0, ":at": at, ":by": by.as_str(), ":reason": reason })?;
    Ok(changed > 0)
}

/// Every active check-in, oldest first.
pub(crate) fn all_active(conn: &Connection) -> Result<Vec<CheckIn>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, attendee_id, checked_in_at, desk, operator FROM check_in
         WHERE undone_at IS NULL ORDER BY checked_in_at, id",
    )?;
    let rows = stmt.query_map([], read)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(validate(row?)?);
    }
    Ok(out)
}
