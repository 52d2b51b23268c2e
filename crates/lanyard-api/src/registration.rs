//! Walk-ins and corrections at the desk.
//!
//! A walk-in is created and checked in in one transaction. Payment joins
//! this flow with the cash box (a later issue); until then the amount owed
//! is recorded on the attendee, and the walk-in is let in (the desk takes
//! the money in person), so the amount-due rule does not apply here. The
//! interests offered and accepted are the event's own categories, from its
//! badge template.

use lanyard_core::audit::FieldChange;
use lanyard_core::search::name_key;
use lanyard_core::{AttendeeId, AuditAction, CheckIn, Money, NewAttendee, Role, TicketStatus};

use crate::checkin::cards;
use crate::dto::{AttendeeCard, CheckInReceipt, Choices, EditRequest, WalkInRequest};
use crate::engine::{Done, Op, event_currency};
use crate::error::Refusal;
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, Engine};
use lanyard_store::ReadTx;

/// Longest name accepted at the desk.
const MAX_NAME: usize = 200;

/// Longest values of the other fields a desk types (no real badge needs
/// more; a longer one is a mistake or an attack on the text shaper).
const LIMITS: [(&str, usize); 6] = [
    ("affiliation", 200),
    ("hometown", 100),
    ("email", 254),
    ("note", 1000),
    ("ticket_type", 100),
    ("role", 60),
];

/// Refuses a field longer than its limit, naming it.
pub(crate) fn bounded(field: &'static str, value: &str) -> Result<(), ApiError> {
    let max = LIMITS.iter().find(|(f, _)| *f == field).map_or(200, |(_, m)| *m);
    let len = value.trim().chars().count();
    if len > max {
        return Err(Refusal::invalid(
            field,
            format!("{} is too long ({len} characters, at most {max})", field.replace('_', " ")),
        )
        .into());
    }
    Ok(())
}

/// Checks every free-text field of a walk-in or a correction.
fn bounded_all(fields: &[(&'static str, &str)], interests: &[String]) -> Result<(), ApiError> {
    for (field, value) in fields {
        bounded(field, value)?;
    }
    if interests.len() > 20 || interests.iter().any(|i| i.chars().count() > 60) {
        return Err(Refusal::invalid("interests", "at most 20 interests of at most 60 characters").into());
    }
    Ok(())
}

pub(crate) fn required_name(raw: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Refusal::invalid("display_name", "name must not be empty").into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(
            Refusal::invalid("display_name", format!("name is longer than {MAX_NAME} characters")).into()
        );
    }
    Ok(name.to_owned())
}

/// Splits "Given Family" naïvely for search; the display name stays as typed.
pub(crate) fn split_name(name: &str) -> (String, String) {
    match name.rsplit_once(' ') {
        Some((given, family)) => (given.trim().to_owned(), family.trim().to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

/// A new attendee's details as a desk types them (a walk-in, a sale),
/// checked once for both.
#[derive(Debug)]
pub(crate) struct Newcomer<'a> {
    pub display_name: String,
    pub affiliation: &'a str,
    pub hometown: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub interests: &'a [String],
}

impl<'a> Newcomer<'a> {
    /// Checks the name, the length of every field and the role.
    pub(crate) fn check(
        display_name: &str,
        [affiliation, hometown, email, ticket_type, role]: [&'a str; 5],
        interests: &'a [String],
    ) -> Result<Newcomer<'a>, ApiError> {
        let display_name = required_name(display_name)?;
        bounded_all(
            &[
                ("affiliation", affiliation),
                ("hometown", hometown),
                ("email", email),
                ("ticket_type", ticket_type),
                ("role", role),
            ],
            interests,
        )?;
        let role = Role::parse(if role.trim().is_empty() { "attendee" } else { role })?;
        Ok(Newcomer { display_name, affiliation, hometown, email, role, interests })
    }

    /// The attendee to insert, with a fresh badge code; refused when an
    /// interest is not one of the event's categories.
    pub(crate) fn attendee(
        &self,
        engine: &Engine,
        tx: &ReadTx<'_>,
        ticket_type: &str,
        amount_due_cents: i64,
    ) -> Result<NewAttendee, ApiError> {
        let categories = crate::badges::categories(tx)?;
        let unknown: Vec<&String> = self.interests.iter().filter(|i| !categories.contains(i)).collect();
        if !unknown.is_empty() {
            return Err(Refusal::invalid("interests", format!("unknown interests: {unknown:?}")).into());
        }
        let (given_name, family_name) = split_name(&self.display_name);
        Ok(NewAttendee {
            display_name: self.display_name.clone(),
            given_name,
            family_name,
            nickname: String::new(),
            email: self.email.trim().to_owned(),
            affiliation: self.affiliation.trim().to_owned(),
            hometown: self.hometown.trim().to_owned(),
            country: String::new(),
            ticket_type: ticket_type.to_owned(),
            role: self.role.clone(),
            interests: self.interests.to_vec(),
            badge_code: engine.fresh_badge_code(tx)?,
            amount_due_cents,
            note: String::new(),
            order_code: String::new(),
            external_id: None,
            ticket_secret: None,
            status: TicketStatus::Valid,
        })
    }
}

impl Engine {
    /// Attendees who look like a newcomer: the same name (folded, in any
    /// word order) or the same e-mail address. At most five.
    pub(crate) fn possible_matches(&self, name: &str, email: &str) -> Result<Vec<AttendeeCard>, ApiError> {
        let key = name_key(name);
        let hits = self.index.read().unwrap_or_else(std::sync::PoisonError::into_inner).search(name, 50);
        let candidates: Vec<AttendeeId> = hits.iter().map(|h| h.id).collect();
        self.store.read(|tx| {
            let mut ids: Vec<AttendeeId> = Vec::new();
            if !email.trim().is_empty() {
                ids.extend(tx.attendee_ids_by_email(email)?);
            }
            for card in cards(tx, &candidates)? {
                if !key.is_empty()
                    && name_key(&card.display_name) == key
                    && !ids.contains(&AttendeeId(card.id))
                {
                    ids.push(AttendeeId(card.id));
                }
            }
            ids.truncate(5);
            cards(tx, &ids)
        })
    }

    /// Refuses a newcomer who looks like someone registered, unless the
    /// volunteer confirmed they are a new person.
    pub(crate) fn refuse_lookalikes(&self, name: &str, email: &str, confirmed: bool) -> Result<(), ApiError> {
        if confirmed {
            return Ok(());
        }
        let matches = self.possible_matches(name, email)?;
        if matches.is_empty() {
            return Ok(());
        }
        Err(Refusal::PossibleDuplicate { name: name.trim().to_owned(), matches }.into())
    }
}

impl Engine {
    /// What the desk's forms offer: ticket types in use, roles, and the
    /// event's interest categories.
    pub fn choices(&self, _session: &Session) -> Result<Choices, ApiError> {
        let (attendees, interests) =
            self.store.read(|tx| Ok::<_, ApiError>((tx.all_attendees()?, crate::badges::categories(tx)?)))?;
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
            interests,
        })
    }

    /// Registers a walk-in and checks them in, in one transaction.
    pub fn register_walk_in(
        &self,
        session: &Session,
        request: &WalkInRequest,
    ) -> Result<CheckInReceipt, ApiError> {
        let operator = session.operator.clone().ok_or(Refusal::NoOperator { doing: "registering people" })?;
        let r = request;
        let newcomer = Newcomer::check(
            &r.display_name,
            [&r.affiliation, &r.hometown, &r.email, &r.ticket_type, &r.role],
            &r.interests,
        )?;
        let ticket_type = request.ticket_type.trim();
        if ticket_type.is_empty() {
            return Err(Refusal::invalid("ticket_type", "choose a ticket type").into());
        }
        let op = Op { action: "register_walk_in", key: &request.idempotency_key, request, lead: None };
        self.perform(
            session,
            op,
            // After the replay check: a retried walk-in returns its receipt.
            |_| self.refuse_lookalikes(&newcomer.display_name, &request.email, request.confirm_new),
            |tx, ctx, (), effects| {
                let currency = event_currency(tx)?;
                let amount_due_cents = if request.amount_due.trim().is_empty() {
                    0
                } else {
                    let money = Money::parse_decimal(&request.amount_due, currency.clone())
                        .map_err(|e| Refusal::invalid("amount_due", e.to_string()))?;
                    if money.minor < 0 {
                        return Err(
                            Refusal::invalid("amount_due", "the amount due cannot be negative").into()
                        );
                    }
                    money.minor
                };
                let attendee = newcomer.attendee(self, tx, ticket_type, amount_due_cents)?;
                let id = tx.insert_attendee(&attendee, ctx.now)?;
                let record = CheckIn {
                    attendee_id: id,
                    at: ctx.now,
                    desk: ctx.session.desk.clone(),
                    operator: operator.clone(),
                };
                tx.insert_check_in(&record, ctx.session.shift.as_ref())?;
                effects.attendee(id);
                let receipt = CheckInReceipt {
                    attendee: cards(tx, &[id])?.remove(0),
                    replayed: false,
                    auto_print: None,
                };
                let audit = AuditAction::RegisterWalkIn {
                    attendee: id,
                    ticket_type: ticket_type.to_owned(),
                    amount_due_minor: amount_due_cents,
                };
                Ok(Done::Ok(receipt, audit))
            },
        )
    }

    /// Corrects an attendee's details (a typo in the name, a new
    /// affiliation, the desk's note). Logged with the values before and after.
    pub fn edit_attendee(&self, session: &Session, request: &EditRequest) -> Result<AttendeeCard, ApiError> {
        let display_name = required_name(&request.display_name)?;
        let email = request.email.as_deref().unwrap_or_default();
        bounded_all(
            &[
                ("affiliation", &request.affiliation),
                ("hometown", &request.hometown),
                ("email", email),
                ("note", &request.note),
                ("role", &request.role),
            ],
            &[],
        )?;
        let role = Role::parse(&request.role)?;
        let id = AttendeeId(request.attendee_id);
        let (current, currency) = self.store.read(|tx| {
            let current = tx.attendee(id)?.ok_or(Refusal::UnknownAttendee(id))?.details;
            Ok::<_, ApiError>((current, event_currency(tx)?))
        })?;
        let current_role = current.role.clone();
        // A lead corrects the ticket type and the amount owed (money).
        let ticket_type = match request.ticket_type.as_deref().map(str::trim) {
            Some("") => return Err(Refusal::invalid("ticket_type", "choose a ticket type").into()),
            Some(t) => {
                bounded("ticket_type", t)?;
                t.to_owned()
            }
            None => current.ticket_type.clone(),
        };
        let amount_due_cents = match request.amount_due.as_deref().map(str::trim) {
            None => current.amount_due_cents,
            Some("") => 0,
            Some(text) => {
                let m = Money::parse_decimal(text, currency)
                    .map_err(|e| Refusal::invalid("amount_due", e.to_string()))?;
                if m.minor < 0 {
                    return Err(Refusal::invalid("amount_due", "the amount due cannot be negative").into());
                }
                m.minor
            }
        };
        let corrects_ticket =
            ticket_type != current.ticket_type || amount_due_cents != current.amount_due_cents;
        // A new role changes the band on the badge, which is physical access.
        let lead = if corrects_ticket {
            Some((Privilege::CorrectTicket, request.auth.as_ref()))
        } else {
            (current_role != role).then_some((Privilege::ChangeRole, request.auth.as_ref()))
        };
        let op = Op { action: "edit_attendee", key: &request.idempotency_key, request, lead };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let current = tx.attendee(id)?.ok_or(Refusal::UnknownAttendee(id))?;
                if current.details.role != current_role {
                    let problem = "someone else changed this attendee's role just now: look again";
                    return Err(Refusal::invalid("role", problem).into());
                }
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
                after.ticket_type.clone_from(&ticket_type);
                after.amount_due_cents = amount_due_cents;
                after.note = request.note.trim().to_owned();
                let changes: Vec<FieldChange> = [
                    ("display_name", before.display_name.clone(), after.display_name.clone()),
                    ("affiliation", before.affiliation.clone(), after.affiliation.clone()),
                    ("hometown", before.hometown.clone(), after.hometown.clone()),
                    ("email", before.email.clone(), after.email.clone()),
                    ("note", before.note.clone(), after.note.clone()),
                    ("role", before.role.to_string(), after.role.to_string()),
                    ("ticket_type", before.ticket_type.clone(), after.ticket_type.clone()),
                    (
                        "amount_due_minor",
                        before.amount_due_cents.to_string(),
                        after.amount_due_cents.to_string(),
                    ),
                ]
                .into_iter()
                .filter(|(_, b, a)| b != a)
                .map(|(field, before, after)| FieldChange { field: field.to_owned(), before, after })
                .collect();
                tx.update_attendee(id, &after, ctx.now)?;
                effects.attendee(id);
                let card = cards(tx, &[id])?.remove(0);
                Ok(Done::Ok(card, AuditAction::EditAttendee { attendee: id, changes }))
            },
        )
    }
}
