//! The crash harness in short, on every change (issue 12): a desk process
//! killed with SIGKILL at random moments loses no acknowledged action, and
//! the harness notices a desk that acknowledges what it never wrote; the
//! same with power cuts (only what was fsynced is sure to survive), where
//! a disk that ignores fsync is caught. `scripts/crash-test N` runs the
//! long version (docs/reliability.md). A test binary of its own: cargo
//! runs test binaries one after another, so these processes never slow
//! the timed scenario tests.

use std::process::Command;

/// The driver built beside this test (cargo builds a package's binaries
/// for its integration tests).
fn driver() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crash_driver"))
}

#[test]
fn thirty_kills_at_random_moments_lose_no_acknowledged_action() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = driver();
    command.arg("30").arg("--dir").arg(dir.path());
    // A new seed each run covers new moments; the driver prints it, and
    // LANYARD_CRASH_SEED runs a failing one again.
    if let Ok(seed) = std::env::var("LANYARD_CRASH_SEED") {
        command.args(["--seed", &seed]);
    }
    let out = command.output().expect("run the crash driver");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the crash test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("lost: 0") && stdout.contains("integrity failures: 0"), "{stdout}");
}

#[test]
fn a_desk_that_acknowledges_what_it_never_wrote_is_caught() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = driver()
        .args(["5", "--seed", "3", "--attendees", "300", "--lying-worker", "4", "--dir"])
        .arg(dir.path())
        .output()
        .expect("run the crash driver");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "the driver fails: {stdout}");
    assert!(stdout.contains("LOST"), "and says what was lost: {stdout}");
}

/// The power-cut shim, built with the system's C compiler.
fn power_cut_shim(dir: &std::path::Path) -> std::path::PathBuf {
    let source = lanyard_tests::workspace_root().join("tests/support/powercut.c");
    let shim = dir.join("powercut.so");
    let status = Command::new("cc")
        .args(["-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&shim)
        .arg(&source)
        .arg("-ldl")
        .status()
        .expect("run cc (build-essential)");
    assert!(status.success(), "the power-cut shim compiles");
    shim
}

#[test]
fn power_cuts_between_write_and_fsync_lose_no_acknowledged_action() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shim = power_cut_shim(dir.path());
    let out = driver()
        .args(["15", "--attendees", "500", "--power-cut"])
        .arg(&shim)
        .arg("--dir")
        .arg(dir.path())
        .output()
        .expect("run the crash driver");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the power-cut test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("lost: 0"), "{stdout}");
}

#[test]
fn a_disk_that_ignores_fsync_is_caught_losing_acknowledged_actions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shim = power_cut_shim(dir.path());
    let out = driver()
        .args(["5", "--seed", "12", "--attendees", "300", "--lying-disk", "--power-cut"])
        .arg(&shim)
        .arg("--dir")
        .arg(dir.path())
        .output()
        .expect("run the crash driver");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "the driver fails: {stdout}");
    assert!(stdout.contains("LOST"), "and says what was lost: {stdout}");
}
