//! Walk-ins and corrections at the desk.
//!
//! A walk-in is created and checked in in one transaction. Payment joins
//! this flow with the cash box (a later issue); until then the amount owed
//! is recorded on the attendee, and the walk-in is let in (the desk takes
//! the money in person), so the amount-due rule does not apply here.

use lanyard_core::{
    AttendeeId, CheckIn, IdempotencyKey, Money, NewAttendee, Role, TicketStatus, attendee::DEFAULT_INTERESTS,
};
use lanyard_store::AuditEntry;
use std::collections::HashSet;

use crate::desk::{event_currency, remember, replayed};
use crate::dto::{AttendeeCard, CheckInReceipt, Choices, EditRequest, WalkInRequest};
use crate::{ApiError, Desk, ErrorCode, random};

/// Longest name accepted at the desk.
const MAX_NAME: usize = 200;

fn required_name(raw: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidInput, "name must not be empty"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("name is longer than {MAX_NAME} characters"),
        ));
    }
    Ok(name.to_owned())
}

/// Splits "Given Family" naïvely for search; the display name stays as typed.
fn split_name(name: &str) -> (String, String) {
    match name.rsplit_once(' ') {
        Some((given, family)) => (given.trim().to_owned(), family.trim().to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

impl Desk {
    /// What the desk's forms offer: ticket types in use, roles, interests.
    pub fn choices(&self) -> Result<Choices, ApiError> {
        let attendees = self.store.read(|tx| tx.all_attendees())?;
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut custom_roles: Vec<String> = Vec::new();
        for a in &attendees {
            *counts.entry(a.details.ticket_type.as_str()).or_default() += 1;
            if let Role::Custom(name) = &a.details.role
                && !custom_roles.contains(name)
            {
                custom_roles.push(name.clone());
            }
        }
        let mut ticket_types: Vec<(&str, usize)> = counts.into_iter().collect();
        ticket_types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut roles: Vec<String> =
            ["attendee", "speaker", "sponsor", "staff", "organizer", "press"].map(String::from).to_vec();
        custom_roles.sort();
        roles.extend(custom_roles);
        Ok(Choices {
            ticket_types: ticket_types.into_iter().map(|(t, _)| t.to_owned()).collect(),
            roles,
            interests: DEFAULT_INTERESTS.map(String::from).to_vec(),
        })
    }

    /// Registers a walk-in and checks them in, in one transaction.
    pub fn register_walk_in(&mut self, request: &WalkInRequest) -> Result<CheckInReceipt, ApiError> {
        let key = IdempotencyKey::parse(&request.idempotency_key)?;
        let operator = self.operator.clone().ok_or_else(|| {
            ApiError::new(
                ErrorCode::NoOperator,
                "type your name to start your shift before registering people",
            )
        })?;
        let display_name = required_name(&request.display_name)?;
        let role = Role::parse(if request.role.trim().is_empty() { "attendee" } else { &request.role })?;
        let ticket_type = request.ticket_type.trim();
        if ticket_type.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidInput, "choose a ticket type"));
        }
        let unknown: Vec<&String> =
            request.interests.iter().filter(|i| !DEFAULT_INTERESTS.contains(&i.as_str())).collect();
        if !unknown.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidInput, format!("unknown interests: {unknown:?}")));
        }
        let now = self.clock.now();
        let desk = self.desk_name.clone();
        let (given, family) = split_name(&display_name);
        let receipt = self.store.write(|tx| {
            if let Some((action, json)) = tx.idempotent_result(key.as_str())? {
                let mut receipt: CheckInReceipt = replayed("register_walk_in", &action, &json)?;
                receipt.replayed = true;
                return Ok(receipt);
            }
            let currency = event_currency(tx)?;
            let amount_due_cents = if request.amount_due.trim().is_empty() {
                0
            } else {
                let money = Money::parse_decimal(&request.amount_due, currency.clone())?;
                if money.minor < 0 {
                    return Err(ApiError::new(ErrorCode::InvalidInput, "the amount due cannot be negative"));
                }
                money.minor
            };
            let taken: HashSet<_> = tx.all_attendees()?.into_iter().map(|a| a.details.badge_code).collect();
            let attendee = NewAttendee {
                display_name: display_name.clone(),
                given_name: given.clone(),
                family_name: family.clone(),
                nickname: String::new(),
                email: request.email.trim().to_owned(),
                affiliation: request.affiliation.trim().to_owned(),
                hometown: request.hometown.trim().to_owned(),
                country: String::new(),
                ticket_type: ticket_type.to_owned(),
                role: role.clone(),
                interests: request.interests.clone(),
                badge_code: random::fresh_badge_code(&taken)?,
                amount_due_cents,
                note: String::new(),
                order_code: String::new(),
                external_id: None,
                ticket_secret: None,
                status: TicketStatus::Valid,
            };
            let id = tx.insert_attendee(&attendee, now)?;
            let record = CheckIn { attendee_id: id, at: now, desk: desk.clone(), operator: operator.clone() };
            tx.insert_check_in(&record)?;
            tx.append_audit(&AuditEntry {
                at: now,
                desk: desk.to_string(),
                operator: operator.to_string(),
                action: "register_walk_in".into(),
                subject: format!("attendee:{id}"),
                detail_json:
                    serde_json::json!({ "amount_due_cents": amount_due_cents, "ticket_type": ticket_type })
                        .to_string(),
            })?;
            let stored =
                tx.attendee(id)?.ok_or_else(|| ApiError::new(ErrorCode::Internal, "walk-in vanished"))?;
            let receipt = CheckInReceipt {
                attendee: AttendeeCard::new(&stored, Some(&record), &currency),
                replayed: false,
            };
            remember(tx, &key, "register_walk_in", &receipt, now)?;
            Ok(receipt)
        })?;
        self.reindex(AttendeeId(receipt.attendee.id))?;
        Ok(receipt)
    }

    /// Corrects an attendee's details (a typo in the name, a new
    /// affiliation, the desk's note). Logged with the values before and after.
    pub fn edit_attendee(&mut self, request: &EditRequest) -> Result<AttendeeCard, ApiError> {
        let key = IdempotencyKey::parse(&request.idempotency_key)?;
        let display_name = required_name(&request.display_name)?;
        let role = Role::parse(&request.role)?;
        let now = self.clock.now();
        let (desk, operator) = (self.desk_name.to_string(), self.operator_label());
        let id = AttendeeId(request.attendee_id);
        let card = self.store.write(|tx| {
            if let Some((action, json)) = tx.idempotent_result(key.as_str())? {
                return replayed("edit_attendee", &action, &json);
            }
            let current = tx.attendee(id)?.ok_or_else(|| {
                ApiError::new(
                    ErrorCode::UnknownAttendee,
                    format!("attendee {id} does not exist in this event"),
                )
            })?;
            let before = &current.details;
            let mut after = before.clone();
            if after.display_name != display_name {
                let (given, family) = split_name(&display_name);
                after.display_name = display_name.clone();
                after.given_name = given;
                after.family_name = family;
            }
            after.affiliation = request.affiliation.trim().to_owned();
            after.hometown = request.hometown.trim().to_owned();
            if let Some(email) = &request.email {
                after.email = email.trim().to_owned();
            }
            after.role = role.clone();
            after.note = request.note.trim().to_owned();
            let changed: Vec<(&str, String, String)> = [
                ("display_name", &before.display_name, &after.display_name),
                ("affiliation", &before.affiliation, &after.affiliation),
                ("hometown", &before.hometown, &after.hometown),
                ("email", &before.email, &after.email),
                ("note", &before.note, &after.note),
            ]
            .into_iter()
            .filter(|(_, b, a)| b != a)
            .map(|(f, b, a)| (f, b.clone(), a.clone()))
            .chain(
                (before.role != after.role)
                    .then(|| ("role", before.role.to_string(), after.role.to_string())),
            )
            .collect();
            tx.update_attendee(id, &after, now)?;
            let detail: serde_json::Map<String, serde_json::Value> = changed
                .iter()
                .map(|(f, b, a)| ((*f).to_owned(), serde_json::json!({ "before": b, "after": a })))
                .collect();
            tx.append_audit(&AuditEntry {
                at: now,
                desk: desk.clone(),
                operator: operator.clone(),
                action: "edit_attendee".into(),
                subject: format!("attendee:{id}"),
                detail_json: serde_json::Value::Object(detail).to_string(),
            })?;
            let stored =
                tx.attendee(id)?.ok_or_else(|| ApiError::new(ErrorCode::Internal, "attendee vanished"))?;
            let card = AttendeeCard::new(&stored, tx.active_check_in(id)?.as_ref(), &event_currency(tx)?);
            remember(tx, &key, "edit_attendee", &card, now)?;
            Ok(card)
        })?;
        self.reindex(id)?;
        Ok(card)
    }
}
