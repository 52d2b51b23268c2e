//! The command line as a person uses it: the real `lanyard` binary, in a
//! pipe, resolving codes through the api as the window does (issue 7).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The `lanyard` binary built beside this test (`scripts/check` builds it).
pub fn lanyard_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target/debug");
    let bin = dir.join("lanyard");
    assert!(bin.exists(), "{} is missing: build it with `cargo build -p lanyard-cli`", bin.display());
    bin
}

fn lanyard(dir: &Path) -> Command {
    let mut command = Command::new(lanyard_binary());
    command
        .arg("--db")
        .arg(dir.join("event.db"))
        .arg("--config")
        .arg(dir.join("desk.toml"))
        .env_remove("LANYARD_PIN")
        .env_remove("LANYARD_NEW_PIN");
    command
}

fn run_ok(command: &mut Command) -> String {
    let out = command.output().expect("run lanyard");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "lanyard failed: {stdout}\n{stderr}");
    stdout.into_owned()
}

#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).arg("demo"));
    // `lanyard search a | head -1`: the reader goes away after one line.
    let mut child = lanyard(dir.path())
        .args(["search", "a"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("one line");
    // The pipe is closed here, when the reader is dropped.
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!first.is_empty(), "one result was printed");
    assert!(out.status.success(), "exit status {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "quiet: {stderr}");
}

#[test]
fn codes_on_source_tickets_work_for_undo_as_they_do_in_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(lanyard(dir.path()).args(["new-event", "PyDesk 26"]));
    run_ok(lanyard(dir.path()).arg("import").arg(lanyard_tests::fixture("pretix.csv")));
    run_ok(lanyard(dir.path()).args(["lead-add", "Priya"]).env("LANYARD_NEW_PIN", "246813"));
    let checked = run_ok(lanyard(dir.path()).args(["--operator", "Anna", "checkin", "s3cr3tjose0001"]));
    assert!(checked.contains("José Núñez"), "{checked}");
    // The help says "badge code (or ticket secret)": the pretix secret works.
    let undone = run_ok(
        lanyard(dir.path())
            .args(["undo", "s3cr3tjose0001", "--reason", "wrong person", "--lead", "priya"])
            .env("LANYARD_PIN", "246813"),
    );
    assert!(undone.contains("check-in undone: José Núñez"), "{undone}");
}
