//! Badge layout: an attendee and a template become boxes, fitted text and a
//! QR payload, in millimetres from the badge's top-left corner. Pure data:
//! no PDF here, so every rule is checked by snapshot tests.
//!
//! Text never overflows: a line shrinks to fit its box; a name that would
//! fall below its smallest size breaks onto two lines; if that still cannot
//! fit, it is drawn at the size that fits and the badge is flagged for
//! review. Characters no bundled font has are left out, listed once each
//! on the layout ([`BadgeLayout::missing`]) and by the text they belong to
//! ([`BadgeLayout::missing_in`]), so the desk never prints such a badge
//! without saying so.

use std::fmt::Write as _;

use lanyard_core::search::is_cjk;

use crate::fonts::{Fonts, Stack};
use crate::template::{BadgeTemplate, Rgb};
use crate::text::{ShapedLine, shape};

/// Millimetres per typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// What a badge shows about its attendee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeInput {
    /// The name, as printed.
    pub display_name: String,
    /// Company, university or community.
    pub affiliation: String,
    /// City.
    pub hometown: String,
    /// Role key (attendee, speaker, ...).
    pub role: String,
    /// Interest category keys.
    pub interests: Vec<String>,
    /// The opaque badge code: the QR code's only content.
    pub badge_code: String,
}

/// One thing drawn on a badge. Coordinates in millimetres from the top-left.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// A filled rectangle.
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        color: Rgb,
    },
    /// A filled circle.
    Circle {
        /// Centre, x.
        cx: f32,
        /// Centre, y.
        cy: f32,
        /// Radius.
        r: f32,
        /// Fill.
        color: Rgb,
    },
    /// A line of shaped text.
    Text {
        /// Left end of the baseline.
        x: f32,
        /// The baseline's distance from the top.
        baseline: f32,
        /// Font size in points.
        size_pt: f32,
        /// Colour.
        color: Rgb,
        /// The glyphs.
        line: ShapedLine,
    },
    /// The event's logo, scaled to fit its box and keep its proportions.
    Logo {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The image.
        logo: crate::template::Logo,
    },
    /// A QR code drawn as vector squares.
    Qr {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Side length, quiet zone included.
        size: f32,
        /// What it encodes: the badge code, nothing else.
        payload: String,
    },
}

/// A laid-out badge.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeLayout {
    /// Width in millimetres.
    pub width: f32,
    /// Height in millimetres.
    pub height: f32,
    /// What to draw, back to front.
    pub elements: Vec<Element>,
    /// Why a person should look at this badge before printing (empty when fine).
    pub review: Vec<String>,
    /// Every character left out because no bundled font has it, each once:
    /// the name's first, then the other texts' in the order of [`TextField`],
    /// each in reading order. Only such characters: never spaces, invisible
    /// format characters (ZWJ, ZWNJ, variation selectors, bidi marks) or a
    /// character some font draws. Empty when the whole badge is drawn.
    pub missing: Vec<char>,
    /// The same characters by the text they were left out of: one entry per
    /// text that lost some, in the order of [`TextField`].
    pub missing_in: Vec<MissingChars>,
}

/// A text on a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextField {
    /// The attendee's name.
    Name,
    /// Company, university or community.
    Affiliation,
    /// City.
    Hometown,
    /// The role band's label (from the template).
    Role,
    /// The event's name (from the template).
    EventName,
    /// The interest legend's labels (from the template).
    Interests,
}

impl TextField {
    /// A stable snake_case key, for messages and DTOs.
    pub fn key(self) -> &'static str {
        match self {
            TextField::Name => "name",
            TextField::Affiliation => "affiliation",
            TextField::Hometown => "hometown",
            TextField::Role => "role",
            TextField::EventName => "event_name",
            TextField::Interests => "interests",
        }
    }

    /// The words a message uses for it.
    fn words(self) -> &'static str {
        match self {
            TextField::Name => "the name",
            TextField::Affiliation => "the affiliation",
            TextField::Hometown => "the hometown",
            TextField::Role => "the role label",
            TextField::EventName => "the event name",
            TextField::Interests => "an interest label",
        }
    }
}

/// Characters left out of one text of a badge because no bundled font has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChars {
    /// The text they belong to.
    pub field: TextField,
    /// The characters, each once, in reading order.
    pub chars: Vec<char>,
}

/// Collects what each text of a badge left out.
#[derive(Debug, Default)]
struct Losses(Vec<MissingChars>);

impl Losses {
    fn note(&mut self, field: TextField, line: &ShapedLine) {
        if line.missing.is_empty() {
            return;
        }
        let at = match self.0.iter().position(|m| m.field == field) {
            Some(at) => at,
            None => {
                self.0.push(MissingChars { field, chars: Vec::new() });
                self.0.len() - 1
            }
        };
        let chars = &mut self.0[at].chars;
        for ch in &line.missing {
            if !chars.contains(ch) {
                chars.push(*ch);
            }
        }
    }
}

/// A text box: where a line may go and how big it may be.
#[derive(Debug, Clone, Copy)]
struct TextBox {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    max_pt: f32,
    min_pt: f32,
}

/// A fitted block of one or two lines.
#[derive(Debug)]
struct Fitted {
    lines: Vec<ShapedLine>,
    size_pt: f32,
    fits: bool,
}

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.18;

fn size_for(lines: &[&ShapedLine], b: &TextBox) -> f32 {
    let widest = lines.iter().map(|l| l.width()).fold(0.0f32, f32::max).max(0.01);
    let by_width = b.w / (widest * MM_PER_PT);
    let by_height = b.h / (lines.len() as f32 * LEADING * MM_PER_PT);
    by_width.min(by_height).min(b.max_pt)
}

/// Fits text into a box: one line if it can stay at least `min_pt`, else the
/// best break onto two lines (when allowed), else whatever fits, flagged.
fn fit(fonts: &Fonts, stack: Stack, text: &str, b: &TextBox, two_lines: bool) -> Fitted {
    let one = shape(fonts, stack, text);
    let one_size = size_for(&[&one], b);
    if one_size >= b.min_pt || !two_lines {
        return Fitted { fits: one_size >= b.min_pt, lines: vec![one], size_pt: one_size };
    }
    let mut best: Option<(f32, ShapedLine, ShapedLine)> = None;
    for (i, ch) in text.char_indices() {
        let breakable = ch == ' ' || (i > 0 && is_cjk(ch));
        if !breakable {
            continue;
        }
        let (first, second) = (text[..i].trim(), text[i..].trim());
        if first.is_empty() || second.is_empty() {
            continue;
        }
        let (a, c) = (shape(fonts, stack, first), shape(fonts, stack, second));
        let size = size_for(&[&a, &c], b);
        if best.as_ref().is_none_or(|(s, _, _)| size > *s) {
            best = Some((size, a, c));
        }
    }
    match best {
        Some((size, a, c)) if size > one_size => {
            Fitted { fits: size >= b.min_pt, lines: vec![a, c], size_pt: size }
        }
        _ => Fitted { fits: false, lines: vec![one], size_pt: one_size },
    }
}

/// Places fitted lines centred in their box, vertically centred as a block.
fn place(out: &mut Vec<Element>, fitted: Fitted, b: &TextBox, color: Rgb) {
    let line_h = fitted.size_pt * LEADING * MM_PER_PT;
    let block = line_h * fitted.lines.len() as f32;
    let top = b.y + (b.h - block) / 2.0;
    for (n, line) in fitted.lines.into_iter().enumerate() {
        let width = line.width() * fitted.size_pt * MM_PER_PT;
        // The baseline sits about 80 % down the line box for these fonts.
        let baseline = top + line_h * n as f32 + fitted.size_pt * MM_PER_PT * 0.96;
        out.push(Element::Text {
            x: b.x + (b.w - width) / 2.0,
            baseline,
            size_pt: fitted.size_pt,
            color,
            line,
        });
    }
}

/// Lays out one badge.
pub fn layout(input: &BadgeInput, template: &BadgeTemplate, fonts: &Fonts) -> BadgeLayout {
    let (w, h) = template.format.badge_size();
    let portrait = h > w * 1.2;
    let m = (w.min(h) * 0.05).max(3.0);
    let band_h = (h * if portrait { 0.11 } else { 0.16 }).min(18.0);
    let ink = Rgb(0x11, 0x18, 0x27);
    let grey = Rgb(0x4b, 0x55, 0x63);
    let mut els = Vec::new();
    let mut review = Vec::new();
    let mut losses = Losses::default();

    // Role band along the bottom edge.
    let band = template.band(&input.role);
    els.push(Element::Rect { x: 0.0, y: h - band_h, w, h: band_h, color: band.color });
    let band_box = TextBox {
        x: m,
        y: h - band_h,
        w: w - 2.0 * m,
        h: band_h,
        max_pt: band_h / MM_PER_PT * 0.55,
        min_pt: 6.0,
    };
    let label = fit(fonts, Stack::Name, &band.label, &band_box, false);
    let on_band = if band.color.is_dark() { Rgb(255, 255, 255) } else { ink };
    losses.note(TextField::Role, &label.lines[0]);
    place(&mut els, label, &band_box, on_band);

    // Logo in the top-left corner, event name across the top (beside the logo).
    let mut y = m;
    let mut header_left = m;
    let mut header_h = 5.0;
    if template.show_logo {
        let logo = template.logo.clone().unwrap_or_else(crate::template::Logo::bundled);
        let side = (w.min(h) * 0.13).clamp(8.0, 16.0);
        let aspect = logo.width as f32 / logo.height as f32;
        let (lw, lh) = if aspect >= 1.0 { (side * aspect.min(2.5), side) } else { (side, side / aspect) };
        let (lw, lh) = if lh > side { (lw * side / lh, side) } else { (lw, lh) };
        els.push(Element::Logo { x: m, y, w: lw, h: lh, logo });
        header_left = m + lw + 2.0;
        header_h = side;
    }
    let has_name = template.show_event_name && !template.event_name.trim().is_empty();
    if has_name {
        let b = TextBox {
            x: header_left,
            y,
            w: w - header_left - m,
            h: header_h.min(8.0),
            max_pt: 10.0,
            min_pt: 6.0,
        };
        let b = TextBox { y: y + (header_h - b.h) / 2.0, ..b };
        let fitted = fit(fonts, Stack::Body, &template.event_name, &b, false);
        losses.note(TextField::EventName, &fitted.lines[0]);
        place(&mut els, fitted, &b, grey);
    }
    if has_name || template.show_logo {
        y += header_h + 1.0;
    }

    // QR code: right of the text on landscape badges, below it on portrait ones.
    let above_band = h - band_h - m;
    let (qr_size, qr_x, qr_y, text_w) = if portrait {
        let size = (w * 0.42).min(above_band - y - h * 0.42);
        (size, (w - size) / 2.0, above_band - size, w - 2.0 * m)
    } else {
        let size = (w * 0.28).min(above_band - y - h * 0.30);
        (size, w - m - size, above_band - size, w - 3.0 * m - size)
    };

    // The name: big, always fitting.
    let name_h = if portrait { h * 0.22 } else { h * 0.30 };
    let name_box =
        TextBox { x: m, y, w: w - 2.0 * m, h: name_h, max_pt: name_h / MM_PER_PT * 0.55, min_pt: 14.0 };
    let name = fit(fonts, Stack::Name, &input.display_name, &name_box, true);
    if !name.fits {
        review.push(format!(
            "the name does not fit at {} pt or more, even on two lines: check it before printing",
            name_box.min_pt
        ));
    }
    for line in &name.lines {
        losses.note(TextField::Name, line);
    }
    place(&mut els, name, &name_box, ink);
    y += name_h + 1.0;

    // Affiliation and hometown, each fitted on one line beside (or above) the QR code.
    for (field, show, text, max_pt, line_h) in [
        (TextField::Affiliation, template.show_affiliation, &input.affiliation, 16.0, 8.0),
        (TextField::Hometown, template.show_hometown, &input.hometown, 12.0, 6.5),
    ] {
        if !show || text.trim().is_empty() {
            continue;
        }
        let b = TextBox { x: m, y, w: text_w, h: line_h, max_pt, min_pt: 7.0 };
        let fitted = fit(fonts, Stack::Body, text, &b, false);
        if !fitted.fits {
            review.push(format!("{text:?} is long: printed smaller than {} pt", b.min_pt));
        }
        losses.note(field, &fitted.lines[0]);
        place(&mut els, fitted, &b, grey);
        y += line_h;
    }

    // Interest dots above the band, left-aligned, with an optional legend.
    // When a row is full, the next one goes above it.
    let r = (w.min(h) * 0.03).clamp(1.6, 3.0);
    let mut dot_y = if portrait { qr_y - r - 2.0 } else { above_band - r };
    let right_limit = if portrait { w - m } else { qr_x - 1.5 };
    let mut dot_x = m + r;
    for key in &input.interests {
        let Some(cat) = template.categories.iter().find(|c| &c.key == key) else { continue };
        let label = template.show_legend.then(|| {
            let line = shape(fonts, Stack::Body, &cat.label);
            losses.note(TextField::Interests, &line);
            let size = size_for(
                &[&line],
                &TextBox { x: 0.0, y: 0.0, w: 16.0, h: 2.0 * r, max_pt: 7.0, min_pt: 4.0 },
            );
            (line, size)
        });
        let label_w = label.as_ref().map_or(0.0, |(l, size)| l.width() * size * MM_PER_PT + 2.5);
        if dot_x + r + label_w > right_limit && dot_x > m + r {
            dot_x = m + r;
            dot_y -= 2.0 * r + 1.5;
        }
        els.push(Element::Circle { cx: dot_x, cy: dot_y, r, color: cat.color });
        dot_x += 2.0 * r + 1.5;
        if let Some((line, size)) = label {
            els.push(Element::Text {
                x: dot_x - 0.5,
                baseline: dot_y + size * MM_PER_PT * 0.35,
                size_pt: size,
                color: grey,
                line,
            });
            dot_x += label_w;
        }
    }

    els.push(Element::Qr { x: qr_x, y: qr_y, size: qr_size, payload: input.badge_code.clone() });

    let mut missing_in = losses.0;
    missing_in.sort_by_key(|m| m.field);
    let mut missing: Vec<char> = Vec::new();
    for m in &missing_in {
        review.push(format!(
            "no bundled font has {} in {}: left out",
            m.chars.iter().map(|&c| describe_char(c)).collect::<Vec<_>>().join(", "),
            m.field.words()
        ));
        for ch in &m.chars {
            if !missing.contains(ch) {
                missing.push(*ch);
            }
        }
    }
    BadgeLayout { width: w, height: h, elements: els, review, missing, missing_in }
}

/// A character as a message shows it: itself and its code point ('🦀' U+1F980).
fn describe_char(c: char) -> String {
    format!("{c:?} U+{:04X}", u32::from(c))
}

impl BadgeLayout {
    /// True when every character of the attendee's name is drawn.
    pub fn name_is_complete(&self) -> bool {
        self.missing_in.iter().all(|m| m.field != TextField::Name)
    }

    /// A readable description, one element per line, for snapshot tests.
    pub fn describe(&self, fonts: &Fonts) -> String {
        let mut out = format!("badge {:.1}x{:.1} mm\n", self.width, self.height);
        for e in &self.elements {
            let _ = match e {
                Element::Rect { x, y, w, h, color } => {
                    writeln!(out, "rect {x:.1},{y:.1} {w:.1}x{h:.1} {color}")
                }
                Element::Circle { cx, cy, r, color } => writeln!(out, "dot {cx:.1},{cy:.1} r{r:.1} {color}"),
                Element::Text { x, baseline, size_pt, color, line } => {
                    let fonts_used: Vec<&str> = line.runs.iter().map(|r| fonts.face(r.font).name).collect();
                    writeln!(
                        out,
                        "text {:?} {size_pt:.1}pt at {x:.1},{baseline:.1} w{:.1} {color} [{}]",
                        line.text(),
                        line.width() * size_pt * MM_PER_PT,
                        fonts_used.join(" ")
                    )
                }
                Element::Qr { x, y, size, payload } => {
                    writeln!(out, "qr {payload:?} at {x:.1},{y:.1} size {size:.1}")
                }
                Element::Logo { x, y, w, h, logo } => {
                    writeln!(out, "logo {}x{} px at {x:.1},{y:.1} {w:.1}x{h:.1}", logo.width, logo.height)
                }
            };
        }
        for r in &self.review {
            let _ = writeln!(out, "review: {r}");
        }
        out
    }

    /// True when every text fits inside the badge (the no-overflow check).
    pub fn inside(&self) -> bool {
        self.elements.iter().all(|e| match e {
            Element::Text { x, line, size_pt, baseline, .. } => {
                let right = x + line.width() * size_pt * MM_PER_PT;
                *x >= -0.01 && right <= self.width + 0.01 && *baseline <= self.height
            }
            _ => true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Format;
    use expect_test::expect;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().expect("bundled fonts")
    }

    fn input(name: &str) -> BadgeInput {
        BadgeInput {
            display_name: name.into(),
            affiliation: "Python Software Verein".into(),
            hometown: "Bilbao".into(),
            role: "speaker".into(),
            interests: vec!["science".into(), "web".into(), "games".into()],
            badge_code: "MQ402D4EH3".into(),
        }
    }

    #[test]
    fn a_speakers_badge_snapshot() {
        let badge = layout(&input("José Núñez"), &BadgeTemplate::standard("PyDesk Conf 2026"), fonts());
        expect![[r#"
            badge 101.6x76.2 mm
            rect 0.0,64.0 101.6x12.2 #7c3aed
            text "SPEAKER" 19.0pt at 36.3,72.6 w28.9 #ffffff [NotoSans-Bold]
            text "PyDesk Conf 2026" 10.0pt at 35.9,7.6 w29.7 #4b5563 [NotoSans-Regular]
            text "José Núñez" 35.6pt at 16.3,25.9 w69.1 #111827 [NotoSans-Bold]
            text "Python Software Verein" 16.0pt at 4.2,39.8 w62.0 #4b5563 [NotoSans-Regular]
            text "Bilbao" 12.0pt at 28.9,46.5 w12.5 #4b5563 [NotoSans-Regular]
            dot 6.1,57.9 r2.3 #16a34a
            dot 12.2,57.9 r2.3 #2563eb
            dot 18.2,57.9 r2.3 #9333ea
            qr "MQ402D4EH3" at 70.3,32.7 size 27.5
        "#]]
        .assert_eq(&badge.describe(fonts()));
    }

    #[test]
    fn a_long_name_breaks_onto_two_lines_before_getting_small() {
        let name = "Maria Fernanda Gonçalves de Albuquerque Magalhães";
        let badge = layout(&input(name), &BadgeTemplate::standard("Conf"), fonts());
        let lines: Vec<(String, f32)> = badge
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Text { line, size_pt, .. } if line.text() != "SPEAKER" && *size_pt > 18.0 => {
                    Some((line.text(), *size_pt))
                }
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 2, "two lines: {lines:?}");
        assert_eq!(format!("{} {}", lines[0].0, lines[1].0), name, "nothing is cut");
        assert!(badge.review.is_empty(), "{:?}", badge.review);
        assert!(badge.inside());
    }

    #[test]
    fn a_name_that_cannot_fit_is_flagged_for_review_not_cut() {
        let name = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeindewelchevoralternzwolfhunderttausendjahresvorandieerscheinenvanderersteerdemenschderraumschiff";
        let badge = layout(&input(name), &BadgeTemplate::standard("Conf"), fonts());
        assert_eq!(badge.review.len(), 1, "{:?}", badge.review);
        assert!(badge.review[0].starts_with("the name does not fit"));
        assert!(badge.inside(), "drawn smaller rather than overflowing");
        let drawn: String = badge
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Text { line, .. } => Some(line.text()),
                _ => None,
            })
            .collect();
        assert!(drawn.contains(name), "the whole name is there");
    }

    #[test]
    fn missing_characters_are_left_out_and_reported() {
        let badge = layout(&input("Ana 🦀 Lima"), &BadgeTemplate::standard("Conf"), fonts());
        assert_eq!(badge.missing, ['🦀']);
        assert_eq!(badge.missing_in, [MissingChars { field: TextField::Name, chars: vec!['🦀'] }]);
        assert!(!badge.name_is_complete());
        assert_eq!(badge.review, ["no bundled font has '🦀' U+1F980 in the name: left out"]);
    }

    #[test]
    fn names_in_every_script_lose_nothing() {
        // Issue 8: these printed badges with no name ("no bundled font has …: left out").
        for name in
            ["राहुल शर्मा", "সৌরভ গাঙ্গুলী", "தமிழ்செல்வி", "สมชาย ใจดี", "ნინო ბერიძე", "Արամ Խաչատրյան", "አበበ ቢቂላ"]
        {
            let badge = layout(&input(name), &BadgeTemplate::standard("Conf"), fonts());
            assert!(badge.missing.is_empty() && badge.missing_in.is_empty(), "{name}: {:?}", badge.missing);
            assert!(badge.review.is_empty(), "{name}: {:?}", badge.review);
            assert!(badge.name_is_complete());
        }
    }

    #[test]
    fn missing_characters_are_listed_once_by_the_text_they_belong_to() {
        let mut template = BadgeTemplate::standard("Conf ✨");
        template.show_legend = true;
        template.categories[0].label = "Science 🧪".into();
        let mut i = input("🦀 Ana\u{200d}🦀 Lima \u{200b}");
        i.affiliation = "Rust 🦀 e.V.".into();
        i.hometown = "Bilbao 🏖\u{fe0f}".into();
        i.interests = vec![template.categories[0].key.clone()];
        let badge = layout(&i, &template, fonts());
        assert_eq!(
            badge.missing_in,
            [
                MissingChars { field: TextField::Name, chars: vec!['🦀'] },
                MissingChars { field: TextField::Affiliation, chars: vec!['🦀'] },
                MissingChars { field: TextField::Hometown, chars: vec!['🏖'] },
                MissingChars { field: TextField::EventName, chars: vec!['✨'] },
                MissingChars { field: TextField::Interests, chars: vec!['🧪'] },
            ],
            "no spaces, no ZWJ, no variation selector, no zero-width space"
        );
        assert_eq!(badge.missing, ['🦀', '🏖', '✨', '🧪'], "each once, the name's first");
        assert_eq!(badge.review.len(), 5, "{:?}", badge.review);
        assert!(badge.review[0].ends_with("in the name: left out"), "{:?}", badge.review);
        let drawn: Vec<String> = badge
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Text { line, .. } => Some(line.text()),
                _ => None,
            })
            .collect();
        assert!(
            drawn.iter().any(|t| t.starts_with("Ana") && t.contains("Lima")),
            "the rest is drawn: {drawn:?}"
        );
    }

    #[test]
    fn the_qr_code_carries_only_the_badge_code() {
        let badge = layout(&input("José Núñez"), &BadgeTemplate::standard("Conf"), fonts());
        let payloads: Vec<&str> = badge
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Qr { payload, .. } => Some(payload.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(payloads, ["MQ402D4EH3"]);
    }

    #[test]
    fn every_demo_name_fits_every_format() {
        let people = lanyard_core::demo::generate(lanyard_core::demo::DEFAULT_SEED, 120).expect("demo");
        for format in Format::ALL {
            let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
            template.format = format;
            template.show_legend = true;
            for p in &people.attendees {
                let i = BadgeInput {
                    display_name: p.display_name.clone(),
                    affiliation: p.affiliation.clone(),
                    hometown: p.hometown.clone(),
                    role: p.role.to_string(),
                    interests: p.interests.clone(),
                    badge_code: p.badge_code.to_string(),
                };
                let badge = layout(&i, &template, fonts());
                assert!(badge.inside(), "{} overflows on {}", p.display_name, format.name());
                assert!(badge.missing.is_empty(), "{} lacks glyphs: {:?}", p.display_name, badge.missing);
            }
        }
    }

    #[test]
    fn the_logo_sits_top_left_and_the_event_name_beside_it() {
        let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
        template.show_logo = true;
        let badge = layout(&input("José Núñez"), &template, fonts());
        expect![[r#"
            badge 101.6x76.2 mm
            rect 0.0,64.0 101.6x12.2 #7c3aed
            text "SPEAKER" 19.0pt at 36.3,72.6 w28.9 #ffffff [NotoSans-Bold]
            logo 256x256 px at 3.8,3.8 9.9x9.9
            text "PyDesk Conf 2026" 10.0pt at 41.9,10.1 w29.7 #4b5563 [NotoSans-Regular]
            text "José Núñez" 35.6pt at 16.3,30.8 w69.1 #111827 [NotoSans-Bold]
            text "Python Software Verein" 16.0pt at 6.6,44.7 w62.0 #4b5563 [NotoSans-Regular]
            text "Bilbao" 12.0pt at 31.3,51.4 w12.5 #4b5563 [NotoSans-Regular]
            dot 6.1,57.9 r2.3 #16a34a
            dot 12.2,57.9 r2.3 #2563eb
            dot 18.2,57.9 r2.3 #9333ea
            qr "MQ402D4EH3" at 75.2,37.6 size 22.6
        "#]]
        .assert_eq(&badge.describe(fonts()));
        assert!(badge.inside());
    }

    #[test]
    fn a_portrait_badge_puts_the_qr_code_below_the_text() {
        let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
        template.format = Format::Label4x6;
        let badge = layout(&input("王小明"), &template, fonts());
        expect![[r#"
            badge 101.6x152.4 mm
            rect 0.0,135.6 101.6x16.8 #7c3aed
            text "SPEAKER" 26.1pt at 30.9,147.4 w39.8 #ffffff [NotoSans-Bold]
            text "PyDesk Conf 2026" 10.0pt at 35.9,8.9 w29.7 #4b5563 [NotoSans-Regular]
            text "王小明" 52.3pt at 23.1,34.7 w55.3 #111827 [NotoSansCJKsc-Bold]
            text "Python Software Verein" 16.0pt at 19.8,51.7 w62.0 #4b5563 [NotoSans-Regular]
            text "Bilbao" 12.0pt at 44.6,58.4 w12.5 #4b5563 [NotoSans-Regular]
            dot 8.1,82.9 r3.0 #16a34a
            dot 15.6,82.9 r3.0 #2563eb
            dot 23.1,82.9 r3.0 #9333ea
            qr "MQ402D4EH3" at 29.5,87.9 size 42.7
        "#]]
        .assert_eq(&badge.describe(fonts()));
    }
}
