//! Badges: the event's template, previews, printing on demand with the
//! "already printed" guard, and batches.
//!
//! A badge counts as printed only when CUPS accepted the job. A refused job
//! is recorded as failed, so the badge stays pending and one key retries it.
//! This module decides; `lanyard-badges` lays out, renders and talks to CUPS.

use lanyard_badges::template::Logo;
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
    let mut template = match tx.badge_template()? {
        Some(text) => BadgeTemplate::from_toml(&text)
            .map_err(|e| ApiError::new(ErrorCode::DatabaseDamaged, format!("the stored {e}")))?,
        None => BadgeTemplate::standard(&tx.event()?.map(|e| e.name).unwrap_or_default()),
    };
    if let Some(png) = tx.badge_logo()? {
        template.logo =
            Some(Logo::from_png(&png).map_err(|e| ApiError::new(ErrorCode::DatabaseDamaged, e.to_string()))?);
    }
    Ok(template)
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

/// The queue to print on, or `no_printer`.
fn chosen_printer(printer: Option<String>) -> Result<String, ApiError> {
    printer.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NoPrinter,
            "no printer is chosen for this desk: pick one in the badge settings",
        )
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

    /// Sets the event's own badge logo (a PNG), or with `None` goes back to
    /// the bundled one. Badges show it when the template's `show_logo` is set.
    pub fn set_badge_logo(&mut self, png: Option<&[u8]>) -> Result<BadgeSettings, ApiError> {
        if let Some(bytes) = png {
            Logo::from_png(bytes).map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.message))?;
        }
        let now = self.clock.now();
        let audit = AuditEntry {
            at: now,
            desk: self.desk_name.to_string(),
            operator: self.operator_label(),
            action: "set_badge_logo".into(),
            subject: if png.is_some() { "custom" } else { "bundled" }.into(),
            detail_json: serde_json::json!({ "bytes": png.map_or(0, <[u8]>::len) }).to_string(),
        };
        self.store.write(|tx| {
            tx.set_badge_logo(png, now)?;
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
        let printer = chosen_printer(
            request.printer.clone().filter(|p| !p.trim().is_empty()).or(settings.printer.clone()),
        )?;
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

    /// Badges matching `filter`, sorted by family name, laid out; `progress`
    /// hears (badges laid out, badges in all).
    fn batch(
        &self,
        filter: &BadgeFilter,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(Vec<(AttendeeId, BadgeLayout)>, Format), ApiError> {
        let fonts = fonts()?;
        let (mut people, mut template, printed) = self
            .store
            .read(|tx| Ok::<_, ApiError>((tx.all_attendees()?, template(tx)?, tx.printed_counts()?)))?;
        if let Some(name) = filter.format.as_ref().filter(|f| !f.is_empty()) {
            template.format = Format::parse(name).ok_or_else(|| {
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("unknown format {name:?}: use one of {}", known.join(", ")),
                )
            })?;
        }
        let wanted = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        let (ticket_type, role) = (wanted(&filter.ticket_type), wanted(&filter.role));
        people.retain(|a| {
            let d = &a.details;
            d.status == lanyard_core::TicketStatus::Valid
                && ticket_type.as_ref().is_none_or(|t| &d.ticket_type == t)
                && role.as_ref().is_none_or(|r| d.role.as_str() == r)
                && (!filter.not_printed || !printed.contains_key(&a.id))
        });
        people.sort_by_cached_key(|a| {
            let d = &a.details;
            let family = if d.family_name.is_empty() { &d.display_name } else { &d.family_name };
            (fold(family), fold(&d.display_name), a.id)
        });
        let total = people.len();
        let mut layouts = Vec::with_capacity(total);
        for (n, a) in people.iter().enumerate() {
            if n % 50 == 0 {
                progress(n, total);
            }
            layouts.push((a.id, layout(&input(a), &template, fonts)));
        }
        progress(total, total);
        Ok((layouts, template.format))
    }

    /// A PDF of every badge matching `filter`, sorted by family name.
    pub fn badges_pdf(
        &self,
        filter: &BadgeFilter,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(Vec<u8>, BatchReport, Vec<AttendeeId>), ApiError> {
        let (badges, format) = self.batch(filter, progress)?;
        let report = BatchReport {
            badges: badges.len(),
            review: badges
                .iter()
                .flat_map(|(id, b)| b.review.iter().map(move |r| format!("attendee {id}: {r}")))
                .collect(),
            printer: None,
            job: None,
        };
        let ids = badges.iter().map(|(id, _)| *id).collect();
        let layouts: Vec<BadgeLayout> = badges.into_iter().map(|(_, b)| b).collect();
        let pdf = render_pdf(&layouts, format, Calibration::default(), fonts()?, "Badges")
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        Ok((pdf, report, ids))
    }

    /// Writes the badges matching `filter` to a PDF file.
    pub fn save_badges_pdf(
        &self,
        filter: &BadgeFilter,
        path: &std::path::Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<BatchReport, ApiError> {
        let (pdf, report, _) = self.badges_pdf(filter, progress)?;
        std::fs::write(path, pdf).map_err(|e| {
            ApiError::new(ErrorCode::Storage, format!("cannot write {}: {e}", path.display()))
        })?;
        Ok(report)
    }

    /// Prints the badges matching `filter` as one job on this desk's
    /// printer; each badge is counted as printed once CUPS accepted the job.
    pub fn print_batch(
        &mut self,
        filter: &BadgeFilter,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<BatchReport, ApiError> {
        let settings = self.badge_settings()?;
        let printer = chosen_printer(settings.printer.clone())?;
        let format = match &filter.format {
            Some(f) if !f.is_empty() => Format::parse(f),
            _ => Format::parse(&settings.format),
        }
        .unwrap_or(Format::Label4x3);
        let (pdf, mut report, ids) = self.badges_pdf(filter, progress)?;
        if ids.is_empty() {
            return Ok(report);
        }
        let job = print::print_pdf(&printer, format.cups_media(), &pdf, "Badges (batch)")
            .map_err(|e| ApiError::new(ErrorCode::PrintFailed, e.to_string()))?;
        let now = self.clock.now();
        let (desk, operator) = (self.desk_name.to_string(), self.operator_label());
        self.store.write(|tx| {
            for id in &ids {
                tx.insert_print_job(&PrintJob {
                    attendee_id: *id,
                    at: now,
                    desk: desk.clone(),
                    operator: operator.clone(),
                    printer: printer.clone(),
                    printed: true,
                    cups_job: Some(job.clone()),
                    message: String::new(),
                })?;
            }
            tx.append_audit(&AuditEntry {
                at: now,
                desk: desk.clone(),
                operator: operator.clone(),
                action: "print_batch".into(),
                subject: printer.clone(),
                detail_json: serde_json::json!({ "badges": ids.len(), "job": job }).to_string(),
            })
        })?;
        report.printer = Some(printer);
        report.job = Some(job);
        Ok(report)
    }

    /// Prints a test badge with the calibration applied, to check the offsets.
    pub fn print_test_page(&mut self) -> Result<String, ApiError> {
        let fonts = fonts()?;
        let settings = self.badge_settings()?;
        let printer = chosen_printer(settings.printer.clone())?;
        let template = self.store.read(template)?;
        let sample = BadgeInput {
            display_name: "Test Badge Ünïcödé 李伟".into(),
            affiliation: "Calibration page".into(),
            hometown: "ليلى · נועה".into(),
            role: "staff".into(),
            interests: template.categories.iter().map(|c| c.key.clone()).collect(),
            badge_code: "TESTPAGE00".into(),
        };
        let badges: Vec<BadgeLayout> =
            template.format.page().slots.iter().map(|_| layout(&sample, &template, fonts)).collect();
        let calibration = Calibration { dx: settings.offset_x_mm, dy: settings.offset_y_mm };
        let pdf = render_pdf(&badges, template.format, calibration, fonts, "Test page")
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        print::print_pdf(&printer, template.format.cups_media(), &pdf, "Lanyard test page")
            .map_err(|e| ApiError::new(ErrorCode::PrintFailed, e.to_string()))
    }
}
