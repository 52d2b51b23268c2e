//! The event's badge template: format, colours, fields shown, interest
//! categories and role bands. Stored in the database as TOML and exported
//! and imported as a TOML file; mistakes are refused with the line and the
//! field named.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#rrggbb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance, to choose black or white text on a band.
    pub fn is_dark(self) -> bool {
        let l = 0.2126 * f32::from(self.0) + 0.7152 * f32::from(self.1) + 0.0722 * f32::from(self.2);
        l < 150.0
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Rgb::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("{text:?} is not a colour: write #rrggbb, e.g. #16a34a"))
        })
    }
}

/// Badge stock: single labels and sheets of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// A 4 × 3 inch label.
    #[serde(rename = "4x3in")]
    Label4x3,
    /// A 4 × 6 inch label.
    #[serde(rename = "4x6in")]
    Label4x6,
    /// An A6 card (105 × 148 mm).
    #[serde(rename = "a6")]
    A6,
    /// A 54 × 90 mm card.
    #[serde(rename = "54x90mm")]
    Card54x90,
    /// 62 mm continuous roll, cut at 100 mm.
    #[serde(rename = "62mm-roll")]
    Roll62,
    /// US Letter sheet of six 4 × 3 inch labels (Avery 5392 / 74459 style).
    #[serde(rename = "letter-6up-4x3in")]
    Letter6Up,
    /// A4 sheet of four A6 cards.
    #[serde(rename = "a4-4up-a6")]
    A4FourUp,
}

/// Where badges sit on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    /// Page width in millimetres.
    pub width: f32,
    /// Page height in millimetres.
    pub height: f32,
    /// Top-left corner of each badge slot, in millimetres from the page's top-left.
    pub slots: Vec<(f32, f32)>,
}

const INCH: f32 = 25.4;

impl Format {
    /// Every format.
    pub const ALL: [Format; 7] = [
        Format::Label4x3,
        Format::Label4x6,
        Format::A6,
        Format::Card54x90,
        Format::Roll62,
        Format::Letter6Up,
        Format::A4FourUp,
    ];

    /// The name used in templates and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Label4x3 => "4x3in",
            Format::Label4x6 => "4x6in",
            Format::A6 => "a6",
            Format::Card54x90 => "54x90mm",
            Format::Roll62 => "62mm-roll",
            Format::Letter6Up => "letter-6up-4x3in",
            Format::A4FourUp => "a4-4up-a6",
        }
    }

    /// Reads a format name.
    pub fn parse(raw: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(raw.trim()))
    }

    /// One badge's size in millimetres (width, height).
    pub fn badge_size(self) -> (f32, f32) {
        match self {
            Format::Label4x3 | Format::Letter6Up => (4.0 * INCH, 3.0 * INCH),
            Format::Label4x6 => (4.0 * INCH, 6.0 * INCH),
            Format::A6 | Format::A4FourUp => (105.0, 148.0),
            Format::Card54x90 => (54.0, 90.0),
            Format::Roll62 => (62.0, 100.0),
        }
    }

    /// The page: one badge per page for labels, several for sheets.
    pub fn page(self) -> PageLayout {
        let (w, h) = self.badge_size();
        match self {
            Format::Letter6Up => {
                // Two columns of three, 0.5 in top margin, 0.25 in side margins.
                let (left, top) = (0.25 * INCH, 0.5 * INCH);
                let slots = (0..3)
                    .flat_map(|row| (0..2).map(move |col| (left + col as f32 * w, top + row as f32 * h)))
                    .collect();
                PageLayout { width: 8.5 * INCH, height: 11.0 * INCH, slots }
            }
            Format::A4FourUp => {
                let slots =
                    (0..2).flat_map(|row| (0..2).map(move |col| (col as f32 * w, row as f32 * h))).collect();
                PageLayout { width: 210.0, height: 297.0, slots }
            }
            _ => PageLayout { width: w, height: h, slots: vec![(0.0, 0.0)] },
        }
    }

    /// The CUPS media option for this stock.
    pub fn cups_media(self) -> &'static str {
        match self {
            Format::Label4x3 => "Custom.4x3in",
            Format::Label4x6 => "Custom.4x6in",
            Format::A6 => "A6",
            Format::Card54x90 => "Custom.54x90mm",
            Format::Roll62 => "Custom.62x100mm",
            Format::Letter6Up => "Letter",
            Format::A4FourUp => "A4",
        }
    }
}

/// An interest category and its dot colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The key attendees carry ("science").
    pub key: String,
    /// The label in the legend ("Science").
    pub label: String,
    /// The dot's colour.
    pub color: Rgb,
}

/// A role's band: colour and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleBand {
    /// The role's key ("speaker").
    pub key: String,
    /// The label printed on the band ("SPEAKER").
    pub label: String,
    /// The band's colour.
    pub color: Rgb,
}

/// The badge template of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadgeTemplate {
    /// Badge stock.
    pub format: Format,
    /// The event's name, printed at the top when `show_event_name` is set.
    pub event_name: String,
    /// Print the event's name.
    pub show_event_name: bool,
    /// Print the affiliation.
    pub show_affiliation: bool,
    /// Print the hometown.
    pub show_hometown: bool,
    /// Print the interest categories' names beside the dots.
    pub show_legend: bool,
    /// Print the event's logo in the top-left corner (the bundled Lanyard
    /// logo until the event sets its own).
    #[serde(default)]
    pub show_logo: bool,
    /// Interest categories.
    pub categories: Vec<Category>,
    /// Role bands; roles not listed get a grey band with their name.
    pub roles: Vec<RoleBand>,
    /// The logo (PNG bytes), loaded from the event's settings; not part of the TOML.
    #[serde(skip)]
    pub logo: Option<Logo>,
}

/// A logo image (PNG), shared between badges without copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// The PNG file.
    pub png: std::sync::Arc<[u8]>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The bundled logo, used when the event has none of its own.
const BUNDLED_LOGO: &[u8] = include_bytes!("../../../assets/brand/lanyard-logo-256.png");

impl Logo {
    /// Reads a PNG's size from its header; refuses anything that is not a PNG.
    pub fn from_png(bytes: &[u8]) -> Result<Logo, TemplateError> {
        let refuse = |why: &str| TemplateError { line: 0, message: format!("logo: {why}") };
        if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
            return Err(refuse("the file is not a PNG image"));
        }
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        if width == 0 || height == 0 || width > 4096 || height > 4096 {
            return Err(refuse("the image must be between 1 and 4096 pixels wide and high"));
        }
        Ok(Logo { png: std::sync::Arc::from(bytes), width, height })
    }

    /// The bundled Lanyard logo.
    pub fn bundled() -> Logo {
        Logo::from_png(BUNDLED_LOGO).unwrap_or(Logo {
            png: std::sync::Arc::from(BUNDLED_LOGO),
            width: 256,
            height: 256,
        })
    }
}

impl BadgeTemplate {
    /// A sensible template for a community conference.
    pub fn standard(event_name: &str) -> BadgeTemplate {
        let cat = |key: &str, label: &str, hex: &str| Category {
            key: key.into(),
            label: label.into(),
            color: Rgb::parse(hex).unwrap_or(Rgb(0, 0, 0)),
        };
        let role = |key: &str, label: &str, hex: &str| RoleBand {
            key: key.into(),
            label: label.into(),
            color: Rgb::parse(hex).unwrap_or(Rgb(0, 0, 0)),
        };
        BadgeTemplate {
            format: Format::Label4x3,
            event_name: event_name.into(),
            show_event_name: true,
            show_affiliation: true,
            show_hometown: true,
            show_legend: false,
            show_logo: false,
            logo: None,
            categories: vec![
                cat("science", "Science", "#16a34a"),
                cat("web", "Web", "#2563eb"),
                cat("games", "Games", "#9333ea"),
                cat("data", "Data", "#ea580c"),
                cat("devops", "DevOps", "#475569"),
                cat("education", "Education", "#0d9488"),
            ],
            roles: vec![
                role("attendee", "ATTENDEE", "#374151"),
                role("speaker", "SPEAKER", "#7c3aed"),
                role("staff", "STAFF", "#dc2626"),
                role("organizer", "ORGANIZER", "#991b1b"),
                role("sponsor", "SPONSOR", "#1d4ed8"),
                role("press", "PRESS", "#d97706"),
            ],
        }
    }

    /// The band for a role.
    pub fn band(&self, role: &str) -> RoleBand {
        self.roles.iter().find(|r| r.key == role).cloned().unwrap_or_else(|| RoleBand {
            key: role.into(),
            label: role.to_uppercase(),
            color: Rgb(0x6b, 0x72, 0x80),
        })
    }
}

/// A template file with a mistake, refused whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("badge template, line {line}: {message}")]
pub struct TemplateError {
    /// The line of the mistake (1-based; 0 when unknown).
    pub line: usize,
    /// What is wrong, naming the field.
    pub message: String,
}

impl BadgeTemplate {
    /// Reads a template from TOML; mistakes name their line and field.
    pub fn from_toml(text: &str) -> Result<BadgeTemplate, TemplateError> {
        let template: BadgeTemplate = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let mut message = e.message().trim().to_owned();
            // Name the field when the message does not: it is the key on that line.
            let key = text
                .lines()
                .nth(line.saturating_sub(1))
                .and_then(|l| l.split_once('='))
                .map(|(k, _)| k.trim());
            if let Some(key) = key.filter(|k| !k.is_empty() && !message.contains(*k)) {
                message = format!("field `{key}`: {message}");
            }
            TemplateError { line, message }
        })?;
        template.check(text)?;
        Ok(template)
    }

    /// Writes the template as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// Rules TOML types cannot say: keys present and unique.
    fn check(&self, text: &str) -> Result<(), TemplateError> {
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1);
        for (what, keys) in [
            ("categories", self.categories.iter().map(|c| c.key.as_str()).collect::<Vec<_>>()),
            ("roles", self.roles.iter().map(|r| r.key.as_str()).collect()),
        ] {
            for (i, key) in keys.iter().enumerate() {
                if key.trim().is_empty() {
                    return Err(TemplateError {
                        line: line_of("key"),
                        message: format!("{what}: a key is empty"),
                    });
                }
                if keys[..i].contains(key) {
                    return Err(TemplateError {
                        line: line_of(&format!("\"{key}\"")),
                        message: format!("{what}: the key {key:?} appears twice"),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_template_round_trips_through_toml() {
        let template = BadgeTemplate::standard("PyDesk Conf 2026");
        let text = template.to_toml();
        assert!(text.contains("format = \"4x3in\""), "{text}");
        assert_eq!(BadgeTemplate::from_toml(&text), Ok(template));
    }

    #[test]
    fn mistakes_are_refused_with_their_line_and_field() {
        let good = BadgeTemplate::standard("Conf").to_toml();
        let bad_colour = good.replacen("#16a34a", "#1b", 1);
        let err = BadgeTemplate::from_toml(&bad_colour).expect_err("bad colour");
        let line = bad_colour.lines().position(|l| l.contains("#1b")).map(|i| i + 1);
        assert_eq!(Some(err.line), line, "{err}");
        assert!(err.message.contains("\"#1b\" is not a colour"), "{err}");
        assert!(err.message.starts_with("field `color`"), "the field is named: {err}");

        let unknown = good.replacen("show_legend", "show_legends", 1);
        let err = BadgeTemplate::from_toml(&unknown).expect_err("unknown field");
        assert!(err.message.contains("show_legends"), "{err}");

        let bad_format = good.replacen("4x3in", "5x7in", 1);
        let err = BadgeTemplate::from_toml(&bad_format).expect_err("unknown format");
        assert_eq!(err.line, 1, "{err}");
        assert!(err.message.contains("5x7in"), "{err}");

        let twice = good.replacen("key = \"web\"", "key = \"science\"", 1);
        let err = BadgeTemplate::from_toml(&twice).expect_err("duplicate key");
        assert!(err.message.contains("appears twice"), "{err}");
    }
}
