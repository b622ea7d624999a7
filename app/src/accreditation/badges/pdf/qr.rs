//! QR code module matrix.

use qrcode::{Color, EcLevel, QrCode};

use super::BadgeError;

/// Modules of the quiet zone drawn around the symbol, on each side.
pub const QUIET_ZONE: usize = 4;

/// The module matrix of a QR code, without quiet zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// Row-major, top row first; `true` is a dark module.
    pub modules: Vec<bool>,
}

impl QrMatrix {
    /// Whether the module at column `x`, row `y` (from the top left) is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.modules[y * self.width + x]
    }
}

/// Encodes `url` as a QR code with error-correction level M; this is exactly the matrix
/// drawn on the badge.
pub fn qr_matrix(url: &str) -> Result<QrMatrix, BadgeError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| BadgeError::Qr(e.to_string()))?;
    let width = code.width();
    let modules = code
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(QrMatrix { width, modules })
}
