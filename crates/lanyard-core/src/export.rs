//! Writing attendee lists as CSV that spreadsheets open safely.
//!
//! A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! prefixed with an apostrophe, so that Excel, LibreOffice and Google Sheets
//! show it as text instead of running it as a formula.

/// Makes one cell safe for spreadsheets (see the module header).
pub fn safe_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

/// Writes rows as CSV text (RFC 4180 quoting, CRLF line ends), every cell made safe.
pub fn write_csv(header: &[&str], rows: &[Vec<String>]) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(row.iter().map(|c| safe_cell(c))).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_spreadsheets_would_run_are_escaped() {
        for risky in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe_cell(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["José", "a=b", "", "100"] {
            assert_eq!(safe_cell(plain), plain);
        }
    }

    #[test]
    fn csv_quotes_separators_and_newlines() {
        let rows = vec![vec!["Núñez, José".to_owned(), "line\nbreak".to_owned(), "=1+1".to_owned()]];
        let text = write_csv(&["name", "note", "formula"], &rows).expect("write");
        assert_eq!(text, "name,note,formula\r\n\"Núñez, José\",\"line\nbreak\",'=1+1\r\n");
    }
}
