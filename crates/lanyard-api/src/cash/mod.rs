//! The cash box: walk-in sales and settled amounts owed, a drawer per desk
//! with counted shifts, pay-ins, pay-outs and deposits, refunds and voids,
//! the blind close and the closed day.
//!
//! Every booking goes through [`Engine::perform`] (idempotency key, lead's
//! PIN where a [`Privilege`] names it, one transaction with the audit
//! entry) and appends sealed entries to the drawer's chain in the same
//! transaction: the next number, the previous hash, SHA-256 over the
//! canonical encoding (`lanyard_core::cash::ledger`). The schema refuses
//! anything but the drawer's next number, any update or delete, and any
//! entry into a closed day, so even a bug here cannot rewrite history.
//!
//! A drawer is this desk installation's (its `desk_id`); a cash shift is a
//! volunteer's turn at it, from a counted float to a counted close. The
//! business day is the desk's local date ([`lanyard_core::Clock`]'s UTC
//! offset). This is not a certified fiscal register, and says so.

mod documents;
mod report;

pub use report::DISCLAIMER;

use lanyard_core::cash::{
    self, CashRounding, Count, Denominations, Entry, EntryKind, GENESIS_HASH, Method, count::major,
    expected_cash, tender_cash,
};
use lanyard_core::{AttendeeId, AuditAction, CheckIn, Currency, Money, TicketStatus, Uid};
use lanyard_store::{CashSettingsRow, CashShiftRow, ChangeKind, PriceRow, ReadTx, WriteTx};

use crate::checkin::cards;
use crate::dto::cash::{
    CashShiftDto, CashStatus, CloseDrawerRequest, CloseResult, EntryDto, MovementRequest, OpenDrawerRequest,
    PaymentRequest, PriceDto, RefundReceipt, RefundRequest, SaleReceipt, SaleRequest, SettleRequest,
};
use crate::dto::{AutoPrint, LeadAuth, MoneyDto, PrintRequest};
use crate::engine::{Ctx, Done, Effects, Op, Outcome, event_currency};
use crate::error::Refusal;
use crate::privilege::Privilege;
use crate::registration::Newcomer;
use crate::session::Session;
use crate::{ApiError, Engine, ErrorCode};

/// Longest reason, reference, bag number or witness name.
const MAX_TEXT: usize = 200;

/// The event's cash rules, read in the transaction that uses them.
#[derive(Debug, Clone)]
pub(crate) struct CashConfig {
    pub currency: Currency,
    pub denominations: Denominations,
    pub rounding: CashRounding,
    pub tolerance: i64,
    pub max: i64,
}

pub(crate) fn config(tx: &ReadTx<'_>) -> Result<CashConfig, ApiError> {
    let currency = event_currency(tx)?;
    let row = tx.cash_settings()?;
    let denominations = match row.denominations {
        Some(values) => Denominations::new(values)
            .map_err(|e| ApiError::new(ErrorCode::DatabaseDamaged, e.to_string()))?,
        None => Denominations::for_currency(&currency),
    };
    let rounding = CashRounding::from_minor(row.rounding_minor).unwrap_or(CashRounding::NONE);
    let max = cash::max_amount(&currency, &denominations);
    Ok(CashConfig { currency, denominations, rounding, tolerance: row.tolerance_minor, max })
}

impl CashConfig {
    pub(crate) fn money(&self, minor: i64) -> MoneyDto {
        MoneyDto::from(&Money::new(minor, self.currency.clone()))
    }

    /// Reads an amount typed by a person: positive (or zero when allowed),
    /// at most the currency's decimals, not absurd.
    fn amount(&self, field: &'static str, text: &str, zero_ok: bool) -> Result<i64, ApiError> {
        if text.trim().is_empty() {
            return Err(Refusal::invalid(field, format!("give the {}", field.replace('_', " "))).into());
        }
        let minor = Money::parse_decimal(text, self.currency.clone())
            .map_err(|e| Refusal::invalid(field, e.to_string()))?
            .minor;
        if minor < 0 {
            return Err(Refusal::invalid(field, "the amount cannot be negative").into());
        }
        if minor == 0 && !zero_ok {
            return Err(Refusal::invalid(field, "the amount must be more than zero").into());
        }
        if minor > self.max {
            let max = Money::new(self.max, self.currency.clone());
            return Err(Refusal::invalid(
                field,
                format!("{text} is more than any desk takes (at most {max})"),
            )
            .into());
        }
        Ok(minor)
    }

    fn count(&self, text: &str) -> Result<Count, ApiError> {
        Count::parse(text, &self.denominations, &self.currency)
            .map_err(|e| Refusal::invalid("count", e.to_string()).into())
    }
}

/// A bounded free-text field; `required` refuses an empty one.
fn text(field: &'static str, value: &str, required: bool) -> Result<Option<String>, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        if required {
            return Err(Refusal::invalid(field, format!("give the {}", field.replace('_', " "))).into());
        }
        return Ok(None);
    }
    let len = value.chars().count();
    if len > MAX_TEXT {
        return Err(Refusal::invalid(
            field,
            format!("{} is too long ({len} characters, at most {MAX_TEXT})", field.replace('_', " ")),
        )
        .into());
    }
    if value.chars().any(char::is_control) {
        return Err(
            Refusal::invalid(field, format!("{} has control characters", field.replace('_', " "))).into()
        );
    }
    Ok(Some(value.to_owned()))
}

fn method(text: &str) -> Result<Method, ApiError> {
    Method::parse(text).ok_or_else(|| {
        Refusal::invalid(
            "payment method",
            format!("{text:?} is not a payment method: use cash, card, voucher or comp"),
        )
        .into()
    })
}

/// What an entry is about besides its kind and amount.
#[derive(Debug, Default)]
struct Fields {
    method: Option<Method>,
    ticket_type: Option<String>,
    attendee: Option<String>,
    reference: Option<String>,
    reason: Option<String>,
    witness: Option<String>,
    lead: Option<String>,
    reverses: Option<String>,
    count: Option<Count>,
    tendered: Option<i64>,
    change: Option<i64>,
}

impl Engine {
    /// The business day of `at`: this desk's local date.
    pub(crate) fn business_day(&self, at: lanyard_core::Timestamp) -> String {
        cash::business_day(at, self.parts.clock.utc_offset_minutes(at))
    }

    /// This desk's receipt prefix: its badge prefix, unique per installation.
    fn receipt_prefix(&self) -> String {
        let code = lanyard_core::BadgeCode::with_prefix(self.installation().badge_prefix, 0);
        code.as_str().chars().take(lanyard_core::ids::BADGE_PREFIX_LEN).collect()
    }

    /// Appends a sealed entry to the drawer of `shift`.
    #[allow(clippy::too_many_arguments, reason = "an entry's kind, amount and fields, and where it goes")]
    fn book(
        &self,
        tx: &WriteTx<'_>,
        ctx: &Ctx<'_>,
        shift: &CashShiftRow,
        cfg: &CashConfig,
        kind: EntryKind,
        amount: i64,
        fields: Fields,
    ) -> Result<Entry, ApiError> {
        let day = self.business_day(ctx.now);
        if tx.closed_cash_day(&day)?.is_some() {
            return Err(Refusal::DayClosed(day).into());
        }
        let (seq, prev) = tx.cash_chain_head(&shift.drawer)?.unwrap_or((0, GENESIS_HASH.to_owned()));
        let operator =
            ctx.session.operator.as_ref().map_or_else(|| shift.operator.clone(), ToString::to_string);
        let mut entry = Entry {
            drawer: shift.drawer.clone(),
            seq: seq + 1,
            uid: Uid::new(ctx.now, self.parts.random.as_ref())?.as_str().to_owned(),
            day,
            at: ctx.now,
            shift: shift.uid.clone(),
            operator,
            kind,
            method: fields.method,
            amount,
            currency: cfg.currency.to_string(),
            // A sale's receipt number is the desk's prefix and the sale's own entry number.
            receipt: (kind == EntryKind::Sale).then(|| format!("{}-{:06}", self.receipt_prefix(), seq + 1)),
            ticket_type: fields.ticket_type,
            attendee: fields.attendee,
            reference: fields.reference,
            reason: fields.reason,
            witness: fields.witness,
            lead: fields.lead,
            reverses: fields.reverses,
            count: fields.count,
            tendered: fields.tendered,
            change: fields.change,
            prev_hash: String::new(),
            hash: String::new(),
        };
        entry.seal(&prev);
        tx.insert_cash_entry(&entry)?;
        Ok(entry)
    }

    /// This desk's open cash shift, refused when there is none (a closed
    /// day is refused when an entry is booked).
    fn open_drawer_shift(&self, tx: &ReadTx<'_>, session: &Session) -> Result<CashShiftRow, ApiError> {
        let shift = tx.open_cash_shift(session.desk_id.as_str())?.ok_or(Refusal::NoCashShift)?;
        Ok(shift)
    }

    fn shift_dto(
        &self,
        tx: &ReadTx<'_>,
        shift: &CashShiftRow,
        cfg: &CashConfig,
    ) -> Result<CashShiftDto, ApiError> {
        let entries = tx.cash_entries_of_shift(&shift.uid)?;
        Ok(shift_dto(shift, &entries, cfg))
    }

    /// The cash box of this desk: the day, the open shift, the rules and
    /// prices. Never what the drawer should hold.
    pub fn cash_status(&self, session: &Session) -> Result<CashStatus, ApiError> {
        let day = self.business_day(self.now());
        self.store.read(|tx| {
            let cfg = config(tx)?;
            let shift = match tx.open_cash_shift(session.desk_id.as_str())? {
                Some(s) => Some(self.shift_dto(tx, &s, &cfg)?),
                None => None,
            };
            Ok(CashStatus {
                day_closed: tx.closed_cash_day(&day)?.is_some(),
                day,
                shift,
                currency: cfg.currency.to_string(),
                exponent: cfg.currency.exponent(),
                denominations: cfg.denominations.values().iter().map(|v| cfg.money(*v)).collect(),
                rounding: cfg.money(cfg.rounding.increment()),
                tolerance: cfg.money(cfg.tolerance),
                prices: prices(tx, &cfg)?,
            })
        })
    }

    /// Sets (or, with `remove`, takes off the list) a ticket type's price. A lead's act.
    pub fn set_price(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        ticket_type: &str,
        amount: &str,
        remove: bool,
        key: &str,
    ) -> Result<Vec<PriceDto>, ApiError> {
        let ticket_type = text("ticket_type", ticket_type, true)?.unwrap_or_default();
        if ticket_type.chars().count() > 100 {
            return Err(
                Refusal::invalid("ticket_type", "ticket type is too long (at most 100 characters)").into()
            );
        }
        let request = (&ticket_type, amount.trim(), remove);
        let op = Op { action: "set_price", key, request: &request, lead: Some((Privilege::SetPrices, auth)) };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let lead = ctx.lead.as_ref().map(ToString::to_string).unwrap_or_default();
                let amount_minor = if remove {
                    if !tx.remove_price(&ticket_type)? {
                        return Err(Refusal::invalid(
                            "ticket_type",
                            format!("{ticket_type} is not on the price list"),
                        )
                        .into());
                    }
                    None
                } else {
                    let minor = cfg.amount("price", amount, true)?;
                    let by = ctx.lead.clone().ok_or(Refusal::LeadRequired)?;
                    let row = PriceRow {
                        ticket_type: ticket_type.clone(),
                        amount_minor: minor,
                        currency: cfg.currency.to_string(),
                        position: 0,
                    };
                    tx.set_price(&row, ctx.now, &by)?;
                    Some(minor)
                };
                effects.touched(ChangeKind::Event);
                let list = prices(tx, &cfg)?;
                Ok(Done::Ok(
                    list,
                    AuditAction::SetPrice { ticket_type: ticket_type.clone(), amount_minor, lead },
                ))
            },
        )
    }

    /// Sets how the event's cash is counted and rounded: denominations in
    /// major units (`500,200,100,0.50`; empty: the currency's own), the cash
    /// rounding (`none`, `0.05`, `0.10`, `1.00`) and the closing tolerance.
    pub fn set_cash_settings(
        &self,
        session: &Session,
        auth: Option<&LeadAuth>,
        denominations: &str,
        rounding: &str,
        tolerance: &str,
        key: &str,
    ) -> Result<CashStatus, ApiError> {
        let request = (denominations.trim(), rounding.trim(), tolerance.trim());
        let op = Op {
            action: "set_cash_settings",
            key,
            request: &request,
            lead: Some((Privilege::SetPrices, auth)),
        };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let currency = event_currency(tx)?;
                let own = if denominations.trim().is_empty() {
                    None
                } else {
                    let mut values = Vec::new();
                    for part in denominations.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        let m = Money::parse_decimal(part, currency.clone())
                            .map_err(|e| Refusal::invalid("denominations", e.to_string()))?;
                        values.push(m.minor);
                    }
                    Some(
                        Denominations::new(values)
                            .map_err(|e| Refusal::invalid("denominations", e.to_string()))?,
                    )
                };
                let rounding = CashRounding::parse(rounding, &currency)
                    .map_err(|e| Refusal::invalid("rounding", e.to_string()))?;
                let tolerance = if tolerance.trim().is_empty() {
                    0
                } else {
                    let t = Money::parse_decimal(tolerance, currency.clone())
                        .map_err(|e| Refusal::invalid("tolerance", e.to_string()))?;
                    if t.minor < 0 {
                        return Err(Refusal::invalid("tolerance", "the tolerance cannot be negative").into());
                    }
                    t.minor
                };
                let row = CashSettingsRow {
                    denominations: own.as_ref().map(|d| d.values().to_vec()),
                    rounding_minor: rounding.increment(),
                    tolerance_minor: tolerance,
                };
                tx.set_cash_settings(&row, ctx.now)?;
                effects.touched(ChangeKind::Event);
                let values = own.unwrap_or_else(|| Denominations::for_currency(&currency)).values().to_vec();
                let audit = AuditAction::SetCashSettings {
                    denominations: values,
                    rounding_minor: rounding.increment(),
                    tolerance_minor: tolerance,
                    lead: ctx.lead.as_ref().map(ToString::to_string).unwrap_or_default(),
                };
                Ok(Done::Ok((), audit))
            },
        )?;
        self.cash_status(session)
    }

    /// Opens a cash shift on this desk's drawer with the float counted by
    /// denomination. One open shift per drawer: a handover is the last
    /// shift's counted close, then this counted open.
    pub fn open_cash_shift(
        &self,
        session: &Session,
        request: &OpenDrawerRequest,
    ) -> Result<CashShiftDto, ApiError> {
        let operator = session.operator.clone().ok_or(Refusal::NoOperator { doing: "opening the drawer" })?;
        let op = Op { action: "open_cash_shift", key: &request.idempotency_key, request, lead: None };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let drawer = ctx.session.desk_id.as_str();
                if let Some(open) = tx.open_cash_shift(drawer)? {
                    return Err(Refusal::CashShiftOpen { operator: open.operator }.into());
                }
                let day = self.business_day(ctx.now);
                if tx.closed_cash_day(&day)?.is_some() {
                    return Err(Refusal::DayClosed(day).into());
                }
                let count = cfg.count(&request.count)?;
                let shift = CashShiftRow {
                    uid: Uid::new(ctx.now, self.parts.random.as_ref())?.as_str().to_owned(),
                    drawer: drawer.to_owned(),
                    desk_name: ctx.session.desk.to_string(),
                    operator: operator.to_string(),
                    day,
                    opened_at: ctx.now,
                    closed_at: None,
                };
                tx.insert_cash_shift(&shift)?;
                let total = count.total();
                self.book(
                    tx,
                    ctx,
                    &shift,
                    &cfg,
                    EntryKind::Float,
                    total,
                    Fields { count: Some(count), ..Fields::default() },
                )?;
                effects.touched(ChangeKind::Shifts);
                let dto = self.shift_dto(tx, &shift, &cfg)?;
                Ok(Done::Ok(dto, AuditAction::OpenCashShift { shift: shift.uid.clone(), float_minor: total }))
            },
        )
    }

    /// Sells a walk-in a ticket: registers them, books the sale (and its
    /// cash rounding) on this desk's open shift, and checks them in, in one
    /// transaction; then prints the badge when the desk prints on check-in.
    pub fn sell_ticket(&self, session: &Session, request: &SaleRequest) -> Result<SaleReceipt, ApiError> {
        let operator = session.operator.clone().ok_or(Refusal::NoOperator { doing: "selling tickets" })?;
        let r = request;
        let newcomer = Newcomer::check(
            &r.display_name,
            [&r.affiliation, &r.hometown, &r.email, &r.ticket_type, &r.role],
            &r.interests,
        )?;
        let how = method(&request.payment.method)?;
        let lead = (how == Method::Comp).then_some((Privilege::CompTicket, request.auth.as_ref()));
        let op = Op { action: "sell_ticket", key: &request.idempotency_key, request, lead };
        let receipt = self.perform(
            session,
            op,
            // After the replay check: a retried sale returns its receipt.
            |_| self.refuse_lookalikes(&newcomer.display_name, &request.email, request.confirm_new),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let shift = self.open_drawer_shift(tx, ctx.session)?;
                let price = priced(tx, &cfg, &request.ticket_type)?;
                let attendee = newcomer.attendee(self, tx, &price.ticket_type, 0)?;
                let id = tx.insert_attendee(&attendee, ctx.now)?;
                tx.insert_check_in(&check_in(id, ctx, &operator), ctx.session.shift.as_ref())?;
                let sold = Sold {
                    id,
                    ticket_type: &price.ticket_type,
                    price: price.amount_minor,
                    how,
                    payment: &request.payment,
                };
                self.book_sale(tx, ctx, (&shift, &cfg), &sold, effects)
            },
        )?;
        Ok(self.auto_print_sale(session, receipt, &request.idempotency_key))
    }

    /// Settles what a pre-registered attendee owes (the check-in refusal
    /// "still owes 25.00"), then checks them in, in one transaction.
    pub fn settle_amount_due(
        &self,
        session: &Session,
        request: &SettleRequest,
    ) -> Result<SaleReceipt, ApiError> {
        let operator = session.operator.clone().ok_or(Refusal::NoOperator { doing: "taking payments" })?;
        let how = method(&request.payment.method)?;
        let lead = (how == Method::Comp).then_some((Privilege::CompTicket, request.auth.as_ref()));
        let id = AttendeeId(request.attendee_id);
        let op = Op { action: "settle_amount_due", key: &request.idempotency_key, request, lead };
        let receipt = self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let shift = self.open_drawer_shift(tx, ctx.session)?;
                let a = tx.attendee(id)?.ok_or(Refusal::UnknownAttendee(id))?;
                let name = a.details.display_name.clone();
                if a.details.status == TicketStatus::Cancelled {
                    return Err(Refusal::TicketCancelled { attendee: id, name }.into());
                }
                let due = a.details.amount_due_cents;
                if due <= 0 {
                    return Err(
                        Refusal::invalid("attendee", format!("{name} owes nothing: check them in")).into()
                    );
                }
                let mut settled = a.details.clone();
                settled.amount_due_cents = 0;
                tx.update_attendee(id, &settled, ctx.now)?;
                if tx.active_check_in(id)?.is_none() {
                    tx.insert_check_in(&check_in(id, ctx, &operator), ctx.session.shift.as_ref())?;
                }
                let sold = Sold {
                    id,
                    ticket_type: &a.details.ticket_type,
                    price: due,
                    how,
                    payment: &request.payment,
                };
                self.book_sale(tx, ctx, (&shift, &cfg), &sold, effects)
            },
        )?;
        Ok(self.auto_print_sale(session, receipt, &request.idempotency_key))
    }

    /// Books a sale (with its cash rounding) on `shift`: the receipt as the
    /// desk shows it, with its audit entry.
    fn book_sale(
        &self,
        tx: &WriteTx<'_>,
        ctx: &Ctx<'_>,
        (shift, cfg): (&CashShiftRow, &CashConfig),
        sold: &Sold<'_>,
        effects: &mut Effects,
    ) -> Result<Done<SaleReceipt>, ApiError> {
        let Sold { id, ticket_type, price, how, payment } = *sold;
        let mut fields = Fields {
            method: Some(how),
            ticket_type: Some(ticket_type.to_owned()),
            attendee: tx.attendee_uid(id)?,
            ..Fields::default()
        };
        let mut amount = price;
        let mut adjustment = 0;
        match how {
            Method::Cash => {
                let tendered = if payment.tendered.trim().is_empty() {
                    cfg.rounding.round(price)
                } else {
                    cfg.amount("tendered", &payment.tendered, true)?
                };
                let t = tender_cash(price, cfg.rounding, tendered).map_err(|_| {
                    let due = Money::new(cfg.rounding.round(price), cfg.currency.clone());
                    let given = Money::new(tendered, cfg.currency.clone());
                    Refusal::invalid("tendered", format!("{given} handed over is less than the {due} due"))
                })?;
                adjustment = t.adjustment;
                fields.tendered = Some(t.tendered);
                fields.change = Some(t.change);
            }
            Method::Card => fields.reference = text("card reference", &payment.reference, true)?,
            Method::Voucher => fields.reference = text("voucher code", &payment.reference, true)?,
            Method::Comp => {
                fields.reason = text("reason", &payment.reason, true)?;
                fields.lead = ctx.lead.as_ref().map(ToString::to_string);
                amount = 0;
            }
        }
        let (tendered, change, reference) = (fields.tendered, fields.change, fields.reference.clone());
        let sale = self.book(tx, ctx, shift, cfg, EntryKind::Sale, amount, fields)?;
        let receipt_no = sale.receipt.clone().unwrap_or_default();
        if adjustment != 0 {
            let rounding = Fields { reference: Some(receipt_no.clone()), ..Fields::default() };
            self.book(tx, ctx, shift, cfg, EntryKind::Rounding, adjustment, rounding)?;
        }
        let receipt = SaleReceipt {
            receipt: receipt_no,
            attendee: cards(tx, &[id])?.remove(0),
            ticket_type: ticket_type.to_owned(),
            method: how.as_str().to_owned(),
            price: cfg.money(amount),
            rounding: cfg.money(adjustment),
            paid: cfg.money(amount + adjustment),
            tendered: tendered.map(|t| cfg.money(t)),
            change: change.map(|c| cfg.money(c)),
            reference,
            at: sale.at.to_rfc3339(),
            replayed: false,
            auto_print: None,
        };
        effects.attendee(id);
        effects.touched(ChangeKind::Shifts);
        let audit = sale_audit(&receipt, id, ctx);
        Ok(Done::Ok(receipt, audit))
    }

    /// Sends a sold ticket's badge when this desk prints on check-in.
    fn auto_print_sale(&self, session: &Session, mut receipt: SaleReceipt, key: &str) -> SaleReceipt {
        if receipt.replayed || !self.installation().auto_print || receipt.attendee.printed > 0 {
            return receipt;
        }
        let print = PrintRequest {
            attendee_id: receipt.attendee.id,
            reprint: false,
            printer: None,
            idempotency_key: format!("{key}/print"),
            auth: None,
            confirm_missing: false,
        };
        receipt.auto_print = Some(match self.print_badge(session, &print) {
            Ok(printed) => AutoPrint { job: Some(printed.job), printer: Some(printed.printer), error: None },
            Err(error) => AutoPrint { job: None, printer: None, error: Some(error) },
        });
        receipt
    }

    /// Pays cash in, pays it out, or takes it to the safe (a deposit, with
    /// its bag number and a witness). Paying out or depositing more than the
    /// drawer should hold is refused.
    pub fn cash_movement(&self, session: &Session, request: &MovementRequest) -> Result<EntryDto, ApiError> {
        session.operator.clone().ok_or(Refusal::NoOperator { doing: "handling the drawer" })?;
        let kind = match request.kind.as_str() {
            "pay_in" => EntryKind::PayIn,
            "pay_out" => EntryKind::PayOut,
            "deposit" => EntryKind::Deposit,
            other => {
                return Err(
                    Refusal::invalid("kind", format!("{other:?} is not pay_in, pay_out or deposit")).into()
                );
            }
        };
        let op = Op { action: "cash_movement", key: &request.idempotency_key, request, lead: None };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let shift = self.open_drawer_shift(tx, ctx.session)?;
                let amount = cfg.amount("amount", &request.amount, false)?;
                let mut fields = Fields::default();
                if kind == EntryKind::Deposit {
                    fields.reference = text("bag", &request.bag, true)?;
                    let witness = text("witness", &request.witness, true)?.unwrap_or_default();
                    if ctx
                        .session
                        .operator
                        .as_ref()
                        .is_some_and(|o| o.as_str().eq_ignore_ascii_case(&witness))
                    {
                        return Err(Refusal::invalid(
                            "witness",
                            "the witness must be someone other than the volunteer",
                        )
                        .into());
                    }
                    fields.witness = Some(witness);
                    fields.reason = text("reason", &request.reason, false)?;
                } else {
                    fields.reason = text("reason", &request.reason, true)?;
                }
                let signed = if kind == EntryKind::PayIn { amount } else { -amount };
                if signed < 0 {
                    let held = expected_cash(&tx.cash_entries_of_shift(&shift.uid)?);
                    if amount > held {
                        return Err(Refusal::invalid(
                            "amount",
                            "that is more cash than the drawer should hold",
                        )
                        .into());
                    }
                }
                let entry = self.book(tx, ctx, &shift, &cfg, kind, signed, fields)?;
                effects.touched(ChangeKind::Shifts);
                let audit = AuditAction::CashMovement {
                    kind: kind.as_str().to_owned(),
                    seq: entry.seq,
                    amount_minor: signed,
                };
                Ok(Done::Ok(entry_dto(&entry, &cfg), audit))
            },
        )
    }

    /// Refunds (money back) or voids (a mistaken sale, while its shift is
    /// open) a sale by its receipt number: a reversing entry that points at
    /// the sale, with a reason and a lead's PIN. The sale itself is never
    /// changed; a sale is reversed at most once.
    pub fn refund_sale(&self, session: &Session, request: &RefundRequest) -> Result<RefundReceipt, ApiError> {
        session.operator.clone().ok_or(Refusal::NoOperator { doing: "refunds" })?;
        let reason = text("reason", &request.reason, true)?.unwrap_or_default();
        let receipt_no = request.receipt.trim().to_owned();
        let op = Op {
            action: "refund_sale",
            key: &request.idempotency_key,
            request,
            lead: Some((Privilege::Refund, request.auth.as_ref())),
        };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let shift = self.open_drawer_shift(tx, ctx.session)?;
                let sale = tx
                    .cash_entry_by_receipt(&receipt_no)?
                    .filter(|e| e.kind == EntryKind::Sale)
                    .ok_or_else(|| Refusal::UnknownReceipt(receipt_no.clone()))?;
                let reversals = tx.cash_reversals_of(&sale.uid)?;
                if reversals.iter().any(|e| matches!(e.kind, EntryKind::Refund | EntryKind::Void)) {
                    return Err(Refusal::AlreadyRefunded(receipt_no.clone()).into());
                }
                let amount = if request.amount.trim().is_empty() {
                    sale.amount
                } else {
                    let a = cfg.amount("amount", &request.amount, false)?;
                    if a > sale.amount {
                        let sold = Money::new(sale.amount, cfg.currency.clone());
                        return Err(Refusal::invalid(
                            "amount",
                            format!("the refund is larger than the sale ({sold})"),
                        )
                        .into());
                    }
                    a
                };
                if request.void {
                    if sale.shift != shift.uid {
                        return Err(Refusal::invalid(
                            "void",
                            "a sale can only be voided in the shift that made it: refund it instead",
                        )
                        .into());
                    }
                    if amount != sale.amount {
                        return Err(Refusal::invalid("amount", "a void cancels the whole sale").into());
                    }
                }
                let lead = ctx.lead.as_ref().map(ToString::to_string);
                let kind = if request.void { EntryKind::Void } else { EntryKind::Refund };
                let fields = Fields {
                    method: sale.method,
                    ticket_type: sale.ticket_type.clone(),
                    attendee: sale.attendee.clone(),
                    reference: Some(receipt_no.clone()),
                    reason: Some(reason.clone()),
                    lead: lead.clone(),
                    reverses: Some(sale.uid.clone()),
                    ..Fields::default()
                };
                let entry = self.book(tx, ctx, &shift, &cfg, kind, -amount, fields)?;
                let mut cash_back = 0;
                if sale.method == Some(Method::Cash) {
                    // The cash handed back: what was paid (the sale's own
                    // rounding) for the whole sale, or the part rounded.
                    let sale_rounding = rounding_of(tx, &sale)?;
                    let back = if amount == sale.amount {
                        amount + sale_rounding.as_ref().map_or(0, |r| r.amount)
                    } else {
                        cfg.rounding.round(amount)
                    };
                    if back != amount {
                        let fields = Fields {
                            reference: Some(receipt_no.clone()),
                            reverses: sale_rounding.map(|r| r.uid),
                            ..Fields::default()
                        };
                        self.book(tx, ctx, &shift, &cfg, EntryKind::Rounding, amount - back, fields)?;
                    }
                    cash_back = back;
                }
                effects.touched(ChangeKind::Shifts);
                let audit = AuditAction::CashRefund {
                    receipt: receipt_no.clone(),
                    amount_minor: amount,
                    void: request.void,
                    lead: lead.unwrap_or_default(),
                };
                let receipt = RefundReceipt {
                    receipt: receipt_no.clone(),
                    entry: entry_dto(&entry, &cfg),
                    cash_back: cfg.money(cash_back),
                };
                Ok(Done::Ok(receipt, audit))
            },
        )
    }

    /// Closes this desk's cash shift with a blind count: the volunteer
    /// counts first; then the count, the expected cash and the difference
    /// are booked and shown. A difference above the event's tolerance needs
    /// a lead's PIN and a note.
    pub fn close_cash_shift(
        &self,
        session: &Session,
        request: &CloseDrawerRequest,
    ) -> Result<CloseResult, ApiError> {
        session.operator.clone().ok_or(Refusal::NoOperator { doing: "closing the drawer" })?;
        let note = text("note", &request.note, false)?;
        // Whether a lead is needed is known before any PIN is asked: the
        // count against the ledger, read now and checked again when booked.
        // A close already made is replayed by `perform` whatever the drawer
        // holds now (the next shift's float is not what it counted).
        let done = self.already_done(&request.idempotency_key)?;
        let over = self.store.read(|tx| {
            if done {
                return Ok(false);
            }
            let cfg = config(tx)?;
            let count = cfg.count(&request.count)?;
            let Some(shift) = tx.open_cash_shift(session.desk_id.as_str())? else {
                return Ok::<_, ApiError>(false);
            };
            let expected = expected_cash(&tx.cash_entries_of_shift(&shift.uid)?);
            Ok((count.total() - expected).abs() > cfg.tolerance)
        })?;
        let lead = if over {
            if request.auth.is_none() || note.is_none() {
                return Err(Refusal::DifferenceNeedsLead { note_missing: note.is_none() }.into());
            }
            Some((Privilege::ApproveDifference, request.auth.as_ref()))
        } else {
            None
        };
        let op = Op { action: "close_cash_shift", key: &request.idempotency_key, request, lead };
        let closed = self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let cfg = config(tx)?;
                let shift = self.open_drawer_shift(tx, ctx.session)?;
                let count = cfg.count(&request.count)?;
                let expected = expected_cash(&tx.cash_entries_of_shift(&shift.uid)?);
                let counted = count.total();
                let difference = counted - expected;
                let approved = ctx.lead.as_ref().map(ToString::to_string);
                if difference.abs() > cfg.tolerance && approved.is_none() {
                    return Err(Refusal::DifferenceNeedsLead { note_missing: note.is_none() }.into());
                }
                self.book(
                    tx,
                    ctx,
                    &shift,
                    &cfg,
                    EntryKind::Count,
                    counted,
                    Fields { count: Some(count), ..Fields::default() },
                )?;
                if difference != 0 {
                    let fields = Fields { reason: note.clone(), lead: approved.clone(), ..Fields::default() };
                    self.book(tx, ctx, &shift, &cfg, EntryKind::Difference, difference, fields)?;
                }
                tx.close_cash_shift(&shift.uid, ctx.now)?;
                effects.touched(ChangeKind::Shifts);
                let closed = tx.cash_shift(&shift.uid)?.unwrap_or(shift.clone());
                let audit = AuditAction::CloseCashShift {
                    shift: shift.uid.clone(),
                    counted_minor: counted,
                    expected_minor: expected,
                    lead: approved.clone(),
                };
                let result = CloseResult {
                    shift: self.shift_dto(tx, &closed, &cfg)?,
                    counted: cfg.money(counted),
                    expected: cfg.money(expected),
                    difference: cfg.money(difference),
                    approved_by: approved,
                };
                Ok(Done::Ok(result, audit))
            },
        )?;
        // Every cash close is backed up (when the desk backs itself up).
        self.backup_if_due(session, true);
        Ok(closed)
    }
}

/// What is sold: to whom, which ticket, at what price, paid how.
#[derive(Debug, Clone, Copy)]
struct Sold<'a> {
    id: AttendeeId,
    ticket_type: &'a str,
    price: i64,
    how: Method,
    payment: &'a PaymentRequest,
}

/// A check-in made at the desk now.
fn check_in(id: AttendeeId, ctx: &Ctx<'_>, operator: &lanyard_core::OperatorName) -> CheckIn {
    CheckIn { attendee_id: id, at: ctx.now, desk: ctx.session.desk.clone(), operator: operator.clone() }
}

fn sale_audit(receipt: &SaleReceipt, id: AttendeeId, ctx: &Ctx<'_>) -> AuditAction {
    AuditAction::CashSale {
        attendee: id,
        receipt: receipt.receipt.clone(),
        method: receipt.method.clone(),
        amount_minor: receipt.price.minor,
        lead: ctx.lead.as_ref().map(ToString::to_string),
    }
}

/// The cash rounding booked with a sale, if it had one (the entry that
/// names the sale's receipt, in the sale's shift).
pub(crate) fn rounding_of(tx: &ReadTx<'_>, sale: &Entry) -> Result<Option<Entry>, ApiError> {
    let Some(receipt) = sale.receipt.as_deref() else { return Ok(None) };
    Ok(tx.cash_entries_of_shift(&sale.shift)?.into_iter().find(|e| {
        e.kind == EntryKind::Rounding && e.reverses.is_none() && e.reference.as_deref() == Some(receipt)
    }))
}

/// The price list as DTOs.
fn prices(tx: &ReadTx<'_>, cfg: &CashConfig) -> Result<Vec<PriceDto>, ApiError> {
    Ok(tx
        .prices()?
        .into_iter()
        .map(|p| PriceDto { ticket_type: p.ticket_type, price: cfg.money(p.amount_minor) })
        .collect())
}

/// The price of a ticket type (matched without regard to case), refused
/// when it is not on the list.
fn priced(tx: &ReadTx<'_>, cfg: &CashConfig, ticket_type: &str) -> Result<PriceRow, ApiError> {
    let wanted = ticket_type.trim();
    let list = tx.prices()?;
    if let Some(p) = list.iter().find(|p| p.ticket_type.eq_ignore_ascii_case(wanted)) {
        if p.currency != cfg.currency.as_str() {
            return Err(Refusal::invalid(
                "ticket_type",
                format!("{} is priced in {}, not the event's {}", p.ticket_type, p.currency, cfg.currency),
            )
            .into());
        }
        return Ok(p.clone());
    }
    let names: Vec<&str> = list.iter().map(|p| p.ticket_type.as_str()).collect();
    let offer = if names.is_empty() {
        "the price list is empty: a lead sets prices first".to_owned()
    } else {
        format!("choose one of {}", names.join(", "))
    };
    Err(Refusal::invalid("ticket_type", format!("{wanted:?} is not on the price list: {offer}")).into())
}

pub(crate) fn shift_dto(shift: &CashShiftRow, entries: &[Entry], cfg: &CashConfig) -> CashShiftDto {
    let float = entries.iter().filter(|e| e.kind == EntryKind::Float).map(|e| e.amount).sum();
    let sales = entries.iter().filter(|e| e.kind == EntryKind::Sale).count() as u32;
    CashShiftDto {
        id: shift.uid.clone(),
        operator: shift.operator.clone(),
        desk_name: shift.desk_name.clone(),
        day: shift.day.clone(),
        opened_at: shift.opened_at.to_rfc3339(),
        closed_at: shift.closed_at.map(|t| t.to_rfc3339()),
        float: cfg.money(float),
        sales,
    }
}

pub(crate) fn entry_dto(e: &Entry, cfg: &CashConfig) -> EntryDto {
    let mut detail: Vec<String> = Vec::new();
    if let Some(r) = &e.reason {
        detail.push(r.clone());
    }
    if let Some(r) = &e.reference {
        detail.push(match e.kind {
            EntryKind::Deposit => format!("bag {r}"),
            EntryKind::Refund | EntryKind::Void | EntryKind::Rounding => format!("receipt {r}"),
            _ => format!("ref {r}"),
        });
    }
    if let Some(w) = &e.witness {
        detail.push(format!("witness {w}"));
    }
    if let Some(l) = &e.lead {
        detail.push(format!("lead {l}"));
    }
    if let Some(c) = &e.count {
        let pieces: Vec<String> =
            c.pieces().map(|(v, n)| format!("{}x{n}", major(v, &cfg.currency))).collect();
        if !pieces.is_empty() {
            detail.push(pieces.join(", "));
        }
    }
    EntryDto {
        seq: e.seq,
        kind: e.kind.as_str().to_owned(),
        method: e.method.map(|m| m.as_str().to_owned()),
        amount: cfg.money(e.amount),
        at: e.at.to_rfc3339(),
        operator: e.operator.clone(),
        receipt: e.receipt.clone(),
        detail: detail.join("; "),
    }
}

impl Outcome for CashShiftDto {}
impl Outcome for EntryDto {}
impl Outcome for RefundReceipt {}
impl Outcome for CloseResult {}

impl Outcome for SaleReceipt {
    fn replayed(mut self) -> Self {
        self.replayed = true;
        self
    }
}
