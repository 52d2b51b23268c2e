//! PDF rendering: the only code that touches printpdf.
//!
//! Badges are drawn from their layouts onto pages (one per page for labels,
//! several for sheets), shifted by the printer's calibration offset. Text is
//! drawn as the shaped glyph ids, each carrying its characters for the
//! ToUnicode map, so `pdftotext` gives back every name as typed. Fonts are
//! embedded and subset. The QR code is vector squares, merged into runs.

use printpdf as pp;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::fonts::{FontId, Fonts};
use crate::layout::{BadgeLayout, Element};
use crate::qr::qr_runs;
use crate::template::{Format, Rgb};

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// A bundled font could not be read by the PDF writer.
    #[error("the bundled font {0} cannot be embedded")]
    Font(&'static str),
    /// The logo image could not be decoded.
    #[error("the logo cannot be read: {0}")]
    Logo(String),
    /// A QR code could not be made from the payload.
    #[error("cannot make a QR code for {0:?}")]
    Qr(String),
}

/// Where a printer puts the page compared to where it should: added to every
/// position, in millimetres (right and down are positive).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Calibration {
    /// Shift to the right.
    pub dx: f32,
    /// Shift down.
    pub dy: f32,
}

/// printpdf's parsed font for one face, made once per process and only for
/// the faces some badge uses (the CJK face alone takes a while to parse).
fn parsed_font(fonts: &Fonts, id: FontId) -> Result<&'static pp::ParsedFont, RenderError> {
    static PARSED: OnceLock<Vec<OnceLock<Result<pp::ParsedFont, RenderError>>>> = OnceLock::new();
    let slots = PARSED.get_or_init(|| fonts.faces().iter().map(|_| OnceLock::new()).collect());
    let face = fonts.face(id);
    slots
        .get(id.0)
        .ok_or(RenderError::Font(face.name))?
        .get_or_init(|| {
            let mut warnings = Vec::new();
            pp::ParsedFont::from_bytes(face.data, face.index as usize, &mut warnings)
                .ok_or(RenderError::Font(face.name))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Opens a marked-content span whose `/ActualText` is `text`: readers that
/// extract text (pdftotext, copy and paste, screen readers) take these
/// characters instead of reading the glyphs back through the ToUnicode map,
/// which cannot say it when one glyph stands for several characters, several
/// glyphs for one, or the same glyph for different text in two places
/// (a joined Arabic letter, an Indic conjunct, a reordered vowel sign).
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

fn color(c: Rgb) -> pp::Color {
    let f = |v: u8| f32::from(v) / 255.0;
    pp::Color::Rgb(pp::Rgb::new(f(c.0), f(c.1), f(c.2), None))
}

fn pt(mm: f32) -> pp::Pt {
    pp::Mm(mm).into_pt()
}

/// Renders badges onto pages of `format`; `title` names the document.
pub fn render_pdf(
    badges: &[BadgeLayout],
    format: Format,
    calibration: Calibration,
    fonts: &Fonts,
    title: &str,
) -> Result<Vec<u8>, RenderError> {
    let mut doc = pp::PdfDocument::new(title);
    let mut ids: BTreeMap<FontId, pp::FontId> = BTreeMap::new();
    let mut images: BTreeMap<usize, (pp::XObjectId, f32, f32)> = BTreeMap::new();
    let page = format.page();
    let per_page = page.slots.len().max(1);
    let mut pages = Vec::new();
    for chunk in badges.chunks(per_page) {
        let mut ops = Vec::new();
        for (badge, &(sx, sy)) in chunk.iter().zip(&page.slots) {
            let origin = (sx + calibration.dx, sy + calibration.dy);
            let mut cx = Context { fonts, doc: &mut doc, ids: &mut ids, images: &mut images };
            draw_badge(&mut ops, badge, origin, page.height, &mut cx)?;
        }
        pages.push(pp::PdfPage::new(pp::Mm(page.width), pp::Mm(page.height), ops));
    }
    if pages.is_empty() {
        pages.push(pp::PdfPage::new(pp::Mm(page.width), pp::Mm(page.height), Vec::new()));
    }
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    Ok(doc.save(&pp::PdfSaveOptions::default(), &mut warnings))
}

/// What drawing needs besides the badge: fonts, and the document's resources.
struct Context<'a> {
    fonts: &'a Fonts,
    doc: &'a mut pp::PdfDocument,
    ids: &'a mut BTreeMap<FontId, pp::FontId>,
    /// Images already added, by the address of their bytes.
    images: &'a mut BTreeMap<usize, (pp::XObjectId, f32, f32)>,
}

fn draw_badge(
    ops: &mut Vec<pp::Op>,
    badge: &BadgeLayout,
    (ox, oy): (f32, f32),
    page_h: f32,
    cx: &mut Context<'_>,
) -> Result<(), RenderError> {
    let Context { fonts, doc, ids, images } = cx;
    // Layout y runs down from the badge's top; PDF y runs up from the page's bottom.
    let y_up = |y: f32| page_h - (oy + y);
    for element in &badge.elements {
        match element {
            Element::Rect { x, y, w, h, color: c } => {
                ops.push(pp::Op::SetFillColor { col: color(*c) });
                let mut rect = pp::Rect::from_xywh(pt(ox + x), pt(y_up(y + h)), pt(*w), pt(*h));
                rect.mode = Some(pp::PaintMode::Fill);
                ops.push(pp::Op::DrawRectangle { rectangle: rect });
            }
            Element::Circle { cx, cy, r, color: c } => {
                ops.push(pp::Op::SetFillColor { col: color(*c) });
                ops.push(circle(pt(ox + cx).0, pt(y_up(*cy)).0, pt(*r).0));
            }
            Element::Qr { x, y, size, payload } => {
                ops.push(pp::Op::SetFillColor { col: color(Rgb(0, 0, 0)) });
                ops.extend(qr(payload, pt(ox + x).0, pt(y_up(*y)).0, pt(*size).0)?);
            }
            Element::Logo { x, y, w, h, logo } => {
                let key = logo.png.as_ptr() as usize;
                let (id, px_w, px_h) = match images.get(&key) {
                    Some(found) => found.clone(),
                    None => {
                        let mut warnings = Vec::new();
                        let raw = pp::RawImage::decode_from_bytes(&logo.png, &mut warnings)
                            .map_err(|e| RenderError::Logo(e.to_string()))?;
                        let entry = (doc.add_image(&raw), raw.width as f32, raw.height as f32);
                        images.insert(key, entry.clone());
                        entry
                    }
                };
                // Fit inside the box, keeping the proportions, centred.
                let scale_mm = (w / px_w).min(h / px_h);
                let (draw_w, draw_h) = (px_w * scale_mm, px_h * scale_mm);
                let (left, top) = (ox + x + (w - draw_w) / 2.0, y + (h - draw_h) / 2.0);
                let dpi = 25.4 / scale_mm;
                ops.push(pp::Op::UseXobject {
                    id,
                    transform: pp::XObjectTransform {
                        translate_x: Some(pt(left)),
                        translate_y: Some(pt(y_up(top + draw_h))),
                        dpi: Some(dpi),
                        ..Default::default()
                    },
                });
            }
            Element::Text { x, baseline, size_pt, color: c, line } => {
                let mut pen = ox + x;
                for (n, run) in line.runs.iter().enumerate() {
                    let leftmost_rtl = run.rtl && (n == 0 || !line.runs[n - 1].rtl);
                    let id = match ids.get(&run.font) {
                        Some(id) => id.clone(),
                        None => {
                            let id = doc.add_font(parsed_font(fonts, run.font)?);
                            ids.insert(run.font, id.clone());
                            id
                        }
                    };
                    let face = fonts.face(run.font).face();
                    let upem = f32::from(face.units_per_em() as u16);
                    let mut glyphs = Vec::with_capacity(run.glyphs.len());
                    for (k, g) in run.glyphs.iter().enumerate() {
                        // The PDF moves the pen by the font's own advance; the
                        // shaper's advance and offsets differ (kerning, marks):
                        // correct by a TJ adjustment after each glyph.
                        let font_advance = face
                            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id))
                            .map_or(0.0, |a| f32::from(a) / upem);
                        let next_offset = run.glyphs.get(k + 1).map_or(0.0, |n| n.x_offset);
                        let wanted = g.advance - g.x_offset + next_offset;
                        // poppler reads right-to-left lines backwards letter by letter,
                        // ligatures included: give it their letters reversed.
                        let text: String =
                            if run.rtl { g.text.chars().rev().collect() } else { g.text.clone() };
                        glyphs.push(pp::Codepoint {
                            gid: g.id,
                            offset: (font_advance - wanted) * 1000.0,
                            cid: Some(text),
                        });
                    }
                    let first_offset = run.glyphs.first().map_or(0.0, |g| g.x_offset);
                    let mut items = Vec::new();
                    if first_offset != 0.0 {
                        items.push(pp::TextItem::Offset(-first_offset * 1000.0));
                    }
                    items.push(pp::TextItem::GlyphIds(glyphs));
                    ops.extend([
                        pp::Op::StartTextSection,
                        pp::Op::SetFillColor { col: color(*c) },
                        pp::Op::SetFont { font: pp::PdfFontHandle::External(id), size: pp::Pt(*size_pt) },
                        pp::Op::SetTextMatrix {
                            matrix: pp::TextMatrix::Translate(pt(pen), pt(y_up(*baseline))),
                        },
                        actual_text(&extracted(&run.text, run.rtl, leftmost_rtl)),
                        pp::Op::ShowText { items },
                        pp::Op::EndMarkedContent,
                        pp::Op::EndTextSection,
                    ]);
                    pen += run.width() * size_pt * crate::layout::MM_PER_PT;
                }
            }
        }
    }
    Ok(())
}

fn point(x: f32, y: f32, bezier: bool) -> pp::LinePoint {
    pp::LinePoint { p: pp::Point { x: pp::Pt(x), y: pp::Pt(y) }, bezier }
}

/// A filled circle from four cubic Bézier arcs (points in PDF points).
fn circle(cx: f32, cy: f32, r: f32) -> pp::Op {
    let k = 0.552_284_8 * r;
    let points = vec![
        point(cx + r, cy, false),
        point(cx + r, cy + k, true),
        point(cx + k, cy + r, true),
        point(cx, cy + r, false),
        point(cx - k, cy + r, true),
        point(cx - r, cy + k, true),
        point(cx - r, cy, false),
        point(cx - r, cy - k, true),
        point(cx - k, cy - r, true),
        point(cx, cy - r, false),
        point(cx + k, cy - r, true),
        point(cx + r, cy - k, true),
        point(cx + r, cy, false),
    ];
    pp::Op::DrawPolygon {
        polygon: pp::Polygon {
            rings: vec![pp::PolygonRing { points }],
            mode: pp::PaintMode::Fill,
            winding_order: pp::WindingOrder::NonZero,
        },
    }
}

/// A QR code in whole-module coordinates: one transform places and scales
/// it (with the four-module quiet zone inside `size`; `left` and `top` in
/// points), then each run of dark modules is a small integer rectangle. This
/// keeps the file small and the edges crisp at any resolution.
fn qr(payload: &str, left: f32, top: f32, size: f32) -> Result<Vec<pp::Op>, RenderError> {
    let code = qr_runs(payload).ok_or_else(|| RenderError::Qr(payload.to_owned()))?;
    let m = size / (code.width as f32 + 8.0);
    let (x0, y0) = (left + 4.0 * m, top - 4.0 * m);
    let mut ops = vec![
        pp::Op::SaveGraphicsState,
        // Module (col, row) maps to (x0 + col·m, y0 − row·m): rows run down the page.
        pp::Op::SetTransformationMatrix { matrix: pp::CurTransMat::Raw([m, 0.0, 0.0, -m, x0, y0]) },
    ];
    for &(row, start, end) in &code.runs {
        let mut rect = pp::Rect::from_xywh(
            pp::Pt(start as f32),
            pp::Pt(row as f32),
            pp::Pt((end - start) as f32),
            pp::Pt(1.0),
        );
        rect.mode = Some(pp::PaintMode::Fill);
        ops.push(pp::Op::DrawRectangle { rectangle: rect });
    }
    ops.push(pp::Op::RestoreGraphicsState);
    Ok(ops)
}

/// A run's text as pdftotext must find it. poppler puts the characters of a
/// span side by side, left to right, then reads each right-to-left stretch
/// of the line backwards: a right-to-left run gets its text reversed.
/// poppler's stretch starts at its first right-to-left letter, so a stretch
/// whose last character (its leftmost) is a vowel sign or punctuation, as
/// Thaana names always are ("އާމިނަތު"), would lose that character to the
/// left-to-right text before it: such a stretch starts with an invisible
/// RIGHT-TO-LEFT MARK, which pdftotext then gives back after the name.
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
