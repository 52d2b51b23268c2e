//! Sending PDFs to a printer through CUPS: `lpstat` to list queues, `lp` to
//! submit. No dialog: the desk's chosen queue gets the job at once.
//!
//! `lpstat` runs with `LC_ALL=C` so its output can be read. A job counts as
//! printed only once CUPS accepted it; refusals carry CUPS's own words.

use std::io::Write;
use std::process::{Command, Stdio};

/// A print queue and whether it takes jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    /// The queue's name.
    pub name: String,
    /// False when the queue is disabled (stopped) or rejects jobs.
    pub ready: bool,
    /// CUPS's description of its state.
    pub state: String,
}

/// Why a job could not be submitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// No printer was chosen.
    #[error("no printer is chosen for this desk: pick one in the badge settings")]
    NoPrinter,
    /// The CUPS tools are not installed.
    #[error("the printing tools are missing ({0}): install the cups-client package")]
    NoCups(String),
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
    /// `lp` refused the job.
    #[error("the printer {queue:?} refused the badge (lp says: {says})")]
    Refused {
        /// The queue.
        queue: String,
        /// lp's words.
        says: String,
    },
}

fn run(program: &str, args: &[&str], input: Option<&[u8]>) -> Result<(bool, String, String), PrintError> {
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PrintError::NoCups(format!("{program}: {e}")))?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        // A write error shows up again as lp's own failure below.
        let _ = stdin.write_all(bytes);
    }
    let out = child.wait_with_output().map_err(|e| PrintError::NoCups(format!("{program}: {e}")))?;
    let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_owned();
    Ok((out.status.success(), text(&out.stdout), text(&out.stderr)))
}

/// Reads `lpstat -p` output (one "printer NAME is idle/disabled ..." block each).
pub fn parse_lpstat(text: &str) -> Vec<Printer> {
    let mut printers: Vec<Printer> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("printer ") {
            let name = rest.split_whitespace().next().unwrap_or_default().to_owned();
            let state = rest[name.len()..].trim().to_owned();
            let ready = !state.contains("disabled");
            printers.push(Printer { name, ready, state });
        } else if let Some(last) = printers.last_mut()
            && !line.trim().is_empty()
        {
            last.state.push_str(" — ");
            last.state.push_str(line.trim());
        }
    }
    printers
}

/// The print queues CUPS knows, with their state.
pub fn printers() -> Result<Vec<Printer>, PrintError> {
    let (ok, out, err) = run("lpstat", &["-p"], None)?;
    if !ok && !err.contains("No destinations") && !out.is_empty() {
        return Err(PrintError::NoCups(err));
    }
    Ok(parse_lpstat(&out))
}

/// Reads lp's "request id is QUEUE-12 (1 file(s))".
pub fn parse_job_id(text: &str) -> Option<String> {
    text.split("request id is ").nth(1)?.split_whitespace().next().map(str::to_owned)
}

/// Submits a PDF to a queue with the stock's media option; returns CUPS's job id.
pub fn print_pdf(queue: &str, media: &str, pdf: &[u8], title: &str) -> Result<String, PrintError> {
    if queue.trim().is_empty() {
        return Err(PrintError::NoPrinter);
    }
    let (ok, out, err) = run("lpstat", &["-p", queue], None)?;
    if !ok {
        return Err(PrintError::UnknownQueue { queue: queue.into(), says: first_line(&err, &out) });
    }
    if let Some(p) = parse_lpstat(&out).into_iter().find(|p| p.name == queue)
        && !p.ready
    {
        return Err(PrintError::NotReady { queue: queue.into(), says: p.state });
    }
    let media = format!("media={media}");
    let (ok, out, err) = run("lp", &["-d", queue, "-o", &media, "-t", title, "-"], Some(pdf))?;
    match (ok, parse_job_id(&out)) {
        (true, Some(id)) => Ok(id),
        _ => Err(PrintError::Refused { queue: queue.into(), says: first_line(&err, &out) }),
    }
}

fn first_line(a: &str, b: &str) -> String {
    let text = if a.is_empty() { b } else { a };
    text.lines()
        .next()
        .unwrap_or("no reason given")
        .trim_start_matches("lp: ")
        .trim_start_matches("lpstat: ")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lpstat_output_lists_queues_and_their_state() {
        let text = "printer BadgePDF is idle.  enabled since Sun Nov 22 02:00:00 2026\n\
                    printer Zebra disabled since Sun Nov 22 02:10:00 2026 -\n\
                    \tPaused by the lead\n";
        let printers = parse_lpstat(text);
        assert_eq!(printers.len(), 2);
        assert_eq!((printers[0].name.as_str(), printers[0].ready), ("BadgePDF", true));
        assert_eq!((printers[1].name.as_str(), printers[1].ready), ("Zebra", false));
        assert!(printers[1].state.contains("Paused by the lead"), "{}", printers[1].state);
    }

    #[test]
    fn lp_answers_are_read_for_the_job_id() {
        assert_eq!(parse_job_id("request id is BadgePDF-12 (1 file(s))"), Some("BadgePDF-12".into()));
        assert_eq!(parse_job_id("lp: Error"), None);
    }
}
