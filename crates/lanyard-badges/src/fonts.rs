//! The bundled fonts, parsed once per process and shared.
//!
//! Fonts are compiled into the binary from `assets/fonts` (see the licence
//! and the list there, and decision 0008), so a badge prints the same on
//! every machine and never depends on what a desk has installed. There is
//! one Noto face per script people write names in. Each text line draws
//! from a *stack*: the Latin face (Latin, Greek, Cyrillic) first, then the
//! face made for the character's script, then every other face; a character
//! takes the first that has it, and only a character no face has is missing.
//!
//! Start-up stays cheap: every face's table directory is read at first use
//! (microseconds, no copy), and a face is prepared for shaping only when a
//! line first needs it. This module knows nothing about PDF.

use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use rustybuzz::{Direction, Language, Script, ShapePlan, script, ttf_parser};

/// Which font in [`Fonts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub usize);

/// One bundled font face.
pub struct FontFace {
    /// A short name for snapshots and messages.
    pub name: &'static str,
    /// The font file.
    pub data: &'static [u8],
    /// The face index inside the file (collections hold several).
    pub index: u32,
    /// What the face is for.
    role: Role,
    /// The face's tables, read once.
    tables: ttf_parser::Face<'static>,
    /// Its Unicode character map (the full-range one when it has one), to
    /// ask quickly whether it has a character.
    cmap: Option<ttf_parser::cmap::Subtable<'static>>,
    /// The face prepared for shaping, made on first use.
    shaper: OnceLock<rustybuzz::Face<'static>>,
    /// Shaping plans made so far (a plan gathers the face's lookups for a
    /// direction, script and language; making one costs more than shaping
    /// a name with it).
    plans: RwLock<Vec<(PlanKey, Arc<ShapePlan>)>>,
}

/// What a shaping plan is made for.
type PlanKey = (Direction, Script, Option<Language>);

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace").field("name", &self.name).field("bytes", &self.data.len()).finish()
    }
}

impl FontFace {
    /// The face, prepared for shaping and measuring (on first use).
    pub fn face(&self) -> &rustybuzz::Face<'static> {
        self.shaper.get_or_init(|| rustybuzz::Face::from_face(self.tables.clone()))
    }

    /// The shaping plan for text of this `direction`, `script` (as the
    /// buffer has it after guessing its segment properties) and `language`,
    /// made once per face and key.
    pub fn plan(&self, direction: Direction, script: Script, language: Option<&Language>) -> Arc<ShapePlan> {
        let key: PlanKey = (direction, script, language.cloned());
        let found = self
            .plans
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.clone());
        if let Some(plan) = found {
            return plan;
        }
        let known = (script != script::UNKNOWN).then_some(script);
        let plan = Arc::new(ShapePlan::new(self.face(), direction, known, language, &[]));
        self.plans.write().unwrap_or_else(PoisonError::into_inner).push((key, plan.clone()));
        plan
    }

    /// True when the face has a glyph for `ch`.
    pub fn has(&self, ch: char) -> bool {
        self.nominal_glyph(ch).is_some()
    }

    /// The glyph `ch` maps to in this face, if any.
    pub fn nominal_glyph(&self, ch: char) -> Option<u16> {
        self.cmap?.glyph_index(u32::from(ch)).map(|g| g.0).filter(|&g| g != 0)
    }

    /// The script a letter `ch` is shaped as in this face; `None` for
    /// characters every script uses (digits, punctuation, spaces, marks),
    /// which take the script of the text around them.
    pub fn script_for(&self, ch: char) -> Option<Script> {
        match self.role {
            Role::Script(s, _) => Some(s),
            Role::Latin => latin_script(ch),
            Role::Cjk => cjk_script(ch),
        }
    }

    /// True for the Han, kana and Hangul face (its glyph forms follow the language).
    pub fn is_cjk(&self) -> bool {
        matches!(self.role, Role::Cjk)
    }

    /// True when this face is the one made for `ch`'s script.
    fn made_for(&self, ch: char) -> bool {
        let c = u32::from(ch);
        let blocks: &[RangeInclusive<u32>] = match self.role {
            Role::Script(_, blocks) => blocks,
            Role::Latin => &[],
            Role::Cjk => CJK_BLOCKS,
        };
        blocks.iter().any(|b| b.contains(&c))
    }
}

/// What a face is for.
#[derive(Debug, Clone, Copy)]
enum Role {
    /// Latin, Greek and Cyrillic (the first face of every stack).
    Latin,
    /// Han, kana and Hangul.
    Cjk,
    /// One script, and the Unicode blocks it is the first choice for.
    Script(Script, &'static [RangeInclusive<u32>]),
}

fn latin_script(ch: char) -> Option<Script> {
    if !ch.is_alphabetic() || unicode_normalization::char::is_combining_mark(ch) {
        return None;
    }
    Some(match u32::from(ch) {
        0x0370..=0x03ff | 0x1f00..=0x1fff => script::GREEK,
        0x0400..=0x052f | 0x1c80..=0x1c8f | 0x2de0..=0x2dff | 0xa640..=0xa69f => script::CYRILLIC,
        _ => script::LATIN,
    })
}

fn cjk_script(ch: char) -> Option<Script> {
    if !ch.is_alphabetic() {
        return None;
    }
    Some(match u32::from(ch) {
        0x1100..=0x11ff | 0x3130..=0x318f | 0xa960..=0xa97f | 0xac00..=0xd7ff | 0xffa0..=0xffdc => {
            script::HANGUL
        }
        0x3040..=0x309f => script::HIRAGANA,
        0x30a0..=0x30ff | 0x31f0..=0x31ff | 0xff66..=0xff9f => script::KATAKANA,
        0x3100..=0x312f | 0x31a0..=0x31bf => script::BOPOMOFO,
        _ => script::HAN,
    })
}

/// The order in which fonts are tried for a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    /// Names: bold faces.
    Name,
    /// Affiliation, hometown, labels: regular Latin, bold elsewhere.
    Body,
}

/// Every bundled font.
#[derive(Debug)]
pub struct Fonts {
    faces: Vec<FontFace>,
}

/// A font file failed to parse (a damaged asset): a build problem, not a user's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the bundled font {0} cannot be parsed")]
pub struct FontError(pub &'static str);

/// The Latin face for names.
const LATIN_BOLD: FontId = FontId(0);
/// The Latin face for the other lines.
const LATIN_REGULAR: FontId = FontId(1);

macro_rules! font {
    ($file:literal) => {
        include_bytes!(concat!("../../../assets/fonts/", $file))
    };
}

const CJK_BLOCKS: &[RangeInclusive<u32>] = &[
    0x1100..=0x11ff,
    0x2e80..=0x2fdf,
    0x3000..=0x31ff,
    0x3400..=0x4dbf,
    0x4e00..=0x9fff,
    0xa960..=0xa97f,
    0xac00..=0xd7ff,
    0xf900..=0xfaff,
    0xfe30..=0xfe4f,
    0xff00..=0xffef,
    0x20000..=0x3ffff,
];

/// Every bundled face: its name, its file, and what it is for. The order is
/// the order of the stacks after the Latin face (CJK last: it has many
/// symbols that other faces draw better).
fn table() -> [(&'static str, &'static [u8], Role); 27] {
    use Role::{Cjk, Latin, Script as S};
    use script as s;
    [
        ("NotoSans-Bold", font!("NotoSans-Bold.ttf"), Latin),
        ("NotoSans-Regular", font!("NotoSans-Regular.ttf"), Latin),
        (
            "NotoSansArabic-Bold",
            font!("NotoSansArabic-Bold.ttf"),
            S(
                s::ARABIC,
                &[0x0600..=0x06ff, 0x0750..=0x077f, 0x08a0..=0x08ff, 0xfb50..=0xfdff, 0xfe70..=0xfeff],
            ),
        ),
        (
            "NotoSansHebrew-Bold",
            font!("NotoSansHebrew-Bold.ttf"),
            S(s::HEBREW, &[0x0590..=0x05ff, 0xfb1d..=0xfb4f]),
        ),
        (
            "NotoSansArmenian-Bold",
            font!("NotoSansArmenian-Bold.ttf"),
            S(s::ARMENIAN, &[0x0530..=0x058f, 0xfb13..=0xfb17]),
        ),
        (
            "NotoSansGeorgian-Bold",
            font!("NotoSansGeorgian-Bold.ttf"),
            S(s::GEORGIAN, &[0x10a0..=0x10ff, 0x1c90..=0x1cbf, 0x2d00..=0x2d2f]),
        ),
        ("NotoSansThaana-Bold", font!("NotoSansThaana-Bold.ttf"), S(s::THAANA, &[0x0780..=0x07bf])),
        (
            "NotoSansSyriac-Regular",
            font!("NotoSansSyriac-Regular.ttf"),
            S(s::SYRIAC, &[0x0700..=0x074f, 0x0860..=0x086f]),
        ),
        (
            "NotoSansDevanagari-Bold",
            font!("NotoSansDevanagari-Bold.ttf"),
            S(s::DEVANAGARI, &[0x0900..=0x097f, 0xa8e0..=0xa8ff]),
        ),
        ("NotoSansBengali-Bold", font!("NotoSansBengali-Bold.ttf"), S(s::BENGALI, &[0x0980..=0x09ff])),
        ("NotoSansGurmukhi-Bold", font!("NotoSansGurmukhi-Bold.ttf"), S(s::GURMUKHI, &[0x0a00..=0x0a7f])),
        ("NotoSansGujarati-Bold", font!("NotoSansGujarati-Bold.ttf"), S(s::GUJARATI, &[0x0a80..=0x0aff])),
        ("NotoSansOriya-Bold", font!("NotoSansOriya-Bold.ttf"), S(s::ORIYA, &[0x0b00..=0x0b7f])),
        ("NotoSansTamil-Bold", font!("NotoSansTamil-Bold.ttf"), S(s::TAMIL, &[0x0b80..=0x0bff])),
        ("NotoSansTelugu-Bold", font!("NotoSansTelugu-Bold.ttf"), S(s::TELUGU, &[0x0c00..=0x0c7f])),
        ("NotoSansKannada-Bold", font!("NotoSansKannada-Bold.ttf"), S(s::KANNADA, &[0x0c80..=0x0cff])),
        ("NotoSansMalayalam-Bold", font!("NotoSansMalayalam-Bold.ttf"), S(s::MALAYALAM, &[0x0d00..=0x0d7f])),
        ("NotoSansSinhala-Bold", font!("NotoSansSinhala-Bold.ttf"), S(s::SINHALA, &[0x0d80..=0x0dff])),
        ("NotoSansThai-Bold", font!("NotoSansThai-Bold.ttf"), S(s::THAI, &[0x0e00..=0x0e7f])),
        ("NotoSansLao-Bold", font!("NotoSansLao-Bold.ttf"), S(s::LAO, &[0x0e80..=0x0eff])),
        ("NotoSerifTibetan-Bold", font!("NotoSerifTibetan-Bold.ttf"), S(s::TIBETAN, &[0x0f00..=0x0fff])),
        (
            "NotoSansMyanmar-Bold",
            font!("NotoSansMyanmar-Bold.ttf"),
            S(s::MYANMAR, &[0x1000..=0x109f, 0xa9e0..=0xa9ff, 0xaa60..=0xaa7f]),
        ),
        (
            "NotoSansEthiopic-Bold",
            font!("NotoSansEthiopic-Bold.ttf"),
            S(s::ETHIOPIC, &[0x1200..=0x139f, 0x2d80..=0x2ddf, 0xab00..=0xab2f]),
        ),
        (
            "NotoSansCherokee-Bold",
            font!("NotoSansCherokee-Bold.ttf"),
            S(s::CHEROKEE, &[0x13a0..=0x13ff, 0xab70..=0xabbf]),
        ),
        (
            "NotoSansKhmer-Bold",
            font!("NotoSansKhmer-Bold.ttf"),
            S(s::KHMER, &[0x1780..=0x17ff, 0x19e0..=0x19ff]),
        ),
        (
            "NotoSansMongolian-Regular",
            font!("NotoSansMongolian-Regular.ttf"),
            S(s::MONGOLIAN, &[0x1800..=0x18af]),
        ),
        ("NotoSansCJKsc-Bold", font!("NotoSansCJKsc-Bold.otf"), Cjk),
    ]
}

/// A face's Unicode character map: the full-range one (format 12) when
/// there is one, else the first other one that maps characters.
fn unicode_cmap(face: &ttf_parser::Face<'static>) -> Option<ttf_parser::cmap::Subtable<'static>> {
    let subtables = face.tables().cmap?.subtables;
    let unicode = || {
        subtables.into_iter().filter(|s| {
            s.is_unicode() && !matches!(s.format, ttf_parser::cmap::Format::UnicodeVariationSequences(_))
        })
    };
    unicode()
        .find(|s| matches!(s.format, ttf_parser::cmap::Format::SegmentedCoverage(_)))
        .or_else(|| unicode().next())
}

impl Fonts {
    /// The bundled fonts, read on first use.
    pub fn bundled() -> Result<&'static Fonts, FontError> {
        static FONTS: OnceLock<Result<Fonts, FontError>> = OnceLock::new();
        FONTS.get_or_init(Fonts::parse).as_ref().map_err(Clone::clone)
    }

    fn parse() -> Result<Fonts, FontError> {
        let mut faces = Vec::new();
        for (name, data, role) in table() {
            let tables = ttf_parser::Face::parse(data, 0).map_err(|_| FontError(name))?;
            let cmap = unicode_cmap(&tables);
            faces.push(FontFace {
                name,
                data,
                index: 0,
                role,
                tables,
                cmap,
                shaper: OnceLock::new(),
                plans: RwLock::new(Vec::new()),
            });
        }
        Ok(Fonts { faces })
    }

    /// All faces, indexed by [`FontId`].
    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }

    /// One face.
    pub fn face(&self, id: FontId) -> &FontFace {
        &self.faces[id.0]
    }

    /// The face a stack starts with (its Latin face).
    fn first(stack: Stack) -> FontId {
        match stack {
            Stack::Name => LATIN_BOLD,
            Stack::Body => LATIN_REGULAR,
        }
    }

    /// The first font of the stack that has `ch`, if any: the stack's Latin
    /// face, then the face made for `ch`'s script, then any other face.
    pub fn pick(&self, stack: Stack, ch: char) -> Option<FontId> {
        let first = Self::first(stack);
        if self.has(first, ch) {
            return Some(first);
        }
        let others =
            || (0..self.faces.len()).map(FontId).filter(|&id| id != LATIN_BOLD && id != LATIN_REGULAR);
        others()
            .find(|&id| self.face(id).made_for(ch) && self.has(id, ch))
            .or_else(|| others().find(|&id| self.has(id, ch)))
    }

    /// True when the font has a glyph for `ch`.
    pub fn has(&self, id: FontId, ch: char) -> bool {
        self.faces[id.0].has(ch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses_and_shapes() {
        let fonts = Fonts::bundled().expect("bundled fonts parse");
        for face in fonts.faces() {
            assert!(face.face().units_per_em() > 0, "{} is a usable face", face.name);
        }
    }

    #[test]
    fn each_script_goes_to_the_face_made_for_it() {
        let fonts = Fonts::bundled().expect("fonts");
        let name = |ch| fonts.pick(Stack::Name, ch).map(|id| fonts.face(id).name);
        assert_eq!(name('a'), Some("NotoSans-Bold"));
        assert_eq!(fonts.pick(Stack::Body, 'a').map(|id| fonts.face(id).name), Some("NotoSans-Regular"));
        assert_eq!(name('क'), Some("NotoSansDevanagari-Bold"));
        assert_eq!(name('ক'), Some("NotoSansBengali-Bold"));
        assert_eq!(name('ས'), Some("NotoSerifTibetan-Bold"));
        assert_eq!(name('ᠮ'), Some("NotoSansMongolian-Regular"));
        assert_eq!(name('王'), Some("NotoSansCJKsc-Bold"));
        assert_eq!(name('🦀'), None, "no bundled face has emoji");
    }
}
