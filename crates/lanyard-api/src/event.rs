//! The event and the desk: creating the event (empty or the demo), the
//! header of the screen, sessions, and the stored shifts.
//!
//! A shift is a stored record (who, at which desk installation, opened and
//! closed at). Starting a shift closes the desk's open one; a restart
//! resumes the open shift, so the volunteer need not type their name again
//! and the cash box can hang its drawer on it.

use lanyard_core::{AuditAction, Currency, DeskName, OperatorName, ShiftId, Uid, demo};
use lanyard_store::{ChangeKind, ShiftRow};
use serde::Serialize;

use crate::dto::DeskInfo;
use crate::engine::{Done, Op, Outcome};
use crate::error::Refusal;
use crate::session::{Mode, Session};
use crate::{ApiError, Engine};

/// A request to start a shift.
#[derive(Debug, Serialize)]
struct StartShift<'a> {
    operator: &'a str,
    desk_name: Option<&'a str>,
}

impl Outcome for DeskInfo {}

impl Engine {
    /// A session for a caller. With `operator` (the command line) the
    /// session works under that name; without (a window), it resumes this
    /// desk's open shift if there is one.
    pub fn open_session(&self, operator: Option<&str>, mode: Mode) -> Result<Session, ApiError> {
        let install = self.installation().clone();
        let mut session = Session {
            desk_id: install.desk_id.clone(),
            desk: install.desk_name,
            operator: None,
            mode,
            shift: None,
        };
        match operator {
            Some(name) => session.operator = Some(OperatorName::parse(name)?),
            None => {
                if let Some(shift) = self.store.read(|tx| tx.open_shift(&install.desk_id))? {
                    session.operator = Some(shift.operator);
                    session.shift = Some(shift.id);
                }
            }
        }
        Ok(session)
    }

    /// Renames this desk installation (kept in its own settings file).
    pub(crate) fn rename_desk(&self, name: &str) -> Result<DeskName, ApiError> {
        let name = DeskName::parse(name)?;
        let mut install = self.installation();
        if install.desk_name != name {
            install.desk_name = name.clone();
            install.save()?;
        }
        Ok(name)
    }

    /// Creates the demo event with `count` attendees generated from `seed`.
    /// Refused when the database already holds an event.
    pub fn create_demo(&self, session: &Session, seed: u64, count: usize) -> Result<DeskInfo, ApiError> {
        let event = demo::generate(seed, count)?;
        let currency = Currency::parse("EUR")?;
        self.perform_unkeyed(session, |tx, ctx, effects| {
            if let Some(existing) = tx.event()? {
                return Err(Refusal::EventExists(existing.name).into());
            }
            tx.create_event(&event.name, &currency, ctx.now)?;
            // The demo keeps its generated badge codes, so that the same
            // seed gives the same badges (docs, screenshots, tests).
            for a in &event.attendees {
                tx.insert_attendee(a, ctx.now)?;
            }
            effects.all_attendees();
            effects.touched(ChangeKind::Event);
            Ok(((), AuditAction::CreateDemoEvent { seed, attendees: count }))
        })?;
        self.info(session)
    }

    /// Opens the database's event and, if it holds none yet, fills it with
    /// the demo event. Returns whether the demo was created.
    pub fn create_demo_if_empty(&self, session: &Session) -> Result<bool, ApiError> {
        if self.store.read(|tx| tx.event())?.is_some() {
            return Ok(false);
        }
        self.create_demo(session, demo::DEFAULT_SEED, demo::DEFAULT_COUNT)?;
        Ok(true)
    }

    /// Creates an empty event (to import attendees into). Refused when the
    /// database already holds one.
    pub fn create_event(&self, session: &Session, name: &str, currency: &str) -> Result<DeskInfo, ApiError> {
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(Refusal::invalid("event name", "event name must not be empty").into());
        }
        let currency = Currency::parse(currency)?;
        self.perform_unkeyed(session, |tx, ctx, effects| {
            if let Some(existing) = tx.event()? {
                return Err(Refusal::EventExists(existing.name).into());
            }
            tx.create_event(&name, &currency, ctx.now)?;
            effects.touched(ChangeKind::Event);
            Ok(((), AuditAction::CreateEvent { name: name.clone(), currency: currency.to_string() }))
        })?;
        self.info(session)
    }

    /// The header of the desk screen.
    pub fn info(&self, session: &Session) -> Result<DeskInfo, ApiError> {
        self.store.read(|tx| {
            let event = tx.event()?.ok_or(Refusal::NoEvent)?;
            let shift = tx.open_shift(&session.desk_id)?;
            Ok(DeskInfo {
                event_name: event.name,
                desk_name: session.desk.to_string(),
                operator: session.operator.as_ref().map(ToString::to_string),
                shift_opened_at: shift
                    .filter(|s| Some(&s.id) == session.shift.as_ref())
                    .map(|s| s.opened_at.to_rfc3339()),
                attendee_count: tx.attendee_count()?,
                checked_in_count: tx.checked_in_count()?,
                database_path: self.store.path().display().to_string(),
                leads_configured: !tx.leads()?.is_empty(),
                read_only: self.store.is_read_only(),
            })
        })
    }

    /// Starts a shift: the volunteer who types their name works the desk,
    /// optionally renaming it. The desk's open shift, if any, is closed
    /// first. Stored, logged, and resumed after a restart.
    pub fn start_shift(
        &self,
        session: &mut Session,
        operator: &str,
        desk_name: Option<&str>,
        key: &str,
    ) -> Result<DeskInfo, ApiError> {
        let name = OperatorName::parse(operator)?;
        if let Some(desk) = desk_name.map(str::trim).filter(|d| !d.is_empty()) {
            session.desk = self.rename_desk(desk)?;
        }
        let request = StartShift { operator: name.as_str(), desk_name };
        let op = Op { action: "start_shift", key, request: &request, lead: None };
        let opened: ShiftRow = self
            .perform(
                session,
                op,
                |_| Ok(()),
                |tx, ctx, (), effects| {
                    if let Some(open) = tx.open_shift(&ctx.session.desk_id)? {
                        tx.close_shift(&open.id, ctx.now)?;
                        tx.append_audit(&lanyard_store::AuditEntry {
                            at: ctx.now,
                            desk: ctx.session.desk.clone(),
                            desk_id: ctx.session.desk_id.clone(),
                            operator: Some(open.operator.clone()),
                            action: AuditAction::CloseShift { shift: open.id.clone() },
                        })?;
                    }
                    let row = ShiftRow {
                        id: ShiftId(Uid::new(ctx.now, self.parts.random.as_ref())?),
                        desk_id: ctx.session.desk_id.clone(),
                        desk_name: ctx.session.desk.clone(),
                        operator: name.clone(),
                        opened_at: ctx.now,
                        closed_at: None,
                    };
                    tx.insert_shift(&row)?;
                    effects.touched(ChangeKind::Shifts);
                    let audit =
                        AuditAction::OpenShift { shift: row.id.clone(), desk_id: row.desk_id.clone() };
                    Ok(Done::Ok(ShiftDto::from(&row), audit))
                },
            )
            .map(ShiftRow::from)?;
        session.operator = Some(opened.operator);
        session.shift = Some(opened.id);
        self.info(session)
    }

    /// Ends the session's shift: the desk waits for the next volunteer's name.
    pub fn end_shift(&self, session: &mut Session, key: &str) -> Result<DeskInfo, ApiError> {
        let Some(shift) = session.shift.clone() else {
            session.operator = None;
            return self.info(session);
        };
        let op = Op { action: "end_shift", key, request: &shift, lead: None };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                tx.close_shift(&shift, ctx.now)?;
                effects.touched(ChangeKind::Shifts);
                Ok(Done::Ok((), AuditAction::CloseShift { shift: shift.clone() }))
            },
        )?;
        session.operator = None;
        session.shift = None;
        self.info(session)
    }
}

/// A shift as remembered under its idempotency key.
#[derive(Debug, Serialize, serde::Deserialize)]
struct ShiftDto {
    id: ShiftId,
    desk_id: lanyard_core::DeskId,
    desk_name: DeskName,
    operator: OperatorName,
    opened_at: lanyard_core::Timestamp,
}

impl Outcome for ShiftDto {}

impl From<&ShiftRow> for ShiftDto {
    fn from(r: &ShiftRow) -> Self {
        ShiftDto {
            id: r.id.clone(),
            desk_id: r.desk_id.clone(),
            desk_name: r.desk_name.clone(),
            operator: r.operator.clone(),
            opened_at: r.opened_at,
        }
    }
}

impl From<ShiftDto> for ShiftRow {
    fn from(d: ShiftDto) -> Self {
        ShiftRow {
            id: d.id,
            desk_id: d.desk_id,
            desk_name: d.desk_name,
            operator: d.operator,
            opened_at: d.opened_at,
            closed_at: None,
        }
    }
}
