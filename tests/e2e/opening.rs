//! Opening the window on a database path: a mistyped `LANYARD_DB` is
//! explained and nothing is created there (issue 11); the demo event is made
//! only on an explicit first start.

use anyhow::Result;
use std::path::Path;

use crate::driver::{Session, app_binary};

#[test]
fn a_mistyped_database_path_is_explained_and_no_event_is_created_there() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("evnet.db");
    let config = dir.path().join("desk.toml");
    // No LANYARD_DEMO: this is not a first start, only a path that is wrong.
    let env = [
        ("LANYARD_DB", db.as_path()),
        ("LANYARD_CONFIG", config.as_path()),
        ("LANYARD_DESK", Path::new("Front desk")),
    ];
    let s = Session::start(&app_binary(), &env)?;
    let fatal = s.wait_for("[data-testid=fatal]")?;
    assert_eq!(s.attribute(&fatal, "data-code")?.as_deref(), Some("no_database"));
    let text = s.text(&fatal)?;
    assert!(text.contains("evnet.db"), "the message names the path: {text}");
    drop(s);
    assert!(!db.exists(), "no database was created at the mistyped path");
    Ok(())
}
