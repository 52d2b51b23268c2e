//! Turning a line of text into positioned glyphs: per-character font
//! fallback, bidirectional ordering, and shaping.
//!
//! The base direction of a line follows its first strong character
//! (Unicode's rule P2), so "תל אביב, IL" reads right to left with "IL" in
//! place. Runs are put in visual order with `unicode-bidi`, split by font
//! and script, and each piece is shaped on its own with `rustybuzz`, told
//! its script (and, for CJK, its language): Arabic, Syriac and Mongolian
//! letters join, marks sit on their letters, Indic conjuncts and reordered
//! vowel signs, Thai, Lao, Khmer and Myanmar clusters form. Each glyph
//! carries the characters it stands for, and each run its whole text, so
//! the PDF gives the name back as typed. Characters that no bundled font
//! has are left out and listed, so the desk can say so: nothing is dropped
//! silently. No PDF here.

use rustybuzz::{Direction, Language, Script, UnicodeBuffer};
use unicode_bidi::BidiInfo;
use unicode_normalization::char::is_combining_mark;

use crate::fonts::{FontFace, FontId, Fonts, Stack};

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
    /// The characters this glyph stands for, in reading order: its own
    /// character, or the several characters of a ligature or conjunct
    /// (empty for a glyph that only completes another's characters). For
    /// the ToUnicode map; the run's whole text is in [`GlyphRun::text`].
    pub text: String,
}

/// Glyphs of one font and one script, in visual order.
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
    /// Characters no bundled font has, each once, in reading order; they
    /// are left out. Spaces and invisible format characters are never here.
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

/// Invisible format characters (Unicode's default-ignorable code points):
/// they steer shaping (ZWJ and ZWNJ in Indic and Persian names, variation
/// selectors, Mongolian free variation selectors) or nothing at all (bidi
/// controls, zero-width space), need no glyph of their own, and are never
/// reported missing.
pub fn is_invisible(ch: char) -> bool {
    matches!(
        u32::from(ch),
        0x00ad
            | 0x034f
            | 0x061c
            | 0x17b4..=0x17b5
            | 0x180b..=0x180f
            | 0x200b..=0x200f
            | 0x202a..=0x202e
            | 0x2060..=0x206f
            | 0xfe00..=0xfe0f
            | 0xfeff
            | 0xfff0..=0xfff8
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0000..=0xe0fff
    )
}

/// Characters every script shares (spaces, digits, punctuation, combining
/// marks): they stay in the font of the text before them when it has them,
/// so a danda stays Bengali and an accent stays on its letter.
fn is_shared(ch: char) -> bool {
    is_combining_mark(ch) || !ch.is_alphabetic()
}

/// Text of one font and one script, in logical order.
#[derive(Debug)]
struct Segment {
    font: FontId,
    script: Option<Script>,
    text: String,
}

/// Shapes one line of text with the fonts of `stack`.
pub fn shape(fonts: &Fonts, stack: Stack, text: &str) -> ShapedLine {
    let mut line = ShapedLine::default();
    let text = drawable(fonts, stack, text, &mut line.missing);
    let text = text.as_str();
    if text.is_empty() {
        return line;
    }
    let language = cjk_language(text);
    let bidi = BidiInfo::new(text, None);
    for para in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut segments = segment(fonts, stack, &text[run.clone()], &mut line.missing);
            if rtl {
                segments.reverse();
            }
            for seg in &segments {
                let lang = if fonts.face(seg.font).is_cjk() { language.as_ref() } else { None };
                let run = shape_segment(fonts, seg, rtl, lang, &mut line.missing);
                if !run.glyphs.is_empty() {
                    line.runs.push(run);
                }
            }
        }
    }
    line
}

/// The text that will be drawn: without the characters no font has (listed
/// in `missing`, and leaving no doubled space behind), and without the
/// spaces and zero-width spaces at either end.
fn drawable(fonts: &Fonts, stack: Stack, text: &str, missing: &mut Vec<char>) -> String {
    let edge = |c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}');
    let text = text.trim_matches(edge);
    let mut out = String::with_capacity(text.len());
    let mut dropped = false;
    for ch in text.chars() {
        if is_invisible(ch) || ch.is_whitespace() || fonts.pick(stack, ch).is_some() {
            if !(dropped && ch.is_whitespace() && out.ends_with(char::is_whitespace)) {
                out.push(ch);
            }
        } else {
            dropped = true;
            if !missing.contains(&ch) {
                missing.push(ch);
            }
        }
    }
    if dropped { out.trim_matches(edge).to_owned() } else { out }
}

/// The language a CJK line is shaped in, which picks the glyph forms of
/// Han characters: Japanese when it has kana, Korean when it has Hangul,
/// else the bundled face's own (simplified Chinese) forms.
fn cjk_language(text: &str) -> Option<Language> {
    let has = |range: &[std::ops::RangeInclusive<u32>]| {
        text.chars().any(|c| range.iter().any(|r| r.contains(&u32::from(c))))
    };
    let tag = if has(&[0x3040..=0x30ff, 0x31f0..=0x31ff, 0xff66..=0xff9f]) {
        "ja"
    } else if has(&[0x1100..=0x11ff, 0x3130..=0x318f, 0xac00..=0xd7af]) {
        "ko"
    } else {
        return None;
    };
    tag.parse().ok()
}

/// Splits text into pieces of one font and one script each (in logical
/// order). Shared characters stay with the text before them; characters no
/// font has are listed in `missing` and left out.
fn segment(fonts: &Fonts, stack: Stack, text: &str, missing: &mut Vec<char>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for ch in text.chars() {
        if is_invisible(ch) {
            if let Some(last) = out.last_mut() {
                last.text.push(ch);
            }
            continue;
        }
        if let Some(last) = out.last_mut()
            && is_shared(ch)
            && fonts.has(last.font, ch)
        {
            last.text.push(ch);
            continue;
        }
        let Some(font) = fonts.pick(stack, ch) else {
            if !ch.is_whitespace() && !missing.contains(&ch) {
                missing.push(ch);
            }
            continue;
        };
        let script = fonts.face(font).script_for(ch);
        match out.last_mut() {
            Some(last)
                if last.font == font
                    && (script.is_none() || last.script.is_none() || last.script == script) =>
            {
                last.script = last.script.or(script);
                last.text.push(ch);
            }
            _ => out.push(Segment { font, script, text: ch.to_string() }),
        }
    }
    out
}

/// Shares a cluster's characters out among its glyphs: a glyph that is a
/// character's own glyph stands for it; the rest go, in reading order, to
/// the widest glyph left (the ligature, the conjunct, the base letter).
fn share_out(font: &FontFace, text: &str, glyphs: &mut [Glyph]) {
    let chars: Vec<char> = text.chars().collect();
    let mut taken = vec![false; chars.len()];
    let mut owner: Vec<Vec<usize>> = vec![Vec::new(); glyphs.len()];
    for (k, g) in glyphs.iter().enumerate() {
        let own = (0..chars.len())
            .find(|&n| !taken[n] && !is_invisible(chars[n]) && font.nominal_glyph(chars[n]) == Some(g.id));
        if let Some(n) = own {
            taken[n] = true;
            owner[k].push(n);
        }
    }
    let rest: Vec<usize> = (0..chars.len()).filter(|&n| !taken[n]).collect();
    if !rest.is_empty() {
        let widest = |free: bool| {
            (0..glyphs.len())
                .filter(|&k| !free || owner[k].is_empty())
                .max_by(|&a, &b| glyphs[a].advance.total_cmp(&glyphs[b].advance).then(b.cmp(&a)))
        };
        if let Some(k) = widest(true).or_else(|| widest(false)) {
            owner[k].extend(rest);
            owner[k].sort_unstable();
        }
    }
    for (g, chars_of) in glyphs.iter_mut().zip(owner) {
        g.text = chars_of.into_iter().map(|n| chars[n]).collect();
    }
}

fn shape_segment(
    fonts: &Fonts,
    seg: &Segment,
    rtl: bool,
    language: Option<&Language>,
    missing: &mut Vec<char>,
) -> GlyphRun {
    let font = fonts.face(seg.font);
    let face = font.face();
    let text = seg.text.as_str();
    let upem = f32::from(face.units_per_em() as u16);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    if let Some(script) = seg.script {
        buffer.set_script(script);
    }
    if let Some(language) = language {
        buffer.set_language(language.clone());
    }
    buffer.guess_segment_properties();
    let plan = font.plan(buffer.direction(), buffer.script(), buffer.language().as_ref());
    let shaped = rustybuzz::shape_with_plan(face, &plan, buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    // Each cluster's text is the source from its start to the next cluster's start.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| {
        let next = starts.partition_point(|&s| s <= start);
        let end = starts.get(next).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or_default()
    };

    let mut glyphs: Vec<Glyph> = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| Glyph {
            id: info.glyph_id as u16,
            advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            text: String::new(),
        })
        .collect();

    // Glyphs of one cluster are neighbours. A cluster of one glyph is the
    // common case: the glyph stands for the cluster's characters.
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster;
        let mut j = i + 1;
        while j < infos.len() && infos[j].cluster == cluster {
            j += 1;
        }
        let chars = cluster_text(cluster as usize);
        if j == i + 1 {
            glyphs[i].text = chars.to_owned();
        } else {
            share_out(font, chars, &mut glyphs[i..j]);
        }
        i = j;
    }

    // A glyph 0 would print as an empty box: leave it out, and say which
    // characters it stood for.
    glyphs.retain(|g| {
        if g.id != 0 {
            return true;
        }
        for ch in g.text.chars().filter(|&c| !is_invisible(c) && !c.is_whitespace() && !font.has(c)) {
            if !missing.contains(&ch) {
                missing.push(ch);
            }
        }
        false
    });
    GlyphRun { font: seg.font, rtl, text: text.to_owned(), glyphs }
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
            "ليلى".chars().map(|c| f.face(run.font).face().glyph_index(c).map_or(0, |g| g.0)).collect();
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

    /// The sample names of `tests/fixtures`: (script, name).
    fn sample_names() -> Vec<(&'static str, &'static str)> {
        include_str!("../../../assets/names-in-every-script.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect()
    }

    fn face_for(script: &str) -> String {
        match script {
            "Latin" | "Greek" | "Cyrillic" => "NotoSans-Bold".into(),
            "Syriac" | "Mongolian" => format!("NotoSans{script}-Regular"),
            "Tibetan" => "NotoSerifTibetan-Bold".into(),
            s if s.starts_with("Han") || s == "Kana" || s == "Hangul" => "NotoSansCJKsc-Bold".into(),
            s => format!("NotoSans{s}-Bold"),
        }
    }

    /// One run's glyph ids, and the ids its characters have on their own.
    fn shaped_and_nominal(text: &str) -> (Vec<u16>, Vec<u16>) {
        let f = fonts();
        let line = shape(f, Stack::Name, text);
        assert!(line.missing.is_empty() && line.runs.len() == 1, "{text:?}: {line:?}");
        let run = &line.runs[0];
        let face = f.face(run.font);
        let nominal = text.chars().map(|c| face.nominal_glyph(c).unwrap_or(0)).collect();
        (run.glyphs.iter().map(|g| g.id).collect(), nominal)
    }

    #[test]
    fn a_name_in_every_script_is_drawn_whole_by_the_face_made_for_it() {
        // Issue 8: Devanagari, Bengali, Tamil, Thai, Georgian, Armenian,
        // Ethiopic... names printed no name at all.
        let f = fonts();
        let names = sample_names();
        assert!(names.len() >= 31, "every script of issue 8 has a sample name");
        for (script, name) in names {
            let line = shape(f, Stack::Name, name);
            assert!(line.missing.is_empty(), "{script} {name:?} lacks {:?}", line.missing);
            let faces: Vec<&str> = line.runs.iter().map(|r| f.face(r.font).name).collect();
            assert!(faces.iter().all(|n| *n == face_for(script)), "{script} {name:?} drawn with {faces:?}");
            for run in &line.runs {
                assert!(run.glyphs.iter().all(|g| g.id != 0), "{script} {name:?}: no empty boxes");
                let mut carried: Vec<char> = run.glyphs.iter().flat_map(|g| g.text.chars()).collect();
                let mut typed: Vec<char> = run.text.chars().collect();
                carried.sort_unstable();
                typed.sort_unstable();
                assert_eq!(carried, typed, "{script} {name:?}: every character is carried by one glyph");
            }
            let text: String = line.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("");
            let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            if !line.runs.iter().any(|r| r.rtl) {
                assert_eq!(squeeze(&text), squeeze(name), "{script}: the runs hold the name in order");
            }
        }
    }

    #[test]
    fn indic_vowel_signs_reorder_split_and_conjuncts_join() {
        // Devanagari i-matra is drawn before its consonant.
        let (shaped, nominal) = shaped_and_nominal("कि");
        assert_eq!(shaped.len(), 2);
        assert_eq!(shaped[1], nominal[0], "क comes second: {shaped:?}");
        // क्ष is one conjunct glyph.
        assert_eq!(shaped_and_nominal("क्ष").0.len(), 1, "क्ष is one glyph");
        // The reph of शर्मा: fewer glyphs than characters.
        let (shaped, nominal) = shaped_and_nominal("शर्मा");
        assert!(shaped.len() < nominal.len(), "{shaped:?}");
        // Bengali ৌ and Tamil ொ split around their consonant.
        for (text, base) in [("সৌ", 0), ("கொ", 0)] {
            let (shaped, nominal) = shaped_and_nominal(text);
            assert_eq!(shaped.len(), 3, "{text}: {shaped:?}");
            assert_eq!(shaped[1], nominal[base], "{text}: the consonant sits between the two parts");
        }
        // Sinhala කු and Tibetan སྟ (a stack) are one glyph each.
        assert_eq!(shaped_and_nominal("කු").0.len(), 1);
        assert_eq!(shaped_and_nominal("སྟ").0.len(), 1);
    }

    #[test]
    fn southeast_asian_clusters_form() {
        // Thai sara am splits into a nikhahit above and sara aa after.
        let (shaped, nominal) = shaped_and_nominal("น้ำ");
        assert_eq!(shaped.len(), 4, "{shaped:?} from {nominal:?}");
        let (shaped, nominal) = shaped_and_nominal("ນ້ຳ");
        assert_ne!(shaped, nominal, "Lao sara am is decomposed too");
        // Khmer coeng ro and Myanmar medial ra are drawn before their consonant.
        for text in ["ស្រី", "ကြ"] {
            let (shaped, nominal) = shaped_and_nominal(text);
            assert_ne!(shaped[0], nominal[0], "{text}: the pre-base form comes first: {shaped:?}");
            assert_eq!(shaped[1], nominal[0], "{text}: then the consonant");
        }
    }

    #[test]
    fn mongolian_letters_join() {
        let (shaped, nominal) = shaped_and_nominal("ᠲᠡᠮᠦᠵᠢᠨ");
        assert_eq!(shaped.len(), nominal.len());
        let joined = shaped.iter().zip(&nominal).filter(|(s, n)| s != n).count();
        assert!(joined >= nominal.len() - 1, "initial, medial and final forms: {shaped:?} vs {nominal:?}");
    }

    #[test]
    fn japanese_lines_use_japanese_glyph_forms() {
        let f = fonts();
        // 直 has distinct Chinese and Japanese forms in Noto Sans CJK.
        let id = |text: &str| {
            let line = shape(f, Stack::Name, text);
            line.runs.iter().flat_map(|r| r.glyphs.iter()).find(|g| g.text == "直").map(|g| g.id)
        };
        assert_ne!(id("直子"), id("直子 なおこ"), "kana on the line make it Japanese");
    }

    #[test]
    fn invisible_format_characters_are_never_missing() {
        let f = fonts();
        for text in ["Ana\u{200b}Lima", "\u{200f}نور", "ನಂದ\u{200c}ನ", "Zoë\u{fe0f}", "A\u{2066}B\u{2069}"]
        {
            let line = shape(f, Stack::Name, text);
            assert!(line.missing.is_empty(), "{text:?}: {:?}", line.missing);
        }
        let line = shape(f, Stack::Name, "👩\u{200d}💻 Ana 🦀");
        assert_eq!(line.missing, ['👩', '💻', '🦀'], "the emoji only, in reading order");
    }
}
