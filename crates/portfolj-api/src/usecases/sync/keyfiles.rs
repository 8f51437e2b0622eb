//! Secret key files in the data directory: `<database>.keys/laptop.key` and, on the
//! projektkontor's laptop, `office.key`. Owner-only permissions; minisign's format, so
//! the keys are usable with the stock tool too.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use portfolj_sync::Signer;

use crate::{ApiError, ErrorCode};

pub(crate) const LAPTOP: &str = "laptop.key";
pub(crate) const OFFICE: &str = "office.key";
/// A new office key while it replaces the old one.
pub(crate) const OFFICE_NEXT: &str = "office-next.key";

pub(crate) fn dir(database: &Path) -> PathBuf {
    let mut name = database.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".keys");
    database.with_file_name(name)
}

pub(crate) fn exists(database: &Path, which: &str) -> bool {
    dir(database).join(which).exists()
}

fn io_error(path: &Path, e: &std::io::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Storage,
        format!(
            "Nyckelfilen {} kunde inte skrivas eller läsas: {e}. Kontrollera behörigheterna i datakatalogen.",
            path.display()
        ),
    )
}

/// Writes a new secret key file readable only by its owner; never overwrites one.
pub(crate) fn write(database: &Path, which: &str, text: &str) -> Result<(), ApiError> {
    let dir = dir(database);
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).map_err(|e| io_error(&dir, &e))?;
    let path = dir.join(which);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(|e| io_error(&path, &e))?;
    file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| io_error(&path, &e))
}

/// A secret key file to write when the transaction that made its key has done its work.
pub(crate) struct Pending {
    pub which: &'static str,
    pub text: String,
}

/// Writes `keys`, all or none: when one cannot be written, those already written (and a
/// half-written one) are removed, so a second attempt does not find half a set.
pub(crate) fn write_all(database: &Path, keys: &[Pending]) -> Result<(), ApiError> {
    for (n, key) in keys.iter().enumerate() {
        let existed = exists(database, key.which);
        if let Err(e) = write(database, key.which, &key.text) {
            let made = if existed { &keys[..n] } else { &keys[..=n] };
            for written in made {
                let _ = fs::remove_file(dir(database).join(written.which));
            }
            return Err(e);
        }
    }
    Ok(())
}

/// Renames a key file; a replaced key is kept, never deleted, so old signatures stay checkable.
pub(crate) fn retire(database: &Path, which: &str, kept_as: &str) -> Result<(), ApiError> {
    let (from, to) = (dir(database).join(which), dir(database).join(kept_as));
    fs::rename(&from, &to).map_err(|e| io_error(&from, &e))
}

pub(crate) fn is_encrypted(database: &Path, which: &str) -> bool {
    fs::read_to_string(dir(database).join(which)).is_ok_and(|t| portfolj_sync::keys::needs_passphrase(&t))
}

/// Opens a secret key, with the passphrase when it is protected.
pub(crate) fn signer(database: &Path, which: &str, passphrase: Option<&str>) -> Result<Signer, ApiError> {
    let path = dir(database).join(which);
    let text = fs::read_to_string(&path).map_err(|e| io_error(&path, &e))?;
    Ok(Signer::open(&text, passphrase.filter(|p| !p.is_empty()))?)
}
