//! Helpers shared by Lanyard's test binaries: temporary event databases,
//! a fixed clock, a seeded random source, a recording print queue, and the
//! workspace's paths.
//!
//! Tests never use the user's real data or config folder: every database
//! and every installation file here lives in a temporary directory that is
//! removed when the test ends. A [`Desk`] is one caller of an engine: the
//! engine (shared, `Arc`) plus that caller's own session, with the use cases
//! as methods that pass the session along, so that scenarios read as what a
//! volunteer does.

pub mod crash;
pub mod fuzz;

use lanyard_api::dto::{
    AttendeeCard, BadgeFilter, BadgePreview, BadgeSettings, BatchReport, CheckInReceipt, CheckInRequest,
    Choices, DeskInfo, EditRequest, ImportReport, ImportRequest, LeadAuth, LeadDto, LeadGrant, PrintReceipt,
    PrintRequest, PrinterDto, Stats, UndoRequest, WalkInRequest,
};
use lanyard_api::{ApiError, Engine, EngineOptions, Mode, Parts, PrintQueue, RecordingQueue, Session};
use lanyard_core::{FixedClock, SeededRandom, Timestamp};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// 2026-11-22 08:00:00 UTC: the opening of the desk in every scenario.
pub const OPENING: Timestamp = Timestamp(1_795_334_400_000);

/// The test lead ("Lee", PIN 424242): the convenience methods of [`Desk`]
/// for a lead's actions use it, creating it as the event's first lead when
/// the event has none, for scenarios that take those actions only on their
/// way to what they test.
pub fn test_lead() -> LeadAuth {
    LeadAuth::pin(TEST_LEAD, TEST_LEAD_PIN)
}

/// The test lead's name.
pub const TEST_LEAD: &str = "Lee";

/// The test lead's PIN.
pub const TEST_LEAD_PIN: &str = "424242";

/// One caller of an engine: a desk window, or the command line.
#[derive(Debug)]
pub struct Desk {
    /// The shared engine.
    pub engine: Arc<Engine>,
    /// This caller's session.
    pub session: Session,
}

/// A desk on a fresh database in a temporary folder, with fixed parts.
#[derive(Debug)]
pub struct TestDesk {
    /// The desk under test.
    pub desk: Desk,
    /// The clock it reads; advance it to move time.
    pub clock: Arc<FixedClock>,
    /// The recording print queue (records jobs, prints nothing); the desk
    /// prints to it unless it was given another queue.
    pub printer: Arc<RecordingQueue>,
    /// The database file.
    pub path: PathBuf,
    /// Keeps the folder alive for the test's duration.
    pub dir: tempfile::TempDir,
}

/// Parts for a test: the given clock, a seeded random source, a printer.
pub fn parts(clock: &Arc<FixedClock>, printer: Arc<dyn PrintQueue>, seed: u64) -> Parts {
    Parts { clock: clock.clone(), random: Arc::new(SeededRandom::new(seed)), printer }
}

/// Opens an engine on `path` for the installation `install` (a settings
/// file; created when missing), with a session for `operator`.
pub fn open_engine(
    path: &Path,
    install: &Path,
    desk_name: &str,
    operator: Option<&str>,
    parts: Parts,
) -> Result<Desk, ApiError> {
    let options = EngineOptions {
        database: path.to_owned(),
        installation: install.to_owned(),
        desk_name: Some(desk_name.into()),
        create: true,
    };
    let engine = Engine::open(&options, parts)?;
    let session = engine.open_session(operator, Mode::Desk)?;
    Ok(Desk { engine, session })
}

impl TestDesk {
    fn new(desk_name: &str, operator: &str) -> TestDesk {
        TestDesk::with_printer(desk_name, operator, None)
    }

    fn with_printer(desk_name: &str, operator: &str, queue: Option<Arc<dyn PrintQueue>>) -> TestDesk {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("event.db");
        let clock = Arc::new(FixedClock::new(OPENING));
        let printer = Arc::new(RecordingQueue::new());
        let install = dir.path().join(format!("{desk_name}.toml"));
        let queue = queue.unwrap_or_else(|| printer.clone());
        let desk = open_engine(&path, &install, desk_name, Some(operator), parts(&clock, queue, 1))
            .expect("open a fresh desk");
        TestDesk { desk, clock, printer, path, dir }
    }

    /// "Desk 1" with Anna on a new demo event, printing to `queue` (the
    /// real CUPS, in the printing tests).
    pub fn demo_printing_to(queue: Arc<dyn PrintQueue>) -> TestDesk {
        let t = TestDesk::with_printer("Desk 1", "Anna", Some(queue));
        t.desk.engine.create_demo_if_empty(&t.desk.session).expect("demo");
        t
    }

    /// A desk named `desk_name` on a new demo event, with `operator` at it.
    pub fn demo(desk_name: &str, operator: &str) -> TestDesk {
        let t = TestDesk::new(desk_name, operator);
        assert!(
            t.desk.engine.create_demo_if_empty(&t.desk.session).expect("demo"),
            "a fresh database gets the demo event"
        );
        t
    }

    /// A desk on a new, empty event (currency EUR), ready for imports.
    pub fn empty(desk_name: &str, operator: &str) -> TestDesk {
        let t = TestDesk::new(desk_name, operator);
        t.desk.create_event("Test Conf", "EUR").expect("create the event");
        t
    }

    /// A desk on a new, empty event counted in `currency`.
    pub fn new_event(desk_name: &str, operator: &str, currency: &str) -> TestDesk {
        let t = TestDesk::new(desk_name, operator);
        t.desk.create_event("Test Conf", currency).expect("create the event");
        t
    }

    /// The desk called `desk_name` on another database file (a copy).
    pub fn reopen_file(&self, path: &Path, desk_name: &str) -> Desk {
        let parts = parts(&self.clock, self.printer.clone(), 99);
        open_engine(path, &self.install_file(desk_name), desk_name, None, parts).expect("open the copy")
    }

    /// The installation file of the desk called `desk_name` in this test.
    pub fn install_file(&self, desk_name: &str) -> PathBuf {
        self.dir.path().join(format!("{desk_name}.toml"))
    }

    /// Imports a fixture file from `tests/fixtures/import`.
    pub fn import_fixture(&mut self, name: &str, dry_run: bool, key: &str) -> Result<ImportReport, ApiError> {
        let bytes = std::fs::read(fixture(name)).expect("read fixture");
        let request = ImportRequest {
            file_name: name.into(),
            preset: None,
            mapping: None,
            dry_run,
            skip_problem_rows: false,
            idempotency_key: key.into(),
            auth: Some(self.desk.lead()),
        };
        self.desk.import(&bytes, &request, &mut |_, _| {})
    }

    /// The desk called `desk_name` on the same database file: the same
    /// installation after a restart when the name is this desk's, another
    /// installation (another laptop) otherwise. A new engine, as a new
    /// process would have; `operator` `None` resumes the desk's open shift.
    pub fn reopen(&self, desk_name: &str, operator: Option<&str>) -> Desk {
        let parts = parts(&self.clock, self.printer.clone(), desk_name.len() as u64 + 7);
        open_engine(&self.path, &self.install_file(desk_name), desk_name, operator, parts)
            .expect("reopen the desk")
    }
}

/// The use cases, as one caller makes them (the session passed along).
#[allow(missing_docs, reason = "each forwards to the engine's method of the same name")]
impl Desk {
    /// The test lead's name and PIN, made the first lead when there is none.
    pub fn lead(&self) -> LeadAuth {
        if self.engine.leads(&self.session).is_ok_and(|l| l.is_empty()) {
            self.engine
                .add_lead(&self.session, None, TEST_LEAD, TEST_LEAD_PIN, "test-lead")
                .expect("the test lead is the first lead");
        }
        test_lead()
    }
    pub fn info(&self) -> Result<DeskInfo, ApiError> {
        self.engine.info(&self.session)
    }
    pub fn create_event(&self, name: &str, currency: &str) -> Result<DeskInfo, ApiError> {
        self.engine.create_event(&self.session, name, currency)
    }
    pub fn create_demo(&self, seed: u64, count: usize) -> Result<DeskInfo, ApiError> {
        self.engine.create_demo(&self.session, seed, count)
    }
    pub fn start_shift(
        &mut self,
        operator: &str,
        desk: Option<&str>,
        key: &str,
    ) -> Result<DeskInfo, ApiError> {
        self.engine.start_shift(&mut self.session, operator, desk, key)
    }
    pub fn end_shift(&mut self, key: &str) -> Result<DeskInfo, ApiError> {
        self.engine.end_shift(&mut self.session, key)
    }
    pub fn search(&self, query: &str) -> Result<Vec<AttendeeCard>, ApiError> {
        self.engine.search(&self.session, query)
    }
    pub fn resolve_code(&self, code: &str) -> Result<AttendeeCard, ApiError> {
        self.engine.resolve_code(&self.session, code)
    }
    pub fn check_in(&self, request: &CheckInRequest) -> Result<CheckInReceipt, ApiError> {
        self.engine.check_in(&self.session, request)
    }
    pub fn import(
        &self,
        bytes: &[u8],
        request: &ImportRequest,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport, ApiError> {
        self.engine.import(&self.session, bytes, request, progress)
    }
    pub fn add_lead(
        &self,
        auth: Option<&LeadAuth>,
        name: &str,
        pin: &str,
        key: &str,
    ) -> Result<Vec<LeadDto>, ApiError> {
        self.engine.add_lead(&self.session, auth, name, pin, key)
    }
    pub fn create_first_lead(&self, name: &str, pin: &str) -> Result<Vec<LeadDto>, ApiError> {
        self.engine.add_lead(&self.session, None, name, pin, &format!("first-lead-{name}"))
    }
    pub fn leads(&self) -> Result<Vec<LeadDto>, ApiError> {
        self.engine.leads(&self.session)
    }
    pub fn unlock_settings(&self, auth: &LeadAuth) -> Result<LeadGrant, ApiError> {
        self.engine.unlock_settings(&self.session, auth)
    }
    pub fn remove_lead(&self, auth: &LeadAuth, name: &str, key: &str) -> Result<Vec<LeadDto>, ApiError> {
        self.engine.remove_lead(&self.session, auth, name, key)
    }
    pub fn undo_check_in(&self, request: &UndoRequest) -> Result<AttendeeCard, ApiError> {
        self.engine.undo_check_in(&self.session, request)
    }
    pub fn choices(&self) -> Result<Choices, ApiError> {
        self.engine.choices(&self.session)
    }
    pub fn register_walk_in(&self, request: &WalkInRequest) -> Result<CheckInReceipt, ApiError> {
        self.engine.register_walk_in(&self.session, request)
    }
    pub fn edit_attendee(&self, request: &EditRequest) -> Result<AttendeeCard, ApiError> {
        self.engine.edit_attendee(&self.session, request)
    }
    pub fn stats(&self) -> Result<Stats, ApiError> {
        self.engine.stats(&self.session)
    }
    pub fn export_csv(&self, auth: Option<&LeadAuth>) -> Result<String, ApiError> {
        self.engine.export_csv(&self.session, auth)
    }
    pub fn badge_settings(&self) -> Result<BadgeSettings, ApiError> {
        self.engine.badge_settings(&self.session)
    }
    pub fn set_printer(
        &self,
        printer: Option<&str>,
        dx: f32,
        dy: f32,
        auto: bool,
        key: &str,
    ) -> Result<BadgeSettings, ApiError> {
        let choice = lanyard_api::dto::PrinterChoice {
            printer: printer.map(str::to_owned),
            offset_x_mm: dx,
            offset_y_mm: dy,
            auto_print: auto,
        };
        self.engine.set_printer(&self.session, Some(&self.lead()), &choice, key)
    }
    pub fn set_badge_template(&self, toml: &str, key: &str) -> Result<BadgeSettings, ApiError> {
        self.engine.set_badge_template(&self.session, Some(&self.lead()), toml, key)
    }
    pub fn set_badge_logo(&self, png: Option<&[u8]>, key: &str) -> Result<BadgeSettings, ApiError> {
        self.engine.set_badge_logo(&self.session, Some(&self.lead()), png, key)
    }
    pub fn printers(&self) -> Result<Vec<PrinterDto>, ApiError> {
        self.engine.printers(&self.session)
    }
    pub fn badge_preview(&self, id: i64) -> Result<BadgePreview, ApiError> {
        self.engine.badge_preview(&self.session, id)
    }
    pub fn print_badge(&self, request: &PrintRequest) -> Result<PrintReceipt, ApiError> {
        self.engine.print_badge(&self.session, request)
    }
    /// With the test lead's PIN.
    pub fn print_batch(&self, filter: &BadgeFilter, key: &str) -> Result<BatchReport, ApiError> {
        self.engine.print_batch(&self.session, Some(&self.lead()), filter, key, &mut |_, _| {})
    }
    /// With the test lead's PIN.
    pub fn save_badges_pdf(&self, filter: &BadgeFilter, path: &Path) -> Result<BatchReport, ApiError> {
        self.engine.save_badges_pdf(&self.session, Some(&self.lead()), filter, path, &mut |_, _| {})
    }
}

/// A plain walk-in: a name, a Conference ticket, nothing else filled in.
pub fn walk_in(name: &str, key: &str) -> WalkInRequest {
    WalkInRequest {
        display_name: name.into(),
        affiliation: String::new(),
        hometown: String::new(),
        email: String::new(),
        ticket_type: "Conference".into(),
        role: "attendee".into(),
        interests: Vec::new(),
        amount_due: String::new(),
        confirm_new: false,
        idempotency_key: key.into(),
    }
}

/// A file in `tests/fixtures/import`.
pub fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/import").join(name)
}

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_owned()
}

/// The store of a test database, opened directly (to look at what the
/// desk wrote: the audit log, rows a use case does not return).
pub fn store(path: &Path) -> lanyard_store::Store {
    lanyard_store::Store::open(path, Arc::new(SeededRandom::new(99))).expect("open the store")
}
