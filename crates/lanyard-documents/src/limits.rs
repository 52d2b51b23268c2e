//! The bounds a document must keep before anything is shaped or drawn, so a
//! runaway report cannot take the desk's memory or time, and the shape a
//! table must have. Checking is cheap: it counts, nothing more.

use crate::error::DocumentError;
use crate::model::{Block, Document};

/// The most table rows a document may have, all tables together.
pub const MAX_TABLE_ROWS: usize = 100_000;
/// The most characters one text of a block may have (a paragraph, a label,
/// a value, a cell, a column title).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 16;

/// Checks `doc` against the bounds above, and that every table row has one
/// cell per column and every column a usable width.
pub fn check(doc: &Document) -> Result<(), DocumentError> {
    let rows: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table { rows, .. } => rows.len(),
            _ => 0,
        })
        .sum();
    if rows > MAX_TABLE_ROWS {
        return Err(DocumentError::TooManyRows { rows, limit: MAX_TABLE_ROWS });
    }
    for (n, block) in doc.blocks.iter().enumerate() {
        for text in texts(block) {
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(DocumentError::TextTooLong { block: n, chars, limit: MAX_TEXT_CHARS });
            }
        }
        if let Block::Table { columns, rows } = block {
            if columns.is_empty() || columns.len() > MAX_COLUMNS {
                return Err(DocumentError::Columns { block: n, columns: columns.len(), limit: MAX_COLUMNS });
            }
            if let Some(column) = columns.iter().position(|c| !(c.width.is_finite() && c.width > 0.0)) {
                return Err(DocumentError::ColumnWidth { block: n, column });
            }
            if let Some((row, cells)) = rows.iter().enumerate().find(|(_, r)| r.len() != columns.len()) {
                return Err(DocumentError::RowCells {
                    block: n,
                    row,
                    cells: cells.len(),
                    columns: columns.len(),
                });
            }
        }
    }
    Ok(())
}

/// Every text of a block.
pub(crate) fn texts(block: &Block) -> Box<dyn Iterator<Item = &str> + '_> {
    match block {
        Block::Heading(t) | Block::Text(t) | Block::Small(t) | Block::Big(t) => {
            Box::new(std::iter::once(t.as_str()))
        }
        Block::Pairs(pairs) => Box::new(pairs.iter().flat_map(|(l, v)| [l.as_str(), v.as_str()])),
        Block::Table { columns, rows } => Box::new(
            columns.iter().map(|c| c.title.as_str()).chain(rows.iter().flatten().map(String::as_str)),
        ),
        Block::Signatures(labels) => Box::new(labels.iter().map(String::as_str)),
        Block::Rule | Block::Space => Box::new(std::iter::empty()),
    }
}
