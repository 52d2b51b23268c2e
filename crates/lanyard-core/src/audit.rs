//! What the audit log records: one typed [`AuditAction`] per change.
//!
//! Every mutating use case names its action here with the fields worth
//! keeping (ids, codes, counts, the lead who allowed it), never whole
//! attendee cards and never a PIN. The store keeps the action's name in its
//! own column and the fields as JSON, so the log stays readable by people
//! and by programs without parsing free text.

use serde::{Deserialize, Serialize};

use crate::{AttendeeId, DeskId, ShiftId};

/// One field an edit or an import changed, with its values before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The attendee field (`display_name`, `affiliation`, ...).
    pub field: String,
    /// The value before.
    pub before: String,
    /// The value after.
    pub after: String,
}

/// How many changed attendees an import's audit entry names: the counts
/// cover every row, and the entry stays small for any file.
pub const AUDITED_IMPORT_CHANGES: usize = 5_000;

/// The fields an import changed for one attendee (names only, no values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedChange {
    /// Who.
    pub attendee: AttendeeId,
    /// The fields changed (`email`, `ticket secret`, ...).
    pub fields: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Every kind of change the desk makes, with its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum AuditAction {
    /// An empty event was created.
    CreateEvent {
        /// The event's name.
        name: String,
        /// Its currency.
        currency: String,
    },
    /// The demo event was generated.
    CreateDemoEvent {
        /// The generator's seed.
        seed: u64,
        /// How many attendees.
        attendees: usize,
    },
    /// A volunteer opened a shift at a desk.
    OpenShift {
        /// The shift.
        shift: ShiftId,
        /// The desk's installation.
        desk_id: DeskId,
    },
    /// A shift was closed (by its volunteer, or by the next shift's opening).
    CloseShift {
        /// The shift.
        shift: ShiftId,
    },
    /// Someone was checked in.
    CheckIn {
        /// Who.
        attendee: AttendeeId,
    },
    /// Someone who still owes money was let in by a lead.
    AdmitOwing {
        /// Who.
        attendee: AttendeeId,
        /// What they owe, in minor units.
        owed_minor: i64,
        /// The lead who allowed it.
        lead: String,
    },
    /// A check-in was undone by a lead.
    UndoCheckIn {
        /// Whose.
        attendee: AttendeeId,
        /// The lead who allowed it.
        lead: String,
        /// Why.
        reason: String,
    },
    /// A file of attendees was imported.
    Import {
        /// The file's name.
        file: String,
        /// Attendees created.
        new: usize,
        /// Attendees changed.
        updated: usize,
        /// The lead who allowed it, if one did.
        lead: Option<String>,
        /// Who was changed and which fields, for the first
        /// [`AUDITED_IMPORT_CHANGES`] attendees changed.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        changes: Vec<ImportedChange>,
        /// Attendees changed beyond those listed.
        #[serde(default, skip_serializing_if = "is_zero")]
        unlisted: usize,
    },
    /// A walk-in was registered and checked in.
    RegisterWalkIn {
        /// The new attendee.
        attendee: AttendeeId,
        /// Their ticket type.
        ticket_type: String,
        /// What they still owe, in minor units.
        amount_due_minor: i64,
    },
    /// An attendee's details were corrected.
    EditAttendee {
        /// Whose.
        attendee: AttendeeId,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// The first lead of the event was set.
    CreateFirstLead {
        /// The lead's name.
        name: String,
    },
    /// A lead was added.
    AddLead {
        /// The new lead.
        name: String,
        /// The lead who allowed it.
        by: String,
    },
    /// A lead was removed.
    RemoveLead {
        /// The lead removed.
        name: String,
        /// The lead who allowed it.
        by: String,
    },
    /// A lead opened the settings.
    UnlockSettings {
        /// Who.
        lead: String,
    },
    /// The desk's printer, calibration or auto-print changed.
    SetPrinter {
        /// The queue chosen, if any.
        printer: Option<String>,
        /// Auto-print on check-in.
        auto_print: bool,
    },
    /// The event's badge template was replaced.
    SetBadgeTemplate {
        /// The badge stock of the new template.
        format: String,
    },
    /// The event's badge logo was set or removed.
    SetBadgeLogo {
        /// Bytes of the PNG (0: back to the bundled logo).
        bytes: usize,
    },
    /// A badge was sent to a printer (or the printer refused it).
    PrintBadge {
        /// Whose badge.
        attendee: AttendeeId,
        /// The queue.
        printer: String,
        /// Whether CUPS accepted it.
        accepted: bool,
        /// A reprint of a badge printed before.
        reprint: bool,
    },
    /// Badges were written to a PDF file.
    ExportBadges {
        /// The lead who allowed it.
        lead: String,
        /// Badges in the file.
        badges: usize,
    },
    /// The attendee list was exported.
    ExportAttendees {
        /// The lead who allowed it.
        lead: String,
        /// Attendees in it.
        rows: usize,
    },
    /// A calibration page was printed.
    PrintTestPage {
        /// The queue.
        printer: String,
        /// The print queue's job id.
        job: String,
    },
    /// A batch of badges was printed.
    PrintBatch {
        /// The queue.
        printer: String,
        /// Badges in it.
        badges: usize,
        /// CUPS's job id.
        job: String,
    },
    /// A ticket type's price was set or removed.
    SetPrice {
        /// The ticket type.
        ticket_type: String,
        /// The new price in minor units; none when removed.
        amount_minor: Option<i64>,
        /// The lead who allowed it.
        lead: String,
    },
    /// How the event's cash is counted and rounded changed.
    SetCashSettings {
        /// Denominations in minor units, largest first.
        denominations: Vec<i64>,
        /// The cash rounding increment.
        rounding_minor: i64,
        /// The closing tolerance.
        tolerance_minor: i64,
        /// The lead who allowed it.
        lead: String,
    },
    /// A cash shift opened on a drawer with a counted float.
    OpenCashShift {
        /// The cash shift's id.
        shift: String,
        /// The float in minor units.
        float_minor: i64,
    },
    /// A ticket was sold, or an amount owed settled.
    CashSale {
        /// Who.
        attendee: AttendeeId,
        /// The receipt number.
        receipt: String,
        /// `cash`, `card`, `voucher` or `comp`.
        method: String,
        /// The amount in minor units.
        amount_minor: i64,
        /// The lead who allowed a complimentary ticket.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lead: Option<String>,
    },
    /// Cash paid in, paid out or deposited.
    CashMovement {
        /// `pay_in`, `pay_out` or `deposit`.
        kind: String,
        /// The drawer's entry number.
        seq: i64,
        /// The amount in minor units (signed as booked).
        amount_minor: i64,
    },
    /// A sale was refunded or voided.
    CashRefund {
        /// The sale's receipt number.
        receipt: String,
        /// The amount reversed, in minor units.
        amount_minor: i64,
        /// A void rather than a refund.
        void: bool,
        /// The lead who allowed it.
        lead: String,
    },
    /// A cash shift closed with a blind count.
    CloseCashShift {
        /// The cash shift's id.
        shift: String,
        /// Counted, in minor units.
        counted_minor: i64,
        /// Expected by the ledger, in minor units.
        expected_minor: i64,
        /// The lead who approved a difference above the tolerance.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lead: Option<String>,
    },
    /// A receipt or a cash report was sent to a printer.
    PrintCashDocument {
        /// `receipt` or `report`.
        document: String,
        /// The queue.
        printer: String,
        /// Whether the queue accepted it.
        accepted: bool,
    },
    /// This desk's backup folder was chosen.
    SetBackupFolder {
        /// The folder (none: beside the event file).
        folder: Option<String>,
        /// The lead who chose it.
        lead: String,
    },
    /// A business day was closed.
    CloseCashDay {
        /// The day.
        day: String,
        /// The lead who closed it.
        lead: String,
    },
}

impl AuditAction {
    /// The action's name, as stored in the log's `action` column.
    pub fn name(&self) -> &'static str {
        match self {
            AuditAction::CreateEvent { .. } => "create_event",
            AuditAction::CreateDemoEvent { .. } => "create_demo_event",
            AuditAction::OpenShift { .. } => "open_shift",
            AuditAction::CloseShift { .. } => "close_shift",
            AuditAction::CheckIn { .. } => "check_in",
            AuditAction::UndoCheckIn { .. } => "undo_check_in",
            AuditAction::AdmitOwing { .. } => "admit_owing",
            AuditAction::Import { .. } => "import",
            AuditAction::RegisterWalkIn { .. } => "register_walk_in",
            AuditAction::EditAttendee { .. } => "edit_attendee",
            AuditAction::CreateFirstLead { .. } => "create_first_lead",
            AuditAction::AddLead { .. } => "add_lead",
            AuditAction::RemoveLead { .. } => "remove_lead",
            AuditAction::UnlockSettings { .. } => "unlock_settings",
            AuditAction::SetPrinter { .. } => "set_printer",
            AuditAction::SetBadgeTemplate { .. } => "set_badge_template",
            AuditAction::SetBadgeLogo { .. } => "set_badge_logo",
            AuditAction::PrintBadge { .. } => "print_badge",
            AuditAction::PrintBatch { .. } => "print_batch",
            AuditAction::ExportBadges { .. } => "export_badges",
            AuditAction::ExportAttendees { .. } => "export_attendees",
            AuditAction::PrintTestPage { .. } => "print_test_page",
            AuditAction::SetPrice { .. } => "set_price",
            AuditAction::SetCashSettings { .. } => "set_cash_settings",
            AuditAction::OpenCashShift { .. } => "open_cash_shift",
            AuditAction::CashSale { .. } => "cash_sale",
            AuditAction::CashMovement { .. } => "cash_movement",
            AuditAction::CashRefund { .. } => "cash_refund",
            AuditAction::CloseCashShift { .. } => "close_cash_shift",
            AuditAction::CloseCashDay { .. } => "close_cash_day",
            AuditAction::SetBackupFolder { .. } => "set_backup_folder",
            AuditAction::PrintCashDocument { .. } => "print_cash_document",
        }
    }

    /// The fields of the action as a JSON object, without its name.
    pub fn fields_json(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(map) = value.as_object_mut() {
            map.remove("action");
        }
        value.to_string()
    }

    /// Reads an action back from its name and fields.
    pub fn from_parts(name: &str, fields_json: &str) -> Option<AuditAction> {
        let mut value: serde_json::Value = serde_json::from_str(fields_json).ok()?;
        value.as_object_mut()?.insert("action".into(), serde_json::Value::String(name.into()));
        serde_json::from_value(value).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_round_trips_through_its_name_and_fields() {
        let action = AuditAction::UndoCheckIn {
            attendee: AttendeeId(7),
            lead: "Priya".into(),
            reason: "wrong person".into(),
        };
        assert_eq!(action.name(), "undo_check_in");
        let fields = action.fields_json();
        assert_eq!(fields, r#"{"attendee":7,"lead":"Priya","reason":"wrong person"}"#);
        assert_eq!(AuditAction::from_parts(action.name(), &fields), Some(action));
    }

    #[test]
    fn the_stored_name_is_the_serde_tag() {
        let action = AuditAction::PrintBatch { printer: "Q".into(), badges: 3, job: "Q-1".into() };
        let value = serde_json::to_value(&action).expect("json");
        assert_eq!(value["action"], action.name());
    }
}
