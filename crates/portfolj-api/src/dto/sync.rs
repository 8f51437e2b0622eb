//! Identities, certificates and bundles on the wire.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ApiErrorDto;

/// A member certificate as the office issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CertificateDto {
    pub serial: u32,
    pub person_id: String,
    pub name: String,
    pub unit_name: String,
    pub roles: Vec<String>,
    pub review_groups: Vec<u8>,
    pub key_id: String,
    pub valid_from: String,
    pub valid_to: String,
    pub revoked: bool,
}

/// This laptop's identity and whom it trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IdentityDto {
    pub key_id: String,
    /// The public key as minisign prints it ("RWQ…"): give it to the office to be invited.
    pub public_key: String,
    pub passphrase_protected: bool,
    /// The person the office certified for this laptop, once it has joined.
    pub person_name: Option<String>,
    pub certificate: Option<CertificateDto>,
    /// Key ids of the trusted office keys, oldest first.
    pub office_key_ids: Vec<String>,
    /// Whether this laptop holds the office key.
    pub holds_office_key: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct PassphraseDto {
    /// Protects (or opens) the secret key; empty for none.
    pub passphrase: Option<String>,
}

/// The projektkontor sets up a new programme on this laptop (the first-run wizard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetupProgrammeDto {
    pub name: String,
    pub email: String,
    /// One of Stockholm's units by name; the projektkontor is usually Stadsledningskontoret.
    pub unit_name: String,
    /// Protects both secret keys (this laptop's and the office key); empty for none.
    pub passphrase: Option<String>,
}

/// Creates this laptop's key, or restores one from a backed-up key file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct InitIdentityDto {
    pub passphrase: Option<String>,
    /// A minisign secret key file's text to restore; empty to create a new key.
    pub secret_key: Option<String>,
}

/// The office invites a person whose laptop has the given public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InviteDto {
    /// The person's id or e-mail address.
    pub person_id: String,
    pub public_key: String,
    /// How long the certificate holds; a year unless given.
    #[serde(default)]
    pub valid_days: Option<u32>,
    /// Portfolios whose beredningsgrupp the person sits in.
    #[serde(default)]
    pub review_groups: Vec<u8>,
    #[serde(default)]
    pub passphrase: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RevokeDto {
    pub serial: u32,
    pub reason: String,
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// A `.portfolj` file in transit to or from a shell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BundleFileDto {
    pub file_name: String,
    pub content_base64: String,
}

impl BundleFileDto {
    /// Reads a `.portfolj` file a shell was given (the CLI's argument, the file the desktop
    /// app was opened with). A file above the receiver's limit is refused unread.
    pub fn read(path: &std::path::Path) -> Result<Self, crate::ApiError> {
        use base64::Engine as _;
        let unreadable = |e: std::io::Error| {
            crate::ApiError::new(
                crate::ErrorCode::BadArguments,
                format!(
                    "Filen {} kunde inte läsas: {e}. Kontrollera att filen finns och att du får läsa den.",
                    path.display()
                ),
            )
        };
        let size = std::fs::metadata(path).map_err(unreadable)?.len();
        if size > portfolj_sync::limits::MAX_FILE_BYTES {
            return Err(crate::ApiError::new(
                crate::ErrorCode::BadArguments,
                format!(
                    "Filen {} är {} MB, större än ett paket får vara ({} MB). Be avsändaren göra ett nytt paket.",
                    path.display(),
                    size / 1_000_000,
                    portfolj_sync::limits::MAX_FILE_BYTES / 1_000_000
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(unreadable)?;
        Ok(Self {
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CountDto {
    pub kind: String,
    pub count: u32,
}

/// What a bundle holds and whether this laptop would accept it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundlePreviewDto {
    pub kind: String,
    pub sender_name: String,
    pub sender_key_id: String,
    /// A key id, or empty for everyone.
    pub recipient: String,
    pub sequence: u32,
    pub created_at: String,
    pub audit_head: Option<String>,
    pub hash: String,
    pub counts: Vec<CountDto>,
    /// The office key an invitation asks this laptop to trust: compare it with the office's.
    pub office_key_id: Option<String>,
    /// Field writes not held before.
    pub new_writes: u32,
    /// Fields whose current value would change.
    pub changed_fields: u32,
    /// Fields that would hold an open conflict afterwards.
    pub conflicts: u32,
    /// Why it would be refused; `None` when it would be accepted.
    pub refusal: Option<ApiErrorDto>,
}

/// A bundle made on this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedBundleDto {
    pub file: BundleFileDto,
    pub preview: BundlePreviewDto,
}

/// One line of the log of bundles made and received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundleLogDto {
    pub hash: String,
    /// `in` or `out`.
    pub direction: String,
    pub kind: String,
    pub sender_name: String,
    pub sender_key_id: String,
    pub recipient: String,
    pub sequence: u32,
    pub created_at: String,
    pub handled_at: String,
    pub counts: Vec<CountDto>,
}

/// A safety copy of the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupDto {
    pub file_name: String,
    pub path: String,
    pub created_at: String,
    pub kilobytes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FileNameDto {
    pub file_name: String,
}

/// A member exports their own field writes for the projektkontor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ExportDto {
    /// Everything written since this date (YYYY-MM-DD) instead of since the last bundle.
    pub since: Option<String>,
    pub passphrase: Option<String>,
}

/// One written value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WrittenValueDto {
    /// Identifies the write (its clock stamp).
    pub stamp_key: String,
    /// The value as JSON text.
    pub value: String,
    pub author_name: String,
    pub written_at: String,
}

/// A field whose concurrent values disagree: the current one and the ones that lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictDto {
    pub application_id: String,
    pub application_title: String,
    pub field: String,
    pub current: WrittenValueDto,
    pub others: Vec<WrittenValueDto>,
}

/// Keeps one of a field's values (by its stamp) and closes the conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ResolveConflictDto {
    pub application_id: String,
    pub field: String,
    pub keep_stamp_key: String,
}

/// The office sends a member's laptop its work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SendDto {
    /// The member laptop's key id (16 hex digits), from its certificate; left out for a
    /// programme update to every laptop.
    #[serde(default)]
    pub recipient_key_id: Option<String>,
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// The office replaces its key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct RotateDto {
    /// Opens the present office key.
    pub passphrase: Option<String>,
    /// Protects the new office key; empty for none.
    pub new_passphrase: Option<String>,
}

/// How far the running import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ProgressDto {
    pub active: bool,
    pub done: u32,
    pub total: u32,
}
