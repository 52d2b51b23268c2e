//! The `setting` table: key/value settings that builds before schema 6 kept
//! in the event file (desk name, printer). They now live in the
//! installation's own file; this module only reads them to move them there.

use rusqlite::{Connection, OptionalExtension, named_params};

use crate::StoreError;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM setting WHERE key = :key")?
        .query_row(named_params! { ":key": key }, |r| r.get(0))
        .optional()?)
}
