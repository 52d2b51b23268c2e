//! The `shift` table: who works which desk installation, from when to when.
//! At most one shift is open per desk (a partial unique index).

use lanyard_core::{DeskId, DeskName, OperatorName, ShiftId, Timestamp, Uid};
use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

/// A shift as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftRow {
    /// The shift's id.
    pub id: ShiftId,
    /// The desk installation.
    pub desk_id: DeskId,
    /// The desk's name when the shift opened.
    pub desk_name: DeskName,
    /// The volunteer.
    pub operator: OperatorName,
    /// When it opened.
    pub opened_at: Timestamp,
    /// When it closed, if it did.
    pub closed_at: Option<Timestamp>,
}

type Raw = (i64, String, String, String, String, String, Option<String>);

fn validate((row, uid, desk_id, desk_name, operator, opened, closed): Raw) -> Result<ShiftRow, StoreError> {
    let bad = |field, detail: String| StoreError::BadRow { table: "shift", id: row, field, detail };
    Ok(ShiftRow {
        id: ShiftId(Uid::parse(&uid).map_err(|e| bad("uid", e.to_string()))?),
        desk_id: DeskId(Uid::parse(&desk_id).map_err(|e| bad("desk_id", e.to_string()))?),
        desk_name: DeskName::parse(&desk_name).map_err(|e| bad("desk_name", e.to_string()))?,
        operator: OperatorName::parse(&operator).map_err(|e| bad("operator", e.to_string()))?,
        opened_at: super::timestamp("shift", row, "opened_at", &opened)?,
        closed_at: closed.map(|c| super::timestamp("shift", row, "closed_at", &c)).transpose()?,
    })
}

pub(crate) fn open_for(conn: &Connection, desk: &DeskId) -> Result<Option<ShiftRow>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT id, uid, desk_id, desk_name, operator, opened_at, closed_at FROM shift
             WHERE desk_id = :desk AND closed_at IS NULL",
        )?
        .query_row(named_params! { ":desk": desk.as_str() }, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .optional()?;
    row.map(validate).transpose()
}

pub(crate) fn insert(conn: &Connection, s: &ShiftRow) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO shift (uid, desk_id, desk_name, operator, opened_at)
         VALUES (:uid, :desk_id, :desk_name, :operator, :at)",
    )?
    .execute(named_params! {
        ":uid": s.id.as_str(),
        ":desk_id": s.desk_id.as_str(),
        ":desk_name": s.desk_name.as_str(),
        ":operator": s.operator.as_str(),
        ":at": s.opened_at.to_rfc3339(),
    })?;
    Ok(())
}

/// Closes a shift; false when it was not open.
pub(crate) fn close(conn: &Connection, id: &ShiftId, at: Timestamp) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached("UPDATE shift SET closed_at = :at WHERE uid = :uid AND closed_at IS NULL")?
        .execute(named_params! { ":uid": id.as_str(), ":at": at.to_rfc3339() })?;
    Ok(changed > 0)
}
