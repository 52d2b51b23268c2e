//! Files the desk writes for people: badge PDFs, the attendee CSV, the
//! exported template. Written so that they can never destroy anything.
//!
//! An output never replaces the event database, its `-wal`, `-shm` or
//! `-journal`, a symbolic link, a folder, or an existing file that this kind
//! of output did not come from (a PDF Lanyard wrote, a CSV with Lanyard's
//! header). It is written to a new temporary file beside the target,
//! readable by the user alone, flushed, then renamed over the target, so a
//! crash or a full disk leaves the old file or the new one, never half; a
//! full disk is said as such (`disk_full`, naming the file). A use case
//! that records the output ([`stage`], then [`Staged::finish`]) renames it
//! into place only once the record is saved. [`room`] tells how much the
//! disk of a file has left, where the operating system says.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Refusal;
use crate::{ApiError, ErrorCode};

/// What kind of file an output is, to recognise an earlier one to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// A PDF of badges (or a report).
    Pdf,
    /// The attendee list as CSV.
    AttendeeCsv,
    /// A badge template as TOML.
    Template,
    /// The cash report as CSV.
    CashCsv,
}

/// The first bytes of Lanyard's attendee CSV.
pub const CSV_HEADER_START: &str = "badge_code,display_name,";

/// The first bytes of the cash report's CSV.
pub const CASH_CSV_HEADER_START: &str = "section,name,count,amount,currency";

/// The first line of an exported template.
pub const TEMPLATE_HEADER: &str = "# Lanyard badge template";

fn refuse(path: &Path, why: &str) -> ApiError {
    Refusal::invalid("file", format!("{} was not written: {why}", path.display())).into()
}

/// The files that make up the event database at `db`.
fn database_files(db: &Path) -> Vec<PathBuf> {
    let mut files = vec![db.to_owned()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    files
}

/// The path with its folder resolved (the file itself may not exist yet).
fn resolved(path: &Path) -> Option<PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

fn looks_like(kind: OutputKind, head: &[u8]) -> bool {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    match kind {
        OutputKind::Pdf => head.starts_with(b"%PDF-"),
        OutputKind::AttendeeCsv => head.starts_with(CSV_HEADER_START.as_bytes()),
        OutputKind::Template => head.starts_with(TEMPLATE_HEADER.as_bytes()),
        OutputKind::CashCsv => head.starts_with(CASH_CSV_HEADER_START.as_bytes()),
    }
}

/// Checks that `path` may receive an output of `kind` without destroying
/// anything, given the open event database `db`.
pub fn check_target(db: &Path, path: &Path, kind: OutputKind) -> Result<(), ApiError> {
    if path.as_os_str().is_empty() {
        return Err(refuse(path, "no file name was given"));
    }
    let target = resolved(path).ok_or_else(|| refuse(path, "its folder does not exist"))?;
    let ours: Vec<PathBuf> = database_files(db).iter().filter_map(|f| resolved(f)).collect();
    if ours.contains(&target) {
        return Err(refuse(path, "it is the event database (or one of its files)"));
    }
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(refuse(path, &format!("it cannot be checked ({e})"))),
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse(path, "it is a symbolic link")),
        Ok(meta) if !meta.is_file() => Err(refuse(path, "it is not a plain file")),
        Ok(meta) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                let same =
                    std::fs::metadata(db).is_ok_and(|d| d.dev() == meta.dev() && d.ino() == meta.ino());
                if same {
                    return Err(refuse(path, "it is the event database"));
                }
            }
            let mut head = [0u8; 64];
            let read = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head));
            match read {
                Ok(n) if n == 0 || looks_like(kind, &head[..n]) => Ok(()),
                Ok(_) => Err(refuse(path, "a file is there that Lanyard did not write; choose another name")),
                Err(e) => Err(refuse(path, &format!("it cannot be read ({e})"))),
            }
        }
    }
}

/// Writes `bytes` to `path` (see the module header for the rules).
pub fn write(db: &Path, path: &Path, kind: OutputKind, bytes: &[u8]) -> Result<(), ApiError> {
    stage(db, path, kind, bytes)?.finish()
}

/// An output written whole and synced under a temporary name beside its
/// target, not yet in place: [`Staged::finish`] renames it over the
/// target; dropped unfinished, it is removed and the target is untouched.
#[derive(Debug)]
#[must_use = "a staged output is removed unless it is finished"]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staged {
    /// Puts the output in place of its target.
    pub fn finish(mut self) -> Result<(), ApiError> {
        std::fs::rename(&self.tmp, &self.target).map_err(|e| cannot_write(&self.target, &e))?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            // The temporary file is ours; the target was not touched.
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The refusal for an output that could not be written: `disk_full` when
/// the disk (or the user's quota) is full, else `storage`.
fn cannot_write(path: &Path, e: &std::io::Error) -> ApiError {
    use std::io::ErrorKind;
    if matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded) {
        return ApiError::new(
            ErrorCode::DiskFull,
            format!(
                "the disk is full: {} was not written and nothing was replaced; free some space, then try again",
                path.display()
            ),
        );
    }
    ApiError::new(ErrorCode::Storage, format!("cannot write {}: {e}; nothing was replaced", path.display()))
}

/// Writes `bytes` whole under a temporary name beside `path` (checked as
/// [`write`] checks it), synced, for [`Staged::finish`] to put in place.
pub fn stage(db: &Path, path: &Path, kind: OutputKind, bytes: &[u8]) -> Result<Staged, ApiError> {
    check_target(db, path, kind)?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tmp = None;
    for attempt in 0..100u32 {
        let candidate = folder.join(format!(".{name}.lanyard-{}-{attempt}.tmp", std::process::id()));
        match new_private_file(&candidate) {
            Ok(file) => {
                tmp = Some((candidate, file));
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(cannot_write(path, &e)),
        }
    }
    let (tmp, mut file) =
        tmp.ok_or_else(|| cannot_write(path, &std::io::Error::other("no free temporary name")))?;
    let staged = Staged { tmp, target: path.to_owned(), done: false };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    written.map_err(|e| cannot_write(path, &e))?;
    Ok(staged)
}

/// The bytes an unprivileged program may still write on the disk holding
/// `path` (a file or a folder), where the operating system says.
pub fn room(path: &Path) -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let s = rustix::fs::statvfs(path).ok()?;
        Some(s.f_bavail.saturating_mul(s.f_frsize))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

/// Creates a new file that nobody but the user may read, failing if
/// anything (a file, a link) is already there.
pub fn new_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
