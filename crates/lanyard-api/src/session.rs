//! A [`Session`]: who is calling the engine, from where, in which mode.
//!
//! Each caller holds one: a desk window, a command-line run, later a kiosk
//! window or a sync worker. It names the desk installation, the volunteer,
//! the mode and the open shift. It is plain data, cheap to clone, and
//! carries no lock: the engine is shared, the session is the caller's own.

use lanyard_core::{DeskId, DeskName, OperatorName, ShiftId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a session may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A volunteer's desk: check-ins, walk-ins, prints.
    Desk,
    /// A lead at the desk.
    Lead,
    /// A self-service kiosk (a later issue).
    Kiosk,
}

/// One caller of the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub(crate) desk_id: DeskId,
    pub(crate) desk: DeskName,
    pub(crate) operator: Option<OperatorName>,
    pub(crate) mode: Mode,
    pub(crate) shift: Option<ShiftId>,
}

impl Session {
    /// The desk's name.
    pub fn desk_name(&self) -> &str {
        self.desk.as_str()
    }

    /// The desk installation's id.
    pub fn desk_id(&self) -> &DeskId {
        &self.desk_id
    }

    /// The volunteer, once a shift was started or a name given.
    pub fn operator(&self) -> Option<&str> {
        self.operator.as_ref().map(OperatorName::as_str)
    }

    /// The session's mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The open shift this session works in, if any.
    pub fn shift(&self) -> Option<&ShiftId> {
        self.shift.as_ref()
    }
}
