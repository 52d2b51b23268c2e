//! Tests of lanyard-api's own contract. Desk stories live in the workspace's
//! `tests/` member (lanyard-tests).

use std::path::PathBuf;

/// The committed TypeScript bindings must match the Rust DTOs; run with
/// `LANYARD_UPDATE_BINDINGS=1` to rewrite them after changing a DTO.
#[test]
fn typescript_bindings_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings.ts");
    let fresh = lanyard_api::dto::typescript_bindings();
    if std::env::var_os("LANYARD_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/bindings.ts is stale: run `LANYARD_UPDATE_BINDINGS=1 cargo test -p lanyard-api --test api`"
    );
}

#[test]
fn error_codes_serialise_as_snake_case() {
    let json = serde_json::to_string(&lanyard_api::ErrorCode::AlreadyCheckedIn).expect("serialise");
    assert_eq!(json, "\"already_checked_in\"");
}
