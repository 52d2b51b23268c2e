//! Tidy tests: the architecture's invariants, checked on the source tree.

mod commands; // every Tauri command is registered, granted and listed once
mod headers; // every Rust module opens with a //! paragraph
mod layers; // crate dependencies respect the layers of ARCHITECTURE.md
mod migrations; // migration files are numbered without gaps and all embedded
mod shared; // numbers the UI repeats from the engine are the engine's
