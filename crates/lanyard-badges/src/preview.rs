//! The preview: a badge layout as SVG, drawn from the same glyphs, boxes and
//! QR modules as the PDF, so the screen shows exactly what will print.
//! Glyphs are drawn as their outlines; no font is needed to display it.

use std::fmt::Write as _;

use crate::fonts::Fonts;
use crate::layout::{BadgeLayout, Element, MM_PER_PT};
use crate::qr::qr_runs;

/// Collects a glyph outline as SVG path data, in font units.
struct PathData(String);

impl rustybuzz::ttf_parser::OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// The badge as an SVG document, sized in millimetres.
pub fn to_svg(badge: &BadgeLayout, fonts: &Fonts) -> String {
    let (w, h) = (badge.width, badge.height);
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    for element in &badge.elements {
        match element {
            Element::Rect { x, y, w, h, color } => {
                let _ = write!(svg, r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{color}"/>"#);
            }
            Element::Circle { cx, cy, r, color } => {
                let _ = write!(svg, r#"<circle cx="{cx}" cy="{cy}" r="{r}" fill="{color}"/>"#);
            }
            Element::Qr { x, y, size, payload } => {
                if let Some(code) = qr_runs(payload) {
                    let m = size / (code.width as f32 + 8.0);
                    svg.push_str(r##"<path fill="#000000" d=""##);
                    for (row, start, end) in code.runs {
                        let (left, top) = (x + (4 + start) as f32 * m, y + (4 + row) as f32 * m);
                        let _ = write!(
                            svg,
                            "M{left} {top}h{}v{m}h-{}Z",
                            (end - start) as f32 * m,
                            (end - start) as f32 * m
                        );
                    }
                    svg.push_str(r#""/>"#);
                }
            }
            Element::Logo { x, y, w, h, logo } => {
                let _ = write!(
                    svg,
                    r#"<image x="{x}" y="{y}" width="{w}" height="{h}" preserveAspectRatio="xMidYMid meet" href="data:image/png;base64,{}"/>"#,
                    base64(&logo.png)
                );
            }
            Element::Text { x, baseline, size_pt, color, line } => {
                let size = size_pt * MM_PER_PT;
                let mut pen = *x;
                for run in &line.runs {
                    let face = fonts.face(run.font).face();
                    let scale = size / f32::from(face.units_per_em() as u16);
                    for g in &run.glyphs {
                        let mut path = PathData(String::new());
                        if face.outline_glyph(rustybuzz::ttf_parser::GlyphId(g.id), &mut path).is_some() {
                            let gx = pen + g.x_offset * size;
                            let gy = baseline - g.y_offset * size;
                            let _ = write!(
                                svg,
                                r#"<path fill="{color}" transform="translate({gx} {gy}) scale({scale} -{scale})" d="{}"/>"#,
                                path.0
                            );
                        }
                        pen += g.advance * size;
                    }
                }
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Standard base64 (RFC 4648) with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{BadgeInput, layout};
    use crate::template::BadgeTemplate;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_preview_draws_every_element_of_the_layout() {
        let fonts = Fonts::bundled().expect("fonts");
        let input = BadgeInput {
            display_name: "Li Wei 李伟".into(),
            affiliation: "清华大学".into(),
            hometown: "北京".into(),
            role: "staff".into(),
            interests: vec!["science".into()],
            badge_code: "MQ402D4EH3".into(),
        };
        let badge = layout(&input, &BadgeTemplate::standard("Conf"), fonts);
        let svg = to_svg(&badge, fonts);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r##"fill="#dc2626""##), "the staff band");
        assert!(svg.contains("<circle"), "the interest dot");
        let glyphs: usize = badge
            .elements
            .iter()
            .map(|e| match e {
                Element::Text { line, .. } => line
                    .runs
                    .iter()
                    .map(|r| r.glyphs.iter().filter(|g| !g.text.trim().is_empty()).count())
                    .sum(),
                _ => 0,
            })
            .sum();
        assert!(svg.matches("scale(").count() >= glyphs, "one outline per visible glyph");
    }
}
