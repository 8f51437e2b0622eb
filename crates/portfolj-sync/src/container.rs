//! The `.portfolj` file: a plain tar archive holding exactly two entries, the compressed
//! signed payload and its detached minisign signature. Stock tools can open it:
//! `tar -xf x.portfolj && minisign -Vm bundle.json.gz -P <key>` (docs/bundle-format.md).

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::SyncError;
use crate::limits::{MAX_EXPANSION, MAX_FILE_BYTES, MAX_PAYLOAD_BYTES, MAX_SIGNATURE_BYTES};

pub const PAYLOAD: &str = "bundle.json.gz";
pub const SIGNATURE: &str = "bundle.json.gz.minisig";

/// The two entries, still untrusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries {
    pub payload: Vec<u8>,
    pub signature: String,
}

pub fn compress(json: &[u8]) -> Result<Vec<u8>, SyncError> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(json).map_err(|e| SyncError::Corrupt(e.to_string()))?;
    encoder.finish().map_err(|e| SyncError::Corrupt(e.to_string()))
}

/// Decompresses at most what the limits allow; more is a bomb.
pub fn decompress(gz: &[u8]) -> Result<Vec<u8>, SyncError> {
    let cap = MAX_PAYLOAD_BYTES.min((gz.len() as u64).saturating_mul(MAX_EXPANSION).max(1_000_000));
    let mut out = Vec::new();
    GzDecoder::new(gz)
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| SyncError::Corrupt(format!("komprimeringen är trasig: {e}")))?;
    if out.len() as u64 > cap {
        return Err(SyncError::DecompressionBomb);
    }
    Ok(out)
}

pub fn write(entries: &Entries) -> Result<Vec<u8>, SyncError> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, data) in [(PAYLOAD, entries.payload.as_slice()), (SIGNATURE, entries.signature.as_bytes())] {
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_cksum();
        builder.append_data(&mut header, name, data).map_err(|e| SyncError::Corrupt(e.to_string()))?;
    }
    builder.into_inner().map_err(|e| SyncError::Corrupt(e.to_string()))
}

/// A path that would escape an extraction directory.
fn unsafe_path(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with('\\')
        || name.split(['/', '\\']).any(|part| part == "..")
        || name.contains(':')
}

pub fn read(file: &[u8]) -> Result<Entries, SyncError> {
    if file.len() as u64 > MAX_FILE_BYTES {
        return Err(SyncError::TooLarge(format!("{} MB", file.len() / 1_000_000)));
    }
    let mut archive = tar::Archive::new(file);
    let mut payload = None;
    let mut signature = None;
    let entries = archive.entries().map_err(|e| SyncError::Corrupt(e.to_string()))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| SyncError::Corrupt(e.to_string()))?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if unsafe_path(&name) {
            return Err(SyncError::UnsafePath(name));
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(SyncError::UnsafePath(format!("{name} är inte en vanlig fil")));
        }
        let limit = match name.as_str() {
            PAYLOAD if payload.is_none() => MAX_FILE_BYTES,
            SIGNATURE if signature.is_none() => MAX_SIGNATURE_BYTES,
            PAYLOAD | SIGNATURE => return Err(SyncError::Corrupt(format!("{name} förekommer två gånger"))),
            other => return Err(SyncError::Corrupt(format!("okänd del {other}"))),
        };
        let size = entry.header().size().map_err(|e| SyncError::Corrupt(e.to_string()))?;
        if size > limit {
            return Err(SyncError::TooLarge(format!("{name}: {size} byte")));
        }
        let mut data = Vec::new();
        entry.by_ref().take(limit + 1).read_to_end(&mut data).map_err(|e| SyncError::Corrupt(e.to_string()))?;
        if name == PAYLOAD {
            payload = Some(data);
        } else {
            let text = String::from_utf8(data).map_err(|_| SyncError::BadSignature)?;
            signature = Some(text);
        }
    }
    match (payload, signature) {
        (Some(payload), Some(signature)) => Ok(Entries { payload, signature }),
        (None, _) => Err(SyncError::Corrupt(format!("{PAYLOAD} saknas"))),
        (_, None) => Err(SyncError::Corrupt(format!("{SIGNATURE} saknas"))),
    }
}
