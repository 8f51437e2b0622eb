//! Where the desktop app keeps its database: the platform's data directory, or one the person
//! chose under Inställningar, remembered in `settings.json` in the config directory (outside
//! the data it points to). A new choice takes effect at the next start; the data in the old
//! directory stays where it is. The environment variable `PORTFOLJ_DB` (tests, `cargo xtask
//! run`) names the database outright and wins over the choice while it is set.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dto::DataDirDto;
use crate::{ApiError, ErrorCode};

/// The database's file name in a data directory.
pub const DATABASE_FILE: &str = "portfolj.db";

const SETTINGS_FILE: &str = "settings.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Saved {
    data_dir: Option<PathBuf>,
}

/// The environment variable that names the database and wins over the chosen directory.
pub const DATABASE_VARIABLE: &str = "PORTFOLJ_DB";

/// The data directory settings of one desktop user.
#[derive(Debug, Clone)]
pub struct DataDirs {
    settings: PathBuf,
    default: PathBuf,
    /// The database `PORTFOLJ_DB` names, when it is set.
    forced: Option<PathBuf>,
}

fn storage(what: String) -> ApiError {
    ApiError::new(ErrorCode::Storage, what)
}

impl DataDirs {
    pub fn new(config_dir: &Path, default: &Path) -> Self {
        Self { settings: config_dir.join(SETTINGS_FILE), default: default.to_path_buf(), forced: None }
    }

    /// The same settings with the database named by `PORTFOLJ_DB`, when it is set (`value`).
    #[must_use]
    pub fn with_variable(self, value: Option<std::ffi::OsString>) -> Self {
        Self { forced: value.filter(|v| !v.is_empty()).map(PathBuf::from), ..self }
    }

    /// The chosen directory, or the default when none is chosen or the settings cannot be read.
    pub fn chosen(&self) -> PathBuf {
        let saved = match std::fs::read(&self.settings) {
            Ok(bytes) => serde_json::from_slice::<Saved>(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, file = %self.settings.display(), "unreadable settings; the default data directory is used");
                Saved::default()
            }),
            Err(_) => Saved::default(),
        };
        saved.data_dir.unwrap_or_else(|| self.default.clone())
    }

    /// The database `PORTFOLJ_DB` names, or the one in the chosen directory, which is
    /// created if missing.
    pub fn database(&self) -> Result<PathBuf, ApiError> {
        if let Some(forced) = &self.forced {
            return Ok(forced.clone());
        }
        let dir = self.chosen();
        std::fs::create_dir_all(&dir)
            .map_err(|e| storage(format!("Kunde inte skapa datakatalogen {}: {e}.", dir.display())))?;
        Ok(dir.join(DATABASE_FILE))
    }

    pub fn describe(&self, current_database: &Path) -> DataDirDto {
        let current = current_database.parent().map_or_else(|| current_database.to_path_buf(), Path::to_path_buf);
        DataDirDto {
            current: current.display().to_string(),
            next: self.chosen().display().to_string(),
            default: self.default.display().to_string(),
            variable: self.forced.as_ref().map(|p| p.display().to_string()),
        }
    }

    /// Chooses `dir` for the next start: a full path to a directory this user may write in
    /// (created if missing). An empty `dir` goes back to the default.
    pub fn choose(&self, dir: &str, current_database: &Path) -> Result<DataDirDto, ApiError> {
        let dir = dir.trim();
        let saved = if dir.is_empty() {
            Saved::default()
        } else {
            let path = PathBuf::from(dir);
            if !path.is_absolute() {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    format!(
                        "Skriv hela sökvägen till datakatalogen, till exempel /home/karin/Portfölj, inte \"{dir}\"."
                    ),
                ));
            }
            std::fs::create_dir_all(&path).map_err(|e| {
                storage(format!("Kunde inte skapa {}: {e}. Välj en katalog du får skriva i.", path.display()))
            })?;
            let probe = path.join(".portfolj-skrivtest");
            std::fs::write(&probe, b"").and_then(|()| std::fs::remove_file(&probe)).map_err(|e| {
                storage(format!("Portfölj får inte skriva i {}: {e}. Välj en katalog du får skriva i.", path.display()))
            })?;
            Saved { data_dir: Some(path) }
        };
        let folder = self.settings.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder).map_err(|e| storage(format!("Kunde inte skapa {}: {e}.", folder.display())))?;
        // Written whole, then moved in place, so a crash never leaves half a settings file.
        let text = serde_json::to_vec_pretty(&saved).map_err(|e| storage(e.to_string()))?;
        let temporary = self.settings.with_extension("json.tmp");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, &self.settings))
            .map_err(|e| storage(format!("Kunde inte spara inställningen i {}: {e}.", self.settings.display())))?;
        Ok(self.describe(current_database))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs() -> (tempfile::TempDir, DataDirs) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dirs = DataDirs::new(&tmp.path().join("config"), &tmp.path().join("data"));
        (tmp, dirs)
    }

    #[test]
    fn without_a_choice_the_database_is_in_the_default_directory() {
        let (tmp, dirs) = dirs();
        assert_eq!(dirs.database().expect("database"), tmp.path().join("data").join(DATABASE_FILE));
        assert!(tmp.path().join("data").is_dir());
    }

    #[test]
    fn a_chosen_directory_is_used_from_the_next_start_and_an_empty_choice_goes_back() {
        let (tmp, dirs) = dirs();
        let current = dirs.database().expect("database");
        let chosen = tmp.path().join("delad").join("Portfölj");
        let shown = dirs.choose(&chosen.display().to_string(), &current).expect("chosen");
        assert_eq!(shown.current, tmp.path().join("data").display().to_string());
        assert_eq!(shown.next, chosen.display().to_string());
        assert!(chosen.is_dir());
        assert_eq!(dirs.database().expect("database"), chosen.join(DATABASE_FILE));
        let back = dirs.choose("  ", &current).expect("default");
        assert_eq!(back.next, back.default);
    }

    #[test]
    fn a_relative_or_unwritable_directory_is_refused_and_the_choice_stays() {
        let (tmp, dirs) = dirs();
        let current = dirs.database().expect("database");
        let e = dirs.choose("Portfölj", &current).expect_err("relative");
        assert_eq!(e.code.as_str(), "validation");
        assert!(e.message.contains("hela sökvägen"), "{}", e.message);
        let file = tmp.path().join("en-fil");
        std::fs::write(&file, b"x").expect("file");
        let e = dirs.choose(&file.join("under").display().to_string(), &current).expect_err("not a directory");
        assert_eq!(e.code.as_str(), "storage");
        assert_eq!(dirs.chosen(), tmp.path().join("data"));
    }

    #[test]
    fn the_variable_names_the_database_and_wins_over_the_choice_while_it_is_set() {
        let (tmp, dirs) = dirs();
        let named = tmp.path().join("prov").join("demo.db");
        let forced = dirs.clone().with_variable(Some(named.clone().into_os_string()));
        let chosen = tmp.path().join("vald");
        let shown = forced.choose(&chosen.display().to_string(), &named).expect("kept for later");
        assert_eq!(forced.database().expect("database"), named, "the variable wins");
        assert_eq!(shown.variable, Some(named.display().to_string()));
        assert_eq!(shown.next, chosen.display().to_string(), "the choice is kept for a start without it");
        assert_eq!(dirs.with_variable(Some("".into())).database().expect("database"), chosen.join(DATABASE_FILE));
    }

    #[test]
    fn a_damaged_settings_file_falls_back_to_the_default() {
        let (tmp, dirs) = dirs();
        std::fs::create_dir_all(tmp.path().join("config")).expect("config");
        std::fs::write(tmp.path().join("config").join(SETTINGS_FILE), b"{inte json").expect("write");
        assert_eq!(dirs.chosen(), tmp.path().join("data"));
    }
}
