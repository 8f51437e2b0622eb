//! Portfölj's signed bundles. Laptops exchange `.portfolj` files; this crate reads, checks
//! and writes them and the office's certificates. It works on bytes only — no files, no
//! database — so every check is testable with hostile input (docs/bundle-format.md).

pub mod bundle;
pub mod certificate;
pub mod container;
mod error;
pub mod hlc;
pub mod json;
pub mod keys;
pub mod limits;
pub mod merge;

pub use bundle::{
    Bundle, BundleKind, Context, Document, FORMAT, Manifest, Operation, Seen, Sender, Unverified, Verified,
};
pub use certificate::{Certificate, RevocationList, Rotation, Signed, Trust};
pub use error::SyncError;
pub use keys::{PublicKeyText, Signer};
