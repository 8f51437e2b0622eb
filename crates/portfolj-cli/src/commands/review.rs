//! `portfolj review`: beredning rounds, members, jäv, scores and the round's summary.

use clap::Subcommand;
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// (Projektkontoret) Open the round of a portfolio and year.
    Round {
        #[arg(long)]
        portfolio: u8,
        #[arg(long)]
        year: i32,
    },
    /// Every round.
    Rounds,
    /// (Projektkontoret) Appoint a member (id or e-mail) to a round's group.
    Member {
        #[arg(long)]
        round: String,
        person: String,
    },
    /// Declare jäv (your own, or — projektkontoret — a member's with --person).
    Jav {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
        /// personal_relation, economic_interest or other
        #[arg(long)]
        kind: String,
        #[arg(long)]
        motivation: String,
        #[arg(long)]
        person: Option<String>,
    },
    /// Score an application: --criteria '{"fit":{"level":4,"comment":"…"},…}'.
    Score {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
        #[arg(long)]
        criteria: String,
    },
    /// Per application: mean, median, spread, flags, jäv and missing members.
    Summary {
        #[arg(long)]
        round: String,
    },
}

pub fn run(api: &Api, command: ReviewCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        ReviewCommand::Round { portfolio, year } => {
            api.call("review.round.create", json!({ "portfolio": portfolio, "year": year }))?
        }
        ReviewCommand::Rounds => api.call("review.rounds", Value::Null)?,
        ReviewCommand::Member { round, person } => {
            api.call("review.member.add", json!({ "round_id": round, "person_id": person }))?
        }
        ReviewCommand::Jav { round, application, kind, motivation, person } => api.call(
            "review.jav.declare",
            json!({ "round_id": round, "application_id": application, "kind": kind, "motivation": motivation, "person_id": person }),
        )?,
        ReviewCommand::Score { round, application, criteria } => {
            let criteria: Value = serde_json::from_str(&criteria).map_err(|e| {
                ApiError::new(ErrorCode::BadArguments, format!("--criteria är inte giltig JSON: {e}"))
            })?;
            api.call("review.score", json!({ "round_id": round, "application_id": application, "criteria": criteria }))?
        }
        ReviewCommand::Summary { round } => api.call("review.summary", json!({ "id": round }))?,
    };
    if json {
        output::json(&result);
    } else if let Some(rows) = result["rows"].as_array() {
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let figure = |key: &str| r[key].as_str().unwrap_or("–").replace('.', ",");
                let missing: Vec<&str> = items(&r["missing"]).iter().filter_map(Value::as_str).collect();
                vec![
                    text(r, "title").to_owned(),
                    if r["hidden"] == true { "dolt (jäv)".to_owned() } else { r["scores"].to_string() },
                    figure("mean"),
                    figure("median"),
                    figure("spread"),
                    if r["disagreement"] == true { "oenighet" } else { "" }.to_owned(),
                    missing.join(", "),
                ]
            })
            .collect();
        output::table(&["Ansökan", "Bedömningar", "Medel", "Median", "Spridning", "Flagga", "Saknas"], &table);
    } else if let Some(rounds) = result.as_array() {
        let table: Vec<Vec<String>> = rounds
            .iter()
            .map(|r| {
                vec![
                    text(r, "id").to_owned(),
                    r["portfolio"].to_string(),
                    r["year"].to_string(),
                    items(&r["members"]).len().to_string(),
                    r["applications"].to_string(),
                ]
            })
            .collect();
        output::table(&["Id", "Portfölj", "År", "Ledamöter", "Ansökningar"], &table);
    } else {
        output::json(&result);
    }
    Ok(())
}
