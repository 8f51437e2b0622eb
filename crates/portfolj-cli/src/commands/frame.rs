//! `portfolj frame`: the frames per portfolio and year, their changes and why.

use clap::Subcommand;
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum FrameCommand {
    /// Every frame, by portfolio and year.
    List,
    /// (Projektkontoret) Change a frame, saying why: --part innovation=9000000 per sub-frame.
    Set {
        #[arg(long)]
        portfolio: u8,
        #[arg(long)]
        year: i32,
        /// Kronor.
        #[arg(long)]
        amount: String,
        /// PART=KRONOR, PART one of innovation, improvement, management.
        #[arg(long = "part")]
        parts: Vec<String>,
        #[arg(long)]
        reason: String,
    },
    /// Every recorded change of one frame.
    History {
        #[arg(long)]
        portfolio: u8,
        #[arg(long)]
        year: i32,
    },
}

fn part(text: &str) -> Result<Value, ApiError> {
    text.split_once('=').map(|(part, amount)| json!({ "part": part.trim(), "amount": amount.trim() })).ok_or_else(
        || ApiError::new(ErrorCode::BadArguments, format!("Ange delramen som DEL=KRONOR, inte \"{text}\".")),
    )
}

pub fn run(api: &Api, command: FrameCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        FrameCommand::List => api.call("frame.list", Value::Null)?,
        FrameCommand::Set { portfolio, year, amount, parts, reason } => {
            let sub_frames = parts.iter().map(|p| part(p)).collect::<Result<Vec<_>, _>>()?;
            api.call(
                "frame.set",
                json!({ "portfolio": portfolio, "year": year, "amount": amount, "sub_frames": sub_frames, "reason": reason }),
            )?
        }
        FrameCommand::History { portfolio, year } => {
            api.call("frame.history", json!({ "portfolio": portfolio, "year": year }))?
        }
    };
    if json || !result.is_array() {
        output::json(&result);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items(&result)
        .iter()
        .map(|f| {
            let subs: Vec<String> =
                items(&f["sub_frames"]).iter().map(|s| format!("{} {}", text(s, "part"), text(s, "amount"))).collect();
            let first =
                f["version"].as_u64().map_or_else(|| format!("{} {}", f["portfolio"], f["year"]), |v| v.to_string());
            vec![first, text(f, "amount").to_owned(), subs.join(", "), f["reason"].as_str().unwrap_or("").to_owned()]
        })
        .collect();
    output::table(&["Ram", "Belopp", "Delramar", "Skäl"], &rows);
    Ok(())
}
