//! Where the event database lives when no path is given.
//!
//! Both hosts resolve the default here, so the window and the command line
//! always work on the same file: `--db` first, then `LANYARD_DB`, then
//! `event.db` in the OS data folder (`$XDG_DATA_HOME/lanyard` on Linux).
//! The installation's own settings file is found the same way
//! (`--config`, `LANYARD_CONFIG`, the OS config folder).

use std::path::PathBuf;

use crate::{ApiError, ErrorCode};

/// The environment variable that names the database file.
pub const DB_ENV: &str = "LANYARD_DB";

/// The database path: the explicit one if given, else `LANYARD_DB`, else the
/// OS data folder.
pub fn database_path(explicit: Option<PathBuf>) -> Result<PathBuf, ApiError> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("org", "Lanyard", "lanyard").ok_or_else(|| {
        ApiError::new(ErrorCode::Storage, "cannot find a data folder for this user: set LANYARD_DB")
    })?;
    Ok(dirs.data_dir().join("event.db"))
}

/// The environment variable that names this installation's settings file.
pub const CONFIG_ENV: &str = "LANYARD_CONFIG";

/// This installation's settings file (desk name, printer, calibration): the
/// explicit one if given, else `LANYARD_CONFIG`, else `desk.toml` in the OS
/// config folder (`$XDG_CONFIG_HOME/lanyard` on Linux).
pub fn installation_path(explicit: Option<PathBuf>) -> Result<PathBuf, ApiError> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("org", "Lanyard", "lanyard").ok_or_else(|| {
        ApiError::new(ErrorCode::Storage, "cannot find a config folder for this user: set LANYARD_CONFIG")
    })?;
    Ok(dirs.config_dir().join("desk.toml"))
}
