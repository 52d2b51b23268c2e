//! Store tests on real SQLite files in temporary folders.

use lanyard_core::{
    AttendeeId, BadgeCode, CheckIn, DeskName, NewAttendee, OperatorName, Role, TicketStatus, Timestamp,
};
use lanyard_store::{APPLICATION_ID, AuditEntry, LATEST_VERSION, Store, StoreError};
use std::path::Path;
use std::sync::Arc;

fn random() -> Arc<dyn lanyard_core::RandomSource> {
    Arc::new(lanyard_core::SeededRandom::new(5))
}

fn attendee(code: u64) -> NewAttendee {
    NewAttendee {
        display_name: "José Núñez".into(),
        given_name: "José".into(),
        family_name: "Núñez".into(),
        nickname: String::new(),
        email: "jose@example.org".into(),
        affiliation: "PSV".into(),
        hometown: "Bilbao".into(),
        country: "ES".into(),
        ticket_type: "Conference".into(),
        role: Role::Speaker,
        interests: vec!["web".into(), "science".into()],
        badge_code: BadgeCode::from_random(code),
        amount_due_cents: 0,
        note: "Vegetarian".into(),
        order_code: "ORD42".into(),
        external_id: Some(format!("ext-{code}")),
        ticket_secret: Some(format!("secret-{code}")),
        status: TicketStatus::Valid,
    }
}

fn sqlite_file(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("create a plain SQLite file");
    conn.execute_batch(sql).expect("run setup SQL");
}

#[test]
fn new_file_is_durable_and_fully_migrated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/folder/event.db");
    let store = Store::open(&path, random()).expect("a new file opens");
    assert_eq!(store.pragma("journal_mode").expect("pragma"), "wal");
    assert_eq!(store.pragma("synchronous").expect("pragma"), "2", "synchronous must be FULL (2)");
    assert_eq!(store.pragma("foreign_keys").expect("pragma"), "1");
    assert_eq!(store.pragma("busy_timeout").expect("pragma"), "5000");
    assert_eq!(store.pragma("application_id").expect("pragma"), APPLICATION_ID.to_string());
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
}

#[test]
fn bundled_sqlite_is_new_enough_to_have_the_wal_reset_fix() {
    let parts: Vec<u32> =
        Store::sqlite_version().split('.').map(|p| p.parse().expect("numeric version")).collect();
    assert!(parts >= vec![3, 51, 3], "SQLite {} has the WAL-reset bug", Store::sqlite_version());
}

#[test]
fn data_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("event.db");
    let store = Store::open(&path, random()).expect("open");
    let id = store
        .write(|tx| {
            tx.create_event("Conf", &lanyard_core::Currency::parse("EUR").expect("EUR"), Timestamp(1))?;
            tx.insert_attendee(&attendee(42), Timestamp(2))
        })
        .expect("write");
    drop(store);
    let store = Store::open(&path, random()).expect("reopen");
    let back = store.read(|tx| tx.attendee(id)).expect("read").expect("attendee is there");
    assert_eq!(back.details, attendee(42));
    assert_eq!(store.read(|tx| tx.event()).expect("read").map(|e| e.name), Some("Conf".into()));
}

#[test]
fn failed_write_leaves_nothing_behind() {
    let store = Store::open_in_memory(random()).expect("open");
    let result: Result<(), StoreError> = store.write(|tx| {
        tx.insert_attendee(&attendee(1), Timestamp(1))?;
        // The same badge code again violates the unique index: the whole write rolls back.
        tx.insert_attendee(&attendee(1), Timestamp(1))?;
        Ok(())
    });
    assert!(result.is_err());
    assert_eq!(store.read(|tx| tx.attendee_count()).expect("count"), 0);
}

#[test]
fn a_second_active_check_in_is_impossible_in_the_schema() {
    let store = Store::open_in_memory(random()).expect("open");
    let id = store.write(|tx| tx.insert_attendee(&attendee(7), Timestamp(1))).expect("insert");
    let check_in = CheckIn {
        attendee_id: id,
        at: Timestamp(5),
        desk: DeskName::parse("Desk 1").expect("desk"),
        operator: OperatorName::parse("Anna").expect("operator"),
    };
    store.write(|tx| tx.insert_check_in(&check_in, None)).expect("first check-in");
    let again = store.write(|tx| tx.insert_check_in(&check_in, None));
    assert!(again.is_err(), "the partial unique index must refuse a second active check-in");
    assert_eq!(store.read(|tx| tx.active_check_in(id)).expect("read"), Some(check_in));
    assert_eq!(store.read(|tx| tx.active_check_in(AttendeeId(999))).expect("read"), None);
}

#[test]
fn audit_log_rejects_update_and_delete() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("event.db");
    let store = Store::open(&path, random()).expect("open");
    let entry = AuditEntry {
        at: Timestamp(1),
        desk: DeskName::parse("Desk 1").expect("desk"),
        desk_id: lanyard_core::DeskId(lanyard_core::Uid::new(Timestamp(1), random().as_ref()).expect("uid")),
        operator: Some(OperatorName::parse("Anna").expect("operator")),
        action: lanyard_core::AuditAction::CheckIn { attendee: AttendeeId(1) },
    };
    store.write(|tx| tx.append_audit(&entry)).expect("append");
    drop(store);
    // Go around the store on purpose, as a tamperer would.
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let update = conn.execute("UPDATE audit_log SET operator = 'Mallory'", []);
    assert!(update.expect_err("update refused").to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM audit_log", []);
    assert!(delete.expect_err("delete refused").to_string().contains("append-only"));
    let replace = conn.execute(
        "REPLACE INTO audit_log (id, recorded_at, desk, operator, action, subject, detail_json)
         SELECT id, recorded_at, desk, 'Mallory', action, subject, detail_json FROM audit_log",
        [],
    );
    assert!(
        replace.expect_err("replace refused").to_string().contains("append-only"),
        "REPLACE cannot rewrite a row (issue 11)"
    );
    drop(conn);
    let store = Store::open(&path, random()).expect("reopen");
    let log = store.read(|tx| tx.audit_log()).expect("read");
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].operator.as_str(), log[0].typed.as_ref()), ("Anna", Some(&entry.action)));
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.db");
    let content = b"Shopping list: lanyards, markers, tape. Not a database at all.".repeat(100);
    std::fs::write(&path, &content).expect("write");
    let err = Store::open(&path, random()).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "got {err:?}");
    assert!(err.to_string().contains("is not a Lanyard database"), "message: {err}");
    assert_eq!(std::fs::read(&path).expect("read"), content, "the file must not change");
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.db");
    sqlite_file(&path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path, random()).expect_err("must refuse");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "got {err:?}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_database_from_a_newer_lanyard_is_refused_with_both_versions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    drop(Store::open(&path, random()).expect("create"));
    let future = LATEST_VERSION + 3;
    sqlite_file(&path, &format!("PRAGMA user_version = {future};"));
    let err = Store::open(&path, random()).expect_err("must refuse");
    let message = err.to_string();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "got {err:?}");
    assert!(message.contains(&format!("schema version {future}")), "message: {message}");
    assert!(message.contains("update Lanyard"), "message: {message}");
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("damaged.db");
    let store = Store::open(&path, random()).expect("create");
    store
        .write(|tx| {
            for n in 0..400 {
                tx.insert_attendee(&attendee(n), Timestamp(1))?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("fill");
    drop(store);
    // Fold the WAL back in, then scribble over the middle of the file.
    sqlite_file(&path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8 * 4096, "the file is large enough to damage its middle");
    for b in &mut bytes[4096 * 2..4096 * 6] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write damage");
    let err = Store::open(&path, random()).expect_err("must refuse");
    assert!(matches!(err, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }), "got {err:?}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "the damaged file must not change");
}

#[test]
fn an_older_database_is_migrated_forward_keeping_its_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v1.db");
    // A file as the first release wrote it: migration 1 only, one attendee.
    sqlite_file(
        &path,
        &format!(
            "{}\nPRAGMA user_version = 1;
             INSERT INTO attendee (badge_code, display_name, ticket_type, role, created_at, updated_at)
             VALUES ('0123456789', 'Ada Lovelace', 'Conference', 'speaker',
                     '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');",
            lanyard_store::MIGRATIONS[0].1
        ),
    );
    let store = Store::open(&path, random()).expect("an older file opens and migrates");
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
    let all = store.read(|tx| tx.all_attendees()).expect("read");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].details.display_name, "Ada Lovelace");
    assert_eq!(all[0].details.status, TicketStatus::Valid, "new columns get their defaults");
    let uids = store.read(|tx| tx.row_uids()).expect("uids");
    assert_eq!(uids.len(), 1, "the old row got a unique id (issue 7)");
    assert!(lanyard_core::Uid::parse(&uids[0]).is_ok(), "a UUID: {}", uids[0]);
}

#[test]
fn append_only_tables_refuse_update_delete_and_replace_from_any_connection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("event.db");
    drop(Store::open(&path, random()).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.execute_batch(
        "INSERT INTO pin_attempt (attempted_at, desk, operator, lead_name, success, purpose)
             VALUES ('2026-01-01T00:00:00.000Z', 'Desk 1', 'Anna', 'Priya', 0, 'undo_check_in');
         INSERT INTO idempotency (key, action, result_json, created_at)
             VALUES ('k', 'check_in', '{}', '2026-01-01T00:00:00.000Z');
         INSERT INTO change_log (recorded_at, desk_id, kind, attendees)
             VALUES ('2026-01-01T00:00:00.000Z', 'd', 'event', '');",
    )
    .expect("appending is allowed");
    for (table, key) in [("pin_attempt", "id"), ("idempotency", "key"), ("change_log", "seq")] {
        for sql in [
            format!("UPDATE {table} SET {key} = {key}"),
            format!("DELETE FROM {table}"),
            format!("REPLACE INTO {table} SELECT * FROM {table}"),
        ] {
            let err = conn.execute(&sql, []).expect_err(&sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
    }
}

#[test]
fn a_leads_row_can_only_be_removed_once_never_rewritten_deleted_or_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("event.db");
    drop(Store::open(&path, random()).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.execute(
        "INSERT INTO lead (uid, name, pin_hash, created_at) VALUES ('u', 'Priya', 'h', '2026-01-01T00:00:00.000Z')",
        [],
    )
    .expect("a lead is added");
    for sql in [
        "UPDATE lead SET pin_hash = 'mine'",
        "UPDATE lead SET name = 'Mallory'",
        "DELETE FROM lead",
        "REPLACE INTO lead SELECT * FROM lead",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("lead rows are kept"), "{sql}: {err}");
    }
    conn.execute("UPDATE lead SET removed_at = '2026-01-02T00:00:00.000Z'", []).expect("removed once");
    let again = conn.execute("UPDATE lead SET removed_at = NULL", []);
    assert!(again.is_err(), "a removed lead does not come back by an update");
}

#[test]
fn the_database_and_its_wal_are_readable_by_the_user_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("new-folder");
    let path = folder.join("event.db");
    let store = Store::open(&path, random()).expect("create");
    store
        .write(|tx| {
            tx.create_event("Conf", &lanyard_core::Currency::parse("EUR").expect("EUR"), Timestamp(1))
        })
        .expect("write");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&folder.join("event.db-wal")), 0o600, "SQLite gives the WAL the file's permissions");
    drop(store);
    // A file made by someone else with looser permissions is tightened at open.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    drop(Store::open(&path, random()).expect("reopen"));
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_backup_copy_is_whole_while_the_database_stays_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("event.db");
    let store = Store::open(&path, random()).expect("open");
    store
        .write(|tx| {
            tx.create_event("Conf", &lanyard_core::Currency::parse("EUR").expect("EUR"), Timestamp(1))?;
            tx.insert_attendee(&attendee(7), Timestamp(2))
        })
        .expect("write");
    assert_eq!(store.integrity_check().expect("check"), "ok");
    let copy = dir.path().join("copy.db");
    store.backup_into(&copy).expect("VACUUM INTO a new file");
    // The original keeps taking writes; the copy holds what was committed.
    store.write(|tx| tx.insert_attendee(&attendee(8), Timestamp(3))).expect("write after");
    let backup = Store::open(&copy, random()).expect("the copy opens as a Lanyard file");
    assert_eq!(backup.integrity_check().expect("check"), "ok");
    assert_eq!(backup.read(|tx| tx.attendee_count()).expect("count"), 1);
    let error = store.backup_into(&copy).expect_err("never over an existing backup");
    assert!(error.to_string().contains("output file already exists"), "{error}");
}
