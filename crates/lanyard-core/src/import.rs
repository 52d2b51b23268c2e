//! Reading attendee lists exported by ticketing systems.
//!
//! Files arrive as they come from the real world: UTF-8 with or without a
//! BOM, UTF-16, or Windows-1252 from Excel; separated by commas, semicolons or
//! tabs; with quoted fields that hold newlines, blank lines and duplicate
//! rows. This module turns bytes into [`ImportedAttendee`]s plus a list of
//! [`RowProblem`]s (line, column, reason). It never misplaces a value and
//! never fails on a bad row: the row is reported and left out, and the api
//! imports nothing from a file with problems unless the user chose to skip
//! them. Whole-file problems (not text, no header, too large, a mapped column
//! missing) are errors that name the file, the line or the column.
//!
//! What is a row problem:
//!
//! - a row with more or fewer fields than the header (its values would land
//!   in the wrong fields), or a quoted field with text after its closing
//!   quote (`"Ana O"Neil"`); a quote inside an unquoted field (`Ana O"Neil`)
//!   is read literally, as spreadsheets do;
//! - in a mapped column: a byte that is not UTF-8 in a file that is UTF-8
//!   elsewhere (the encoding is decided per file, from the evidence: more
//!   valid multi-byte sequences than invalid ones means UTF-8), a control
//!   character (NUL, escape, ...), or more than [`MAX_FIELD_CHARS`];
//! - a row longer than [`MAX_ROW_CHARS`];
//! - a ticket secret shorter than [`MIN_TICKET_SECRET_CHARS`], so that a
//!   name typed at the desk can never be someone's secret;
//! - a status that Lanyard does not know (see below).
//!
//! Statuses. The desk admits valid tickets and refuses cancelled ones
//! ("cancelled", "refunded", "void", pretix `c`, Eventbrite "Not
//! Attending"): those come in, so that the desk can say why when the person
//! shows up. A ticket that is not (or no longer) a ticket at all (pretix `n`
//! pending and `e` expired, Eventbrite "Transferred", "Deleted", "Unpaid",
//! "Pending" and "Abandoned", awaiting approval) is not an attendee: such a
//! row is reported as a problem, as a lead would expect from the export's
//! own filter for paid orders; when it matches someone imported before, the
//! api marks that person's ticket cancelled instead, so that an old valid
//! ticket never stays valid. A status word that is none of these is a row
//! problem too, never a valid ticket by default.
//!
//! Names keep their owners' order: a display name from the file is kept as
//! written, except that a Chinese, Japanese or Korean name which is only
//! the exporter's "given family" join of its parts (pretix writes "小明 王"
//! for given 小明, family 王) is put family name first without a space
//! ("王小明"), as is one built from the parts.
//!
//! Known exports are recognised by their headers ([`Preset`]); any other CSV
//! is read through a [`Mapping`] set by the user. Sizes are bounded (see the
//! `MAX_` constants): going past one is an error naming the limit, before
//! any work that would take minutes or gigabytes.

use crate::hash::FastMap;
use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::search::{fold, is_cjk};
use crate::{Currency, Money, Role, TicketStatus};

/// The largest file read, in bytes (200 MB).
pub const MAX_FILE_BYTES: usize = 200_000_000;
/// The most columns a header may have.
pub const MAX_COLUMNS: usize = 500;
/// The most data rows a file may have.
pub const MAX_ROWS: usize = 1_000_000;
/// The longest value a mapped field may have, in characters.
pub const MAX_FIELD_CHARS: usize = 1_000;
/// The longest row, in characters.
pub const MAX_ROW_CHARS: usize = 100_000;
/// The shortest ticket secret accepted: shorter ones could be typed by
/// accident as part of a name.
pub const MIN_TICKET_SECRET_CHARS: usize = 8;
/// The most lines with bytes that are not UTF-8 that a UTF-8 file may have.
const MAX_BAD_BYTE_LINES: usize = 1_000;

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
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{file} has {} MB: files of more than 200 MB are not read", bytes.div_ceil(1_000_000))]
    TooLarge {
        /// The file's name.
        file: String,
        /// Its size.
        bytes: usize,
    },
    /// The header has more than [`MAX_COLUMNS`] columns.
    #[error("{file}: the header has {columns} columns: at most 500 are read")]
    TooManyColumns {
        /// The file's name.
        file: String,
        /// How many it has.
        columns: usize,
    },
    /// The file has more than [`MAX_ROWS`] data rows.
    #[error("{file}: more than 1,000,000 rows (line {line} is past the limit): split the file")]
    TooManyRows {
        /// The file's name.
        file: String,
        /// The first line past the limit.
        line: u64,
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
        // Position IDs count 1, 2, ... within an order: the pair is unique.
        let position = || Source::Joined(vec!["Order code".into(), "Position ID".into()]);
        let rules = match self {
            Preset::Pretix => vec![
                Rule { field: ExternalId, source: position(), optional: false },
                // "ABC12-1", as pretix's own screens name the position.
                Rule { field: TicketReference, source: position(), optional: false },
                col(OrderCode, "Order code"),
                opt(DisplayName, "Attendee name"),
                opt(GivenName, "Attendee name: Given name"),
                opt(FamilyName, "Attendee name: Family name"),
                opt(Nickname, "Attendee name: Calling name"),
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
                col(TicketReference, "Ticket Reference"),
                opt(OrderCode, "Order Reference"),
                opt(DisplayName, "Ticket Full Name"),
                opt(GivenName, "Ticket First Name"),
                opt(FamilyName, "Ticket Last Name"),
                opt(Email, "Ticket Email"),
                opt(Affiliation, "Ticket Company Name"),
                col(TicketType, "Ticket"),
                any(Status, &["Void Status", "Void"], true),
                opt(Interests, "Tags"),
                // The QR code on a Tito ticket holds the slug its URL ends with.
                Rule {
                    field: TicketSecret,
                    source: Source::UrlSlug("Unique Ticket URL".into()),
                    optional: true,
                },
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
    /// The secret on the source system's ticket (its QR code or barcode).
    TicketSecret,
    /// Money still owed, as a decimal amount.
    AmountDue,
    /// A note for the desk.
    Note,
    /// Status: see the module's notes for the words known.
    Status,
    /// The reference printed on the source system's ticket (Tito's "ABCD-1").
    TicketReference,
}

impl Field {
    /// Fields whose values may hold several lines.
    fn multiline(self) -> bool {
        matches!(self, Field::Note | Field::Interests)
    }
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
    /// The last segment of the URL in this column (Tito's ticket slug).
    UrlSlug(String),
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

/// The last path segment of a URL (`https://ti.to/tickets/ti_xyz?x=1` gives
/// `ti_xyz`); text without a `/` is returned as it is.
pub fn url_slug(text: &str) -> Option<&str> {
    let text = text.trim();
    let text = text.split(['?', '#']).next().unwrap_or(text).trim_end_matches('/');
    text.rsplit('/').next().filter(|s| !s.is_empty())
}

/// The shortest ticket reference (Tito's have four letters).
pub const MIN_TICKET_REFERENCE_CHARS: usize = 4;

/// True for text that may be looked up as a ticket reference: at least
/// [`MIN_TICKET_REFERENCE_CHARS`] long, with a digit or written with its
/// `#` ("ABCD-1", "#ABCD"), so that a name typed at the desk ("anna") is
/// never taken for a four-letter reference, nor "12" for a short one.
pub fn is_reference_shaped(typed: &str) -> bool {
    let body = reference_body(typed);
    let marked = typed.trim().starts_with('#') || body.chars().any(|c| c.is_ascii_digit());
    marked && body.chars().count() >= MIN_TICKET_REFERENCE_CHARS && !body.contains(char::is_whitespace)
}

/// A ticket reference as typed, without the `#` it is printed with.
pub fn reference_body(typed: &str) -> &str {
    let typed = typed.trim();
    typed.strip_prefix('#').unwrap_or(typed)
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
    /// Data rows that can be read, in file order.
    pub rows: Vec<Row>,
    /// Rows that cannot be read (wrong number of fields, bad quotes, too long).
    pub problems: Vec<RowProblem>,
    /// The first byte that is not UTF-8 on each line that has one.
    bad_bytes: Vec<(u64, u8)>,
    /// The decoded text, with line ends made `\n`; rows point into it, so
    /// a large file is held once rather than as millions of cells.
    text: String,
}

/// One data row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line the row starts on (1-based; the header is line 1).
    pub line: u64,
    /// The line it ends on (quoted fields may hold newlines).
    pub last_line: u64,
    span: Range<usize>,
}

impl Table {
    /// Data rows in the file, readable or not (blank lines not counted).
    pub fn data_rows(&self) -> usize {
        self.rows.len() + self.problems.len()
    }

    /// The cells of one row (to read many, [`Table::reader`] is faster).
    pub fn cells(&self, row: &Row) -> Vec<String> {
        let mut reader = self.reader();
        reader.read(row).iter().map(str::to_owned).collect()
    }

    /// A reader of rows, which reads each row's cells again from the text.
    pub fn reader(&self) -> RowReader<'_> {
        let reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter as u8)
            .flexible(true)
            .has_headers(false)
            .from_reader(std::io::Cursor::new(self.text.as_bytes()));
        RowReader { reader, record: csv::StringRecord::new() }
    }

    /// The first byte that is not UTF-8 on the lines of `row`, if any.
    fn bad_byte(&self, row: &Row) -> Option<(u64, u8)> {
        let at = self.bad_bytes.partition_point(|(line, _)| *line < row.line);
        self.bad_bytes.get(at).filter(|(line, _)| *line <= row.last_line).copied()
    }
}

/// Reads the cells of a [`Table`]'s rows, one row at a time: one CSV
/// reader for the whole table, moved to each row (building a reader per
/// row would cost more than reading the row).
#[derive(Debug)]
pub struct RowReader<'a> {
    reader: csv::Reader<std::io::Cursor<&'a [u8]>>,
    record: csv::StringRecord,
}

impl RowReader<'_> {
    /// The cells of `row`.
    pub fn read(&mut self, row: &Row) -> &csv::StringRecord {
        let mut at = csv::Position::new();
        at.set_byte(row.span.start as u64).set_line(row.line);
        // The row was read once already: it reads the same way again.
        let read = self.reader.seek(at).is_ok() && self.reader.read_record(&mut self.record).unwrap_or(false);
        if !read {
            self.record.clear();
        }
        &self.record
    }
}

/// Decoded text and the evidence that chose its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decoded {
    text: String,
    encoding: &'static str,
    /// (line, first byte) of each line with bytes that are not UTF-8, when
    /// the file was read as UTF-8 anyway; those bytes became U+FFFD.
    bad_bytes: Vec<(u64, u8)>,
}

/// Decodes bytes: BOMs first (UTF-8, UTF-16 LE/BE), then UTF-16 without BOM
/// if every other byte is zero, then UTF-8 if valid, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let decoded = decode_with_evidence(bytes);
    (decoded.text, decoded.encoding)
}

fn decode_with_evidence(bytes: &[u8]) -> Decoded {
    let plain = |text: String, encoding| Decoded { text, encoding, bad_bytes: Vec::new() };
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return utf8_or_1252(&bytes[3..], true);
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return plain(text.into_owned(), encoding.name());
    }
    // UTF-16 without a BOM is also valid UTF-8 (full of NULs): test it first.
    let sample = &bytes[..bytes.len().min(400)];
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 4;
    if zeros_odd > half && zeros_even == 0 {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return plain(text.into_owned(), "UTF-16LE");
    }
    if zeros_even > half && zeros_odd == 0 {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(bytes);
        return plain(text.into_owned(), "UTF-16BE");
    }
    utf8_or_1252(bytes, false)
}

/// UTF-8 when the bytes are, or when they hold at least as many valid
/// multi-byte sequences as invalid ones (one stray byte in a UTF-8 file,
/// reported by line); Windows-1252 otherwise. A BOM says UTF-8 outright.
fn utf8_or_1252(bytes: &[u8], bom: bool) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_owned(), encoding: "UTF-8", bad_bytes: Vec::new() };
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    let mut bad_bytes: Vec<(u64, u8)> = Vec::new();
    let mut line = 1u64;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
        line += line_ends(valid);
        if let Some(&first) = chunk.invalid().first() {
            invalid += 1;
            if bad_bytes.last().is_none_or(|(l, _)| *l != line) {
                bad_bytes.push((line, first));
            }
        }
    }
    if bom || multibyte >= invalid {
        return Decoded { text: String::from_utf8_lossy(bytes).into_owned(), encoding: "UTF-8", bad_bytes };
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: "windows-1252", bad_bytes: Vec::new() }
}

/// Line ends in `bytes`: `\r\n`, `\n` and a lone `\r` count one each.
fn line_ends(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\r' || (b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')) {
            n += 1;
        }
    }
    n
}

/// Makes every line end `\n` (Windows `\r\n`, old Mac `\r`), in one copy.
fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split('\r');
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        out.push('\n');
        out.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
    out
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

/// What the quotes of a file do, read as the CSV reader reads them: a
/// quote opens a quoted field only at the start of a field; anywhere else
/// it is a character like any other.
#[derive(Debug, Default)]
struct Quotes {
    /// The line of a quoted field that is never closed: the CSV reader
    /// would swallow the rest of the file into it without a word.
    unclosed: Option<u64>,
    /// Lines where a quoted field has text after its closing quote
    /// (`"Ana O"Neil"`): the reader would glue the pieces together.
    text_after_quote: Vec<u64>,
}

fn scan_quotes(text: &str, delimiter: u8) -> Quotes {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        /// A quote inside a quoted field: the end, or the first of `""`.
        QuoteInQuoted,
        /// After the closing quote, where only spaces may come before the separator.
        Closed,
    }
    let mut quotes = Quotes::default();
    let (mut state, mut line, mut opened_on) = (State::FieldStart, 1u64, 0u64);
    let bad = |line: u64, quotes: &mut Quotes| {
        if quotes.text_after_quote.last() != Some(&line) {
            quotes.text_after_quote.push(line);
        }
    };
    for &b in text.as_bytes() {
        let newline = b == b'\n';
        state = match state {
            State::FieldStart | State::Unquoted | State::Closed | State::QuoteInQuoted
                if newline || b == delimiter =>
            {
                State::FieldStart
            }
            State::FieldStart if b == b'"' => {
                opened_on = line;
                State::Quoted
            }
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted | State::Closed if b == b' ' || b == b'\t' => State::Closed,
            State::QuoteInQuoted | State::Closed => {
                bad(line, &mut quotes);
                State::Unquoted
            }
        };
        if newline {
            line += 1;
        }
    }
    if state == State::Quoted {
        quotes.unclosed = Some(opened_on);
    }
    quotes
}

/// Reads a CSV file's bytes into a [`Table`]. Blank lines are skipped; rows
/// that cannot be read as the header says are [`Table::problems`].
pub fn read_table(file: &str, bytes: &[u8]) -> Result<Table, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { file: file.to_owned(), bytes: bytes.len() });
    }
    let malformed =
        |line: u64, reason: String| ImportError::Malformed { file: file.to_owned(), line, reason };
    let decoded = decode_with_evidence(bytes);
    let (encoding, bad_bytes) = (decoded.encoding, decoded.bad_bytes);
    if bad_bytes.len() > MAX_BAD_BYTE_LINES {
        return Err(malformed(
            bad_bytes[0].0,
            format!(
                "more than {MAX_BAD_BYTE_LINES} lines have bytes that are not UTF-8: save the file again as UTF-8"
            ),
        ));
    }
    let text = normalize_line_ends(decoded.text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_owned() });
    }
    let delimiter = sniff_delimiter(&text);
    let quotes = scan_quotes(&text, delimiter as u8);
    if let Some(line) = quotes.unclosed {
        return Err(malformed(line, "a quoted field opened here is never closed".into()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        malformed(line, e.to_string())
    };

    // Line numbers come from byte offsets, counted as the reader goes: the
    // reader's own count treats skipped blank lines oddly.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line_at) = (0usize, 1u64);
    let mut line_of = |offset: usize| {
        let mut start = offset;
        while start < bytes.len() && bytes[start] == b'\n' {
            start += 1;
        }
        line_at += bytes[counted_to.min(start)..start].iter().filter(|&&b| b == b'\n').count() as u64;
        counted_to = counted_to.max(start);
        (start, line_at)
    };
    let mut record = csv::StringRecord::new();
    if !reader.read_record(&mut record).map_err(csv_error)? {
        return Err(ImportError::Empty { file: file.to_owned() });
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_owned()).collect();
    if headers.len() > MAX_COLUMNS {
        return Err(ImportError::TooManyColumns { file: file.to_owned(), columns: headers.len() });
    }
    let header_end = reader.position().byte() as usize;
    let header_lines = 1 + bytes[..header_end].iter().filter(|&&b| b == b'\n').count() as u64;
    if let Some(&(line, byte)) = bad_bytes.first().filter(|(line, _)| *line < header_lines) {
        return Err(malformed(line, format!("the header has the byte 0x{byte:02X}, which is not UTF-8")));
    }

    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    loop {
        let start = reader.position().byte() as usize;
        if !reader.read_record(&mut record).map_err(csv_error)? {
            break;
        }
        let end = reader.position().byte() as usize;
        let (start, line) = line_of(record.position().map_or(start, |p| p.byte() as usize).max(start));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() + problems.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows { file: file.to_owned(), line });
        }
        let span = start..end.max(start);
        let inner = text[span.clone()].trim_end_matches('\n');
        let last_line = line + inner.bytes().filter(|&b| b == b'\n').count() as u64;
        let problem = |reason: String| RowProblem { line, column: None, reason };
        let quote_at = quotes.text_after_quote.partition_point(|&l| l < line);
        if record.len() != headers.len() {
            problems.push(problem(format!(
                "line {line} has {} field{}, the header has {}: its values would land in the wrong columns",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
                headers.len()
            )));
        } else if let Some(&at) = quotes.text_after_quote.get(quote_at).filter(|&&l| l <= last_line) {
            problems.push(problem(format!(
                "line {at} has text after the closing quote of a quoted field: check the quotes"
            )));
        } else if inner.len() > MAX_ROW_CHARS && inner.chars().count() > MAX_ROW_CHARS {
            problems.push(problem(format!(
                "line {line} has {} characters: a row may have at most {MAX_ROW_CHARS}",
                inner.chars().count()
            )));
        } else {
            rows.push(Row { line, last_line, span });
        }
    }
    Ok(Table { file: file.to_owned(), encoding, delimiter, headers, rows, problems, bad_bytes, text })
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
    /// The reference printed on the source ticket.
    pub ticket_reference: Option<String>,
    /// Money owed, minor units.
    pub amount_due_cents: i64,
    /// Note (only used for new attendees: notes written at the desk are kept).
    pub note: String,
    /// Ticket status.
    pub status: TicketStatus,
    /// Why the source says this is not a ticket (pending, expired,
    /// transferred, ...): such a row adds nobody, and cancels the ticket of
    /// someone imported before.
    pub not_a_ticket: Option<String>,
}

/// The rows of a file that can be imported, and the problems of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Rows that make an attendee, in file order.
    pub attendees: Vec<ImportedAttendee>,
    /// Rows left out.
    pub problems: Vec<RowProblem>,
    /// The fields the mapping fills: a re-import changes only these (the
    /// display name also when the given or family name is mapped).
    pub mapped: Vec<Field>,
}

impl Parsed {
    /// Whether the mapping fills `field`.
    pub fn maps(&self, field: Field) -> bool {
        self.mapped.contains(&field)
    }
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
    let mut sources: FastMap<Field, Resolved> = FastMap::default();
    for rule in &mapping.rules {
        let find = |name: &str| table.headers.iter().position(|h| h.eq_ignore_ascii_case(name.trim()));
        let missing = |column: String| ImportError::MissingColumn {
            file: table.file.clone(),
            column,
            field: rule.field,
            available: table.headers.join(", "),
        };
        let mut slug = false;
        let columns: Result<Vec<usize>, String> = match &rule.source {
            Source::Fixed(value) => {
                sources.insert(rule.field, Resolved::Fixed(value.clone()));
                continue;
            }
            Source::Column(name) => find(name).map(|i| vec![i]).ok_or_else(|| name.clone()),
            Source::UrlSlug(name) => {
                slug = true;
                find(name).map(|i| vec![i]).ok_or_else(|| name.clone())
            }
            Source::AnyOf(names) => {
                names.iter().find_map(|n| find(n)).map(|i| vec![i]).ok_or_else(|| names.join(" or "))
            }
            Source::Joined(names) => names.iter().map(|n| find(n).ok_or_else(|| n.clone())).collect(),
        };
        match columns {
            Ok(columns) => {
                let label = columns.iter().map(|&i| table.headers[i].clone()).collect::<Vec<_>>().join(" + ");
                sources.insert(rule.field, Resolved::Columns { columns, label, slug });
            }
            Err(_) if rule.optional => {}
            Err(name) => return Err(missing(name)),
        }
    }
    let named =
        [Field::DisplayName, Field::GivenName, Field::FamilyName].iter().any(|f| sources.contains_key(f));
    if !named {
        return Err(ImportError::NoName { file: table.file.clone() });
    }
    let mut mapped: Vec<Field> = sources.keys().copied().collect();
    mapped.sort_by_key(|f| *f as u8);
    // Every column some field reads, for the checks of each cell.
    let mut read_columns: Vec<usize> = sources
        .values()
        .filter_map(|r| match r {
            Resolved::Columns { columns, .. } => Some(columns.iter().copied()),
            Resolved::Fixed(_) => None,
        })
        .flatten()
        .collect();
    read_columns.sort_unstable();
    read_columns.dedup();
    let folded_categories: Vec<(String, &String)> = categories.iter().map(|c| (fold(c), c)).collect();

    let mut parsed = Parsed { attendees: Vec::new(), problems: table.problems.clone(), mapped };
    let mut seen: FastMap<String, u64> =
        FastMap::with_capacity_and_hasher(table.rows.len(), Default::default());
    let mut reader = table.reader();
    for row in &table.rows {
        let line = row.line;
        let cells = reader.read(row);
        let problem = |column: Option<String>, reason: String| RowProblem { line, column, reason };
        if let Some((column, reason)) = cell_problem(table, row, cells, &read_columns) {
            parsed.problems.push(problem(Some(column), reason));
            continue;
        }
        let get = |field: Field| -> (String, Option<&str>) {
            let (value, label) = match sources.get(&field) {
                Some(Resolved::Fixed(v)) => (v.trim().to_owned(), None),
                Some(Resolved::Columns { columns, label, slug }) => {
                    let cell = |i: usize| cells.get(i).map_or("", str::trim);
                    // One column, as most fields are, costs one copy of its cell.
                    let value = match columns.as_slice() {
                        [one] if *slug => url_slug(cell(*one)).unwrap_or_default().to_owned(),
                        [one] => cell(*one).to_owned(),
                        many => {
                            let parts: Vec<&str> = many.iter().map(|&i| cell(i)).collect();
                            if parts.iter().any(|p| p.is_empty()) {
                                String::new()
                            } else if *slug {
                                parts.first().and_then(|p| url_slug(p)).unwrap_or_default().to_owned()
                            } else {
                                parts.join("-")
                            }
                        }
                    };
                    (value, Some(label.as_str()))
                }
                None => (String::new(), None),
            };
            // A line break or tab inside a one-line field (a name pasted
            // from a document) is a space on a badge.
            let value = if !field.multiline() && value.contains(['\n', '\t']) {
                value
                    .split(['\n', '\t'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                value
            };
            (value, label)
        };
        match read_row(&get, &folded_categories, currency) {
            Ok(fields) => {
                let key = fields
                    .external_id
                    .clone()
                    .or_else(|| (!fields.email.is_empty()).then(|| format!("email:{}", fold(&fields.email))));
                let dedupe = key
                    .clone()
                    .unwrap_or_else(|| format!("row:{}", cells.iter().collect::<Vec<_>>().join("\u{1f}")));
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
    parsed.problems.sort_by_key(|p| p.line);
    Ok(parsed)
}

/// The first cell of a read column that cannot be stored: too long, a
/// control character, or a byte that was not UTF-8.
fn cell_problem(
    table: &Table,
    row: &Row,
    cells: &csv::StringRecord,
    read_columns: &[usize],
) -> Option<(String, String)> {
    for &column in read_columns {
        let Some(cell) = cells.get(column) else { continue };
        let header = || table.headers.get(column).cloned().unwrap_or_default();
        if cell.len() > MAX_FIELD_CHARS && cell.chars().count() > MAX_FIELD_CHARS {
            let count = cell.chars().count();
            return Some((
                header(),
                format!("the field has {count} characters: a field may have at most {MAX_FIELD_CHARS}"),
            ));
        }
        // Line breaks and tabs are text (one-line fields make them spaces).
        if let Some(c) = cell.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
            return Some((
                header(),
                format!(
                    "a control character (U+{:04X}) is in the field: remove it and import again",
                    c as u32
                ),
            ));
        }
        if cell.contains('\u{FFFD}')
            && let Some((line, byte)) = table.bad_byte(row)
        {
            return Some((
                header(),
                format!(
                    "line {line} has the byte 0x{byte:02X}, which is not UTF-8 (the rest of the file is): fix it and import again"
                ),
            ));
        }
    }
    None
}

#[derive(Debug)]
enum Resolved {
    /// Column indexes (joined with "-") and a label naming them for
    /// messages; `slug` takes the last segment of a URL.
    Columns {
        columns: Vec<usize>,
        label: String,
        slug: bool,
    },
    Fixed(String),
}

type CellProblem = (Option<String>, String);

/// What a source system's status word means at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
enum StatusMeaning {
    Ticket(TicketStatus),
    /// Not a ticket at all, and why.
    NotATicket(&'static str),
}

/// Reads a status as pretix (codes and their English and German words),
/// Tito (its void column and ticket states) and Eventbrite (attendee and
/// order statuses) write them. `None` for a word none of them writes.
fn status_meaning(raw: &str) -> Option<StatusMeaning> {
    use StatusMeaning::*;
    Some(match raw.trim().to_lowercase().as_str() {
        "" | "p" | "paid" | "bezahlt" | "valid" | "attending" | "checked in" | "checked-in" | "completed"
        | "complete" | "incomplete" | "unassigned" | "confirmed" | "free" | "free order" | "manual"
        | "false" | "no" | "0" => Ticket(TicketStatus::Valid),
        "c" | "canceled" | "cancelled" | "storniert" | "refunded" | "refunded/canceled" | "void"
        | "voided" | "not attending" | "true" | "yes" | "1" => Ticket(TicketStatus::Cancelled),
        "n" | "pending" | "ausstehend" | "unpaid" | "offline" => NotATicket("the order is not paid yet"),
        "pending (approval)" | "pending approval" | "awaiting approval" | "requires approval" => {
            NotATicket("the order awaits the organiser's approval")
        }
        "e" | "expired" | "abgelaufen" => NotATicket("the order expired without being paid"),
        "transferred" | "partially transferred" => {
            NotATicket("the ticket was transferred to another ticket type or event")
        }
        "deleted" => NotATicket("the ticket was deleted in the ticketing system"),
        "abandoned" => NotATicket("the order was never completed"),
        _ => return None,
    })
}

/// A display name for the parts: family name first and without a space
/// for Chinese, Japanese and Korean names, given name first otherwise.
pub fn name_from_parts(given: &str, family: &str) -> String {
    if family_first(given, family) {
        return format!("{family}{given}");
    }
    [given, family].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// True when both parts are written in Han, kana or Hangul.
fn family_first(given: &str, family: &str) -> bool {
    let cjk = |s: &str| {
        let mut letters = s.chars().filter(|c| c.is_alphanumeric()).peekable();
        letters.peek().is_some() && letters.all(is_cjk)
    };
    cjk(given) && cjk(family)
}

fn read_row<'s>(
    get: &dyn Fn(Field) -> (String, Option<&'s str>),
    categories: &[(String, &String)],
    currency: &Currency,
) -> Result<ImportedFields, CellProblem> {
    let text = |field| get(field).0;
    let given = text(Field::GivenName);
    let family = text(Field::FamilyName);
    let (mut display, display_column) = get(Field::DisplayName);
    // "小明 王" is the exporter joining given and family the Western way,
    // not how 王小明 writes his name; any other display name is as written.
    let western_join = !given.is_empty() && !family.is_empty() && display == format!("{given} {family}");
    if display.is_empty() || (western_join && family_first(&given, &family)) {
        display = name_from_parts(&given, &family);
    }
    if display.is_empty() {
        return Err((display_column.map(str::to_owned), "the name is empty".into()));
    }
    if display.chars().count() > 200 {
        return Err((display_column.map(str::to_owned), "the name is longer than 200 characters".into()));
    }
    // A row without a ticket type still comes in, as "General": the desk can correct it.
    let ticket_type = text(Field::TicketType);
    let (role_text, role_column) = get(Field::Role);
    let role = if role_text.is_empty() {
        None
    } else {
        Some(Role::parse(&role_text).map_err(|e| (role_column.map(str::to_owned), e.to_string()))?)
    };
    let (due_text, due_column) = get(Field::AmountDue);
    let amount_due_cents = if due_text.is_empty() {
        0
    } else {
        let money = Money::parse_decimal(&due_text, currency.clone())
            .map_err(|e| (due_column.map(str::to_owned), e.to_string()))?;
        if money.minor < 0 {
            return Err((due_column.map(str::to_owned), format!("the amount due {due_text:?} is negative")));
        }
        money.minor
    };
    let (status_text, status_column) = get(Field::Status);
    let (status, not_a_ticket) = match status_meaning(&status_text) {
        Some(StatusMeaning::Ticket(status)) => (status, None),
        Some(StatusMeaning::NotATicket(why)) => {
            (TicketStatus::Cancelled, Some(format!("{why} (status {status_text:?})")))
        }
        None => {
            return Err((
                status_column.map(str::to_owned),
                format!(
                    "the status {status_text:?} is not one Lanyard knows: a valid ticket is \"paid\" or \"attending\", a cancelled one \"cancelled\""
                ),
            ));
        }
    };
    let (secret, secret_column) = get(Field::TicketSecret);
    if !secret.is_empty() && secret.chars().count() < MIN_TICKET_SECRET_CHARS {
        return Err((
            secret_column.map(str::to_owned),
            format!(
                "the ticket secret {secret:?} is shorter than {MIN_TICKET_SECRET_CHARS} characters: a name typed at the desk could match it"
            ),
        ));
    }
    let (reference, reference_column) = get(Field::TicketReference);
    let reference = reference.strip_prefix('#').unwrap_or(&reference).to_owned();
    let length = reference.chars().count();
    if reference.contains(char::is_whitespace) || length > 64 {
        return Err((
            reference_column.map(str::to_owned),
            format!("the ticket reference {reference:?} is not a code"),
        ));
    }
    if length > 0 && length < MIN_TICKET_REFERENCE_CHARS {
        return Err((
            reference_column.map(str::to_owned),
            format!(
                "the ticket reference {reference:?} is shorter than {MIN_TICKET_REFERENCE_CHARS} characters: a number typed at the desk could match it"
            ),
        ));
    }
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
    let optional = |value: String| Some(value).filter(|s: &String| !s.is_empty());
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
        external_id: optional(text(Field::ExternalId)),
        ticket_secret: optional(secret),
        ticket_reference: optional(reference),
        amount_due_cents,
        note: text(Field::Note),
        status,
        not_a_ticket,
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
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.cells(&table.rows[0]), ["Ana", "two\nlines"]);
        assert_eq!(table.rows[1].line, 6, "line numbers count the embedded newline");
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

    fn people_mapping() -> Mapping {
        let col = |field, name: &str| Rule { field, source: Source::Column(name.into()), optional: false };
        Mapping {
            rules: vec![
                col(Field::DisplayName, "name"),
                col(Field::Email, "mail"),
                col(Field::Affiliation, "organisation"),
                col(Field::TicketType, "ticket"),
            ],
        }
    }

    /// The problems of `csv` read with [`people_mapping`], as (line, column, reason).
    fn problems_of(csv: &[u8]) -> (Parsed, Vec<(u64, Option<String>, String)>) {
        let table = read_table("people.csv", csv).expect("readable");
        let parsed = parse(&table, &people_mapping(), &[], &eur()).expect("mapping fits");
        let problems = parsed.problems.iter().map(|p| (p.line, p.column.clone(), p.reason.clone())).collect();
        (parsed, problems)
    }

    #[test]
    fn a_row_with_more_or_fewer_fields_than_the_header_is_a_problem_naming_both_counts() {
        // Line 3 lost its e-mail's separator, line 4 has an unquoted comma in
        // its organisation: read as they are, values would shift columns.
        let (parsed, problems) = problems_of(
            b"name,mail,organisation,ticket\r\n\
              Ana Silva,ana@example.org,Acme,Conference\r\n\
              Bo Li,Speaker,Conference\r\n\
              Chidi Okafor,chidi@example.org,Acme, Inc.,Conference\r\n\
              Dana Cohen,dana@example.org,,Student\r\n",
        );
        let names: Vec<&str> = parsed.attendees.iter().map(|a| a.fields.display_name.as_str()).collect();
        assert_eq!(names, ["Ana Silva", "Dana Cohen"], "nothing from a ragged row is taken");
        assert_eq!(
            problems,
            [
                (
                    3,
                    None,
                    "line 3 has 3 fields, the header has 4: its values would land in the wrong columns"
                        .to_owned()
                ),
                (
                    4,
                    None,
                    "line 4 has 5 fields, the header has 4: its values would land in the wrong columns"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_stray_quote_inside_an_unquoted_field_is_read_literally_as_spreadsheets_do() {
        let (parsed, problems) = problems_of(
            "name;mail;organisation;ticket\n\
             Ana O\"Neil;ana@example.ie;Trinity \"TCD\" Dublin;Conference\n\
             \"Seán Ó Briain\";sean@example.ie;\"Cork; Kerry\";Conference\n"
                .as_bytes(),
        );
        assert_eq!(problems, [], "nothing is wrong with these lines");
        let ana = &parsed.attendees[0].fields;
        assert_eq!(
            (ana.display_name.as_str(), ana.affiliation.as_str()),
            ("Ana O\"Neil", "Trinity \"TCD\" Dublin")
        );
        assert_eq!(parsed.attendees[1].fields.affiliation, "Cork; Kerry", "quoted fields still work");
    }

    #[test]
    fn text_after_a_closing_quote_is_a_problem_of_that_line_alone() {
        let (parsed, problems) = problems_of(
            b"name,mail,organisation,ticket\n\
              \"Ana O\"Neil\",ana@example.ie,TCD,Conference\n\
              \"Bo Li\" ,bo@example.org,\"Multi\nline\",Conference\n",
        );
        assert_eq!(
            problems,
            [(
                2,
                None,
                "line 2 has text after the closing quote of a quoted field: check the quotes".to_owned()
            )]
        );
        assert_eq!(parsed.attendees.len(), 1, "spaces after a closing quote are harmless");
        assert_eq!(parsed.attendees[0].fields.display_name, "Bo Li");
    }

    #[test]
    fn one_byte_that_is_not_utf8_in_a_utf8_file_is_a_problem_of_its_line_alone() {
        // Four accented names in UTF-8, and one pasted from a Windows-1252 file.
        let csv = b"name;mail;organisation;ticket\n\
                    \xc5\x81ukasz W\xc3\xb3jcik;lukasz@example.pl;UJ;Conference\n\
                    Zo\xc3\xab Lef\xc3\xa8vre;zoe@example.fr;Lyon;Conference\n\
                    Jos\xe9 Garc\xeda;jose@example.es;UPV;Conference\n\
                    Ng\xc5\xa9g\xc4\xa9 w\xc3\xa4 Thiong\xe2\x80\x99o;ngugi@example.ke;UoN;Conference\n";
        let table = read_table("people.csv", csv).expect("readable");
        assert_eq!(table.encoding, "UTF-8", "the file is UTF-8 but for one line");
        let parsed = parse(&table, &people_mapping(), &[], &eur()).expect("mapping fits");
        let names: Vec<&str> = parsed.attendees.iter().map(|a| a.fields.display_name.as_str()).collect();
        assert_eq!(names, ["Łukasz Wójcik", "Zoë Lefèvre", "Ngũgĩ wä Thiong’o"], "no name is garbled");
        let problem = &parsed.problems[0];
        assert_eq!((problem.line, problem.column.as_deref()), (4, Some("name")));
        assert_eq!(
            problem.reason,
            "line 4 has the byte 0xE9, which is not UTF-8 (the rest of the file is): fix it and import again"
        );
        // Without valid multi-byte sequences the evidence says Windows-1252.
        let table = read_table("x.csv", b"name\nM\xfcller\nJos\xe9\n").expect("readable");
        assert_eq!(table.encoding, "windows-1252");
        assert_eq!(table.cells(&table.rows[1]), ["José"]);
    }

    #[test]
    fn control_characters_in_a_field_are_a_problem_naming_line_and_column() {
        let (parsed, problems) = problems_of(
            b"name,mail,organisation,ticket\n\
              Ana\x00 Silva,ana@example.org,Acme,Conference\n\
              Bo Li,bo@example.org,Ac\x1bme,Conference\n\
              \"Chidi\nOkafor\",chidi@example.org,Acme,Conference\n",
        );
        assert_eq!(
            problems,
            [
                (
                    2,
                    Some("name".to_owned()),
                    "a control character (U+0000) is in the field: remove it and import again".to_owned()
                ),
                (
                    3,
                    Some("organisation".to_owned()),
                    "a control character (U+001B) is in the field: remove it and import again".to_owned()
                ),
            ]
        );
        assert_eq!(
            parsed.attendees[0].fields.display_name, "Chidi Okafor",
            "a line break in a name is a space"
        );
    }

    #[test]
    fn statuses_that_are_no_ticket_are_marked_and_unknown_ones_are_problems() {
        let mapping = Preset::Pretix.mapping();
        let csv = "Order code,Position ID,Status,Product,Attendee name,Ticket secret\n\
                   A1,1,p,Conference,Ana Silva,secretana001\n\
                   A2,1,n,Conference,Bo Li,secretbo0002\n\
                   A3,1,e,Conference,Chidi Okafor,secretchidi3\n\
                   A4,1,c,Conference,Dana Cohen,secretdana04\n\
                   A5,1,on hold,Conference,Eli Noor,secreteli005\n";
        let table = read_table("pretix.csv", csv.as_bytes()).expect("readable");
        let parsed = parse(&table, &mapping, &[], &eur()).expect("preset fits");
        let meaning: Vec<(&str, TicketStatus, Option<&str>)> = parsed
            .attendees
            .iter()
            .map(|a| (a.fields.display_name.as_str(), a.fields.status, a.fields.not_a_ticket.as_deref()))
            .collect();
        assert_eq!(
            meaning,
            [
                ("Ana Silva", TicketStatus::Valid, None),
                ("Bo Li", TicketStatus::Cancelled, Some("the order is not paid yet (status \"n\")")),
                (
                    "Chidi Okafor",
                    TicketStatus::Cancelled,
                    Some("the order expired without being paid (status \"e\")")
                ),
                ("Dana Cohen", TicketStatus::Cancelled, None),
            ]
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!((parsed.problems[0].line, parsed.problems[0].column.as_deref()), (6, Some("Status")));
        assert!(parsed.problems[0].reason.starts_with("the status \"on hold\" is not one Lanyard knows"));
        for (word, meant) in [
            ("Attending", Some(StatusMeaning::Ticket(TicketStatus::Valid))),
            ("Checked In", Some(StatusMeaning::Ticket(TicketStatus::Valid))),
            ("Not Attending", Some(StatusMeaning::Ticket(TicketStatus::Cancelled))),
            (
                "Transferred",
                Some(StatusMeaning::NotATicket("the ticket was transferred to another ticket type or event")),
            ),
            ("Deleted", Some(StatusMeaning::NotATicket("the ticket was deleted in the ticketing system"))),
            ("Unpaid", Some(StatusMeaning::NotATicket("the order is not paid yet"))),
            ("void", Some(StatusMeaning::Ticket(TicketStatus::Cancelled))),
            ("", Some(StatusMeaning::Ticket(TicketStatus::Valid))),
            ("maybe", None),
        ] {
            assert_eq!(status_meaning(word), meant, "{word:?}");
        }
    }

    #[test]
    fn files_headers_fields_and_rows_past_their_limits_are_refused_naming_the_limit() {
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        let err = read_table("huge.csv", &huge).expect_err("too large");
        assert_eq!(err.to_string(), "huge.csv has 201 MB: files of more than 200 MB are not read");

        let wide: Vec<String> = (0..=MAX_COLUMNS).map(|i| format!("c{i}")).collect();
        let err = read_table("wide.csv", format!("{}\n", wide.join(",")).as_bytes()).expect_err("too wide");
        assert_eq!(err.to_string(), "wide.csv: the header has 501 columns: at most 500 are read");

        let long_name = "Ana ".repeat(300);
        let long_row = format!("Bo Li,bo@example.org,{},Conference", "x".repeat(MAX_ROW_CHARS));
        let csv = format!(
            "name,mail,organisation,ticket\n{long_name},ana@example.org,Acme,Conference\n{long_row}\n"
        );
        let (parsed, problems) = problems_of(csv.as_bytes());
        assert!(parsed.attendees.is_empty());
        assert_eq!(
            problems,
            [
                (
                    2,
                    Some("name".to_owned()),
                    "the field has 1200 characters: a field may have at most 1000".to_owned()
                ),
                (3, None, "line 3 has 100032 characters: a row may have at most 100000".to_owned()),
            ]
        );

        let mut many = String::from("name\n");
        many.push_str(&"x\n".repeat(MAX_ROWS + 1));
        let err = read_table("many.csv", many.as_bytes()).expect_err("too many rows");
        assert_eq!(
            err.to_string(),
            "many.csv: more than 1,000,000 rows (line 1000002 is past the limit): split the file"
        );
    }

    #[test]
    fn short_ticket_secrets_are_a_problem_so_a_typed_name_never_matches_one() {
        let csv = "Order code,Position ID,Product,Attendee name,Ticket secret\n\
                   A1,1,Conference,Ana Silva,anna\n\
                   A2,1,Conference,Bo Li,x8k2m9q4w7\n";
        let table = read_table("pretix.csv", csv.as_bytes()).expect("readable");
        let parsed = parse(&table, &Preset::Pretix.mapping(), &[], &eur()).expect("preset fits");
        assert_eq!(parsed.attendees.len(), 1);
        assert_eq!(parsed.problems[0].column.as_deref(), Some("Ticket secret"));
        assert_eq!(
            parsed.problems[0].reason,
            "the ticket secret \"anna\" is shorter than 8 characters: a name typed at the desk could match it"
        );
    }

    #[test]
    fn a_pretix_calling_name_is_the_nickname_and_tito_tickets_give_their_codes() {
        let csv = "Order code,Position ID,Product,Attendee name,Attendee name: Calling name,Attendee name: Full name\n\
                   K7QX2,1,Conference,Rajeshwari Venkataraman,Raji,Rajeshwari Venkataraman\n";
        let table = read_table("pretix.csv", csv.as_bytes()).expect("readable");
        let parsed = parse(&table, &Preset::Pretix.mapping(), &[], &eur()).expect("preset fits");
        let raji = &parsed.attendees[0].fields;
        assert_eq!((raji.nickname.as_str(), raji.ticket_reference.as_deref()), ("Raji", Some("K7QX2-1")));

        let csv = "Ticket Reference,Ticket,Ticket Full Name,Unique Ticket URL\n\
                   GIAO-1,Conference,Nino Beridze,https://ti.to/tickets/ti_pB3xKq7vT9mWzY2aLc5dRfG\n\
                   WXYZ,Conference,Somchai Wongsawat,https://ti.to/tickets/ti_p9Hh2Jk4Ll6Mn8Pq0Rs2Tu4V/\n";
        let table = read_table("tito.csv", csv.as_bytes()).expect("readable");
        let parsed = parse(&table, &Preset::Tito.mapping(), &[], &eur()).expect("preset fits");
        let codes: Vec<(Option<&str>, Option<&str>)> = parsed
            .attendees
            .iter()
            .map(|a| (a.fields.ticket_secret.as_deref(), a.fields.ticket_reference.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [
                (Some("ti_pB3xKq7vT9mWzY2aLc5dRfG"), Some("GIAO-1")),
                (Some("ti_p9Hh2Jk4Ll6Mn8Pq0Rs2Tu4V"), Some("WXYZ")),
            ]
        );
        assert!(
            is_reference_shaped("GIAO-1") && is_reference_shaped("#WXYZ") && !is_reference_shaped("wxyz")
        );
        assert!(!is_reference_shaped("12") && !is_reference_shaped("#A 1"), "too short, or two words");
    }

    #[test]
    fn chinese_japanese_and_korean_names_are_family_name_first_and_others_as_written() {
        let col = |field, name: &str| Rule { field, source: Source::Column(name.into()), optional: false };
        let mapping = Mapping {
            rules: vec![
                col(Field::DisplayName, "name"),
                col(Field::GivenName, "given"),
                col(Field::FamilyName, "family"),
                Rule {
                    field: Field::TicketType,
                    source: Source::Fixed("Conference".into()),
                    optional: false,
                },
            ],
        };
        let csv = "name,given,family\n\
                   小明 王,小明,王\n\
                   ,민준,김\n\
                   ,太郎,山田\n\
                   王 小明,小明,王\n\
                   Wang Xiaoming,Xiaoming,Wang\n\
                   ,ნინო,ბერიძე\n\
                   ,สมชาย,วงศ์สวัสดิ์\n\
                   ,محمد,عبد الرحمن\n\
                   ,Priya,\n";
        let table = read_table("names.csv", csv.as_bytes()).expect("readable");
        let parsed = parse(&table, &mapping, &[], &eur()).expect("mapping fits");
        let names: Vec<&str> = parsed.attendees.iter().map(|a| a.fields.display_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "王小明",
                "김민준",
                "山田太郎",
                "王 小明",
                "Wang Xiaoming",
                "ნინო ბერიძე",
                "สมชาย วงศ์สวัสดิ์",
                "محمد عبد الرحمن",
                "Priya",
            ]
        );
    }

    #[test]
    fn the_parse_says_which_fields_the_mapping_fills() {
        let col = |field, name: &str| Rule { field, source: Source::Column(name.into()), optional: false };
        let mapping = Mapping { rules: vec![col(Field::DisplayName, "name"), col(Field::Email, "mail")] };
        let table = read_table("x.csv", b"name,mail\nAna,ana@example.org\n").expect("readable");
        let parsed = parse(&table, &mapping, &[], &eur()).expect("mapping fits");
        assert_eq!(parsed.mapped, [Field::DisplayName, Field::Email]);
        assert!(!parsed.maps(Field::TicketSecret) && !parsed.maps(Field::Status));
    }
}
