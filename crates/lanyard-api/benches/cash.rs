//! Benchmarks of the cash box: a day of 2,000 sales on one drawer.
//!
//! `cargo bench -p lanyard-api --bench cash` first books 2,000 walk-in
//! sales (cash with change, card, rounding) on a real SQLite file with
//! `synchronous=FULL`, timing each one and printing p50/p99/max; then
//! criterion measures the median of one more sale, of the day's report
//! (data, PDF and CSV), and of `verify` over a drawer of 100,000 entries
//! (the 2,000 sales' entries plus sealed pay-ins booked straight into the
//! store in one transaction, so that setting up takes seconds, not hours).
//!
//! Targets (issue 10): the report under 200 ms, verify of 100,000 entries
//! under 1 s; a sale's median is reported (it is one durable transaction).
#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]
#![allow(clippy::unwrap_used, reason = "a benchmark may stop at the first failure")]

use criterion::Criterion;
use lanyard_api::dto::cash::{OpenDrawerRequest, PaymentRequest, SaleRequest};
use lanyard_api::{Engine, EngineOptions, Mode, Parts, Session};
use lanyard_core::cash::{Entry, EntryKind};
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const SALES: usize = 2_000;
const VERIFY_ENTRIES: i64 = 100_000;

fn sale(n: u64) -> SaleRequest {
    let (method, tendered, reference) = match n % 4 {
        0 | 1 => ("cash", "50", ""),
        2 => ("cash", "", ""),
        _ => ("card", "", "TRM-1"),
    };
    SaleRequest {
        display_name: format!("Walk-in {n}"),
        affiliation: "PyDesk".into(),
        hometown: String::new(),
        email: String::new(),
        role: String::new(),
        interests: vec![],
        ticket_type: if n.is_multiple_of(3) { "Student".into() } else { "Regular".into() },
        confirm_new: false,
        payment: PaymentRequest {
            method: method.into(),
            tendered: tendered.into(),
            reference: reference.into(),
            reason: String::new(),
        },
        auth: None,
        idempotency_key: format!("sale-{n}"),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let options = EngineOptions {
        database: dir.path().join("event.db"),
        installation: dir.path().join("desk.toml"),
        desk_name: Some("Desk 1".into()),
        create: true,
    };
    let engine = Engine::open(&options, Parts::system()).unwrap();
    let session: Session = engine.open_session(Some("Anna"), Mode::Desk).unwrap();
    engine.create_event(&session, "PyDesk 26", "CHF").unwrap();
    engine.add_lead(&session, None, "Lee", "424242", "lead").unwrap();
    let lead = lanyard_api::dto::LeadAuth::pin("Lee", "424242");
    engine.set_price(&session, Some(&lead), "Regular", "24.95", false, "p1").unwrap();
    engine.set_price(&session, Some(&lead), "Student", "12.47", false, "p2").unwrap();
    engine.set_cash_settings(&session, Some(&lead), "", "0.05", "1.00", "rules").unwrap();
    engine
        .open_cash_shift(
            &session,
            &OpenDrawerRequest { count: "20x5,10x5,5x10".into(), idempotency_key: "open".into() },
        )
        .unwrap();

    let mut times = Vec::with_capacity(SALES);
    for n in 0..SALES as u64 {
        let started = Instant::now();
        engine.sell_ticket(&session, &sale(n)).unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "{SALES} sales booked one by one: p50 {:?}, p99 {:?}, max {:?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

    let mut c = Criterion::default().configure_from_args().sample_size(30);
    let next = AtomicU64::new(SALES as u64);
    c.bench_function("cash: book one walk-in sale (durable)", |b| {
        b.iter(|| {
            black_box(engine.sell_ticket(&session, &sale(next.fetch_add(1, Ordering::Relaxed))).unwrap())
        })
    });
    c.bench_function("cash: the day's report (2,000 sales)", |b| {
        b.iter(|| black_box(engine.cash_report(&session, "").unwrap()))
    });
    c.bench_function("cash: the day's report as PDF", |b| {
        b.iter(|| black_box(engine.cash_report_pdf(&session, "").unwrap()))
    });
    c.bench_function("cash: the day's report as CSV", |b| {
        b.iter(|| black_box(engine.cash_report_csv(&session, "").unwrap()))
    });

    // Fill the drawer to 100,000 entries with sealed pay-ins, in one transaction.
    let store =
        lanyard_store::Store::open(&options.database, Arc::new(lanyard_api::OsRandom::default())).unwrap();
    let drawer = session.desk_id().as_str().to_owned();
    let filled = Instant::now();
    store
        .write(|tx| {
            let (mut seq, mut prev) = tx.cash_chain_head(&drawer)?.unwrap();
            let template: Entry =
                tx.cash_entries_of_drawer(&drawer)?.into_iter().find(|e| e.kind == EntryKind::Float).unwrap();
            while seq < VERIFY_ENTRIES {
                seq += 1;
                let mut e = Entry {
                    seq,
                    uid: format!("bench-{seq}"),
                    kind: EntryKind::PayIn,
                    amount: 5,
                    reason: Some("bench".into()),
                    count: None,
                    ..template.clone()
                };
                e.seal(&prev);
                prev.clone_from(&e.hash);
                tx.insert_cash_entry(&e)?;
            }
            Ok::<_, lanyard_store::StoreError>(())
        })
        .unwrap();
    println!("filled the drawer to {VERIFY_ENTRIES} entries in {:?}", filled.elapsed());
    let check = engine.verify_ledger(&session).unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert_eq!(check.drawers[0].entries, VERIFY_ENTRIES);
    c.bench_function("cash: verify a drawer of 100,000 entries", |b| {
        b.iter(|| black_box(engine.verify_ledger(&session).unwrap()))
    });
    c.final_summary();
}
