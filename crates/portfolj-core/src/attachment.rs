//! Attachments to an application: which files are accepted, checked from their name and
//! their first bytes (a renamed file is caught), and how large they may be.

use crate::error::ValidationErrors;

/// Largest single attachment: 10 MiB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Largest total per application: 50 MiB, so a database stays easy to send and back up.
pub const MAX_TOTAL_BYTES: usize = 50 * 1024 * 1024;
/// Longest file name.
pub const MAX_NAME_CHARS: usize = 200;

/// The kinds of file an application may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    /// Office Open XML or OpenDocument (docx, xlsx, pptx, odt, ods): zip containers.
    OfficeDocument,
    /// Plain text or CSV, UTF-8.
    Text,
}

impl FileKind {
    pub fn media_type(self, extension: &str) -> &'static str {
        match (self, extension) {
            (FileKind::Pdf, _) => "application/pdf",
            (FileKind::Png, _) => "image/png",
            (FileKind::Jpeg, _) => "image/jpeg",
            (FileKind::OfficeDocument, "docx") => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            (FileKind::OfficeDocument, "xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (FileKind::OfficeDocument, "pptx") => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            (FileKind::OfficeDocument, "odt") => "application/vnd.oasis.opendocument.text",
            (FileKind::OfficeDocument, _) => "application/vnd.oasis.opendocument.spreadsheet",
            (FileKind::Text, "csv") => "text/csv",
            (FileKind::Text, _) => "text/plain",
        }
    }

    fn from_extension(extension: &str) -> Option<FileKind> {
        match extension {
            "pdf" => Some(FileKind::Pdf),
            "png" => Some(FileKind::Png),
            "jpg" | "jpeg" => Some(FileKind::Jpeg),
            "docx" | "xlsx" | "pptx" | "odt" | "ods" => Some(FileKind::OfficeDocument),
            "txt" | "csv" => Some(FileKind::Text),
            _ => None,
        }
    }

    fn content_matches(self, bytes: &[u8]) -> bool {
        match self {
            FileKind::Pdf => bytes.starts_with(b"%PDF-"),
            FileKind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            FileKind::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            FileKind::OfficeDocument => bytes.starts_with(b"PK\x03\x04"),
            FileKind::Text => std::str::from_utf8(bytes).is_ok(),
        }
    }
}

/// A checked attachment: its cleaned name and media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    pub name: String,
    pub media_type: &'static str,
}

/// Checks a file before it is stored with an application that already carries
/// `stored_bytes` of attachments.
pub fn check(name: &str, bytes: &[u8], stored_bytes: usize) -> Result<CheckedFile, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    // Only the last path component: a name is a label, never a path.
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default().trim().to_owned();
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        errors.push("attachment", format!("Filen behöver ett namn på högst {MAX_NAME_CHARS} tecken."));
    }
    let kind = FileKind::from_extension(&extension);
    match kind {
        None => errors.push(
            "attachment",
            "Den filtypen går inte att bifoga. Tillåtna är PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text och CSV.",
        ),
        Some(kind) if !kind.content_matches(bytes) => errors.push(
            "attachment",
            format!("Filen heter .{extension} men innehållet är inte en sådan fil. Spara den i rätt format och försök igen."),
        ),
        Some(_) => {}
    }
    if bytes.is_empty() {
        errors.push("attachment", "Filen är tom.");
    } else if bytes.len() > MAX_BYTES {
        errors.push("attachment", "Filen är större än 10 MB. Komprimera den eller dela upp den.");
    } else if stored_bytes.saturating_add(bytes.len()) > MAX_TOTAL_BYTES {
        errors.push("attachment", "Ansökans bilagor får tillsammans vara högst 50 MB. Ta bort en bilaga först.");
    }
    match kind {
        Some(kind) if errors.is_empty() => Ok(CheckedFile { media_type: kind.media_type(&extension), name }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::pdf("Förstudie.pdf", b"%PDF-1.7 ...", "application/pdf")]
    #[case::png("skiss.PNG", b"\x89PNG\r\n\x1a\n....", "image/png")]
    #[case::xlsx("budget.xlsx", b"PK\x03\x04....", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    #[case::csv("data.csv", "år;belopp\n2014;100".as_bytes(), "text/csv")]
    #[case::path_is_stripped("C:\\Users\\anna\\plan.txt", b"Plan", "text/plain")]
    fn accepted_files(#[case] name: &str, #[case] bytes: &[u8], #[case] media_type: &str) {
        let checked = check(name, bytes, 0).expect("accepted");
        assert_eq!(checked.media_type, media_type);
        assert!(!checked.name.contains('\\'));
    }

    #[rstest]
    #[case::executable("setup.exe", b"MZ....", 0)]
    #[case::renamed_executable("budget.pdf", b"MZ....", 0)]
    #[case::no_extension("README", b"text", 0)]
    #[case::empty("tom.txt", b"", 0)]
    #[case::binary_as_text("data.csv", b"\xff\xfe\x00", 0)]
    #[case::over_total("plan.txt", b"Plan", MAX_TOTAL_BYTES)]
    fn refused_files(#[case] name: &str, #[case] bytes: &[u8], #[case] stored: usize) {
        let errors = check(name, bytes, stored).expect_err("refused");
        assert_eq!(errors.0[0].field, "attachment");
    }

    #[test]
    fn a_file_over_10_mb_is_refused() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(check("stor.txt", &big, 0).is_err());
        assert!(check("lagom.txt", &big[..MAX_BYTES], 0).is_ok());
    }

    proptest! {
        #[test]
        fn check_never_panics(name in "\\PC{0,40}", bytes in prop::collection::vec(any::<u8>(), 0..64), stored in any::<usize>()) {
            let _ = check(&name, &bytes, stored);
        }
    }
}
