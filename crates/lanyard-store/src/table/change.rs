//! The `change_log` table: every committed write, numbered, so that every
//! engine on the file (another window, the command line, later the sync
//! from other desks) can follow what changed. Append-only.

use lanyard_core::{AttendeeId, DeskId, Timestamp};
use rusqlite::{Connection, named_params};

use crate::StoreError;

/// What a change touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Attendees, their check-ins or their print jobs.
    Attendees,
    /// The event, its template, logo or settings.
    Event,
    /// Leads.
    Leads,
    /// Shifts.
    Shifts,
}

impl ChangeKind {
    fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Attendees => "attendees",
            ChangeKind::Event => "event",
            ChangeKind::Leads => "leads",
            ChangeKind::Shifts => "shifts",
        }
    }

    fn parse(text: &str) -> Option<ChangeKind> {
        [ChangeKind::Attendees, ChangeKind::Event, ChangeKind::Leads, ChangeKind::Shifts]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// One numbered change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its number: later changes have larger numbers.
    pub seq: i64,
    /// What it touched.
    pub kind: ChangeKind,
    /// The attendees it touched; `None` when it may have touched any.
    pub attendees: Option<Vec<AttendeeId>>,
}

pub(crate) fn append(
    conn: &Connection,
    at: Timestamp,
    desk: &DeskId,
    kind: ChangeKind,
    attendees: Option<&[AttendeeId]>,
) -> Result<i64, StoreError> {
    let list = attendees.map(|ids| ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(","));
    conn.prepare_cached(
        "INSERT INTO change_log (recorded_at, desk_id, kind, attendees) VALUES (:at, :desk, :kind, :list)",
    )?
    .execute(named_params! {
        ":at": at.to_rfc3339(), ":desk": desk.as_str(), ":kind": kind.as_str(), ":list": list,
    })?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn last_seq(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM change_log")?.query_row([], |r| r.get(0))?)
}

/// Changes after `seq`, oldest first, at most `limit` of them.
pub(crate) fn since(conn: &Connection, seq: i64, limit: usize) -> Result<Vec<Change>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, kind, attendees FROM change_log WHERE seq > :seq ORDER BY seq LIMIT :limit",
    )?;
    let rows = stmt.query_map(named_params! { ":seq": seq, ":limit": limit as i64 }, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, kind, list) = row?;
        let bad =
            |detail: String| StoreError::BadRow { table: "change_log", id: seq, field: "attendees", detail };
        let kind = ChangeKind::parse(&kind).ok_or_else(|| bad(format!("unknown kind {kind:?}")))?;
        let attendees = match list {
            None => None,
            Some(text) if text.is_empty() => Some(Vec::new()),
            Some(text) => Some(
                text.split(',')
                    .map(|id| id.parse().map(AttendeeId).map_err(|_| bad(format!("bad id {id:?}"))))
                    .collect::<Result<_, _>>()?,
            ),
        };
        out.push(Change { seq, kind, attendees });
    }
    Ok(out)
}
