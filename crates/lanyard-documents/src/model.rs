//! The document model: pure data, no fonts, no layout, no PDF.
//!
//! A document is a paper size, a title for the PDF's metadata and a list of
//! blocks drawn one under the other. The api maps what it prints (a cash
//! receipt, the end-of-day cash report) into blocks; this crate knows
//! nothing about money, shifts or attendees.

/// The paper a document is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paper {
    /// An A4 sheet (210 × 297 mm); long documents continue on more pages.
    A4,
    /// An A6 sheet (105 × 148 mm); long documents continue on more pages.
    A6,
    /// An 80 mm receipt roll: one page, as long as its content (at least 80 mm).
    Roll80,
}

/// A document to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The paper.
    pub paper: Paper,
    /// The PDF's metadata title. Print queues and file managers show it, so
    /// it is generic ("Lanyard receipt"), never a name or a badge code.
    pub title: String,
    /// What to draw, top to bottom.
    pub blocks: Vec<Block>,
}

/// One piece of a document. Texts are typed as they should read, in any
/// script the badge fonts cover; a `\n` in a wrapped text starts a new line.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A large, bold line (wrapped when long).
    Heading(String),
    /// A wrapped paragraph.
    Text(String),
    /// Small wrapped print (disclaimers).
    Small(String),
    /// Label on the left, value right-aligned on the same line; a long label
    /// wraps, a very long value is cut with an ellipsis.
    Pairs(Vec<(String, String)>),
    /// A table. Each row has one cell per column. A cell is one line, cut
    /// with an ellipsis when it is wider than its column. A table longer
    /// than the page continues on the next one under its header row again.
    Table {
        /// The columns, left to right.
        columns: Vec<Column>,
        /// The rows, top to bottom, each one cell per column.
        rows: Vec<Vec<String>>,
    },
    /// One very large figure (the change due), centred; made smaller when it
    /// is wider than the paper.
    Big(String),
    /// A horizontal line across the page.
    Rule,
    /// A line to sign on for each label ("Counted by", "Witness"), the label
    /// under it.
    Signatures(Vec<String>),
    /// An empty line.
    Space,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header cell.
    pub title: String,
    /// Where the column's cells sit.
    pub align: Align,
    /// The column's share of the page width, relative to the other columns'
    /// (a finite number above zero).
    pub width: f32,
}

/// Where a table cell sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// Against the column's left edge.
    Left,
    /// Against the column's right edge (amounts, counts).
    Right,
}
