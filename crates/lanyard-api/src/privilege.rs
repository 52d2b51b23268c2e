//! The privileged actions: every one that needs a lead's PIN, in one list.
//!
//! A use case that may only be done by a lead names its [`Privilege`] when
//! it calls the write path, which checks the PIN in Rust before anything
//! runs. Hosts cannot skip it: the window and the command line call the
//! same use cases. A test calls each of these without a PIN and sees it
//! refused (`tests/scenarios/privileges.rs`).
//!
//! A lead who opens the settings gets a [`Grant`]: a random token the window
//! holds instead of the PIN, good for [`GRANT_MILLIS`] (measured on the wall
//! clock and on the monotonic clock, so moving the clock does not stretch
//! it) or until the window gives it back.

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
    /// Opening the leads' settings (which gives a short grant).
    OpenSettings,
    /// Choosing this desk's printer, its calibration or auto-print.
    SetPrinter,
    /// Replacing the event's badge template.
    SetBadgeTemplate,
    /// Setting the event's badge logo.
    SetBadgeLogo,
    /// Importing attendees for real (a dry run needs no lead).
    Import,
    /// Printing a batch of badges.
    PrintBatch,
    /// Writing a batch of badges to a PDF file.
    ExportBadges,
    /// Writing every attendee to a CSV file.
    ExportAttendees,
    /// Changing an attendee's role: the band on a badge is physical access.
    ChangeRole,
    /// Printing a badge that was printed before.
    Reprint,
    /// Changing the price list or how the event's cash is counted and rounded.
    SetPrices,
    /// Giving a ticket away (complimentary) at the cash box.
    CompTicket,
    /// Refunding or voiding a sale.
    Refund,
    /// Accepting a closing difference above the event's tolerance.
    ApproveDifference,
    /// Closing a business day: nothing more can be booked into it.
    CloseDay,
    /// Letting in someone who still owes money, to be paid later.
    AdmitOwing,
    /// Correcting an attendee's ticket type or the amount they owe.
    CorrectTicket,
    /// Choosing where this desk's backups go.
    ChooseBackupFolder,
}

impl Privilege {
    /// Every privileged action.
    pub const ALL: [Privilege; 21] = [
        Privilege::UndoCheckIn,
        Privilege::AddLead,
        Privilege::RemoveLead,
        Privilege::OpenSettings,
        Privilege::SetPrinter,
        Privilege::SetBadgeTemplate,
        Privilege::SetBadgeLogo,
        Privilege::Import,
        Privilege::PrintBatch,
        Privilege::ExportBadges,
        Privilege::ExportAttendees,
        Privilege::ChangeRole,
        Privilege::Reprint,
        Privilege::SetPrices,
        Privilege::CompTicket,
        Privilege::Refund,
        Privilege::ApproveDifference,
        Privilege::CloseDay,
        Privilege::AdmitOwing,
        Privilege::CorrectTicket,
        Privilege::ChooseBackupFolder,
    ];

    /// The name recorded with each PIN attempt.
    pub fn purpose(self) -> &'static str {
        match self {
            Privilege::UndoCheckIn => "undo_check_in",
            Privilege::AddLead => "add_lead",
            Privilege::RemoveLead => "remove_lead",
            Privilege::OpenSettings => "open_settings",
            Privilege::SetPrinter => "set_printer",
            Privilege::SetBadgeTemplate => "set_badge_template",
            Privilege::SetBadgeLogo => "set_badge_logo",
            Privilege::Import => "import",
            Privilege::PrintBatch => "print_batch",
            Privilege::ExportBadges => "export_badges",
            Privilege::ExportAttendees => "export_attendees",
            Privilege::ChangeRole => "change_role",
            Privilege::Reprint => "reprint",
            Privilege::SetPrices => "set_prices",
            Privilege::CompTicket => "comp_ticket",
            Privilege::Refund => "refund",
            Privilege::ApproveDifference => "approve_difference",
            Privilege::CloseDay => "close_day",
            Privilege::AdmitOwing => "admit_owing",
            Privilege::CorrectTicket => "correct_ticket",
            Privilege::ChooseBackupFolder => "choose_backup_folder",
        }
    }
}

/// How long a lead's grant lasts.
pub const GRANT_MILLIS: i64 = 5 * 60 * 1000;

/// A lead's short-lived permission, held by the engine that gave it.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub lead: lanyard_core::OperatorName,
    pub expires_at: lanyard_core::Timestamp,
    /// The monotonic clock when it was given.
    pub issued: i64,
}

impl Grant {
    /// True while the grant holds, by both clocks.
    pub fn holds(&self, clock: &dyn lanyard_core::Clock) -> bool {
        let monotonic = clock.monotonic_millis() - self.issued < GRANT_MILLIS;
        clock.now() < self.expires_at && monotonic
    }
}
