//! The decision memo on the wire: what the office asks for, the text preview and the PDF.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `memo.preview` and `memo.export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MemoArgsDto {
    pub year: i32,
    /// One portfolio (1–5); left out for all five.
    #[serde(default)]
    pub portfolio: Option<u8>,
    /// The memo's own diarienummer.
    #[serde(default)]
    pub case_number: Option<String>,
    /// Make it as a draft ("UTKAST"): needed while any review is incomplete.
    #[serde(default)]
    pub draft: bool,
}

/// What the memo says, as text, before it is made a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemoPreviewDto {
    pub title: String,
    pub draft: bool,
    /// Applications whose review is not complete; while any, the memo is only a draft.
    pub incomplete: Vec<String>,
    /// SHA-256 of every input the memo is built from.
    pub fingerprint: String,
    pub audit_head: Option<String>,
    pub text: String,
}

/// The memo as a PDF file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemoFileDto {
    pub file_name: String,
    pub content_base64: String,
    pub pages: u32,
    pub draft: bool,
    pub fingerprint: String,
}

/// The language a document is written in; Swedish unless the UI or the CLI asks for English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LanguageDto {
    #[default]
    Sv,
    En,
}

impl From<LanguageDto> for portfolj_core::Language {
    fn from(language: LanguageDto) -> Self {
        match language {
            LanguageDto::Sv => Self::Sv,
            LanguageDto::En => Self::En,
        }
    }
}

/// `application.printout` and `decision.notice`: one application's document, in a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DocumentArgsDto {
    pub id: String,
    #[serde(default)]
    pub language: LanguageDto,
}

/// A PDF the API made: a decision notice, an application printout or the programme report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdfFileDto {
    pub file_name: String,
    pub content_base64: String,
    pub pages: u32,
}
