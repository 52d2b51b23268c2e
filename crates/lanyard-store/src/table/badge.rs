//! The `badge_template` and `print_job` tables.

use lanyard_core::{AttendeeId, DeskName, RandomSource, ShiftId, Timestamp, Uid};
use rusqlite::{Connection, OptionalExtension, named_params};
use std::collections::HashMap;

use crate::StoreError;

/// One print job as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// Whose badge.
    pub attendee_id: AttendeeId,
    /// When it was sent.
    pub at: Timestamp,
    /// From which desk.
    pub desk: DeskName,
    /// By whom (the operator's name, or "(no operator)").
    pub operator: String,
    /// In which shift, if one was open.
    pub shift: Option<ShiftId>,
    /// To which queue.
    pub printer: String,
    /// True when CUPS accepted it.
    pub printed: bool,
    /// CUPS's job id, when accepted.
    pub cups_job: Option<String>,
    /// CUPS's words when refused.
    pub message: String,
}

pub(crate) fn template(conn: &Connection) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT toml FROM badge_template WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_template(conn: &Connection, toml: &str, at: Timestamp) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO badge_template (id, toml, updated_at) VALUES (1, :toml, :at)
         ON CONFLICT (id) DO UPDATE SET toml = excluded.toml, updated_at = excluded.updated_at",
    )?
    .execute(named_params! { ":toml": toml, ":at": at.to_rfc3339() })?;
    Ok(())
}

pub(crate) fn logo(conn: &Connection) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT png FROM badge_logo WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_logo(conn: &Connection, png: Option<&[u8]>, at: Timestamp) -> Result<(), StoreError> {
    match png {
        Some(png) => conn
            .prepare_cached(
                "INSERT INTO badge_logo (id, png, updated_at) VALUES (1, :png, :at)
                 ON CONFLICT (id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at",
            )?
            .execute(named_params! { ":png": png, ":at": at.to_rfc3339() })?,
        None => conn.prepare_cached("DELETE FROM badge_logo")?.execute([])?,
    };
    Ok(())
}

pub(crate) fn insert_job(
    conn: &Connection,
    job: &PrintJob,
    random: &dyn RandomSource,
) -> Result<(), StoreError> {
    let uid = Uid::new(job.at, random).map_err(|e| StoreError::Random(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO print_job (uid, attendee_id, requested_at, desk, operator, printer, status, cups_job,
             message, shift_uid)
         VALUES (:uid, :attendee, :at, :desk, :operator, :printer, :status, :job, :message, :shift)",
    )?
    .execute(named_params! {
        ":uid": uid.as_str(),
        ":shift": job.shift.as_ref().map(ShiftId::as_str),
        ":attendee": job.attendee_id.0,
        ":at": job.at.to_rfc3339(),
        ":desk": job.desk.as_str(),
        ":operator": job.operator,
        ":printer": job.printer,
        ":status": if job.printed { "printed" } else { "failed" },
        ":job": job.cups_job,
        ":message": job.message,
    })?;
    Ok(())
}

pub(crate) fn jobs_for(conn: &Connection, id: AttendeeId) -> Result<Vec<PrintJob>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, attendee_id, requested_at, desk, operator, printer, status, cups_job, message, shift_uid
         FROM print_job WHERE attendee_id = :attendee ORDER BY id",
    )?;
    let rows = stmt.query_map(named_params! { ":attendee": id.0 }, read)?;
    rows.map(|r| r.map_err(StoreError::from).and_then(validate)).collect()
}

/// The print jobs of several attendees, in one query, oldest first.
pub(crate) fn jobs_for_many(
    conn: &Connection,
    ids: &[AttendeeId],
) -> Result<HashMap<AttendeeId, Vec<PrintJob>>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, attendee_id, requested_at, desk, operator, printer, status, cups_job, message, shift_uid
         FROM print_job WHERE attendee_id IN (SELECT value FROM json_each(:ids)) ORDER BY id",
    )?;
    let rows = stmt.query_map(named_params! { ":ids": super::id_list(ids) }, read)?;
    let mut out: HashMap<AttendeeId, Vec<PrintJob>> = HashMap::new();
    for row in rows {
        let job = validate(row?)?;
        out.entry(job.attendee_id).or_default().push(job);
    }
    Ok(out)
}

/// Printed badges per attendee (accepted jobs only).
pub(crate) fn printed_counts(conn: &Connection) -> Result<HashMap<AttendeeId, i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT attendee_id, count(*) FROM print_job WHERE status = 'printed' GROUP BY attendee_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((AttendeeId(r.get(0)?), r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Attendees whose latest job failed: their badges wait for a retry.
pub(crate) fn pending(conn: &Connection) -> Result<Vec<AttendeeId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT attendee_id FROM print_job p
         WHERE id = (SELECT max(id) FROM print_job q WHERE q.attendee_id = p.attendee_id) AND status = 'failed'
         ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| Ok(AttendeeId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

type Raw = (i64, i64, String, String, String, String, String, Option<String>, String, Option<String>);

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn validate(
    (id, attendee, at, desk, operator, printer, status, cups_job, message, shift): Raw,
) -> Result<PrintJob, StoreError> {
    let bad = |field, detail: String| StoreError::BadRow { table: "print_job", id, field, detail };
    Ok(PrintJob {
        attendee_id: AttendeeId(attendee),
        at: super::timestamp("print_job", id, "requested_at", &at)?,
        desk: DeskName::parse(&desk).map_err(|e| bad("desk", e.to_string()))?,
        operator,
        shift: shift
            .map(|s| Uid::parse(&s).map(ShiftId))
            .transpose()
            .map_err(|e| bad("shift_uid", e.to_string()))?,
        printer,
        printed: status == "printed",
        cups_job,
        message,
    })
}
