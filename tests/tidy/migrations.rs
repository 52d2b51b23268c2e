//! Migrations are numbered 0001, 0002, ... without gaps, and every file is embedded.

use lanyard_store::MIGRATIONS;
use lanyard_tests::workspace_root;

#[test]
fn migration_numbers_are_contiguous_and_all_embedded() {
    let dir = workspace_root().join("crates/lanyard-store/migrations");
    let mut files: Vec<(i64, String)> = std::fs::read_dir(&dir)
        .expect("migrations folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .map(|n| {
            let number = n.split('_').next().and_then(|p| p.parse().ok());
            let number = number.unwrap_or_else(|| panic!("migration {n} does not start with a number and _"));
            assert!(
                n.len() > 5 && n.as_bytes()[4] == b'_',
                "migration {n} must be numbered with four digits"
            );
            (number, n)
        })
        .collect();
    files.sort();
    let numbers: Vec<i64> = files.iter().map(|(n, _)| *n).collect();
    let expected: Vec<i64> = (1..=files.len() as i64).collect();
    assert_eq!(numbers, expected, "migration numbers must run 1, 2, 3 ... without gaps or repeats");
    assert_eq!(MIGRATIONS.len(), files.len(), "every migration file is listed in migrate.rs");
    for ((number, name), (embedded_number, sql)) in files.iter().zip(MIGRATIONS) {
        assert_eq!(number, embedded_number, "{name} is embedded under its own number");
        let on_disk = std::fs::read_to_string(dir.join(name)).expect("read migration");
        assert_eq!(&on_disk, sql, "{name} is the file embedded as migration {number}");
    }
}
