//! Running `lp` and `lpstat` as child processes, safely: a scrubbed
//! environment, a deadline, and bounded output.
//!
//! The desk's environment can hold secrets (`LANYARD_PIN`, `LANYARD_NEW_PIN`,
//! any `LANYARD_*`): a child gets only the few variables CUPS's tools need,
//! named in [`PASSED_ON`], so nothing else can leak (issue 11). A hung CUPS
//! is noticed after the tool's timeout, and the child is killed. This module
//! knows nothing of what the tools print: `lib.rs` and `lpstat.rs` read it.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use lanyard_core::printing::PrintError;

/// The most bytes kept of a child's stdout or of its stderr; the rest is read
/// and dropped, so a chatty child neither blocks nor fills memory.
pub(crate) const OUTPUT_LIMIT: usize = 1 << 20;

/// The only variables of the desk's environment that a child sees (besides
/// `LANG=C` and `LC_ALL=C`, always set so that the output can be read).
pub(crate) const PASSED_ON: &[&str] = &["PATH", "HOME", "TMPDIR", "CUPS_SERVER", "XDG_RUNTIME_DIR"];

/// Where programs are looked up when the desk has no `PATH` at all.
const DEFAULT_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

/// How long a child's output may take to arrive after it exited (longer
/// only if it left a process behind holding its pipes).
const OUTPUT_GRACE: Duration = Duration::from_secs(2);

/// A command for `program` with this process's environment scrubbed.
pub(crate) fn command(program: impl AsRef<OsStr>) -> Command {
    command_with_env(program, std::env::vars_os())
}

/// A command for `program` whose environment is built from `env`: only the
/// variables in [`PASSED_ON`], plus `LANG=C` and `LC_ALL=C`.
pub(crate) fn command_with_env(
    program: impl AsRef<OsStr>,
    env: impl IntoIterator<Item = (OsString, OsString)>,
) -> Command {
    let mut command = Command::new(program);
    command.env_clear();
    let mut has_path = false;
    for (name, value) in env {
        if name.to_str().is_some_and(|n| PASSED_ON.contains(&n)) {
            has_path |= name == "PATH";
            command.env(name, value);
        }
    }
    if !has_path {
        command.env("PATH", DEFAULT_PATH);
    }
    command.env("LANG", "C").env("LC_ALL", "C");
    command
}

/// What a child said, trimmed, with whether it exited successfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ran {
    /// True when the child exited with status 0.
    pub(crate) success: bool,
    /// Its standard output (at most [`OUTPUT_LIMIT`] bytes of it).
    pub(crate) stdout: String,
    /// Its standard error (at most [`OUTPUT_LIMIT`] bytes of it).
    pub(crate) stderr: String,
}

/// Whole seconds, rounded up, for messages ("within 1 s" for 200 ms).
pub(crate) fn seconds(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis().div_ceil(1000)).unwrap_or(u64::MAX)
}

/// Runs `command` with `input` on its stdin (or nothing), killing it when it
/// has not exited after `timeout`. `label` names it in errors.
pub(crate) fn run(
    label: &str,
    mut command: Command,
    input: Option<&[u8]>,
    timeout: Duration,
) -> Result<Ran, PrintError> {
    let deadline = Instant::now() + timeout;
    command
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| PrintError::NoCups(format!("{label}: {e}")))?;
    let started = start_io(label, &mut child, input);
    let (stdout, stderr) = match started {
        Ok(pipes) => pipes,
        Err(e) => {
            stop(&mut child);
            return Err(e);
        }
    };
    let mut pause = Duration::from_millis(2);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                stop(&mut child);
                return Err(PrintError::TimedOut { program: label.to_owned(), seconds: seconds(timeout) });
            }
            Ok(None) => {
                thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => {
                stop(&mut child);
                return Err(PrintError::NoCups(format!("{label}: {e}")));
            }
        }
    };
    let text = |rx: mpsc::Receiver<Vec<u8>>| {
        let bytes = rx.recv_timeout(OUTPUT_GRACE).unwrap_or_default();
        String::from_utf8_lossy(&bytes).trim().to_owned()
    };
    Ok(Ran { success: status.success(), stdout: text(stdout), stderr: text(stderr) })
}

type Pipes = (mpsc::Receiver<Vec<u8>>, mpsc::Receiver<Vec<u8>>);

/// Starts the threads that feed stdin and collect stdout and stderr, so that
/// none of the three pipes can block the child while the deadline runs.
fn start_io(label: &str, child: &mut Child, input: Option<&[u8]>) -> Result<Pipes, PrintError> {
    let failed = |e: std::io::Error| PrintError::NoCups(format!("{label}: cannot start a thread: {e}"));
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        let bytes = bytes.to_vec();
        // A write error (the child quit early) shows up as its own failure.
        thread::Builder::new()
            .name("cups-stdin".into())
            .spawn(move || {
                let _ = stdin.write_all(&bytes);
            })
            .map_err(failed)?;
    }
    let stdout = collect(child.stdout.take()).map_err(failed)?;
    let stderr = collect(child.stderr.take()).map_err(failed)?;
    Ok((stdout, stderr))
}

/// Reads `pipe` to its end in a thread, keeping at most [`OUTPUT_LIMIT`] bytes.
fn collect(pipe: Option<impl Read + Send + 'static>) -> std::io::Result<mpsc::Receiver<Vec<u8>>> {
    let (tx, rx) = mpsc::channel();
    if let Some(pipe) = pipe {
        thread::Builder::new().name("cups-output".into()).spawn(move || {
            let _ = tx.send(read_bounded(pipe, OUTPUT_LIMIT));
        })?;
    } else {
        let _ = tx.send(Vec::new());
    }
    Ok(rx)
}

/// Reads `reader` to its end; keeps the first `limit` bytes, drops the rest.
pub(crate) fn read_bounded(mut reader: impl Read, limit: usize) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut chunk = [0_u8; 8192];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                let room = limit.saturating_sub(kept.len());
                kept.extend_from_slice(&chunk[..n.min(room)]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    kept
}

/// Kills a child and reaps it.
fn stop(child: &mut Child) {
    // It may have exited just now: then there is nothing to kill.
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &[(&str, &str)]) -> Vec<(String, String)> {
        let given = vars.iter().map(|(k, v)| (OsString::from(k), OsString::from(v)));
        let ran =
            run("env", command_with_env("env", given), None, Duration::from_secs(10)).expect("env runs");
        assert!(ran.success, "{ran:?}");
        let mut seen: Vec<(String, String)> = ran
            .stdout
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        seen.sort();
        seen
    }

    #[test]
    fn a_child_sees_only_the_variables_cups_needs_and_never_a_lanyard_secret() {
        let path = std::env::var("PATH").unwrap_or_else(|_| DEFAULT_PATH.into());
        let seen = env_of(&[
            ("PATH", &path),
            ("HOME", "/home/desk"),
            ("TMPDIR", "/tmp/desk"),
            ("CUPS_SERVER", "/run/cups/cups.sock"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
            ("LANG", "fr_FR.UTF-8"),
            ("LANYARD_PIN", "2468"),
            ("LANYARD_NEW_PIN", "1357"),
            ("LANYARD_DB", "/srv/event.db"),
            ("AWS_SECRET_ACCESS_KEY", "shh"),
            ("LD_PRELOAD", "/tmp/evil.so"),
        ]);
        let want: Vec<(String, String)> = [
            ("CUPS_SERVER", "/run/cups/cups.sock"),
            ("HOME", "/home/desk"),
            ("LANG", "C"),
            ("LC_ALL", "C"),
            ("PATH", path.as_str()),
            ("TMPDIR", "/tmp/desk"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        assert_eq!(seen, want, "only the allowed variables, with LANG and LC_ALL forced to C");
    }

    #[test]
    fn a_child_of_a_desk_without_path_still_finds_its_program() {
        let seen = env_of(&[("LANYARD_PIN", "2468")]);
        assert!(seen.iter().any(|(k, v)| k == "PATH" && v == DEFAULT_PATH), "{seen:?}");
        assert!(seen.iter().all(|(k, _)| !k.starts_with("LANYARD_")), "{seen:?}");
    }

    /// Runs this very test again in a child test process whose environment
    /// holds the secrets, and there checks `/usr/bin/env` through the real
    /// [`command`], which reads the process environment.
    #[test]
    fn secrets_in_the_desk_environment_are_not_passed_to_cups_tools() {
        const MARK: &str = "LANYARD_CUPS_ENV_CHILD";
        if std::env::var_os(MARK).is_some() {
            assert_eq!(std::env::var("LANYARD_PIN").as_deref(), Ok("2468"), "the secret is in this process");
            let ran = run("env", command("/usr/bin/env"), None, Duration::from_secs(10)).expect("env runs");
            assert!(ran.success, "{ran:?}");
            assert!(
                !ran.stdout.contains("LANYARD_"),
                "no LANYARD_ variable reaches a child:\n{}",
                ran.stdout
            );
            assert!(!ran.stdout.contains("2468") && !ran.stdout.contains("1357"), "{}", ran.stdout);
            assert!(ran.stdout.lines().any(|l| l == "LC_ALL=C"), "{}", ran.stdout);
            return;
        }
        let me = std::env::current_exe().expect("the test binary");
        let out = Command::new(me)
            .args(["--exact", "run::tests::secrets_in_the_desk_environment_are_not_passed_to_cups_tools"])
            .args(["--nocapture", "--test-threads=1"])
            .env(MARK, "1")
            .env("LANYARD_PIN", "2468")
            .env("LANYARD_NEW_PIN", "1357")
            .output()
            .expect("the test binary runs");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "the child test failed:\n{said}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("1 passed"), "the child test ran: {said}");
    }

    #[test]
    fn a_hung_tool_is_killed_at_its_deadline_and_says_so() {
        let mut cmd = command("sleep");
        cmd.arg("5");
        let started = Instant::now();
        let err = run("sleep", cmd, None, Duration::from_millis(200)).expect_err("sleep 5 outlives 200 ms");
        let took = started.elapsed();
        assert_eq!(err, PrintError::TimedOut { program: "sleep".into(), seconds: 1 });
        assert!(took < Duration::from_secs(2), "stopped at the deadline, not after sleep ended: {took:?}");
        assert_eq!(err.to_string(), "sleep did not finish within 1 s: check that CUPS is running");
    }

    #[test]
    fn a_hung_tool_reading_stdin_is_killed_too() {
        // `sleep` never reads its stdin: a big input must not block the deadline.
        let big = vec![b'x'; 4 << 20];
        let mut cmd = command("sleep");
        cmd.arg("5");
        let started = Instant::now();
        let err = run("lp", cmd, Some(&big), Duration::from_millis(200)).expect_err("times out");
        assert!(matches!(err, PrintError::TimedOut { .. }), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    }

    #[test]
    fn output_and_input_go_through_and_are_bounded() {
        let mut cmd = command("sh");
        cmd.args(["-c", "cat; echo oops >&2; exit 3"]);
        let ran = run("sh", cmd, Some(b"%PDF-1.4 hello"), Duration::from_secs(10)).expect("runs");
        assert_eq!(ran, Ran { success: false, stdout: "%PDF-1.4 hello".into(), stderr: "oops".into() });

        let mut cmd = command("sh");
        cmd.args(["-c", "head -c 3000000 /dev/zero | tr '\\0' y"]);
        let ran = run("sh", cmd, None, Duration::from_secs(10)).expect("runs");
        assert!(ran.success, "the child was not blocked by the unread rest");
        assert_eq!(ran.stdout.len(), OUTPUT_LIMIT, "only the first MiB is kept");
    }

    #[test]
    fn a_missing_tool_says_the_printing_tools_are_missing() {
        let err =
            run("lpstat", command("/nonexistent/lpstat"), None, Duration::from_secs(1)).expect_err("no tool");
        assert!(matches!(&err, PrintError::NoCups(s) if s.starts_with("lpstat: ")), "{err:?}");
        assert!(err.to_string().ends_with("install the cups-client package"), "{err}");
    }

    #[test]
    fn bounded_reads_keep_the_head() {
        assert_eq!(read_bounded(&b"abcdef"[..], 4), b"abcd".to_vec());
        assert_eq!(read_bounded(&b"ab"[..], 4), b"ab".to_vec());
    }
}
