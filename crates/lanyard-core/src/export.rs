//! Writing attendee lists as CSV that spreadsheets open safely, in every
//! locale.
//!
//! A cell whose first visible character is `=`, `+`, `-` or `@` (or their
//! full-width forms `＝ ＋ － ＠`), after any spaces, no-break or ideographic
//! spaces, zero-width characters or a byte-order mark, or that begins with a
//! tab or a carriage return, is prefixed with an apostrophe, so that Excel,
//! LibreOffice and Google Sheets show it as text instead of running it as a
//! formula. Every cell holding `,` or `;` is quoted, so that a spreadsheet
//! set to split on semicolons (as in much of Europe) cannot cut a cell in
//! two and reveal a formula in its second half either.

/// Characters a spreadsheet skips before deciding a cell is a formula.
fn invisible_lead(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{3000}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Makes one cell safe for spreadsheets (see the module header).
pub fn safe_cell(value: &str) -> String {
    if value.starts_with(['\t', '\r']) {
        return format!("'{value}");
    }
    match value.chars().find(|c| !invisible_lead(*c)) {
        Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

/// A cell quoted as RFC 4180 asks, and also whenever it holds `;`.
fn quoted(cell: &str) -> String {
    if cell.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// One text cell as [`write_csv`] writes it: made safe, then quoted when
/// it holds a comma, a semicolon, a quote or a line break.
pub fn csv_cell(value: &str) -> String {
    quoted(&safe_cell(value))
}

/// Writes rows as CSV text (RFC 4180 quoting, CRLF line ends), every cell
/// made safe, and every cell with a comma or a semicolon quoted.
pub fn write_csv(header: &[&str], rows: &[Vec<String>]) -> Result<String, String> {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        let mut first = true;
        for cell in cells {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&quoted(&cell));
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().map(|h| (*h).to_owned()));
    for row in rows {
        line(&mut row.iter().map(|c| safe_cell(c)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_spreadsheets_would_run_are_escaped() {
        for risky in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "  =1+1",
            "\u{a0}=1+1",
            "\u{3000}=1+1",
            "\u{200b}=1+1",
            "\u{feff}@cmd",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
            " \u{200d}\u{2060}+1",
        ] {
            assert_eq!(safe_cell(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["José", "a=b", "", "100", "  José", "李伟"] {
            assert_eq!(safe_cell(plain), plain);
        }
    }

    #[test]
    fn csv_quotes_separators_and_newlines() {
        let rows = vec![vec!["Núñez, José".to_owned(), "line\nbreak".to_owned(), "=1+1".to_owned()]];
        let text = write_csv(&["name", "note", "formula"], &rows).expect("write");
        assert_eq!(text, "name,note,formula\r\n\"Núñez, José\",\"line\nbreak\",'=1+1\r\n");
    }

    #[test]
    fn a_semicolon_reading_cannot_reveal_a_formula_inside_a_cell() {
        let rows = vec![vec!["ACME;=cmd|' /C calc'!A0".to_owned(), "say \"hi\"".to_owned()]];
        let text = write_csv(&["affiliation", "note"], &rows).expect("write");
        assert_eq!(text, "affiliation,note\r\n\"ACME;=cmd|' /C calc'!A0\",\"say \"\"hi\"\"\"\r\n");
    }
}
