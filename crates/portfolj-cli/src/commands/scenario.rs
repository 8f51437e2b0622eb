//! `portfolj scenario`: the projektkontor's named prioritisation scenarios, compared side by
//! side, and the one adopted as the portfolio's proposal (förslag) for the year.

use clap::Subcommand;
use portfolj_api::{Api, ApiError};
use serde_json::{Value, json};

use super::prioritise::{SettingsArgs, settings};
use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Save a scenario under a name (again with --id to change it).
    Save {
        #[arg(long)]
        name: String,
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// A portfolio's scenarios for a year.
    List {
        #[arg(long)]
        portfolio: u8,
        #[arg(long)]
        year: i32,
    },
    /// Scenarios side by side (by id): which applications each one chooses.
    Compare {
        ids: Vec<String>,
    },
    Delete {
        id: String,
    },
    /// Adopt a scenario's selection as the portfolio's proposal for the year.
    Adopt {
        id: String,
    },
    /// The proposal adopted for a portfolio and year.
    Proposal {
        #[arg(long)]
        portfolio: u8,
        #[arg(long)]
        year: i32,
    },
}

fn proposal_table(p: &Value) {
    output::line(&format!(
        "Förslag version {} från scenariot \"{}\", antaget av {}: {} kr.",
        p["version"],
        text(p, "scenario_name"),
        text(p, "adopted_by"),
        text(p, "total")
    ));
    let rows: Vec<Vec<String>> = items(&p["items"])
        .iter()
        .map(|i| vec![i["rank"].to_string(), text(i, "title").to_owned(), text(i, "amount").to_owned()])
        .collect();
    output::table(&["Nr", "Ansökan", "Belopp"], &rows);
}

pub fn run(api: &Api, command: ScenarioCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        ScenarioCommand::Save { name, id, settings: args } => {
            api.call("scenario.save", json!({ "id": id, "name": name, "settings": settings(&args)? }))?
        }
        ScenarioCommand::List { portfolio, year } => {
            api.call("scenario.list", json!({ "portfolio": portfolio, "year": year }))?
        }
        ScenarioCommand::Compare { ids } => api.call("scenario.compare", json!({ "ids": ids }))?,
        ScenarioCommand::Delete { id } => api.call("scenario.delete", json!({ "id": id }))?,
        ScenarioCommand::Adopt { id } => api.call("proposal.adopt", json!({ "scenario_id": id }))?,
        ScenarioCommand::Proposal { portfolio, year } => {
            api.call("proposal.get", json!({ "portfolio": portfolio, "year": year }))?
        }
    };
    if json {
        output::json(&result);
    } else if result.get("items").is_some() {
        proposal_table(&result);
    } else if let Some(rows) = result.get("rows") {
        let names: Vec<&str> = items(&result["scenarios"]).iter().map(|s| text(&s["scenario"], "name")).collect();
        let mut header = vec!["Ansökan", "Belopp"];
        header.extend(names);
        let mark = |c: &Value| match c.as_bool() {
            Some(true) => "med",
            Some(false) => "",
            None => "går ej",
        };
        let table: Vec<Vec<String>> = items(rows)
            .iter()
            .map(|r| {
                let mut row = vec![text(r, "title").to_owned(), text(r, "amount").to_owned()];
                row.extend(items(&r["chosen"]).iter().map(|c| mark(c).to_owned()));
                row
            })
            .collect();
        output::table(&header, &table);
        for s in items(&result["scenarios"]) {
            if let Some(refusal) = s["refusal"].as_str() {
                output::line(&format!("{}: {refusal}", text(&s["scenario"], "name")));
            }
        }
    } else if let Some(list) = result.as_array() {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|s| vec![text(s, "id").to_owned(), text(s, "name").to_owned(), text(s, "saved_by").to_owned()])
            .collect();
        output::table(&["Id", "Namn", "Sparat av"], &rows);
    } else if result.is_null() {
        output::line("Inget förslag är antaget för portföljen och året.");
    } else if let Some(name) = result["name"].as_str() {
        output::line(&format!("Scenariot \"{name}\" är sparat (id {}).", text(&result, "id")));
    } else {
        output::line("Klart.");
    }
    Ok(())
}
