//! The fuzz targets' committed corpora, replayed on stable (issue 12): every
//! seed and every input that once crashed a target runs through the same
//! body as the fuzzer (`lanyard_tests::fuzz`), so a fixed crash stays fixed.
//! The fuzzer itself runs on nightly: see CONTRIBUTING.md.

use std::time::{Duration, Instant};

#[test]
fn every_committed_fuzz_input_runs_without_a_crash_or_a_hang() {
    let root = lanyard_tests::workspace_root().join("fuzz/corpus");
    let mut replayed = 0;
    for (name, body) in lanyard_tests::fuzz::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("corpus entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{name} has a committed corpus");
        for file in files {
            let bytes = std::fs::read(&file).expect("read corpus file");
            let started = Instant::now();
            body(&bytes);
            // Debug builds are slow; a hang is far beyond this.
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{} took {:?}",
                file.display(),
                started.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 40, "{replayed} inputs replayed");
}
