//! `lanyard price …`, `lanyard cash …` and `lanyard verify`: the cash box's
//! whole day from a terminal, so that an organiser can script it. Amounts
//! are written in major units as a person types them (`12.50`); counts as
//! `denomination x pieces` (`20x5,10x10,0.50x4`). Each command is a thin
//! adapter over one `lanyard-api` use case, with a fresh idempotency key
//! unless `--key` gives one (a retried command with the same key books
//! nothing twice).

use clap::Subcommand;
use lanyard_api::dto::MoneyDto;
use lanyard_api::dto::cash::{
    CashReport, CloseDayRequest, CloseDrawerRequest, MovementRequest, OpenDrawerRequest, PaymentRequest,
    RefundRequest, SaleRequest, SettleRequest,
};
use lanyard_api::{Engine, Session};
use std::io::Write;
use std::path::PathBuf;

use crate::secret::{Lead, shown};

/// The price list.
#[derive(Debug, Subcommand)]
pub enum PriceCommand {
    /// Set a ticket type's price (a lead's PIN): `lanyard price set Regular 25.00`.
    Set {
        /// The ticket type.
        ticket_type: String,
        /// Its price, e.g. 25.00.
        amount: String,
    },
    /// Take a ticket type off the price list (a lead's PIN).
    Remove {
        /// The ticket type.
        ticket_type: String,
    },
    /// Show the price list.
    List,
}

/// How a sale is paid, as flags.
#[derive(Debug, clap::Args)]
pub struct Payment {
    /// cash, card, voucher or comp (complimentary: a lead's PIN and --reason).
    #[arg(long)]
    method: String,
    /// Cash handed over (cash only; default: the exact amount).
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    tendered: String,
    /// The card terminal's reference, or the voucher code.
    #[arg(long, default_value = "")]
    reference: String,
    /// Why a ticket is complimentary.
    #[arg(long, default_value = "")]
    reason: String,
}

impl Payment {
    fn request(&self) -> PaymentRequest {
        PaymentRequest {
            method: self.method.clone(),
            tendered: self.tendered.clone(),
            reference: self.reference.clone(),
            reason: self.reason.clone(),
        }
    }
}

/// The cash box.
#[derive(Debug, Subcommand)]
pub enum CashCommand {
    /// This desk's drawer: the day, the open shift, the rules and prices.
    Status,
    /// Set how cash is counted and rounded (a lead's PIN).
    Settings {
        /// Denominations in major units, largest first (default: the currency's own).
        #[arg(long, default_value = "")]
        denominations: String,
        /// Cash rounding: none, 0.05, 0.10 or 1.00.
        #[arg(long, default_value = "none")]
        rounding: String,
        /// A closing difference up to this needs no lead.
        #[arg(long, default_value = "0")]
        tolerance: String,
    },
    /// Open a shift on this desk's drawer with the float counted: --count 20x5,10x10,0.50x4.
    Open {
        /// The float by denomination.
        #[arg(long, default_value = "")]
        count: String,
        /// Idempotency key (default: a fresh one).
        #[arg(long)]
        key: Option<String>,
    },
    /// Sell a walk-in a ticket: registers, books, checks in; prints the receipt number and the change.
    Sale {
        /// A ticket type on the price list.
        #[arg(long)]
        ticket: String,
        /// The attendee's name as printed.
        #[arg(long)]
        name: String,
        /// Company, university or community.
        #[arg(long, default_value = "")]
        affiliation: String,
        /// City.
        #[arg(long, default_value = "")]
        hometown: String,
        /// E-mail.
        #[arg(long, default_value = "")]
        email: String,
        #[command(flatten)]
        payment: Payment,
        /// Sell even though someone with the same name or e-mail is registered.
        #[arg(long)]
        new_person: bool,
        /// Idempotency key (default: a fresh one).
        #[arg(long)]
        key: Option<String>,
    },
    /// Settle what an attendee owes (by badge code or ticket secret), then check them in.
    Settle {
        /// The badge code (or ticket secret).
        code: String,
        #[command(flatten)]
        payment: Payment,
        /// Idempotency key (default: a fresh one).
        #[arg(long)]
        key: Option<String>,
    },
    /// Put cash into the drawer, with a reason.
    PayIn {
        /// The amount.
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Take cash out of the drawer, with a reason.
    PayOut {
        /// The amount.
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Take cash to the safe: the amount, the bag's number and a witness.
    Deposit {
        /// The amount.
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// The deposit bag's number.
        #[arg(long)]
        bag: String,
        /// Who witnessed it.
        #[arg(long)]
        witness: String,
    },
    /// Refund a sale by its receipt number (a lead's PIN and a reason).
    Refund {
        /// The receipt number.
        receipt: String,
        /// Why.
        #[arg(long)]
        reason: String,
        /// Only part of the sale.
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        amount: String,
        /// A void (a mistaken sale, in its own shift) instead of a refund.
        #[arg(long)]
        void: bool,
    },
    /// Close this desk's shift with a blind count: --count 20x5,10x10 (a difference above the
    /// tolerance needs --note and a lead's PIN).
    Close {
        /// The drawer's contents by denomination.
        #[arg(long, default_value = "")]
        count: String,
        /// A note on the difference.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Close the business day (a lead's PIN): nothing more can be booked into it.
    CloseDay {
        /// The day (YYYY-MM-DD); default today.
        #[arg(long, default_value = "")]
        day: String,
    },
    /// The day's report; --pdf and --csv write it to files.
    Report {
        /// The day (YYYY-MM-DD); default today.
        #[arg(long, default_value = "")]
        day: String,
        /// Write the report as PDF.
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// Write the report as CSV.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Send the report to this desk's printer.
        #[arg(long)]
        print: bool,
    },
    /// A sale's receipt: --pdf writes it, --print sends it to this desk's printer.
    Receipt {
        /// The receipt number.
        receipt: String,
        /// Write it as PDF.
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// a6 or 80mm.
        #[arg(long, default_value = "a6")]
        paper: String,
        /// Send it to this desk's printer.
        #[arg(long)]
        print: bool,
    },
}

macro_rules! out {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*)?
    };
}

fn money(m: &MoneyDto) -> String {
    m.to_string()
}

fn key(given: Option<String>) -> anyhow::Result<String> {
    Ok(match given {
        Some(k) => k,
        None => lanyard_api::fresh_idempotency_key()?,
    })
}

/// Runs `lanyard price …`.
pub fn price(e: &Engine, s: &Session, lead: &Lead, command: PriceCommand) -> anyhow::Result<()> {
    let list = match command {
        PriceCommand::Set { ticket_type, amount } => {
            e.set_price(s, lead.auth()?.as_ref(), &ticket_type, &amount, false, &key(None)?)?
        }
        PriceCommand::Remove { ticket_type } => {
            e.set_price(s, lead.auth()?.as_ref(), &ticket_type, "", true, &key(None)?)?
        }
        PriceCommand::List => e.cash_status(s)?.prices,
    };
    if list.is_empty() {
        out!("the price list is empty: set prices with `lanyard price set TYPE AMOUNT --lead NAME`");
    }
    for p in list {
        out!("{:<30} {:>14}", shown(&p.ticket_type), money(&p.price));
    }
    Ok(())
}

/// Runs `lanyard cash …`.
pub fn cash(e: &Engine, s: &Session, lead: &Lead, command: CashCommand) -> anyhow::Result<()> {
    match command {
        CashCommand::Status => {
            let st = e.cash_status(s)?;
            out!("day {}{}", st.day, if st.day_closed { " (closed)" } else { "" });
            match &st.shift {
                Some(sh) => out!(
                    "drawer open: {}'s shift since {}, float {}, {} sales",
                    shown(&sh.operator),
                    sh.opened_at,
                    money(&sh.float),
                    sh.sales
                ),
                None => out!("drawer closed: open it with `lanyard cash open --count …`"),
            }
            let denominations: Vec<String> = st.denominations.iter().map(money).collect();
            out!("denominations: {}", denominations.join(", "));
            out!("cash rounding: {}; tolerance: {}", money(&st.rounding), money(&st.tolerance));
        }
        CashCommand::Settings { denominations, rounding, tolerance } => {
            let st = e.set_cash_settings(
                s,
                lead.auth()?.as_ref(),
                &denominations,
                &rounding,
                &tolerance,
                &key(None)?,
            )?;
            out!(
                "cash rounding {}, tolerance {}, {} denominations",
                money(&st.rounding),
                money(&st.tolerance),
                st.denominations.len()
            );
        }
        CashCommand::Open { count, key: k } => {
            let shift = e.open_cash_shift(s, &OpenDrawerRequest { count, idempotency_key: key(k)? })?;
            out!("drawer open: {}'s shift, float {}", shown(&shift.operator), money(&shift.float));
        }
        CashCommand::Sale { ticket, name, affiliation, hometown, email, payment, new_person, key: k } => {
            let request = SaleRequest {
                display_name: name,
                affiliation,
                hometown,
                email,
                role: String::new(),
                interests: vec![],
                ticket_type: ticket,
                confirm_new: new_person,
                payment: payment.request(),
                auth: lead.auth()?,
                idempotency_key: key(k)?,
            };
            let r = e.sell_ticket(s, &request)?;
            print_receipt(&r)?;
        }
        CashCommand::Settle { code, payment, key: k } => {
            let card = e.resolve_code(s, &code)?;
            let request = SettleRequest {
                attendee_id: card.id,
                payment: payment.request(),
                auth: lead.auth()?,
                idempotency_key: key(k)?,
            };
            let r = e.settle_amount_due(s, &request)?;
            print_receipt(&r)?;
        }
        CashCommand::PayIn { amount, reason } => {
            movement(e, s, "pay_in", amount, reason, String::new(), String::new())?
        }
        CashCommand::PayOut { amount, reason } => {
            movement(e, s, "pay_out", amount, reason, String::new(), String::new())?
        }
        CashCommand::Deposit { amount, bag, witness } => {
            movement(e, s, "deposit", amount, String::new(), bag, witness)?
        }
        CashCommand::Refund { receipt, reason, amount, void } => {
            let request = RefundRequest {
                receipt,
                reason,
                void,
                amount,
                auth: lead.auth()?,
                idempotency_key: key(None)?,
            };
            let r = e.refund_sale(s, &request)?;
            out!(
                "{} of {}: {}; cash back {}",
                r.entry.kind,
                r.receipt,
                money(&r.entry.amount),
                money(&r.cash_back)
            );
        }
        CashCommand::Close { count, note } => {
            let request = CloseDrawerRequest { count, note, auth: lead.auth()?, idempotency_key: key(None)? };
            let r = e.close_cash_shift(s, &request)?;
            out!("counted  {}", money(&r.counted));
            out!("expected {}", money(&r.expected));
            out!(
                "difference {}{}",
                money(&r.difference),
                r.approved_by.map(|l| format!(" (approved by {})", shown(&l))).unwrap_or_default()
            );
        }
        CashCommand::CloseDay { day } => {
            let report = e.close_cash_day(
                s,
                &CloseDayRequest { day, auth: lead.auth()?, idempotency_key: key(None)? },
            )?;
            out!("day {} closed: {}", report.day, report.closed.as_deref().map(shown).unwrap_or_default());
            print_report(&report)?;
        }
        CashCommand::Report { day, pdf, csv, print } => {
            let report = e.cash_report(s, &day)?;
            if let Some(path) = &pdf {
                e.save_cash_report(s, &report.day, path, false)?;
                out!("wrote {}", shown(&path.display().to_string()));
            }
            if let Some(path) = &csv {
                e.save_cash_report(s, &report.day, path, true)?;
                out!("wrote {}", shown(&path.display().to_string()));
            }
            if print {
                let job = e.print_cash_document(s, "report", &report.day, "a4", &key(None)?)?;
                out!("sent the report to the printer (job {job})");
            }
            if pdf.is_none() && csv.is_none() && !print {
                print_report(&report)?;
            }
        }
        CashCommand::Receipt { receipt, pdf, paper, print } => {
            if let Some(path) = &pdf {
                let bytes = e.receipt_pdf(s, &receipt, &paper)?;
                lanyard_api::output::write(
                    e.database_path(),
                    path,
                    lanyard_api::output::OutputKind::Pdf,
                    &bytes,
                )?;
                out!("wrote {}", shown(&path.display().to_string()));
            }
            if print || pdf.is_none() {
                let job = e.print_cash_document(s, "receipt", &receipt, &paper, &key(None)?)?;
                out!("sent receipt {receipt} to the printer (job {job})");
            }
        }
    }
    Ok(())
}

fn movement(
    e: &Engine,
    s: &Session,
    kind: &str,
    amount: String,
    reason: String,
    bag: String,
    witness: String,
) -> anyhow::Result<()> {
    let request =
        MovementRequest { kind: kind.into(), amount, reason, bag, witness, idempotency_key: key(None)? };
    let entry = e.cash_movement(s, &request)?;
    out!("{} {} (entry {})", entry.kind.replace('_', " "), money(&entry.amount), entry.seq);
    Ok(())
}

fn print_receipt(r: &lanyard_api::dto::cash::SaleReceipt) -> anyhow::Result<()> {
    let again = if r.replayed { " (replayed: nothing booked)" } else { "" };
    out!(
        "receipt {}: {} {} for {} ({}){again}",
        r.receipt,
        shown(&r.ticket_type),
        money(&r.paid),
        shown(&r.attendee.display_name),
        r.method
    );
    if let Some(t) = &r.tendered {
        out!("handed over {}", money(t));
    }
    if let Some(c) = &r.change {
        out!("CHANGE DUE {}", money(c));
    }
    Ok(())
}

fn print_report(r: &CashReport) -> anyhow::Result<()> {
    out!(
        "{}: cash report for {}{}",
        shown(&r.event_name),
        r.day,
        r.closed.as_deref().map(|c| format!(" ({})", shown(c))).unwrap_or_default()
    );
    out!("sales {}, takings {}", r.sales, money(&r.takings));
    for (title, lines) in
        [("payment method", &r.by_method), ("ticket type", &r.by_ticket_type), ("volunteer", &r.by_operator)]
    {
        out!("by {title}:");
        for l in lines {
            out!("  {:<28} {:>5} {:>16}", shown(&l.name), l.count, money(&l.amount));
        }
    }
    for s in &r.shifts {
        let opt = |m: &Option<MoneyDto>| m.as_ref().map_or_else(|| "(open)".to_owned(), money);
        out!(
            "shift {} at {}: float {}, expected {}, counted {}, difference {}",
            shown(&s.shift.operator),
            shown(&s.shift.desk_name),
            money(&s.shift.float),
            opt(&s.expected),
            opt(&s.counted),
            opt(&s.difference)
        );
    }
    for m in &r.movements {
        out!(
            "  #{:<5} {:<10} {:>16}  {}  {}",
            m.seq,
            m.kind,
            money(&m.amount),
            shown(&m.operator),
            shown(&m.detail)
        );
    }
    for c in &r.chains {
        out!("chain {}: last entry {}, hash {}", c.drawer, c.last_seq, c.last_hash);
    }
    out!("{}", r.disclaimer);
    Ok(())
}

/// Runs `lanyard verify`: true when every drawer's chain verified.
pub fn verify(e: &Engine, s: &Session) -> anyhow::Result<bool> {
    let check = e.verify_ledger(s)?;
    for d in &check.drawers {
        out!("drawer {}: {} entries, chain intact, last hash {}", d.drawer, d.entries, d.last_hash);
    }
    for p in &check.problems {
        out!("PROBLEM: {}", shown(p));
    }
    if check.drawers.is_empty() && check.problems.is_empty() {
        out!("no cash entries yet");
    }
    Ok(check.problems.is_empty())
}
