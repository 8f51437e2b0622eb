//! A bundle's document and its verification as a typestate: `Bundle<Unverified>` is what a
//! file claims; only `Bundle::verify` makes a `Bundle<Verified>`, whose operations may be
//! planned and applied.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::certificate::{Certificate, Signed, Trust};
use crate::keys::{PublicKeyText, Signer, verify};
use crate::limits::MAX_OPERATIONS;
use crate::merge::FieldWrite;
use crate::{SyncError, container, json};

/// The format this build writes; `portfolj.bundle/2` and later need a newer Portfölj.
pub const FORMAT: &str = "portfolj.bundle/1";
const FORMAT_PREFIX: &str = "portfolj.bundle/";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// The office to a new laptop: its certificate, the office key and the programme.
    Invitation,
    /// A member's work, to the office.
    Member,
    /// The office to members: programme updates, assignments, certificates, revocations.
    Office,
}

impl BundleKind {
    /// The kind as the format writes it (`invitation`, `member`, `office`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::Member => "member",
            Self::Office => "office",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub person_id: String,
    pub name: String,
    pub key_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub kind: BundleKind,
    pub sender: Sender,
    /// The sender's certificate, signed by an office key.
    pub certificate: Signed,
    /// The key id of the one laptop it is for; `None` for everyone.
    pub recipient: Option<String>,
    /// Counts the sender's bundles to this recipient (or to everyone) from 1.
    pub sequence: u64,
    /// SHA-256 of the signed payload of the sender's previous bundle on the same channel.
    pub previous_hash: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The sender's audit-log head when the bundle was made.
    pub audit_head: Option<String>,
    /// Operations by kind, so a reader can see what is inside without trusting it.
    pub counts: BTreeMap<String, u64>,
}

/// What a bundle carries. Reference data travels as JSON documents whose shape belongs
/// to portfolj-api.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Operation {
    /// The office key a joining laptop pins.
    OfficeKey { public_key: PublicKeyText },
    /// A new office key signed by the old one.
    Rotation { signed: Signed },
    /// A member certificate.
    Certificate { signed: Signed },
    /// The office's newest revocation list.
    Revocations { signed: Signed },
    /// The programme's reference data: focus areas, goals, units, people, frames.
    Programme { reference: serde_json::Value },
    /// One field of an application, as its author wrote it.
    Write { write: FieldWrite },
    /// An application the office sends to a member's laptop to work on.
    Application { snapshot: serde_json::Value },
    /// The office has taken in these bundles (by hash) from the recipient.
    Acknowledge { hashes: Vec<String> },
    /// A review round as the office sends it to one member: rubric, group, the member's
    /// assignment and declared jäv, and the valuation summaries frozen for them.
    ReviewRound { round: serde_json::Value },
    /// One version of a member's own score of one application.
    Score { person_id: String, score: serde_json::Value },
    /// A jäv a member declares for themselves.
    Jav { person_id: String, jav: serde_json::Value },
    /// A status report on a running project, by its author.
    StatusReport { person_id: String, report: serde_json::Value },
}

impl Operation {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::OfficeKey { .. } => "office_key",
            Self::Rotation { .. } => "rotation",
            Self::Certificate { .. } => "certificate",
            Self::Revocations { .. } => "revocations",
            Self::Programme { .. } => "programme",
            Self::Write { .. } => "write",
            Self::Application { .. } => "application",
            Self::Acknowledge { .. } => "acknowledge",
            Self::ReviewRound { .. } => "review_round",
            Self::Score { .. } => "score",
            Self::Jav { .. } => "jav",
            Self::StatusReport { .. } => "status_report",
        }
    }

    /// The operation as a refusal names it.
    pub fn describe(&self) -> String {
        match self {
            Self::Write { write } => format!("ändring av {} i {}", write.field, write.entity),
            other => other.kind().to_owned(),
        }
    }

    /// Whether a sender holding `certificate` may carry this operation (DOMAIN.md §10).
    fn allowed(&self, certificate: &Certificate) -> bool {
        match self {
            Self::OfficeKey { .. }
            | Self::Rotation { .. }
            | Self::Certificate { .. }
            | Self::Revocations { .. }
            | Self::Programme { .. }
            | Self::Application { .. }
            | Self::Acknowledge { .. }
            | Self::ReviewRound { .. } => certificate.has_role("office"),
            // Only the member's own scores and jäv: nobody scores for someone else, not
            // even the office.
            Self::Score { person_id, .. } | Self::Jav { person_id, .. } => {
                *person_id == certificate.person_id && certificate.has_role("reviewer")
            }
            // Only the author's own reports, by a role that writes them; whether this person
            // reports for that project (its unit, its state) is checked against the
            // receiving laptop's data before anything is applied.
            Self::StatusReport { person_id, .. } => {
                *person_id == certificate.person_id && ["applicant", "office"].iter().any(|r| certificate.has_role(r))
            }
            // The sender's own writes to applications, by a role that edits them; whether
            // this person may edit that application is checked against the receiving
            // laptop's data (its unit and state) before anything is applied.
            // The office merges everyone's bundles and may pass their writes on.
            Self::Write { write } => {
                write.entity.starts_with("application/")
                    && (certificate.has_role("office")
                        || (write.author == certificate.person_id
                            && ["applicant", "coach"].iter().any(|r| certificate.has_role(r))))
            }
        }
    }
}

/// Counts operations by kind, as the manifest records them.
pub fn counts(operations: &[Operation]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for op in operations {
        *counts.entry(op.kind().to_owned()).or_insert(0) += 1;
    }
    counts
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub manifest: Manifest,
    pub operations: Vec<Operation>,
}

/// Only the format field, read first so a newer file says "update" rather than failing
/// on its new fields.
#[derive(Deserialize)]
struct FormatOnly {
    format: String,
}

/// The state of a bundle that has been read but not yet trusted.
#[derive(Debug)]
pub struct Unverified;

/// The state of a bundle whose signature, certificate, channel and rights all hold: the
/// sender's certificate, as verified.
#[derive(Debug)]
pub struct Verified {
    certificate: Certificate,
}

#[derive(Debug)]
pub struct Bundle<S> {
    document: Document,
    payload: Vec<u8>,
    signature: String,
    hash: String,
    state: S,
}

/// The last bundle taken in on the same channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub sequence: u64,
    pub hash: String,
}

/// What the receiving laptop knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The pinned office keys and revocations; `None` on a laptop that has not joined,
    /// which accepts only an invitation and trusts the office key inside it.
    pub trust: Option<Trust>,
    /// This laptop's key id.
    pub me: String,
    /// The last bundle from this sender on this channel.
    pub last: Option<Seen>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Signs and packs a document into a `.portfolj` file; returns the file and its hash.
pub fn seal(document: &Document, signer: &Signer) -> Result<(Vec<u8>, String), SyncError> {
    let text = serde_json::to_vec(document).map_err(|e| SyncError::Corrupt(e.to_string()))?;
    let payload = container::compress(&text)?;
    let m = &document.manifest;
    let comment =
        format!("portfolj bundle {} {} nr {}", m.sender.key_id, m.recipient.as_deref().unwrap_or("alla"), m.sequence);
    let signature = signer.sign(&payload, &comment)?;
    let hash = sha256_hex(&payload);
    Ok((container::write(&container::Entries { payload, signature })?, hash))
}

impl<S> Bundle<S> {
    /// The manifest. On an unverified bundle it is only what the file claims.
    pub fn manifest(&self) -> &Manifest {
        &self.document.manifest
    }

    pub fn operations(&self) -> &[Operation] {
        &self.document.operations
    }

    /// SHA-256 of the signed payload: the next bundle on the channel names it.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The signed payload (`bundle.json.gz`), exactly as received.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The detached signature, as received.
    pub fn signature(&self) -> &str {
        &self.signature
    }
}

impl Bundle<Unverified> {
    /// Reads a file within every limit; nothing in it is trusted yet.
    pub fn read(file: &[u8]) -> Result<Self, SyncError> {
        let entries = container::read(file)?;
        let text = container::decompress(&entries.payload)?;
        let checked = json::check(&text)?;
        let format: FormatOnly = json::parse_checked(checked)?;
        check_format(&format.format)?;
        let document: Document = json::parse_checked(checked)?;
        if document.operations.len() > MAX_OPERATIONS {
            return Err(SyncError::TooLarge(format!("{} operationer", document.operations.len())));
        }
        if counts(&document.operations) != document.manifest.counts {
            return Err(SyncError::Corrupt("antalen i manifestet stämmer inte med innehållet".to_owned()));
        }
        let hash = sha256_hex(&entries.payload);
        Ok(Self { document, payload: entries.payload, signature: entries.signature, hash, state: Unverified })
    }

    /// Every check before anything is applied: certificate chain to a trusted office key,
    /// the signature, validity and revocation, recipient, sequence and hash chain, and
    /// the sender's right to every operation.
    pub fn verify(self, context: &Context) -> Result<Bundle<Verified>, SyncError> {
        let m = &self.document.manifest;
        let mut trust = match &context.trust {
            Some(trust) => trust.clone(),
            None => self.invitation_trust()?,
        };
        // A rotation signed by a trusted office key extends the trust to the new key, in
        // order, before the sender's certificate (perhaps signed by the new key) is checked.
        for op in &self.document.operations {
            if let Operation::Rotation { signed } = op {
                let key = trust.accept_rotation(signed)?;
                if !trust.office_keys.contains(&key) {
                    trust.office_keys.push(key);
                }
            }
        }
        let certificate = trust.certificate(&m.certificate)?;
        verify(&certificate.public_key, &self.payload, &self.signature)?;
        if certificate.person_id != m.sender.person_id || certificate.public_key.key_id()? != m.sender.key_id {
            return Err(SyncError::UnknownSigner);
        }
        certificate.check_at(m.created_at, &trust.revoked)?;
        // Each write must also fall within the certificate's period: a laptop whose
        // certificate ran out cannot backdate or postdate work into it.
        for op in &self.document.operations {
            if let Operation::Write { write } = op
                && write.author == certificate.person_id
            {
                let at = DateTime::<Utc>::from_timestamp_millis(write.stamp.wall_ms)
                    .ok_or_else(|| SyncError::Corrupt("en tidsstämpel är orimlig".to_owned()))?;
                certificate.check_at(at, &trust.revoked)?;
            }
        }
        if let Some(recipient) = &m.recipient
            && recipient != &context.me
        {
            return Err(SyncError::WrongRecipient(recipient.clone()));
        }
        check_channel(m, context.last.as_ref())?;
        if let Some(op) = self.document.operations.iter().find(|op| !op.allowed(&certificate)) {
            return Err(SyncError::NotAllowed(format!(
                "{} från {} ({})",
                op.describe(),
                certificate.name,
                certificate.roles.join(", ")
            )));
        }
        Ok(Bundle {
            document: self.document,
            payload: self.payload,
            signature: self.signature,
            hash: self.hash,
            state: Verified { certificate },
        })
    }

    /// A laptop that has not joined trusts only an invitation addressed to it, and the
    /// office key inside it (shown to the person, who compares it with the office's).
    fn invitation_trust(&self) -> Result<Trust, SyncError> {
        if self.document.manifest.kind != BundleKind::Invitation {
            return Err(SyncError::UnknownSigner);
        }
        let key = self
            .document
            .operations
            .iter()
            .find_map(|op| match op {
                Operation::OfficeKey { public_key } => Some(public_key.clone()),
                _ => None,
            })
            .ok_or(SyncError::UnknownSigner)?;
        Ok(Trust { office_keys: vec![key], revoked: vec![] })
    }
}

impl Bundle<Verified> {
    /// The sender's verified certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.state.certificate
    }
}

fn check_format(format: &str) -> Result<(), SyncError> {
    let version = format.strip_prefix(FORMAT_PREFIX).and_then(|v| v.parse::<u32>().ok());
    match version {
        Some(FORMAT_VERSION) => Ok(()),
        Some(v) if v > FORMAT_VERSION => Err(SyncError::NewerFormat(format.to_owned())),
        _ => Err(SyncError::UnknownFormat(format.chars().take(60).collect())),
    }
}

/// Sequence strictly newer than the last seen, and chained to it.
fn check_channel(m: &Manifest, last: Option<&Seen>) -> Result<(), SyncError> {
    let sender = m.sender.name.clone();
    match last {
        Some(seen) if m.sequence <= seen.sequence => {
            Err(SyncError::Replayed { sender, got: m.sequence, last: seen.sequence })
        }
        Some(seen) if m.sequence != seen.sequence + 1 || m.previous_hash.as_deref() != Some(seen.hash.as_str()) => {
            Err(SyncError::BrokenChain(sender))
        }
        None if m.sequence != 1 || m.previous_hash.is_some() => Err(SyncError::BrokenChain(sender)),
        _ => Ok(()),
    }
}
