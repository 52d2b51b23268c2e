//! Badge benchmarks (issues 4 and 8): one badge (Latin, Devanagari, Thai,
//! Arabic), and 1,000 badges on US Letter 6-up sheets, one in ten with a name
//! in a script beyond the demo generator's (Devanagari, Thai, Arabic, Tamil,
//! Bengali, Georgian, Ethiopic); prints the PDF sizes and the peak resident
//! memory.
//!
//! `cargo bench -p lanyard-badges --bench badges`. Targets: one badge under
//! 3 ms; 1,000 badges under 0.6 s and 1.5 MB; peak memory under 150 MB.
#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]
#![allow(clippy::unwrap_used, reason = "a benchmark may stop at the first failure")]

use criterion::Criterion;
use lanyard_badges::{BadgeInput, BadgeTemplate, Calibration, Fonts, Format, layout, render_pdf};
use std::hint::black_box;
use std::time::Duration;

/// Names in scripts the demo generator does not write.
const MORE_SCRIPTS: [&str; 7] =
    ["राहुल शर्मा", "สมชาย ใจดี", "محمد عبد الله", "தமிழ்செல்வி", "সৌরভ গাঙ্গুলী", "ნინო ბერიძე", "አበበ ቢቂላ"];

fn inputs(n: usize) -> Vec<BadgeInput> {
    let people = lanyard_core::demo::generate(11, n).unwrap().attendees;
    people
        .into_iter()
        .enumerate()
        .map(|(i, p)| BadgeInput {
            display_name: if i % 10 == 5 {
                MORE_SCRIPTS[i / 10 % MORE_SCRIPTS.len()].into()
            } else {
                p.display_name
            },
            affiliation: p.affiliation,
            hometown: p.hometown,
            role: p.role.to_string(),
            interests: p.interests,
            badge_code: p.badge_code.to_string(),
        })
        .collect()
}

fn batch(fonts: &Fonts, people: &[BadgeInput], format: Format) -> Vec<u8> {
    let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
    template.format = format;
    let layouts: Vec<_> = people.iter().map(|p| layout(p, &template, fonts)).collect();
    render_pdf(&layouts, format, Calibration::default(), fonts, "bench").unwrap()
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    let fonts = Fonts::bundled().unwrap();
    let thousand = inputs(1000);
    // Warm the per-process font parsing once, as the desk does at its first print.
    let _ = batch(fonts, &thousand[..1], Format::Label4x3);
    let one = &thousand[..1];
    let named = |name: &str| vec![BadgeInput { display_name: name.into(), ..thousand[0].clone() }];
    let (devanagari, thai, arabic) = (named(MORE_SCRIPTS[0]), named(MORE_SCRIPTS[1]), named(MORE_SCRIPTS[2]));
    let template = BadgeTemplate::standard("PyDesk Conf 2026");
    let lost: Vec<&str> = thousand
        .iter()
        .filter(|p| !layout(p, &template, fonts).missing.is_empty())
        .map(|p| p.display_name.as_str())
        .collect();
    assert!(lost.is_empty(), "every name is drawn whole: {lost:?}");
    println!(
        "one badge PDF: {} bytes (Devanagari {}, Thai {}, Arabic {}); 1,000 on letter 6-up: {} bytes",
        batch(fonts, one, Format::Label4x3).len(),
        batch(fonts, &devanagari, Format::Label4x3).len(),
        batch(fonts, &thai, Format::Label4x3).len(),
        batch(fonts, &arabic, Format::Label4x3).len(),
        batch(fonts, &thousand, Format::Letter6Up).len()
    );

    let mut c = Criterion::default().configure_from_args().measurement_time(Duration::from_secs(5));
    c.bench_function("one_badge_pdf", |b| {
        b.iter(|| black_box(batch(fonts, black_box(one), Format::Label4x3)))
    });
    for (name, input) in [("devanagari", &devanagari), ("thai", &thai), ("arabic", &arabic)] {
        c.bench_function(&format!("one_badge_pdf_{name}"), |b| {
            b.iter(|| black_box(batch(fonts, black_box(input), Format::Label4x3)))
        });
    }
    c.bench_function("one_badge_layout_only", |b| {
        b.iter(|| black_box(layout(black_box(&thousand[0]), &template, fonts)))
    });
    {
        let mut group = c.benchmark_group("thousand");
        group.sample_size(10).measurement_time(Duration::from_secs(15));
        group.bench_function("letter_6up_1000_badges", |b| {
            b.iter(|| black_box(batch(fonts, &thousand, Format::Letter6Up)))
        });
        group.finish();
    }
    c.final_summary();
    println!("peak resident memory (VmHWM): {}", peak_rss());
}
