//! The `attendee` table.

use lanyard_core::{
    Attendee, AttendeeId, BadgeCode, NewAttendee, RandomSource, Role, TicketStatus, Timestamp, Uid,
};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, named_params};

use crate::StoreError;

const COLUMNS: &str = "id, badge_code, display_name, given_name, family_name, nickname, email, \
     affiliation, hometown, country, ticket_type, role, interests_json, amount_due_cents, note, \
     order_code, external_id, ticket_secret, status, ticket_reference";

/// The values every write of an attendee binds, in their stored forms.
struct Values {
    badge_code: String,
    role: String,
    status: &'static str,
    interests: String,
    at: String,
}

impl Values {
    fn new(id: i64, a: &NewAttendee, at: Timestamp) -> Result<Values, StoreError> {
        let interests = serde_json::to_string(&a.interests).map_err(|e| StoreError::BadRow {
            table: "attendee",
            id,
            field: "interests",
            detail: e.to_string(),
        })?;
        Ok(Values {
            badge_code: a.badge_code.to_string(),
            role: a.role.to_string(),
            status: a.status.as_str(),
            interests,
            at: at.to_rfc3339(),
        })
    }

    /// The named parameters shared by INSERT and UPDATE.
    fn params<'a>(&'a self, a: &'a NewAttendee) -> Vec<(&'static str, &'a dyn ToSql)> {
        vec![
            (":badge_code", &self.badge_code as &dyn ToSql),
            (":display_name", &a.display_name),
            (":given_name", &a.given_name),
            (":family_name", &a.family_name),
            (":nickname", &a.nickname),
            (":email", &a.email),
            (":affiliation", &a.affiliation),
            (":hometown", &a.hometown),
            (":country", &a.country),
            (":ticket_type", &a.ticket_type),
            (":role", &self.role),
            (":interests", &self.interests),
            (":amount_due_cents", &a.amount_due_cents),
            (":note", &a.note),
            (":order_code", &a.order_code),
            (":external_id", &a.external_id),
            (":ticket_secret", &a.ticket_secret),
            (":status", &self.status),
            (":at", &self.at),
        ]
    }
}

/// Adds an attendee under `id`, or under the next free id when `id` is
/// `None`. An import chooses its ids before writing (`next_id`), so that
/// its search index can be built while the rows are written.
pub(crate) fn insert(
    conn: &Connection,
    id: Option<AttendeeId>,
    a: &NewAttendee,
    reference: Option<&str>,
    at: Timestamp,
    random: &dyn RandomSource,
) -> Result<AttendeeId, StoreError> {
    let values = Values::new(0, a, at)?;
    let uid = Uid::new(at, random).map_err(|e| StoreError::Random(e.to_string()))?.to_string();
    let id = id.map(|id| id.0);
    // Bound by position (SQLite numbers named parameters in the order they
    // first appear): an import binds 22 values a row, and looking each name
    // up is a tenth of the insert. The order is :id, :uid, :reference, then
    // `Values::params`, whose order the VALUES list follows.
    let named = values.params(a);
    let mut params: Vec<&dyn ToSql> = Vec::with_capacity(named.len() + 3);
    params.push(&id);
    params.push(&uid);
    params.push(&reference);
    params.extend(named.iter().map(|(_, v)| *v));
    let mut stmt = conn.prepare_cached(
        "INSERT INTO attendee (id, uid, ticket_reference, badge_code, display_name, given_name, family_name, nickname, email,
             affiliation, hometown, country, ticket_type, role, interests_json, amount_due_cents,
             note, order_code, external_id, ticket_secret, status, created_at, updated_at)
         VALUES (:id, :uid, :reference, :badge_code, :display_name, :given_name, :family_name, :nickname, :email,
             :affiliation, :hometown, :country, :ticket_type, :role, :interests, :amount_due_cents,
             :note, :order_code, :external_id, :ticket_secret, :status, :at, :at)",
    )?;
    debug_assert_eq!(stmt.parameter_count(), params.len(), "one value per parameter, in order");
    debug_assert_eq!(stmt.parameter_name(4), Some(":badge_code"));
    stmt.execute(params.as_slice())?;
    Ok(AttendeeId(conn.last_insert_rowid()))
}

/// The id the next attendee added without one gets: one past the largest.
pub(crate) fn next_id(conn: &Connection) -> Result<AttendeeId, StoreError> {
    let id: i64 = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM attendee", [], |r| r.get(0))?;
    Ok(AttendeeId(id))
}

/// The raw columns of one row, before validation.
struct RawRow {
    id: i64,
    badge_code: String,
    text: [String; 9],
    role: String,
    interests: String,
    amount_due_cents: i64,
    note: String,
    order_code: String,
    external_id: Option<String>,
    ticket_secret: Option<String>,
    status: String,
    ticket_reference: Option<String>,
}

fn raw(r: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok(RawRow {
        id: r.get(0)?,
        badge_code: r.get(1)?,
        text: [
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
        ],
        role: r.get(11)?,
        interests: r.get(12)?,
        amount_due_cents: r.get(13)?,
        note: r.get(14)?,
        order_code: r.get(15)?,
        external_id: r.get(16)?,
        ticket_secret: r.get(17)?,
        status: r.get(18)?,
        ticket_reference: r.get(19)?,
    })
}

fn validate(row: RawRow) -> Result<Attendee, StoreError> {
    let bad = |field, detail: String| StoreError::BadRow { table: "attendee", id: row.id, field, detail };
    let badge_code = BadgeCode::parse(&row.badge_code).map_err(|e| bad("badge_code", e.to_string()))?;
    let role = Role::parse(&row.role).map_err(|e| bad("role", e.to_string()))?;
    let status = TicketStatus::parse(&row.status).map_err(|e| bad("status", e.to_string()))?;
    let interests: Vec<String> =
        serde_json::from_str(&row.interests).map_err(|e| bad("interests_json", e.to_string()))?;
    let [display_name, given_name, family_name, nickname, email, affiliation, hometown, country, ticket_type] =
        row.text;
    Ok(Attendee {
        id: AttendeeId(row.id),
        details: NewAttendee {
            display_name,
            given_name,
            family_name,
            nickname,
            email,
            affiliation,
            hometown,
            country,
            ticket_type,
            role,
            interests,
            badge_code,
            amount_due_cents: row.amount_due_cents,
            note: row.note,
            order_code: row.order_code,
            external_id: row.external_id,
            ticket_secret: row.ticket_secret,
            status,
        },
        ticket_reference: row.ticket_reference,
    })
}

pub(crate) fn by_id(conn: &Connection, id: AttendeeId) -> Result<Option<Attendee>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM attendee WHERE id = :id");
    let row = conn.prepare_cached(&sql)?.query_row(named_params! { ":id": id.0 }, raw).optional()?;
    row.map(validate).transpose()
}

/// Several attendees by id, in one query, in id order.
pub(crate) fn by_ids(conn: &Connection, ids: &[AttendeeId]) -> Result<Vec<Attendee>, StoreError> {
    let sql =
        format!("SELECT {COLUMNS} FROM attendee WHERE id IN (SELECT value FROM json_each(:ids)) ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(named_params! { ":ids": super::id_list(ids) }, raw)?;
    rows.map(|r| r.map_err(StoreError::from).and_then(validate)).collect()
}

pub(crate) fn by_badge_code(conn: &Connection, code: &BadgeCode) -> Result<Option<Attendee>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM attendee WHERE badge_code = :code");
    let row =
        conn.prepare_cached(&sql)?.query_row(named_params! { ":code": code.as_str() }, raw).optional()?;
    row.map(validate).transpose()
}

pub(crate) fn update(
    conn: &Connection,
    id: AttendeeId,
    a: &NewAttendee,
    at: Timestamp,
) -> Result<(), StoreError> {
    let values = Values::new(id.0, a, at)?;
    let mut params = values.params(a);
    params.push((":id", &id.0));
    conn.prepare_cached(
        "UPDATE attendee SET badge_code = :badge_code, display_name = :display_name,
             given_name = :given_name, family_name = :family_name, nickname = :nickname, email = :email,
             affiliation = :affiliation, hometown = :hometown, country = :country,
             ticket_type = :ticket_type, role = :role, interests_json = :interests,
             amount_due_cents = :amount_due_cents, note = :note, order_code = :order_code,
             external_id = :external_id, ticket_secret = :ticket_secret, status = :status,
             updated_at = :at
         WHERE id = :id",
    )?
    .execute(params.as_slice())?;
    Ok(())
}

pub(crate) fn by_ticket_secret(conn: &Connection, secret: &str) -> Result<Option<Attendee>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM attendee WHERE ticket_secret = :secret");
    let row = conn.prepare_cached(&sql)?.query_row(named_params! { ":secret": secret }, raw).optional()?;
    row.map(validate).transpose()
}

/// The ids of attendees with this e-mail address, in any case (at most 20).
pub(crate) fn ids_by_email(conn: &Connection, email: &str) -> Result<Vec<AttendeeId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM attendee WHERE email <> '' AND lower(email) = lower(:email) ORDER BY id LIMIT 20",
    )?;
    let rows = stmt.query_map(named_params! { ":email": email.trim() }, |r| Ok(AttendeeId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The attendee whose source ticket has this reference, in any case.
/// The text search looks at for every attendee, read without the checks a
/// full row gets (the index is rebuilt from it after an import).
pub(crate) fn search_rows(conn: &Connection) -> Result<Vec<SearchRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, display_name, given_name, family_name, nickname, badge_code, order_code, email,
                affiliation, coalesce(ticket_reference, ''), coalesce(ticket_secret, '')
         FROM attendee ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SearchRow {
            id: AttendeeId(r.get(0)?),
            text: [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ],
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What search indexes of one attendee: display, given, family name,
/// nickname, badge code, order code, e-mail, affiliation, ticket reference,
/// ticket secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    /// The attendee.
    pub id: AttendeeId,
    /// The fields, in the order of the struct's description.
    pub text: [String; 10],
}

pub(crate) fn by_ticket_reference(
    conn: &Connection,
    reference: &str,
) -> Result<Option<Attendee>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM attendee WHERE ticket_reference = :reference COLLATE NOCASE");
    let row =
        conn.prepare_cached(&sql)?.query_row(named_params! { ":reference": reference }, raw).optional()?;
    row.map(validate).transpose()
}

/// Sets (or, with `None`, clears) the reference of an attendee's source ticket.
pub(crate) fn set_ticket_reference(
    conn: &Connection,
    id: AttendeeId,
    reference: Option<&str>,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE attendee SET ticket_reference = :reference WHERE id = :id")?
        .execute(named_params! { ":reference": reference, ":id": id.0 })?;
    Ok(())
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<Attendee>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM attendee ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], raw)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(validate(row?)?);
    }
    Ok(out)
}

pub(crate) fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM attendee WHERE status = 'valid'")?
        .query_row([], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lanyard_core::SeededRandom;

    fn attendee(code: u64) -> NewAttendee {
        let mut a = lanyard_core::demo::generate(code, 1).expect("demo data").attendees.remove(0);
        a.badge_code = BadgeCode::from_random(code);
        a
    }

    #[test]
    fn a_ticket_reference_finds_its_attendee_in_any_case_through_its_unique_index() {
        let mut conn = Connection::open_in_memory().expect("memory database");
        crate::migrate::migrate(&mut conn).expect("migrations");
        let random = SeededRandom::new(3);
        let at = Timestamp(1_000);
        let ana = insert(&conn, None, &attendee(1), None, at, &random).expect("insert");
        let bo = insert(&conn, None, &attendee(2), None, at, &random).expect("insert");
        set_ticket_reference(&conn, ana, Some("GIAO-1")).expect("set");
        let found = by_ticket_reference(&conn, "giao-1").expect("lookup").expect("found");
        assert_eq!((found.id, found.ticket_reference.as_deref()), (ana, Some("GIAO-1")));
        assert!(
            set_ticket_reference(&conn, bo, Some("Giao-1")).is_err(),
            "two attendees never share a reference, whatever its case"
        );
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM attendee WHERE ticket_reference = 'x' COLLATE NOCASE",
                [],
                |r| r.get(3),
            )
            .expect("plan");
        assert!(plan.contains("attendee_ticket_reference"), "the lookup uses the index, not a scan: {plan}");
        update(&conn, ana, &attendee(1), at).expect("a correction");
        assert_eq!(
            by_id(&conn, ana).expect("read").and_then(|a| a.ticket_reference).as_deref(),
            Some("GIAO-1"),
            "replacing the details keeps the reference"
        );
    }
}
