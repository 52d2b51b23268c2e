//! The PDFs checked with real tools (Debian's poppler-utils: `pdftotext`,
//! `pdfinfo`): every block kind on every paper, text in several scripts
//! extracted as typed, a long table over several A4 pages with its header
//! repeated, a roll that grows with its content, and oversized input refused.

use lanyard_documents::{
    Align, Block, Column, Document, DocumentError, Paper, missing_characters, render_pdf,
};
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is missing ({e}): install poppler-utils (scripts/setup does)"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let pdf = render_pdf(doc).expect("the document renders");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write the PDF");
    path
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// pdftotext's text with whitespace folded and without the bidi marks it
/// puts around right-to-left text (RLE…PDF, and an RLM; see decision 0008).
fn normalised(text: &str) -> String {
    let text: String = text.chars().filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{200f}')).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdftotext(path: &Path) -> String {
    tool("pdftotext", &[path_str(path), "-"])
}

/// pdfinfo's "Pages:" and "Page size:" (in points).
fn page_count_and_size(path: &Path) -> (usize, f32, f32) {
    let info = tool("pdfinfo", &[path_str(path)]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo has no {name}:\n{info}"))
            .to_owned()
    };
    let pages = field("Pages:").parse().expect("a page count");
    let size = field("Page size:");
    let mut numbers = size.split_whitespace().filter_map(|w| w.parse::<f32>().ok());
    let (w, h) = (numbers.next().expect("a width"), numbers.next().expect("a height"));
    (pages, w, h)
}

const GEORGIAN: &str = "ნინო ბერიძე";
const THAI: &str = "สมชาย ใจดี";
const ARABIC: &str = "ليلى منصور";

/// A receipt with every block kind, and names in four scripts.
fn receipt(paper: Paper) -> Document {
    Document {
        paper,
        title: "Lanyard receipt".into(),
        blocks: vec![
            Block::Heading("PyDesk Conf 2026 receipt".into()),
            Block::Text(
                "Received with thanks from the attendees named below. Keep this receipt for your records."
                    .into(),
            ),
            Block::Pairs(vec![
                ("Receipt".into(), "R-000042".into()),
                ("Desk".into(), "Front hall".into()),
                ("Attendee".into(), GEORGIAN.into()),
            ]),
            Block::Rule,
            Block::Table {
                columns: vec![
                    Column { title: "Name".into(), align: Align::Left, width: 3.0 },
                    Column { title: "Ticket".into(), align: Align::Left, width: 2.0 },
                    Column { title: "Paid".into(), align: Align::Right, width: 1.5 },
                ],
                rows: vec![
                    vec![GEORGIAN.into(), "Walk-in".into(), "40.00".into()],
                    vec![THAI.into(), "Student".into(), "15.00".into()],
                    vec![ARABIC.into(), "Speaker".into(), "0.00".into()],
                ],
            },
            Block::Space,
            Block::Big("55.00".into()),
            Block::Text(ARABIC.into()),
            Block::Small("Tickets are not refundable once the badge is printed.".into()),
            Block::Signatures(vec!["Cashier".into(), "Witness".into()]),
        ],
    }
}

#[test]
fn every_block_kind_renders_on_every_paper_with_its_words_in_the_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    for paper in [Paper::A4, Paper::A6, Paper::Roll80] {
        let doc = receipt(paper);
        assert_eq!(missing_characters(&doc), Ok(vec![]), "every character has a font");
        let path = write(dir.path(), &format!("{paper:?}.pdf"), &doc);
        let text = normalised(&pdftotext(&path));
        for words in [
            "PyDesk Conf 2026 receipt",
            "Received with thanks",
            "Keep this receipt for your records.",
            "R-000042",
            "Front hall",
            "Walk-in",
            "40.00",
            "55.00",
            "not refundable",
            "Cashier",
            "Witness",
            GEORGIAN,
            THAI,
            ARABIC,
        ] {
            assert!(text.contains(words), "{paper:?}: {words:?} is not in the extracted text:\n{text}");
        }
        let info = tool("pdfinfo", &[path_str(&path)]);
        assert!(info.contains("Lanyard receipt"), "{paper:?}: the metadata title is set:\n{info}");
    }
}

#[test]
fn the_papers_have_their_sizes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mm = |pt: f32| pt * 25.4 / 72.0;
    for (paper, w, h) in
        [(Paper::A4, 210.0, Some(297.0)), (Paper::A6, 105.0, Some(148.0)), (Paper::Roll80, 80.0, None)]
    {
        let path = write(dir.path(), "size.pdf", &receipt(paper));
        let (_, pw, ph) = page_count_and_size(&path);
        assert!((mm(pw) - w).abs() < 0.5, "{paper:?} is {w} mm wide, not {}", mm(pw));
        if let Some(h) = h {
            assert!((mm(ph) - h).abs() < 0.5, "{paper:?} is {h} mm high, not {}", mm(ph));
        }
    }
}

fn report(rows: usize) -> Document {
    let rows = (1..=rows)
        .map(|n| vec![format!("{n:03}"), format!("Drop number {n}"), format!("{}.00", n * 5)])
        .collect();
    Document {
        paper: Paper::A4,
        title: "Lanyard cash report".into(),
        blocks: vec![
            Block::Heading("End-of-day cash report".into()),
            Block::Table {
                columns: vec![
                    Column { title: "Number".into(), align: Align::Left, width: 1.0 },
                    Column { title: "Movement".into(), align: Align::Left, width: 4.0 },
                    Column { title: "Amount".into(), align: Align::Right, width: 1.5 },
                ],
                rows,
            },
            Block::Signatures(vec!["Counted by".into(), "Witness".into()]),
        ],
    }
}

#[test]
fn a_300_row_table_continues_on_several_a4_pages_under_its_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "report.pdf", &report(300));
    let (pages, _, _) = page_count_and_size(&path);
    assert!(pages >= 3, "300 rows take several A4 pages, not {pages}");
    let text = pdftotext(&path);
    let per_page: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(per_page.len(), pages, "pdftotext ends each page with a form feed");
    let with_rows: Vec<_> = per_page.iter().filter(|p| p.contains("Drop number")).collect();
    assert!(with_rows.len() >= 3, "the table itself takes several pages");
    for (n, page) in with_rows.iter().enumerate() {
        let page = normalised(page);
        assert!(
            page.contains("Number") && page.contains("Movement") && page.contains("Amount"),
            "page {} repeats the header row:\n{page}",
            n + 1
        );
    }
    let all = normalised(&text);
    for n in [1, 150, 299, 300] {
        assert!(all.contains(&format!("Drop number {n} ")), "row {n} is printed");
    }
    assert!(all.contains("1500.00") && all.contains("Counted by"), "the last row and the signatures follow");
}

#[test]
fn a_roll_is_one_page_that_grows_with_its_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mm = |pt: f32| pt * 25.4 / 72.0;
    let short = Document {
        paper: Paper::Roll80,
        title: "Lanyard receipt".into(),
        blocks: vec![Block::Big("5.00".into())],
    };
    let mut long = report(40);
    long.paper = Paper::Roll80;
    let (short_pages, short_w, short_h) = page_count_and_size(&write(dir.path(), "short.pdf", &short));
    let (long_pages, _, long_h) = page_count_and_size(&write(dir.path(), "long.pdf", &long));
    let (receipt_pages, _, receipt_h) =
        page_count_and_size(&write(dir.path(), "receipt.pdf", &receipt(Paper::Roll80)));
    assert_eq!((short_pages, long_pages, receipt_pages), (1, 1, 1), "a roll is one page");
    assert!((mm(short_w) - 80.0).abs() < 0.5, "80 mm wide");
    assert!((mm(short_h) - 80.0).abs() < 0.5, "a short receipt is 80 mm long, not {}", mm(short_h));
    assert!(mm(receipt_h) > 80.0 && mm(long_h) > mm(receipt_h), "{receipt_h} pt < {long_h} pt");
    assert!(mm(long_h) > 40.0 * 4.0, "forty rows need more than 16 cm: {} mm", mm(long_h));
}

#[test]
fn long_text_wraps_and_long_cells_are_cut_with_an_ellipsis() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paragraph = "The float is counted at the start of every shift and again when the shift ends; \
                     the difference is the cash taken, and it must match the receipts printed at the desk.";
    let cell = "A donation with a very long note that cannot possibly fit into its narrow column";
    let doc = Document {
        paper: Paper::A6,
        title: "Lanyard receipt".into(),
        blocks: vec![
            Block::Text(paragraph.into()),
            Block::Text(
                "東京都千代田区丸の内一丁目九番二号の会場で受付を行います。お早めにお越しください。".into(),
            ),
            Block::Table {
                columns: vec![
                    Column { title: "Note".into(), align: Align::Left, width: 1.0 },
                    Column { title: "Amount".into(), align: Align::Right, width: 1.0 },
                ],
                rows: vec![vec![cell.into(), "10.00".into()]],
            },
        ],
    };
    let path = write(dir.path(), "wrap.pdf", &doc);
    let raw = pdftotext(&path);
    let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        lines.iter().filter(|l| paragraph.contains(l.trim())).count() >= 3,
        "the paragraph wraps:\n{raw}"
    );
    assert_eq!(normalised(&raw).matches(paragraph).count(), 1, "every word is there, in order:\n{raw}");
    let cjk = "東京都千代田区丸の内一丁目九番二号の会場で受付を行います。お早めにお越しください。";
    assert!(!raw.contains(cjk), "CJK text wraps, with no spaces to break at:\n{raw}");
    assert!(raw.split_whitespace().collect::<String>().contains(cjk), "CJK text is all there:\n{raw}");
    let layout = tool("pdftotext", &["-layout", path_str(&path), "-"]);
    let note = layout.lines().find(|l| l.contains("A donation")).expect("the cut cell");
    assert!(note.contains('…') && !note.contains("narrow column"), "the cell is cut: {note:?}");
    assert!(note.contains("10.00"), "its neighbour is still in its own column: {note:?}");
}

#[test]
fn oversized_input_is_refused_naming_the_problem() {
    let one_column = || vec![Column { title: "N".into(), align: Align::Left, width: 1.0 }];
    let rows = |n: usize| (0..n).map(|_| vec![String::new()]).collect::<Vec<_>>();
    let doc = |blocks| Document { paper: Paper::A4, title: "Lanyard cash report".into(), blocks };

    // Rows are counted over all tables together.
    let too_many = doc(vec![
        Block::Table { columns: one_column(), rows: rows(60_000) },
        Block::Table { columns: one_column(), rows: rows(40_001) },
    ]);
    let err = render_pdf(&too_many).expect_err("100,001 rows are refused");
    assert_eq!(err, DocumentError::TooManyRows { rows: 100_001, limit: 100_000 });
    assert!(err.to_string().contains("100001 table rows"), "{err}");

    let long = doc(vec![Block::Heading("Report".into()), Block::Text("x".repeat(10_001))]);
    let err = render_pdf(&long).expect_err("a text of 10,001 characters is refused");
    assert_eq!(err, DocumentError::TextTooLong { block: 1, chars: 10_001, limit: 10_000 });
    assert!(err.to_string().contains("block 1"), "{err}");
    // Characters, not bytes: 10,000 Georgian letters are allowed.
    let georgian = doc(vec![Block::Small("ნ".repeat(10_000))]);
    assert!(render_pdf(&georgian).is_ok(), "10,000 characters are within the bound");

    let cell = doc(vec![Block::Table { columns: one_column(), rows: vec![vec!["y".repeat(10_001)]] }]);
    assert!(
        matches!(render_pdf(&cell), Err(DocumentError::TextTooLong { block: 0, .. })),
        "cells are bounded too"
    );

    let ragged = doc(vec![Block::Table { columns: one_column(), rows: vec![vec!["a".into(), "b".into()]] }]);
    assert_eq!(render_pdf(&ragged), Err(DocumentError::RowCells { block: 0, row: 0, cells: 2, columns: 1 }));
    let no_width = doc(vec![Block::Table {
        columns: vec![Column { title: "N".into(), align: Align::Left, width: f32::NAN }],
        rows: vec![],
    }]);
    assert_eq!(render_pdf(&no_width), Err(DocumentError::ColumnWidth { block: 0, column: 0 }));
    let no_columns = doc(vec![Block::Table { columns: vec![], rows: vec![] }]);
    assert!(matches!(render_pdf(&no_columns), Err(DocumentError::Columns { columns: 0, .. })));
}

#[test]
fn characters_no_font_has_are_listed() {
    let doc = Document {
        paper: Paper::Roll80,
        title: "Lanyard receipt".into(),
        blocks: vec![Block::Pairs(vec![("Attendee".into(), "Ana 🦀".into())])],
    };
    assert_eq!(missing_characters(&doc), Ok(vec!['🦀']));
    assert!(render_pdf(&doc).is_ok(), "the rest still prints");
}
