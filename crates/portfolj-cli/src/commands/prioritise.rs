//! `portfolj prioritize`: the best selection within a portfolio's frame for a year, and
//! why each other application is left out.

use clap::Args;
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Args)]
pub struct PrioritiseArgs {
    #[command(flatten)]
    settings: SettingsArgs,
    /// Run a saved scenario (by name or id) instead of the flags above.
    #[arg(long)]
    scenario: Option<String>,
    /// Also the efficient frontier, in steps of this many percent of the frame.
    #[arg(long)]
    frontier: Option<u32>,
}

/// A prioritisation's portfolio, year, frame, objective and forced choices.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    #[arg(long)]
    portfolio: u8,
    #[arg(long)]
    year: i32,
    /// score (the group's mean), npv or combined
    #[arg(long, default_value = "score")]
    objective: String,
    /// With --objective combined: the score's share in percent (the rest is NPV).
    #[arg(long)]
    score_weight: Option<u32>,
    /// Another frame than the recorded one, in kronor.
    #[arg(long)]
    frame: Option<String>,
    #[arg(long = "force-in")]
    force_in: Vec<String>,
    #[arg(long = "force-out")]
    force_out: Vec<String>,
    /// A:B — A can only be chosen together with B.
    #[arg(long)]
    requires: Vec<String>,
    /// A:B — not both.
    #[arg(long)]
    excludes: Vec<String>,
}

fn pairs(list: &[String]) -> Result<Vec<Value>, ApiError> {
    list.iter()
        .map(|p| {
            p.split_once(':')
                .map(|(a, b)| json!({ "application_id": a.trim(), "other_id": b.trim() }))
                .ok_or_else(|| ApiError::new(ErrorCode::BadArguments, format!("Ange paret som A:B, inte \"{p}\".")))
        })
        .collect()
}

/// The flags as `prioritise.run`'s arguments (also a scenario's settings).
pub(crate) fn settings(args: &SettingsArgs) -> Result<Value, ApiError> {
    Ok(json!({
        "portfolio": args.portfolio, "year": args.year, "objective": args.objective,
        "score_weight_percent": args.score_weight, "frame": args.frame,
        "forced_in": args.force_in, "forced_out": args.force_out,
        "requires": pairs(&args.requires)?, "excludes": pairs(&args.excludes)?,
    }))
}

pub fn run(api: &Api, args: &PrioritiseArgs, json: bool) -> Result<(), ApiError> {
    let mut call = match &args.scenario {
        Some(wanted) => {
            let saved =
                api.call("scenario.list", json!({ "portfolio": args.settings.portfolio, "year": args.settings.year }))?;
            items(&saved)
                .iter()
                .find(|s| s["name"] == wanted.as_str() || s["id"] == wanted.as_str())
                .map(|s| s["settings"].clone())
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        format!("Inget scenario \"{wanted}\" för portföljen och året; se portfolj scenario list."),
                    )
                })?
        }
        None => settings(&args.settings)?,
    };
    call["frontier_step"] = json!(args.frontier);
    let result = api.call("prioritise.run", call)?;
    if json {
        output::json(&result);
        return Ok(());
    }
    output::line(&format!(
        "Ram {} kr, valt {} kr, kvar {} kr, värde {}.",
        text(&result, "frame"),
        text(&result, "cost"),
        text(&result, "remaining"),
        text(&result, "value")
    ));
    let rows: Vec<Vec<String>> = items(&result["rows"])
        .iter()
        .map(|r| {
            vec![
                if r["chosen"] == true { "med" } else { "" }.to_owned(),
                text(r, "title").to_owned(),
                text(r, "amount").to_owned(),
                text(r, "value").to_owned(),
                r["reason"].as_str().unwrap_or("").to_owned(),
            ]
        })
        .collect();
    output::table(&["Val", "Ansökan", "Belopp", "Värde", "Skäl"], &rows);
    Ok(())
}
