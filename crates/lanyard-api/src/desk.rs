//! The [`Desk`]: one registration desk working on one event database.
//!
//! It holds the open store, the in-memory search index, the clock, the
//! desk's name and the volunteer at it. Every mutating use case runs in one
//! store transaction that also appends to the audit log and records the
//! request's idempotency key, so a confirmed action is durable, logged and
//! never applied twice.

use lanyard_core::checkin::CheckInRefusal;
use lanyard_core::search::{FieldWeight, SearchIndex};
use lanyard_core::{
    Attendee, AttendeeId, BadgeCode, CheckIn, Clock, Currency, DeskName, IdempotencyKey, Money, OperatorName,
    Timestamp, checkin, demo,
};
use lanyard_store::{AuditEntry, Store, Tx};
use std::path::Path;
use std::sync::Arc;

use crate::dto::{
    AttendeeCard, CheckInDto, CheckInReceipt, CheckInRequest, DeskInfo, ImportReport, ImportRequest,
};
use crate::{ApiError, ErrorCode, import, random};

/// How many results a search returns: one screenful at the desk.
pub const SEARCH_LIMIT: usize = 12;

/// The setting that keeps this install's desk name.
const DESK_NAME_SETTING: &str = "desk_name";

/// Options for opening a desk.
#[derive(Debug, Clone)]
pub struct DeskOptions {
    /// The desk's name; when `None`, the stored one, else "Desk 1".
    pub desk_name: Option<String>,
    /// The volunteer at the desk, if already known (the CLI passes it).
    pub operator: Option<String>,
}

/// A registration desk.
#[derive(Debug)]
pub struct Desk {
    pub(crate) store: Store,
    pub(crate) index: SearchIndex,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) desk_name: DeskName,
    pub(crate) operator: Option<OperatorName>,
}

impl Desk {
    /// Opens the event database at `path` (creating an empty one if there is
    /// no file yet).
    pub fn open(path: &Path, clock: Arc<dyn Clock>, options: DeskOptions) -> Result<Desk, ApiError> {
        let mut store = Store::open(path)?;
        let desk_name = match options.desk_name {
            Some(name) => {
                let name = DeskName::parse(&name)?;
                store.write(|tx| tx.set_setting(DESK_NAME_SETTING, name.as_str()))?;
                name
            }
            None => {
                let stored = store.read(|tx| tx.setting(DESK_NAME_SETTING))?;
                DeskName::parse(stored.as_deref().unwrap_or("Desk 1"))?
            }
        };
        let operator = options.operator.as_deref().map(OperatorName::parse).transpose()?;
        let mut desk = Desk { store, index: SearchIndex::new(), clock, desk_name, operator };
        desk.rebuild_index()?;
        Ok(desk)
    }

    /// Opens the database at `path` and, if it holds no event yet, fills it
    /// with the demo event. Returns whether the demo was created.
    pub fn open_or_create_demo(
        path: &Path,
        clock: Arc<dyn Clock>,
        options: DeskOptions,
    ) -> Result<(Desk, bool), ApiError> {
        let mut desk = Desk::open(path, clock, options)?;
        let empty = desk.store.read(|tx| tx.event())?.is_none();
        if empty {
            desk.create_demo(demo::DEFAULT_SEED, demo::DEFAULT_COUNT)?;
        }
        Ok((desk, empty))
    }

    /// Creates the demo event with `count` attendees generated from `seed`.
    /// Refused when the database already holds an event.
    pub fn create_demo(&mut self, seed: u64, count: usize) -> Result<DeskInfo, ApiError> {
        let event = demo::generate(seed, count)?;
        let now = self.clock.now();
        let (desk, operator) = (self.desk_name.to_string(), self.operator_label());
        self.store.write(|tx| {
            refuse_second_event(tx)?;
            tx.create_event(&event.name, "EUR", now)?;
            for a in &event.attendees {
                tx.insert_attendee(a, now)?;
            }
            tx.append_audit(&AuditEntry {
                at: now,
                desk,
                operator,
                action: "create_demo_event".into(),
                subject: event.name.clone(),
                detail_json: format!("{{\"seed\":{seed},\"attendees\":{count}}}"),
            })?;
            Ok::<_, ApiError>(())
        })?;
        self.rebuild_index()?;
        self.info()
    }

    /// Creates an empty event (to import attendees into). Refused when the
    /// database already holds one.
    pub fn create_event(&mut self, name: &str, currency: &str) -> Result<DeskInfo, ApiError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidInput, "event name must not be empty"));
        }
        let currency = Currency::parse(currency)?;
        let now = self.clock.now();
        let (desk, operator) = (self.desk_name.to_string(), self.operator_label());
        self.store.write(|tx| {
            refuse_second_event(tx)?;
            tx.create_event(name, currency.as_str(), now)?;
            tx.append_audit(&AuditEntry {
                at: now,
                desk,
                operator,
                action: "create_event".into(),
                subject: name.to_owned(),
                detail_json: serde_json::json!({ "currency": currency.as_str() }).to_string(),
            })?;
            Ok::<_, ApiError>(())
        })?;
        self.info()
    }

    /// Loads every attendee into the search index.
    fn rebuild_index(&mut self) -> Result<(), ApiError> {
        let attendees = self.store.read(|tx| tx.all_attendees())?;
        self.index =
            SearchIndex::build(attendees.iter().map(|a| (a.id, a.details.display_name.as_str(), fields(a))));
        Ok(())
    }

    /// Refreshes one attendee in the search index after a change.
    pub(crate) fn reindex(&mut self, id: AttendeeId) -> Result<(), ApiError> {
        match self.store.read(|tx| tx.attendee(id))? {
            Some(a) => self.index.insert(a.id, &a.details.display_name, &fields(&a)),
            None => self.index.remove(id),
        }
        Ok(())
    }

    /// The header of the desk screen.
    pub fn info(&self) -> Result<DeskInfo, ApiError> {
        self.store.read(|tx| {
            let event = tx
                .event()?
                .ok_or_else(|| ApiError::new(ErrorCode::NoEvent, "this database holds no event yet"))?;
            Ok(DeskInfo {
                event_name: event.name,
                desk_name: self.desk_name.to_string(),
                operator: self.operator.as_ref().map(ToString::to_string),
                attendee_count: tx.attendee_count()?,
                checked_in_count: tx.checked_in_count()?,
                database_path: self.store.path().display().to_string(),
                leads_configured: !tx.leads()?.is_empty(),
            })
        })
    }

    /// Starts a shift: the volunteer who types their name works the desk,
    /// optionally renaming the desk. Logged.
    pub fn start_shift(&mut self, operator: &str, desk_name: Option<&str>) -> Result<DeskInfo, ApiError> {
        let operator = OperatorName::parse(operator)?;
        let desk_name = desk_name.map(DeskName::parse).transpose()?.unwrap_or_else(|| self.desk_name.clone());
        let now = self.clock.now();
        self.store.write(|tx| {
            tx.set_setting(DESK_NAME_SETTING, desk_name.as_str())?;
            tx.append_audit(&AuditEntry {
                at: now,
                desk: desk_name.to_string(),
                operator: operator.to_string(),
                action: "start_shift".into(),
                subject: operator.to_string(),
                detail_json: "{}".into(),
            })
        })?;
        self.desk_name = desk_name;
        self.operator = Some(operator);
        self.info()
    }

    /// Attendees matching `query`, best first, at most one screenful.
    pub fn search(&self, query: &str) -> Result<Vec<AttendeeCard>, ApiError> {
        let hits = self.index.search(query, SEARCH_LIMIT);
        self.store.read(|tx| {
            let currency = event_currency(tx)?;
            let mut cards = Vec::with_capacity(hits.len());
            for hit in &hits {
                // The index is rebuilt from the store, so a miss means a
                // concurrent removal: skip it rather than fail the search.
                if let Some(a) = tx.attendee(hit.id)? {
                    let checked_in = tx.active_check_in(hit.id)?;
                    cards.push(AttendeeCard::new(&a, checked_in.as_ref(), &currency));
                }
            }
            Ok(cards)
        })
    }

    /// Checks an attendee in, by scanned code or by the chosen result.
    ///
    /// Refused with `already_checked_in` (saying when, where and by whom),
    /// `unknown_code`, `unknown_attendee` or `no_operator`. Replaying an
    /// idempotency key returns the first receipt and changes nothing.
    pub fn check_in(&mut self, request: &CheckInRequest) -> Result<CheckInReceipt, ApiError> {
        let key = IdempotencyKey::parse(&request.idempotency_key)?;
        let operator = self.operator.clone().ok_or_else(|| {
            ApiError::new(
                ErrorCode::NoOperator,
                "type your name to start your shift before checking people in",
            )
        })?;
        let now = self.clock.now();
        let desk = self.desk_name.clone();
        self.store.write(|tx| {
            if let Some((action, json)) = tx.idempotent_result(key.as_str())? {
                let mut receipt: CheckInReceipt = replayed("check_in", &action, &json)?;
                receipt.replayed = true;
                return Ok(receipt);
            }
            let attendee = resolve(tx, request)?;
            let existing = tx.active_check_in(attendee.id)?;
            let currency = event_currency(tx)?;
            if let Err(refusal) = checkin::decide(&attendee.details, existing.as_ref()) {
                return Err(refused(&attendee, refusal, &currency).about(attendee.id));
            }
            let record =
                CheckIn { attendee_id: attendee.id, at: now, desk: desk.clone(), operator: operator.clone() };
            tx.insert_check_in(&record)?;
            tx.append_audit(&AuditEntry {
                at: now,
                desk: desk.to_string(),
                operator: operator.to_string(),
                action: "check_in".into(),
                subject: format!("attendee:{}", attendee.id),
                detail_json: serde_json::json!({ "badge_code": attendee.details.badge_code.as_str() })
                    .to_string(),
            })?;
            let receipt = CheckInReceipt {
                attendee: AttendeeCard::new(&attendee, Some(&record), &currency),
                replayed: false,
            };
            remember(tx, &key, "check_in", &receipt, now)?;
            Ok(receipt)
        })
    }

    /// Imports (or, with `dry_run`, previews) a CSV export. The real import
    /// is one transaction: every row that can be read is applied, or none.
    /// `progress` hears (rows done, rows in all) as the work goes on.
    pub fn import(
        &mut self,
        bytes: &[u8],
        request: &ImportRequest,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport, ApiError> {
        let key = IdempotencyKey::parse(&request.idempotency_key)?;
        let currency = self.store.read(event_currency)?;
        let plan = import::plan(bytes, request, &currency)?;
        let mut fresh = random::fresh_badge_code;
        if request.dry_run {
            return self.store.read(|tx| import::run(tx, &plan, None, &mut fresh, progress));
        }
        let now = self.clock.now();
        let audit = AuditEntry {
            at: now,
            desk: self.desk_name.to_string(),
            operator: self.operator_label(),
            action: "import".into(),
            subject: request.file_name.clone(),
            detail_json: String::new(),
        };
        let report = self.store.write(|tx| {
            if let Some((action, json)) = tx.idempotent_result(key.as_str())? {
                return replayed("import", &action, &json);
            }
            let report = import::run(tx, &plan, Some((now, &audit)), &mut fresh, progress)?;
            remember(tx, &key, "import", &report, now)?;
            Ok(report)
        })?;
        self.rebuild_index()?;
        Ok(report)
    }

    /// Runs a mutating action once per idempotency key: a replayed key
    /// returns the first result and changes nothing. The desk's own use cases
    /// that write several rows record their key in the same transaction; this
    /// wrapper serves the settings-like actions (starting a shift, leads,
    /// printer and template settings), whose hosts pass the key here.
    pub fn once<T>(
        &mut self,
        key: &str,
        action: &str,
        f: impl FnOnce(&mut Desk) -> Result<T, ApiError>,
    ) -> Result<T, ApiError>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let key = IdempotencyKey::parse(key)?;
        if let Some((first, json)) = self.store.read(|tx| tx.idempotent_result(key.as_str()))? {
            return replayed(action, &first, &json);
        }
        let result = f(self)?;
        let now = self.clock.now();
        self.store.write(|tx| {
            if tx.idempotent_result(key.as_str())?.is_none() {
                remember(tx, &key, action, &result, now)?;
            }
            Ok::<_, ApiError>(())
        })?;
        Ok(result)
    }

    pub(crate) fn operator_label(&self) -> String {
        self.operator.as_ref().map_or_else(|| "(no operator)".to_owned(), ToString::to_string)
    }
}

/// A database holds one event: creating another is refused, changing nothing.
fn refuse_second_event(tx: &Tx<'_>) -> Result<(), ApiError> {
    match tx.event()? {
        Some(existing) => Err(ApiError::new(
            ErrorCode::EventExists,
            format!("this database already holds the event {:?}; nothing was changed", existing.name),
        )),
        None => Ok(()),
    }
}

/// The fields of an attendee that search looks at, with their weights.
fn fields(a: &Attendee) -> Vec<(&str, FieldWeight)> {
    let d = &a.details;
    vec![
        (d.display_name.as_str(), FieldWeight::Name),
        (d.given_name.as_str(), FieldWeight::Name),
        (d.family_name.as_str(), FieldWeight::Name),
        (d.nickname.as_str(), FieldWeight::Name),
        (d.badge_code.as_str(), FieldWeight::Code),
        (d.order_code.as_str(), FieldWeight::Code),
        (d.email.as_str(), FieldWeight::Other),
        (d.affiliation.as_str(), FieldWeight::Other),
    ]
}

/// Finds who a check-in request means: a badge code typed or scanned wins
/// over the chosen result, so a scan is never mistaken for a stale choice.
fn resolve(tx: &Tx<'_>, request: &CheckInRequest) -> Result<Attendee, ApiError> {
    if let Ok(code) = BadgeCode::parse(&request.typed)
        && let Some(a) = tx.attendee_by_badge_code(&code)?
    {
        return Ok(a);
    }
    let typed = request.typed.trim();
    if !typed.is_empty()
        && !typed.contains(char::is_whitespace)
        && let Some(a) = tx.attendee_by_ticket_secret(typed)?
    {
        return Ok(a);
    }
    match request.chosen {
        Some(id) => tx.attendee(AttendeeId(id))?.ok_or_else(|| {
            ApiError::new(ErrorCode::UnknownAttendee, format!("attendee {id} does not exist in this event"))
        }),
        None if BadgeCode::parse(&request.typed).is_ok() => Err(ApiError::new(
            ErrorCode::UnknownCode,
            format!("no attendee has the badge code {}: search by name instead", request.typed.trim()),
        )),
        None => Err(ApiError::new(
            ErrorCode::UnknownCode,
            format!("nobody matches {:?}: check the spelling or scan the badge", request.typed.trim()),
        )),
    }
}

/// The event's currency (EUR for a database that has no event yet).
pub(crate) fn event_currency(tx: &Tx<'_>) -> Result<Currency, ApiError> {
    match tx.event()? {
        Some(event) => Currency::parse(&event.currency).map_err(|e| {
            ApiError::new(ErrorCode::DatabaseDamaged, format!("the event's currency is unreadable: {e}"))
        }),
        None => Ok(Currency::parse("EUR")?),
    }
}

fn refused(attendee: &Attendee, refusal: CheckInRefusal, currency: &Currency) -> ApiError {
    let name = &attendee.details.display_name;
    match refusal {
        CheckInRefusal::AlreadyCheckedIn(first) => already_checked_in(attendee, &first),
        CheckInRefusal::Cancelled => ApiError::new(
            ErrorCode::TicketCancelled,
            format!("{name}'s ticket was cancelled: no badge; send them to a lead"),
        ),
        CheckInRefusal::AmountDue(minor) => {
            let due = Money::new(minor, currency.clone());
            ApiError::new(
                ErrorCode::AmountDue,
                format!("{name} still owes {due}: take the payment before checking them in"),
            )
        }
    }
}

fn already_checked_in(attendee: &Attendee, first: &CheckIn) -> ApiError {
    let prior = CheckInDto::from(first);
    ApiError {
        code: ErrorCode::AlreadyCheckedIn,
        message: format!(
            "{} is already checked in: at {} (UTC) at {} by {}",
            attendee.details.display_name,
            prior.at.get(..16).unwrap_or(&prior.at).replace('T', " "),
            prior.desk,
            prior.operator
        ),
        prior_check_in: Some(prior),
        attendee_id: None,
    }
}

/// The first result recorded under an idempotency key, if it was recorded
/// for the same action; a key reused for another action is refused.
pub(crate) fn replayed<T: serde::de::DeserializeOwned>(
    expected: &str,
    action: &str,
    json: &str,
) -> Result<T, ApiError> {
    if action != expected {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("this idempotency key was already used for {action}; send a fresh key"),
        ));
    }
    serde_json::from_str(json)
        .map_err(|e| ApiError::new(ErrorCode::DatabaseDamaged, format!("a stored result is unreadable: {e}")))
}

/// Stores an action's first result under its idempotency key.
pub(crate) fn remember<T: serde::Serialize>(
    tx: &Tx<'_>,
    key: &IdempotencyKey,
    action: &str,
    result: &T,
    at: Timestamp,
) -> Result<(), ApiError> {
    let json = serde_json::to_string(result)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot record the result: {e}")))?;
    tx.record_idempotent(key.as_str(), action, &json, at)?;
    Ok(())
}
