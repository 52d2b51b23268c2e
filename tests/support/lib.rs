//! Helpers shared by Lanyard's test binaries: temporary event databases,
//! a fixed clock, and the workspace's paths.
//!
//! Tests never use the user's real data folder: every database here lives in
//! a temporary directory that is removed when the test ends.

use lanyard_api::{Desk, DeskOptions};
use lanyard_core::{FixedClock, Timestamp};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// 2026-11-22 08:00:00 UTC: the opening of the desk in every scenario.
pub const OPENING: Timestamp = Timestamp(1_795_334_400_000);

/// A desk on a fresh database in a temporary folder, with a fixed clock.
#[derive(Debug)]
pub struct TestDesk {
    /// The desk under test.
    pub desk: Desk,
    /// The clock it reads; advance it to move time.
    pub clock: Arc<FixedClock>,
    /// The database file.
    pub path: PathBuf,
    /// Keeps the folder alive for the test's duration.
    pub dir: tempfile::TempDir,
}

impl TestDesk {
    /// A desk named `desk_name` on a new demo event, with `operator` at it.
    pub fn demo(desk_name: &str, operator: &str) -> TestDesk {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("event.db");
        let clock = Arc::new(FixedClock::new(OPENING));
        let options = DeskOptions { desk_name: Some(desk_name.into()), operator: Some(operator.into()) };
        let (desk, created) =
            Desk::open_or_create_demo(&path, clock.clone(), options).expect("open a fresh demo desk");
        assert!(created, "a fresh database gets the demo event");
        TestDesk { desk, clock, path, dir }
    }

    /// A desk on a new, empty event (currency EUR), ready for imports.
    pub fn empty(desk_name: &str, operator: &str) -> TestDesk {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("event.db");
        let clock = Arc::new(FixedClock::new(OPENING));
        let options = DeskOptions { desk_name: Some(desk_name.into()), operator: Some(operator.into()) };
        let mut desk = Desk::open(&path, clock.clone(), options).expect("open a fresh desk");
        desk.create_event("Test Conf", "EUR").expect("create the event");
        TestDesk { desk, clock, path, dir }
    }

    /// Imports a fixture file from `tests/fixtures/import`.
    pub fn import_fixture(
        &mut self,
        name: &str,
        dry_run: bool,
        key: &str,
    ) -> Result<lanyard_api::dto::ImportReport, lanyard_api::ApiError> {
        let bytes = std::fs::read(fixture(name)).expect("read fixture");
        let request = lanyard_api::dto::ImportRequest {
            file_name: name.into(),
            preset: None,
            mapping: None,
            dry_run,
            idempotency_key: key.into(),
        };
        self.desk.import(&bytes, &request, &mut |_, _| {})
    }

    /// Another desk on the same database file (a restart, or a second window).
    pub fn reopen(&self, desk_name: &str, operator: Option<&str>) -> Desk {
        open_desk(&self.path, &self.clock, desk_name, operator)
    }
}

/// Opens a desk on an existing database file.
pub fn open_desk(path: &Path, clock: &Arc<FixedClock>, desk_name: &str, operator: Option<&str>) -> Desk {
    let options = DeskOptions { desk_name: Some(desk_name.into()), operator: operator.map(Into::into) };
    Desk::open(path, clock.clone(), options).expect("reopen the desk")
}

/// A file in `tests/fixtures/import`.
pub fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/import").join(name)
}

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_owned()
}
