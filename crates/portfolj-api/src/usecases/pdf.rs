//! Documents the core builds, rendered to PDF for the UI and the CLI: base64 in the reply,
//! like every file the API hands out.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use portfolj_core::document::Document;

use crate::{ApiError, ErrorCode};

/// The PDF's bytes as base64, and its page count.
pub(crate) fn render(document: &Document, created: DateTime<Utc>, author: String) -> Result<(String, u32), ApiError> {
    let rendered = portfolj_report::pdf(document, &portfolj_report::PdfOptions { created, author })
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let pages = u32::try_from(rendered.pages).unwrap_or(u32::MAX);
    Ok((base64::engine::general_purpose::STANDARD.encode(&rendered.bytes), pages))
}

/// A name that is safe as a file name on every system: letters, digits and dashes.
pub(crate) fn file_stem(text: &str) -> String {
    let stem: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    stem.chars().take(60).collect()
}
