//! QR codes as runs of dark modules, shared by the PDF and the preview.

/// A QR code: its width in modules and its dark runs (row, first column, end column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrRuns {
    /// Modules per side (without the quiet zone).
    pub width: usize,
    /// Horizontal runs of dark modules.
    pub runs: Vec<(usize, usize, usize)>,
}

/// Encodes `payload` (error correction M) into runs; `None` if it cannot.
pub fn qr_runs(payload: &str) -> Option<QrRuns> {
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M).ok()?;
    let n = code.width();
    let mut runs = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if code[(col, row)] != qrcode::Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && code[(col, row)] == qrcode::Color::Dark {
                col += 1;
            }
            runs.push((row, start, col));
        }
    }
    Some(QrRuns { width: n, runs })
}
