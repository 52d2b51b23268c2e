//! Fitting text into a width: wrapping paragraphs and cutting single lines.
//!
//! Text is shaped with lanyard-badges' shaping (per-character font fallback,
//! bidi, rustybuzz), and every candidate line is shaped whole before it is
//! accepted, so what is measured is exactly what is drawn. A paragraph
//! wraps at spaces, and between any two CJK characters (not before closing
//! punctuation nor after opening brackets); a word wider than the line is
//! broken between characters, never inside a cluster. A single line that
//! does not fit is cut and ends with an ellipsis. No PDF here.

use std::borrow::Cow;

use lanyard_badges::layout::MM_PER_PT;
use lanyard_badges::text::{ShapedLine, is_invisible, shape};
use lanyard_badges::{Fonts, Stack};
use unicode_normalization::char::is_combining_mark;

/// The fonts and size a text is set in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Which font stack (bold names, or regular body text).
    pub stack: Stack,
    /// The size in points.
    pub size_pt: f32,
}

impl Style {
    /// The width of a shaped line set in this style, in millimetres.
    pub(crate) fn width(self, line: &ShapedLine) -> f32 {
        line.width() * self.size_pt * MM_PER_PT
    }
}

const ELLIPSIS: char = '…';

/// The most characters worth shaping for one line `width` millimetres wide:
/// no visible glyph of the bundled faces is narrower than a tenth of an em,
/// so anything beyond this cannot be on the line (a few more for marks and
/// joiners). It keeps a 10,000-character cell or word from being shaped
/// whole, again and again.
fn char_limit(style: Style, width: f32) -> usize {
    let narrowest = style.size_pt * MM_PER_PT * 0.1;
    ((width.max(0.0) / narrowest).ceil() as usize).saturating_add(8)
}

/// The first `n` characters of `text`, and whether that is all of it.
fn first_chars(text: &str, n: usize) -> (&str, bool) {
    match text.char_indices().nth(n) {
        Some((end, _)) => (&text[..end], false),
        None => (text, true),
    }
}

/// Han, kana, Hangul, and the CJK punctuation and full-width forms: lines
/// may break between any two of them.
fn is_cjk(ch: char) -> bool {
    matches!(
        u32::from(ch),
        0x1100..=0x11ff
            | 0x2e80..=0x2fdf
            | 0x3000..=0x303f
            | 0x3040..=0x31ff
            | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff
            | 0xa960..=0xa97f
            | 0xac00..=0xd7ff
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xffef
            | 0x20000..=0x3ffff
    )
}

/// Characters a line must not start with: closing punctuation, the kana
/// prolonged sound mark, combining marks and invisible joiners.
fn no_break_before(ch: char) -> bool {
    matches!(
        ch,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '’'
            | '”'
            | '、'
            | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〗'
            | '〙'
            | '〟'
            | 'ー'
            | '・'
            | '々'
            | '…'
    ) || is_combining_mark(ch)
        || is_invisible(ch)
}

/// Characters a line must not end with: opening brackets and quotes.
fn no_break_after(ch: char) -> bool {
    matches!(
        ch,
        '(' | '[' | '{' | '‘' | '“' | '（' | '「' | '『' | '【' | '〔' | '〈' | '《' | '〖' | '〘' | '〝'
    ) || is_invisible(ch)
}

/// The byte positions inside `text` where a wrapped line may start.
fn break_points(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, ch) in text.char_indices() {
        if let Some(p) = prev {
            let after_space = p.is_whitespace() && !ch.is_whitespace();
            let between_cjk = (is_cjk(ch) || is_cjk(p))
                && !ch.is_whitespace()
                && !p.is_whitespace()
                && !no_break_before(ch)
                && !no_break_after(p);
            if after_space || between_cjk {
                out.push(i);
            }
        }
        prev = Some(ch);
    }
    out
}

/// The byte positions inside `text` that start a new cluster: a line may
/// be forced to break there (never before a mark, after a virama, nor around a joiner).
fn cluster_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, ch) in text.char_indices() {
        if let Some(p) = prev
            && !is_combining_mark(ch)
            && !is_invisible(ch)
            && !is_invisible(p)
            && !is_virama(p)
        {
            out.push(i);
        }
        prev = Some(ch);
    }
    out
}

/// Signs that join the consonant before them to the next one (a conjunct,
/// a Khmer subscript, a Myanmar stack): no break right after them.
fn is_virama(ch: char) -> bool {
    matches!(
        u32::from(ch),
        0x094d
            | 0x09cd
            | 0x0a4d
            | 0x0acd
            | 0x0b4d
            | 0x0bcd
            | 0x0c4d
            | 0x0ccd
            | 0x0d4d
            | 0x0dca
            | 0x0f84
            | 0x1039
            | 0x103a
            | 0x1714
            | 0x17d2
    )
}

fn skip_spaces(text: &str, from: usize) -> usize {
    text[from..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |n| from + n)
}

/// Wraps `text` into lines no wider than `width` millimetres. Every `\n`
/// starts a new line; an empty paragraph is an empty line.
pub(crate) fn wrap(fonts: &Fonts, style: Style, text: &str, width: f32) -> Vec<ShapedLine> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let before = lines.len();
        wrap_paragraph(fonts, style, para, width, &mut lines);
        if lines.len() == before {
            lines.push(ShapedLine::default());
        }
    }
    lines
}

fn wrap_paragraph(fonts: &Fonts, style: Style, para: &str, width: f32, out: &mut Vec<ShapedLine>) {
    let breaks = break_points(para);
    let limit = char_limit(style, width);
    let fits = |s: &str| {
        if !first_chars(s, limit).1 {
            return None;
        }
        let line = shape(fonts, style.stack, &one_line(s));
        (style.width(&line) <= width).then_some(line)
    };
    let mut start = skip_spaces(para, 0);
    while start < para.len() {
        let later = &breaks[breaks.partition_point(|&b| b <= start)..];
        let mut best = None;
        for end in later.iter().copied().chain(std::iter::once(para.len())) {
            match fits(&para[start..end]) {
                Some(line) => best = Some((end, line)),
                None => break,
            }
        }
        let first_end = later.first().copied().unwrap_or(para.len());
        let (end, line) = match best {
            Some(found) => found,
            None => force_break(fonts, style, &para[start..first_end], width, start),
        };
        out.push(line);
        // Every end is past `start` (a break point after it, or at least one
        // cluster), so wrapping always moves on.
        start = skip_spaces(para, end);
    }
}

/// The longest run of whole clusters at the start of `word` that fits
/// (at least one cluster, so wrapping always moves on); `offset` is where
/// `word` starts in its paragraph, and the end returned is in the paragraph.
fn force_break(fonts: &Fonts, style: Style, word: &str, width: f32, offset: usize) -> (usize, ShapedLine) {
    let (word, _) = first_chars(word, char_limit(style, width));
    let mut starts = cluster_starts(word);
    starts.push(word.len());
    let line = |end: usize| shape(fonts, style.stack, &one_line(&word[..end]));
    let (end, shaped) = last_fitting(style, width, &starts, line).unwrap_or_else(|| {
        // Not even one cluster fits: it goes on a line of its own anyway.
        let end = starts.first().copied().unwrap_or(word.len());
        (end, line(end))
    });
    (offset + end, shaped)
}

/// `text` on one line: line breaks, tabs and other control characters
/// become spaces.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` as one line no wider than `width` millimetres: whole when it
/// fits, else its longest start that fits followed by an ellipsis (the
/// ellipsis alone, or nothing, in a column too narrow even for that).
pub(crate) fn cut(fonts: &Fonts, style: Style, text: &str, width: f32) -> ShapedLine {
    let (text, all) = first_chars(text, char_limit(style, width));
    let text = one_line(text);
    if all {
        let whole = shape(fonts, style.stack, &text);
        if style.width(&whole) <= width {
            return whole;
        }
    }
    let mut starts = cluster_starts(&text);
    if !all {
        // Only a start was kept: it may all fit, before its ellipsis.
        starts.push(text.len());
    }
    let with_ellipsis = |end: usize| {
        let mut s = text[..end].trim_end().to_owned();
        s.push(ELLIPSIS);
        shape(fonts, style.stack, &s)
    };
    match last_fitting(style, width, &starts, with_ellipsis) {
        Some((_, line)) => line,
        None => {
            let alone = with_ellipsis(0);
            if style.width(&alone) <= width { alone } else { ShapedLine::default() }
        }
    }
}

/// The last of `ends` (in increasing order) whose line, as `line` makes it,
/// fits in `width`, found by bisection: a longer start of a text is never
/// narrower than a shorter one.
fn last_fitting(
    style: Style,
    width: f32,
    ends: &[usize],
    line: impl Fn(usize) -> ShapedLine,
) -> Option<(usize, ShapedLine)> {
    let (mut lo, mut hi) = (0, ends.len());
    let mut best = None;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let candidate = line(ends[mid]);
        if style.width(&candidate) <= width {
            best = Some((ends[mid], candidate));
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("bundled fonts parse")
    }

    const BODY: Style = Style { stack: Stack::Body, size_pt: 10.0 };

    fn texts(lines: &[ShapedLine]) -> Vec<String> {
        lines.iter().map(ShapedLine::text).collect()
    }

    #[test]
    fn paragraphs_wrap_at_spaces_within_the_width() {
        let text = "The float is counted at the start of every shift and again when it ends.";
        let lines = wrap(fonts(), BODY, text, 40.0);
        assert!(lines.len() >= 3, "{:?}", texts(&lines));
        assert!(lines.iter().all(|l| BODY.width(l) <= 40.0), "every line fits");
        assert_eq!(texts(&lines).join(" "), text, "no word is lost or split");
    }

    #[test]
    fn cjk_text_wraps_between_any_two_characters() {
        let text = "東京都千代田区丸の内一丁目九番二号の会場で受付を行います。";
        let lines = wrap(fonts(), BODY, text, 30.0);
        assert!(lines.len() >= 3, "{:?}", texts(&lines));
        assert!(lines.iter().all(|l| BODY.width(l) <= 30.0));
        assert_eq!(texts(&lines).concat(), text);
        assert!(lines.iter().skip(1).all(|l| !l.text().starts_with('。')), "no line starts with a full stop");
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_clusters() {
        let text = "https://tickets.example.org/order/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let lines = wrap(fonts(), BODY, text, 30.0);
        assert!(lines.len() >= 2 && lines.iter().all(|l| BODY.width(l) <= 30.0), "{:?}", texts(&lines));
        assert_eq!(texts(&lines).concat(), text);
        // Marks stay on their letters: a Devanagari word is cut before a consonant only.
        let hindi = "अनुराधाश्रीनिवासनकृष्णमूर्तिरामचंद्रन";
        let lines = wrap(fonts(), BODY, hindi, 12.0);
        assert!(lines.len() >= 2, "{:?}", texts(&lines));
        for line in lines.iter().skip(1) {
            let first = line.text().chars().next().expect("a line has text");
            assert!(!is_combining_mark(first), "{:?} starts with a mark", line.text());
        }
    }

    #[test]
    fn line_breaks_start_new_lines_and_blank_ones_stay() {
        let lines = wrap(fonts(), BODY, "one\n\ntwo", 100.0);
        assert_eq!(texts(&lines), ["one", "", "two"]);
    }

    #[test]
    fn long_lines_are_cut_with_an_ellipsis_and_short_ones_kept() {
        let f = fonts();
        assert_eq!(cut(f, BODY, "Badge reprint", 50.0).text(), "Badge reprint");
        let cut_line = cut(f, BODY, "Walk-in registration with a very long affiliation name", 30.0);
        assert!(BODY.width(&cut_line) <= 30.0);
        let text = cut_line.text();
        assert!(text.starts_with("Walk-in") && text.ends_with('…'), "{text}");
        assert!(cut(f, BODY, "ნინო ბერიძე და სხვები", 12.0).text().ends_with('…'));
        assert_eq!(cut(f, BODY, "anything", 0.5).text(), "", "nothing fits a column of half a millimetre");
    }
}
