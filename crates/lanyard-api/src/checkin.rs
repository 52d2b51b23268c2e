//! Search and check-in: the desk's first job.
//!
//! A search reads the in-memory index (under a read lock that writes only
//! take for a moment) and then the matching attendees in one query on a
//! read connection, so it never waits for an import, a batch or a print. A
//! check-in goes through the engine's one write path; when this desk prints
//! on check-in, the badge is sent right after the check-in commits.

use lanyard_core::Money;
use lanyard_core::checkin::CheckInRefusal;
use lanyard_core::import;
use lanyard_core::{Attendee, AttendeeId, AuditAction, BadgeCode, CheckIn, checkin};
use lanyard_store::ReadTx;

use crate::dto::{AttendeeCard, CheckInReceipt, CheckInRequest, PrintRequest};
use crate::engine::{Done, Op, Outcome, event_currency};
use crate::error::Refusal;
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, Engine};

/// How many results a search returns: one screenful at the desk.
pub const SEARCH_LIMIT: usize = 12;

/// The longest query searched; the rest of a longer one is ignored.
const MAX_QUERY_CHARS: usize = 200;

impl Outcome for CheckInReceipt {
    fn replayed(mut self) -> Self {
        self.replayed = true;
        self
    }
}

impl Engine {
    /// Attendees matching `query`, best first, at most one screenful.
    pub fn search(&self, _session: &Session, query: &str) -> Result<Vec<AttendeeCard>, ApiError> {
        // Nobody types more than this; a scanner's longest code is far shorter.
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let query = query.as_str();
        let hits =
            self.index.read().unwrap_or_else(std::sync::PoisonError::into_inner).search(query, SEARCH_LIMIT);
        if hits.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<AttendeeId> = hits.iter().map(|h| h.id).collect();
        self.store.read(|tx| cards(tx, &ids))
    }

    /// The attendee a scanned or typed code belongs to: a badge code, the
    /// secret of a source-system ticket, or the ticket's reference.
    pub fn resolve_code(&self, _session: &Session, code: &str) -> Result<AttendeeCard, ApiError> {
        self.store.read(|tx| {
            let attendee = by_code(tx, code)?.ok_or_else(|| unknown_code(code))?;
            Ok(cards(tx, &[attendee.id])?.remove(0))
        })
    }

    /// Checks an attendee in, by scanned code or by the chosen result.
    ///
    /// Refused with `already_checked_in` (saying when, where and by whom),
    /// `ticket_cancelled`, `amount_due`, `unknown_code`, `unknown_attendee`
    /// or `no_operator`. Replaying an idempotency key returns the first
    /// receipt and changes nothing. When this desk prints on check-in and
    /// the badge was never printed, it is sent to the printer at once; the
    /// receipt says how that went.
    pub fn check_in(&self, session: &Session, request: &CheckInRequest) -> Result<CheckInReceipt, ApiError> {
        let operator = session.operator.clone().ok_or(Refusal::NoOperator { doing: "checking people in" })?;
        let lead = request.admit_owing.as_ref().map(|auth| (Privilege::AdmitOwing, Some(auth)));
        let op = Op { action: "check_in", key: &request.idempotency_key, request, lead };
        let mut receipt = self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let attendee = resolve(tx, request)?;
                let existing = tx.active_check_in(attendee.id)?;
                let currency = event_currency(tx)?;
                let mut audit = AuditAction::CheckIn { attendee: attendee.id };
                match (checkin::decide(&attendee.details, existing.as_ref()), &ctx.lead) {
                    (Ok(()), _) => {}
                    // A lead lets in someone who owes; the payment comes later.
                    (Err(CheckInRefusal::AmountDue(_)), Some(lead)) => {
                        audit = AuditAction::AdmitOwing {
                            attendee: attendee.id,
                            owed_minor: attendee.details.amount_due_cents,
                            lead: lead.to_string(),
                        };
                    }
                    (Err(refusal), _) => return Err(refused(&attendee, refusal, currency).into()),
                }
                let record = CheckIn {
                    attendee_id: attendee.id,
                    at: ctx.now,
                    desk: ctx.session.desk.clone(),
                    operator: operator.clone(),
                };
                tx.insert_check_in(&record, ctx.session.shift.as_ref())?;
                effects.attendee(attendee.id);
                let card = cards(tx, &[attendee.id])?.remove(0);
                let receipt = CheckInReceipt { attendee: card, replayed: false, auto_print: None };
                Ok(Done::Ok(receipt, audit))
            },
        )?;
        if !receipt.replayed && self.installation().auto_print && receipt.attendee.printed == 0 {
            let print = PrintRequest {
                attendee_id: receipt.attendee.id,
                reprint: false,
                printer: None,
                idempotency_key: format!("{}/print", request.idempotency_key),
                auth: None,
                confirm_missing: false,
            };
            receipt.auto_print = Some(match self.print_badge(session, &print) {
                Ok(printed) => crate::dto::AutoPrint {
                    job: Some(printed.job),
                    printer: Some(printed.printer),
                    error: None,
                },
                Err(error) => crate::dto::AutoPrint { job: None, printer: None, error: Some(error) },
            });
        }
        Ok(receipt)
    }
}

/// The cards of `ids`, in the order given, each with its check-in and
/// print count: three queries whatever the number of ids.
pub(crate) fn cards(tx: &ReadTx<'_>, ids: &[AttendeeId]) -> Result<Vec<AttendeeCard>, ApiError> {
    let currency = event_currency(tx)?;
    let attendees = tx.attendees(ids)?;
    let check_ins = tx.active_check_ins(ids)?;
    let jobs = tx.print_jobs_of(ids)?;
    let mut by_id: std::collections::HashMap<AttendeeId, Attendee> =
        attendees.into_iter().map(|a| (a.id, a)).collect();
    // The index is rebuilt from the store, so a miss means a concurrent
    // removal: skip it rather than fail the search.
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|a| {
            let printed = jobs.get(&a.id).map_or(0, |j| j.iter().filter(|j| j.printed).count() as i64);
            AttendeeCard::new(&a, check_ins.get(&a.id), &currency, printed)
        })
        .collect())
}

/// The attendee a code belongs to, if any: a badge code, the secret of a
/// source-system ticket (a pretix QR code, an Eventbrite barcode, a Tito
/// QR code, also when the scanner reads the ticket's whole URL), or the
/// reference printed on it (Tito's "ABCD-1" or "#ABCD"). Only text that
/// cannot be part of a typed name is looked up: no spaces, a secret of at
/// least eight characters, a reference with a digit or its `#`.
pub(crate) fn by_code(tx: &ReadTx<'_>, typed: &str) -> Result<Option<Attendee>, ApiError> {
    if let Ok(code) = BadgeCode::parse(typed)
        && let Some(a) = tx.attendee_by_badge_code(&code)?
    {
        return Ok(Some(a));
    }
    let typed = typed.trim();
    if typed.is_empty() || typed.contains(char::is_whitespace) {
        return Ok(None);
    }
    let slug = typed.contains("://").then(|| import::url_slug(typed)).flatten();
    for secret in std::iter::once(typed).chain(slug) {
        if secret.chars().count() >= import::MIN_TICKET_SECRET_CHARS
            && let Some(a) = tx.attendee_by_ticket_secret(secret)?
        {
            return Ok(Some(a));
        }
    }
    if import::is_reference_shaped(typed)
        && let Some(a) = tx.attendee_by_ticket_reference(import::reference_body(typed))?
    {
        return Ok(Some(a));
    }
    Ok(None)
}

fn unknown_code(typed: &str) -> ApiError {
    Refusal::UnknownCode { typed: typed.trim().to_owned(), badge_shaped: BadgeCode::parse(typed).is_ok() }
        .into()
}

/// Finds who a check-in request means: a code typed or scanned wins over
/// the chosen result, so a scan is never mistaken for a stale choice.
///
/// Only one of Lanyard's own badge codes beats a choice: a text that merely
/// equals some source ticket's secret or reference does not, so a volunteer
/// who typed part of a name and chose a result always checks in that result.
fn resolve(tx: &ReadTx<'_>, request: &CheckInRequest) -> Result<Attendee, ApiError> {
    if let Ok(code) = BadgeCode::parse(&request.typed)
        && let Some(a) = tx.attendee_by_badge_code(&code)?
    {
        return Ok(a);
    }
    if request.chosen.is_none()
        && let Some(a) = by_code(tx, &request.typed)?
    {
        return Ok(a);
    }
    match request.chosen {
        Some(id) => {
            tx.attendee(AttendeeId(id))?.ok_or_else(|| Refusal::UnknownAttendee(AttendeeId(id)).into())
        }
        None => Err(unknown_code(&request.typed)),
    }
}

fn refused(attendee: &Attendee, refusal: CheckInRefusal, currency: lanyard_core::Currency) -> Refusal {
    let name = attendee.details.display_name.clone();
    match refusal {
        CheckInRefusal::AlreadyCheckedIn(prior) => {
            Refusal::AlreadyCheckedIn { attendee: attendee.id, name, prior }
        }
        CheckInRefusal::Cancelled => Refusal::TicketCancelled { attendee: attendee.id, name },
        CheckInRefusal::AmountDue(minor) => {
            Refusal::AmountDue { attendee: attendee.id, name, due: Money::new(minor, currency) }
        }
    }
}
