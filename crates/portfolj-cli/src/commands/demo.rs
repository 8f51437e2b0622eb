//! `portfolj demo init`: a demo database to try every role in.

use std::path::Path;

use clap::{Subcommand, ValueEnum};
use portfolj_api::{Api, ApiError};
use serde_json::json;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Fill a new, empty database with a whole demo programme.
    Init {
        #[arg(long, value_enum, default_value_t = Scale::Small)]
        scale: Scale,
        /// The same seed always gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Scale {
    /// About 40 applications in every portfolio, category and state
    Small,
    /// 2 000 applications
    City,
    /// 200 000 applications
    National,
}

pub fn run(api: &Api, command: DemoCommand, json: bool, db: &Path) -> Result<(), ApiError> {
    let DemoCommand::Init { scale, seed } = command;
    let scale = match scale {
        Scale::Small => "small",
        Scale::City => "city",
        Scale::National => "national",
    };
    let summary = api.call("demo.init", json!({ "scale": scale, "seed": seed }))?;
    if json {
        output::json(&summary);
    } else {
        output::line(&format!(
            "Demodatabasen {} är skapad: {} ansökningar, {} enheter, {} personer, {} ramar. Du agerar som {}.",
            db.display(),
            summary["applications"],
            summary["units"],
            summary["people"],
            summary["frames"],
            summary["acting_person"].as_str().unwrap_or_default()
        ));
    }
    Ok(())
}
