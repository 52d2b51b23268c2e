//! Reports: the live view of the day, and the attendee list as CSV.

use lanyard_core::{TicketStatus, Timestamp, export};
use std::collections::{BTreeMap, HashMap};

use crate::dto::LeadAuth;
use crate::dto::{ArrivalSlot, CountRow, Stats};
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, Engine, ErrorCode};
use lanyard_core::AuditAction;

/// A quarter of an hour, in milliseconds.
const SLOT: i64 = 15 * 60 * 1000;

fn rows(map: BTreeMap<String, (usize, usize)>) -> Vec<CountRow> {
    map.into_iter().map(|(name, (checked_in, expected))| CountRow { name, checked_in, expected }).collect()
}

impl Engine {
    /// Checked in and expected, by ticket type, role and desk, and arrivals
    /// per quarter hour.
    pub fn stats(&self, _session: &Session) -> Result<Stats, ApiError> {
        let (attendees, check_ins) =
            self.store.read(|tx| Ok::<_, ApiError>((tx.all_attendees()?, tx.all_active_check_ins()?)))?;
        let arrived: HashMap<_, _> = check_ins.iter().map(|c| (c.attendee_id, c)).collect();
        let mut by_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut by_role: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let (mut expected, mut checked_in) = (0, 0);
        for a in &attendees {
            let d = &a.details;
            let counts = usize::from(d.status == TicketStatus::Valid);
            let inside = usize::from(arrived.contains_key(&a.id));
            expected += counts;
            checked_in += inside;
            for (map, key) in [(&mut by_type, d.ticket_type.clone()), (&mut by_role, d.role.to_string())] {
                let entry = map.entry(key).or_default();
                entry.0 += inside;
                entry.1 += counts;
            }
        }
        let mut by_desk: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut slots: BTreeMap<i64, usize> = BTreeMap::new();
        for c in &check_ins {
            by_desk.entry(c.desk.to_string()).or_default().0 += 1;
            *slots.entry(c.at.0.div_euclid(SLOT)).or_default() += 1;
        }
        let arrivals = match (slots.keys().next(), slots.keys().last()) {
            (Some(&first), Some(&last)) => (first..=last)
                .map(|slot| ArrivalSlot {
                    start: Timestamp(slot * SLOT).to_rfc3339(),
                    count: slots.get(&slot).copied().unwrap_or(0),
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(Stats {
            expected,
            checked_in,
            by_ticket_type: rows(by_type),
            by_role: rows(by_role),
            by_desk: rows(by_desk),
            arrivals,
        })
    }

    /// Every attendee with their check-in, as CSV safe to open in a
    /// spreadsheet; needs a lead (it is everyone's personal data). Logged.
    pub fn export_csv(&self, session: &Session, auth: Option<&LeadAuth>) -> Result<String, ApiError> {
        let lead = self.authorise(session, Privilege::ExportAttendees, auth)?;
        let (csv, rows) = self.attendee_csv()?;
        self.perform_unkeyed(session, |_, _, _| {
            Ok(((), AuditAction::ExportAttendees { lead: lead.to_string(), rows }))
        })?;
        Ok(csv)
    }

    /// Writes the attendee CSV to `path` (never over the database or a file
    /// Lanyard did not write; see `output.rs`).
    pub fn export_csv_to(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        path: &std::path::Path,
    ) -> Result<usize, ApiError> {
        crate::output::check_target(self.store.path(), path, crate::output::OutputKind::AttendeeCsv)?;
        let csv = self.export_csv(session, auth)?;
        crate::output::write(
            self.store.path(),
            path,
            crate::output::OutputKind::AttendeeCsv,
            csv.as_bytes(),
        )?;
        Ok(csv.len())
    }

    fn attendee_csv(&self) -> Result<(String, usize), ApiError> {
        let (attendees, check_ins) =
            self.store.read(|tx| Ok::<_, ApiError>((tx.all_attendees()?, tx.all_active_check_ins()?)))?;
        let arrived: HashMap<_, _> = check_ins.iter().map(|c| (c.attendee_id, c)).collect();
        let header = [
            "badge_code",
            "display_name",
            "given_name",
            "family_name",
            "email",
            "affiliation",
            "hometown",
            "country",
            "ticket_type",
            "role",
            "interests",
            "order_code",
            "external_id",
            "status",
            "amount_due_cents",
            "note",
            "checked_in_at",
            "checked_in_desk",
            "checked_in_by",
        ];
        let table: Vec<Vec<String>> = attendees
            .iter()
            .map(|a| {
                let d = &a.details;
                let c = arrived.get(&a.id);
                vec![
                    d.badge_code.to_string(),
                    d.display_name.clone(),
                    d.given_name.clone(),
                    d.family_name.clone(),
                    d.email.clone(),
                    d.affiliation.clone(),
                    d.hometown.clone(),
                    d.country.clone(),
                    d.ticket_type.clone(),
                    d.role.to_string(),
                    d.interests.join(";"),
                    d.order_code.clone(),
                    d.external_id.clone().unwrap_or_default(),
                    d.status.as_str().to_owned(),
                    d.amount_due_cents.to_string(),
                    d.note.clone(),
                    c.map(|c| c.at.to_rfc3339()).unwrap_or_default(),
                    c.map(|c| c.desk.to_string()).unwrap_or_default(),
                    c.map(|c| c.operator.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        let rows = table.len();
        export::write_csv(&header, &table)
            .map(|csv| (csv, rows))
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot write CSV: {e}")))
    }
}
