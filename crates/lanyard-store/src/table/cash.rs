//! The cash box's tables: `price`, `cash_setting`, `cash_shift`,
//! `cash_entry` (the ledger) and `cash_day` (closed days).
//!
//! Ledger rows are [`lanyard_core::cash::Entry`] values, written once and
//! read back field for field, so that the hash the app computed when it
//! booked an entry can be checked against what the file holds now. The
//! schema refuses updates, deletes, replacements, numbers out of sequence
//! and entries into a closed day (migration 0009).

use lanyard_core::Timestamp;
use lanyard_core::cash::{Count, Entry, EntryKind, Method};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::StoreError;

/// A ticket type's price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceRow {
    /// The ticket type.
    pub ticket_type: String,
    /// Its price in minor units.
    pub amount_minor: i64,
    /// The currency.
    pub currency: String,
    /// Its place in the list.
    pub position: i64,
}

/// How the event's cash is counted and rounded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CashSettingsRow {
    /// The event's own denominations (minor units), if it set them.
    pub denominations: Option<Vec<i64>>,
    /// The cash rounding increment in minor units (1: none).
    pub rounding_minor: i64,
    /// The closing difference a volunteer may record without a lead.
    pub tolerance_minor: i64,
}

/// A cash shift as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashShiftRow {
    /// Its globally unique id.
    pub uid: String,
    /// The drawer.
    pub drawer: String,
    /// The desk's name when it opened.
    pub desk_name: String,
    /// The volunteer.
    pub operator: String,
    /// The business day it opened on.
    pub day: String,
    /// When it opened.
    pub opened_at: Timestamp,
    /// When it closed.
    pub closed_at: Option<Timestamp>,
}

/// A closed day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashDayRow {
    /// The day.
    pub day: String,
    /// When it was closed.
    pub closed_at: Timestamp,
    /// Who closed it.
    pub closed_by: String,
    /// The lead who allowed it.
    pub lead: String,
}

const ENTRY_COLUMNS: &str =
    "id, uid, drawer, seq, day, at_millis, shift, operator, kind, method, amount_minor,
    currency, receipt, ticket_type, attendee, reference, reason, witness, lead, reverses, count,
    tendered_minor, change_minor, prev_hash, hash";

fn entry(r: &Row<'_>) -> rusqlite::Result<(i64, Result<Entry, StoreError>)> {
    let id: i64 = r.get(0)?;
    let bad =
        |field: &'static str, detail: String| StoreError::BadRow { table: "cash_entry", id, field, detail };
    let kind: String = r.get(8)?;
    let method: Option<String> = r.get(9)?;
    let count: Option<String> = r.get(20)?;
    let built = (|| {
        Ok(Entry {
            uid: r.get(1)?,
            drawer: r.get(2)?,
            seq: r.get(3)?,
            day: r.get(4)?,
            at: Timestamp(r.get(5)?),
            shift: r.get(6)?,
            operator: r.get(7)?,
            kind: EntryKind::parse(&kind).ok_or_else(|| bad("kind", kind.clone()))?,
            method: method
                .as_deref()
                .map(|m| Method::parse(m).ok_or_else(|| bad("method", m.to_owned())))
                .transpose()?,
            amount: r.get(10)?,
            currency: r.get(11)?,
            receipt: r.get(12)?,
            ticket_type: r.get(13)?,
            attendee: r.get(14)?,
            reference: r.get(15)?,
            reason: r.get(16)?,
            witness: r.get(17)?,
            lead: r.get(18)?,
            reverses: r.get(19)?,
            count: count
                .as_deref()
                .map(Count::from_canonical)
                .transpose()
                .map_err(|e| bad("count", e.to_string()))?,
            tendered: r.get(21)?,
            change: r.get(22)?,
            prev_hash: r.get(23)?,
            hash: r.get(24)?,
        })
    })();
    Ok((id, built))
}

fn entries(
    conn: &Connection,
    filter: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<Entry>, StoreError> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM cash_entry WHERE {filter}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, entry)?;
    let mut out = Vec::new();
    for row in rows {
        let (_, e) = row?;
        out.push(e?);
    }
    Ok(out)
}

pub(crate) fn prices(conn: &Connection) -> Result<Vec<PriceRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT ticket_type, amount_minor, currency, position FROM price ORDER BY position, ticket_type",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PriceRow {
            ticket_type: r.get(0)?,
            amount_minor: r.get(1)?,
            currency: r.get(2)?,
            position: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn set_price(conn: &Connection, p: &PriceRow, at: Timestamp, by: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO price (ticket_type, amount_minor, currency, position, updated_at, updated_by)
         VALUES (:t, :a, :c, coalesce((SELECT position FROM price WHERE ticket_type = :t),
                                      (SELECT coalesce(max(position), 0) + 1 FROM price)), :at, :by)
         ON CONFLICT (ticket_type) DO UPDATE SET amount_minor = :a, currency = :c, updated_at = :at, updated_by = :by",
    )?
    .execute(named_params! {
        ":t": p.ticket_type, ":a": p.amount_minor, ":c": p.currency, ":at": at.to_rfc3339(), ":by": by,
    })?;
    Ok(())
}

pub(crate) fn remove_price(conn: &Connection, ticket_type: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM price WHERE ticket_type = :t")?
        .execute(named_params! { ":t": ticket_type })?
        > 0)
}

pub(crate) fn settings(conn: &Connection) -> Result<CashSettingsRow, StoreError> {
    let row: Option<(Option<String>, i64, i64)> = conn
        .prepare_cached(
            "SELECT denominations, rounding_minor, tolerance_minor FROM cash_setting WHERE id = 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((denominations, rounding_minor, tolerance_minor)) = row else {
        return Ok(CashSettingsRow { denominations: None, rounding_minor: 1, tolerance_minor: 0 });
    };
    let denominations = denominations
        .map(|text| {
            text.split(',')
                .map(|v| {
                    v.trim().parse::<i64>().map_err(|_| StoreError::BadRow {
                        table: "cash_setting",
                        id: 1,
                        field: "denominations",
                        detail: text.clone(),
                    })
                })
                .collect::<Result<Vec<i64>, _>>()
        })
        .transpose()?;
    Ok(CashSettingsRow { denominations, rounding_minor, tolerance_minor })
}

pub(crate) fn set_settings(conn: &Connection, s: &CashSettingsRow, at: Timestamp) -> Result<(), StoreError> {
    let denominations =
        s.denominations.as_ref().map(|d| d.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    conn.prepare_cached(
        "INSERT INTO cash_setting (id, denominations, rounding_minor, tolerance_minor, updated_at)
         VALUES (1, :d, :r, :t, :at)
         ON CONFLICT (id) DO UPDATE SET denominations = :d, rounding_minor = :r, tolerance_minor = :t, updated_at = :at",
    )?
    .execute(named_params! { ":d": denominations, ":r": s.rounding_minor, ":t": s.tolerance_minor, ":at": at.to_rfc3339() })?;
    Ok(())
}

/// A `cash_shift` row as read, before its times are checked.
type RawShift = (String, String, String, String, String, String, Option<String>);

fn shift_row(r: &Row<'_>) -> rusqlite::Result<RawShift> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn validate_shift(raw: RawShift) -> Result<CashShiftRow, StoreError> {
    let (uid, drawer, desk_name, operator, day, opened, closed) = raw;
    Ok(CashShiftRow {
        opened_at: super::timestamp("cash_shift", 0, "opened_at", &opened)?,
        closed_at: closed.map(|c| super::timestamp("cash_shift", 0, "closed_at", &c)).transpose()?,
        uid,
        drawer,
        desk_name,
        operator,
        day,
    })
}

const SHIFT_COLUMNS: &str = "uid, drawer, desk_name, operator, day, opened_at, closed_at";

pub(crate) fn open_shift(conn: &Connection, drawer: &str) -> Result<Option<CashShiftRow>, StoreError> {
    let sql = format!("SELECT {SHIFT_COLUMNS} FROM cash_shift WHERE drawer = :d AND closed_at IS NULL");
    let row = conn.prepare_cached(&sql)?.query_row(named_params! { ":d": drawer }, shift_row).optional()?;
    row.map(validate_shift).transpose()
}

pub(crate) fn shift(conn: &Connection, uid: &str) -> Result<Option<CashShiftRow>, StoreError> {
    let sql = format!("SELECT {SHIFT_COLUMNS} FROM cash_shift WHERE uid = :u");
    let row = conn.prepare_cached(&sql)?.query_row(named_params! { ":u": uid }, shift_row).optional()?;
    row.map(validate_shift).transpose()
}

/// Shifts that opened on `day`, or that hold entries of it, oldest first.
pub(crate) fn shifts_of_day(conn: &Connection, day: &str) -> Result<Vec<CashShiftRow>, StoreError> {
    let sql = format!(
        "SELECT {SHIFT_COLUMNS} FROM cash_shift WHERE day = :day
            OR uid IN (SELECT DISTINCT shift FROM cash_entry WHERE day = :day)
         ORDER BY opened_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(named_params! { ":day": day }, shift_row)?;
    rows.map(|r| validate_shift(r?)).collect()
}

pub(crate) fn open_shifts(conn: &Connection) -> Result<Vec<CashShiftRow>, StoreError> {
    let sql = format!("SELECT {SHIFT_COLUMNS} FROM cash_shift WHERE closed_at IS NULL ORDER BY opened_at");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], shift_row)?;
    rows.map(|r| validate_shift(r?)).collect()
}

pub(crate) fn insert_shift(conn: &Connection, s: &CashShiftRow) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO cash_shift (uid, drawer, desk_name, operator, day, opened_at)
         VALUES (:u, :d, :n, :o, :day, :at)",
    )?
    .execute(named_params! {
        ":u": s.uid, ":d": s.drawer, ":n": s.desk_name, ":o": s.operator, ":day": s.day,
        ":at": s.opened_at.to_rfc3339(),
    })?;
    Ok(())
}

pub(crate) fn close_shift(conn: &Connection, uid: &str, at: Timestamp) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE cash_shift SET closed_at = :at WHERE uid = :u AND closed_at IS NULL")?
        .execute(named_params! { ":u": uid, ":at": at.to_rfc3339() })?
        > 0)
}

/// The drawer's last entry number and hash (0 and the genesis hash when empty).
pub(crate) fn chain_head(conn: &Connection, drawer: &str) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM cash_entry WHERE drawer = :d ORDER BY seq DESC LIMIT 1")?
        .query_row(named_params! { ":d": drawer }, |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A drawer's last entry booked on `day` or before (business days are
/// `YYYY-MM-DD`, so they order as text): where a day's report anchors it.
pub(crate) fn chain_head_on(
    conn: &Connection,
    drawer: &str,
    day: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT seq, hash FROM cash_entry WHERE drawer = :d AND day <= :day ORDER BY seq DESC LIMIT 1",
        )?
        .query_row(named_params! { ":d": drawer, ":day": day }, |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub(crate) fn insert_entry(conn: &Connection, e: &Entry) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO cash_entry (uid, drawer, seq, day, at, at_millis, shift, operator, kind, method,
             amount_minor, currency, receipt, ticket_type, attendee, reference, reason, witness, lead,
             reverses, count, tendered_minor, change_minor, prev_hash, hash)
         VALUES (:uid, :drawer, :seq, :day, :at, :at_millis, :shift, :operator, :kind, :method,
             :amount, :currency, :receipt, :ticket_type, :attendee, :reference, :reason, :witness, :lead,
             :reverses, :count, :tendered, :change, :prev_hash, :hash)",
    )?
    .execute(named_params! {
        ":uid": e.uid, ":drawer": e.drawer, ":seq": e.seq, ":day": e.day, ":at": e.at.to_rfc3339(),
        ":at_millis": e.at.0, ":shift": e.shift, ":operator": e.operator, ":kind": e.kind.as_str(),
        ":method": e.method.map(Method::as_str), ":amount": e.amount, ":currency": e.currency,
        ":receipt": e.receipt, ":ticket_type": e.ticket_type, ":attendee": e.attendee,
        ":reference": e.reference, ":reason": e.reason, ":witness": e.witness, ":lead": e.lead,
        ":reverses": e.reverses, ":count": e.count.as_ref().map(Count::canonical),
        ":tendered": e.tendered, ":change": e.change, ":prev_hash": e.prev_hash, ":hash": e.hash,
    })?;
    Ok(())
}

pub(crate) fn entries_of_shift(conn: &Connection, shift: &str) -> Result<Vec<Entry>, StoreError> {
    entries(conn, "shift = :s ORDER BY drawer, seq", &[(":s", &shift)])
}

pub(crate) fn entries_of_day(conn: &Connection, day: &str) -> Result<Vec<Entry>, StoreError> {
    entries(conn, "day = :day ORDER BY drawer, seq", &[(":day", &day)])
}

pub(crate) fn entries_of_drawer(conn: &Connection, drawer: &str) -> Result<Vec<Entry>, StoreError> {
    entries(conn, "drawer = :d ORDER BY seq", &[(":d", &drawer)])
}

pub(crate) fn entry_by_receipt(conn: &Connection, receipt: &str) -> Result<Option<Entry>, StoreError> {
    Ok(entries(conn, "receipt = :r", &[(":r", &receipt)])?.into_iter().next())
}

/// Entries that reverse (or round back) the entry `uid`, on any drawer.
pub(crate) fn reversals_of(conn: &Connection, uid: &str) -> Result<Vec<Entry>, StoreError> {
    entries(conn, "reverses = :u ORDER BY drawer, seq", &[(":u", &uid)])
}

/// The drawer's entry number `seq`, if any.
pub(crate) fn entry_at(conn: &Connection, drawer: &str, seq: i64) -> Result<Option<Entry>, StoreError> {
    Ok(entries(conn, "drawer = :d AND seq = :s", &[(":d", &drawer), (":s", &seq)])?.into_iter().next())
}

pub(crate) fn drawers(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT drawer FROM cash_entry GROUP BY drawer UNION SELECT drawer FROM cash_shift ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn closed_day(conn: &Connection, day: &str) -> Result<Option<CashDayRow>, StoreError> {
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached("SELECT day, closed_at, closed_by, lead FROM cash_day WHERE day = :d")?
        .query_row(named_params! { ":d": day }, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    row.map(|(day, at, closed_by, lead)| {
        Ok(CashDayRow { closed_at: super::timestamp("cash_day", 0, "closed_at", &at)?, day, closed_by, lead })
    })
    .transpose()
}

pub(crate) fn close_day(conn: &Connection, d: &CashDayRow) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO cash_day (day, closed_at, closed_by, lead) VALUES (:d, :at, :by, :lead)",
    )?
    .execute(
        named_params! { ":d": d.day, ":at": d.closed_at.to_rfc3339(), ":by": d.closed_by, ":lead": d.lead },
    )?;
    Ok(())
}

pub(crate) fn attendee_uid(conn: &Connection, id: i64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT uid FROM attendee WHERE id = :id")?
        .query_row(named_params! { ":id": id }, |r| r.get(0))
        .optional()?)
}
