//! The privileged actions: every one that needs a lead's PIN, in one list.
//!
//! A use case that may only be done by a lead names its [`Privilege`] when
//! it calls the write path, which checks the PIN in Rust before anything
//! runs. Hosts cannot skip it: the window and the command line call the
//! same use cases. A test calls each of these without a PIN and sees it
//! refused.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An action only a lead may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Privilege {
    /// Undoing a check-in.
    UndoCheckIn,
    /// Adding a lead (after the first).
    AddLead,
    /// Removing a lead.
    RemoveLead,
    /// Opening the leads' settings.
    OpenSettings,
}

impl Privilege {
    /// Every privileged action.
    pub const ALL: [Privilege; 4] =
        [Privilege::UndoCheckIn, Privilege::AddLead, Privilege::RemoveLead, Privilege::OpenSettings];

    /// The name recorded with each PIN attempt.
    pub fn purpose(self) -> &'static str {
        match self {
            Privilege::UndoCheckIn => "undo_check_in",
            Privilege::AddLead => "add_lead",
            Privilege::RemoveLead => "remove_lead",
            Privilege::OpenSettings => "open_settings",
        }
    }
}
