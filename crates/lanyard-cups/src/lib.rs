//! Printing through CUPS: [`Cups`] implements lanyard-core's print port,
//! [`PrintQueue`], with `lpstat` to list queues and `lp` to submit a PDF. No
//! dialog: the desk's chosen queue gets the job at once.
//!
//! This crate owns every child process of printing and nothing else: it
//! knows no badge, no layout and no PDF code (the PDF arrives as bytes), and
//! never decides whether a badge counts as printed (the api does, from the
//! job id returned here). Every tool runs with a scrubbed environment
//! (`LANYARD_*` secrets never reach CUPS), `LC_ALL=C` so that its output can
//! be read, a timeout (a hung CUPS says so in seconds) and bounded output.
//! Queue names are checked by [`QueueName::parse`] before they get here, and
//! known to `lpstat` before `lp` runs. Refusals carry CUPS's own words.
#![deny(missing_docs)]

mod lpstat;
mod run;

use std::ffi::OsString;
use std::time::{Duration, Instant};

pub use lanyard_core::printing::{Document, PrintError, PrintJobId, PrintQueue, PrinterStatus, QueueName};

use crate::lpstat::{first_line, lists_job, parse_job_id, parse_lpstat};
use crate::run::{Ran, command, run, seconds};

/// How long `lpstat` may take before CUPS is reported as not answering.
pub const LPSTAT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long `lp` may take (it sends the whole PDF) before giving up.
pub const LP_TIMEOUT: Duration = Duration::from_secs(20);

/// How often [`Cups::wait_until_completed`] asks CUPS again.
const COMPLETION_POLL: Duration = Duration::from_millis(100);

/// One CUPS tool: its name in messages and the command line that runs it.
#[derive(Debug, Clone)]
struct Tool {
    label: &'static str,
    argv: Vec<OsString>,
    timeout: Duration,
}

impl Tool {
    fn run(&self, args: &[&str], input: Option<&[u8]>) -> Result<Ran, PrintError> {
        let Some((program, leading)) = self.argv.split_first() else {
            return Err(PrintError::NoCups(format!("{}: no program to run", self.label)));
        };
        let mut cmd = command(program);
        cmd.args(leading).args(args);
        run(self.label, cmd, input, self.timeout)
    }
}

/// The CUPS print system of this machine, reached through `lpstat` and `lp`
/// on the `PATH` (the CUPS server is the one `CUPS_SERVER` names, else the
/// local one).
#[derive(Debug, Clone)]
pub struct Cups {
    lpstat: Tool,
    lp: Tool,
}

impl Default for Cups {
    fn default() -> Self {
        Self::new()
    }
}

impl Cups {
    /// CUPS through `lpstat` and `lp`, with [`LPSTAT_TIMEOUT`] and [`LP_TIMEOUT`].
    pub fn new() -> Self {
        Self::with_tools(vec!["lpstat".into()], vec!["lp".into()], LPSTAT_TIMEOUT, LP_TIMEOUT)
    }

    /// CUPS through other command lines (a program and leading arguments
    /// each), for tests that stand in for the tools.
    pub(crate) fn with_tools(
        lpstat: Vec<OsString>,
        lp: Vec<OsString>,
        lpstat_timeout: Duration,
        lp_timeout: Duration,
    ) -> Self {
        Cups {
            lpstat: Tool { label: "lpstat", argv: lpstat, timeout: lpstat_timeout },
            lp: Tool { label: "lp", argv: lp, timeout: lp_timeout },
        }
    }

    /// Waits until CUPS lists `job` among the completed jobs of `queue`
    /// (`lpstat -W completed -o QUEUE`): it finished, or was cancelled or
    /// aborted. A job still pending after `timeout` is `TimedOut`.
    pub fn wait_until_completed(
        &self,
        queue: &QueueName,
        job: &PrintJobId,
        timeout: Duration,
    ) -> Result<(), PrintError> {
        let deadline = Instant::now() + timeout;
        loop {
            let ran = self.lpstat.run(&["-W", "completed", "-o", queue.as_str()], None)?;
            if lists_job(&ran.stdout, job) {
                return Ok(());
            }
            if !ran.success {
                return Err(not_found(queue.as_str(), first_line(&ran.stderr, &ran.stdout)));
            }
            if Instant::now() >= deadline {
                return Err(PrintError::TimedOut {
                    program: format!("print job {job}"),
                    seconds: seconds(timeout),
                });
            }
            std::thread::sleep(COMPLETION_POLL);
        }
    }
}

/// Waits until CUPS has completed `job` on `queue`: see [`Cups::wait_until_completed`].
pub fn wait_until_completed(
    queue: &QueueName,
    job: &PrintJobId,
    timeout: Duration,
) -> Result<(), PrintError> {
    Cups::new().wait_until_completed(queue, job, timeout)
}

/// What a failed `lpstat` about one queue means: the queue is unknown, or
/// the CUPS scheduler is not there at all.
fn not_found(queue: &str, says: String) -> PrintError {
    let lower = says.to_ascii_lowercase();
    if lower.contains("scheduler is not running") || lower.contains("unable to connect") {
        PrintError::Unavailable { says }
    } else {
        PrintError::UnknownQueue { queue: queue.to_owned(), says }
    }
}

impl PrintQueue for Cups {
    /// `lpstat -p -a`: every queue, ready when enabled and accepting jobs.
    fn printers(&self) -> Result<Vec<PrinterStatus>, PrintError> {
        let ran = self.lpstat.run(&["-p", "-a"], None)?;
        let printers = parse_lpstat(&ran.stdout);
        if !ran.success && printers.is_empty() && !ran.stderr.contains("No destinations") {
            return Err(PrintError::Unavailable { says: first_line(&ran.stderr, &ran.stdout) });
        }
        Ok(printers)
    }

    /// `lpstat -p QUEUE -a QUEUE` (one call: the queue must exist and take
    /// jobs), then `lp -d QUEUE -o media=MEDIA -t TITLE` with the PDF on stdin.
    fn submit(&self, doc: &Document<'_>) -> Result<PrintJobId, PrintError> {
        let queue = doc.queue.as_str();
        let ran = self.lpstat.run(&["-p", queue, "-a", queue], None)?;
        match parse_lpstat(&ran.stdout).into_iter().find(|p| p.name == queue) {
            None => return Err(not_found(queue, first_line(&ran.stderr, &ran.stdout))),
            Some(p) if !p.ready => {
                return Err(PrintError::NotReady { queue: queue.to_owned(), says: p.state });
            }
            Some(_) => {}
        }
        let media = format!("media={}", doc.media);
        let ran = self.lp.run(&["-d", queue, "-o", &media, "-t", doc.title], Some(doc.pdf))?;
        match (ran.success, parse_job_id(&ran.stdout)) {
            (true, Some(id)) => Ok(id),
            _ => Err(PrintError::Refused {
                queue: queue.to_owned(),
                says: first_line(&ran.stderr, &ran.stdout),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The adapter's logic with `sh -c` scripts standing in for `lpstat` and
    //! `lp` (the real tools are exercised in `tests/cups.rs`).
    use super::*;
    use std::path::Path;

    fn sh(script: &str) -> Vec<OsString> {
        // `sh -c SCRIPT NAME ARGS...`: the tool's own arguments become "$@".
        vec!["sh".into(), "-c".into(), script.into(), "tool".into()]
    }

    fn cups(lpstat: &str, lp: &str) -> Cups {
        Cups::with_tools(sh(lpstat), sh(lp), Duration::from_secs(10), Duration::from_secs(10))
    }

    fn queue(name: &str) -> QueueName {
        QueueName::parse(name).expect("a valid name")
    }

    fn doc<'a>(queue: &'a QueueName, pdf: &'a [u8]) -> Document<'a> {
        Document { queue, media: "Custom.4x3in", pdf, title: "Lanyard badge" }
    }

    const IDLE: &str = "printf 'printer BadgePDF is idle.  enabled since Tue Dec  1 09:02:30 2026\\n\
                        BadgePDF accepting requests since Tue Dec  1 09:02:30 2026\\n'";

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| format!("<{}: {e}>", path.display()))
    }

    #[test]
    fn a_job_goes_to_lp_with_queue_media_and_title_and_the_pdf_on_stdin() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (args, input) = (dir.path().join("args"), dir.path().join("stdin"));
        let lp = format!(
            "printf '%s\\n' \"$@\" > '{}'; cat > '{}'; echo 'request id is BadgePDF-7 (0 file(s))'",
            args.display(),
            input.display()
        );
        let q = queue("BadgePDF");
        let pdf = b"%PDF-1.4\nnot really a pdf\n%%EOF\n";
        assert_eq!(cups(IDLE, &lp).submit(&doc(&q, pdf)), Ok(PrintJobId("BadgePDF-7".into())));
        assert_eq!(read(&args), "-d\nBadgePDF\n-o\nmedia=Custom.4x3in\n-t\nLanyard badge\n");
        assert_eq!(read(&input).as_bytes(), pdf, "the PDF arrives whole on stdin");
    }

    #[test]
    fn lpstat_is_asked_about_the_one_queue_before_lp() {
        let dir = tempfile::tempdir().expect("temp dir");
        let args = dir.path().join("lpstat-args");
        let lpstat = format!("printf '%s ' \"$@\" > '{}'; {IDLE}", args.display());
        let q = queue("BadgePDF");
        let got = cups(&lpstat, "echo 'request id is BadgePDF-8 (0 file(s))'").submit(&doc(&q, b"%PDF"));
        assert_eq!(got, Ok(PrintJobId("BadgePDF-8".into())));
        assert_eq!(read(&args), "-p BadgePDF -a BadgePDF ");
    }

    #[test]
    fn an_unknown_queue_is_refused_in_cups_words_and_lp_never_runs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ran_lp = dir.path().join("lp-ran");
        let lpstat = "echo 'lpstat: Invalid destination name in list \"NoSuchQueue\".' >&2; exit 1";
        let lp = format!("touch '{}'", ran_lp.display());
        let q = queue("NoSuchQueue");
        let err = cups(lpstat, &lp).submit(&doc(&q, b"%PDF")).expect_err("unknown queue");
        assert_eq!(
            err.to_string(),
            "the printer \"NoSuchQueue\" does not exist (CUPS says: Invalid destination name in list \"NoSuchQueue\".)"
        );
        assert!(!ran_lp.exists(), "lp was not called");
    }

    #[test]
    fn a_disabled_or_rejecting_queue_is_not_ready_and_lp_never_runs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ran_lp = dir.path().join("lp-ran");
        let lp = format!("touch '{}'", ran_lp.display());
        let lpstat = "printf 'printer BadgeOff disabled since Tue Dec  1 09:02:17 2026 -\\n\\tpaused for the tests\\n\
                      BadgeOff not accepting requests since Tue Dec  1 09:02:17 2026 -\\n\\tpaused for the tests\\n'; exit 1";
        let q = queue("BadgeOff");
        let err = cups(lpstat, &lp).submit(&doc(&q, b"%PDF")).expect_err("disabled");
        assert!(
            matches!(&err, PrintError::NotReady { says, .. } if says.contains("paused for the tests")),
            "{err:?}"
        );
        assert!(
            err.to_string().starts_with("the printer \"BadgeOff\" is not taking jobs (CUPS says: "),
            "{err}"
        );
        assert!(!ran_lp.exists(), "lp was not called");
    }

    #[test]
    fn a_refusal_by_lp_carries_its_words() {
        let q = queue("BadgePDF");
        let lp = "cat > /dev/null; echo 'lp: Destination \"BadgePDF\" is not accepting jobs.' >&2; exit 1";
        let err = cups(IDLE, lp).submit(&doc(&q, b"%PDF")).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "the printer \"BadgePDF\" refused the badge (lp says: Destination \"BadgePDF\" is not accepting jobs.)"
        );
    }

    #[test]
    fn a_hung_lpstat_or_lp_times_out_in_its_own_time() {
        let q = queue("BadgePDF");
        let short = Duration::from_millis(200);
        let hung = Cups::with_tools(sh("sleep 5"), sh("sleep 5"), short, Duration::from_secs(10));
        let started = Instant::now();
        assert_eq!(hung.printers(), Err(PrintError::TimedOut { program: "lpstat".into(), seconds: 1 }));
        assert_eq!(
            hung.submit(&doc(&q, b"%PDF")),
            Err(PrintError::TimedOut { program: "lpstat".into(), seconds: 1 })
        );
        let hung_lp = Cups::with_tools(sh(IDLE), sh("sleep 5"), Duration::from_secs(10), short);
        assert_eq!(
            hung_lp.submit(&doc(&q, b"%PDF")),
            Err(PrintError::TimedOut { program: "lp".into(), seconds: 1 })
        );
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "three timeouts of 200 ms: {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn the_queue_list_says_which_queues_take_jobs() {
        let lpstat = "printf 'printer BadgeOff disabled since Tue Dec  1 09:02:17 2026 -\\n\\tpaused\\n\
                      printer BadgePDF is idle.  enabled since Tue Dec  1 09:02:30 2026\\n\
                      BadgeOff not accepting requests since Tue Dec  1 09:02:17 2026 -\\n\\tpaused\\n\
                      BadgePDF accepting requests since Tue Dec  1 09:02:30 2026\\n'";
        let printers = cups(lpstat, "false").printers().expect("listed");
        let got: Vec<(&str, bool)> = printers.iter().map(|p| (p.name.as_str(), p.ready)).collect();
        assert_eq!(got, vec![("BadgeOff", false), ("BadgePDF", true)]);
    }

    #[test]
    fn no_queues_is_an_empty_list_but_no_scheduler_is_an_error() {
        let none = cups("echo 'lpstat: No destinations added.' >&2; exit 1", "false");
        assert_eq!(none.printers(), Ok(vec![]));
        let down = cups("echo 'lpstat: Scheduler is not running.' >&2; exit 1", "false");
        let err = down.printers().expect_err("no scheduler");
        assert_eq!(
            err.to_string(),
            "printing is unavailable (CUPS says: Scheduler is not running.): check that the CUPS service is running"
        );
    }

    #[test]
    fn a_job_for_a_cups_that_is_not_running_says_so_rather_than_unknown_queue() {
        let q = queue("BadgePDF");
        let down = cups("echo 'lpstat: Scheduler is not running.' >&2; exit 1", "false");
        assert_eq!(
            down.submit(&doc(&q, b"%PDF")),
            Err(PrintError::Unavailable { says: "Scheduler is not running.".into() })
        );
        assert_eq!(
            down.wait_until_completed(&q, &PrintJobId("BadgePDF-1".into()), Duration::from_secs(1)),
            Err(PrintError::Unavailable { says: "Scheduler is not running.".into() })
        );
    }

    #[test]
    fn waiting_for_a_job_ends_when_cups_lists_it_as_completed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let calls = dir.path().join("calls");
        // Completed from the third question on.
        let lpstat = format!(
            "echo x >> '{c}'; [ $(wc -l < '{c}') -ge 3 ] && echo 'BadgePDF-9  root  1024  Tue Dec  1 09:02:30 2026'; \
             echo 'BadgePDF-1  root  1024  Tue Dec  1 09:02:23 2026'",
            c = calls.display()
        );
        let q = queue("BadgePDF");
        let cups = cups(&lpstat, "false");
        assert_eq!(
            cups.wait_until_completed(&q, &PrintJobId("BadgePDF-9".into()), Duration::from_secs(10)),
            Ok(())
        );
        assert_eq!(read(&calls).lines().count(), 3, "asked until it was listed");
        let err = cups
            .wait_until_completed(&q, &PrintJobId("BadgePDF-10".into()), Duration::from_millis(300))
            .expect_err("never completes");
        assert_eq!(
            err.to_string(),
            "print job BadgePDF-10 did not finish within 1 s: check that CUPS is running"
        );
    }

    #[test]
    fn cups_runs_the_real_tools_by_default() {
        let cups = Cups::default();
        assert_eq!((cups.lpstat.argv[0].to_str(), cups.lp.argv[0].to_str()), (Some("lpstat"), Some("lp")));
        assert_eq!(
            (cups.lpstat.timeout, cups.lp.timeout),
            (Duration::from_secs(10), Duration::from_secs(20))
        );
    }
}
