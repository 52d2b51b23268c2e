//! The bodies of the fuzz targets in `fuzz/` (cargo-fuzz, nightly), shared
//! with the stable test `tests/scenarios/fuzz_corpora.rs`, which replays
//! every committed corpus file through the same code on every CI run. A
//! body panics (a crash) when the code under test panics or breaks one of
//! its promises; every input that ever crashed one is kept in the corpus.

use lanyard_api::{Engine, Session};
use lanyard_core::import::{Preset, parse, read_table};
use lanyard_core::search::SearchIndex;
use lanyard_core::{AttendeeId, Currency};
use std::sync::{Arc, OnceLock};

/// A CSV file of any bytes: read as a table, mapped by its detected preset
/// (or by name and e-mail), parsed into rows or row problems. Never panics,
/// and every problem names a line of the file.
pub fn import_csv(bytes: &[u8]) {
    let Ok(table) = read_table("fuzz.csv", bytes) else { return };
    let mapping = match Preset::detect(&table.headers) {
        Some(preset) => preset.mapping(),
        None => Preset::Pretix.mapping(),
    };
    let currency = Currency::parse("EUR").expect("EUR");
    if let Ok(parsed) = parse(&table, &mapping, &["web".to_owned()], &currency) {
        for p in &parsed.problems {
            assert!(p.line >= 1, "a problem names a line: {p:?}");
        }
    }
}

/// A badge template as any text: read as TOML, refused or accepted, never a panic.
pub fn badge_template(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(template) = lanyard_badges::BadgeTemplate::from_toml(text) {
        // What was accepted lays out a badge.
        let fonts = lanyard_badges::Fonts::bundled().expect("fonts");
        let _ = lanyard_badges::layout(&sample_badge("Ana Lima"), &template, fonts);
    }
}

fn sample_badge(name: &str) -> lanyard_badges::BadgeInput {
    lanyard_badges::BadgeInput {
        display_name: name.to_owned(),
        affiliation: "PyDesk".into(),
        hometown: "Tbilisi".into(),
        role: "speaker".into(),
        interests: vec!["web".into()],
        badge_code: "7TQ9BC4MEK".into(),
    }
}

/// The badge layout of any text as the name, affiliation and hometown:
/// shaping, bidi and fitting never panic and keep every box on the badge.
pub fn badge_layout(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.splitn(3, '\n');
    let mut input = sample_badge(parts.next().unwrap_or_default());
    input.affiliation = parts.next().unwrap_or_default().to_owned();
    input.hometown = parts.next().unwrap_or_default().to_owned();
    // The desk refuses longer fields; the layout must cope with these.
    for field in [&mut input.display_name, &mut input.affiliation, &mut input.hometown] {
        *field = field.chars().take(200).collect();
    }
    let fonts = lanyard_badges::Fonts::bundled().expect("fonts");
    let template = lanyard_badges::BadgeTemplate::standard("PyDesk 26");
    let badge = lanyard_badges::layout(&input, &template, fonts);
    let _ = badge.name_is_complete();
}

/// A fixed desk: a demo event of 2,000 attendees in a temporary folder.
struct FixedDesk {
    engine: Arc<Engine>,
    session: Session,
    index: SearchIndex,
    _dir: tempfile::TempDir,
}

fn fixed_desk() -> &'static FixedDesk {
    static DESK: OnceLock<FixedDesk> = OnceLock::new();
    DESK.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(lanyard_core::FixedClock::new(crate::OPENING));
        let printer = Arc::new(lanyard_api::RecordingQueue::new());
        let desk = crate::open_engine(
            &dir.path().join("event.db"),
            &dir.path().join("desk.toml"),
            "Desk 1",
            Some("Anna"),
            crate::parts(&clock, printer, 3),
        )
        .expect("open");
        desk.engine.create_demo(&desk.session, 7, 2_000).expect("demo");
        let cards = desk.engine.search(&desk.session, "a").expect("search");
        let mut index = SearchIndex::new();
        for n in 1..=2_000 {
            let name = format!(
                "Person {n} {}",
                cards.get(n % cards.len().max(1)).map_or("", |c| c.display_name.as_str())
            );
            index.insert(AttendeeId(n as i64), &name, &[]);
        }
        FixedDesk { engine: desk.engine, session: desk.session, index, _dir: dir }
    })
}

/// A scanned or typed code of any bytes, resolved against the fixed event:
/// found or "unknown code", never a panic.
pub fn resolve_code(bytes: &[u8]) {
    let desk = fixed_desk();
    let text = String::from_utf8_lossy(bytes);
    match desk.engine.resolve_code(&desk.session, &text) {
        Ok(card) => assert!(!card.badge_code.is_empty()),
        Err(e) => assert!(
            matches!(e.code, lanyard_api::ErrorCode::UnknownCode | lanyard_api::ErrorCode::InvalidInput),
            "{e:?}"
        ),
    }
}

/// A search query of any bytes against a fixed index and the fixed event:
/// at most the asked number of hits, never a panic.
pub fn search_query(bytes: &[u8]) {
    let desk = fixed_desk();
    let text = String::from_utf8_lossy(bytes);
    let hits = desk.index.search(&text, 12);
    assert!(hits.len() <= 12);
    let cards = desk.engine.search(&desk.session, &text).expect("search never fails");
    assert!(cards.len() <= lanyard_api::SEARCH_LIMIT);
}

/// A fuzz target's body.
pub type Body = fn(&[u8]);

/// Builds what the targets share (the bundled fonts, the fixed event)
/// before the fuzzer starts timing: making the fixed event writes 2,000
/// attendees and takes longer than one input may.
pub fn prepare() {
    let _ = lanyard_badges::Fonts::bundled();
    let _ = fixed_desk();
}

/// Every target by name, for the corpus replay.
pub const TARGETS: [(&str, Body); 5] = [
    ("import_csv", import_csv),
    ("badge_template", badge_template),
    ("badge_layout", badge_layout),
    ("resolve_code", resolve_code),
    ("search_query", search_query),
];
