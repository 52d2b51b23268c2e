//! The `lanyard` command line: the same desk as the window, from a terminal.
//!
//! Every subcommand is a thin adapter over `lanyard-api`: parse arguments,
//! call one `Desk` method, print the result. Refusals (already checked in,
//! unknown code) exit with status 2 and print their code and message; other
//! failures exit with status 1.
#![allow(clippy::print_stdout, reason = "a command line prints its results")]

use clap::{Parser, Subcommand};
use lanyard_api::dto::{AttendeeCard, CheckInRequest};
use lanyard_api::{ApiError, Desk, DeskOptions, ErrorCode, SystemClock, paths};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Lanyard: the registration desk of a conference.
#[derive(Debug, Parser)]
#[command(name = "lanyard", version, about)]
struct Cli {
    /// The event database (default: $LANYARD_DB, else event.db in the user's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    /// This desk's name (default: the stored one, else "Desk 1").
    #[arg(long, global = true, env = "LANYARD_DESK")]
    desk: Option<String>,
    /// Who is working the desk (default: $LANYARD_OPERATOR, else $USER).
    #[arg(long, global = true, env = "LANYARD_OPERATOR")]
    operator: Option<String>,
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
    /// Find attendees by any part of their name, e-mail, affiliation or badge code.
    Search {
        /// Words to look for, in any order, accents optional.
        #[arg(required = true)]
        query: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
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
        Err(e) => {
            if let Some(api) = e.downcast_ref::<ApiError>() {
                eprintln!("lanyard: {} ({})", api.message, code_name(api.code));
                let refusal = matches!(
                    api.code,
                    ErrorCode::AlreadyCheckedIn | ErrorCode::UnknownCode | ErrorCode::UnknownAttendee
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
    let operator = cli.operator.or_else(|| std::env::var("USER").ok()).filter(|s| !s.trim().is_empty());
    let options = DeskOptions { desk_name: cli.desk, operator };
    let mut desk = Desk::open(&path, Arc::new(SystemClock), options)?;
    match cli.command {
        Command::Demo { seed, count } => {
            let info = desk.create_demo(seed, count)?;
            println!(
                "created {:?} with {} attendees in {}",
                info.event_name, info.attendee_count, info.database_path
            );
        }
        Command::Search { query, json } => {
            let cards = desk.search(&query.join(" "))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&cards)?);
            } else if cards.is_empty() {
                println!("no attendee matches {:?}", query.join(" "));
            } else {
                for card in &cards {
                    println!("{}", card_line(card));
                }
            }
        }
        Command::Checkin { code, key } => {
            let key = match key {
                Some(k) => k,
                None => lanyard_api::fresh_idempotency_key()?,
            };
            let request = CheckInRequest { typed: code, chosen: None, idempotency_key: key };
            let receipt = desk.check_in(&request)?;
            let a = &receipt.attendee;
            let again = if receipt.replayed { " (replayed: nothing changed)" } else { "" };
            println!("checked in: {} ({}, {}){again}", a.display_name, a.role, a.ticket_type);
            if !a.note.is_empty() {
                println!("note: {}", a.note);
            }
        }
    }
    Ok(())
}

fn card_line(card: &AttendeeCard) -> String {
    let status = match &card.checked_in {
        Some(c) => format!("checked in {} at {} by {}", c.at, c.desk, c.operator),
        None => "not checked in".to_owned(),
    };
    format!(
        "{}  {:<30}  {:<28}  {:<10}  {status}",
        card.badge_code, card.display_name, card.affiliation, card.role
    )
}
