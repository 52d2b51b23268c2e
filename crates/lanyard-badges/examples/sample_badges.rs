//! Writes sample badges (every format, names in many scripts, Indic, Thai,
//! Georgian, Ethiopic and Khmer among them) to a PDF, for
//! looking at: `cargo run -p lanyard-badges --example sample_badges -- OUT.pdf [FORMAT]`.
#![allow(clippy::print_stdout, reason = "an example prints where it wrote")]

use lanyard_badges::{BadgeInput, BadgeTemplate, Calibration, Fonts, Format, layout, render_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "badges.pdf".into());
    let format = std::env::args().nth(2).and_then(|f| Format::parse(&f)).unwrap_or(Format::Label4x3);
    let fonts = Fonts::bundled()?;
    let mut template = BadgeTemplate::standard("PyDesk Conf 2026");
    template.format = format;
    template.show_legend = true;
    let people = [
        ("José Núñez", "Python Software Verein", "Bilbao", "speaker"),
        ("ليلى منصور", "جامعة القاهرة", "القاهرة", "attendee"),
        ("Li Wei 李伟", "清华大学", "北京", "staff"),
        (
            "Maria Fernanda Gonçalves de Albuquerque Magalhães",
            "Fundação Getúlio Vargas",
            "São Paulo",
            "organizer",
        ),
        ("נועה כהן", "Technion", "תל אביב, IL", "sponsor"),
        ("Алёна Смирнова", "Яндекс", "Москва", "press"),
        ("राहुल शर्मा", "भारतीय प्रौद्योगिकी संस्थान", "मुंबई", "speaker"),
        ("தமிழ்செல்வி", "அண்ணா பல்கலைக்கழகம்", "சென்னை", "attendee"),
        ("สมชาย ใจดี", "จุฬาลงกรณ์มหาวิทยาลัย", "กรุงเทพฯ", "staff"),
        ("ნინო ბერიძე", "თბილისის უნივერსიტეტი", "თბილისი", "attendee"),
        ("አበበ ቢቂላ", "አዲስ አበባ ዩኒቨርሲቲ", "አዲስ አበባ", "press"),
        ("សុខ ចាន់ធី", "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", "ភ្នំពេញ", "sponsor"),
    ];
    let layouts: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, (name, aff, town, role))| {
            let input = BadgeInput {
                display_name: (*name).into(),
                affiliation: (*aff).into(),
                hometown: (*town).into(),
                role: (*role).into(),
                interests: ["science", "web", "games", "data"]
                    .iter()
                    .take(i % 4 + 1)
                    .map(|s| (*s).into())
                    .collect(),
                badge_code: format!("SAMPLE{i:04}"),
            };
            layout(&input, &template, fonts)
        })
        .collect();
    std::fs::write(&out, render_pdf(&layouts, format, Calibration::default(), fonts, "sample badges")?)?;
    println!("wrote {out}");
    Ok(())
}
