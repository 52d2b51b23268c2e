//! The PDFs checked with real tools (Debian's poppler-utils and zbar-tools):
//! names extract as typed in every script (a real name per script in
//! `assets/names-in-every-script.tsv`), fonts are embedded and subset,
//! and the QR code decodes from a 150 dpi rendering.

use lanyard_badges::{BadgeInput, BadgeTemplate, Calibration, Fonts, Format, layout, render_pdf};
use std::path::Path;
use std::process::Command;

fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} is missing ({e}): install poppler-utils and zbar-tools (scripts/setup does)")
    });
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn badge(name: &str, code: &str) -> BadgeInput {
    BadgeInput {
        display_name: name.into(),
        affiliation: "Python Software Verein".into(),
        hometown: "תל אביב, IL".into(),
        role: "speaker".into(),
        interests: vec!["science".into(), "web".into(), "games".into()],
        badge_code: code.into(),
    }
}

fn write_pdf(dir: &Path, names: &[&str], format: Format) -> std::path::PathBuf {
    let fonts = Fonts::bundled().expect("fonts");
    let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
    template.format = format;
    let layouts: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| layout(&badge(n, &format!("CODE{i:06}")), &template, fonts))
        .collect();
    let pdf = render_pdf(&layouts, format, Calibration::default(), fonts, "badges").expect("render");
    let path = dir.join("badges.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    path
}

/// Names in every script the desk meets, as an organiser would type them.
const NAMES: &[&str] = &[
    "José Núñez",
    "Jürgen Müller",
    "Алёна Смирнова",
    "Ελένη Παπαδοπούλου",
    "王小明",
    "山田太郎",
    "김민준",
    "ليلى منصور",
    "נועה כהן",
    "Li Wei 李伟",
];

#[test]
fn pdftotext_gives_back_every_name_as_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_pdf(dir.path(), NAMES, Format::Label4x3);
    let text = tool("pdftotext", &[pdf.to_str().expect("utf-8 path"), "-"]);
    // pdftotext wraps right-to-left lines in embedding marks; they are not part of the names.
    let text: String = text.chars().filter(|c| !matches!(c, '\u{202a}'..='\u{202e}')).collect();
    for name in NAMES {
        assert!(text.contains(name), "{name:?} is not in the extracted text:\n{text}");
    }
    assert!(text.contains("SPEAKER") && text.contains("Python Software Verein"));
}

/// The sample names of `assets/names-in-every-script.tsv`: (script, name).
fn sample_names() -> Vec<(&'static str, &'static str)> {
    include_str!("../../../assets/names-in-every-script.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

/// pdftotext's text with whitespace normalised. It also drops the bidi
/// formatting marks around right-to-left text: pdftotext wraps every such
/// stretch in RLE…PDF (U+202B, U+202C), and a right-to-left name ending in a
/// vowel sign carries one invisible RLM (U+200F) after it (see `render`).
fn normalised(text: &str) -> String {
    let text: String = text.chars().filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{200f}')).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdftotext_gives_back_a_name_in_every_script_exactly() {
    // Issue 8: "محمد" came back as "مح د", "فاطمة" as "فاط ة", "عمّان" as
    // "ع مّ ان"; Devanagari, Bengali, Tamil, Thai... printed no name at all.
    let names = sample_names();
    assert!(names.len() >= 31, "every script of issue 8 has a sample name");
    let fonts = Fonts::bundled().expect("fonts");
    let mut template = BadgeTemplate::standard("");
    template.show_event_name = false;
    let layouts: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, (_, name))| {
            let mut input = badge(name, &format!("CODE{i:06}"));
            input.affiliation.clear();
            input.hometown.clear();
            let badge = layout(&input, &template, fonts);
            assert!(badge.missing.is_empty(), "{name}: {:?}", badge.missing);
            badge
        })
        .collect();
    let pdf =
        render_pdf(&layouts, Format::Label4x3, Calibration::default(), fonts, "badges").expect("render");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scripts.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let text = tool("pdftotext", &[path.to_str().expect("utf-8 path"), "-"]);
    // One badge per page; pages end with a form feed.
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let mut wrong = Vec::new();
    for (i, (script, name)) in names.iter().enumerate() {
        let got = normalised(pages.get(i).copied().unwrap_or_default());
        let want = format!("{name} SPEAKER");
        if got != want {
            wrong.push(format!("{script}: {want:?} came back as {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "pdftotext must give back each name as typed:\n{}", wrong.join("\n"));
}

#[test]
fn every_font_is_embedded_and_subset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_pdf(dir.path(), NAMES, Format::Label4x3);
    let listing = tool("pdffonts", &[pdf.to_str().expect("utf-8 path")]);
    let fonts: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(fonts.len() >= 4, "Latin, Arabic, Hebrew and CJK fonts are used:\n{listing}");
    for line in fonts {
        let name = line.split_whitespace().next().unwrap_or_default();
        assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "{name} is subset (ABCDEF+Name)");
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, ToUnicode: {line}");
    }
    let size = std::fs::metadata(&pdf).expect("size").len();
    assert!(size < 400_000, "subsetting keeps ten badges with CJK small: {size} bytes");
}

#[test]
fn the_qr_code_decodes_from_a_150_dpi_rendering() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_pdf(dir.path(), &["José Núñez"], Format::Label4x3);
    let prefix = dir.path().join("page");
    tool("pdftoppm", &["-r", "150", "-png", pdf.to_str().expect("path"), prefix.to_str().expect("path")]);
    let png = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("a PNG page");
    let decoded = tool("zbarimg", &["--quiet", "--raw", png.to_str().expect("path")]);
    assert_eq!(decoded.trim(), "CODE000000", "the QR code holds the badge code and nothing else");
}

#[test]
fn sheets_hold_six_letter_labels_per_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names: Vec<&str> = NAMES.iter().copied().take(7).collect();
    let pdf = write_pdf(dir.path(), &names, Format::Letter6Up);
    let info = tool("pdfinfo", &[pdf.to_str().expect("path")]);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

#[test]
fn the_logo_is_embedded_as_an_image_on_every_badge() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fonts = Fonts::bundled().expect("fonts");
    let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
    template.show_logo = true;
    let layouts: Vec<_> =
        (0..3).map(|i| layout(&badge("José Núñez", &format!("CODE{i:06}")), &template, fonts)).collect();
    let pdf =
        render_pdf(&layouts, Format::Label4x3, Calibration::default(), fonts, "badges").expect("render");
    let path = dir.path().join("logo.pdf");
    std::fs::write(&path, pdf).expect("write");
    let listing = tool("pdfimages", &["-list", path.to_str().expect("path")]);
    let images: Vec<&str> =
        listing.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).collect();
    assert_eq!(images.len(), 3, "the logo is drawn on each of the three badges:\n{listing}");
    assert!(images.iter().all(|l| l.contains(" 256   256 ")), "at its own size, 256 px:\n{listing}");
}
