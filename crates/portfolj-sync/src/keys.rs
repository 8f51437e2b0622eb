//! Ed25519 keys in minisign's own formats, so the stock `minisign` tool can verify what
//! Portfölj signs: a laptop's key pair, the office key, and detached signatures.

use std::io::Cursor;

use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox, SignatureBox};

use crate::SyncError;

/// A public key as minisign prints it on the line after the comment ("RWQ…").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PublicKeyText(pub String);

impl PublicKeyText {
    pub fn parse(&self) -> Result<PublicKey, SyncError> {
        PublicKey::from_base64(self.0.trim()).map_err(|e| SyncError::Key(format!("den publika nyckeln: {e}")))
    }

    /// The key id minisign prints (16 hex digits), shown to people comparing keys.
    pub fn key_id(&self) -> Result<String, SyncError> {
        Ok(key_id(&self.parse()?))
    }

    /// The public key file minisign reads with `-p`.
    pub fn to_file_text(&self) -> Result<String, SyncError> {
        let boxed: PublicKeyBox = self.parse()?.to_box().map_err(|e| SyncError::Key(e.to_string()))?;
        Ok(boxed.into_string())
    }
}

fn key_id(key: &PublicKey) -> String {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&key.keynum()[..8]);
    format!("{:016X}", u64::from_le_bytes(bytes))
}

/// A key pair ready to sign. The secret half never leaves this struct except as
/// minisign's (optionally passphrase-encrypted) key file text.
pub struct Signer {
    public: PublicKeyText,
    secret: SecretKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("public", &self.public).finish_non_exhaustive()
    }
}

/// A newly generated key pair: what to store and how to sign with it.
#[derive(Debug)]
pub struct NewKey {
    pub signer: Signer,
    /// minisign's secret key file text, encrypted when a passphrase was given.
    pub secret_file: String,
}

impl Signer {
    /// A fresh key pair; with a passphrase the stored secret key is encrypted (scrypt).
    pub fn generate(passphrase: Option<&str>) -> Result<NewKey, SyncError> {
        let failed = |e: minisign::PError| SyncError::Key(e.to_string());
        let pair = match passphrase {
            None => KeyPair::generate_unencrypted_keypair(),
            Some(p) => KeyPair::generate_encrypted_keypair(Some(p.to_owned())),
        }
        .map_err(failed)?;
        let secret_file = pair.sk.to_box(Some("Portfölj")).map_err(failed)?.into_string();
        let signer = Self::open(&secret_file, passphrase)?;
        Ok(NewKey { signer, secret_file })
    }

    /// Opens a stored secret key file; `passphrase` is needed when it is encrypted.
    pub fn open(secret_file: &str, passphrase: Option<&str>) -> Result<Self, SyncError> {
        let boxed = SecretKeyBox::from_string(secret_file).map_err(|e| SyncError::Key(e.to_string()))?;
        let secret = match passphrase {
            Some(p) => boxed.into_secret_key(Some(p.to_owned())),
            None => boxed.into_unencrypted_secret_key(),
        }
        .map_err(|_| SyncError::Key("fel lösenfras, eller en skadad nyckelfil".to_owned()))?;
        let public = PublicKey::from_secret_key(&secret).map_err(|e| SyncError::Key(e.to_string()))?;
        Ok(Self { public: PublicKeyText(public.to_base64()), secret })
    }

    pub fn public(&self) -> &PublicKeyText {
        &self.public
    }

    /// A detached signature of `data`, as the text of a `.minisig` file.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> Result<String, SyncError> {
        let public = self.public.parse()?;
        minisign::sign(Some(&public), &self.secret, Cursor::new(data), Some(trusted_comment), Some("Portfölj"))
            .map(SignatureBox::into_string)
            .map_err(|e| SyncError::Key(e.to_string()))
    }
}

/// Checks a detached signature: `Ok` only when `signature` is a well-formed minisign
/// signature by `key` over exactly `data`. Legacy (non-prehashed) signatures are refused.
pub fn verify(key: &PublicKeyText, data: &[u8], signature: &str) -> Result<(), SyncError> {
    let key = key.parse().map_err(|_| SyncError::UnknownSigner)?;
    let boxed = SignatureBox::from_string(signature).map_err(|_| SyncError::BadSignature)?;
    if boxed.keynum() != key.keynum() {
        return Err(SyncError::UnknownSigner);
    }
    minisign::verify(&key, &boxed, Cursor::new(data), true, false, false).map_err(|_| SyncError::BadSignature)
}

/// Whether a stored secret key file can only be opened with a passphrase.
pub fn needs_passphrase(secret_file: &str) -> bool {
    SecretKeyBox::from_string(secret_file).and_then(SecretKeyBox::into_unencrypted_secret_key).is_err()
}
