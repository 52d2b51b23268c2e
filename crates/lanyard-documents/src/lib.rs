//! Printed documents other than badges: cash receipts, the end-of-day cash
//! report, and whatever else the desk prints on A4, A6 or an 80 mm roll.
//!
//! A [`Document`] is pure data: a paper, a title and a list of [`Block`]s
//! (headings, paragraphs, label–value pairs, tables, a big figure, rules,
//! signature lines). The api maps its receipts and reports into blocks;
//! this crate knows nothing about money or attendees. [`render_pdf`] checks
//! the document's bounds (`limits`), lays it out on pages (`layout`, text
//! wrapped and cut in `lines`) and draws it (`pdf`). Fonts and text shaping
//! are lanyard-badges' (the bundled Noto faces, fallback across scripts,
//! bidi; decision 0008), so a receipt prints every name a badge prints.
//! Decision 0009 says why this is a crate of its own.
#![deny(missing_docs)]

mod error;
mod layout;
mod limits;
mod lines;
mod model;
mod pdf;

pub use error::DocumentError;
pub use limits::{MAX_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT_CHARS};
pub use model::{Align, Block, Column, Document, Paper};

use lanyard_badges::Fonts;
use lanyard_badges::text::is_invisible;

/// Renders `doc` to a PDF: A4 and A6 on as many pages as it takes, a roll on
/// one page as long as its content. Refuses a document over the bounds of
/// [`MAX_TABLE_ROWS`], [`MAX_TEXT_CHARS`] and [`MAX_COLUMNS`], and a table
/// whose rows do not have one cell per column. Characters no bundled font
/// has (emoji) are left out: [`missing_characters`] lists them beforehand.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, DocumentError> {
    limits::check(doc)?;
    let fonts = Fonts::bundled()?;
    let pages = layout::layout(doc, fonts);
    pdf::draw(&pages, fonts, &doc.title)
}

/// The characters of `doc` that no bundled font has, each once, in the
/// order they first appear: [`render_pdf`] leaves them out, so a caller can
/// say so. Spaces and invisible format characters are never listed.
pub fn missing_characters(doc: &Document) -> Result<Vec<char>, DocumentError> {
    limits::check(doc)?;
    let fonts = Fonts::bundled()?;
    let mut missing = Vec::new();
    for block in &doc.blocks {
        for ch in limits::texts(block).flat_map(str::chars) {
            let drawable = ch.is_whitespace() || ch.is_control() || is_invisible(ch);
            if !drawable && fonts.pick(lanyard_badges::Stack::Body, ch).is_none() && !missing.contains(&ch) {
                missing.push(ch);
            }
        }
    }
    Ok(missing)
}
