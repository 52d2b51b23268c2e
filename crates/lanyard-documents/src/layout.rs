//! Laying a document out on pages: pure data, no PDF.
//!
//! Blocks are set one under the other inside the paper's margins; positions
//! are millimetres from the page's top-left corner. Every line is placed on
//! its own, so a paragraph, a list of pairs or a table longer than the page
//! continues on the next one (a table under its header row again); a block
//! of signatures, and a table's header with its first row, are kept
//! together. A roll is one page as long as its content. Text is shaped here
//! (see `lines`), so what is measured is what the PDF draws.

use lanyard_badges::layout::MM_PER_PT;
use lanyard_badges::text::ShapedLine;
use lanyard_badges::{Fonts, Stack};

use crate::lines::{Style, cut, wrap};
use crate::model::{Align, Block, Column, Document, Paper};

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    /// Width in millimetres.
    pub width: f32,
    /// Height in millimetres.
    pub height: f32,
    /// What to draw.
    pub items: Vec<Item>,
}

/// Something drawn on a page (millimetres from the page's top-left).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A shaped line, its left end at `x`.
    Text {
        /// Left end of the line.
        x: f32,
        /// The baseline, down from the top.
        baseline: f32,
        /// Font size in points.
        size_pt: f32,
        /// The glyphs.
        line: ShapedLine,
    },
    /// A filled rectangle (rules and signature lines).
    Bar {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
}

/// Sizes of one paper, in millimetres and points.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    width: f32,
    /// `None` for a roll: the page is as long as its content.
    height: Option<f32>,
    margin: f32,
    body: f32,
    small: f32,
    heading: f32,
    big: f32,
}

/// The shortest a roll's page is.
pub(crate) const ROLL_MIN_HEIGHT: f32 = 80.0;

fn metrics(paper: Paper) -> Metrics {
    match paper {
        Paper::A4 => Metrics {
            width: 210.0,
            height: Some(297.0),
            margin: 18.0,
            body: 10.0,
            small: 7.5,
            heading: 16.0,
            big: 32.0,
        },
        Paper::A6 => Metrics {
            width: 105.0,
            height: Some(148.0),
            margin: 7.0,
            body: 8.5,
            small: 6.5,
            heading: 12.0,
            big: 24.0,
        },
        // 80 mm rolls print about 72 mm wide.
        Paper::Roll80 => Metrics {
            width: 80.0,
            height: None,
            margin: 4.0,
            body: 9.0,
            small: 7.0,
            heading: 12.0,
            big: 24.0,
        },
    }
}

/// Line height over font size.
const LEADING: f32 = 1.4;
/// How far the baseline sits below the line's top, over font size.
const ASCENT: f32 = 1.08;
/// Space between a table's columns, in millimetres.
const COLUMN_GAP: f32 = 2.0;
/// Space between a label and its value, in millimetres.
const PAIR_GAP: f32 = 3.0;
/// Thickness of rules and signature lines, in millimetres.
const RULE: f32 = 0.3;
/// Room above a signature line to sign in, in millimetres.
const SIGNING_ROOM: f32 = 12.0;
/// The longest a signature line is, in millimetres.
const SIGNATURE_LINE: f32 = 70.0;

fn line_height(size_pt: f32) -> f32 {
    size_pt * LEADING * MM_PER_PT
}

/// Where a line sits between two edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Left,
    Right,
    Centre,
}

/// The cursor going down the pages.
struct Flow<'a> {
    fonts: &'a Fonts,
    m: Metrics,
    pages: Vec<Page>,
    items: Vec<Item>,
    /// The next line's top, down from the page's top.
    y: f32,
}

impl Flow<'_> {
    fn left(&self) -> f32 {
        self.m.margin
    }

    fn content_width(&self) -> f32 {
        self.m.width - 2.0 * self.m.margin
    }

    fn at_top(&self) -> bool {
        self.y <= self.m.margin + 0.01
    }

    /// Starts a new page unless `h` millimetres fit on this one (or this
    /// one is still empty: what is taller than a page starts at its top).
    fn need(&mut self, h: f32) {
        let Some(page_h) = self.m.height else { return };
        if !self.at_top() && self.y + h > page_h - self.m.margin {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        let height = self.m.height.unwrap_or(ROLL_MIN_HEIGHT);
        self.pages.push(Page { width: self.m.width, height, items: std::mem::take(&mut self.items) });
        self.y = self.m.margin;
    }

    /// Space after a block; none at the top of a page.
    fn gap(&mut self) {
        if !self.at_top() {
            self.y += 0.35 * line_height(self.m.body);
        }
    }

    /// Puts `line` on the current line between `x` and `x + w`.
    fn put(&mut self, style: Style, line: ShapedLine, x: f32, w: f32, place: Place) {
        if line.runs.is_empty() {
            return;
        }
        let width = style.width(&line);
        let x = match place {
            Place::Left => x,
            Place::Right => x + w - width,
            Place::Centre => x + (w - width) / 2.0,
        };
        let baseline = self.y + ASCENT * style.size_pt * MM_PER_PT;
        self.items.push(Item::Text { x, baseline, size_pt: style.size_pt, line });
    }

    fn bar(&mut self, x: f32, w: f32, h: f32) {
        self.items.push(Item::Bar { x, y: self.y, w, h });
    }

    /// A wrapped text, each line on its own (so it may continue on the next page).
    fn paragraph(&mut self, style: Style, text: &str, place: Place) {
        let (x, w) = (self.left(), self.content_width());
        let place = match place {
            Place::Left if is_rtl(text) => Place::Right,
            other => other,
        };
        let h = line_height(style.size_pt);
        for line in wrap(self.fonts, style, text, w) {
            self.need(h);
            self.put(style, line, x, w, place);
            self.y += h;
        }
    }

    fn pairs(&mut self, pairs: &[(String, String)]) {
        let style = Style { stack: Stack::Body, size_pt: self.m.body };
        let (x, w) = (self.left(), self.content_width());
        let h = line_height(style.size_pt);
        for (label, value) in pairs {
            let value = cut(self.fonts, style, value, 0.6 * w);
            let value_w = style.width(&value);
            let label_w = if value_w > 0.0 { w - value_w - PAIR_GAP } else { w };
            let mut value = Some(value);
            for line in wrap(self.fonts, style, label, label_w) {
                self.need(h);
                self.put(style, line, x, label_w, Place::Left);
                if let Some(value) = value.take() {
                    self.put(style, value, x, w, Place::Right);
                }
                self.y += h;
            }
        }
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let (left, w) = (self.left(), self.content_width());
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let last = columns.len().saturating_sub(1);
        // Each column's text area: (left edge, width, alignment).
        let mut spans = Vec::with_capacity(columns.len());
        let mut x = left;
        for (i, column) in columns.iter().enumerate() {
            let col_w = w * column.width / total;
            let pad_left = if i == 0 { 0.0 } else { COLUMN_GAP / 2.0 };
            let pad_right = if i == last { 0.0 } else { COLUMN_GAP / 2.0 };
            let place = match column.align {
                Align::Left => Place::Left,
                Align::Right => Place::Right,
            };
            spans.push((x + pad_left, (col_w - pad_left - pad_right).max(0.0), place));
            x += col_w;
        }
        let head = Style { stack: Stack::Name, size_pt: self.m.body };
        let body = Style { stack: Stack::Body, size_pt: self.m.body };
        let header: Vec<ShapedLine> = columns
            .iter()
            .zip(&spans)
            .map(|(c, &(_, span_w, _))| cut(self.fonts, head, &c.title, span_w))
            .collect();
        let row_h = line_height(body.size_pt);
        let header_h = row_h + RULE + 0.8;
        self.need(header_h + if rows.is_empty() { 0.0 } else { row_h });
        self.table_header(head, &header, &spans);
        for row in rows {
            if self.m.height.is_some_and(|page_h| self.y + row_h > page_h - self.m.margin) {
                self.new_page();
                self.table_header(head, &header, &spans);
            }
            for (cell, &(span_x, span_w, place)) in row.iter().zip(&spans) {
                let line = cut(self.fonts, body, cell, span_w);
                self.put(body, line, span_x, span_w, place);
            }
            self.y += row_h;
        }
    }

    fn table_header(&mut self, style: Style, header: &[ShapedLine], spans: &[(f32, f32, Place)]) {
        for (line, &(x, w, place)) in header.iter().zip(spans) {
            self.put(style, line.clone(), x, w, place);
        }
        self.y += line_height(style.size_pt);
        let (x, w) = (self.left(), self.content_width());
        self.bar(x, w, RULE);
        self.y += RULE + 0.8;
    }

    /// One large figure, centred, made smaller (down to the heading's size)
    /// when it is wider than the page, and wrapped after that.
    fn big(&mut self, text: &str) {
        let w = self.content_width();
        let mut style = Style { stack: Stack::Name, size_pt: self.m.big };
        let natural =
            style.width(&lanyard_badges::text::shape(self.fonts, style.stack, &crate::lines::one_line(text)));
        if natural > w {
            style.size_pt = (style.size_pt * w / natural).max(self.m.heading);
        }
        self.paragraph(style, text, Place::Centre);
    }

    fn rule(&mut self) {
        self.need(1.0 + RULE);
        self.y += 1.0;
        let (x, w) = (self.left(), self.content_width());
        self.bar(x, w, RULE);
        self.y += RULE + 1.0;
    }

    fn signatures(&mut self, labels: &[String]) {
        let style = Style { stack: Stack::Body, size_pt: self.m.small };
        let x = self.left();
        let w = self.content_width().min(SIGNATURE_LINE);
        let h = line_height(style.size_pt);
        let each = SIGNING_ROOM + RULE + 0.8 + h;
        // All the lines on one page when they fit on a page at all.
        self.need(each * labels.len() as f32);
        for label in labels {
            self.need(each);
            self.y += SIGNING_ROOM;
            self.bar(x, w, RULE);
            self.y += RULE + 0.8;
            let line = cut(self.fonts, style, label, w);
            self.put(style, line, x, w, Place::Left);
            self.y += h;
        }
    }

    fn finish(mut self) -> Vec<Page> {
        match self.m.height {
            Some(_) => {
                if !self.items.is_empty() || self.pages.is_empty() {
                    self.new_page();
                }
            }
            None => {
                let height = (self.y + self.m.margin).max(ROLL_MIN_HEIGHT);
                self.pages.push(Page { width: self.m.width, height, items: std::mem::take(&mut self.items) });
            }
        }
        self.pages
    }
}

/// True when a text's first strong character reads right to left (Arabic,
/// Hebrew...): its lines are set against the right margin.
fn is_rtl(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// Lays `doc` out on pages. The document is assumed checked (see `limits`).
pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> Vec<Page> {
    let m = metrics(doc.paper);
    let mut flow = Flow { fonts, m, pages: Vec::new(), items: Vec::new(), y: m.margin };
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => {
                flow.paragraph(Style { stack: Stack::Name, size_pt: m.heading }, text, Place::Left)
            }
            Block::Text(text) => {
                flow.paragraph(Style { stack: Stack::Body, size_pt: m.body }, text, Place::Left)
            }
            Block::Small(text) => {
                flow.paragraph(Style { stack: Stack::Body, size_pt: m.small }, text, Place::Left)
            }
            Block::Pairs(pairs) => flow.pairs(pairs),
            Block::Table { columns, rows } => flow.table(columns, rows),
            Block::Big(text) => flow.big(text),
            Block::Rule => flow.rule(),
            Block::Signatures(labels) => flow.signatures(labels),
            Block::Space => {
                flow.y += line_height(m.body);
                continue;
            }
        }
        flow.gap();
    }
    flow.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("bundled fonts parse")
    }

    fn columns() -> Vec<Column> {
        vec![
            Column { title: "Item".into(), align: Align::Left, width: 3.0 },
            Column { title: "Qty".into(), align: Align::Right, width: 1.0 },
            Column { title: "Amount".into(), align: Align::Right, width: 1.5 },
        ]
    }

    fn table(rows: usize) -> Block {
        let rows = (0..rows)
            .map(|n| {
                vec![
                    format!("Walk-in ticket number {n} with a rather long description"),
                    "1".into(),
                    "40.00".into(),
                ]
            })
            .collect();
        Block::Table { columns: columns(), rows }
    }

    fn texts(page: &Page) -> Vec<(f32, f32, String)> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Item::Text { x, size_pt, line, .. } => {
                    Some((*x, x + line.width() * size_pt * MM_PER_PT, line.text()))
                }
                Item::Bar { .. } => None,
            })
            .collect()
    }

    #[test]
    fn long_cells_end_in_an_ellipsis_inside_their_column() {
        let doc = Document { paper: Paper::A6, title: "t".into(), blocks: vec![table(3)] };
        let pages = layout(&doc, fonts());
        let m = metrics(Paper::A6);
        let first_col_right = m.margin + (m.width - 2.0 * m.margin) * 3.0 / 5.5 - COLUMN_GAP / 2.0;
        let cells: Vec<_> = texts(&pages[0]).into_iter().filter(|t| t.2.starts_with("Walk-in")).collect();
        assert_eq!(cells.len(), 3);
        for (left, right, text) in cells {
            assert!(text.ends_with('…'), "{text:?} is cut");
            assert!(
                left >= m.margin && right <= first_col_right + 0.01,
                "{text:?} ends at {right} > {first_col_right}"
            );
        }
    }

    #[test]
    fn a_long_table_continues_under_its_header_on_the_next_pages() {
        let doc = Document {
            paper: Paper::A4,
            title: "t".into(),
            blocks: vec![Block::Heading("Report".into()), table(300)],
        };
        let pages = layout(&doc, fonts());
        assert!(pages.len() >= 3, "300 rows take several A4 pages: {}", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let texts = texts(page);
            assert!(texts.iter().any(|t| t.2 == "Amount"), "page {n} repeats the header");
            for item in &page.items {
                if let Item::Text { baseline, .. } = item {
                    assert!(*baseline < 297.0 - 18.0 + 0.01, "page {n}: a line below the bottom margin");
                }
            }
        }
        let rows: usize =
            pages.iter().map(|p| texts(p).iter().filter(|t| t.2.starts_with("Walk-in")).count()).sum();
        assert_eq!(rows, 300, "every row is drawn once");
    }

    #[test]
    fn a_roll_is_one_page_as_long_as_its_content() {
        let short = Document {
            paper: Paper::Roll80,
            title: "t".into(),
            blocks: vec![Block::Text("Thank you".into())],
        };
        let long = Document { paper: Paper::Roll80, title: "t".into(), blocks: vec![table(60)] };
        let short = layout(&short, fonts());
        let long = layout(&long, fonts());
        assert_eq!((short.len(), long.len()), (1, 1));
        assert_eq!(short[0].height, ROLL_MIN_HEIGHT, "a short receipt is at least 80 mm long");
        assert!(long[0].height > 60.0 * line_height(9.0), "{} mm", long[0].height);
        assert_eq!(long[0].width, 80.0);
    }

    #[test]
    fn right_to_left_paragraphs_are_set_against_the_right_margin() {
        let doc = Document {
            paper: Paper::A4,
            title: "t".into(),
            blocks: vec![Block::Text("شكرا لزيارتكم".into())],
        };
        let pages = layout(&doc, fonts());
        let (_, right, _) = texts(&pages[0])[0].clone();
        assert!((right - (210.0 - 18.0)).abs() < 0.01, "ends at the right margin: {right}");
    }
}
