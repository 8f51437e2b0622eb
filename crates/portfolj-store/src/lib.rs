//! Portfölj's local database: one SQLite file per laptop.
//!
//! [`Store::open`] refuses files it must not touch (not SQLite, not Portfölj, written by
//! a newer Portfölj, corrupt) before it writes a single byte, then migrates. Every use
//! case runs inside one transaction through [`Store::write`] or [`Store::read`]; the
//! table modules hold the SQL, one module per table group, and map rows to core types.

mod codes;
mod error;
mod migrations;
pub mod tables;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{OpenFlags, Transaction, TransactionBehavior};

pub use error::StoreError;
pub use migrations::LATEST_VERSION;
/// The connection type table functions take; use cases name it without depending on rusqlite.
pub use rusqlite::Connection;

/// The SQL of every migration, oldest first (for the test that pins applied ones).
pub fn migration_sources() -> &'static [&'static str] {
    migrations::SOURCES
}

/// `PRAGMA application_id` of a Portfölj database ("Pfj1" in ASCII), so that another
/// program's SQLite file is recognised and left alone.
pub const APPLICATION_ID: i64 = 0x5066_6A31;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// SQLite's page cache per open database, in MiB. SQLite's own default (2 MiB) makes a
/// national database re-read its index pages on every list; 64 MiB holds a city's whole
/// file and keeps the desktop app well inside its memory budget.
const CACHE_MIB: u32 = 64;

const STATEMENT_CACHE: usize = 256;

/// Pages a backup copies between two looks at whether to go on: 512 KiB of 4 KiB pages, so a
/// cancel is felt at once and the steps cost nothing next to the copying.
pub const BACKUP_PAGES_PER_STEP: i32 = 128;

/// How a backup ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Whole,
    /// Stopped when asked to, before the end; the target is incomplete.
    Stopped,
}

/// An open Portfölj database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// Fails without modifying the file when it is not a SQLite database, belongs to
    /// another program, was written by a newer Portfölj, or is damaged.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let existed = check_header(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::open(path, e))?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(|e| StoreError::open(path, e))?;
        if existed {
            check_existing(&conn, path)?;
        }
        // Only now may anything be written.
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .map_err(|e| StoreError::open(path, e))?;
        set_cache(&conn, CACHE_MIB).map_err(|e| StoreError::open(path, e))?;
        // The table modules hold some 150 cached statements; rusqlite's default of 16 would
        // have most of them parsed again on every use.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        migrations::MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration { path: path.to_owned(), detail: e.to_string() })?;
        // Written once: a write on every open would change the file even when nothing else does.
        let application_id: i64 =
            conn.pragma_query_value(None, "application_id", |row| row.get(0)).map_err(|e| StoreError::open(path, e))?;
        if application_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(|e| StoreError::open(path, e))?;
        }
        tracing::debug!(path = %path.display(), "database open");
        Ok(Self { conn, path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a consistent copy of the whole database to `target`, a new file, with
    /// SQLite's online backup API, [`BACKUP_PAGES_PER_STEP`] pages at a time. The store is
    /// held (`&mut self`) for the whole copy, so nothing writes in between and the copy is one
    /// snapshot. After each step `go_on(pages done, pages in all)` says whether to continue;
    /// when it says no, the copy stops and the half-written `target` is left for the caller
    /// to remove ([`Copied::Stopped`]).
    pub fn backup_to(&mut self, target: &Path, mut go_on: impl FnMut(u64, u64) -> bool) -> Result<Copied, StoreError> {
        let io = |e: rusqlite::Error| StoreError::Io { path: target.to_owned(), detail: e.to_string() };
        if target.exists() {
            return Err(StoreError::Io { path: target.to_owned(), detail: "filen finns redan".to_owned() });
        }
        let mut copy = Connection::open(target).map_err(io)?;
        // The copy is new and private until it is complete: no journal and no syncing page
        // by page; one sync of the whole file at the end.
        copy.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").map_err(io)?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).map_err(io)?;
            loop {
                let step = backup.step(BACKUP_PAGES_PER_STEP).map_err(io)?;
                let p = backup.progress();
                let total = u64::try_from(p.pagecount).unwrap_or(0);
                let done = total.saturating_sub(u64::try_from(p.remaining).unwrap_or(0));
                match step {
                    // Asked after the last step too, so a small database can be stopped as well.
                    rusqlite::backup::StepResult::Done | rusqlite::backup::StepResult::More if !go_on(done, total) => {
                        return Ok(Copied::Stopped);
                    }
                    rusqlite::backup::StepResult::Done => break,
                    rusqlite::backup::StepResult::More => {}
                    _ => {
                        return Err(StoreError::Io {
                            path: target.to_owned(),
                            detail: "databasen var upptagen; försök igen".to_owned(),
                        });
                    }
                }
            }
        }
        copy.close().map_err(|(_, e)| io(e))?;
        File::open(target)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::Io { path: target.to_owned(), detail: e.to_string() })?;
        Ok(Copied::Whole)
    }

    /// Replaces the whole database with the copy at `source` — after checking that it is a
    /// sound Portfölj database this version can read — and brings it up to date. The
    /// online backup API copies page by page inside SQLite's own locking, so a failure
    /// leaves the database as it was.
    pub fn restore_from(&mut self, source: &Path) -> Result<(), StoreError> {
        if !check_header(source)? {
            return Err(StoreError::NotADatabase(source.to_owned()));
        }
        {
            let copy = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| StoreError::open(source, e))?;
            check_existing(&copy, source)?;
            let verdict: String = copy
                .query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))
                .map_err(|e| StoreError::damaged(source, e))?;
            if verdict != "ok" {
                return Err(StoreError::Damaged { path: source.to_owned(), detail: verdict });
            }
        }
        self.conn
            .restore(rusqlite::MAIN_DB, source, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| StoreError::Io { path: source.to_owned(), detail: e.to_string() })?;
        migrations::MIGRATIONS
            .to_latest(&mut self.conn)
            .map_err(|e| StoreError::Migration { path: self.path.clone(), detail: e.to_string() })?;
        Ok(())
    }

    /// Runs one use case that changes data, in one immediate transaction: all of it is
    /// stored, or (on any error) none of it.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = work(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `work` with a page cache of `mib` MiB instead of the usual one: for one very
    /// large transaction (the national demo), whose dirty pages would otherwise spill to the
    /// WAL and be read back again and again.
    pub fn with_cache<T>(&mut self, mib: u32, work: impl FnOnce(&mut Self) -> T) -> Result<T, StoreError> {
        set_cache(&self.conn, mib)?;
        let value = work(self);
        set_cache(&self.conn, CACHE_MIB)?;
        Ok(value)
    }

    /// Runs one use case that only reads, in one transaction so it sees one snapshot.
    pub fn read<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let value = work(&tx)?;
        tx.rollback().map_err(StoreError::from)?;
        Ok(value)
    }
}

fn set_cache(conn: &Connection, mib: u32) -> rusqlite::Result<()> {
    // A negative size is in KiB.
    conn.pragma_update(None, "cache_size", -i64::from(mib) * 1024)
}

/// Returns whether a non-empty file exists, refusing one that is not SQLite at all.
fn check_header(path: &Path) -> Result<bool, StoreError> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::Io { path: path.to_owned(), detail: e.to_string() }),
    };
    let mut header = [0_u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(StoreError::Io { path: path.to_owned(), detail: e.to_string() }),
        }
    }
    match read {
        0 => Ok(false),
        16 if &header == SQLITE_HEADER => Ok(true),
        _ => Err(StoreError::NotADatabase(path.to_owned())),
    }
}

/// Read-only checks of an existing file before anything is written to it.
fn check_existing(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let read_i64 = |pragma: &str| -> Result<i64, StoreError> {
        conn.pragma_query_value(None, pragma, |row| row.get(0)).map_err(|e| StoreError::damaged(path, e))
    };
    let application_id = read_i64("application_id")?;
    let version = read_i64("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(|e| StoreError::damaged(path, e))?;
    if application_id != APPLICATION_ID && tables > 0 {
        return Err(StoreError::NotPortfolj(path.to_owned()));
    }
    if version > LATEST_VERSION {
        return Err(StoreError::Newer { path: path.to_owned(), found: version, supported: LATEST_VERSION });
    }
    if version < LATEST_VERSION {
        // About to migrate: make sure the pages we will rewrite are sound.
        let verdict: String =
            conn.query_row("PRAGMA quick_check(1)", [], |row| row.get(0)).map_err(|e| StoreError::damaged(path, e))?;
        if verdict != "ok" {
            return Err(StoreError::Damaged { path: path.to_owned(), detail: verdict });
        }
    }
    Ok(())
}
