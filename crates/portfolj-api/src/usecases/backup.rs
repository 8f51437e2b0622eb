//! Safety copies of the database in `<database>.backups/`: taken before every bundle
//! import and on demand, listed, and restored — after a copy of the present state, so a
//! restore can itself be undone.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use portfolj_store::{Copied, Store};
use serde_json::json;

use crate::dto::{BackupDto, FileNameDto};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

/// Automatic copies kept per reason; older ones are removed.
const KEEP_AUTOMATIC: usize = 10;

fn dir(database: &Path) -> PathBuf {
    let mut name = database.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".backups");
    database.with_file_name(name)
}

fn io_error(path: &Path, e: &std::io::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Storage,
        format!(
            "Säkerhetskopian {} kunde inte skrivas eller läsas: {e}. Kontrollera utrymmet och behörigheterna.",
            path.display()
        ),
    )
}

/// Takes a copy named by time and reason, and prunes old automatic copies of that reason.
/// `go_on(pages done, pages in all)` is asked as the copy goes; its refusal (a cancel) stops
/// the copy, leaves no file and is returned.
pub(crate) fn take(
    store: &mut Store,
    reason: &str,
    now: DateTime<Utc>,
    automatic: bool,
    go_on: &mut dyn FnMut(u64, u64) -> Result<(), ApiError>,
) -> Result<BackupDto, ApiError> {
    let dir = dir(store.path());
    fs::create_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
    let stem = format!("{}-{reason}", now.format("%Y%m%d-%H%M%S"));
    let mut path = dir.join(format!("{stem}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.db"));
        n += 1;
    }
    // Written under a temporary name and renamed when complete, so a copy interrupted
    // half-way is never listed as a backup.
    let partial = path.with_extension("db.part");
    let _ = fs::remove_file(&partial);
    let mut refusal = None;
    let copied = store.backup_to(&partial, |done, total| go_on(done, total).map_err(|e| refusal = Some(e)).is_ok());
    if copied.as_ref().map_or(true, |c| *c == Copied::Stopped) {
        let _ = fs::remove_file(&partial);
    }
    if let Some(e) = refusal {
        return Err(e);
    }
    copied?;
    fs::rename(&partial, &path).map_err(|e| io_error(&path, &e))?;
    if automatic {
        let mut same: Vec<PathBuf> = list_paths(&dir)?.into_iter().filter(|p| name_of(p).contains(reason)).collect();
        same.sort();
        let excess = same.len().saturating_sub(KEEP_AUTOMATIC);
        for old in &same[..excess] {
            fs::remove_file(old).map_err(|e| io_error(old, &e))?;
        }
    }
    describe(&path)
}

fn name_of(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn list_paths(dir: &Path) -> Result<Vec<PathBuf>, ApiError> {
    if !dir.exists() {
        return Ok(vec![]);
    }
    let entries = fs::read_dir(dir).map_err(|e| io_error(dir, &e))?;
    Ok(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "db")).collect())
}

fn describe(path: &Path) -> Result<BackupDto, ApiError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, &e))?;
    let modified: DateTime<Utc> = meta.modified().map_err(|e| io_error(path, &e))?.into();
    Ok(BackupDto {
        file_name: name_of(path),
        path: path.display().to_string(),
        created_at: crate::dto::time(modified),
        kilobytes: u32::try_from(meta.len().div_ceil(1024)).unwrap_or(u32::MAX),
    })
}

impl Api {
    /// A copy of the database now; it shows how far it has come and can be cancelled.
    pub fn create_backup(&self) -> Result<BackupDto, ApiError> {
        let now = self.clock.now();
        let _running = self
            .progress
            .start(0, "Säkerhetskopieringen avbröts. Ingen kopia sparades, och databasen är som förut.")?;
        let mut counted = 0;
        take(&mut self.store(), "manuell", now, false, &mut |done, total| {
            self.progress.set_total(total);
            let step = done.saturating_sub(counted);
            counted = done;
            self.progress.advance(step)
        })
    }

    /// Every copy, newest first.
    pub fn backups(&self) -> Result<Vec<BackupDto>, ApiError> {
        let dir = dir(self.store().path());
        let mut paths = list_paths(&dir)?;
        paths.sort();
        paths.iter().rev().map(|p| describe(p)).collect()
    }

    /// Replaces the database with a copy from the backup folder, after copying the present
    /// state; the restore is recorded in the restored audit log.
    pub fn restore_backup(&self, args: &FileNameDto) -> Result<BackupDto, ApiError> {
        let now = self.clock.now();
        let mut store = self.store();
        let dir = dir(store.path());
        let source = dir.join(&args.file_name);
        let plain = Path::new(&args.file_name).file_name().is_some_and(|n| n == args.file_name.as_str());
        if !plain || !source.is_file() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("Säkerhetskopian \"{}\" finns inte i {}. Välj en ur listan.", args.file_name, dir.display()),
            ));
        }
        let before = take(&mut store, "fore-aterstallning", now, true, &mut |_, _| Ok(()))?;
        store.restore_from(&source)?;
        store.write(|tx| match session::acting_person(tx) {
            Ok(actor) => {
                let detail = json!({ "restored": args.file_name, "previous_state": before.file_name });
                audit::record(tx, now, actor.id, "backup.restore", &args.file_name, &detail)
            }
            // A copy from before anyone acted here has no one to record it for.
            Err(_) => Ok(()),
        })?;
        Ok(before)
    }
}
