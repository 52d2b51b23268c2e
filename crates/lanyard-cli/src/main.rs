//! The `lanyard` command line: the same desk as the window, from a terminal.
//!
//! Every subcommand is a thin adapter over `lanyard-api`: parse arguments,
//! open the engine with a session of its own, call one use case, print the
//! result. Codes (badge codes, ticket secrets, ticket references) are
//! resolved by the api, as in the window. Refusals (already checked in,
//! unknown code) exit with status 2 and print their code and message; other
//! failures exit with status 1. A closed output pipe (`lanyard search a |
//! head -1`) ends the command quietly.
#![allow(clippy::print_stdout, reason = "a command line prints its results")]

use anyhow::Context;
use clap::{Parser, Subcommand};
use lanyard_api::dto::{
    AttendeeCard, BadgeFilter, CheckInRequest, ImportReport, ImportRequest, MappingRule, PrintRequest,
    UndoRequest,
};
use lanyard_api::{ApiError, Engine, EngineOptions, ErrorCode, Mode, Parts, paths};
mod cash;
mod secret;

use secret::shown;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints a line to standard output; a closed pipe ends the command (see `main`).
macro_rules! out {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*)?
    };
}

/// Lanyard: the registration desk of a conference.
#[derive(Debug, Parser)]
#[command(name = "lanyard", version, about)]
struct Cli {
    /// The event database (default: $LANYARD_DB, else event.db in the user's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    /// This desk's settings file (default: $LANYARD_CONFIG, else desk.toml in the user's config folder).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// This desk's name (default: the stored one, else "Desk 1").
    #[arg(long, global = true, env = "LANYARD_DESK")]
    desk: Option<String>,
    /// Who is working the desk (default: $LANYARD_OPERATOR, else $USER, else "command line").
    #[arg(long, global = true, env = "LANYARD_OPERATOR")]
    operator: Option<String>,
    /// The lead allowing a lead's action (undo, imports, exports, settings, reprints).
    /// Their PIN is asked at the terminal, or read from $LANYARD_PIN or standard input.
    #[arg(long, global = true, value_name = "NAME")]
    lead: Option<String>,
    /// The lead's PIN, only when no terminal is attached (scripts); at a terminal it is asked for.
    #[arg(long, global = true, hide = true)]
    pin: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the demo event: international attendees generated from a seed.
    Demo {
        /// The generator's seed: the same seed gives the same people.
        #[arg(long, default_value_t = lanyard_api::DEFAULT_SEED)]
        seed: u64,
        /// How many attendees.
        #[arg(long, default_value_t = lanyard_api::DEFAULT_COUNT)]
        count: usize,
    },
    /// Create an empty event in the database, to import attendees into.
    NewEvent {
        /// The event's name.
        name: String,
        /// The currency its money is counted in (ISO 4217).
        #[arg(long, default_value = "EUR")]
        currency: String,
    },
    /// Find attendees by any part of their name, e-mail, affiliation or badge code.
    Search {
        /// Words to look for, in any order, accents optional.
        #[arg(required = true)]
        query: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Import attendees from a CSV export (pretix, Tito, Eventbrite, or any CSV with --map).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// The export's preset (pretix, tito, eventbrite); detected from the headers when absent.
        #[arg(long)]
        preset: Option<String>,
        /// Show what would happen without changing anything.
        #[arg(long)]
        dry_run: bool,
        /// Map a field to a column, e.g. --map display_name=Name (repeatable; replaces the preset).
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// Give a field the same value on every row, e.g. --fixed ticket_type=Conference.
        #[arg(long = "fixed", value_name = "FIELD=VALUE")]
        fixed: Vec<String>,
        /// Import the other rows when some have problems (see them with --dry-run).
        #[arg(long)]
        skip_problem_rows: bool,
    },
    /// Undo a check-in (needs a lead's name and PIN, and a reason).
    Undo {
        /// The badge code (or ticket secret) of the attendee.
        code: String,
        /// Why the check-in is undone.
        #[arg(long)]
        reason: String,
    },
    /// Add a lead. The first lead of an event needs no PIN; later ones need a lead's.
    LeadAdd {
        /// The new lead's name.
        name: String,
    },
    /// How the day is going: checked in and expected, by ticket type, role and desk.
    Stats,
    /// Write every attendee and their check-in as CSV (to standard output, or --out).
    Export {
        /// The file to write.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write badges to a PDF file, sorted by family name (all, or a filter).
    Badges {
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// Badge stock (4x3in, 4x6in, a6, 54x90mm, 62mm-roll, letter-6up-4x3in, a4-4up-a6).
        #[arg(long)]
        format: Option<String>,
        /// Only this ticket type.
        #[arg(long)]
        ticket_type: Option<String>,
        /// Only this role.
        #[arg(long)]
        role: Option<String>,
        /// Only badges never printed.
        #[arg(long)]
        not_printed: bool,
    },
    /// Print one badge on the desk's printer (or --printer).
    Print {
        /// The badge code (or ticket secret) of the attendee.
        code: String,
        /// The CUPS queue.
        #[arg(long)]
        printer: Option<String>,
        /// Print again even if it was printed before.
        #[arg(long)]
        reprint: bool,
        /// Print even though some characters of the name cannot be drawn.
        #[arg(long)]
        anyway: bool,
    },
    /// List the print queues CUPS knows.
    Printers,
    /// Export the event's badge template as TOML (to standard output, or --out).
    TemplateExport {
        /// The file to write.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Replace the event's badge template with a TOML file.
    TemplateImport {
        /// The TOML file.
        file: PathBuf,
    },
    /// Set the event's badge logo (a PNG), or --clear to use the bundled one;
    /// badges show it when the template has show_logo = true.
    Logo {
        /// The PNG file.
        file: Option<PathBuf>,
        /// Go back to the bundled logo.
        #[arg(long, conflicts_with = "file")]
        clear: bool,
    },
    /// The price list of ticket types (setting prices needs a lead's PIN).
    Price {
        #[command(subcommand)]
        command: cash::PriceCommand,
    },
    /// The cash box: drawer shifts, sales, pay-ins and outs, deposits, refunds, the close, the report.
    Cash {
        #[command(subcommand)]
        command: cash::CashCommand,
    },
    /// Check the cash ledger: every drawer's entries numbered without gaps and hash-chained.
    Verify,
    /// Back the event database up (a verified copy; the folder keeps the last 20).
    Backup {
        /// The folder (default: `backups` beside the database), e.g. a USB stick.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Choose where this desk's backups go, e.g. a USB stick (a lead's PIN); a
    /// backup is written there at once. --default goes back to `backups` beside the database.
    BackupFolder {
        /// The folder, as a full path.
        dir: Option<PathBuf>,
        /// Back to the folder beside the database.
        #[arg(long, conflicts_with = "dir")]
        default: bool,
    },
    /// Put a backup in place of the event database, after verifying it; the
    /// current database is kept aside as <db>.before-restore-<time>. Close
    /// the desk windows on this database first.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Check an attendee in by the code on their badge.
    Checkin {
        /// The badge code (as scanned or typed).
        code: String,
        /// Idempotency key; a replay with the same key changes nothing (default: a fresh one).
        #[arg(long)]
        key: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            if let Some(api) = e.downcast_ref::<ApiError>() {
                eprintln!("lanyard: {} ({})", shown(&api.message), code_name(api.code));
                let refusal = matches!(
                    api.code,
                    ErrorCode::AlreadyCheckedIn
                        | ErrorCode::UnknownCode
                        | ErrorCode::UnknownAttendee
                        | ErrorCode::TicketCancelled
                        | ErrorCode::AmountDue
                        | ErrorCode::PinWrong
                        | ErrorCode::PinLocked
                        | ErrorCode::LeadRequired
                        | ErrorCode::LeadExists
                        | ErrorCode::NotCheckedIn
                        | ErrorCode::AlreadyPrinted
                        | ErrorCode::PrintFailed
                        | ErrorCode::NoPrinter
                        | ErrorCode::NoCashShift
                        | ErrorCode::CashShiftOpen
                        | ErrorCode::DayClosed
                        | ErrorCode::DifferenceNeedsLead
                        | ErrorCode::UnknownReceipt
                        | ErrorCode::AlreadyRefunded
                );
                return ExitCode::from(if refusal { 2 } else { 1 });
            }
            eprintln!("lanyard: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn code_name(code: ErrorCode) -> String {
    serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let path = paths::database_path(cli.db)?;
    let operator = cli
        .operator
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .or_else(|| Some("command line".to_owned()));
    if let Command::Restore { file } = &cli.command {
        // Before any engine opens the file it replaces.
        let report = lanyard_api::restore(&path, file, &lanyard_api::SystemClock)?;
        out!("restored {} into {}", report.restored_from.display(), path.display());
        out!("event {:?}, {} attendees", shown(&report.check.event_name), report.check.attendees);
        match &report.kept_aside {
            Some(aside) => out!("the database it replaced is kept as {}", aside.display()),
            None => out!("there was no database to replace"),
        }
        return Ok(());
    }
    let options = EngineOptions {
        database: path,
        installation: paths::installation_path(cli.config)?,
        desk_name: cli.desk,
        // Only these make a new event file; any other command on a missing
        // file is a mistyped path.
        create: matches!(cli.command, Command::Demo { .. } | Command::NewEvent { .. }),
    };
    let engine = Engine::open(&options, Parts::system())?;
    let session = engine.open_session(operator.as_deref(), Mode::Desk)?;
    let (desk, s) = (&engine, &session);
    let lead = secret::Lead { name: cli.lead, pin_flag: cli.pin };
    match cli.command {
        Command::Demo { seed, count } => {
            let info = desk.create_demo(s, seed, count)?;
            out!(
                "created {:?} with {} attendees in {}",
                info.event_name,
                info.attendee_count,
                info.database_path
            );
        }
        Command::NewEvent { name, currency } => {
            let info = desk.create_event(s, &name, &currency)?;
            out!("created {:?} in {}", info.event_name, info.database_path);
        }
        Command::Search { query, json } => {
            let cards = desk.search(s, &query.join(" "))?;
            if json {
                out!("{}", serde_json::to_string_pretty(&cards)?);
            } else if cards.is_empty() {
                out!("no attendee matches {:?}", query.join(" "));
            } else {
                for card in &cards {
                    out!("{}", card_line(card));
                }
            }
        }
        Command::Import { file, preset, dry_run, map, fixed, skip_problem_rows } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let mut rules = Vec::new();
            for (pairs, is_column) in [(&map, true), (&fixed, false)] {
                for pair in pairs {
                    let (field, value) = pair.split_once('=').with_context(|| {
                        format!("{pair:?} is not FIELD=VALUE (for example display_name=Name)")
                    })?;
                    let (column, fixed) = if is_column {
                        (Some(value.to_owned()), None)
                    } else {
                        (None, Some(value.to_owned()))
                    };
                    rules.push(MappingRule { field: field.trim().to_owned(), column, fixed });
                }
            }
            let request = ImportRequest {
                file_name: file.display().to_string(),
                preset,
                mapping: (!rules.is_empty()).then_some(rules),
                dry_run,
                skip_problem_rows,
                idempotency_key: lanyard_api::fresh_idempotency_key()?,
                auth: if dry_run { None } else { lead.auth()? },
            };
            let mut progress = |done: usize, total: usize| {
                if total >= 5000 {
                    eprint!("\rimporting: {done} of {total} rows");
                }
            };
            let report = desk.import(s, &bytes, &request, &mut progress)?;
            print_import(&report)?;
        }
        Command::Undo { code, reason } => {
            let card = desk.resolve_code(s, &code)?;
            let request = UndoRequest {
                attendee_id: card.id,
                reason,
                auth: lead.auth()?.unwrap_or_default(),
                idempotency_key: lanyard_api::fresh_idempotency_key()?,
            };
            let card = desk.undo_check_in(s, &request)?;
            out!("check-in undone: {}", shown(&card.display_name));
        }
        Command::LeadAdd { name } => {
            let auth = lead.auth()?;
            let new_pin = secret::new_pin(&name)?;
            let leads =
                desk.add_lead(s, auth.as_ref(), &name, &new_pin, &lanyard_api::fresh_idempotency_key()?)?;
            out!("leads: {}", shown(&leads.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")));
        }
        Command::Stats => {
            let stats = desk.stats(s)?;
            out!("checked in: {} of {} expected", stats.checked_in, stats.expected);
            for (title, rows) in [("ticket type", &stats.by_ticket_type), ("role", &stats.by_role)] {
                out!("by {title}:");
                for r in rows {
                    out!("  {:<28} {:>6} of {:>6}", shown(&r.name), r.checked_in, r.expected);
                }
            }
            out!("by desk:");
            for r in &stats.by_desk {
                out!("  {:<28} {:>6}", shown(&r.name), r.checked_in);
            }
            out!("arrivals per 15 minutes (UTC):");
            for slot in &stats.arrivals {
                let bar = "#".repeat(slot.count.min(60));
                out!("  {} {:>5} {bar}", slot.start.get(11..16).unwrap_or(&slot.start), slot.count);
            }
        }
        Command::Export { out } => match out {
            Some(path) => {
                desk.export_csv_to(s, lead.auth()?.as_ref(), &path)?;
                out!("wrote {}", shown(&path.display().to_string()));
            }
            None => {
                std::io::stdout().lock().write_all(desk.export_csv(s, lead.auth()?.as_ref())?.as_bytes())?
            }
        },
        Command::Badges { out, format, ticket_type, role, not_printed } => {
            let filter = BadgeFilter { ticket_type, role, not_printed, format };
            let started = std::time::Instant::now();
            let mut progress = |done: usize, total: usize| {
                if total >= 200 {
                    eprint!("\rlaying out badges: {done} of {total}");
                }
            };
            let report = desk.save_badges_pdf(s, lead.auth()?.as_ref(), &filter, &out, &mut progress)?;
            eprintln!();
            let size = std::fs::metadata(&out).map(|m| m.len() / 1024).unwrap_or(0);
            out!(
                "wrote {} badges to {} ({size} KB) in {} ms",
                report.badges,
                out.display(),
                started.elapsed().as_millis()
            );
            for r in &report.review {
                out!("  review: {}", shown(r));
            }
        }
        Command::Print { code, printer, reprint, anyway } => {
            let card = desk.resolve_code(s, &code)?;
            let request = PrintRequest {
                attendee_id: card.id,
                reprint,
                printer,
                idempotency_key: lanyard_api::fresh_idempotency_key()?,
                auth: if reprint { lead.auth()? } else { None },
                confirm_missing: anyway,
            };
            let receipt = desk.print_badge(s, &request)?;
            out!(
                "sent {}'s badge to {} (job {})",
                shown(&receipt.display_name),
                receipt.printer,
                receipt.job
            );
        }
        Command::Printers => {
            for p in desk.printers(s)? {
                out!("{:<24} {} {}", p.name, if p.ready { "ready   " } else { "NOT READY" }, p.state);
            }
        }
        Command::TemplateExport { out } => {
            let toml = format!(
                "{}\n{}",
                lanyard_api::output::TEMPLATE_HEADER,
                desk.badge_settings(s)?.template_toml
            );
            match out {
                Some(path) => lanyard_api::output::write(
                    desk.database_path(),
                    &path,
                    lanyard_api::output::OutputKind::Template,
                    toml.as_bytes(),
                )?,
                None => std::io::stdout().lock().write_all(toml.as_bytes())?,
            }
        }
        Command::TemplateImport { file } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let key = lanyard_api::fresh_idempotency_key()?;
            let settings = desk.set_badge_template(s, lead.auth()?.as_ref(), &text, &key)?;
            out!("badge template saved ({})", settings.format);
        }
        Command::Logo { file, clear } => {
            let bytes = match (&file, clear) {
                (Some(path), false) => {
                    Some(std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?)
                }
                (None, true) => None,
                _ => anyhow::bail!("give a PNG file, or --clear"),
            };
            let key = lanyard_api::fresh_idempotency_key()?;
            desk.set_badge_logo(s, lead.auth()?.as_ref(), bytes.as_deref(), &key)?;
            out!(
                "{}",
                if bytes.is_some() { "badge logo saved" } else { "badge logo reset to the bundled one" }
            );
        }
        Command::Price { command } => cash::price(desk, s, &lead, command)?,
        Command::Cash { command } => cash::cash(desk, s, &lead, command)?,
        Command::Verify => {
            if !cash::verify(desk, s)? {
                anyhow::bail!(
                    "the cash ledger does not verify: the entries named above were changed or are missing"
                );
            }
        }
        Command::Backup { to } => {
            let report = desk.backup(s, to.as_deref())?;
            out!("backup written and verified: {} ({} bytes)", report.path.display(), report.bytes);
            out!("event {:?}, {} attendees", shown(&report.check.event_name), report.check.attendees);
            for old in &report.removed {
                out!("removed the old backup {}", old.display());
            }
        }
        Command::BackupFolder { dir, default } => {
            if dir.is_none() && !default {
                anyhow::bail!("give the folder (a full path), or --default");
            }
            let key = lanyard_api::fresh_idempotency_key()?;
            let status = desk.set_backup_folder(s, lead.auth()?.as_ref(), dir.as_deref(), &key)?;
            out!("backups go to {} (a first one was written there)", shown(&status.folder));
        }
        // Handled above, before the engine opened.
        Command::Restore { .. } => {}
        Command::Checkin { code, key } => {
            let key = match key {
                Some(k) => k,
                None => lanyard_api::fresh_idempotency_key()?,
            };
            let request =
                CheckInRequest { typed: code, chosen: None, idempotency_key: key, admit_owing: None };
            let receipt = desk.check_in(s, &request)?;
            let a = &receipt.attendee;
            let again = if receipt.replayed { " (replayed: nothing changed)" } else { "" };
            out!(
                "checked in: {} ({}, {}){again}",
                shown(&a.display_name),
                shown(&a.role),
                shown(&a.ticket_type)
            );
            if !a.note.is_empty() {
                out!("note: {}", shown(&a.note));
            }
        }
    }
    Ok(())
}

fn print_import(report: &ImportReport) -> std::io::Result<()> {
    let verb = if report.applied { "imported" } else { "dry run, nothing changed" };
    let preset = report.preset.as_deref().unwrap_or("your mapping");
    out!(
        "{} ({verb}; {preset}, {}, separator {:?}): {} rows: {} new, {} updated, {} unchanged, {} problems",
        report.file_name,
        report.encoding,
        report.delimiter,
        report.rows,
        report.new,
        report.updated,
        report.unchanged,
        report.problems.len()
    );
    for change in &report.changes {
        let fields =
            if change.fields.is_empty() { String::new() } else { format!(" ({})", change.fields.join(", ")) };
        out!("  line {:>5}  {:<8} {}{fields}", change.line, change.kind, shown(&change.display_name));
    }
    for p in &report.problems {
        let column = p.column.as_deref().map(|c| format!(", column {c:?}")).unwrap_or_default();
        out!("  line {:>5}  problem{column}: {}", p.line, shown(&p.reason));
    }
    Ok(())
}

fn card_line(card: &AttendeeCard) -> String {
    let status = match &card.checked_in {
        Some(c) => format!("checked in {} at {} by {}", c.at, shown(&c.desk), shown(&c.operator)),
        None => "not checked in".to_owned(),
    };
    format!(
        "{}  {:<30}  {:<28}  {:<10}  {status}",
        card.badge_code,
        shown(&card.display_name),
        shown(&card.affiliation),
        shown(&card.role)
    )
}
