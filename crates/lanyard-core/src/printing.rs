//! The print port: what the desk needs from a printing system, as pure types
//! and one trait, [`PrintQueue`]. The CUPS adapter (`lanyard-cups`)
//! implements it; rule tests inject [`RecordingQueue`] instead.
//!
//! This module performs no IO. It validates queue names before anything
//! reaches a command line (issue 11): a name that could read as an option
//! (`-o`), split into two words, or hold a control character never becomes a
//! [`QueueName`]. Whether CUPS knows the queue is the adapter's question.

use std::fmt;
use std::sync::{Mutex, PoisonError};

/// The longest queue name CUPS accepts, in bytes.
pub const QUEUE_NAME_MAX_BYTES: usize = 127;

/// The name of a print queue, checked to be safe to pass to `lp -d`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QueueName(String);

impl QueueName {
    /// Checks a queue name as chosen or typed: not empty, no leading `-`, no
    /// white space, `/`, `#` or control characters, at most 127 bytes.
    /// Surrounding space is not trimmed: a queue name never has any.
    pub fn parse(raw: &str) -> Result<Self, PrintError> {
        let bad = |reason: &'static str| PrintError::BadQueueName { name: raw.to_owned(), reason };
        if raw.is_empty() {
            return Err(bad("it is empty"));
        }
        if raw.starts_with('-') {
            return Err(bad("it starts with a dash"));
        }
        if raw.len() > QUEUE_NAME_MAX_BYTES {
            return Err(bad("it is longer than 127 bytes"));
        }
        for ch in raw.chars() {
            if ch.is_control() {
                return Err(bad("it has a control character"));
            }
            if ch.is_whitespace() {
                return Err(bad("it has a space"));
            }
            if ch == '/' {
                return Err(bad("it has a slash"));
            }
            if ch == '#' {
                return Err(bad("it has a #"));
            }
        }
        Ok(QueueName(raw.to_owned()))
    }

    /// The name as CUPS knows it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for QueueName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for QueueName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A print queue and whether it takes jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterStatus {
    /// The queue's name.
    pub name: String,
    /// False when the queue is disabled (stopped) or rejects jobs.
    pub ready: bool,
    /// The printing system's description of its state.
    pub state: String,
}

/// The id the printing system gave an accepted job (CUPS: `Queue-123`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PrintJobId(pub String);

impl PrintJobId {
    /// The id as the printing system wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The job's number, the digits after the last `-` (`Queue-123` is 123).
    pub fn number(&self) -> Option<u64> {
        self.0.rsplit_once('-')?.1.parse().ok()
    }
}

impl fmt::Display for PrintJobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One PDF to print: where, on which stock, and under which job title.
///
/// The title is seen by anyone who can list the queue: callers pass a
/// neutral one ("Lanyard badge"), never a name or a badge code.
#[derive(Clone, Copy)]
pub struct Document<'a> {
    /// The queue to print on.
    pub queue: &'a QueueName,
    /// The stock, as a CUPS media name (`Custom.4x3in`, `A4`).
    pub media: &'a str,
    /// The PDF itself.
    pub pdf: &'a [u8],
    /// The job's title.
    pub title: &'a str,
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("queue", &self.queue.as_str())
            .field("media", &self.media)
            .field("pdf_bytes", &self.pdf.len())
            .field("title", &self.title)
            .finish()
    }
}

/// Why a queue could not be listed or a job not submitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// A queue name that is not safe to hand to the printing tools.
    #[error("the printer name {name:?} is not valid: {reason}")]
    BadQueueName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The printing tools are not installed (or could not be started).
    #[error("the printing tools are missing ({0}): install the cups-client package")]
    NoCups(String),
    /// The printing service did not answer at all.
    #[error("printing is unavailable (CUPS says: {says}): check that the CUPS service is running")]
    Unavailable {
        /// CUPS's words.
        says: String,
    },
    /// The queue does not exist.
    #[error("the printer {queue:?} does not exist (CUPS says: {says})")]
    UnknownQueue {
        /// The queue.
        queue: String,
        /// CUPS's words.
        says: String,
    },
    /// The queue is disabled or rejecting jobs.
    #[error("the printer {queue:?} is not taking jobs (CUPS says: {says})")]
    NotReady {
        /// The queue.
        queue: String,
        /// CUPS's words.
        says: String,
    },
    /// The printing system refused the job.
    #[error("the printer {queue:?} refused the badge (lp says: {says})")]
    Refused {
        /// The queue.
        queue: String,
        /// lp's words.
        says: String,
    },
    /// A printing tool (or a job being waited for) took too long.
    #[error("{program} did not finish within {seconds} s: check that CUPS is running")]
    TimedOut {
        /// What was waited for: the program, or the job.
        program: String,
        /// How long it was given.
        seconds: u64,
    },
}

/// A printing system: lists its queues and takes PDFs.
///
/// A job counts as printed once `submit` returned its id: the printing
/// system accepted it.
pub trait PrintQueue: Send + Sync + fmt::Debug {
    /// The queues the printing system knows, with their state.
    fn printers(&self) -> Result<Vec<PrinterStatus>, PrintError>;
    /// Submits one PDF; returns the printing system's job id.
    fn submit(&self, doc: &Document<'_>) -> Result<PrintJobId, PrintError>;
}

/// How many leading bytes of each PDF a [`RecordingQueue`] keeps.
pub const RECORDED_HEAD_BYTES: usize = 16;

/// One job a [`RecordingQueue`] accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedJob {
    /// The id it was given (`QUEUE-1`, `QUEUE-2`, ...).
    pub id: PrintJobId,
    /// The queue.
    pub queue: String,
    /// The media option.
    pub media: String,
    /// The job title.
    pub title: String,
    /// The PDF's size in bytes.
    pub pdf_len: usize,
    /// Its first bytes (up to [`RECORDED_HEAD_BYTES`]), e.g. `%PDF-1.7`.
    pub pdf_head: Vec<u8>,
}

/// A print queue for tests about rules rather than printing: it records
/// what was submitted and prints nothing.
///
/// By default it lists no printers and accepts every job. With
/// [`with_printers`](Self::with_printers) it refuses, as CUPS would, a queue
/// it does not list or one that is not ready; with
/// [`failing_with`](Self::failing_with) every submission returns that error.
#[derive(Debug, Default)]
pub struct RecordingQueue {
    printers: Option<Vec<PrinterStatus>>,
    failure: Option<PrintError>,
    jobs: Mutex<Vec<RecordedJob>>,
}

impl RecordingQueue {
    /// A queue that lists no printers and accepts every job.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lists `printers`, and takes jobs only for those of them that are ready.
    pub fn with_printers(mut self, printers: Vec<PrinterStatus>) -> Self {
        self.printers = Some(printers);
        self
    }

    /// Makes every submission fail with `error` (nothing is recorded).
    pub fn failing_with(mut self, error: PrintError) -> Self {
        self.failure = Some(error);
        self
    }

    /// The jobs accepted so far, oldest first.
    pub fn jobs(&self) -> Vec<RecordedJob> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl PrintQueue for RecordingQueue {
    fn printers(&self) -> Result<Vec<PrinterStatus>, PrintError> {
        Ok(self.printers.clone().unwrap_or_default())
    }

    fn submit(&self, doc: &Document<'_>) -> Result<PrintJobId, PrintError> {
        if let Some(error) = &self.failure {
            return Err(error.clone());
        }
        let queue = doc.queue.as_str();
        if let Some(printers) = &self.printers {
            let Some(printer) = printers.iter().find(|p| p.name == queue) else {
                return Err(PrintError::UnknownQueue {
                    queue: queue.to_owned(),
                    says: format!("Invalid destination name in list \"{queue}\"."),
                });
            };
            if !printer.ready {
                return Err(PrintError::NotReady { queue: queue.to_owned(), says: printer.state.clone() });
            }
        }
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let id = PrintJobId(format!("{queue}-{}", jobs.len() + 1));
        jobs.push(RecordedJob {
            id: id.clone(),
            queue: queue.to_owned(),
            media: doc.media.to_owned(),
            title: doc.title.to_owned(),
            pdf_len: doc.pdf.len(),
            pdf_head: doc.pdf.iter().take(RECORDED_HEAD_BYTES).copied().collect(),
        });
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_names_that_could_not_reach_lp_safely_are_refused_with_the_reason() {
        let long = "Q".repeat(QUEUE_NAME_MAX_BYTES + 1);
        let cases: &[(&str, Option<&str>)] = &[
            ("BadgePDF", None),
            ("Zebra_ZD421-hall-2", None),
            ("Étiquettes", None),
            ("a-", None),
            (&long[1..], None),
            ("", Some("it is empty")),
            ("-oraw", Some("it starts with a dash")),
            ("--help", Some("it starts with a dash")),
            ("Badge PDF", Some("it has a space")),
            ("BadgePDF\t", Some("it has a control character")),
            (" BadgePDF", Some("it has a space")),
            ("Badge\u{a0}PDF", Some("it has a space")),
            ("ipp/BadgePDF", Some("it has a slash")),
            ("Badge#2", Some("it has a #")),
            ("Badge\nPDF", Some("it has a control character")),
            ("Badge\u{7f}", Some("it has a control character")),
            ("Badge\u{0}", Some("it has a control character")),
            (&long, Some("it is longer than 127 bytes")),
            // 64 two-byte letters: 64 characters but 128 bytes.
            (&"é".repeat(64), Some("it is longer than 127 bytes")),
        ];
        for (raw, want) in cases {
            let got = QueueName::parse(raw);
            match want {
                None => assert_eq!(got.as_ref().map(QueueName::as_str), Ok(*raw), "{raw:?} is a fine name"),
                Some(reason) => assert_eq!(
                    got,
                    Err(PrintError::BadQueueName { name: (*raw).to_owned(), reason }),
                    "{raw:?} is refused because {reason}"
                ),
            }
        }
    }

    #[test]
    fn a_refused_queue_name_is_shown_escaped_so_control_characters_stay_visible() {
        let err = QueueName::parse("Badge\u{1b}[2J").expect_err("escape character");
        assert_eq!(
            err.to_string(),
            "the printer name \"Badge\\u{1b}[2J\" is not valid: it has a control character"
        );
    }

    #[test]
    fn job_ids_give_their_number() {
        assert_eq!(PrintJobId("BadgePDF-12".into()).number(), Some(12));
        assert_eq!(PrintJobId("hall-2-7".into()).number(), Some(7));
        assert_eq!(PrintJobId("BadgePDF".into()).number(), None);
    }

    #[test]
    fn a_document_debugs_without_its_bytes() {
        let queue = QueueName::parse("BadgePDF").expect("valid");
        let doc = Document { queue: &queue, media: "A4", pdf: b"%PDF-1.7 secret", title: "Lanyard badge" };
        let text = format!("{doc:?}");
        assert!(text.contains("pdf_bytes: 15") && !text.contains("secret"), "{text}");
    }

    #[test]
    fn the_recording_queue_keeps_what_was_submitted_and_numbers_the_jobs() {
        let queue = RecordingQueue::new();
        let (a, b) =
            (QueueName::parse("BadgePDF").expect("valid"), QueueName::parse("Zebra").expect("valid"));
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
        let first = queue.submit(&Document { queue: &a, media: "Custom.4x3in", pdf, title: "Lanyard badge" });
        let second =
            queue.submit(&Document { queue: &b, media: "A4", pdf: b"%PDF", title: "Lanyard test page" });
        assert_eq!(first, Ok(PrintJobId("BadgePDF-1".into())));
        assert_eq!(second, Ok(PrintJobId("Zebra-2".into())));
        let jobs = queue.jobs();
        assert_eq!(jobs.len(), 2);
        assert_eq!(
            (jobs[0].queue.as_str(), jobs[0].media.as_str(), jobs[0].title.as_str(), jobs[0].pdf_len),
            ("BadgePDF", "Custom.4x3in", "Lanyard badge", pdf.len())
        );
        assert_eq!(jobs[0].pdf_head, pdf[..RECORDED_HEAD_BYTES].to_vec(), "the head is kept, not the PDF");
        assert_eq!(jobs[1].pdf_head, b"%PDF".to_vec());
        assert_eq!(queue.printers(), Ok(vec![]), "no printers unless given");
    }

    #[test]
    fn the_recording_queue_refuses_like_cups_when_given_printers() {
        let printers = vec![
            PrinterStatus { name: "BadgePDF".into(), ready: true, state: "is idle.".into() },
            PrinterStatus { name: "BadgeOff".into(), ready: false, state: "disabled - paused".into() },
        ];
        let queue = RecordingQueue::new().with_printers(printers.clone());
        assert_eq!(queue.printers(), Ok(printers));
        let doc = |q| Document { queue: q, media: "A4", pdf: b"%PDF", title: "Lanyard badge" };
        let off = QueueName::parse("BadgeOff").expect("valid");
        let gone = QueueName::parse("NoSuchQueue").expect("valid");
        assert!(
            matches!(queue.submit(&doc(&off)), Err(PrintError::NotReady { says, .. }) if says == "disabled - paused")
        );
        let err = queue.submit(&doc(&gone)).expect_err("unknown");
        assert!(err.to_string().contains("\"NoSuchQueue\" does not exist"), "{err}");
        assert!(queue.jobs().is_empty(), "refused jobs are not recorded");
        let on = QueueName::parse("BadgePDF").expect("valid");
        assert_eq!(queue.submit(&doc(&on)), Ok(PrintJobId("BadgePDF-1".into())));
    }

    #[test]
    fn a_failing_recording_queue_returns_its_error_and_records_nothing() {
        let error = PrintError::TimedOut { program: "lp".into(), seconds: 20 };
        let queue = RecordingQueue::new().failing_with(error.clone());
        let q = QueueName::parse("BadgePDF").expect("valid");
        let got = queue.submit(&Document { queue: &q, media: "A4", pdf: b"%PDF", title: "Lanyard badge" });
        assert_eq!(got, Err(error));
        assert_eq!(
            got.expect_err("failed").to_string(),
            "lp did not finish within 20 s: check that CUPS is running"
        );
        assert!(queue.jobs().is_empty());
    }

    #[test]
    fn the_port_can_be_shared_between_threads_as_a_trait_object() {
        fn shared(_: std::sync::Arc<dyn PrintQueue>) {}
        shared(std::sync::Arc::new(RecordingQueue::new()));
    }
}
