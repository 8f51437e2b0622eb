//! `portfolj decision`: the stadsdirektör's decisions, as the projektkontor records them.

use clap::Subcommand;
use portfolj_api::{Api, ApiError};
use serde_json::json;

use super::{DocumentOut, items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// (Projektkontoret) Record a decision on a proposed application; again with --reason
    /// to correct it (the earlier version is kept).
    Record {
        application: String,
        /// granted, rejected or referred_back
        #[arg(long)]
        kind: String,
        /// Kronor; only for granted.
        #[arg(long)]
        amount: Option<String>,
        /// Diarienummer.
        #[arg(long = "case")]
        case_number: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The decider's id or e-mail address.
        #[arg(long)]
        decider: String,
        #[arg(long, default_value = "")]
        conditions: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Every version of an application's decision.
    List { application: String },
    /// The decision notice (beslutsmeddelande) for the applying unit, as PDF.
    Notice {
        application: String,
        #[command(flatten)]
        document: DocumentOut,
    },
}

pub fn run(api: &Api, command: DecisionCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        DecisionCommand::Record { application, kind, amount, case_number, date, decider, conditions, reason } => api
            .call(
                "decision.record",
                json!({ "application_id": application, "kind": kind, "granted_amount": amount,
                    "case_number": case_number, "decided_on": date, "decider_id": decider,
                    "conditions": conditions, "reason": reason }),
            )?,
        DecisionCommand::List { application } => api.call("decision.list", json!({ "id": application }))?,
        DecisionCommand::Notice { application, document } => {
            return document.write(api, "decision.notice", json!({ "id": application }), json);
        }
    };
    if json {
        output::json(&result);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items(&result)
        .iter()
        .map(|d| {
            vec![
                d["version"].to_string(),
                text(d, "kind_sv").to_owned(),
                d["granted_amount"].as_str().unwrap_or("–").to_owned(),
                text(d, "case_number").to_owned(),
                text(d, "decided_on").to_owned(),
                text(d, "decider").to_owned(),
                text(d, "reason").to_owned(),
            ]
        })
        .collect();
    output::table(&["Version", "Beslut", "Belopp", "Diarienummer", "Datum", "Beslutsfattare", "Skäl"], &rows);
    Ok(())
}
