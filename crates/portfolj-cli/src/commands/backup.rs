//! `portfolj backup` and `portfolj restore`: safety copies of the database.

use clap::Args;
use portfolj_api::{Api, ApiError};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// List the copies instead of taking one.
    #[arg(long)]
    list: bool,
}

pub fn backup(api: &Api, args: &BackupArgs, json: bool) -> Result<(), ApiError> {
    if args.list {
        let list = api.call("backup.list", Value::Null)?;
        if json {
            output::json(&list);
            return Ok(());
        }
        let rows: Vec<Vec<String>> = items(&list)
            .iter()
            .map(|b| {
                vec![
                    text(b, "file_name").to_owned(),
                    text(b, "created_at").to_owned(),
                    format!("{} kB", b["kilobytes"]),
                ]
            })
            .collect();
        output::table(&["Fil", "Skapad", "Storlek"], &rows);
        return Ok(());
    }
    let made = api.call("backup.create", Value::Null)?;
    if json {
        output::json(&made);
    } else {
        output::line(&format!("Säkerhetskopia sparad: {}", text(&made, "path")));
    }
    Ok(())
}

pub fn restore(api: &Api, file_name: &str, json: bool) -> Result<(), ApiError> {
    let before = api.call("backup.restore", json!({ "file_name": file_name }))?;
    if json {
        output::json(&before);
    } else {
        output::line(&format!(
            "Databasen är återställd från {file_name}. Läget före återställningen finns i {}.",
            text(&before, "file_name")
        ));
    }
    Ok(())
}
