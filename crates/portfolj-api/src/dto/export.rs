//! Exports on the wire: what the office asks for and the file it gets.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which table to export; `all` puts every table in one workbook (XLSX only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportWhatDto {
    Applications,
    Valuations,
    Scores,
    Decisions,
    StatusReports,
    FinalReports,
    FollowUps,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormatDto {
    /// Semicolon-separated, decimal commas, UTF-8 with a byte-order mark: Excel in Swedish.
    Csv,
    Xlsx,
}

/// `export.file`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExportArgsDto {
    pub what: ExportWhatDto,
    pub format: ExportFormatDto,
    /// Only this budget year; every year when left out.
    #[serde(default)]
    pub year: Option<i32>,
    /// Only this portfolio (1–5); all five when left out.
    #[serde(default)]
    pub portfolio: Option<u8>,
}

/// The exported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportFileDto {
    pub file_name: String,
    pub media_type: String,
    pub content_base64: String,
    /// Rows written, headers not counted, over every table.
    pub rows: u32,
}
