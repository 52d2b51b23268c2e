//! Badges: the event's template, previews, printing on demand with the
//! "already printed" guard, and batches.
//!
//! A badge counts as printed only when CUPS accepted the job. A refused job
//! is recorded as failed, so the badge stays pending and one key retries it.
//! This module decides; `lanyard-badges` lays out, renders and talks to CUPS.

use lanyard_badges::{
    BadgeInput, BadgeLayout, BadgeTemplate, Calibration, Fonts, Format, layout, print, render_pdf, to_svg,
};
use lanyard_core::search::fold;
use lanyard_core::{Attendee, AttendeeId, IdempotencyKey};
use lanyard_store::{AuditEntry, PrintJob, Tx};

use crate::desk::{remember, replayed};
use crate::dto::{
    BadgeFilter, BadgePreview, BadgeSettings, BatchReport, PrintHistory, PrintReceipt, PrintRequest,
    PrinterDto,
};
use crate::{ApiError, Desk, ErrorCode};

const PRINTER: &str = "printer";
const OFFSET_X: &str = "printer_offset_x_mm";
const OFFSET_Y: &str = "printer_offset_y_mm";
const AUTO_PRINT: &str = "auto_print";

fn fonts() -> Result<&'static Fonts, ApiError> {
    Fonts::bundled().map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

fn input(a: &Attendee) -> BadgeInput {
    let d = &a.details;
    BadgeInput {
        display_name: d.display_name.clone(),
        affiliation: d.affiliation.clone(),
        hometown: d.hometown.clone(),
        role: d.role.to_string(),
        interests: d.interests.clone(),
        badge_code: d.badge_code.to_string(),
    }
}

/// The event's template: the saved one, else the standard one with the event's name.
fn template(tx: &Tx<'_>) -> Result<BadgeTemplate, ApiError> {
    match tx.badge_template()? {
        Some(text) => BadgeTemplate::from_toml(&text)
            .map_err(|e| ApiError::new(ErrorCode::DatabaseDamaged, format!("the stored {e}"))),
        None => Ok(BadgeTemplate::standard(&tx.event()?.map(|e| e.name).unwrap_or_default())),
    }
}

fn history(tx: &Tx<'_>, id: AttendeeId) -> Result<PrintHistory, ApiError> {
    let jobs = tx.print_jobs(id)?;
    let printed: Vec<&PrintJob> = jobs.iter().filter(|j| j.printed).collect();
    let last = jobs.last();
    Ok(PrintHistory {
        printed: printed.len() as i64,
        last_printed_at: printed.last().map(|j| j.at.to_rfc3339()),
        pending: last.is_some_and(|j| !j.printed),
        last_error: last.filter(|j| !j.printed).map(|j| j.message.clone()),
    })
}

fn attendee(tx: &Tx<'_>, id: AttendeeId) -> Result<Attendee, ApiError> {
    tx.attendee(id)?.ok_or_else(|| {
        ApiError::new(ErrorCode::UnknownAttendee, format!("attendee {id} does not exist in this event"))
    })
}

impl Desk {
    /// This desk's printer settings and the event's template.
    pub fn badge_settings(&self) -> Result<BadgeSettings, ApiError> {
        self.store.read(|tx| {
            let number = |key: &str| -> Result<f32, ApiError> {
                Ok(tx.setting(key)?.and_then(|v| v.parse().ok()).unwrap_or(0.0))
            };
            let template = template(tx)?;
            Ok(BadgeSettings {
                printer: tx.setting(PRINTER)?.filter(|p| !p.is_empty()),
                offset_x_mm: number(OFFSET_X)?,
                offset_y_mm: number(OFFSET_Y)?,
                auto_print: tx.setting(AUTO_PRINT)?.as_deref() == Some("true"),
                format: template.format.name().to_owned(),
                template_toml: template.to_toml(),
            })
        })
    }

    /// Chooses this desk's printer, its calibration, and whether badges
    /// print on check-in.
    pub fn set_printer(
        &mut self,
        printer: Option<&str>,
        dx: f32,
        dy: f32,
        auto_print: bool,
    ) -> Result<BadgeSettings, ApiError> {
        if !(dx.abs() <= 20.0 && dy.abs() <= 20.0) {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "a calibration offset must be between -20 and 20 mm",
            ));
        }
        let printer = printer.map(str::trim).filter(|p| !p.is_empty()).unwrap_or("");
        self.store.write(|tx| {
            tx.set_setting(PRINTER, printer)?;
            tx.set_setting(OFFSET_X, &dx.to_string())?;
            tx.set_setting(OFFSET_Y, &dy.to_string())?;
            tx.set_setting(AUTO_PRINT, if auto_print { "true" } else { "false" })
        })?;
        self.badge_settings()
    }

    /// Replaces the event's badge template with a TOML text; a mistake is
    /// refused whole, naming its line and field.
    pub fn set_badge_template(&mut self, toml: &str) -> Result<BadgeSettings, ApiError> {
        let template = BadgeTemplate::from_toml(toml)
            .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
        let now = self.clock.now();
        let audit = AuditEntry {
            at: now,
            desk: self.desk_name.to_string(),
            operator: self.operator_label(),
            action: "set_badge_template".into(),
            subject: template.format.name().into(),
            detail_json: "{}".into(),
        };
        self.store.write(|tx| {
            tx.set_badge_template(&template.to_toml(), now)?;
            tx.append_audit(&audit)
        })?;
        self.badge_settings()
    }

    /// The print queues CUPS knows.
    pub fn printers(&self) -> Result<Vec<PrinterDto>, ApiError> {
        let printers = print::printers().map_err(|e| ApiError::new(ErrorCode::PrintFailed, e.to_string()))?;
        Ok(printers
            .into_iter()
            .map(|p| PrinterDto { name: p.name, ready: p.ready, state: p.state })
            .collect())
    }

    /// Exactly what will print for one attendee, and how often it was printed.
    pub fn badge_preview(&self, id: i64) -> Result<BadgePreview, ApiError> {
        let fonts = fonts()?;
        let id = AttendeeId(id);
        let (a, template, history) =
            self.store.read(|tx| Ok::<_, ApiError>((attendee(tx, id)?, template(tx)?, history(tx, id)?)))?;
        let badge = layout(&input(&a), &template, fonts);
        Ok(BadgePreview {
            attendee_id: id.0,
            svg: to_svg(&badge, fonts),
            review: badge.review.clone(),
            missing: badge.missing.iter().map(ToString::to_string).collect(),
            history,
        })
    }

    /// Prints one badge on this desk's printer. A badge printed before is
    /// refused with `already_printed` (saying how often and when) unless
    /// `reprint` is set; the reprint is counted.
    pub fn print_badge(&mut self, request: &PrintRequest) -> Result<PrintReceipt, ApiError> {
        let key = IdempotencyKey::parse(&request.idempotency_key)?;
        if let Some((action, json)) = self.store.read(|tx| tx.idempotent_result(key.as_str()))? {
            let mut receipt: PrintReceipt = replayed("print_badge", &action, &json)?;
            receipt.replayed = true;
            return Ok(receipt);
        }
        let fonts = fonts()?;
        let id = AttendeeId(request.attendee_id);
        let settings = self.badge_settings()?;
        let printer = request
            .printer
            .clone()
            .filter(|p| !p.trim().is_empty())
            .or(settings.printer.clone())
            .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NoPrinter,
                "no printer is chosen for this desk: pick one in the badge settings",
            )
        })?;
        let (a, template, before) =
            self.store.read(|tx| Ok::<_, ApiError>((attendee(tx, id)?, template(tx)?, history(tx, id)?)))?;
        let name = a.details.display_name.clone();
        if before.printed > 0 && !request.reprint {
            let when = before.last_printed_at.as_deref().and_then(|t| t.get(11..16)).unwrap_or("?");
            return Err(ApiError::new(
                ErrorCode::AlreadyPrinted,
                format!(
                    "{name}'s badge was already printed {} time{} (last at {when} UTC): reprint only if it is lost or wrong",
                    before.printed,
                    if before.printed == 1 { "" } else { "s" }
                ),
            )
            .about(id));
        }
        let badge = layout(&input(&a), &template, fonts);
        let calibration = Calibration { dx: settings.offset_x_mm, dy: settings.offset_y_mm };
        let pdf = render_pdf(std::slice::from_ref(&badge), template.format, calibration, fonts, &name)
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let outcome = print::print_pdf(
            &printer,
            template.format.cups_media(),
            &pdf,
            &format!("Badge {}", a.details.badge_code),
        );
        let now = self.clock.now();
        let job = PrintJob {
            attendee_id: id,
            at: now,
            desk: self.desk_name.to_string(),
            operator: self.operator_label(),
            printer: printer.clone(),
            printed: outcome.is_ok(),
            cups_job: outcome.as_ref().ok().cloned(),
            message: outcome.as_ref().err().map(ToString::to_string).unwrap_or_default(),
        };
        let audit = AuditEntry {
            at: now,
            desk: job.desk.clone(),
            operator: job.operator.clone(),
            action: if request.reprint { "reprint_badge" } else { "print_badge" }.into(),
            subject: format!("attendee:{id}"),
            detail_json: serde_json::json!({ "printer": printer, "ok": job.printed, "message": job.message })
                .to_string(),
        };
        // The job is recorded whatever happened (a failure keeps the badge
        // pending), so the transaction commits before a failure is reported.
        let receipt = self.store.write(|tx| {
            tx.insert_print_job(&job)?;
            tx.append_audit(&audit)?;
            let Ok(cups_job) = &outcome else { return Ok::<_, ApiError>(None) };
            let receipt = PrintReceipt {
                attendee_id: id.0,
                display_name: name.clone(),
                printer: printer.clone(),
                job: cups_job.clone(),
                printed_before: before.printed,
                replayed: false,
            };
            remember(tx, &key, "print_badge", &receipt, now)?;
            Ok(Some(receipt))
        })?;
        match (receipt, outcome) {
            (Some(receipt), _) => Ok(receipt),
            (None, Err(e)) => Err(ApiError::new(
                ErrorCode::PrintFailed,
                format!("{e}; {name}'s badge is kept as pending: retry when the printer is back"),
            )
            .about(id)),
            (None, Ok(_)) => Err(ApiError::new(ErrorCode::Internal, "a printed badge lost its receipt")),
        }
    }

    /// Badges matching `filter`, sorted by family name, laid out.
    fn batch(&self, filter: &BadgeFilter) -> Result<(Vec<(AttendeeId, BadgeLayout)>, Format), ApiError> {
        let fonts = fonts()?;
        let (mut people, mut template, printed) = self
            .store
            .read(|tx| Ok::<_, ApiError>((tx.all_attendees()?, template(tx)?, tx.printed_counts()?)))?;
        if let Some(name) = &filter.format {
            template.format = Format::parse(name).ok_or_else(|| {
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("unknown format {name:?}: use one of {}", known.join(", ")),
                )
            })?;
        }
        people.retain(|a| {
            let d = &a.details;
            d.status == lanyard_core::TicketStatus::Valid
                && filter.ticket_type.as_ref().is_none_or(|t| &d.ticket_type == t)
                && filter.role.as_ref().is_none_or(|r| d.role.as_str() == r)
                && (!filter.not_printed || !printed.contains_key(&a.id))
        });
        people.sort_by_cached_key(|a| {
            let d = &a.details;
            let family = if d.family_name.is_empty() { &d.display_name } else { &d.family_name };
            (fold(family), fold(&d.display_name), a.id)
        });
        let layouts = people.iter().map(|a| (a.id, layout(&input(a), &template, fonts))).collect();
        Ok((layouts, template.format))
    }

    /// A PDF of every badge matching `filter`, sorted by family name.
    pub fn badges_pdf(&self, filter: &BadgeFilter) -> Result<(Vec<u8>, BatchReport), ApiError> {
        let (badges, format) = self.batch(filter)?;
        let report = BatchReport {
            badges: badges.len(),
            review: badges
                .iter()
                .flat_map(|(id, b)| b.review.iter().map(move |r| format!("attendee {id}: {r}")))
                .collect(),
            printer: None,
            job: None,
        };
        let layouts: Vec<BadgeLayout> = badges.into_iter().map(|(_, b)| b).collect();
        let pdf = render_pdf(&layouts, format, Calibration::default(), fonts()?, "Badges")
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        Ok((pdf, report))
    }
}
