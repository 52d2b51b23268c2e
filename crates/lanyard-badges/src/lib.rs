//! Badges: layout as pure data, and PDF rendering.
//!
//! [`layout::layout`] turns an attendee and the event's badge template into
//! a [`layout::BadgeLayout`] (boxes in millimetres, shaped text after
//! fitting, the QR payload): pure data, snapshot-tested. `render` is the only
//! code that touches printpdf. Fonts are bundled (one Noto face per script
//! people write names in, decision 0008) and parsed once per process.
#![deny(missing_docs)]

pub mod fonts;
pub mod layout;
pub mod preview;
mod qr;
pub mod render;
pub mod template;
pub mod text;

pub use fonts::{FontId, Fonts, Stack};
pub use layout::{BadgeInput, BadgeLayout, Element, MissingChars, TextField, layout};
pub use preview::to_svg;
pub use render::{Calibration, RenderError, render_pdf};
pub use template::TemplateError;
pub use template::{BadgeTemplate, Format, Rgb};
