//! The settings of this installation: its desk id and name, badge-code
//! prefix, printer, calibration and auto-print.
//!
//! They live in a small TOML file in the user's config folder, not in the
//! event database, so two desks that open copies of one event file keep
//! their own printers and names. The file is written whole to a temporary
//! file and renamed, readable by the user alone. A database from before
//! schema 6 kept some of these in its `setting` table; they are moved here
//! the first time this installation opens such a file.

use lanyard_core::{BadgePrefix, DeskId, DeskName, RandomSource, Timestamp, Uid};
use lanyard_store::Store;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{ApiError, ErrorCode};

/// This installation's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Installation {
    /// The desk installation's id, made once.
    pub desk_id: DeskId,
    /// The desk's name ("Desk 1", "Main hall").
    pub desk_name: DeskName,
    /// The first characters of every badge code this desk makes.
    pub badge_prefix: BadgePrefix,
    /// The CUPS queue badges go to, if one is chosen.
    #[serde(default)]
    pub printer: Option<String>,
    /// Calibration: shift right, in millimetres.
    #[serde(default)]
    pub offset_x_mm: f32,
    /// Calibration: shift down, in millimetres.
    #[serde(default)]
    pub offset_y_mm: f32,
    /// Print the badge as soon as someone is checked in.
    #[serde(default)]
    pub auto_print: bool,
    /// Where the desk's own backups go (a lead's choice, such as a USB
    /// stick); `backups` beside the event file when none was chosen.
    #[serde(default)]
    pub backup_folder: Option<PathBuf>,
    /// Where this file is.
    #[serde(skip)]
    pub path: PathBuf,
}

fn unreadable(path: &Path, detail: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Storage,
        format!("this desk's settings file {} cannot be used ({detail}): fix or remove it", path.display()),
    )
}

impl Installation {
    /// Reads the file at `path`, or makes a new installation (taking any
    /// settings the event file kept from older builds) and writes it.
    pub fn load_or_create(
        path: &Path,
        store: &Store,
        random: &dyn RandomSource,
    ) -> Result<Installation, ApiError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut install: Installation =
                    toml::from_str(&text).map_err(|e| unreadable(path, e.message()))?;
                install.path = path.to_owned();
                Ok(install)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let legacy = |key: &str| store.read(|tx| tx.legacy_setting(key)).ok().flatten();
                let desk_id = DeskId(Uid::new(Timestamp(0), random).map_err(|e| unreadable(path, e))?);
                let prefix = lanyard_core::random::next_u64(random).map_err(|e| unreadable(path, e))?;
                let number = |key: &str| legacy(key).and_then(|v| v.parse().ok()).unwrap_or(0.0);
                let install = Installation {
                    desk_id,
                    desk_name: legacy("desk_name")
                        .and_then(|n| DeskName::parse(&n).ok())
                        .unwrap_or_else(default_desk_name),
                    badge_prefix: BadgePrefix::from_random(prefix),
                    printer: legacy("printer").filter(|p| !p.is_empty()),
                    offset_x_mm: number("printer_offset_x_mm"),
                    offset_y_mm: number("printer_offset_y_mm"),
                    auto_print: legacy("auto_print").as_deref() == Some("true"),
                    backup_folder: None,
                    path: path.to_owned(),
                };
                install.save()?;
                Ok(install)
            }
            Err(e) => Err(unreadable(path, e)),
        }
    }

    /// Writes the file: to a temporary file beside it, flushed, then renamed
    /// over the old one, so a crash leaves the old or the new file, never half.
    pub fn save(&self) -> Result<(), ApiError> {
        let fail = |e: std::io::Error| unreadable(&self.path, e);
        let text = toml::to_string(self).map_err(|e| unreadable(&self.path, e))?;
        let folder = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        create_private_dir(folder).map_err(fail)?;
        let tmp = self.path.with_extension("toml.tmp");
        let mut file = private_file(&tmp).map_err(fail)?;
        file.write_all(text.as_bytes()).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)?;
        Ok(())
    }
}

fn default_desk_name() -> DeskName {
    DeskName::parse("Desk 1").unwrap_or_else(|_| unreachable!("a literal desk name is valid"))
}

#[cfg(unix)]
fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(folder)
}

#[cfg(not(unix))]
fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(path)
}
