//! Reading what `lpstat` and `lp` print (with `LC_ALL=C`): queues and their
//! state, job ids, the list of completed jobs. Pure text in, values out.

use lanyard_core::printing::{PrintJobId, PrinterStatus};

/// Which block an indented line continues.
#[derive(Clone, Copy)]
enum Block {
    /// `printer NAME ...` from `lpstat -p`.
    Printer(usize),
    /// `NAME [not] accepting requests ...` from `lpstat -a`.
    Accepting(usize),
}

/// `NAME accepting requests since ...` or `NAME not accepting requests since ...`.
fn acceptance<'a>(words: &[&'a str]) -> Option<(&'a str, bool)> {
    match words {
        [name, "accepting", "requests", ..] => Some((name, true)),
        [name, "not", "accepting", "requests", ..] => Some((name, false)),
        _ => None,
    }
}

/// Reads `lpstat -p` output, with the `lpstat -a` output that may follow it.
///
/// Each queue is one `printer NAME is idle.  enabled since ...` line (or
/// `disabled since ... -`, `now printing ...`), then indented lines with the
/// reason; `NAME not accepting requests since ... -` marks it as rejecting
/// jobs. A queue is ready when it is neither disabled, holding new jobs, nor
/// rejecting jobs.
pub(crate) fn parse_lpstat(text: &str) -> Vec<PrinterStatus> {
    let mut printers: Vec<PrinterStatus> = Vec::new();
    let mut block = None;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            let detail = line.trim();
            match block {
                Some(Block::Printer(i)) => {
                    let state: &mut String = &mut printers[i].state;
                    state.push_str(" — ");
                    state.push_str(detail);
                }
                // The reason for rejecting jobs is often the one for disabling.
                Some(Block::Accepting(i)) if !printers[i].state.contains(detail) => {
                    printers[i].state.push_str(" — ");
                    printers[i].state.push_str(detail);
                }
                _ => {}
            }
        } else if let Some((name, accepting)) = acceptance(&words) {
            block = printers.iter().position(|p| p.name == name).map(Block::Accepting);
            if let (Some(Block::Accepting(i)), false) = (block, accepting) {
                printers[i].ready = false;
                printers[i].state.push_str(" — not accepting jobs");
            }
        } else if let ["printer", name, third, ..] = words[..] {
            let state = line.trim_start()["printer".len()..].trim_start()[name.len()..].trim();
            let state = state.strip_suffix(" -").unwrap_or(state).trim_end().to_owned();
            let ready = third != "disabled" && !state.starts_with("is holding new jobs");
            printers.push(PrinterStatus { name: name.to_owned(), ready, state });
            block = Some(Block::Printer(printers.len() - 1));
        } else {
            block = None;
        }
    }
    printers
}

/// Reads lp's "request id is QUEUE-12 (1 file(s))".
pub(crate) fn parse_job_id(text: &str) -> Option<PrintJobId> {
    let id = text.split("request id is ").nth(1)?.split_whitespace().next()?;
    Some(PrintJobId(id.to_owned()))
}

/// Whether `lpstat -W completed -o QUEUE` output lists `job` (one job a line,
/// its id first).
pub(crate) fn lists_job(text: &str, job: &PrintJobId) -> bool {
    text.lines().any(|line| line.split_whitespace().next() == Some(job.as_str()))
}

/// The first line of what a tool said, on stderr or else on stdout, without
/// the tool's `lp: ` prefix: CUPS's own words for a message.
pub(crate) fn first_line(stderr: &str, stdout: &str) -> String {
    let text = if stderr.is_empty() { stdout } else { stderr };
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

    fn ready_and_state(text: &str) -> Vec<(String, bool, String)> {
        parse_lpstat(text).into_iter().map(|p| (p.name, p.ready, p.state)).collect()
    }

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
    fn acceptance_from_lpstat_a_marks_a_rejecting_queue_as_not_ready() {
        // `lpstat -p -a` as CUPS 2.4 prints it, BadgeOff disabled and
        // rejecting, Hall enabled but rejecting, BadgePDF busy.
        let text = "printer BadgeOff disabled since Tue Dec  1 09:02:17 2026 -\n\
                    \tpaused for the tests\n\
                    printer BadgePDF now printing BadgePDF-7.  enabled since Tue Dec  1 09:02:30 2026\n\
                    printer Hall is idle.  enabled since Tue Dec  1 09:02:30 2026\n\
                    \tRejecting Jobs\n\
                    BadgeOff not accepting requests since Tue Dec  1 09:02:17 2026 -\n\
                    \tpaused for the tests\n\
                    BadgePDF accepting requests since Tue Dec  1 09:02:30 2026\n\
                    Hall not accepting requests since Tue Dec  1 09:02:30 2026 -\n\
                    \tRejecting Jobs\n";
        assert_eq!(
            ready_and_state(text),
            vec![
                (
                    "BadgeOff".into(),
                    false,
                    "disabled since Tue Dec  1 09:02:17 2026 — paused for the tests — not accepting jobs"
                        .into()
                ),
                (
                    "BadgePDF".into(),
                    true,
                    "now printing BadgePDF-7.  enabled since Tue Dec  1 09:02:30 2026".into()
                ),
                (
                    "Hall".into(),
                    false,
                    "is idle.  enabled since Tue Dec  1 09:02:30 2026 — Rejecting Jobs — not accepting jobs"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn queues_named_like_lpstat_words_are_still_read_right() {
        let text = "printer printer is idle.  enabled since Tue Dec  1 09:02:30 2026\n\
                    printer accepting is idle.  enabled since Tue Dec  1 09:02:30 2026\n\
                    printer not is holding new jobs.  enabled since Tue Dec  1 09:02:30 2026\n\
                    printer accepting requests since Tue Dec  1 09:02:30 2026\n\
                    accepting not accepting requests since Tue Dec  1 09:02:30 2026 -\n\
                    \tfull\n";
        let got: Vec<(String, bool)> = parse_lpstat(text).into_iter().map(|p| (p.name, p.ready)).collect();
        assert_eq!(
            got,
            vec![("printer".into(), true), ("accepting".into(), false), ("not".into(), false)],
            "a queue holding new jobs is not ready either"
        );
    }

    #[test]
    fn no_output_means_no_queues() {
        assert!(parse_lpstat("").is_empty());
        assert!(parse_lpstat("lpstat: No destinations added.\n").is_empty());
    }

    #[test]
    fn lp_answers_are_read_for_the_job_id() {
        assert_eq!(
            parse_job_id("request id is BadgePDF-12 (1 file(s))"),
            Some(PrintJobId("BadgePDF-12".into()))
        );
        assert_eq!(
            parse_job_id("request id is BadgePDF-3 (0 file(s))"),
            Some(PrintJobId("BadgePDF-3".into()))
        );
        assert_eq!(parse_job_id("lp: Error"), None);
        assert_eq!(parse_job_id("request id is "), None);
    }

    #[test]
    fn completed_jobs_are_matched_by_their_whole_id() {
        let text = "BadgePDF-12             root              1024   Tue Dec  1 09:02:30 2026\n\
                    BadgePDF-1              root              1024   Tue Dec  1 09:02:23 2026\n";
        assert!(lists_job(text, &PrintJobId("BadgePDF-12".into())));
        assert!(lists_job(text, &PrintJobId("BadgePDF-1".into())));
        assert!(!lists_job(text, &PrintJobId("BadgePDF-2".into())), "not a prefix match");
        assert!(!lists_job("", &PrintJobId("BadgePDF-1".into())));
    }

    #[test]
    fn messages_keep_cups_words_without_the_tool_prefix() {
        assert_eq!(
            first_line("lpstat: Invalid destination name in list \"NoSuch\".\nmore", "ignored"),
            "Invalid destination name in list \"NoSuch\"."
        );
        assert_eq!(
            first_line("", "lp: Destination \"X\" is not accepting jobs."),
            "Destination \"X\" is not accepting jobs."
        );
        assert_eq!(first_line("", ""), "no reason given");
    }
}
