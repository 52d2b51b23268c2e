//! The adapter against the real CUPS of this machine: the cups-pdf queues
//! that `scripts/cups-test-queue` sets up, named in `LANYARD_TEST_PRINTER`,
//! `LANYARD_TEST_PRINTER_OFF` and `LANYARD_TEST_PRINTER_OUT`
//! (`scripts/check` exports them before the Rust tests).
//!
//! Without `LANYARD_TEST_PRINTER` a test returns early, saying so; in CI
//! (`CI` set) it fails instead, so a missing queue cannot pass unseen.

use lanyard_cups::{Cups, Document, PrintError, PrintJobId, PrintQueue, QueueName, wait_until_completed};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The queue named by `variable`, or `None` (outside CI) when it is unset.
fn queue_from(variable: &str) -> Option<QueueName> {
    match std::env::var(variable) {
        Ok(name) => Some(QueueName::parse(&name).unwrap_or_else(|e| panic!("{variable}: {e}"))),
        Err(_) if std::env::var_os("CI").is_some() => panic!(
            "{variable} is not set, so the real CUPS queue cannot be tested: \
             run scripts/check, or see \"End-to-end tests by hand\" in CONTRIBUTING.md"
        ),
        Err(_) => {
            eprintln!("{variable} is not set: skipping the real-CUPS test (scripts/check sets it)");
            None
        }
    }
}

/// A one-page PDF (4 x 3 in, one filled rectangle) written by hand, with a
/// cross-reference table whose offsets are computed, so it is valid.
fn tiny_pdf() -> Vec<u8> {
    let content = "0 0 0.6 rg 36 36 216 144 re f";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 216] /Contents 4 0 R >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", n + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

/// cups-pdf's file for `job` (named `job_N-...` with `Label 1`), once it
/// exists and its size held still across two looks 300 ms apart.
fn settled_output(dir: &Path, job: &PrintJobId) -> PathBuf {
    let prefix = format!("job_{}-", job.number().expect("a CUPS job id ends in its number"));
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last: Option<(PathBuf, u64)> = None;
    loop {
        let found = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix)));
        let now = found.and_then(|p| std::fs::metadata(&p).ok().map(|m| (p, m.len())));
        if let (Some((_, size)), Some(before)) = (&now, &last)
            && *size > 0
            && Some(before) == now.as_ref()
        {
            return before.0.clone();
        }
        assert!(
            Instant::now() < deadline,
            "cups-pdf wrote no settled {prefix}*.pdf for {job} in {}",
            dir.display()
        );
        last = now;
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn a_pdf_goes_through_the_real_queue_and_its_job_completes() {
    let Some(queue) = queue_from("LANYARD_TEST_PRINTER") else { return };
    let cups = Cups::new();
    let printers = cups.printers().expect("lpstat lists the queues");
    let printer = printers.iter().find(|p| p.name == queue.as_str());
    assert!(printer.is_some_and(|p| p.ready), "{queue} is listed and ready: {printers:?}");

    let pdf = tiny_pdf();
    let doc = Document { queue: &queue, media: "Custom.4x3in", pdf: &pdf, title: "Lanyard badge" };
    let job = cups.submit(&doc).expect("CUPS accepts the job");
    assert!(job.as_str().starts_with(&format!("{queue}-")) && job.number().is_some(), "a CUPS job id: {job}");
    wait_until_completed(&queue, &job, Duration::from_secs(60)).expect("the job completes");

    if let Ok(out) = std::env::var("LANYARD_TEST_PRINTER_OUT") {
        let file = settled_output(Path::new(&out), &job);
        let bytes = std::fs::read(&file).expect("the output can be read");
        assert!(bytes.starts_with(b"%PDF-"), "cups-pdf wrote a PDF: {}", file.display());
    }
}

#[test]
fn a_paused_queue_and_an_unknown_one_are_refused_before_lp_in_cups_words() {
    let Some(off) = queue_from("LANYARD_TEST_PRINTER_OFF") else { return };
    let pdf = tiny_pdf();
    let cups = Cups::new();
    let err = cups
        .submit(&Document { queue: &off, media: "Custom.4x3in", pdf: &pdf, title: "Lanyard badge" })
        .expect_err("the paused queue");
    assert!(
        matches!(&err, PrintError::NotReady { says, .. } if says.contains("paused for the tests")),
        "CUPS's own words: {err}"
    );

    let gone = QueueName::parse("NoSuchQueue").expect("a valid name");
    let err = cups
        .submit(&Document { queue: &gone, media: "Custom.4x3in", pdf: &pdf, title: "Lanyard badge" })
        .expect_err("an unknown queue");
    assert!(err.to_string().contains("\"NoSuchQueue\" does not exist"), "{err}");
}
