//! The end of the day: closing it (a lead's act), the day's report (as
//! data, CSV and PDF), and `verify`, which checks every drawer's chain.
//!
//! The report is built from the ledger alone, in constant queries: the
//! day's entries and the day's cash shifts. Expected cash is shown only for
//! shifts that closed, so that an open drawer is still counted blind.

use std::collections::BTreeMap;

use lanyard_core::AuditAction;
use lanyard_core::cash::{ChainSummary, Entry, EntryKind, Method, expected_cash, verify_chain};
use lanyard_store::{CashDayRow, ChangeKind};

use super::{CashConfig, config, entry_dto, shift_dto};
use crate::dto::cash::{
    CashReport, ChainDto, CloseDayRequest, DenominationLine, LedgerCheck, ReportLine, ShiftReport,
};
use crate::engine::{Done, Op, Outcome};
use crate::error::Refusal;
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, Engine};

/// What the cash box is not, said on every report and in the README.
pub const DISCLAIMER: &str = "Lanyard's cash box is not a certified fiscal register or point-of-sale system: it keeps an append-only, hash-chained ledger for reconciling a conference desk's cash, and does not meet any country's fiscal or tax-register rules.";

impl Outcome for CashReport {}

fn add(map: &mut BTreeMap<String, (u32, i64)>, name: &str, count: u32, amount: i64) {
    let slot = map.entry(name.to_owned()).or_default();
    slot.0 += count;
    slot.1 += amount;
}

fn lines(map: BTreeMap<String, (u32, i64)>, cfg: &CashConfig) -> Vec<ReportLine> {
    map.into_iter()
        .map(|(name, (count, amount))| ReportLine { name, count, amount: cfg.money(amount) })
        .collect()
}

impl Engine {
    /// The day's report: totals by payment method, ticket type, volunteer
    /// and shift; each shift's float, movements, expected and counted cash
    /// by denomination; every void, refund, pay-in, pay-out, deposit and
    /// difference; each drawer's last entry number and hash as of the end
    /// of the day. `day` empty: today.
    pub fn cash_report(&self, _session: &Session, day: &str) -> Result<CashReport, ApiError> {
        let day = self.day_or_today(day)?;
        let now = self.now();
        self.store.read(|tx| {
            let cfg = config(tx)?;
            let event = tx.event()?.ok_or(Refusal::NoEvent)?;
            let entries = tx.cash_entries_of_day(&day)?;
            let shifts = tx.cash_shifts_of_day(&day)?;
            let (mut by_method, mut by_type, mut by_operator) =
                (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
            for m in Method::ALL {
                by_method.insert(m.as_str().to_owned(), (0, 0));
            }
            let (mut sales, mut takings) = (0u32, 0i64);
            for e in &entries {
                if !matches!(e.kind, EntryKind::Sale | EntryKind::Refund | EntryKind::Void) {
                    continue;
                }
                let count = u32::from(e.kind == EntryKind::Sale);
                sales += count;
                takings += e.amount;
                let method = e.method.map_or("?", Method::as_str);
                add(&mut by_method, method, count, e.amount);
                add(&mut by_type, e.ticket_type.as_deref().unwrap_or("?"), count, e.amount);
                add(&mut by_operator, &e.operator, count, e.amount);
            }
            let mut shift_reports = Vec::new();
            for s in &shifts {
                let own = tx.cash_entries_of_shift(&s.uid)?;
                shift_reports.push(shift_report(s, &own, &cfg));
            }
            let movements = entries
                .iter()
                .filter(|e| {
                    matches!(
                        e.kind,
                        EntryKind::Refund
                            | EntryKind::Void
                            | EntryKind::PayIn
                            | EntryKind::PayOut
                            | EntryKind::Deposit
                            | EntryKind::Difference
                    ) || (e.kind == EntryKind::Sale && e.method == Some(Method::Comp))
                })
                .map(|e| entry_dto(e, &cfg))
                .collect();
            // Each drawer's chain as the day left it: a past day's report
            // (and the replay of its close) shows the same anchor as the
            // paper printed that evening, not the entries of later days.
            let mut chains = Vec::new();
            for drawer in tx.cash_drawers()? {
                if let Some((seq, hash)) = tx.cash_chain_head_on(&drawer, &day)? {
                    chains.push(ChainDto { drawer, entries: seq, last_seq: seq, last_hash: hash });
                }
            }
            let closed = tx.closed_cash_day(&day)?.map(|d: CashDayRow| {
                format!("closed at {} (UTC) by {}, lead {}", d.closed_at.to_rfc3339(), d.closed_by, d.lead)
            });
            Ok(CashReport {
                event_name: event.name,
                day: day.clone(),
                generated_at: now.to_rfc3339(),
                closed,
                takings: cfg.money(takings),
                sales,
                by_method: lines(by_method, &cfg),
                by_ticket_type: lines(by_type, &cfg),
                by_operator: lines(by_operator, &cfg),
                shifts: shift_reports,
                movements,
                chains,
                disclaimer: DISCLAIMER.to_owned(),
            })
        })
    }

    /// The day's report as CSV: one row per figure (section, name, count,
    /// amount in major units, currency), ending with each drawer's last
    /// entry number and hash.
    pub fn cash_report_csv(&self, session: &Session, day: &str) -> Result<String, ApiError> {
        let report = self.cash_report(session, day)?;
        let mut out = String::from("section,name,count,amount,currency\r\n");
        let money = crate::dto::MoneyDto::major;
        // Text cells are made safe for spreadsheets; counts and amounts are
        // numbers this function wrote, kept as numbers (a refund's minus sign
        // must not become text).
        let mut row = |section: &str, name: &str, count: String, amount: String, currency: &str| {
            let text = lanyard_core::export::csv_cell;
            let number = |v: &str| {
                if v.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
                    v.to_owned()
                } else {
                    text(v)
                }
            };
            let cells = [text(section), text(name), number(&count), number(&amount), text(currency)];
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        };
        let currency = report.takings.currency.clone();
        row("day", &report.day, report.sales.to_string(), money(&report.takings), &currency);
        for (section, list) in [
            ("method", &report.by_method),
            ("ticket_type", &report.by_ticket_type),
            ("operator", &report.by_operator),
        ] {
            for l in list {
                row(section, &l.name, l.count.to_string(), money(&l.amount), &currency);
            }
        }
        for s in &report.shifts {
            let name = format!("{} {} {}", s.shift.desk_name, s.shift.operator, s.shift.opened_at);
            for (what, m) in [
                ("float", Some(&s.shift.float)),
                ("cash_sales", Some(&s.cash_sales)),
                ("cash_refunds", Some(&s.cash_refunds)),
                ("paid_in", Some(&s.paid_in)),
                ("paid_out", Some(&s.paid_out)),
                ("deposits", Some(&s.deposits)),
                ("rounding", Some(&s.rounding)),
                ("expected", s.expected.as_ref()),
                ("counted", s.counted.as_ref()),
                ("difference", s.difference.as_ref()),
            ] {
                if let Some(m) = m {
                    row(&format!("shift_{what}"), &name, String::new(), money(m), &currency);
                }
            }
            for d in &s.denominations {
                let label = format!("{name} {}", money(&d.denomination));
                row("shift_count_closing", &label, d.closing.to_string(), money(&d.closing_value), &currency);
            }
        }
        for m in &report.movements {
            let name = format!("#{} {} {}", m.seq, m.operator, m.detail);
            row(&m.kind, &name, String::new(), money(&m.amount), &currency);
        }
        for c in &report.chains {
            row("chain", &c.drawer, c.last_seq.to_string(), c.last_hash.clone(), "");
        }
        row("disclaimer", &report.disclaimer, String::new(), String::new(), "");
        Ok(out)
    }

    /// Closes a business day (a lead's act): every drawer must be closed
    /// with a count first; afterwards nothing can be booked into the day.
    pub fn close_cash_day(
        &self,
        session: &Session,
        request: &CloseDayRequest,
    ) -> Result<CashReport, ApiError> {
        let day = self.day_or_today(&request.day)?;
        // The day closed is the result remembered under the key: a close
        // retried the next morning ("today" then being another day) returns
        // the report of the day it closed. (Closes from before this were
        // remembered as nothing, and fall back to the day asked for.)
        let op = Op {
            action: "close_cash_day",
            key: &request.idempotency_key,
            request,
            lead: Some((Privilege::CloseDay, request.auth.as_ref())),
        };
        let closed: Option<String> = self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                if tx.closed_cash_day(&day)?.is_some() {
                    return Err(Refusal::DayClosed(day.clone()).into());
                }
                if let Some(open) =
                    tx.open_cash_shifts()?.into_iter().find(|s| s.day.as_str() <= day.as_str())
                {
                    return Err(Refusal::invalid(
                        "day",
                        format!(
                            "{}'s drawer at {} is still open: close it with a count first",
                            open.operator, open.desk_name
                        ),
                    )
                    .into());
                }
                let lead = ctx.lead.as_ref().map(ToString::to_string).unwrap_or_default();
                let closed_by =
                    ctx.session.operator.as_ref().map_or_else(|| lead.clone(), ToString::to_string);
                tx.close_cash_day(&CashDayRow {
                    day: day.clone(),
                    closed_at: ctx.now,
                    closed_by,
                    lead: lead.clone(),
                })?;
                effects.touched(ChangeKind::Shifts);
                Ok(Done::Ok(Some(day.clone()), AuditAction::CloseCashDay { day: day.clone(), lead }))
            },
        )?;
        self.cash_report(session, closed.as_deref().unwrap_or(&day))
    }

    /// Checks every drawer's chain: entries numbered without gaps, each
    /// following the previous hash, each hash matching its fields. Names the
    /// first entry of each drawer that does not match.
    pub fn verify_ledger(&self, _session: &Session) -> Result<LedgerCheck, ApiError> {
        self.store.read(|tx| {
            let mut check = LedgerCheck { drawers: Vec::new(), problems: Vec::new() };
            for drawer in tx.cash_drawers()? {
                let entries: Vec<Entry> = match tx.cash_entries_of_drawer(&drawer) {
                    Ok(e) => e,
                    Err(e) => {
                        check.problems.push(format!("drawer {drawer}: an entry cannot be read: {e}"));
                        continue;
                    }
                };
                match verify_chain(&drawer, &entries) {
                    Ok(ChainSummary { entries, last_seq, last_hash }) => {
                        check.drawers.push(ChainDto { drawer, entries: entries as i64, last_seq, last_hash });
                    }
                    Err(broken) => check.problems.push(broken.to_string()),
                }
            }
            Ok(check)
        })
    }

    /// `day` as typed (`YYYY-MM-DD`), or today when empty.
    fn day_or_today(&self, day: &str) -> Result<String, ApiError> {
        if day.trim().is_empty() {
            return Ok(self.business_day(self.now()));
        }
        lanyard_core::cash::parse_day(day).ok_or_else(|| {
            Refusal::invalid("day", format!("{day:?} is not a date: write it as 2026-12-01")).into()
        })
    }
}

fn shift_report(s: &lanyard_store::CashShiftRow, own: &[Entry], cfg: &CashConfig) -> ShiftReport {
    let sum = |pred: &dyn Fn(&Entry) -> bool| own.iter().filter(|e| pred(e)).map(|e| e.amount).sum::<i64>();
    let cash = |e: &Entry| e.method == Some(Method::Cash);
    let cash_sales = sum(&|e| e.kind == EntryKind::Sale && cash(e));
    let cash_refunds = sum(&|e| matches!(e.kind, EntryKind::Refund | EntryKind::Void) && cash(e));
    let counted_entry = own.iter().rev().find(|e| e.kind == EntryKind::Count);
    let difference_entry = own.iter().rev().find(|e| e.kind == EntryKind::Difference);
    let closed = s.closed_at.is_some();
    let movements: Vec<&Entry> =
        own.iter().filter(|e| !matches!(e.kind, EntryKind::Count | EntryKind::Difference)).collect();
    let expected = expected_cash(movements.iter().copied());
    let opening =
        own.iter().find(|e| e.kind == EntryKind::Float).and_then(|e| e.count.clone()).unwrap_or_default();
    let closing = counted_entry.and_then(|e| e.count.clone()).unwrap_or_default();
    let denominations = cfg
        .denominations
        .values()
        .iter()
        .map(|v| {
            let find = |c: &lanyard_core::cash::Count| c.pieces().find(|(d, _)| d == v).map_or(0, |(_, n)| n);
            let closing_n = find(&closing);
            DenominationLine {
                denomination: cfg.money(*v),
                opening: find(&opening),
                closing: closing_n,
                closing_value: cfg.money(v * i64::from(closing_n)),
            }
        })
        .filter(|d| d.opening > 0 || d.closing > 0)
        .collect();
    ShiftReport {
        shift: shift_dto(s, own, cfg),
        cash_sales: cfg.money(cash_sales),
        cash_refunds: cfg.money(cash_refunds),
        paid_in: cfg.money(sum(&|e| e.kind == EntryKind::PayIn)),
        paid_out: cfg.money(sum(&|e| e.kind == EntryKind::PayOut)),
        deposits: cfg.money(sum(&|e| e.kind == EntryKind::Deposit)),
        rounding: cfg.money(sum(&|e| e.kind == EntryKind::Rounding)),
        expected: closed.then(|| cfg.money(expected)),
        counted: counted_entry.filter(|_| closed).map(|e| cfg.money(e.amount)),
        difference: closed.then(|| cfg.money(difference_entry.map_or(0, |e| e.amount))),
        difference_note: difference_entry.and_then(|e| e.reason.clone()),
        approved_by: difference_entry.and_then(|e| e.lead.clone()),
        denominations,
    }
}
