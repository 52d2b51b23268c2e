//! Drawing laid-out pages with printpdf: the only printpdf code of this crate.
//!
//! Glyphs are drawn the way lanyard-badges' `render` draws them: the shaped
//! glyph ids, each carrying its characters for the ToUnicode map, the
//! shaper's advances kept by a TJ adjustment after each glyph, and every run
//! wrapped in a `/Span` whose `/ActualText` is the run's text as poppler
//! reads it back (right-to-left runs reversed), so `pdftotext` and copy and
//! paste give the text back as typed. Fonts are embedded and subset.

use printpdf as pp;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use lanyard_badges::layout::MM_PER_PT;
use lanyard_badges::text::ShapedLine;
use lanyard_badges::{FontId, Fonts};

use crate::error::DocumentError;
use crate::layout::{Item, Page};

/// printpdf's parsed font for one face, made once per process and only for
/// the faces some document uses (the CJK face alone takes a while to parse).
fn parsed_font(fonts: &Fonts, id: FontId) -> Result<&'static pp::ParsedFont, DocumentError> {
    static PARSED: OnceLock<Vec<OnceLock<Result<pp::ParsedFont, DocumentError>>>> = OnceLock::new();
    let slots = PARSED.get_or_init(|| fonts.faces().iter().map(|_| OnceLock::new()).collect());
    let face = fonts.face(id);
    slots
        .get(id.0)
        .ok_or(DocumentError::Font(face.name))?
        .get_or_init(|| {
            let mut warnings = Vec::new();
            pp::ParsedFont::from_bytes(face.data, face.index as usize, &mut warnings)
                .ok_or(DocumentError::Font(face.name))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Opens a marked-content span whose `/ActualText` is `text` (UTF-16BE with
/// its byte order mark): text extraction takes these characters instead of
/// mapping the glyphs back one by one.
fn actual_text(text: &str) -> pp::Op {
    let mut data = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        data.extend(unit.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert("ActualText".to_owned(), pp::DictItem::String { data, literal: false });
    pp::Op::BeginMarkedContentWithProperties {
        tag: "Span".to_owned(),
        properties: pp::DictItem::Dict { map },
    }
}

/// A run's text as pdftotext must find it: poppler reads a right-to-left
/// stretch backwards, so such a run's text is reversed, and a stretch whose
/// leftmost character is no strong right-to-left letter starts with an
/// invisible RIGHT-TO-LEFT MARK so that character stays in place (decision 0008).
fn extracted(text: &str, rtl: bool, leftmost_rtl: bool) -> String {
    if !rtl {
        return text.to_owned();
    }
    let strong_end = text.chars().next_back().is_some_and(|c| {
        matches!(unicode_bidi::bidi_class(c), unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL)
    });
    let mark = (leftmost_rtl && !strong_end).then_some('\u{200f}');
    mark.into_iter().chain(text.chars().rev()).collect()
}

fn pt(mm: f32) -> pp::Pt {
    pp::Mm(mm).into_pt()
}

fn black() -> pp::Color {
    pp::Color::Rgb(pp::Rgb::new(0.0, 0.0, 0.0, None))
}

/// The document's resources as pages are drawn: fonts added so far.
struct Resources<'a> {
    fonts: &'a Fonts,
    doc: pp::PdfDocument,
    ids: BTreeMap<FontId, pp::FontId>,
}

impl Resources<'_> {
    fn font(&mut self, id: FontId) -> Result<pp::FontId, DocumentError> {
        if let Some(found) = self.ids.get(&id) {
            return Ok(found.clone());
        }
        let added = self.doc.add_font(parsed_font(self.fonts, id)?);
        self.ids.insert(id, added.clone());
        Ok(added)
    }
}

/// The PDF of laid-out pages; `title` is the metadata title.
pub(crate) fn draw(pages: &[Page], fonts: &Fonts, title: &str) -> Result<Vec<u8>, DocumentError> {
    let mut res = Resources { fonts, doc: pp::PdfDocument::new(title), ids: BTreeMap::new() };
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = vec![pp::Op::SetFillColor { col: black() }];
        // Layout y runs down from the page's top; PDF y runs up from its bottom.
        let up = |y: f32| page.height - y;
        for item in &page.items {
            match item {
                Item::Bar { x, y, w, h } => {
                    let mut rect = pp::Rect::from_xywh(pt(*x), pt(up(y + h)), pt(*w), pt(*h));
                    rect.mode = Some(pp::PaintMode::Fill);
                    ops.push(pp::Op::DrawRectangle { rectangle: rect });
                }
                Item::Text { x, baseline, size_pt, line } => {
                    text(&mut ops, &mut res, line, (*x, up(*baseline)), *size_pt)?;
                }
            }
        }
        out.push(pp::PdfPage::new(pp::Mm(page.width), pp::Mm(page.height), ops));
    }
    let mut doc = res.doc;
    doc.with_pages(out);
    let mut warnings = Vec::new();
    Ok(doc.save(&pp::PdfSaveOptions::default(), &mut warnings))
}

/// One shaped line, its left end at `x` and its baseline at `y` (millimetres
/// from the page's bottom-left).
fn text(
    ops: &mut Vec<pp::Op>,
    res: &mut Resources<'_>,
    line: &ShapedLine,
    (x, y): (f32, f32),
    size_pt: f32,
) -> Result<(), DocumentError> {
    let mut pen = x;
    for (n, run) in line.runs.iter().enumerate() {
        let leftmost_rtl = run.rtl && (n == 0 || !line.runs[n - 1].rtl);
        let id = res.font(run.font)?;
        let face = res.fonts.face(run.font).face();
        let upem = f32::from(face.units_per_em() as u16);
        let glyphs = run
            .glyphs
            .iter()
            .enumerate()
            .map(|(k, g)| {
                // The PDF moves the pen by the font's own advance; the shaper's
                // (kerning, marks) differs: a TJ adjustment after each glyph.
                let font_advance = face
                    .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id))
                    .map_or(0.0, |a| f32::from(a) / upem);
                let next_offset = run.glyphs.get(k + 1).map_or(0.0, |n| n.x_offset);
                let wanted = g.advance - g.x_offset + next_offset;
                // poppler reads right-to-left text backwards letter by letter.
                let cid = if run.rtl { g.text.chars().rev().collect() } else { g.text.clone() };
                pp::Codepoint { gid: g.id, offset: (font_advance - wanted) * 1000.0, cid: Some(cid) }
            })
            .collect();
        let mut items = Vec::with_capacity(2);
        let first_offset = run.glyphs.first().map_or(0.0, |g| g.x_offset);
        if first_offset != 0.0 {
            items.push(pp::TextItem::Offset(-first_offset * 1000.0));
        }
        items.push(pp::TextItem::GlyphIds(glyphs));
        ops.extend([
            pp::Op::StartTextSection,
            pp::Op::SetFont { font: pp::PdfFontHandle::External(id), size: pp::Pt(size_pt) },
            pp::Op::SetTextMatrix { matrix: pp::TextMatrix::Translate(pt(pen), pt(y)) },
            actual_text(&extracted(&run.text, run.rtl, leftmost_rtl)),
            pp::Op::ShowText { items },
            pp::Op::EndMarkedContent,
            pp::Op::EndTextSection,
        ]);
        pen += run.width() * size_pt * MM_PER_PT;
    }
    Ok(())
}
