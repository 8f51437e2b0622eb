//! Storage errors. Each message says in Swedish what happened and what to do; the file
//! in question is never modified when opening fails.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Filen {0} är ingen Portfölj-databas (inte en SQLite-fil). Välj rätt fil; filen har inte ändrats.")]
    NotADatabase(PathBuf),
    #[error("Filen {0} är en SQLite-databas från ett annat program. Välj en Portfölj-databas; filen har inte ändrats.")]
    NotPortfolj(PathBuf),
    #[error(
        "Databasen {path} är skapad av en nyare version av Portfölj (schemaversion {found}, den här versionen klarar {supported}). Uppdatera Portfölj; filen har inte ändrats."
    )]
    Newer { path: PathBuf, found: i64, supported: i64 },
    #[error("Databasen {path} är skadad ({detail}). Återställ den från en säkerhetskopia; filen har inte ändrats.")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "Databasen {path} kunde inte öppnas ({detail}). Kontrollera att mappen finns och att du har skrivrättighet."
    )]
    Open { path: PathBuf, detail: String },
    #[error("Filen {path} kunde inte läsas ({detail}).")]
    Io { path: PathBuf, detail: String },
    #[error(
        "Databasen {path} kunde inte uppdateras till den nya versionen ({detail}). Inget har ändrats; kontakta förvaltningen av Portfölj."
    )]
    Migration { path: PathBuf, detail: String },
    #[error("Databasen innehåller ett ogiltigt värde i {what}: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("Databasfel: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, e: rusqlite::Error) -> Self {
        Self::Open { path: path.to_owned(), detail: e.to_string() }
    }

    pub(crate) fn damaged(path: &Path, e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Self::NotADatabase(path.to_owned()),
            _ => Self::Damaged { path: path.to_owned(), detail: e.to_string() },
        }
    }

    pub(crate) fn corrupt(what: &'static str, detail: impl ToString) -> Self {
        Self::Corrupt { what, detail: detail.to_string() }
    }
}
