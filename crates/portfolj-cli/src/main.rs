//! `portfolj`: the command line over Portfölj's API facade.
//!
//! Every subcommand turns its flags into one `Api::call` and prints the result, as a
//! table for people or, with `--json`, as JSON for scripts. No domain logic lives here.

mod commands;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use portfolj_api::Api;

#[derive(Debug, Parser)]
#[command(
    name = "portfolj",
    version,
    about = "Portfölj – stadens portfölj för it-investeringar, från idé till hemtagen nytta."
)]
struct Cli {
    /// The database file. Default: portfolj.db in the platform data directory.
    #[arg(long, global = true, env = "PORTFOLJ_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Print JSON instead of tables (every read command).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: commands::Command,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PORTFOLJ_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    // Commands that need no database run before one is opened.
    if let commands::Command::Valuation { command } = &cli.command
        && !commands::valuation::needs_database(command)
    {
        return match commands::valuation::run(command, cli.json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => output::error(&e, cli.json),
        };
    }
    let path = match cli.db.clone().map_or_else(default_db_path, Ok) {
        Ok(path) => path,
        Err(message) => return output::fail(&message),
    };
    let api = match Api::open(&path) {
        Ok(api) => api,
        Err(e) => return output::error(&e, cli.json),
    };
    match commands::run(api, cli.command, cli.json, &path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => output::error(&e, cli.json),
    }
}

/// portfolj.db in the platform's data directory (on Linux ~/.local/share/portfolj/).
fn default_db_path() -> Result<PathBuf, String> {
    let dirs = directories::ProjectDirs::from("se", "Stockholms stad", "Portfolj")
        .ok_or("Hittar ingen hemkatalog för data. Ange databasen med --db FIL.")?;
    std::fs::create_dir_all(dirs.data_dir())
        .map_err(|e| format!("Kunde inte skapa {}: {e}. Ange databasen med --db FIL.", dirs.data_dir().display()))?;
    Ok(dirs.data_dir().join("portfolj.db"))
}
