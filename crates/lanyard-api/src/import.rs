//! The import use case: a CSV export becomes attendees, all or nothing.
//!
//! A dry run reports what would happen (new, updated, unchanged, problem
//! rows) without writing; the real import does the same work inside one
//! write transaction. A file with problem rows imports nothing unless the
//! request says to skip them (`skip_problem_rows`): then every other row
//! comes in, still in one transaction. People are matched by external id
//! (else e-mail), so a re-import updates them and keeps their check-ins,
//! badge codes and notes; it changes only the fields its mapping fills, and
//! never clears a ticket's codes (external id, secret, reference) with an
//! empty cell, so that a partial file cannot stop tickets from scanning.
//! A row whose status says it is no ticket (pending, expired, transferred)
//! adds nobody, and cancels the ticket of the person it matches.

use lanyard_core::audit::{AUDITED_IMPORT_CHANGES, ImportedChange};
use lanyard_core::hash::{FastMap, FastSet};
use lanyard_core::import::{self, Field, ImportedAttendee, Mapping, Parsed, Preset, Rule, Source};
use lanyard_core::search::SearchIndex;
use lanyard_core::{
    Attendee, AttendeeId, AuditAction, BadgeCode, Currency, NewAttendee, Role, Timestamp, search::fold,
};
use lanyard_store::{ReadTx, WriteTx};
use std::collections::HashSet;

use crate::dto::{ImportChange, ImportLookalike, ImportReport, ImportRequest, MappingRule, RowProblemDto};
use crate::engine::{Done, Op, Outcome, event_currency};
use crate::error::Refusal;
use crate::privilege::Privilege;
use crate::session::Session;
use crate::{ApiError, Engine};

impl Outcome for ImportReport {}

impl Engine {
    /// Imports (or, with `dry_run`, previews) a CSV export. The real import
    /// is one transaction: every row is applied, or none; a file with problem
    /// rows is refused with `import_has_problems` naming their lines, unless
    /// `skip_problem_rows` is set, and then every other row is applied.
    /// `progress` hears (rows done, rows in all) as the work goes on. The
    /// search index takes the new attendees in after the commit, built
    /// beside the old one, so searches keep answering throughout.
    pub fn import(
        &self,
        session: &Session,
        bytes: &[u8],
        request: &ImportRequest,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport, ApiError> {
        let (currency, categories) =
            self.store.read(|tx| Ok::<_, ApiError>((event_currency(tx)?, crate::badges::categories(tx)?)))?;
        let plan = plan(bytes, request, &currency, &categories)?;
        let mut fresh = self.badge_codes();
        if request.dry_run {
            return self
                .store
                .read(|tx| run(tx, None, &plan, &mut fresh, progress).map(|(report, _, _)| report));
        }
        // The file's own problems refuse it before the write transaction.
        if !request.skip_problem_rows {
            refuse_problems(&request.file_name, plan.parsed.problems.iter().map(|p| p.line))?;
        }
        let op = Op {
            action: "import",
            key: &request.idempotency_key,
            request: &ImportKey::of(request, bytes),
            lead: Some((Privilege::Import, request.auth.as_ref())),
        };
        self.perform(
            session,
            op,
            |_| Ok(()),
            |tx, ctx, (), effects| {
                let first_id = tx.next_attendee_id()?;
                let (report, audited, steps) = run(tx, Some(first_id), &plan, &mut fresh, progress)?;
                // Problems found against the store (a secret that is someone
                // else's) refuse it too; returning the error rolls back.
                if !request.skip_problem_rows {
                    refuse_problems(&request.file_name, report.problems.iter().map(|p| p.line))?;
                }
                if steps.len() > crate::engine::FULL_REBUILD_AFTER {
                    // A large import: the index the event will have is built on
                    // a second, low-priority thread while the rows are written
                    // (one after the other, the two took about as long).
                    let steps = std::sync::Arc::new(steps);
                    let builder = self.build_index_after(&steps);
                    write_steps(tx, &steps, ctx.now)?;
                    effects.all_attendees();
                    if let Some(builder) = builder {
                        effects.index_building(builder);
                    }
                } else {
                    write_steps(tx, &steps, ctx.now)?;
                    steps.iter().for_each(|step| effects.attendee(step.id));
                }
                let audit = AuditAction::Import {
                    file: report.file_name.clone(),
                    new: report.new,
                    updated: report.updated,
                    lead: ctx.lead.as_ref().map(ToString::to_string),
                    changes: audited.changes,
                    unlisted: audited.unlisted,
                };
                Ok(Done::Ok(report, audit))
            },
        )
    }

    /// Starts building, on a thread of its own, the search index of the
    /// event once `steps` are written: everyone already in the store (read
    /// on a connection of its own, which sees the store as the import's
    /// transaction found it, or once it committed) with the steps'
    /// attendees added or replaced. The thread runs at a low priority, so
    /// that searches made meanwhile come first. `None` when no thread could
    /// be started: the change feed then rebuilds the index after the commit.
    fn build_index_after(&self, steps: &std::sync::Arc<Vec<Step>>) -> Option<crate::engine::IndexBuild> {
        let engine = self.me.get().and_then(std::sync::Weak::upgrade)?;
        let steps = steps.clone();
        let build = move || {
            crate::engine::lower_this_threads_priority();
            let rows = engine.store.read(|tx| Ok::<_, ApiError>(tx.search_rows()?))?;
            let replaced: HashSet<AttendeeId> =
                steps.iter().filter(|s| s.kind == StepKind::Update).map(|s| s.id).collect();
            let kept: Vec<&lanyard_store::SearchRow> =
                rows.iter().filter(|r| !replaced.contains(&r.id)).collect();
            Ok(SearchIndex::build(
                kept.iter()
                    .map(|r| crate::engine::search_row_item(r))
                    .chain(steps.iter().map(|s| (s.id, s.attendee.display_name.as_str(), s.fields()))),
            ))
        };
        std::thread::Builder::new().name("lanyard-index-build".into()).spawn(build).ok()
    }
}

/// What an import does to one attendee, decided before anything is written.
pub(crate) struct Step {
    kind: StepKind,
    /// The attendee's id: for a new one, chosen from the store's next id.
    id: AttendeeId,
    /// Their details as they will be stored.
    attendee: NewAttendee,
    /// The reference of their source ticket after the import.
    reference: Option<String>,
    /// An update also sets the reference (it changed).
    sets_reference: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepKind {
    New,
    Update,
}

impl Step {
    /// The fields search looks at, with their weights.
    fn fields(&self) -> Vec<(&str, lanyard_core::search::FieldWeight)> {
        crate::engine::new_attendee_fields(&self.attendee, self.reference.as_deref())
    }
}

/// Writes the decided steps, in order.
fn write_steps(tx: &WriteTx<'_>, steps: &[Step], at: Timestamp) -> Result<(), ApiError> {
    for step in steps {
        match step.kind {
            StepKind::New => {
                tx.insert_attendee_as(step.id, &step.attendee, step.reference.as_deref(), at)?;
            }
            StepKind::Update => {
                tx.update_attendee(step.id, &step.attendee, at)?;
                if step.sets_reference {
                    tx.set_ticket_reference(step.id, step.reference.as_deref())?;
                }
            }
        }
    }
    Ok(())
}

/// What identifies an import request: the file's name, size and digest and
/// the mapping, not its bytes.
#[derive(Debug, serde::Serialize)]
struct ImportKey<'a> {
    request: &'a ImportRequest,
    bytes: usize,
    digest: String,
}

impl<'a> ImportKey<'a> {
    fn of(request: &'a ImportRequest, bytes: &[u8]) -> Self {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        ImportKey { request, bytes: bytes.len(), digest }
    }
}

/// How many changes a report lists (the counts cover every row).
const LISTED_CHANGES: usize = 200;

/// How many problem lines a refusal names (the dry run lists them all).
const NAMED_PROBLEM_LINES: usize = 10;

/// Refuses an import with problem rows, naming their lines.
fn refuse_problems(file: &str, lines: impl Iterator<Item = u64>) -> Result<(), ApiError> {
    let mut lines: Vec<u64> = lines.collect();
    if lines.is_empty() {
        return Ok(());
    }
    lines.sort_unstable();
    lines.dedup();
    Err(Refusal::ImportHasProblems {
        file: file.to_owned(),
        rows: lines.len(),
        lines: lines.into_iter().take(NAMED_PROBLEM_LINES).collect(),
    }
    .into())
}

/// What the audit entry says about the attendees an import changed.
#[derive(Debug, Default)]
pub(crate) struct Audited {
    changes: Vec<ImportedChange>,
    unlisted: usize,
}

/// Everything an import needs from the desk, decided before the transaction.
pub(crate) struct Plan {
    pub preset: Option<Preset>,
    pub table: import::Table,
    pub parsed: import::Parsed,
}

/// Reads the file and the mapping into a plan; whole-file problems are errors.
pub(crate) fn plan(
    bytes: &[u8],
    request: &ImportRequest,
    currency: &Currency,
    categories: &[String],
) -> Result<Plan, ApiError> {
    let invalid = |e: import::ImportError| ApiError::from(Refusal::UnreadableFile(e.to_string()));
    let table = import::read_table(&request.file_name, bytes).map_err(invalid)?;
    let (preset, mapping) = match (&request.mapping, &request.preset) {
        (Some(rules), _) => (None, mapping_from(rules)?),
        (None, Some(name)) => {
            let preset = Preset::parse(name).ok_or_else(|| {
                let known: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
                Refusal::invalid(
                    "preset",
                    format!("unknown preset {name:?}: use one of {}", known.join(", ")),
                )
            })?;
            (Some(preset), preset.mapping())
        }
        (None, None) => match Preset::detect(&table.headers) {
            Some(preset) => (Some(preset), preset.mapping()),
            None => {
                let refusal = Refusal::ImportNeedsMapping {
                    file: request.file_name.clone(),
                    columns: table.headers.clone(),
                };
                return Err(refusal.into());
            }
        },
    };
    let parsed = import::parse(&table, &mapping, categories, currency).map_err(invalid)?;
    Ok(Plan { preset, table, parsed })
}

/// The column headers of a file, for the mapping form.
pub fn columns(file_name: &str, bytes: &[u8]) -> Result<Vec<String>, ApiError> {
    import::read_table(file_name, bytes)
        .map(|t| t.headers)
        .map_err(|e| Refusal::UnreadableFile(e.to_string()).into())
}

fn mapping_from(rules: &[MappingRule]) -> Result<Mapping, ApiError> {
    let mut out = Vec::new();
    for rule in rules {
        let field: Field =
            serde_json::from_value(serde_json::Value::String(rule.field.clone())).map_err(|_| {
                Refusal::invalid("mapping", format!("unknown field {:?} in the mapping", rule.field))
            })?;
        let source = match (&rule.column, &rule.fixed) {
            (Some(column), _) if !column.trim().is_empty() => Source::Column(column.clone()),
            (_, Some(fixed)) => Source::Fixed(fixed.clone()),
            _ => continue,
        };
        out.push(Rule { field, source, optional: false });
    }
    Ok(Mapping { rules: out })
}

/// What the plan does to the store, computed inside a transaction: the
/// report, what the audit entry says, and the steps to write. New
/// attendees are numbered from `first_id` when the import is to be
/// applied; a dry run (`None`) only counts and lists.
pub(crate) fn run(
    tx: &ReadTx<'_>,
    first_id: Option<AttendeeId>,
    plan: &Plan,
    fresh_code: &mut dyn FnMut(&FastSet<BadgeCode>) -> Result<BadgeCode, ApiError>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(ImportReport, Audited, Vec<Step>), ApiError> {
    let apply = first_id.is_some();
    let existing = tx.all_attendees()?;
    // Sized for the file as well as the store: most rows of a first import
    // are new, and each adds its codes.
    let room = existing.len() + plan.parsed.attendees.len();
    let mut by_external: FastMap<String, &Attendee> = FastMap::default();
    let mut by_email: FastMap<String, &Attendee> = FastMap::default();
    let mut secrets: FastMap<String, AttendeeId> =
        FastMap::with_capacity_and_hasher(room, Default::default());
    let mut references: FastMap<String, AttendeeId> = FastMap::default();
    let mut codes: FastSet<BadgeCode> = FastSet::with_capacity_and_hasher(room, Default::default());
    for a in &existing {
        if let Some(ext) = &a.details.external_id {
            by_external.insert(ext.clone(), a);
        }
        if !a.details.email.is_empty() {
            by_email.insert(format!("email:{}", fold(&a.details.email)), a);
        }
        if let Some(secret) = &a.details.ticket_secret {
            secrets.insert(secret.clone(), a.id);
        }
        if let Some(reference) = &a.ticket_reference {
            references.insert(reference.to_lowercase(), a.id);
        }
        codes.insert(a.details.badge_code.clone());
    }

    let parsed = &plan.parsed;
    let mut report = ImportReport {
        file_name: plan.table.file.clone(),
        preset: plan.preset.map(|p| p.name().to_owned()),
        encoding: plan.table.encoding.to_owned(),
        delimiter: plan.table.delimiter.to_string(),
        rows: plan.table.data_rows(),
        new: 0,
        updated: 0,
        unchanged: 0,
        problems: parsed
            .problems
            .iter()
            .map(|p| RowProblemDto { line: p.line, column: p.column.clone(), reason: p.reason.clone() })
            .collect(),
        changes: Vec::new(),
        lookalikes: Vec::new(),
        applied: apply,
    };
    // A dry run looks for new rows that may be someone already registered.
    let mut by_name: FastMap<Vec<String>, Vec<AttendeeId>> = FastMap::default();
    if !apply {
        for a in &existing {
            by_name.entry(lanyard_core::search::name_key(&a.details.display_name)).or_default().push(a.id);
        }
    }
    let mut lookalikes: Vec<(u64, String, Vec<AttendeeId>)> = Vec::new();
    let mut audited = Audited::default();
    let mut steps = Vec::new();
    let mut next_id = first_id.unwrap_or(AttendeeId(0));
    let total = parsed.attendees.len();
    for (n, row) in parsed.attendees.iter().enumerate() {
        if n % 1000 == 0 {
            progress(n, total);
        }
        let found = row.key.as_ref().and_then(|k| by_external.get(k).or_else(|| by_email.get(k))).copied();
        let owner = found.map(|a| a.id);
        let mut left_out = |reason: String| {
            report.problems.push(RowProblemDto { line: row.line, column: None, reason });
        };
        if let (Some(why), None) = (&row.fields.not_a_ticket, found) {
            left_out(format!("{why}: not a valid ticket, so nobody is added"));
            continue;
        }
        if let Some(secret) = &row.fields.ticket_secret
            && let Some(&other) = secrets.get(secret)
            && Some(other) != owner
        {
            left_out(format!("the ticket secret {secret:?} belongs to another attendee: left out"));
            continue;
        }
        if let Some(reference) = &row.fields.ticket_reference
            && let Some(&other) = references.get(&reference.to_lowercase())
            && Some(other) != owner
        {
            left_out(format!("the ticket reference {reference:?} belongs to another attendee: left out"));
            continue;
        }
        match found {
            None => {
                let code = fresh_code(&codes)?;
                codes.insert(code.clone());
                let attendee = new_attendee(row, code);
                // In a dry run, new attendees all share the id 0: they are
                // never in the store.
                let id = next_id;
                if apply {
                    next_id = AttendeeId(next_id.0 + 1);
                }
                if let Some(secret) = &attendee.ticket_secret {
                    secrets.insert(secret.clone(), id);
                }
                let reference = row.fields.ticket_reference.as_deref();
                if let Some(reference) = reference {
                    references.insert(reference.to_lowercase(), id);
                }
                report.new += 1;
                list(&mut report.changes, row, &attendee.display_name, "new", Vec::new());
                if !apply && lookalikes.len() < LISTED_LOOKALIKES {
                    let mut same: Vec<AttendeeId> = by_name
                        .get(&lanyard_core::search::name_key(&attendee.display_name))
                        .cloned()
                        .unwrap_or_default();
                    if !attendee.email.is_empty()
                        && let Some(a) = by_email.get(&format!("email:{}", fold(&attendee.email)))
                        && !same.contains(&a.id)
                    {
                        same.push(a.id);
                    }
                    same.truncate(5);
                    if !same.is_empty() {
                        lookalikes.push((row.line, attendee.display_name.clone(), same));
                    }
                }
                if apply {
                    steps.push(Step {
                        kind: StepKind::New,
                        id,
                        attendee,
                        reference: reference.map(str::to_owned),
                        sets_reference: true,
                    });
                }
            }
            Some(current) => {
                let merged = merge(&current.details, row, parsed);
                let reference = merged_reference(current.ticket_reference.as_deref(), row, parsed);
                let mut changed = changed_fields(&current.details, &merged);
                if reference != current.ticket_reference.as_deref() {
                    changed.push("ticket reference".to_owned());
                }
                if changed.is_empty() {
                    report.unchanged += 1;
                    continue;
                }
                report.updated += 1;
                list(&mut report.changes, row, &merged.display_name, "updated", changed.clone());
                if audited.changes.len() < AUDITED_IMPORT_CHANGES {
                    audited.changes.push(ImportedChange { attendee: current.id, fields: changed });
                } else {
                    audited.unlisted += 1;
                }
                if apply {
                    let sets_reference = reference != current.ticket_reference.as_deref();
                    steps.push(Step {
                        kind: StepKind::Update,
                        id: current.id,
                        reference: reference.map(str::to_owned),
                        attendee: merged,
                        sets_reference,
                    });
                }
            }
        }
    }
    progress(total, total);
    report.problems.sort_by_key(|p| p.line);
    for (line, display_name, ids) in lookalikes {
        let existing = crate::checkin::cards(tx, &ids)?;
        report.lookalikes.push(ImportLookalike { line, display_name, existing });
    }
    Ok((report, audited, steps))
}

/// How many lookalike rows a dry run lists.
const LISTED_LOOKALIKES: usize = 200;

fn list(
    changes: &mut Vec<ImportChange>,
    row: &ImportedAttendee,
    name: &str,
    kind: &str,
    fields: Vec<String>,
) {
    if changes.len() < LISTED_CHANGES {
        changes.push(ImportChange {
            line: row.line,
            display_name: name.to_owned(),
            kind: kind.to_owned(),
            fields,
        });
    }
}

fn new_attendee(row: &ImportedAttendee, badge_code: BadgeCode) -> NewAttendee {
    let f = &row.fields;
    NewAttendee {
        display_name: f.display_name.clone(),
        given_name: f.given_name.clone(),
        family_name: f.family_name.clone(),
        nickname: f.nickname.clone(),
        email: f.email.clone(),
        affiliation: f.affiliation.clone(),
        hometown: f.hometown.clone(),
        country: f.country.clone(),
        ticket_type: f.ticket_type.clone(),
        role: f.role.clone().unwrap_or(Role::Attendee),
        interests: f.interests.clone(),
        badge_code,
        amount_due_cents: f.amount_due_cents,
        note: f.note.clone(),
        order_code: f.order_code.clone(),
        external_id: f.external_id.clone(),
        ticket_secret: f.ticket_secret.clone(),
        status: f.status,
    }
}

/// The existing attendee with the file's values for the fields its mapping
/// fills; every other field keeps its value. The badge code and the desk's
/// note are always kept, the role when the row has none, and a ticket's
/// codes when the row's cell is empty.
fn merge(current: &NewAttendee, row: &ImportedAttendee, parsed: &Parsed) -> NewAttendee {
    let f = &row.fields;
    let mut m = current.clone();
    let maps = |field| parsed.maps(field);
    let take = |target: &mut String, field, value: &String| {
        if maps(field) {
            target.clone_from(value);
        }
    };
    take(&mut m.given_name, Field::GivenName, &f.given_name);
    take(&mut m.family_name, Field::FamilyName, &f.family_name);
    if maps(Field::DisplayName) || (maps(Field::GivenName) && maps(Field::FamilyName)) {
        m.display_name.clone_from(&f.display_name);
    } else if maps(Field::GivenName) || maps(Field::FamilyName) {
        // One part changed: the name is built again from both.
        m.display_name = import::name_from_parts(&m.given_name, &m.family_name);
    }
    take(&mut m.nickname, Field::Nickname, &f.nickname);
    take(&mut m.email, Field::Email, &f.email);
    take(&mut m.affiliation, Field::Affiliation, &f.affiliation);
    take(&mut m.hometown, Field::Hometown, &f.hometown);
    take(&mut m.country, Field::Country, &f.country);
    take(&mut m.ticket_type, Field::TicketType, &f.ticket_type);
    take(&mut m.order_code, Field::OrderCode, &f.order_code);
    if let Some(role) = &f.role {
        m.role = role.clone();
    }
    if maps(Field::Interests) {
        m.interests.clone_from(&f.interests);
    }
    if maps(Field::AmountDue) {
        m.amount_due_cents = f.amount_due_cents;
    }
    if maps(Field::Status) {
        m.status = f.status;
    }
    if f.external_id.is_some() {
        m.external_id.clone_from(&f.external_id);
    }
    if f.ticket_secret.is_some() {
        m.ticket_secret.clone_from(&f.ticket_secret);
    }
    m
}

/// The ticket reference after a merge: the row's, when it has one.
fn merged_reference<'a>(
    current: Option<&'a str>,
    row: &'a ImportedAttendee,
    parsed: &Parsed,
) -> Option<&'a str> {
    match row.fields.ticket_reference.as_deref() {
        Some(reference) if parsed.maps(Field::TicketReference) => Some(reference),
        _ => current,
    }
}

fn changed_fields(a: &NewAttendee, b: &NewAttendee) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            out.push(name.to_owned());
        }
    };
    check("display name", a.display_name == b.display_name);
    check("given name", a.given_name == b.given_name);
    check("family name", a.family_name == b.family_name);
    check("nickname", a.nickname == b.nickname);
    check("email", a.email == b.email);
    check("affiliation", a.affiliation == b.affiliation);
    check("hometown", a.hometown == b.hometown);
    check("country", a.country == b.country);
    check("ticket type", a.ticket_type == b.ticket_type);
    check("role", a.role == b.role);
    check("interests", a.interests == b.interests);
    check("amount due", a.amount_due_cents == b.amount_due_cents);
    check("order code", a.order_code == b.order_code);
    check("external id", a.external_id == b.external_id);
    check("ticket secret", a.ticket_secret == b.ticket_secret);
    check("status", a.status == b.status);
    out
}
