//! Benchmarks of the in-memory search index at 100,000 attendees (issue 7).
//!
//! `cargo bench -p lanyard-core --bench search` first prints, for a fixed
//! list of queries covering what the desk types (full names, prefixes in any
//! order, one and two letters, CJK and other scripts, names in other
//! scripts typed on a Latin keyboard, e-mail fragments, a badge code, typos
//! and a query that falls through to the typo pass), the
//! p50 and p99 of each over many runs and the worst p99; then the time to
//! build the index of 100,000 attendees and the memory it holds, and the
//! time of refreshes (one new attendee, a batch of 1,000 changed ones, 1,000
//! removed). Criterion then reports the median of each query and of the build.
//!
//! The Japanese attendees of the demo event have kanji family names; here
//! they also carry the kana reading as a nickname (佐藤 さとう), as a
//! registration form that asks for it would have them, so that `sato` finds
//! names in kana.
//!
//! Target (issue 7): every query's p99 under 1 ms; the build well under
//! 0.5 s, so that a 100,000-row import stays under 2 s.
#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]
#![allow(clippy::unwrap_used, reason = "a benchmark may stop at the first failure")]

use criterion::Criterion;
use lanyard_core::search::{FieldWeight, SearchIndex};
use lanyard_core::{AttendeeId, NewAttendee};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ATTENDEES: usize = 100_000;

/// The desk shows one screenful of results.
const LIMIT: usize = 12;

/// Timed runs per query for the percentiles, after `WARM_UP` untimed ones.
const RUNS: usize = 2_000;
const WARM_UP: usize = 100;

/// The fixed queries, by class. The badge code and the full e-mail address
/// are taken from the generated event, since they are random.
fn queries(people: &[NewAttendee]) -> Vec<(&'static str, String)> {
    let fixed: &[(&str, &str)] = &[
        ("full name", "jose nunez"),
        ("full name", "maria garcia"),
        ("full name", "olivia smith"),
        ("full name", "jurgen muller"),
        ("two prefixes", "jo nu"),
        ("two prefixes", "nu jo"),
        ("two prefixes", "mar gar"),
        ("two prefixes", "gar mar"),
        ("two prefixes", "zoe lef"),
        ("one letter", "a"),
        ("one letter", "e"),
        ("one letter", "o"),
        ("one letter", "m"),
        ("one letter", "s"),
        ("one letter", "d"),
        ("one letter", "j"),
        ("one letter", "1"),
        ("two letters", "jo"),
        ("two letters", "ma"),
        ("two letters", "ex"),
        ("two letters", "sm"),
        ("letters only", "s d"),
        ("letters only", "e o"),
        ("letters only", "a b c"),
        ("letters only", "o e x"),
        ("CJK", "小明"),
        ("CJK", "王"),
        ("CJK", "山田"),
        ("CJK", "민준"),
        ("CJK", "김민준"),
        ("other scripts", "алена"),
        ("other scripts", "ελενη"),
        ("other scripts", "محمد"),
        ("other scripts", "נועה"),
        ("typed in Latin", "olga"),
        ("typed in Latin", "giorgos"),
        ("typed in Latin", "wang xiao"),
        ("typed in Latin", "sato"),
        ("typed in Latin", "yulia kuznetsova"),
        ("typed in Latin", "mohammed"),
        ("typed in Latin", "fatima al"),
        ("typed in Latin", "noa cohen"),
        ("typed in Latin", "levi"),
        ("spelled query", "ольга"),
        ("spelled query", "さくら"),
        ("e-mail", "nunez12"),
        ("e-mail", "jose.nunez1"),
        ("e-mail", "example.org"),
        ("e-mail", "maria o"),
        ("typo pass", "pydesk"),
        ("typo pass", "qqqxz"),
        ("typo", "nunes"),
        ("typo", "mueler"),
        ("typo", "garcai"),
        ("typo", "lukasz wojcki"),
        ("four words", "jose nunez python software"),
        ("four words", "maria garcia univ lyon"),
    ];
    let mut out: Vec<(&str, String)> = fixed.iter().map(|&(c, q)| (c, q.to_owned())).collect();
    out.push(("badge code", people[4_321].badge_code.as_str().to_owned()));
    out.push(("e-mail", people[4_321].email.clone()));
    out
}

/// The fields the desk indexes, with the weights of `lanyard-api`'s `fields()`.
fn fields(a: &NewAttendee) -> Vec<(&str, FieldWeight)> {
    vec![
        (a.display_name.as_str(), FieldWeight::Name),
        (a.given_name.as_str(), FieldWeight::Name),
        (a.family_name.as_str(), FieldWeight::Name),
        (a.nickname.as_str(), FieldWeight::Name),
        (a.badge_code.as_str(), FieldWeight::Code),
        (a.order_code.as_str(), FieldWeight::Code),
        (a.email.as_str(), FieldWeight::Other),
        (a.affiliation.as_str(), FieldWeight::Other),
    ]
}

fn build(people: &[NewAttendee]) -> SearchIndex {
    SearchIndex::build(
        people
            .iter()
            .enumerate()
            .map(|(i, a)| (AttendeeId(i as i64 + 1), a.display_name.as_str(), fields(a))),
    )
}

/// A figure from `/proc/self/status` in KiB (`VmRSS`, `VmHWM`), if there is one.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn percentiles(index: &SearchIndex, queries: &[(&str, String)]) {
    println!("search over {ATTENDEES} attendees, {RUNS} runs per query after {WARM_UP} warm-up runs:");
    let mut worst: Option<(Duration, &str)> = None;
    let mut all = Vec::with_capacity(queries.len() * RUNS);
    for (class, q) in queries {
        let mut times = Vec::with_capacity(RUNS);
        let mut found = 0;
        for run in 0..WARM_UP + RUNS {
            let start = Instant::now();
            let hits = black_box(index.search(black_box(q), LIMIT));
            let took = start.elapsed();
            found = hits.len();
            if run >= WARM_UP {
                times.push(took);
            }
        }
        times.sort();
        let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
        println!("  {class:<14} {q:<28} p50 {p50:>9.1?}  p99 {p99:>9.1?}  ({found} hits)");
        if worst.is_none_or(|(w, _)| p99 > w) {
            worst = Some((p99, q.as_str()));
        }
        all.extend(times);
    }
    all.sort();
    println!("  all queries together: p50 {:.1?}, p99 {:.1?}", percentile(&all, 0.5), percentile(&all, 0.99));
    if let Some((p99, q)) = worst {
        println!("  worst p99: {p99:.1?} ({q:?}); target: every p99 under 1 ms");
    }
}

/// Refreshes of a full index, as the change feed makes them.
fn refreshes(people: &[NewAttendee]) {
    let mut index = build(people);
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let mut one = Vec::new();
    for (n, a) in people.iter().take(200).enumerate() {
        // A walk-in: a new id, with a new e-mail address and codes.
        let email = format!("walk.in{n}@example.net");
        let code = format!("W{n:09}");
        let mut fields = fields(a);
        fields.retain(|(_, w)| *w == FieldWeight::Name);
        fields.extend([(email.as_str(), FieldWeight::Other), (code.as_str(), FieldWeight::Code)]);
        let start = Instant::now();
        index.insert(AttendeeId(1_000_000 + n as i64), &a.display_name, &fields);
        one.push(start.elapsed());
    }
    let mut batches = Vec::new();
    for round in 0..5 {
        let note = format!("changed{round}");
        let start = Instant::now();
        index.insert_many(people.iter().enumerate().skip(round * 1_000).take(1_000).map(|(i, a)| {
            let mut fields = fields(a);
            fields.push((note.as_str(), FieldWeight::Other));
            (AttendeeId(i as i64 + 1), a.display_name.as_str(), fields)
        }));
        batches.push(start.elapsed());
    }
    let mut removals = Vec::new();
    for round in 0..5 {
        let start = Instant::now();
        index.remove_many((round * 1_000..(round + 1) * 1_000).map(|i| AttendeeId(50_000 + i as i64)));
        removals.push(start.elapsed());
    }
    println!(
        "refreshes of the {ATTENDEES}-attendee index (medians): insert one new attendee {:.1?}; \
         insert_many 1,000 changed {:.1?}; remove_many 1,000 {:.1?}",
        median(one),
        median(batches),
        median(removals)
    );
}

/// The kana reading of the demo's Japanese family names.
fn kana_reading(family: &str) -> Option<&'static str> {
    Some(match family {
        "佐藤" => "さとう",
        "鈴木" => "すずき",
        "山田" => "やまだ",
        "高橋" => "たかはし",
        _ => return None,
    })
}

fn main() {
    let mut people =
        lanyard_core::demo::generate(lanyard_core::demo::DEFAULT_SEED, ATTENDEES).unwrap().attendees;
    assert_eq!(people.len(), ATTENDEES);
    for a in &mut people {
        if let Some(kana) = kana_reading(&a.family_name) {
            a.nickname = kana.to_owned();
        }
    }
    let queries = queries(&people);

    // The first build also measures the memory the index holds: the
    // resident set grows by the index (and the build's temporary peak is
    // the growth of the high-water mark).
    let (rss_before, hwm_before) = (status_kib("VmRSS:"), status_kib("VmHWM:"));
    let start = Instant::now();
    let index = build(&people);
    let first_build = start.elapsed();
    let (rss_after, hwm_after) = (status_kib("VmRSS:"), status_kib("VmHWM:"));
    assert_eq!(index.len(), ATTENDEES);
    println!("build of {ATTENDEES} attendees (first): {first_build:.1?}");
    if let (Some(a), Some(b), Some(c), Some(d)) = (rss_before, rss_after, hwm_before, hwm_after) {
        println!(
            "resident memory held by the index: {:.1} MiB; peak during the build: +{:.1} MiB",
            (b.saturating_sub(a)) as f64 / 1024.0,
            (d.saturating_sub(c)) as f64 / 1024.0
        );
    }
    let mut builds: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let index = build(&people);
            let took = start.elapsed();
            // Freeing the index is not part of building it.
            drop(black_box(index));
            took
        })
        .collect();
    builds.sort();
    println!("build of {ATTENDEES} attendees, 5 more runs: median {:.1?}, max {:.1?}", builds[2], builds[4]);

    percentiles(&index, &queries);
    refreshes(&people);

    let mut c = Criterion::default().configure_from_args().measurement_time(Duration::from_secs(2));
    {
        let mut group = c.benchmark_group("search_100k");
        group.warm_up_time(Duration::from_millis(500));
        for (class, q) in &queries {
            group.bench_function(format!("{class}: {q}"), |b| {
                b.iter(|| black_box(index.search(black_box(q), LIMIT)))
            });
        }
        group.finish();
    }
    {
        let mut group = c.benchmark_group("build_100k");
        group.sample_size(10).measurement_time(Duration::from_secs(10));
        group.bench_function("build", |b| {
            b.iter_batched(|| (), |()| build(&people), criterion::BatchSize::PerIteration)
        });
        group.finish();
    }
    c.final_summary();
}
