//! Reading attendee lists exported by ticketing systems.
//!
//! Files arrive as they come from the real world: UTF-8 with or without a
//! BOM, UTF-16, or Windows-1252 from Excel; separated by commas, semicolons or
//! tabs; with quoted fields that hold newlines, blank lines and duplicate
//! rows. This module turns bytes into [`ImportedAttendee`]s plus a list of
//! [`RowProblem`]s (line, column, reason). It never fails on a bad row: the
//! row is reported and left out. Whole-file problems (not text, no header,
//! a mapped column missing) are errors that name the file and the column.
//!
//! Known exports are recognised by their headers ([`Preset`]); any other CSV
//! is read through a [`Mapping`] set by the user.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::search::fold;
use crate::{Currency, Money, Role, TicketStatus};

/// A problem that stops a whole file from being read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file has no header line.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file's name.
        file: String,
    },
    /// The CSV structure could not be read.
    #[error("{file}, line {line}: {reason}")]
    Malformed {
        /// The file's name.
        file: String,
        /// The line where reading stopped.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// A column the mapping needs is not in the file.
    #[error("{file}: there is no column {column:?} for {field} (the file has: {available})")]
    MissingColumn {
        /// The file's name.
        file: String,
        /// The column the mapping names.
        column: String,
        /// The field it was mapped to.
        field: Field,
        /// The columns that the file does have.
        available: String,
    },
    /// The mapping gives no way to get a name.
    #[error("{file}: map a column to the display name, or to the given and family names")]
    NoName {
        /// The file's name.
        file: String,
    },
}

/// An export format recognised by its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// pretix: order positions ("Order code", "Position ID", ...).
    Pretix,
    /// Tito: tickets export ("Ticket Reference", ...).
    Tito,
    /// Eventbrite: attendee report ("Attendee #", "Ticket Type", ...).
    Eventbrite,
}

impl Preset {
    /// Every preset, for listing and parsing names.
    pub const ALL: [Preset; 3] = [Preset::Pretix, Preset::Tito, Preset::Eventbrite];

    /// The preset's name as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Pretix => "pretix",
            Preset::Tito => "tito",
            Preset::Eventbrite => "eventbrite",
        }
    }

    /// Reads a preset name.
    pub fn parse(raw: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(raw.trim()))
    }

    /// Recognises a known export by its header line.
    pub fn detect(headers: &[String]) -> Option<Preset> {
        let has = |h: &str| headers.iter().any(|x| x.trim().eq_ignore_ascii_case(h));
        if has("Order code") && has("Position ID") {
            Some(Preset::Pretix)
        } else if has("Ticket Reference") {
            Some(Preset::Tito)
        } else if (has("Attendee #") || has("Attendee no.")) && has("Ticket Type") {
            Some(Preset::Eventbrite)
        } else {
            None
        }
    }

    /// The mapping of this export's columns to attendee fields. Columns
    /// marked optional may be missing from a given export.
    pub fn mapping(self) -> Mapping {
        use Field::*;
        let col = |field, name: &str| Rule { field, source: Source::Column(name.into()), optional: false };
        let opt = |field, name: &str| Rule { field, source: Source::Column(name.into()), optional: true };
        let any = |field, names: &[&str], optional| Rule {
            field,
            source: Source::AnyOf(names.iter().map(|n| (*n).to_owned()).collect()),
            optional,
        };
        let rules = match self {
            Preset::Pretix => vec![
                // Position IDs count 1, 2, ... within an order: the pair is unique.
                Rule {
                    field: ExternalId,
                    source: Source::Joined(vec!["Order code".into(), "Position ID".into()]),
                    optional: false,
                },
                col(OrderCode, "Order code"),
                opt(DisplayName, "Attendee name"),
                opt(GivenName, "Attendee name: Given name"),
                opt(FamilyName, "Attendee name: Family name"),
                opt(Email, "Attendee email"),
                opt(Affiliation, "Company"),
                opt(Hometown, "City"),
                opt(Country, "Country"),
                col(TicketType, "Product"),
                opt(TicketSecret, "Ticket secret"),
                opt(Status, "Status"),
            ],
            Preset::Tito => vec![
                col(ExternalId, "Ticket Reference"),
                opt(OrderCode, "Order Reference"),
                opt(DisplayName, "Ticket Full Name"),
                opt(GivenName, "Ticket First Name"),
                opt(FamilyName, "Ticket Last Name"),
                opt(Email, "Ticket Email"),
                opt(Affiliation, "Ticket Company Name"),
                col(TicketType, "Ticket"),
                any(Status, &["Void Status", "Void"], true),
                opt(Interests, "Tags"),
            ],
            Preset::Eventbrite => vec![
                any(ExternalId, &["Attendee #", "Attendee no."], false),
                any(OrderCode, &["Order #", "Order no."], true),
                opt(GivenName, "First Name"),
                any(FamilyName, &["Last Name", "Surname"], true),
                opt(Email, "Email"),
                opt(Affiliation, "Company"),
                opt(Hometown, "Home City"),
                opt(Country, "Home Country"),
                col(TicketType, "Ticket Type"),
                opt(TicketSecret, "Barcode #"),
                opt(Status, "Attendee Status"),
            ],
        };
        Mapping { rules }
    }
}

/// An attendee field that a column (or a fixed value) can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The name as printed; built from given and family names when absent.
    DisplayName,
    /// Given name(s).
    GivenName,
    /// Family name(s).
    FamilyName,
    /// Nickname.
    Nickname,
    /// E-mail.
    Email,
    /// Company, university, community.
    Affiliation,
    /// City.
    Hometown,
    /// Country.
    Country,
    /// Ticket type.
    TicketType,
    /// Role (speaker, staff, ...).
    Role,
    /// Answers naming interests, separated by commas or semicolons.
    Interests,
    /// Order code.
    OrderCode,
    /// The ticket's id in the source system.
    ExternalId,
    /// The secret on the source system's ticket.
    TicketSecret,
    /// Money still owed, as a decimal amount.
    AmountDue,
    /// A note for the desk.
    Note,
    /// Status; "cancelled", "canceled", "refunded", "void", "not attending" or "c" mark a cancelled ticket.
    Status,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = serde_json::to_value(self).ok();
        f.write_str(json.as_ref().and_then(|v| v.as_str()).unwrap_or("field"))
    }
}

/// Where a field's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A column, by its header.
    Column(String),
    /// The first of these columns that the file has (exports vary by locale).
    AnyOf(Vec<String>),
    /// Several columns joined with "-" (for ids unique only as a pair).
    Joined(Vec<String>),
    /// The same value for every row.
    Fixed(String),
}

/// One field's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The field filled.
    pub field: Field,
    /// Where from.
    pub source: Source,
    /// A missing column is not an error (presets list columns some exports lack).
    #[serde(default)]
    pub optional: bool,
}

/// How a file's columns fill attendee fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Mapping {
    /// One rule per field; later rules for the same field win.
    pub rules: Vec<Rule>,
}

/// The text of a file, decoded, with what was detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file's name, for messages.
    pub file: String,
    /// The encoding found ("UTF-8", "UTF-16LE", "windows-1252").
    pub encoding: &'static str,
    /// The separator found.
    pub delimiter: char,
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Data rows with the line each starts on (1-based, header is line 1).
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Decodes bytes: BOMs first (UTF-8, UTF-16 LE/BE), then UTF-16 without BOM
/// if every other byte is zero, then UTF-8 if valid, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding.name());
    }
    // UTF-16 without a BOM is also valid UTF-8 (full of NULs): test it first.
    let sample = &bytes[..bytes.len().min(400)];
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 4;
    if zeros_odd > half && zeros_even == 0 {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return (text.into_owned(), "UTF-16LE");
    }
    if zeros_even > half && zeros_odd == 0 {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(bytes);
        return (text.into_owned(), "UTF-16BE");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), "UTF-8");
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (text.into_owned(), "windows-1252")
}

/// Picks the separator that occurs most often outside quotes in the first line.
fn sniff_delimiter(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            _ if !quoted => {
                if let Some(c) = counts.iter_mut().find(|(d, _)| *d == ch) {
                    c.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).map_or(',', |(d, _)| *d)
}

/// The line of a quote that is never closed, if any: CSV readers would
/// otherwise swallow the rest of the file into one field without a word.
fn unclosed_quote_line(text: &str) -> Option<u64> {
    let (mut quoted, mut line, mut opened_on) = (false, 1u64, 0u64);
    for ch in text.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                if quoted {
                    opened_on = line;
                }
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    quoted.then_some(opened_on)
}

/// Reads a CSV file's bytes into a [`Table`]. Blank lines are skipped.
pub fn read_table(file: &str, bytes: &[u8]) -> Result<Table, ImportError> {
    let (text, encoding) = decode(bytes);
    // Windows line ends would make the CSV reader's line numbers drift.
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_owned() });
    }
    if let Some(line) = unclosed_quote_line(&text) {
        return Err(ImportError::Malformed {
            file: file.to_owned(),
            line,
            reason: "a quoted field opened here is never closed".into(),
        });
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let malformed = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        ImportError::Malformed { file: file.to_owned(), line, reason: e.to_string() }
    };
    let headers: Vec<String> =
        reader.headers().map_err(malformed)?.iter().map(|h| h.trim().to_owned()).collect();
    // The reader's own line numbers count skipped blank lines oddly: derive
    // each record's first line from its byte offset instead.
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let bytes = text.as_bytes();
    let line_of = |mut offset: usize| {
        while offset < bytes.len() && bytes[offset] == b'\n' {
            offset += 1;
        }
        line_starts.partition_point(|&start| start <= offset) as u64
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(malformed)?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| line_of(p.byte() as usize));
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(Table { file: file.to_owned(), encoding, delimiter, headers, rows })
}

/// A row that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The line in the file where the row starts.
    pub line: u64,
    /// The column at fault, if one is.
    pub column: Option<String>,
    /// What is wrong, in words.
    pub reason: String,
}

/// An attendee as read from a file, before it is matched with the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedAttendee {
    /// The line in the file.
    pub line: u64,
    /// The identity used to find this person on a re-import: the external
    /// id, else `email:` and the folded e-mail, else none (always new).
    pub key: Option<String>,
    /// Every field the file fills. `badge_code` is assigned by the store side.
    pub fields: ImportedFields,
}

/// The fields an import sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedFields {
    /// Display name.
    pub display_name: String,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Nickname.
    pub nickname: String,
    /// E-mail.
    pub email: String,
    /// Affiliation.
    pub affiliation: String,
    /// Hometown.
    pub hometown: String,
    /// Country.
    pub country: String,
    /// Ticket type.
    pub ticket_type: String,
    /// Role; `None` keeps an existing attendee's role (or "attendee" for a new one).
    pub role: Option<Role>,
    /// Interest category keys.
    pub interests: Vec<String>,
    /// Order code.
    pub order_code: String,
    /// External id.
    pub external_id: Option<String>,
    /// Ticket secret.
    pub ticket_secret: Option<String>,
    /// Money owed, minor units.
    pub amount_due_cents: i64,
    /// Note (only used for new attendees: notes written at the desk are kept).
    pub note: String,
    /// Ticket status.
    pub status: TicketStatus,
}

/// The rows of a file that can be imported, and the problems of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Rows that make an attendee, in file order.
    pub attendees: Vec<ImportedAttendee>,
    /// Rows left out.
    pub problems: Vec<RowProblem>,
}

/// Applies a mapping to a table: every row becomes an attendee or a problem.
/// `categories` are the event's interest keys; answers that name none are ignored.
pub fn parse(
    table: &Table,
    mapping: &Mapping,
    categories: &[String],
    currency: &Currency,
) -> Result<Parsed, ImportError> {
    // Resolve each rule to a column index (or a fixed value) once.
    let mut sources: HashMap<Field, Resolved> = HashMap::new();
    for rule in &mapping.rules {
        let find = |name: &str| table.headers.iter().position(|h| h.eq_ignore_ascii_case(name.trim()));
        let missing = |column: String| ImportError::MissingColumn {
            file: table.file.clone(),
            column,
            field: rule.field,
            available: table.headers.join(", "),
        };
        let columns: Result<Vec<usize>, String> = match &rule.source {
            Source::Fixed(value) => {
                sources.insert(rule.field, Resolved::Fixed(value.clone()));
                continue;
            }
            Source::Column(name) => find(name).map(|i| vec![i]).ok_or_else(|| name.clone()),
            Source::AnyOf(names) => {
                names.iter().find_map(|n| find(n)).map(|i| vec![i]).ok_or_else(|| names.join(" or "))
            }
            Source::Joined(names) => names.iter().map(|n| find(n).ok_or_else(|| n.clone())).collect(),
        };
        match columns {
            Ok(columns) => {
                let label = columns.iter().map(|&i| table.headers[i].clone()).collect::<Vec<_>>().join(" + ");
                sources.insert(rule.field, Resolved::Columns(columns, label));
            }
            Err(_) if rule.optional => {}
            Err(name) => return Err(missing(name)),
        }
    }
    let named = sources.contains_key(&Field::DisplayName)
        || sources.contains_key(&Field::GivenName)
        || sources.contains_key(&Field::FamilyName);
    if !named {
        return Err(ImportError::NoName { file: table.file.clone() });
    }
    let folded_categories: Vec<(String, &String)> = categories.iter().map(|c| (fold(c), c)).collect();

    let mut parsed = Parsed { attendees: Vec::new(), problems: Vec::new() };
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &table.rows {
        let line = *line;
        let get = |field: Field| -> (String, Option<String>) {
            match sources.get(&field) {
                Some(Resolved::Fixed(v)) => (v.trim().to_owned(), None),
                Some(Resolved::Columns(columns, label)) => {
                    let parts: Vec<&str> =
                        columns.iter().map(|&i| cells.get(i).map_or("", |c| c.trim())).collect();
                    let value = if parts.iter().any(|p| p.is_empty()) && parts.len() > 1 {
                        String::new()
                    } else {
                        parts.join("-")
                    };
                    (value, Some(label.clone()))
                }
                None => (String::new(), None),
            }
        };
        let problem = |column: Option<String>, reason: String| RowProblem { line, column, reason };
        match read_row(&get, &folded_categories, currency) {
            Ok(fields) => {
                let key = fields
                    .external_id
                    .clone()
                    .or_else(|| (!fields.email.is_empty()).then(|| format!("email:{}", fold(&fields.email))));
                let dedupe = key.clone().unwrap_or_else(|| format!("row:{}", cells.join("\u{1f}")));
                if let Some(first) = seen.get(&dedupe) {
                    parsed.problems.push(problem(None, format!("duplicate of line {first}: left out")));
                    continue;
                }
                seen.insert(dedupe, line);
                parsed.attendees.push(ImportedAttendee { line, key, fields });
            }
            Err((column, reason)) => parsed.problems.push(problem(column, reason)),
        }
    }
    Ok(parsed)
}

#[derive(Debug)]
enum Resolved {
    /// Column indexes (joined with "-") and a label naming them for messages.
    Columns(Vec<usize>, String),
    Fixed(String),
}

type CellProblem = (Option<String>, String);

fn read_row(
    get: &dyn Fn(Field) -> (String, Option<String>),
    categories: &[(String, &String)],
    currency: &Currency,
) -> Result<ImportedFields, CellProblem> {
    let text = |field| get(field).0;
    let given = text(Field::GivenName);
    let family = text(Field::FamilyName);
    let (mut display, display_column) = get(Field::DisplayName);
    if display.is_empty() {
        display = [given.as_str(), family.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
    }
    if display.is_empty() {
        return Err((display_column, "the name is empty".into()));
    }
    if display.chars().count() > 200 {
        return Err((display_column, "the name is longer than 200 characters".into()));
    }
    // A row without a ticket type still comes in, as "General": the desk can correct it.
    let ticket_type = text(Field::TicketType);
    let (role_text, role_column) = get(Field::Role);
    let role = if role_text.is_empty() {
        None
    } else {
        Some(Role::parse(&role_text).map_err(|e| (role_column, e.to_string()))?)
    };
    let (due_text, due_column) = get(Field::AmountDue);
    let amount_due_cents = if due_text.is_empty() {
        0
    } else {
        let money = Money::parse_decimal(&due_text, currency.clone())
            .map_err(|e| (due_column.clone(), e.to_string()))?;
        if money.minor < 0 {
            return Err((due_column, format!("the amount due {due_text:?} is negative")));
        }
        money.minor
    };
    let status = match text(Field::Status).to_lowercase().as_str() {
        "cancelled" | "canceled" | "refunded" | "void" | "voided" | "c" | "true" | "yes"
        | "not attending" => TicketStatus::Cancelled,
        _ => TicketStatus::Valid,
    };
    let mut interests = Vec::new();
    for answer in text(Field::Interests).split([',', ';', '\n']) {
        let answer = fold(answer.trim());
        if answer.is_empty() {
            continue;
        }
        for (folded, key) in categories {
            let words_match = answer.split(|c: char| !c.is_alphanumeric()).any(|w| w == folded);
            if (answer == *folded || words_match) && !interests.contains(*key) {
                interests.push((*key).clone());
            }
        }
    }
    let optional = |field| Some(text(field)).filter(|s: &String| !s.is_empty());
    Ok(ImportedFields {
        display_name: display,
        given_name: given,
        family_name: family,
        nickname: text(Field::Nickname),
        email: text(Field::Email),
        affiliation: text(Field::Affiliation),
        hometown: text(Field::Hometown),
        country: text(Field::Country),
        ticket_type: if ticket_type.is_empty() { "General".into() } else { ticket_type },
        role,
        interests,
        order_code: text(Field::OrderCode),
        external_id: optional(Field::ExternalId),
        ticket_secret: optional(Field::TicketSecret),
        amount_due_cents,
        note: text(Field::Note),
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("EUR").expect("valid currency")
    }

    #[test]
    fn decoding_follows_boms_then_utf8_then_windows_1252() {
        assert_eq!(decode(b"\xef\xbb\xbfJos\xc3\xa9"), ("José".to_owned(), "UTF-8"));
        assert_eq!(decode(b"\xff\xfeJ\x00o\x00"), ("Jo".to_owned(), "UTF-16LE"));
        assert_eq!(decode(b"\xfe\xff\x00J\x00o"), ("Jo".to_owned(), "UTF-16BE"));
        assert_eq!(decode(b"J\x00o\x00s\x00e\x00"), ("Jose".to_owned(), "UTF-16LE"));
        assert_eq!(decode(b"M\xfcller"), ("Müller".to_owned(), "windows-1252"));
    }

    #[test]
    fn the_separator_is_the_commonest_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1,2;3"), ';');
        assert_eq!(sniff_delimiter("\"a,b,c\"\tb\tc\n"), '\t');
        assert_eq!(sniff_delimiter("a,b\n"), ',');
    }

    #[test]
    fn an_unclosed_quote_is_an_error_naming_its_line() {
        let err =
            read_table("x.csv", b"name,city\n\"Ana\",Oslo\n\"Never closed,Oslo\n").expect_err("must refuse");
        assert_eq!(err.to_string(), "x.csv, line 3: a quoted field opened here is never closed");
    }

    #[test]
    fn quoted_newlines_and_blank_lines_are_read_as_data() {
        let table = read_table("x.csv", b"name;note\r\n\"Ana\";\"two\r\nlines\"\r\n\r\n;\r\nBo;x\r\n")
            .expect("valid CSV");
        assert_eq!(table.delimiter, ';');
        assert_eq!(table.rows.len(), 2, "blank and empty rows are skipped");
        assert_eq!(table.rows[0], (2, vec!["Ana".to_owned(), "two\nlines".to_owned()]));
        assert_eq!(table.rows[1].0, 6, "line numbers count the embedded newline");
    }

    #[test]
    fn presets_are_recognised_by_their_headers() {
        let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(Preset::detect(&headers(&["Order code", "Position ID", "Product"])), Some(Preset::Pretix));
        assert_eq!(Preset::detect(&headers(&["Ticket Reference", "Ticket"])), Some(Preset::Tito));
        assert_eq!(Preset::detect(&headers(&["Attendee no.", "Ticket Type"])), Some(Preset::Eventbrite));
        assert_eq!(Preset::detect(&headers(&["name", "email"])), None);
    }

    fn custom_mapping() -> Mapping {
        let col = |field, name: &str| Rule { field, source: Source::Column(name.into()), optional: false };
        Mapping {
            rules: vec![
                col(Field::DisplayName, "name"),
                col(Field::Affiliation, "organisation"),
                col(Field::Email, "mail"),
                col(Field::Role, "kind"),
                col(Field::Interests, "topics"),
                col(Field::AmountDue, "owes"),
                Rule {
                    field: Field::TicketType,
                    source: Source::Fixed("Conference".into()),
                    optional: false,
                },
            ],
        }
    }

    #[test]
    fn bad_rows_are_reported_with_line_column_and_reason() {
        let csv = "name;organisation;mail;kind;topics;owes\n\
                   Ana;Acme;ana@example.org;speaker;Games, data science;\n\
                   ;Acme;x@example.org;attendee;;\n\
                   Ola;Acme;ola@example.org;chief of fun;;\n\
                   Kari;Acme;kari@example.org;attendee;;12.345\n\
                   Ana;Acme;ana@example.org;speaker;;\n";
        let table = read_table("people.csv", csv.as_bytes()).expect("valid CSV");
        let categories = vec!["science".to_owned(), "games".to_owned(), "web".to_owned()];
        let parsed = parse(&table, &custom_mapping(), &categories, &eur()).expect("mapping fits");
        assert_eq!(parsed.attendees.len(), 1);
        let ana = &parsed.attendees[0].fields;
        assert_eq!(ana.role, Some(Role::Speaker));
        assert_eq!(ana.interests, ["games", "science"], "answers map to the event's categories");
        assert_eq!(ana.ticket_type, "Conference", "fixed values fill every row");
        let problems: Vec<(u64, Option<&str>, &str)> =
            parsed.problems.iter().map(|p| (p.line, p.column.as_deref(), p.reason.as_str())).collect();
        assert_eq!(
            problems,
            [
                (3, Some("name"), "the name is empty"),
                (4, Some("kind"), "role \"chief of fun\" is not valid: use letters, digits and dashes"),
                (
                    5,
                    Some("owes"),
                    "amount \"12.345\" is not a valid amount (use digits and at most the currency's decimals, e.g. 12.50)"
                ),
                (6, None, "duplicate of line 2: left out"),
            ]
        );
    }

    #[test]
    fn a_mapping_naming_a_missing_column_is_refused_whole() {
        let table = read_table("people.csv", b"name;mail\nAna;a@example.org\n").expect("valid CSV");
        let err = parse(&table, &custom_mapping(), &[], &eur()).expect_err("columns are missing");
        assert_eq!(
            err.to_string(),
            "people.csv: there is no column \"organisation\" for affiliation (the file has: name, mail)"
        );
    }
}
