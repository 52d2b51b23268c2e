//! The bundled fonts, parsed once per process and shared.
//!
//! Fonts are compiled into the binary from `assets/fonts` (see the licence
//! there), so a badge prints the same on every machine. Each text line draws
//! from a *stack*: Latin, Greek and Cyrillic first, then Arabic, Hebrew and
//! CJK; every character takes the first font that has it.

use std::sync::OnceLock;

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
    /// The face, parsed for shaping and measuring.
    pub face: rustybuzz::Face<'static>,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace").field("name", &self.name).field("bytes", &self.data.len()).finish()
    }
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
    name_stack: Vec<FontId>,
    body_stack: Vec<FontId>,
}

/// A font file failed to parse (a damaged asset): a build problem, not a user's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the bundled font {0} cannot be parsed")]
pub struct FontError(pub &'static str);

const LATIN_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
const LATIN_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const ARABIC_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSansArabic-Bold.ttf");
const HEBREW_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSansHebrew-Bold.ttf");
const CJK_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKsc-Bold.otf");

impl Fonts {
    /// The bundled fonts, parsed on first use.
    pub fn bundled() -> Result<&'static Fonts, FontError> {
        static FONTS: OnceLock<Result<Fonts, FontError>> = OnceLock::new();
        FONTS.get_or_init(Fonts::parse).as_ref().map_err(Clone::clone)
    }

    fn parse() -> Result<Fonts, FontError> {
        let files: [(&'static str, &'static [u8]); 5] = [
            ("NotoSans-Bold", LATIN_BOLD),
            ("NotoSans-Regular", LATIN_REGULAR),
            ("NotoSansArabic-Bold", ARABIC_BOLD),
            ("NotoSansHebrew-Bold", HEBREW_BOLD),
            ("NotoSansCJKsc-Bold", CJK_BOLD),
        ];
        let mut faces = Vec::new();
        for (name, data) in files {
            let face = rustybuzz::Face::from_slice(data, 0).ok_or(FontError(name))?;
            faces.push(FontFace { name, data, index: 0, face });
        }
        Ok(Fonts {
            faces,
            name_stack: vec![FontId(0), FontId(2), FontId(3), FontId(4)],
            body_stack: vec![FontId(1), FontId(2), FontId(3), FontId(4)],
        })
    }

    /// All faces, indexed by [`FontId`].
    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }

    /// One face.
    pub fn face(&self, id: FontId) -> &FontFace {
        &self.faces[id.0]
    }

    /// The first font of the stack that has `ch`, if any.
    pub fn pick(&self, stack: Stack, ch: char) -> Option<FontId> {
        let order = match stack {
            Stack::Name => &self.name_stack,
            Stack::Body => &self.body_stack,
        };
        order.iter().copied().find(|id| self.has(*id, ch))
    }

    /// True when the font has a glyph for `ch`.
    pub fn has(&self, id: FontId, ch: char) -> bool {
        self.faces[id.0].face.glyph_index(ch).is_some_and(|g| g.0 != 0)
    }
}
