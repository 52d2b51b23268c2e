//! Badges: the event's template, previews, printing on demand with the
//! "already printed" guard, and batches.
//!
//! A badge counts as printed only when the print queue accepted the job. A
//! refused job is recorded as failed, so the badge stays pending and one key
//! retries it. This module decides; `lanyard-badges` lays out and renders,
//! and the engine's injected [`PrintQueue`](lanyard_core::printing::PrintQueue)
//! (CUPS, in the real app) takes the PDF. The printer, its calibration and
//! auto-print are this installation's settings, not the event's. Job and
//! document titles never carry a name or a badge code.

use lanyard_badges::template::Logo;
use lanyard_badges::{
    BadgeInput, BadgeLayout, BadgeTemplate, Calibration, Fonts, Format, layout, render_pdf, to_svg,
};
use lanyard_core::printing::{Document, PrintError, QueueName};
use lanyard_core::search::fold;
use lanyard_core::{Attendee, AttendeeId, AuditAction};
use lanyard_store::{ChangeKind, PrintJob, ReadTx};
use serde::Serialize;

use crate::dto::{
    BadgeFilter, BadgePreview, BadgeSettings, BatchReport, PrintHistory, PrintReceipt, PrintRequest,
    PrinterDto,
};
use crate::dto::{LeadAuth, PrinterChoice};
use crate::engine::{Done, Op, Outcome};
use crate::error::Refusal;
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, Engine, ErrorCode};

/// The largest badge template accepted (a real one is a few kilobytes).
const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// The largest logo accepted.
const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// The title of every badge job and PDF: no name, no code.
const JOB_TITLE: &str = "Lanyard badge";

impl Outcome for BadgeSettings {}
impl Outcome for BatchReport {}

impl Outcome for PrintReceipt {
    fn replayed(mut self) -> Self {
        self.replayed = true;
        self
    }
}

/// A request to change this desk's printer settings.
#[derive(Debug, Serialize)]
struct SetPrinter<'a> {
    printer: Option<&'a str>,
    dx: f32,
    dy: f32,
    auto_print: bool,
}

/// A request to replace the template or the logo.
#[derive(Debug, Serialize)]
struct SetTemplate<'a> {
    toml: &'a str,
}

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

/// The event's interest categories (keys), from its badge template.
pub(crate) fn categories(tx: &ReadTx<'_>) -> Result<Vec<String>, ApiError> {
    Ok(template(tx)?.categories.into_iter().map(|c| c.key).collect())
}

/// The event's template: the saved one, else the standard one with the event's name.
pub(crate) fn template(tx: &ReadTx<'_>) -> Result<BadgeTemplate, ApiError> {
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

fn history(tx: &ReadTx<'_>, id: AttendeeId) -> Result<PrintHistory, ApiError> {
    Ok(history_of(&tx.print_jobs(id)?))
}

fn history_of(jobs: &[PrintJob]) -> PrintHistory {
    let printed: Vec<&PrintJob> = jobs.iter().filter(|j| j.printed).collect();
    let last = jobs.last();
    PrintHistory {
        printed: printed.len() as i64,
        last_printed_at: printed.last().map(|j| j.at.to_rfc3339()),
        pending: last.is_some_and(|j| !j.printed),
        last_error: last.filter(|j| !j.printed).map(|j| j.message.clone()),
    }
}

/// The queue to print on, checked, or `no_printer`.
fn chosen_printer(printer: Option<String>) -> Result<QueueName, ApiError> {
    let name = printer.filter(|p| !p.trim().is_empty()).ok_or(Refusal::NoPrinter)?;
    QueueName::parse(name.trim()).map_err(|e| Refusal::invalid("printer", e.to_string()).into())
}

fn attendee(tx: &ReadTx<'_>, id: AttendeeId) -> Result<Attendee, ApiError> {
    tx.attendee(id)?.ok_or_else(|| Refusal::UnknownAttendee(id).into())
}

/// The record of one badge sent (`Ok` with the queue's job id) or refused
/// (`Err` with the queue's words) by this session.
fn print_job(
    ctx: &crate::engine::Ctx<'_>,
    id: AttendeeId,
    printer: &QueueName,
    outcome: Result<String, String>,
) -> PrintJob {
    PrintJob {
        attendee_id: id,
        at: ctx.now,
        desk: ctx.session.desk.clone(),
        operator: ctx
            .session
            .operator
            .as_ref()
            .map_or_else(|| lanyard_store::NO_OPERATOR.to_owned(), ToString::to_string),
        shift: ctx.session.shift.clone(),
        printer: printer.to_string(),
        printed: outcome.is_ok(),
        message: outcome.as_ref().err().cloned().unwrap_or_default(),
        cups_job: outcome.ok(),
    }
}

fn print_failed(e: &PrintError) -> ApiError {
    Refusal::PrintFailed { attendee: None, cause: e.to_string() }.into()
}

impl Engine {
    /// This desk's printer settings and the event's template.
    pub fn badge_settings(&self, _session: &Session) -> Result<BadgeSettings, ApiError> {
        let install = self.installation().clone();
        let template = self.store.read(template)?;
        Ok(BadgeSettings {
            printer: install.printer.filter(|p| !p.is_empty()),
            offset_x_mm: install.offset_x_mm,
            offset_y_mm: install.offset_y_mm,
            auto_print: install.auto_print,
            format: template.format.name().to_owned(),
            template_toml: template.to_toml(),
        })
    }

    /// Chooses this desk's printer, its calibration, and whether badges
    /// print on check-in. Kept in this installation's settings file; logged.
    pub fn set_printer(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        choice: &PrinterChoice,
        key: &str,
    ) -> Result<BadgeSettings, ApiError> {
        let (printer, dx, dy, auto_print) =
            (choice.printer.as_deref(), choice.offset_x_mm, choice.offset_y_mm, choice.auto_print);
        if !(dx.abs() <= 20.0 && dy.abs() <= 20.0) {
            return Err(
                Refusal::invalid("offset", "a calibration offset must be between -20 and 20 mm").into()
            );
        }
        let printer = printer.map(str::trim).filter(|p| !p.is_empty());
        if let Some(name) = printer {
            QueueName::parse(name).map_err(|e| Refusal::invalid("printer", e.to_string()))?;
        }
        let request = SetPrinter { printer, dx, dy, auto_print };
        let op =
            Op { action: "set_printer", key, request: &request, lead: Some((Privilege::SetPrinter, auth)) };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |_tx, _ctx, (), effects| {
                let mut install = self.installation();
                install.printer = printer.map(str::to_owned);
                install.offset_x_mm = dx;
                install.offset_y_mm = dy;
                install.auto_print = auto_print;
                install.save()?;
                effects.touched(ChangeKind::Event);
                let audit = AuditAction::SetPrinter { printer: printer.map(str::to_owned), auto_print };
                Ok(Done::Ok((), audit))
            },
        )?;
        self.badge_settings(session)
    }

    /// Replaces the event's badge template with a TOML text; a mistake is
    /// refused whole, naming its line and field.
    pub fn set_badge_template(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        toml: &str,
        key: &str,
    ) -> Result<BadgeSettings, ApiError> {
        if toml.len() > MAX_TEMPLATE_BYTES {
            let problem = format!(
                "the badge template is too long ({} bytes, at most {MAX_TEMPLATE_BYTES})",
                toml.len()
            );
            return Err(Refusal::invalid("template", problem).into());
        }
        let template =
            BadgeTemplate::from_toml(toml).map_err(|e| Refusal::invalid("template", e.to_string()))?;
        let op = Op {
            action: "set_badge_template",
            key,
            request: &SetTemplate { toml },
            lead: Some((Privilege::SetBadgeTemplate, auth)),
        };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                tx.set_badge_template(&template.to_toml(), ctx.now)?;
                effects.touched(ChangeKind::Event);
                Ok(Done::Ok((), AuditAction::SetBadgeTemplate { format: template.format.name().into() }))
            },
        )?;
        self.badge_settings(session)
    }

    /// Sets the event's own badge logo (a PNG), or with `None` goes back to
    /// the bundled one. Badges show it when the template's `show_logo` is set.
    pub fn set_badge_logo(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        png: Option<&[u8]>,
        key: &str,
    ) -> Result<BadgeSettings, ApiError> {
        if let Some(bytes) = png {
            if bytes.len() > MAX_LOGO_BYTES {
                return Err(Refusal::invalid("logo", "the logo is too large (at most 2 MB)").into());
            }
            Logo::from_png(bytes).map_err(|e| Refusal::invalid("logo", e.message))?;
        }
        use sha2::Digest;
        let digest: Option<String> =
            png.map(|b| sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect());
        let op = Op {
            action: "set_badge_logo",
            key,
            request: &digest,
            lead: Some((Privilege::SetBadgeLogo, auth)),
        };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                tx.set_badge_logo(png, ctx.now)?;
                effects.touched(ChangeKind::Event);
                Ok(Done::Ok((), AuditAction::SetBadgeLogo { bytes: png.map_or(0, <[u8]>::len) }))
            },
        )?;
        self.badge_settings(session)
    }

    /// The print queues the printing system knows.
    pub fn printers(&self, _session: &Session) -> Result<Vec<PrinterDto>, ApiError> {
        let printers = self.parts.printer.printers().map_err(|e| print_failed(&e))?;
        Ok(printers
            .into_iter()
            .map(|p| PrinterDto { name: p.name, ready: p.ready, state: p.state })
            .collect())
    }

    /// Exactly what will print for one attendee, and how often it was printed.
    pub fn badge_preview(&self, _session: &Session, id: i64) -> Result<BadgePreview, ApiError> {
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
    /// `reprint` is set; the reprint is counted. A job the queue refused is
    /// recorded, keeps the badge pending, and is reported as `print_failed`.
    /// On a disk with no room to record the job, nothing is sent (`disk_full`).
    pub fn print_badge(&self, session: &Session, request: &PrintRequest) -> Result<PrintReceipt, ApiError> {
        let fonts = fonts()?;
        let id = AttendeeId(request.attendee_id);
        let install = self.installation().clone();
        let printer = chosen_printer(
            request.printer.clone().filter(|p| !p.trim().is_empty()).or(install.printer.clone()),
        )?;
        let lead = request.reprint.then_some((Privilege::Reprint, request.auth.as_ref()));
        let op = Op { action: "print_badge", key: &request.idempotency_key, request, lead };
        let prepare = |_: &crate::engine::Ctx<'_>| {
            let (a, template, before) = self
                .store
                .read(|tx| Ok::<_, ApiError>((attendee(tx, id)?, template(tx)?, history(tx, id)?)))?;
            let name = a.details.display_name.clone();
            if before.printed > 0 && !request.reprint {
                let last = before
                    .last_printed_at
                    .as_deref()
                    .and_then(|t| lanyard_core::Timestamp::parse_rfc3339(t).ok());
                return Err(
                    Refusal::AlreadyPrinted { attendee: id, name, times: before.printed, last }.into()
                );
            }
            let badge = layout(&input(&a), &template, fonts);
            // A name that cannot be drawn whole is never printed silently.
            if !badge.name_is_complete() && !request.confirm_missing {
                let missing = badge.missing.iter().map(ToString::to_string).collect();
                return Err(Refusal::MissingCharacters { attendee: id, name, missing }.into());
            }
            let calibration = Calibration { dx: install.offset_x_mm, dy: install.offset_y_mm };
            let pdf =
                render_pdf(std::slice::from_ref(&badge), template.format, calibration, fonts, JOB_TITLE)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
            let doc = Document {
                queue: &printer,
                media: template.format.cups_media(),
                pdf: &pdf,
                title: JOB_TITLE,
            };
            // A badge the event's disk has no room to record is not sent
            // (it would come out, count as never printed, and come out again).
            self.room_to_record(1)?;
            let outcome = self.parts.printer.submit(&doc);
            Ok((name, before.printed, outcome))
        };
        self.perform(session, op, prepare, |tx, ctx, (name, printed_before, outcome), effects| {
            let job = print_job(
                ctx,
                id,
                &printer,
                outcome.as_ref().map(ToString::to_string).map_err(ToString::to_string),
            );
            tx.insert_print_job(&job)?;
            effects.attendee(id);
            let audit = AuditAction::PrintBadge {
                attendee: id,
                printer: printer.to_string(),
                accepted: outcome.is_ok(),
                reprint: request.reprint,
            };
            Ok(match outcome {
                Ok(cups_job) => Done::Ok(
                    PrintReceipt {
                        attendee_id: id.0,
                        display_name: name,
                        printer: printer.to_string(),
                        job: cups_job.to_string(),
                        printed_before,
                        replayed: false,
                    },
                    audit,
                ),
                Err(e) => {
                    let refusal = Refusal::PrintFailed { attendee: Some((id, name)), cause: e.to_string() };
                    Done::Failed(refusal.into(), audit)
                }
            })
        })
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
                Refusal::invalid(
                    "format",
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
        _session: &Session,
        filter: &BadgeFilter,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(Vec<u8>, BatchReport, Vec<AttendeeId>), ApiError> {
        let (mut badges, format) = self.batch(filter, progress)?;
        // Badges whose name cannot be drawn whole are left out and listed.
        let names: std::collections::HashMap<AttendeeId, String> = self.store.read(|tx| {
            let ids: Vec<AttendeeId> =
                badges.iter().filter(|(_, b)| !b.name_is_complete()).map(|(id, _)| *id).collect();
            Ok::<_, ApiError>(
                tx.attendees(&ids)?.into_iter().map(|a| (a.id, a.details.display_name)).collect(),
            )
        })?;
        let mut left_out = Vec::new();
        badges.retain(|(id, b)| {
            if b.name_is_complete() {
                return true;
            }
            let chars: String = b.missing.iter().collect();
            let name = names.get(id).cloned().unwrap_or_else(|| format!("attendee {id}"));
            left_out.push(format!("{name}: no font has {chars}"));
            false
        });
        let report = BatchReport {
            left_out,
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
        let pdf = render_pdf(&layouts, format, Calibration::default(), fonts()?, "Lanyard badges")
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        Ok((pdf, report, ids))
    }

    /// Writes the badges matching `filter` to a PDF file. The file is put
    /// in place only once its export is recorded: a full disk leaves no
    /// half-written PDF and no record of an export that did not happen.
    pub fn save_badges_pdf(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        filter: &BadgeFilter,
        path: &std::path::Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<BatchReport, ApiError> {
        crate::output::check_target(self.store.path(), path, crate::output::OutputKind::Pdf)?;
        let lead = self.authorise(session, Privilege::ExportBadges, auth)?;
        let (pdf, report, _) = self.badges_pdf(session, filter, progress)?;
        let staged = crate::output::stage(self.store.path(), path, crate::output::OutputKind::Pdf, &pdf)?;
        let badges = report.badges;
        self.perform_unkeyed(session, |_, _, _| {
            Ok(((), AuditAction::ExportBadges { lead: lead.to_string(), badges }))
        })?;
        staged.finish()?;
        Ok(report)
    }

    /// Prints the badges matching `filter` as one job on this desk's
    /// printer; each badge is counted as printed once the queue accepted the
    /// job. A batch the event's disk has no room to record is not sent: on a
    /// full disk it would come out of the printer, count as never printed,
    /// and come out again when retried.
    pub fn print_batch(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        filter: &BadgeFilter,
        key: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<BatchReport, ApiError> {
        let settings = self.badge_settings(session)?;
        let printer = chosen_printer(settings.printer.clone())?;
        let format = match &filter.format {
            Some(f) if !f.is_empty() => Format::parse(f),
            _ => Format::parse(&settings.format),
        }
        .unwrap_or(Format::Label4x3);
        let op =
            Op { action: "print_batch", key, request: filter, lead: Some((Privilege::PrintBatch, auth)) };
        let prepare = |_: &crate::engine::Ctx<'_>| {
            let (pdf, report, ids) = self.badges_pdf(session, filter, progress)?;
            if ids.is_empty() {
                return Ok((report, ids, None));
            }
            self.room_to_record(ids.len())?;
            let doc =
                Document { queue: &printer, media: format.cups_media(), pdf: &pdf, title: "Lanyard badges" };
            let job = self.parts.printer.submit(&doc).map_err(|e| print_failed(&e))?;
            Ok((report, ids, Some(job)))
        };
        self.perform(session, op, prepare, |tx, ctx, (mut report, ids, job), effects| {
            let Some(job) = job else {
                return Ok(Done::Ok(
                    report,
                    AuditAction::PrintBatch { printer: printer.to_string(), badges: 0, job: String::new() },
                ));
            };
            for id in &ids {
                tx.insert_print_job(&print_job(ctx, *id, &printer, Ok(job.to_string())))?;
                effects.attendee(*id);
            }
            report.printer = Some(printer.to_string());
            report.job = Some(job.to_string());
            let audit = AuditAction::PrintBatch {
                printer: printer.to_string(),
                badges: ids.len(),
                job: job.to_string(),
            };
            Ok(Done::Ok(report, audit))
        })
    }

    /// Refuses with `disk_full` when the disk of the event file has less
    /// room than recording `badges` printed badges takes, with a wide
    /// margin (a badge's record takes about 350 bytes of log and file).
    fn room_to_record(&self, badges: usize) -> Result<(), ApiError> {
        const BASE: u64 = 256 * 1024;
        const PER_BADGE: u64 = 1024;
        let Some(left) = crate::output::room(self.store.path()) else { return Ok(()) };
        let needed = BASE.saturating_add(PER_BADGE.saturating_mul(badges as u64));
        if left >= needed {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorCode::DiskFull,
            format!(
                "the disk is full: {} KB are left on the disk of {}, and recording {} takes about {} KB; nothing was printed or saved; free some space (or move the event to another disk) and try again",
                left / 1024,
                self.store.path().display(),
                if badges == 1 { "a printed badge".to_owned() } else { format!("{badges} printed badges") },
                needed / 1024
            ),
        ))
    }

    /// Prints a test badge with the calibration applied, to check the offsets.
    pub fn print_test_page(&self, session: &Session) -> Result<String, ApiError> {
        let fonts = fonts()?;
        let settings = self.badge_settings(session)?;
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
        let doc = Document {
            queue: &printer,
            media: template.format.cups_media(),
            pdf: &pdf,
            title: "Lanyard test page",
        };
        self.parts.printer.submit(&doc).map(|job| job.to_string()).map_err(|e| print_failed(&e))
    }
}
