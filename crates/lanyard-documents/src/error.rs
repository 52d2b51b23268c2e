//! Why a document cannot be rendered: the input is out of bounds or
//! malformed, or a bundled font cannot be used. Blocks are named by their
//! position in [`crate::Document::blocks`], counted from 0.

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The tables of the document have too many rows in total.
    #[error("the document has {rows} table rows, more than the {limit} allowed")]
    TooManyRows {
        /// Rows in all tables together.
        rows: usize,
        /// The most allowed.
        limit: usize,
    },
    /// One text of a block is too long.
    #[error("block {block} has a text of {chars} characters, more than the {limit} allowed")]
    TextTooLong {
        /// The block.
        block: usize,
        /// The text's length in characters.
        chars: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A table has no columns, or more than can be printed.
    #[error("the table in block {block} has {columns} columns: it needs 1 to {limit}")]
    Columns {
        /// The block.
        block: usize,
        /// How many columns it has.
        columns: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A column's width is not a finite number above zero.
    #[error("column {column} of the table in block {block} has a width that is not a number above zero")]
    ColumnWidth {
        /// The block.
        block: usize,
        /// The column, counted from 0.
        column: usize,
    },
    /// A table row does not have one cell per column.
    #[error("row {row} of the table in block {block} has {cells} cells for {columns} columns")]
    RowCells {
        /// The block.
        block: usize,
        /// The row, counted from 0.
        row: usize,
        /// Its cells.
        cells: usize,
        /// The table's columns.
        columns: usize,
    },
    /// A bundled font cannot be parsed or embedded (a damaged build).
    #[error("the bundled font {0} cannot be used")]
    Font(&'static str),
}

impl From<lanyard_badges::fonts::FontError> for DocumentError {
    fn from(e: lanyard_badges::fonts::FontError) -> Self {
        DocumentError::Font(e.0)
    }
}
