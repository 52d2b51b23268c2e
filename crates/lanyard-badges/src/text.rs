//! Turning a line of text into positioned glyphs: per-character font
//! fallback, bidirectional ordering, and shaping.
//!
//! The base direction of a line follows its first strong character
//! (Unicode's rule P2), so "תל אביב, IL" reads right to left with "IL" in
//! place. Runs are put in visual order with `unicode-bidi`, split by font,
//! and shaped with `rustybuzz` (Arabic joins, marks sit on their letters).
//! Characters that no bundled font has are left out and listed, so the
//! preview can say so: nothing is dropped silently.

use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::BidiInfo;
use unicode_normalization::char::is_combining_mark;

use crate::fonts::{FontId, Fonts, Stack};

/// One glyph, placed. Lengths are in ems (multiply by the font size).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The glyph's id in its font.
    pub id: u16,
    /// How far the pen moves after it.
    pub advance: f32,
    /// Horizontal shift from the pen position.
    pub x_offset: f32,
    /// Vertical shift from the baseline (up is positive).
    pub y_offset: f32,
    /// The characters this glyph stands for (empty for the second and later
    /// glyphs of one character), for text extraction.
    pub text: String,
}

/// Glyphs of one font, in visual order.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// The font.
    pub font: FontId,
    /// True when the run reads right to left.
    pub rtl: bool,
    /// The run's text in logical (reading) order.
    pub text: String,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
}

impl GlyphRun {
    /// The run's width in ems.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A shaped line: runs left to right, and what could not be drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShapedLine {
    /// The runs, left to right.
    pub runs: Vec<GlyphRun>,
    /// Characters no bundled font has; they are left out.
    pub missing: Vec<char>,
}

impl ShapedLine {
    /// The line's width in ems.
    pub fn width(&self) -> f32 {
        self.runs.iter().map(GlyphRun::width).sum()
    }

    /// The line's text in reading order (for snapshots and checks).
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("")
    }
}

/// Characters that never need a glyph of their own and that any font may carry.
fn is_neutral(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '\u{200d}' | '\u{200c}' | '\u{fe0f}')
}

/// Shapes one line of text with the fonts of `stack`.
pub fn shape(fonts: &Fonts, stack: Stack, text: &str) -> ShapedLine {
    let mut line = ShapedLine::default();
    let text = text.trim();
    if text.is_empty() {
        return line;
    }
    let bidi = BidiInfo::new(text, None);
    for para in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut segments = segment(fonts, stack, &text[run.clone()], &mut line.missing);
            if rtl {
                segments.reverse();
            }
            for (font, piece) in segments {
                line.runs.push(shape_segment(fonts, font, &piece, rtl));
            }
        }
    }
    line
}

/// Splits text into pieces of one font each (in logical order); combining
/// marks and spaces stay with the letter before them.
fn segment(fonts: &Fonts, stack: Stack, text: &str, missing: &mut Vec<char>) -> Vec<(FontId, String)> {
    let mut out: Vec<(FontId, String)> = Vec::new();
    for ch in text.chars() {
        if let Some((font, piece)) = out.last_mut()
            && (is_neutral(ch) || is_combining_mark(ch))
            && fonts.has(*font, ch)
        {
            piece.push(ch);
            continue;
        }
        match fonts.pick(stack, ch) {
            Some(font) => match out.last_mut() {
                Some((last, piece)) if *last == font => piece.push(ch),
                _ => out.push((font, ch.to_string())),
            },
            None if is_neutral(ch) => {}
            None => {
                if !missing.contains(&ch) {
                    missing.push(ch);
                }
            }
        }
    }
    out
}

fn shape_segment(fonts: &Fonts, font: FontId, text: &str, rtl: bool) -> GlyphRun {
    let face = &fonts.face(font).face;
    let upem = f32::from(face.units_per_em() as u16);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    // Each cluster's text is the source from its start to the next cluster's start.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| {
        let end = starts.iter().find(|&&s| s > start).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or_default().to_owned()
    };
    let mut seen = Vec::new();
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let cluster = info.cluster as usize;
            let first = !seen.contains(&cluster);
            if first {
                seen.push(cluster);
            }
            Glyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                text: if first { cluster_text(cluster) } else { String::new() },
            }
        })
        .collect();
    GlyphRun { font, rtl, text: text.to_owned(), glyphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("bundled fonts parse")
    }

    fn runs(text: &str) -> Vec<(String, &'static str, bool)> {
        let f = fonts();
        shape(f, Stack::Name, text)
            .runs
            .iter()
            .map(|r| (r.text.clone(), f.face(r.font).name, r.rtl))
            .collect()
    }

    #[test]
    fn one_name_can_mix_scripts_with_a_font_each() {
        assert_eq!(
            runs("Li Wei 李伟"),
            [("Li Wei ".into(), "NotoSans-Bold", false), ("李伟".into(), "NotoSansCJKsc-Bold", false)]
        );
    }

    #[test]
    fn hebrew_lines_read_right_to_left_with_latin_in_place() {
        // First strong character is Hebrew: the line is right to left, so
        // "IL" comes first visually (leftmost) and the Hebrew words after it.
        let r = runs("תל אביב, IL");
        assert_eq!(r.first().map(|x| x.0.as_str()), Some("IL"), "{r:?}");
        assert!(r.iter().any(|x| x.0.contains("תל אביב") && x.2), "{r:?}");
    }

    #[test]
    fn arabic_is_shaped_into_joined_forms() {
        let f = fonts();
        let line = shape(f, Stack::Name, "ليلى");
        assert_eq!(line.runs.len(), 1);
        let run = &line.runs[0];
        assert!(run.rtl);
        let isolated: Vec<u16> =
            "ليلى".chars().map(|c| f.face(run.font).face.glyph_index(c).map_or(0, |g| g.0)).collect();
        let shaped: Vec<u16> = run.glyphs.iter().map(|g| g.id).collect();
        assert_ne!(shaped, isolated, "joined forms differ from the isolated ones");
        let text: String = run.glyphs.iter().rev().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "ليلى", "the glyphs carry the text, in reading order when read right to left");
    }

    #[test]
    fn characters_no_font_has_are_listed_not_dropped_silently() {
        let line = shape(fonts(), Stack::Name, "Ana 🦀");
        assert_eq!(line.missing, ['🦀']);
        assert_eq!(line.text().trim(), "Ana");
    }

    #[test]
    fn widths_grow_with_text() {
        let f = fonts();
        let short = shape(f, Stack::Name, "Jo").width();
        let long = shape(f, Stack::Name, "Josephine").width();
        assert!(short > 0.5 && long > short * 2.0, "{short} {long}");
    }
}
