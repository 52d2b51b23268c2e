//! Leads and the actions that need a lead's PIN: undoing a check-in,
//! adding and removing leads.
//!
//! Every PIN attempt, right or wrong, is recorded in its own committed
//! transaction before the action runs, so a failed action still leaves its
//! trace and the five-strikes lock-out holds across restarts and desks.

use lanyard_core::{AttendeeId, IdempotencyKey, OperatorName, pin};
use lanyard_store::{AuditEntry, PinAttempt};

use crate::desk::{event_currency, remember, replayed};
use crate::dto::{AttendeeCard, DeskInfo, LeadAuth, LeadDto, UndoRequest};
use crate::{ApiError, Desk, ErrorCode, random};

impl Desk {
    /// Sets the first lead of a new event. Refused once any lead exists.
    pub fn create_first_lead(&mut self, name: &str, pin_code: &str) -> Result<DeskInfo, ApiError> {
        let name = OperatorName::parse(name).map_err(|_| lead_name_error())?;
        let hash = pin::hash(pin_code, random::salt()?)?;
        let now = self.clock.now();
        let audit = self.audit("create_first_lead", name.as_str(), "{}".into());
        self.store.write(|tx| {
            if !tx.leads()?.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::LeadExists,
                    "this event already has a lead: ask them to add you in the settings",
                ));
            }
            tx.insert_lead(name.as_str(), &hash, now)?;
            tx.append_audit(&audit)?;
            Ok(())
        })?;
        self.info()
    }

    /// The active leads, by name.
    pub fn leads(&self) -> Result<Vec<LeadDto>, ApiError> {
        let rows = self.store.read(|tx| tx.leads())?;
        Ok(rows.into_iter().map(|l| LeadDto { name: l.name, added_at: l.created_at.to_rfc3339() }).collect())
    }

    /// Checks a lead's PIN to open the leads' settings screen; the attempt
    /// is logged and counts towards the lock-out like any other.
    pub fn unlock_settings(&mut self, auth: &LeadAuth) -> Result<Vec<LeadDto>, ApiError> {
        self.authorise(auth, "open_settings")?;
        self.leads()
    }

    /// Adds a lead; needs a lead's PIN.
    pub fn add_lead(
        &mut self,
        auth: &LeadAuth,
        name: &str,
        pin_code: &str,
    ) -> Result<Vec<LeadDto>, ApiError> {
        let name = OperatorName::parse(name).map_err(|_| lead_name_error())?;
        let hash = pin::hash(pin_code, random::salt()?)?;
        let by = self.authorise(auth, "add_lead")?;
        let now = self.clock.now();
        let audit = self.audit("add_lead", name.as_str(), serde_json::json!({ "by": by }).to_string());
        self.store.write(|tx| {
            if tx.lead(name.as_str())?.is_some() {
                return Err(ApiError::new(ErrorCode::InvalidInput, format!("{name} is already a lead")));
            }
            tx.insert_lead(name.as_str(), &hash, now)?;
            tx.append_audit(&audit)?;
            Ok(())
        })?;
        self.leads()
    }

    /// Removes a lead; needs a lead's PIN. The last lead cannot be removed.
    pub fn remove_lead(&mut self, auth: &LeadAuth, name: &str) -> Result<Vec<LeadDto>, ApiError> {
        let by = self.authorise(auth, "remove_lead")?;
        let now = self.clock.now();
        let audit = self.audit("remove_lead", name.trim(), serde_json::json!({ "by": by }).to_string());
        self.store.write(|tx| {
            if tx.leads()?.len() <= 1 {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "the last lead cannot be removed: add another first",
                ));
            }
            if !tx.remove_lead(name.trim(), now)? {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("there is no lead called {:?}", name.trim()),
                ));
            }
            tx.append_audit(&audit)?;
            Ok(())
        })?;
        self.leads()
    }

    /// Undoes a check-in with a lead's PIN and a reason; logged.
    pub fn undo_check_in(&mut self, request: &UndoRequest) -> Result<AttendeeCard, ApiError> {
        let key = IdempotencyKey::parse(&request.idempotency_key)?;
        let reason = request.reason.trim();
        if reason.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidInput, "say why the check-in is undone (reason)"));
        }
        if let Some((action, json)) = self.store.read(|tx| tx.idempotent_result(key.as_str()))? {
            return replayed("undo_check_in", &action, &json);
        }
        let by = self.authorise(&request.auth, "undo_check_in")?;
        let now = self.clock.now();
        let id = AttendeeId(request.attendee_id);
        let detail = serde_json::json!({ "lead": by, "reason": reason }).to_string();
        let audit = self.audit("undo_check_in", &format!("attendee:{id}"), detail);
        self.store.write(|tx| {
            if let Some((action, json)) = tx.idempotent_result(key.as_str())? {
                return replayed("undo_check_in", &action, &json);
            }
            let attendee = tx.attendee(id)?.ok_or_else(|| {
                ApiError::new(
                    ErrorCode::UnknownAttendee,
                    format!("attendee {id} does not exist in this event"),
                )
            })?;
            if !tx.undo_check_in(id, now, &by, reason)? {
                return Err(ApiError::new(
                    ErrorCode::NotCheckedIn,
                    format!("{} is not checked in: nothing to undo", attendee.details.display_name),
                ));
            }
            tx.append_audit(&audit)?;
            let card = AttendeeCard::new(&attendee, None, &event_currency(tx)?);
            remember(tx, &key, "undo_check_in", &card, now)?;
            Ok(card)
        })
    }

    /// Checks a lead's name and PIN, recording the attempt whatever its
    /// outcome; returns the lead's name when right.
    fn authorise(&mut self, auth: &LeadAuth, purpose: &str) -> Result<String, ApiError> {
        let now = self.clock.now();
        let (desk, operator) = (self.desk_name.to_string(), self.operator_label());
        let lead_name = auth.lead.trim().to_owned();
        let outcome = self.store.write(|tx| {
            if tx.leads()?.is_empty() {
                return Err(ApiError::new(ErrorCode::NoLeads, "no lead is set up for this event yet"));
            }
            let attempts = tx.recent_pin_attempts(pin::MAX_FAILURES)?;
            if let Some(until) = pin::locked_until(&attempts, now) {
                let time = until.to_rfc3339();
                return Err(ApiError::new(
                    ErrorCode::PinLocked,
                    format!(
                        "PIN entry is locked after {} wrong PINs: try again after {} (UTC)",
                        pin::MAX_FAILURES,
                        time.get(11..16).unwrap_or(&time)
                    ),
                ));
            }
            let success = tx.lead(&lead_name)?.is_some_and(|lead| pin::verify(&auth.pin, &lead.pin_hash));
            tx.record_pin_attempt(&PinAttempt {
                at: now,
                desk: desk.clone(),
                operator: operator.clone(),
                lead_name: lead_name.clone(),
                success,
                purpose: purpose.to_owned(),
            })?;
            let failures = pin::failures_in_a_row(&tx.recent_pin_attempts(pin::MAX_FAILURES)?);
            Ok((success, failures))
        })?;
        match outcome {
            (true, _) => Ok(lead_name),
            (false, failures) => {
                let left = pin::MAX_FAILURES.saturating_sub(failures);
                let message = if left == 0 {
                    "wrong lead name or PIN: PIN entry is now locked for five minutes".to_owned()
                } else {
                    format!("wrong lead name or PIN ({left} tries left before a five-minute lock)")
                };
                Err(ApiError::new(ErrorCode::PinWrong, message))
            }
        }
    }

    fn audit(&self, action: &str, subject: &str, detail_json: String) -> AuditEntry {
        AuditEntry {
            at: self.clock.now(),
            desk: self.desk_name.to_string(),
            operator: self.operator_label(),
            action: action.into(),
            subject: subject.into(),
            detail_json,
        }
    }
}

fn lead_name_error() -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, "a lead's name must be 1 to 60 characters")
}
