//! Leads and the actions that need a lead's PIN: undoing a check-in,
//! adding and removing leads, opening the settings.
//!
//! Whether a lead may be added without a PIN (the first lead of an event)
//! is decided here, for every host alike. Every PIN attempt, right or
//! wrong, is recorded in its own committed transaction before the action
//! runs, so a failed action still leaves its trace and the five-strikes
//! lock-out holds across restarts and desks.

use lanyard_core::{AttendeeId, AuditAction, OperatorName, pin};
use lanyard_store::{ChangeKind, PinAttempt};
use serde::Serialize;

use crate::checkin::cards;
use crate::dto::{AttendeeCard, LeadAuth, LeadDto, LeadGrant, UndoRequest};
use crate::engine::{Done, Op, Outcome};
use crate::error::Refusal;
use crate::privilege::{GRANT_MILLIS, Grant, Privilege};

/// How many recent PIN attempts decide the lock-out (enough to see through
/// a few attempts from a desk whose clock runs ahead).
const ATTEMPTS_READ: usize = 50;
use crate::session::Session;
use crate::{ApiError, Engine};

impl Outcome for AttendeeCard {}

/// A request to add a lead (the PIN is never part of a fingerprint).
#[derive(Debug, Serialize)]
struct AddLead<'a> {
    name: &'a str,
    by: Option<&'a str>,
}

/// A request to remove a lead.
#[derive(Debug, Serialize)]
struct RemoveLead<'a> {
    name: &'a str,
    by: &'a str,
}

fn lead_name(raw: &str) -> Result<OperatorName, ApiError> {
    OperatorName::parse(raw)
        .map_err(|_| Refusal::invalid("lead", "a lead's name must be 1 to 60 characters").into())
}

impl Engine {
    /// The active leads, by name.
    pub fn leads(&self, _session: &Session) -> Result<Vec<LeadDto>, ApiError> {
        let rows = self.store.read(|tx| tx.leads())?;
        Ok(rows.into_iter().map(|l| LeadDto { name: l.name, added_at: l.created_at.to_rfc3339() }).collect())
    }

    /// Adds a lead. The first lead of an event needs no PIN (the event's
    /// first start sets it); every later one needs a lead's (`auth`).
    pub fn add_lead(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        name: &str,
        pin_code: &str,
        key: &str,
    ) -> Result<Vec<LeadDto>, ApiError> {
        let name = lead_name(name)?;
        pin::validate_new(pin_code)?;
        let first = self.store.read(|tx| tx.leads())?.is_empty();
        // The first lead's request sent again (its answer was lost) is a
        // replay, not a second first lead.
        if !first && auth.is_none() && !self.already_done(key)? {
            return Err(Refusal::LeadExists.into());
        }
        let request = AddLead { name: name.as_str(), by: auth.map(|a| a.lead.as_str()) };
        let lead = if first { None } else { Some((Privilege::AddLead, auth)) };
        let op = Op { action: "add_lead", key, request: &request, lead };
        self.perform(
            session,
            op,
            |_| Ok(pin::hash(pin_code, self.salt()?)?),
            |tx, ctx, hash, effects| {
                let leads = tx.leads()?;
                if first && !leads.is_empty() {
                    return Err(Refusal::LeadExists.into());
                }
                if leads.iter().any(|l| same_name(l.name.as_str(), name.as_str())) {
                    return Err(Refusal::AlreadyALead(name.to_string()).into());
                }
                tx.insert_lead(&name, &hash, ctx.now)?;
                effects.touched(ChangeKind::Leads);
                let audit = match &ctx.lead {
                    None => AuditAction::CreateFirstLead { name: name.to_string() },
                    Some(by) => AuditAction::AddLead { name: name.to_string(), by: by.to_string() },
                };
                Ok(Done::Ok((), audit))
            },
        )?;
        self.leads(session)
    }

    /// Checks a lead's PIN to open the settings; the attempt is logged and
    /// counts towards the lock-out like any other. The lead gets a grant for
    /// the privileged actions of the next five minutes, so the window never
    /// keeps the PIN.
    pub fn unlock_settings(&self, session: &Session, auth: &LeadAuth) -> Result<LeadGrant, ApiError> {
        let pin_only = LeadAuth { grant: None, ..auth.clone() };
        let lead = self.authorise(session, Privilege::OpenSettings, Some(&pin_only))?;
        let mut bytes = [0u8; 16];
        self.parts
            .random
            .fill(&mut bytes)
            .map_err(|e| crate::ApiError::new(crate::ErrorCode::Internal, e))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let expires_at = lanyard_core::Timestamp(self.now().0 + GRANT_MILLIS);
        let clock = self.parts.clock.as_ref();
        let grant = Grant { lead: lead.clone(), expires_at, issued: clock.monotonic_millis() };
        let mut grants = self.grants.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        grants.retain(|_, g| g.holds(clock));
        grants.insert(token.clone(), grant);
        drop(grants);
        Ok(LeadGrant {
            grant: token,
            lead: lead.to_string(),
            expires_at: expires_at.to_rfc3339(),
            leads: self.leads(session)?,
        })
    }

    /// True while `grant` holds (a host asks before opening a file dialog,
    /// so that a lead does not choose a file only to be told to unlock).
    pub fn grant_holds(&self, _session: &Session, grant: &str) -> bool {
        let grants = self.grants.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        grants.get(grant).is_some_and(|g| g.holds(self.parts.clock.as_ref()))
    }

    /// Gives a grant back (the lead left the settings): it no longer holds.
    pub fn end_grant(&self, _session: &Session, grant: &str) {
        self.grants.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(grant);
    }

    /// Removes a lead; needs a lead's PIN. The last lead cannot be removed.
    pub fn remove_lead(
        &self,
        session: &Session,
        auth: &LeadAuth,
        name: &str,
        key: &str,
    ) -> Result<Vec<LeadDto>, ApiError> {
        let request = RemoveLead { name: name.trim(), by: auth.lead.trim() };
        let op = Op {
            action: "remove_lead",
            key,
            request: &request,
            lead: Some((Privilege::RemoveLead, Some(auth))),
        };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let leads = tx.leads()?;
                let Some(target) = leads.iter().find(|l| same_name(l.name.as_str(), name.trim())) else {
                    return Err(Refusal::UnknownLead(name.trim().to_owned()).into());
                };
                if leads.len() <= 1 {
                    return Err(Refusal::LastLead.into());
                }
                let target = lead_name(&target.name)?;
                tx.remove_lead(&target, ctx.now)?;
                effects.touched(ChangeKind::Leads);
                let by = ctx.lead.as_ref().map(ToString::to_string).unwrap_or_default();
                Ok(Done::Ok((), AuditAction::RemoveLead { name: target.to_string(), by }))
            },
        )?;
        self.leads(session)
    }

    /// Undoes a check-in with a lead's PIN and a reason; logged.
    pub fn undo_check_in(&self, session: &Session, request: &UndoRequest) -> Result<AttendeeCard, ApiError> {
        let reason = request.reason.trim().to_owned();
        if reason.is_empty() {
            return Err(Refusal::invalid("reason", "say why the check-in is undone (reason)").into());
        }
        if reason.chars().count() > 500 {
            return Err(Refusal::invalid("reason", "the reason is too long (at most 500 characters)").into());
        }
        let op = Op {
            action: "undo_check_in",
            key: &request.idempotency_key,
            request,
            lead: Some((Privilege::UndoCheckIn, Some(&request.auth))),
        };
        let id = AttendeeId(request.attendee_id);
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let attendee = tx.attendee(id)?.ok_or(Refusal::UnknownAttendee(id))?;
                let by = ctx.lead.clone().ok_or(Refusal::LeadRequired)?;
                if !tx.undo_check_in(id, ctx.now, &by, &reason)? {
                    return Err(
                        Refusal::NotCheckedIn { attendee: id, name: attendee.details.display_name }.into()
                    );
                }
                effects.attendee(id);
                let card = cards(tx, &[id])?.remove(0);
                Ok(Done::Ok(
                    card,
                    AuditAction::UndoCheckIn { attendee: id, lead: by.to_string(), reason: reason.clone() },
                ))
            },
        )
    }

    /// Checks a lead's name and PIN for `privilege`, recording the attempt
    /// whatever its outcome; returns the lead's name (as stored) when right.
    /// Lead names match without regard to case.
    pub(crate) fn authorise(
        &self,
        session: &Session,
        privilege: Privilege,
        auth: Option<&LeadAuth>,
    ) -> Result<OperatorName, ApiError> {
        let auth = auth.ok_or(Refusal::LeadRequired)?;
        let now = self.now();
        if let Some(token) = auth.grant.as_deref().filter(|t| !t.is_empty()) {
            let grants = self.grants.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            return match grants.get(token) {
                Some(grant) if grant.holds(self.parts.clock.as_ref()) => Ok(grant.lead.clone()),
                _ => Err(Refusal::GrantExpired.into()),
            };
        }
        let typed = auth.lead.trim().to_owned();
        let outcome = self.store.write(|tx| {
            let leads = tx.leads()?;
            if leads.is_empty() {
                return Err(ApiError::from(Refusal::NoLeads));
            }
            let attempts = tx.recent_pin_attempts(ATTEMPTS_READ)?;
            if let Some(until) = self.lock_until(&attempts, now) {
                return Err(Refusal::PinLocked { until }.into());
            }
            let lead = leads.iter().find(|l| same_name(l.name.as_str(), &typed));
            let success = lead.is_some_and(|lead| pin::verify(&auth.pin, &lead.pin_hash));
            tx.record_pin_attempt(&PinAttempt {
                at: now,
                desk: session.desk.clone(),
                operator: session.operator.clone(),
                lead_name: typed.chars().take(60).collect(),
                success,
                purpose: privilege.purpose(),
            })?;
            let after = tx.recent_pin_attempts(ATTEMPTS_READ)?;
            // A lock this attempt starts is timed from now on the monotonic clock too.
            self.lock_until(&after, now);
            let failures = pin::failures_in_a_row(&after, now);
            Ok((success.then(|| lead.map(|l| l.name.clone())).flatten(), failures))
        })?;
        match outcome {
            (Some(name), _) => Ok(lead_name(&name)?),
            (None, failures) => {
                Err(Refusal::PinWrong { left: pin::MAX_FAILURES.saturating_sub(failures) }.into())
            }
        }
    }

    /// The lock-out from the recorded attempts, held for its full length on
    /// the monotonic clock once this engine has seen it: moving the desk's
    /// clock forward does not end a lock early.
    fn lock_until(
        &self,
        attempts: &[(lanyard_core::Timestamp, bool)],
        now: lanyard_core::Timestamp,
    ) -> Option<lanyard_core::Timestamp> {
        let mut seen = self.lock_seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(until) = pin::locked_until(attempts, now) {
            if seen.is_none_or(|(known, _, _)| known != until) {
                *seen = Some((until, self.parts.clock.monotonic_millis(), until.0 - now.0));
            }
            return Some(until);
        }
        let (_, noticed, length) = (*seen)?;
        let elapsed = self.parts.clock.monotonic_millis() - noticed;
        if elapsed < length {
            // The wall clock says the lock is over; the monotonic one says not yet.
            return Some(lanyard_core::Timestamp(now.0 + (length - elapsed)));
        }
        *seen = None;
        None
    }
}

/// Whether two lead names are the same without regard to case, in any
/// script ("ÉLODIE" is "élodie", "ΝΊΚΟΣ" is "νίκος").
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}
