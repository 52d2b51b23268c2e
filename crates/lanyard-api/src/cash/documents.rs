//! The cash box's printed documents: a sale's receipt (A6 or an 80 mm
//! roll) and the day's report (A4, with lines for the counter's and a
//! witness's signatures). Each is mapped into lanyard-documents' blocks,
//! then saved through the safe file writer or sent to this desk's printer.
//! Titles are generic: no receipt number, name or badge code goes into a
//! PDF title or a print job's title.

use lanyard_core::AuditAction;
use lanyard_core::cash::{EntryKind, Method};
use lanyard_core::printing::{Document as PrintDoc, QueueName};
use lanyard_documents::{Align, Block, Column, Document, Paper, render_pdf};
use serde::Serialize;
use std::path::Path;

use super::{CashConfig, config};
use crate::dto::MoneyDto;
use crate::dto::cash::CashReport;
use crate::engine::{Done, Op};
use crate::error::Refusal;
use crate::output::OutputKind;
use crate::session::Session;
use crate::{ApiError, Engine, ErrorCode};

/// The PDF and job title of every receipt.
const RECEIPT_TITLE: &str = "Lanyard receipt";
/// The PDF and job title of every cash report.
const REPORT_TITLE: &str = "Lanyard cash report";

/// An amount as printed (`12.50 EUR`).
fn shown(m: &MoneyDto) -> String {
    m.to_string()
}

fn paper(name: &str) -> Result<Paper, ApiError> {
    match name.trim().to_ascii_lowercase().as_str() {
        "" | "a6" => Ok(Paper::A6),
        "80mm" | "roll" | "80mm-roll" => Ok(Paper::Roll80),
        "a4" => Ok(Paper::A4),
        other => Err(Refusal::invalid("paper", format!("{other:?} is not a6, 80mm or a4")).into()),
    }
}

fn media(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "A4",
        Paper::A6 => "A6",
        Paper::Roll80 => "Custom.80x200mm",
    }
}

fn pdf(doc: &Document) -> Result<Vec<u8>, ApiError> {
    render_pdf(doc)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot lay out the document: {e}")))
}

#[derive(Serialize)]
struct PrintDocRequest<'a> {
    what: &'a str,
    id: &'a str,
    paper: &'a str,
}

impl Engine {
    /// A sale's receipt as a document.
    fn receipt_document(&self, receipt: &str, paper: Paper) -> Result<Document, ApiError> {
        let receipt = receipt.trim();
        self.store.read(|tx| {
            let cfg: CashConfig = config(tx)?;
            let event = tx.event()?.ok_or(Refusal::NoEvent)?;
            let sale = tx
                .cash_entry_by_receipt(receipt)?
                .filter(|e| e.kind == EntryKind::Sale)
                .ok_or_else(|| Refusal::UnknownReceipt(receipt.to_owned()))?;
            let shift = tx.cash_shift(&sale.shift)?;
            let money = |minor: i64| shown(&cfg.money(minor));
            let rounding = super::rounding_of(tx, &sale)?.map_or(0, |e| e.amount);
            let mut pairs = vec![
                ("Receipt".to_owned(), receipt.to_owned()),
                (
                    "Date".to_owned(),
                    format!("{} (UTC)", sale.at.to_rfc3339().get(..16).unwrap_or("").replace('T', " ")),
                ),
                ("Desk".to_owned(), shift.map(|s| s.desk_name).unwrap_or_default()),
                ("Served by".to_owned(), sale.operator.clone()),
            ];
            pairs.push(("Ticket".to_owned(), sale.ticket_type.clone().unwrap_or_default()));
            let method = sale.method.map_or("", Method::as_str);
            let mut paid = vec![("Price".to_owned(), money(sale.amount))];
            if rounding != 0 {
                paid.push(("Cash rounding".to_owned(), money(rounding)));
            }
            paid.push((format!("Paid ({method})"), money(sale.amount + rounding)));
            if let Some(t) = sale.tendered {
                paid.push(("Handed over".to_owned(), money(t)));
            }
            if let Some(c) = sale.change {
                paid.push(("Change".to_owned(), money(c)));
            }
            if let Some(r) = &sale.reference {
                paid.push(("Reference".to_owned(), r.clone()));
            }
            if sale.method == Some(Method::Comp) {
                paid.push(("Complimentary".to_owned(), sale.reason.clone().unwrap_or_default()));
            }
            let refunded = tx.cash_reversals_of(&sale.uid)?;
            let mut blocks = vec![
                Block::Heading(event.name.clone()),
                Block::Pairs(pairs),
                Block::Rule,
                Block::Pairs(paid),
                Block::Big(money(sale.amount + rounding)),
            ];
            for r in refunded.iter().filter(|e| matches!(e.kind, EntryKind::Refund | EntryKind::Void)) {
                blocks.push(Block::Text(format!(
                    "{} {} on {}",
                    r.kind.as_str(),
                    money(r.amount),
                    r.at.to_rfc3339().get(..10).unwrap_or("")
                )));
            }
            blocks.push(Block::Rule);
            blocks.push(Block::Small(super::DISCLAIMER.to_owned()));
            Ok(Document { paper, title: RECEIPT_TITLE.to_owned(), blocks })
        })
    }

    /// A sale's receipt as a PDF (`paper`: `a6`, `80mm` or `a4`).
    pub fn receipt_pdf(
        &self,
        _session: &Session,
        receipt: &str,
        paper_name: &str,
    ) -> Result<Vec<u8>, ApiError> {
        pdf(&self.receipt_document(receipt, paper(paper_name)?)?)
    }

    /// Writes a sale's receipt to `path` as a PDF (`paper`: `a6`, `80mm`
    /// or `a4`); never over the event database or a file Lanyard did not write.
    pub fn save_receipt_pdf(
        &self,
        session: &Session,
        receipt: &str,
        paper_name: &str,
        path: &Path,
    ) -> Result<(), ApiError> {
        let bytes = self.receipt_pdf(session, receipt, paper_name)?;
        crate::output::write(self.store.path(), path, OutputKind::Pdf, &bytes)
    }

    /// The day's report as a PDF (A4).
    pub fn cash_report_pdf(&self, session: &Session, day: &str) -> Result<Vec<u8>, ApiError> {
        let report = self.cash_report(session, day)?;
        pdf(&report_document(&report))
    }

    /// Writes the day's report to `path` as a PDF, or as CSV when `csv`;
    /// never over the event database or a file Lanyard did not write.
    pub fn save_cash_report(
        &self,
        session: &Session,
        day: &str,
        path: &Path,
        csv: bool,
    ) -> Result<(), ApiError> {
        let (bytes, kind) = if csv {
            (self.cash_report_csv(session, day)?.into_bytes(), OutputKind::CashCsv)
        } else {
            (self.cash_report_pdf(session, day)?, OutputKind::Pdf)
        };
        crate::output::write(self.store.path(), path, kind, &bytes)
    }

    /// Sends a receipt (`what` = `receipt`, `id` its number) or the day's
    /// report (`what` = `report`, `id` the day) to this desk's printer.
    /// Logged; returns the print queue's job id.
    pub fn print_cash_document(
        &self,
        session: &Session,
        what: &str,
        id: &str,
        paper_name: &str,
        key: &str,
    ) -> Result<String, ApiError> {
        let (doc, title) = match what {
            "receipt" => (self.receipt_document(id, paper(paper_name)?)?, RECEIPT_TITLE),
            "report" => (report_document(&self.cash_report(session, id)?), REPORT_TITLE),
            other => {
                return Err(
                    Refusal::invalid("document", format!("{other:?} is not receipt or report")).into()
                );
            }
        };
        let printer =
            self.installation().printer.clone().filter(|p| !p.trim().is_empty()).ok_or(Refusal::NoPrinter)?;
        let queue =
            QueueName::parse(printer.trim()).map_err(|e| Refusal::invalid("printer", e.to_string()))?;
        let request = PrintDocRequest { what, id, paper: paper_name };
        let op = Op { action: "print_cash_document", key, request: &request, lead: None };
        let bytes = pdf(&doc)?;
        self.perform(
            session,
            op,
            |_| {
                let job = PrintDoc { queue: &queue, media: media(doc.paper), pdf: &bytes, title };
                Ok(self.parts.printer.submit(&job))
            },
            |_, _, outcome, _| {
                let audit = AuditAction::PrintCashDocument {
                    document: what.to_owned(),
                    printer: queue.to_string(),
                    accepted: outcome.is_ok(),
                };
                Ok(match outcome {
                    Ok(job) => Done::Ok(job.to_string(), audit),
                    Err(e) => Done::Failed(
                        Refusal::PrintFailed { attendee: None, cause: e.to_string() }.into(),
                        audit,
                    ),
                })
            },
        )
    }
}

/// The day's report as an A4 document.
fn report_document(r: &CashReport) -> Document {
    let right = |title: &str, width: f32| Column { title: title.to_owned(), align: Align::Right, width };
    let left = |title: &str, width: f32| Column { title: title.to_owned(), align: Align::Left, width };
    let table = |lines: &[crate::dto::cash::ReportLine], what: &str| Block::Table {
        columns: vec![left(what, 3.0), right("Sales", 1.0), right("Amount", 2.0)],
        rows: lines.iter().map(|l| vec![l.name.clone(), l.count.to_string(), shown(&l.amount)]).collect(),
    };
    let mut blocks = vec![
        Block::Heading(format!("{}: cash report for {}", r.event_name, r.day)),
        Block::Pairs(vec![
            ("Made at (UTC)".into(), r.generated_at.get(..19).unwrap_or("").replace('T', " ")),
            ("Day".into(), r.closed.clone().unwrap_or_else(|| "open (not closed yet)".into())),
            ("Sales".into(), r.sales.to_string()),
            ("Takings (net of refunds)".into(), shown(&r.takings)),
        ]),
        Block::Heading("By payment method".into()),
        table(&r.by_method, "Method"),
        Block::Heading("By ticket type".into()),
        table(&r.by_ticket_type, "Ticket type"),
        Block::Heading("By volunteer".into()),
        table(&r.by_operator, "Volunteer"),
    ];
    for s in &r.shifts {
        let opt = |m: &Option<MoneyDto>| m.as_ref().map_or_else(|| "(shift open)".to_owned(), shown);
        blocks.push(Block::Heading(format!(
            "Shift of {} at {}, opened {}",
            s.shift.operator,
            s.shift.desk_name,
            s.shift.opened_at.get(..16).unwrap_or("").replace('T', " ")
        )));
        let mut pairs = vec![
            ("Opening float".into(), shown(&s.shift.float)),
            ("Cash sales".into(), shown(&s.cash_sales)),
            ("Cash refunds and voids".into(), shown(&s.cash_refunds)),
            ("Paid in".into(), shown(&s.paid_in)),
            ("Paid out".into(), shown(&s.paid_out)),
            ("Deposits".into(), shown(&s.deposits)),
            ("Cash rounding".into(), shown(&s.rounding)),
            ("Expected in the drawer".into(), opt(&s.expected)),
            ("Counted".into(), opt(&s.counted)),
            ("Difference".into(), opt(&s.difference)),
        ];
        if let Some(note) = &s.difference_note {
            pairs.push(("Note".into(), note.clone()));
        }
        if let Some(lead) = &s.approved_by {
            pairs.push(("Approved by".into(), lead.clone()));
        }
        blocks.push(Block::Pairs(pairs));
        if !s.denominations.is_empty() {
            blocks.push(Block::Table {
                columns: vec![
                    left("Denomination", 2.0),
                    right("Opening", 1.0),
                    right("Closing", 1.0),
                    right("Closing value", 2.0),
                ],
                rows: s
                    .denominations
                    .iter()
                    .map(|d| {
                        vec![
                            shown(&d.denomination),
                            d.opening.to_string(),
                            d.closing.to_string(),
                            shown(&d.closing_value),
                        ]
                    })
                    .collect(),
            });
        }
    }
    blocks.push(Block::Heading("Voids, refunds, paid in and out, deposits, differences, comps".into()));
    if r.movements.is_empty() {
        blocks.push(Block::Text("None.".into()));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                right("#", 0.7),
                left("Time", 1.2),
                left("What", 1.4),
                right("Amount", 1.6),
                left("By", 1.4),
                left("Details", 3.7),
            ],
            rows: r
                .movements
                .iter()
                .map(|m| {
                    vec![
                        m.seq.to_string(),
                        m.at.get(11..16).unwrap_or("").to_owned(),
                        m.kind.replace('_', " "),
                        shown(&m.amount),
                        m.operator.clone(),
                        m.detail.clone(),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::Heading("The ledger's chain".into()));
    for c in &r.chains {
        blocks.push(Block::Pairs(vec![
            ("Drawer".into(), c.drawer.clone()),
            ("Last entry".into(), c.last_seq.to_string()),
        ]));
        blocks.push(Block::Small(format!("SHA-256 {}", c.last_hash)));
    }
    blocks.push(Block::Space);
    blocks.push(Block::Signatures(vec!["Counted by".into(), "Witness".into()]));
    blocks.push(Block::Small(r.disclaimer.clone()));
    Document { paper: Paper::A4, title: REPORT_TITLE.to_owned(), blocks }
}
