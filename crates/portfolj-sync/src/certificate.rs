//! The office's statements: member certificates, the revocation list and office-key
//! rotation. Each is a JSON body signed with an office key (a detached minisign
//! signature over the body's exact bytes).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::keys::{PublicKeyText, Signer, verify};
use crate::{SyncError, json};

/// A body and the signature over its exact bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signed {
    pub body: String,
    pub signature: String,
}

impl Signed {
    pub fn sign<T: Serialize>(signer: &Signer, value: &T, what: &str) -> Result<Self, SyncError> {
        let body = serde_json::to_string(value).map_err(|e| SyncError::Corrupt(e.to_string()))?;
        let signature = signer.sign(body.as_bytes(), &format!("portfolj {what}"))?;
        Ok(Self { body, signature })
    }

    /// The body, only if `key` signed it.
    pub fn open<T: DeserializeOwned>(&self, key: &PublicKeyText) -> Result<T, SyncError> {
        verify(key, self.body.as_bytes(), &self.signature)?;
        json::parse(self.body.as_bytes())
    }
}

/// What the office vouches for: this person, at this unit, holding these roles, signs with
/// this key between these times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    pub serial: u64,
    pub person_id: String,
    pub name: String,
    pub email: String,
    pub unit_id: String,
    pub unit_name: String,
    /// Role codes as in the database (`applicant`, `coach`, `valuer`, …).
    pub roles: Vec<String>,
    /// Portfolios whose beredningsgrupp the person sits in.
    pub review_groups: Vec<u8>,
    pub public_key: PublicKeyText,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    pub issued_at: DateTime<Utc>,
    /// The office key that signed it (key id), for people reading the file.
    pub office_key_id: String,
}

impl Certificate {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }

    /// Valid and not revoked at `at`.
    pub fn check_at(&self, at: DateTime<Utc>, revoked: &[u64]) -> Result<(), SyncError> {
        if revoked.contains(&self.serial) {
            return Err(SyncError::CertificateRevoked(self.serial));
        }
        if at < self.valid_from {
            return Err(SyncError::CertificateNotYetValid(self.valid_from.format("%Y-%m-%d").to_string()));
        }
        if at > self.valid_to {
            return Err(SyncError::CertificateExpired(self.valid_to.format("%Y-%m-%d").to_string()));
        }
        Ok(())
    }
}

/// Certificates the office has withdrawn (a stolen laptop, someone who left).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevocationList {
    /// Grows by one with each new list, so an older list never replaces a newer one.
    pub number: u64,
    pub serials: Vec<u64>,
    pub issued_at: DateTime<Utc>,
}

/// A new office key, signed by the one it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rotation {
    pub old_key: PublicKeyText,
    pub new_key: PublicKeyText,
    pub issued_at: DateTime<Utc>,
}

/// The office keys a laptop trusts: the pinned one and every rotation from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trust {
    pub office_keys: Vec<PublicKeyText>,
    pub revoked: Vec<u64>,
}

impl Trust {
    /// The certificate inside `signed`, if one of the trusted office keys signed it.
    pub fn certificate(&self, signed: &Signed) -> Result<Certificate, SyncError> {
        for key in &self.office_keys {
            match signed.open::<Certificate>(key) {
                Ok(c) => return Ok(c),
                Err(SyncError::UnknownSigner) => continue,
                Err(SyncError::BadSignature) => return Err(SyncError::UnknownSigner),
                Err(e) => return Err(e),
            }
        }
        Err(SyncError::UnknownSigner)
    }

    /// Follows a rotation signed by a trusted key; returns the new key to pin.
    pub fn accept_rotation(&self, signed: &Signed) -> Result<PublicKeyText, SyncError> {
        for key in &self.office_keys {
            if let Ok(rotation) = signed.open::<Rotation>(key)
                && &rotation.old_key == key
            {
                return Ok(rotation.new_key);
            }
        }
        Err(SyncError::UnknownSigner)
    }
}
